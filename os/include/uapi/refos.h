/*
 * The refos user ABI: everything kernel and user programs must agree on.
 * Syscall numbers live in the generated syscall_nr.h next to this file.
 * Types are spelled with fixed widths so the layout is the same on both sides.
 */
#pragma once
#include <stdint.h>
#include "uapi/syscall_nr.h"
#include "uapi/rf_counters.h"

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
/* A process has room for this many workload tasks as threads (and the
 * main one). */
#define RF_MAX_TASKS   1024
#define RF_NOFILE      4096   /* fds per process: a pipe for each of RF_MAX_TASKS
                                 * tasks (sync echo; or 512 pingpong pairs, two
                                 * each), with room for more */
#define RF_MAX_ARGS    32
#define RF_MAX_ARGLEN  1024   /* all argv strings together */

/* Exit status of a process the kernel killed because it faulted. */
#define RF_STATUS_KILLED 255
/* Status the machine powers off with when init cannot be started (as a
 * shell says of a command it cannot find). */
#define RF_STATUS_NO_INIT 127

#define RF_NCOUNTERS (sizeof(struct rf_hart_stats) / sizeof(uint64_t))

/* The rate of the time CSR (QEMU virt), which stats() reports in `time`. */
#define RF_TIMEBASE_HZ 10000000UL

struct rf_stats {
	uint64_t nharts;      /* harts running the kernel */
	uint64_t free_pages;  /* the page allocator's free count */
	uint64_t time;        /* the time CSR (10 MHz on QEMU virt) */
	uint64_t instret;     /* the instret CSR: all harts together under icount */
	uint64_t hz;          /* timer ticks per second (0: no tick) */
	char sqmode[16];      /* where rings are served: enter, worker, poller */
	struct rf_hart_stats hart[RF_MAX_HARTS];
};

/*
 * System call ABI: a7 holds the number, a0..a5 the arguments, a0 the result
 * (negative errno on error). Like a function call, a system call may change
 * the caller-saved registers t0-t6 and a1-a7 (the kernel uses that freedom
 * to run a user-interrupt handler on the way out of a call); ra, sp, gp, tp
 * and s0-s11 are preserved.
 */

/* ---- asynchronous rings ------------------------------------------------
 * ring_setup maps one shared area into the process: a header page, then the
 * submission entries, then the completion entries. Head and tail indexes are
 * free-running; slot = index & (entries - 1). The user writes sq_tail and
 * cq_head, the kernel sq_head and cq_tail; the kernel keeps its own copies
 * and treats everything in the shared area as hostile.
 */
#define RF_RING_MAX_ENTRIES 4096

enum rf_opcode { RF_OP_NOP, RF_OP_READ, RF_OP_WRITE, RF_OP_PIPE, RF_OP_CLOSE };

struct rf_sqe {
	uint8_t opcode;
	uint8_t flags;      /* none defined: must be 0 */
	uint16_t rsvd;
	int32_t fd;
	uint64_t addr;      /* READ/WRITE: buffer; PIPE: int[2] for the fds */
	uint32_t len;
	uint32_t rsvd2;
	uint64_t user_data; /* copied to the completion */
};
/* The user library writes an SQE as four 64-bit words and the kernel copies
 * it as four: opcode, flags, rsvd and fd share the first. */
_Static_assert(sizeof(struct rf_sqe) == 32 && __builtin_offsetof(struct rf_sqe, fd) == 4 &&
	       __builtin_offsetof(struct rf_sqe, addr) == 8 && __builtin_offsetof(struct rf_sqe, len) == 16 &&
	       __builtin_offsetof(struct rf_sqe, user_data) == 24, "rf_sqe: four words");

struct rf_cqe {
	uint64_t user_data;
	int64_t res;        /* as the sync call would return */
};

struct rf_ring_shared {
	uint32_t sq_head;   /* kernel: next entry it will consume */
	uint32_t sq_tail;   /* user: one past the last entry submitted */
	uint32_t cq_head;   /* user: next completion it will consume */
	uint32_t cq_tail;   /* kernel: one past the last completion posted */
	uint32_t flags;     /* kernel: RF_RING_NEED_WAKEUP */
	uint32_t overflow;  /* kernel: completions waiting for CQ room */
	uint32_t uintr_seq; /* kernel: bumped at each user interrupt sent */
	uint32_t rsvd;
};

#define RF_RING_NEED_WAKEUP 1u   /* the poller sleeps: ring_enter(.., RF_ENTER_SQ_WAKEUP) */

/* Completion posted for a broken submission ring (scribbled indexes). */
#define RF_USER_DATA_RING_ERROR (~0ULL)

enum rf_notify { RF_NOTIFY_POLL, RF_NOTIFY_WAIT, RF_NOTIFY_UINTR };
enum rf_sqmode { RF_SQMODE_ENTER, RF_SQMODE_WORKER, RF_SQMODE_POLLER };

struct rf_ring_params {
	uint32_t notify;     /* in: enum rf_notify */
	uint32_t sqmode;     /* out: enum rf_sqmode, as booted */
	uint32_t sq_entries; /* out */
	uint32_t cq_entries; /* out: twice sq_entries */
	uint64_t ring_addr;  /* out: the shared area */
	uint64_t ring_size;  /* out */
	uint64_t sqes_off;   /* out: offset of the SQE array */
	uint64_t cqes_off;   /* out: offset of the CQE array */
};

/* ring_enter flags */
#define RF_ENTER_GETEVENTS 1u  /* wait until min_complete completions are ready */
#define RF_ENTER_SQ_WAKEUP 2u  /* wake a sleeping poller */
