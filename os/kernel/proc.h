/* Harts, threads and processes. */
#pragma once
#include "types.h"
#include "spinlock.h"
#include "list.h"
#include "uapi/refos.h"

#define NPROC    64
#define NTHREAD  1200
#define KSTACK_SIZE 8192
#define MAX_THREADS_PER_PROC (RF_MAX_TASKS + 64)   /* every task, the main thread, spare */
_Static_assert(MAX_THREADS_PER_PROC % 8 == 0, "stack_slots is a bitmap of whole bytes");
_Static_assert(RF_MAX_HARTS <= 64, "hart masks are one uint64");
_Static_assert(NTHREAD >= MAX_THREADS_PER_PROC + 2 * RF_MAX_HARTS,
	       "a full process still leaves each hart its idle and ring threads");

/* Registers saved on a trap from U-mode; trapvec.S uses them through
 * offsets.h (checked in trap.c). */
struct trapframe {
	uint64 ra, sp, gp, tp, t0, t1, t2, s0, s1, a0, a1, a2, a3, a4, a5, a6, a7,
		s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, t3, t4, t5, t6;
	uint64 epc;
};

/* Callee-saved registers kept across swtch(). */
struct context {
	uint64 ra, sp, s[12];
};

/* Threads sleeping on one object; the object's lock guards the list. */
struct waitq {
	struct list threads;
};

enum thread_state { T_UNUSED, T_EMBRYO, T_RUNNABLE, T_RUNNING, T_SLEEPING, T_ZOMBIE };

struct cpu;
struct proc;

struct thread {
	/* trapvec.S uses these two through offsets.h (TH_*, checked in trap.c). */
	uint64 kstack_top;        /* trapframe sits just below it */
	uint64 usp_scratch;       /* user sp, parked during trap entry */
	struct context ctx;
	struct cpu *cpu;          /* hart it runs or last ran on */
	struct proc *proc;        /* NULL for kernel threads */
	int tid;
	int pin_hart;             /* -1: any hart */
	/* Guarded by sched_lock: */
	enum thread_state state;
	struct list runq_link;
	struct list proc_link;    /* in proc->threads (guarded by proc lock) */
	struct waitq join_wq;     /* joiners sleep here (proc lock) */
	long exit_value;
	bool reap_on_switch;      /* free the slot once switched away from */
	bool joined;              /* a thread is joining it (proc lock) */
	/* Guarded by the lock of the object slept on: */
	struct list wq_link;
	struct waitq *sleeping_on;
	int stack_slot;           /* user stack slot, -1 for kernel threads */
	void (*kfn)(void *);      /* kernel threads: body and argument */
	void *karg;
	/* User-interrupt emulation (async rings): */
	uint64 uintr_sys, uintr_intr;  /* handler entries: after a syscall, after an interrupt */
	bool uintr_pending;       /* set by ring_notify (under sched_lock) */
	bool uintr_active;        /* in a handler entered from an interrupt */
	bool uintr_restored;      /* uintr_return ran in this trap: its frame is not a syscall's */
	struct trapframe uintr_saved;
};

struct cpu {
	struct rf_hart_stats st;  /* first: hot counters, plain increments */
	int hartid;
	bool started;
	struct thread *idle;
	struct thread *cur;
	uint64 satp;              /* currently loaded */
	struct thread *dead;      /* exited thread to free after the switch */
	struct proc *mm;          /* whose page table is loaded (NULL: kernel) */
	struct proc *mm_freed;    /* its page table was just freed: tell the parent */
	uint64 next_timer;
	/* TLB shootdown (vm.c): a request, and a count that is odd while this
	 * hart flushes and even again once it has */
	uint32 tlb_flush_req;
	uint64 tlb_gen;
};

enum proc_state { P_UNUSED, P_ALIVE, P_ZOMBIE };

struct proc {
	struct spinlock lock;     /* guards everything below but pid */
	int pid;
	enum proc_state state;
	char name[16];
	uint64 *pagetable;
	uint64 satp;
	uint64 heap_base, brk;
	struct proc *parent;
	struct waitq child_wq;    /* wait() sleeps here */
	struct list threads;
	int nthreads;             /* live (not zombie) threads */
	bool exiting;             /* exit() called or killed: threads must go */
	int exit_status;
	uint8 stack_slots[MAX_THREADS_PER_PROC / 8];   /* a bit per slot */
	struct file *ofile[RF_NOFILE];
	struct ring_ctx *ring;    /* async rings, once set up whole (release) */
	bool ring_claimed;        /* a ring_setup is under way */
	/* Guarded by sched_lock: */
	int mm_harts;             /* harts with this page table loaded */
	bool mm_dead;             /* free the page table when mm_harts is 0 */
	int shs_lane;             /* shared scheduler: its lane + 1, 0 for none */
};

extern struct cpu cpus[RF_MAX_HARTS];
extern int ncpus;
extern struct spinlock sched_lock;

static inline struct thread *current(void)
{
	struct thread *t;
	asm volatile("mv %0, tp" : "=r"(t));
	return t;
}

static inline struct cpu *mycpu(void) { return current()->cpu; }
static inline struct proc *myproc(void) { return current()->proc; }
