/*
 * Offsets the assembly uses (trapvec.S, swtch.S) into C structures, written
 * once here; proc.h and trap.c check each against the structure with
 * _Static_assert, so a field moved on one side fails the build.
 */
#pragma once

/* struct thread: trapvec.S finds the kernel stack and parks the user sp;
 * the fast path (fastpath=1) also reads the rest */
#define TH_KSTACK 0
#define TH_USP    8
#define TH_CPU    128
#define TH_PROC   136
#define TH_UINTR_PENDING 288   /* a byte */

/* struct proc and struct cpu, as the fast path reads them */
#define PROC_EXITING  116      /* a byte */
#define CPU_U_TRAPS   0        /* cpu.st.u_traps */
#define CPU_ECALLS    8        /* cpu.st.ecalls */

/* struct trapframe: every user register, then sepc */
#define TF_RA      0
#define TF_SP      8
#define TF_GP      16
#define TF_TP      24
#define TF_T0      32
#define TF_T1      40
#define TF_T2      48
#define TF_S0      56
#define TF_S1      64
#define TF_A0      72
#define TF_A1      80
#define TF_A2      88
#define TF_A3      96
#define TF_A4      104
#define TF_A5      112
#define TF_A6      120
#define TF_A7      128
#define TF_S2      136
#define TF_S3      144
#define TF_S4      152
#define TF_S5      160
#define TF_S6      168
#define TF_S7      176
#define TF_S8      184
#define TF_S9      192
#define TF_S10     200
#define TF_S11     208
#define TF_T3      216
#define TF_T4      224
#define TF_T5      232
#define TF_T6      240
#define TF_EPC     248
#define TF_SIZE    256   /* a multiple of 16: sp stays aligned */

/* struct kframe (trap.c): a trap taken in S-mode saves the caller-saved ones */
#define KF_RA      0
#define KF_T0      8
#define KF_T1      16
#define KF_T2      24
#define KF_T3      32
#define KF_T4      40
#define KF_T5      48
#define KF_T6      56
#define KF_A0      64
#define KF_A1      72
#define KF_A2      80
#define KF_A3      88
#define KF_A4      96
#define KF_A5      104
#define KF_A6      112
#define KF_A7      120
#define KF_EPC     128
#define KF_SSTATUS 136
#define KF_SIZE    144

/* struct context: what swtch() saves */
#define CX_RA  0
#define CX_SP  8
#define CX_S0  16
#define CX_S1  24
#define CX_S2  32
#define CX_S3  40
#define CX_S4  48
#define CX_S5  56
#define CX_S6  64
#define CX_S7  72
#define CX_S8  80
#define CX_S9  88
#define CX_S10 96
#define CX_S11 104
#define CX_SIZE 112
