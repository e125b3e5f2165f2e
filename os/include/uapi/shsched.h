/*
 * The shared scheduler (boot knob sched=shared): one scheduler whose code
 * the kernel and every participating address space run, over one task
 * queue that holds the ready tasks of all of them.
 *
 * A process joins with shared_attach(), which maps into it, at the same
 * addresses in every participant:
 *
 *   RF_SHS_CODE  one page of scheduler code, execute-only (the kernel runs
 *                the same bytes at its own address)
 *   RF_SHS_AREA  the header (written by the kernel only, read-only here),
 *                then one lane per participant: its own lane read-write,
 *                every other lane read-only
 *
 * A lane is one address space's share of the queue: a FIFO of task entries
 * per priority level (0 runs first). Its owner is the lane's number, which
 * only the kernel assigns; a page a process can write is only its own lane,
 * so scribbling on the queue costs the scribbler its own tasks and nothing
 * of anyone else's. The kernel reads lanes only as numbers (how many ready
 * at each level, bounded) and never writes one but to clear it.
 *
 * shs_pop() gives the next task of the caller's lane when the globally next
 * task is its own, and RF_SHS_POP_YIELD when it lives in another address
 * space: the caller then makes shared_yield(), and the kernel, running the
 * same pick over the same queue, switches straight to that space's
 * executor. A lane whose executor the timer had to take the hart from is
 * marked demoted in the header until it yields of its own accord; nobody
 * yields to a demoted lane, so a lane claiming ready tasks it never runs
 * gets only what the timer's round robin gives it.
 */
#pragma once
#include <stdint.h>

#define RF_SHS_CODE   0x3800000000UL   /* the scheduler's code page */
#define RF_SHS_AREA   0x3800010000UL   /* header page, then the lanes */
#define RF_SHS_LANES  8                /* address spaces that can take part */
#define RF_SHS_PRIOS  2                /* priority levels, 0 first */
#define RF_SHS_SLOTS  1024             /* entries per level: RF_MAX_TASKS */
#define RF_SHS_PAGE   4096

/* Entry points: the code page starts with a jump to each. */
#define RF_SHS_ENTRY_PICK 0
#define RF_SHS_ENTRY_POP  4
#define RF_SHS_ENTRY_PUSH 8

enum rf_shs_state { RF_SHS_FREE, RF_SHS_READY };

struct rf_shs_task {
	uint64_t handle;    /* the owner's: what to resume */
	uint32_t owner;     /* lane number of the address space it belongs to */
	uint8_t prio;
	uint8_t state;      /* enum rf_shs_state */
	uint16_t rsvd;
};

struct rf_shs_lane {
	uint32_t head[RF_SHS_PRIOS];   /* free-running: next entry to pop */
	uint32_t tail[RF_SHS_PRIOS];   /* free-running: one past the last pushed */
	uint8_t rsvd[RF_SHS_PAGE - 4 * 2 * RF_SHS_PRIOS];
	struct rf_shs_task slot[RF_SHS_PRIOS][RF_SHS_SLOTS];
};

#define RF_SHS_LANE_ACTIVE  1u   /* a live process owns the lane */
#define RF_SHS_LANE_DEMOTED 2u   /* the timer took the hart from it: not yielded to */

struct rf_shs_lane_info {
	int32_t pid;
	uint32_t flags;   /* RF_SHS_LANE_* */
};

struct rf_shs_header {
	uint32_t nlanes;
	uint32_t rsvd;
	struct rf_shs_lane_info lane[RF_SHS_LANES];
	uint8_t pad[RF_SHS_PAGE - 8 - 8 * RF_SHS_LANES];
};

struct rf_shs_area {
	struct rf_shs_header hdr;
	struct rf_shs_lane lane[RF_SHS_LANES];
};
_Static_assert(sizeof(struct rf_shs_lane) % RF_SHS_PAGE == 0 &&
	       sizeof(struct rf_shs_header) == RF_SHS_PAGE, "shared queue: whole pages");

/* shs_pop's answers */
#define RF_SHS_POP_TASK  0   /* *handle is the caller's next task */
#define RF_SHS_POP_YIELD 1   /* the next task is another address space's */
#define RF_SHS_POP_EMPTY 2   /* no task is ready anywhere */
#define RF_SHS_OWN_ONLY  1u  /* flag: look at the caller's lane only */

/* The lane holding the next task (the caller's own first at each level),
 * or -1. */
typedef int rf_shs_pick_fn(const volatile struct rf_shs_area *a, unsigned self, unsigned flags);
typedef int rf_shs_pop_fn(volatile struct rf_shs_area *a, unsigned self, unsigned flags,
			  uint64_t *handle);
/* 0, or -1 when the level is full or the arguments are out of range. */
typedef int rf_shs_push_fn(volatile struct rf_shs_area *a, unsigned self, uint64_t handle,
			   unsigned prio);
