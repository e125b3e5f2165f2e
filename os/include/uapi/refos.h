/*
 * The refos user ABI: everything kernel and user programs must agree on.
 * Syscall numbers live in the generated syscall_nr.h next to this file.
 * Types are spelled with fixed widths so the layout is the same on both sides.
 */
#pragma once
#include <stdint.h>
#include "uapi/syscall_nr.h"

/* Errors: syscalls return the negated value. Numbers follow Linux. */
#define RF_EPERM   1
#define RF_ENOENT  2
#define RF_ESRCH   3
#define RF_EINTR   4
#define RF_E2BIG   7
#define RF_EBADF   9
#define RF_ECHILD  10
#define RF_EAGAIN  11
#define RF_ENOMEM  12
#define RF_EFAULT  14
#define RF_EBUSY   16
#define RF_EEXIST  17
#define RF_EINVAL  22
#define RF_ENFILE  23
#define RF_EMFILE  24
#define RF_EPIPE   32
#define RF_ENOSYS  38
#define RF_EOVERFLOW 75

#define RF_MAX_HARTS   8
#define RF_PIPE_BUF    4096   /* writes up to this size are atomic */
#define RF_NOFILE      1024   /* fds per process */
#define RF_MAX_ARGS    32
#define RF_MAX_ARGLEN  1024   /* all argv strings together */

/* Exit status of a process the kernel killed because it faulted. */
#define RF_STATUS_KILLED 255

/*
 * Per-hart counters, written once here: the struct, the user-side names and
 * the @run keys are all generated from this list.
 */
#define RF_HART_COUNTERS(X)                                                   \
	X(u_traps)        /* traps taken from U-mode: U->S privilege switches */ \
	X(ecalls)         /* environment calls from U-mode */                    \
	X(timer_irqs)     /* supervisor timer interrupts, from U or S */         \
	X(ipis)           /* supervisor software interrupts received */          \
	X(ext_irqs)       /* supervisor external interrupts */                   \
	X(page_faults)    /* page faults from U-mode */                          \
	X(other_traps)    /* any other U-mode exception */                       \
	X(s_traps)        /* traps taken while already in S-mode */              \
	X(sbi_calls)      /* ecalls from S-mode to the SBI firmware (S->M) */    \
	X(ctx_switches)   /* a thread left the hart for another thread */        \
	X(ctx_forced)     /* ... of which forced by the timer (timeouts) */       \
	X(as_switches)    /* satp writes: address-space switches */              \
	X(ipis_sent)      /* IPIs this hart sent through SBI */                  \
	X(sqes)           /* submission entries consumed */                      \
	X(cqes)           /* completion entries posted */                        \
	X(enters)         /* ring_enter calls */                                 \
	X(batches)        /* non-empty passes over a submission ring */          \
	X(worker_wakeups) /* times a ring worker/poller thread was woken */      \
	X(uintr_sent)     /* user interrupts raised */                           \
	X(uintr_delivered)/* user interrupt handlers entered */                  \
	X(uintr_ipis)     /* IPIs sent only to deliver user interrupts */

struct rf_hart_stats {
#define RF_FIELD(name) uint64_t name;
	RF_HART_COUNTERS(RF_FIELD)
#undef RF_FIELD
};

#define RF_NCOUNTERS (sizeof(struct rf_hart_stats) / sizeof(uint64_t))

struct rf_stats {
	uint64_t nharts;      /* harts running the kernel */
	uint64_t free_pages;  /* the page allocator's free count */
	uint64_t time;        /* the time CSR (10 MHz on QEMU virt) */
	uint64_t instret;     /* the instret CSR: all harts together under icount */
	uint64_t hz;          /* timer ticks per second (0: no tick) */
	char sqmode[16];      /* where rings are served: enter, worker, poller */
	struct rf_hart_stats hart[RF_MAX_HARTS];
};
