// SPDX-License-Identifier: GPL-2.0
/*
 * sctrace.bpf.c - counts what one process does while its measured region is
 * open: system calls by number, context switches, irqs, page faults and
 * io_uring traffic (including its SQPOLL thread, which belongs to the same
 * thread group).
 *
 * tp_btf programs, not classic tracepoint ones: a classic program on
 * raw_syscalls:sys_enter that returns 0 makes `perf stat` read 0 for that
 * event, and the test suite compares our syscall count with perf's.
 */
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "sctrace.h"

const volatile __u32 targ_tgid = 0;
const volatile bool follow_forks = false;

/* Set and cleared by the loader through the mmap'ed .bss. */
bool active = false;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, SCTRACE_MAX_SYSCALLS);
	__type(key, __u32);
	__type(value, __u64);
} syscall_counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, SCTRACE_NR_COUNTERS);
	__type(key, __u32);
	__type(value, __u64);
} counters SEC(".maps");

/* Thread groups forked by the target (follow_forks only). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SCTRACE_MAX_TRACKED);
	__type(key, __u32);
	__type(value, __u8);
} tracked SEC(".maps");

/* task_struct::state was renamed __state in 5.14. */
struct task_struct___pre514 {
	long state;
} __attribute__((preserve_access_index));

static __always_inline bool traced_tgid(__u32 tgid)
{
	if (tgid == targ_tgid)
		return true;
	return follow_forks && bpf_map_lookup_elem(&tracked, &tgid);
}

static __always_inline bool traced_current(void)
{
	return active && traced_tgid(bpf_get_current_pid_tgid() >> 32);
}

static __always_inline void bump(__u32 idx)
{
	__u64 *v = bpf_map_lookup_elem(&counters, &idx);

	if (v)
		*v += 1;	/* per-CPU slot, programs do not migrate */
}

static __always_inline long task_state(struct task_struct *t)
{
	if (bpf_core_field_exists(t->__state))
		return BPF_CORE_READ(t, __state);
	return BPF_CORE_READ((struct task_struct___pre514 *)t, state);
}

SEC("tp_btf/sys_enter")
int BPF_PROG(count_syscall, struct pt_regs *regs, long id)
{
	__u32 key;
	__u64 *v;

	if (!traced_current())
		return 0;
	key = id < 0 || id >= SCTRACE_MAX_SYSCALLS ? SCTRACE_MAX_SYSCALLS - 1
						   : (__u32)id;
	v = bpf_map_lookup_elem(&syscall_counts, &key);
	if (v)
		*v += 1;
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(count_switch, bool preempt, struct task_struct *prev,
	     struct task_struct *next)
{
	if (!active || !traced_tgid(BPF_CORE_READ(prev, tgid)))
		return 0;
	/* The kernel's own rule for nvcsw/nivcsw: leaving the CPU to sleep
	 * is voluntary, being preempted while runnable is not. */
	bump(!preempt && task_state(prev) != 0 ? SCTRACE_CTX_VOL
					       : SCTRACE_CTX_INVOL);
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(follow_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 ptgid = BPF_CORE_READ(parent, tgid);
	__u32 ctgid = BPF_CORE_READ(child, tgid);
	__u8 one = 1;

	/* Forks happen before the region opens, so `active` is not checked. */
	if (follow_forks && ctgid != ptgid && traced_tgid(ptgid))
		bpf_map_update_elem(&tracked, &ctgid, &one, BPF_ANY);
	return 0;
}

/* Interrupts are charged to the task they interrupt. Device irqs go
 * through irq_handler_entry; on x86 the local timer and IPIs have their own
 * vectors (optional programs, skipped where the tracepoints do not exist). */
#define COUNT_IN_CURRENT(prog, tp, idx)			\
	SEC("tp_btf/" tp)				\
	int prog(__u64 *ctx)				\
	{						\
		if (traced_current())			\
			bump(idx);			\
		return 0;				\
	}

COUNT_IN_CURRENT(count_irq, "irq_handler_entry", SCTRACE_IRQS)
COUNT_IN_CURRENT(count_timer_irq, "local_timer_entry", SCTRACE_IRQS)
COUNT_IN_CURRENT(count_resched_ipi, "reschedule_entry", SCTRACE_IRQS)
COUNT_IN_CURRENT(count_call_ipi, "call_function_entry", SCTRACE_IRQS)
COUNT_IN_CURRENT(count_call1_ipi, "call_function_single_entry", SCTRACE_IRQS)
COUNT_IN_CURRENT(count_softirq, "softirq_entry", SCTRACE_SOFTIRQS)
COUNT_IN_CURRENT(count_fault_user, "page_fault_user", SCTRACE_PAGE_FAULTS)
COUNT_IN_CURRENT(count_fault_kernel, "page_fault_kernel", SCTRACE_PAGE_FAULTS)
COUNT_IN_CURRENT(count_uring_submit, "io_uring_submit_req", SCTRACE_URING_SQES)
COUNT_IN_CURRENT(count_uring_complete, "io_uring_complete", SCTRACE_URING_CQES)

char LICENSE[] SEC("license") = "GPL";
