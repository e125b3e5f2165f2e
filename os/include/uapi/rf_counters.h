/*
 * The per-hart counters of refos, written once: X(name, description). The
 * kernel's struct rf_hart_stats, the user library's names, the workload's
 * @run keys and the harness's columns of runs.csv (harness/columns.c, in
 * this order, each with this description) are all generated from it. It
 * needs nothing beyond stdint.h so that the host-side harness can take it.
 */
#pragma once
#include <stdint.h>

#define RF_HART_COUNTERS(X)                                                                     \
	X(u_traps, "traps taken from U-mode: U->S privilege switches, every cause")              \
	X(ecalls, "environment calls from U-mode: synchronous system calls, including "          \
		  "`ring_enter`")                                                                \
	X(timer_irqs, "supervisor timer interrupts, from U or S")                                \
	X(ipis, "supervisor software interrupts received")                                       \
	X(ext_irqs, "supervisor external interrupts")                                            \
	X(page_faults, "page faults from U-mode")                                                \
	X(other_traps, "any other U-mode exception")                                             \
	X(s_traps, "traps taken while already in S-mode")                                        \
	X(ctx_switches, "times a thread left a hart for another thread (kernel threads "         \
			"included)")                                                             \
	X(ctx_forced, "of those, switches the timer forced (a timeout)")                         \
	X(as_switches, "`satp` writes: address-space switches")                                  \
	X(sbi_calls, "ecalls from S-mode to the SBI firmware (S->M)")                            \
	X(ipis_sent, "IPIs sent through SBI")                                                    \
	X(sqes, "submission entries consumed")                                                   \
	X(cqes, "completion entries posted")                                                     \
	X(enters, "`ring_enter` calls")                                                          \
	X(batches, "non-empty passes over a submission ring")                                    \
	X(worker_wakeups, "times a ring worker or poller thread was woken")                      \
	X(uintr_sent, "user interrupts raised")                                                  \
	X(uintr_delivered, "user-interrupt handlers entered")                                    \
	X(uintr_ipis, "IPIs sent only to deliver a user interrupt to another hart")              \
	X(uintr_returns, "`uintr_return` calls: traps only the emulation costs")                 \
	X(shs_direct, "`shared_yield` calls that switched straight to another address "         \
		      "space's executor (`sched=shared`)")                                      \
	X(shs_timeouts, "timer ticks that ended a shared-scheduler participant's slice: "       \
			"timeouts, each demoting its lane (`sched=shared`)")

struct rf_hart_stats {
#define RF_FIELD(name, what) uint64_t name;
	RF_HART_COUNTERS(RF_FIELD)
#undef RF_FIELD
};
