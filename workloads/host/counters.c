/*
 * counters.c - the host's wl_plat_counters_*: wall clock, getrusage, perf
 * software events (perf_event_open, inherited by every thread created
 * later), the CPU time of io_uring's kernel threads, and, with --trace, the BPF tracer.
 *
 * Order matters at the edges of the region: everything that makes system
 * calls runs before the tracer is switched on and after it is switched off,
 * so BPF counts only the workload. The perf stat handshake (--perf-ctl)
 * sits right next to the switch for the same reason (see tests).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "host.h"
#include "proc_tasks.h"
#include "sctrace_loader.h"
#include "wl_mark.h"

#define MAX_TASKS 8448		/* 2 x WL_MAX_CONC tasks, main, io threads */
#define MAX_IO_THREADS 16
#define MAX_RINGS 8

static const struct {
	uint64_t config;
	const char *key;
} perf_events[] = {
	{ PERF_COUNT_SW_TASK_CLOCK, "task_clock_ns" },
	{ PERF_COUNT_SW_CONTEXT_SWITCHES, "perf_ctx_switches" },
	{ PERF_COUNT_SW_CPU_MIGRATIONS, "cpu_migrations" },
	{ PERF_COUNT_SW_PAGE_FAULTS, "perf_page_faults" },
};
#define NR_PERF (sizeof(perf_events) / sizeof(perf_events[0]))

static struct {
	int perf_fd[NR_PERF];
	bool perf_ok;
	struct sctrace *tracer;
	char note[256];
	int ctl_fd, ack_fd;		/* perf stat --control FIFOs */
	struct rusage ru0;
	uint64_t t0;
	int io_tid[MAX_IO_THREADS];	/* io_uring threads seen at begin */
	int nio;
	uint64_t io0;			/* their CPU time then */
	struct proc_ring ring0[MAX_RINGS];	/* io_uring positions at begin */
	int nring;
} ctr = { .ctl_fd = -1, .ack_fd = -1 };

static uint64_t ts_ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * 1000000000ull + (uint64_t)ts->tv_nsec;
}

static uint64_t tv_ns(const struct timeval *tv)
{
	return (uint64_t)tv->tv_sec * 1000000000ull + (uint64_t)tv->tv_usec * 1000ull;
}

static int open_perf(void)
{
	for (unsigned i = 0; i < NR_PERF; i++)
		ctr.perf_fd[i] = -1;
	for (unsigned i = 0; i < NR_PERF; i++) {
		struct perf_event_attr a = {
			.type = PERF_TYPE_SOFTWARE,
			.size = sizeof(a),
			.config = perf_events[i].config,
			.disabled = 1,
			.inherit = 1,	/* threads and processes made later */
			.exclude_hv = 1,
		};
		int fd = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1,
				      PERF_FLAG_FD_CLOEXEC);

		if (fd < 0)
			return -errno;
		ctr.perf_fd[i] = fd;
	}
	return 0;
}

int wl_plat_counters_init(bool follow_forks)
{
	int r;

	if (host_opts.perf_ctl) {
		/* perf opened both FIFOs before starting us, so these do not
		 * block for long. */
		ctr.ctl_fd = open(host_opts.perf_ctl, O_WRONLY | O_CLOEXEC);
		ctr.ack_fd = open(host_opts.perf_ack, O_RDONLY | O_CLOEXEC);
		if (ctr.ctl_fd < 0 || ctr.ack_fd < 0)
			fprintf(stderr, "wl-host: --perf-ctl: %s\n", strerror(errno));
	}
	if (host_opts.trace == HOST_TRACE_NONE) {
		snprintf(ctr.note, sizeof(ctr.note),
			 "counters not requested (--trace): getrusage only");
		return 0;
	}
	r = open_perf();
	ctr.perf_ok = r == 0;
	if (!ctr.perf_ok)
		snprintf(ctr.note, sizeof(ctr.note), "perf_event_open: %s",
			 strerror(-r));
	if (host_opts.trace == HOST_TRACE_PERF) {
		if (ctr.perf_ok)
			snprintf(ctr.note, sizeof(ctr.note),
				 "BPF tracer not requested (--trace=perf)");
		return r;
	}
	{
		size_t used = strlen(ctr.note);
		char *bpf_note = ctr.note + used + (used ? 2 : 0);

		/* keep perf's reason, if any, in front of the tracer's */
		if (used)
			memcpy(ctr.note + used, "; ", 3);
		ctr.tracer = sctrace_open(getpid(), follow_forks, bpf_note,
					  sizeof(ctr.note) - (size_t)(bpf_note - ctr.note));
		if (!ctr.tracer || bpf_note[0])
			fprintf(stderr, "wl-host: tracer: %s\n", bpf_note);
		else if (used)
			ctr.note[used] = '\0';
	}
	return ctr.tracer ? 0 : -1;
}

/* io_uring's kernel threads (SQPOLL, io-wq) are part of our thread group;
 * their CPU time is what polling costs, beyond the task clock of ours. */
static void snapshot_io_threads(void)
{
	static struct proc_task tasks[MAX_TASKS];	/* too big for a stack */
	int n = proc_tasks_scan(tasks, MAX_TASKS);

	ctr.nio = 0;
	ctr.io0 = 0;
	for (int i = 0; i < n && ctr.nio < MAX_IO_THREADS; i++) {
		struct timespec ts;

		if (!(tasks[i].flags & PROC_PF_IO_WORKER))
			continue;
		if (clock_gettime(proc_task_cpu_clock(tasks[i].tid), &ts) < 0)
			continue;
		ctr.io_tid[ctr.nio++] = tasks[i].tid;
		ctr.io0 += ts_ns(&ts);
	}
}

static uint64_t io_threads_cpu_ns(void)
{
	uint64_t sum = 0;

	for (int i = 0; i < ctr.nio; i++) {
		struct timespec ts;

		if (clock_gettime(proc_task_cpu_clock(ctr.io_tid[i]), &ts) == 0)
			sum += ts_ns(&ts);
	}
	return sum;
}

static void perf_stat_ctl(const char *cmd)
{
	char ack[8];

	if (ctr.ctl_fd < 0 || ctr.ack_fd < 0)
		return;
	if (write(ctr.ctl_fd, cmd, strlen(cmd)) < 0 ||
	    read(ctr.ack_fd, ack, sizeof(ack)) < 0)
		fprintf(stderr, "wl-host: --perf-ctl: %s\n", strerror(errno));
}

void wl_plat_counters_begin(void)
{
	struct timespec ts;

	snapshot_io_threads();
	ctr.nring = proc_rings_scan(ctr.ring0, MAX_RINGS);
	getrusage(RUSAGE_SELF, &ctr.ru0);
	for (unsigned i = 0; ctr.perf_ok && i < NR_PERF; i++)
		ioctl(ctr.perf_fd[i], PERF_EVENT_IOC_ENABLE, 0);
	perf_stat_ctl("enable\n");
	clock_gettime(CLOCK_MONOTONIC, &ts);	/* vDSO */
	ctr.t0 = ts_ns(&ts);
	if (ctr.tracer)
		sctrace_start(ctr.tracer);
	/* Innermost, like the tracer's switch: an instrument outside the
	 * guest counts the workload, not these snapshots (no-op off RISC-V). */
	wl_mark(WL_MARK_BEGIN);
}

/* Which CPUs the process's threads last ran on, as "0,1". */
static void cpu_placement(char *out, size_t len)
{
	static struct proc_task tasks[MAX_TASKS];	/* too big for a stack */
	int n = proc_tasks_scan(tasks, MAX_TASKS);
	uint64_t seen = 0;
	size_t at = 0;

	out[0] = '\0';
	for (int i = 0; i < n; i++)
		if (tasks[i].cpu >= 0 && tasks[i].cpu < 64)
			seen |= 1ull << tasks[i].cpu;
	for (int c = 0; c < 64; c++)
		if (seen & (1ull << c))
			at += (size_t)snprintf(out + at, len > at ? len - at : 0,
					       "%s%d", at ? "," : "", c);
}

static void report_bpf(struct wl_json *j, const struct sctrace_counts *c)
{
	static const char *const keys[SCTRACE_NR_COUNTERS] = {
		[SCTRACE_CTX_VOL] = "ctx_vol",
		[SCTRACE_CTX_INVOL] = "ctx_invol",
		[SCTRACE_IRQS] = "irqs",
		[SCTRACE_SOFTIRQS] = "softirqs",
		[SCTRACE_PAGE_FAULTS] = "page_faults",
		[SCTRACE_URING_SQES] = "uring_sqes",
		[SCTRACE_URING_CQES] = "uring_cqes",
	};
	char by_nr[1024];
	size_t n = 0;

	wl_json_u64(j, "syscalls", c->syscalls);
	for (int i = 0; i < SCTRACE_NR_COUNTERS; i++)
		if (c->have[i])
			wl_json_u64(j, keys[i], c->counter[i]);
	/* "nr:count,..." for the numbers seen: a string, so flat CSV keeps it */
	by_nr[0] = '\0';
	for (int nr = 0; nr < SCTRACE_MAX_SYSCALLS && n < sizeof(by_nr); nr++)
		if (c->by_nr[nr])
			n += (size_t)snprintf(by_nr + n, sizeof(by_nr) - n, "%s%d:%llu",
					      n ? "," : "", nr,
					      (unsigned long long)c->by_nr[nr]);
	wl_json_str(j, "syscalls_by_nr", by_nr);
}

/* What io_uring itself says the region did: the SQEs the kernel consumed
 * and the CQEs it posted, from the rings' fdinfo (no tracer needed). */
static void ring_counts(uint64_t *sqes, uint64_t *cqes)
{
	struct proc_ring now[MAX_RINGS];
	int n = proc_rings_scan(now, MAX_RINGS);

	*sqes = *cqes = 0;
	for (int i = 0; i < ctr.nring; i++)
		for (int k = 0; k < n; k++)
			if (now[k].fd == ctr.ring0[i].fd) {
				*sqes += (uint32_t)(now[k].sq_head - ctr.ring0[i].sq_head);
				*cqes += (uint32_t)(now[k].cq_tail - ctr.ring0[i].cq_tail);
			}
}

void wl_plat_counters_end(struct wl_json *j)
{
	struct sctrace_counts *bpf = NULL;
	uint64_t perf[NR_PERF] = { 0 }, sq1 = 0;
	bool have_perf[NR_PERF] = { false }, traced = false;
	struct timespec ts;
	struct rusage ru1;
	char cpus[256], pin[256];
	size_t n = 0;

	wl_mark(WL_MARK_END);
	if (ctr.tracer)
		sctrace_stop(ctr.tracer);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	perf_stat_ctl("disable\n");
	for (unsigned i = 0; ctr.perf_ok && i < NR_PERF; i++)
		ioctl(ctr.perf_fd[i], PERF_EVENT_IOC_DISABLE, 0);
	getrusage(RUSAGE_SELF, &ru1);
	if (ctr.nio)
		sq1 = io_threads_cpu_ns();

	wl_json_u64(j, "wall_ns", ts_ns(&ts) - ctr.t0);
	wl_json_u64(j, "cpu_user_ns", tv_ns(&ru1.ru_utime) - tv_ns(&ctr.ru0.ru_utime));
	wl_json_u64(j, "cpu_sys_ns", tv_ns(&ru1.ru_stime) - tv_ns(&ctr.ru0.ru_stime));
	wl_json_u64(j, "ru_ctx_vol", (uint64_t)(ru1.ru_nvcsw - ctr.ru0.ru_nvcsw));
	wl_json_u64(j, "ru_ctx_invol", (uint64_t)(ru1.ru_nivcsw - ctr.ru0.ru_nivcsw));
	wl_json_u64(j, "ru_page_faults",
		    (uint64_t)(ru1.ru_minflt + ru1.ru_majflt -
			       ctr.ru0.ru_minflt - ctr.ru0.ru_majflt));
	for (unsigned i = 0; ctr.perf_ok && i < NR_PERF; i++) {
		if (read(ctr.perf_fd[i], &perf[i], sizeof(perf[i])) != sizeof(perf[i]))
			continue;
		have_perf[i] = true;
		wl_json_u64(j, perf_events[i].key, perf[i]);
	}
	if (ctr.nio)
		wl_json_u64(j, "sqpoll_cpu_ns", sq1 - ctr.io0);

	if (ctr.tracer) {
		bpf = calloc(1, sizeof(*bpf));
		if (!bpf || sctrace_read(ctr.tracer, bpf) < 0) {
			snprintf(ctr.note, sizeof(ctr.note), "failed to read BPF maps");
			free(bpf);
			bpf = NULL;
		}
	}
	if (bpf) {
		report_bpf(j, bpf);
		traced = true;
	} else {
		/* Without BPF, the kernel's own accounting fills what it can. */
		wl_json_u64(j, "ctx_vol", (uint64_t)(ru1.ru_nvcsw - ctr.ru0.ru_nvcsw));
		wl_json_u64(j, "ctx_invol", (uint64_t)(ru1.ru_nivcsw - ctr.ru0.ru_nivcsw));
		wl_json_u64(j, "page_faults", have_perf[3] ? perf[3] :	/* SW_PAGE_FAULTS */
			    (uint64_t)(ru1.ru_minflt + ru1.ru_majflt -
				       ctr.ru0.ru_minflt - ctr.ru0.ru_majflt));
		if (ctr.nring) {
			uint64_t sqes, cqes;

			ring_counts(&sqes, &cqes);
			wl_json_u64(j, "uring_sqes", sqes);
			wl_json_u64(j, "uring_cqes", cqes);
		}
	}
	free(bpf);

	cpu_placement(cpus, sizeof(cpus));
	wl_json_str(j, "cpus", cpus);
	pin[0] = '\0';
	for (unsigned i = 0; i < host_opts.npin; i++)
		n += (size_t)snprintf(pin + n, sizeof(pin) - n, "%s%d",
				      i ? "," : "", host_opts.pin[i]);
	wl_json_str(j, "pin", pin);
	wl_json_str(j, "tracer", traced ? "bpf" : ctr.perf_ok ? "perf" : "none");
	wl_json_str(j, "tracer_note", ctr.note);
}

/* perf's instruction counter costs a system call a read, and a virtual
 * machine often has none: the host reports no verify_instret. */
bool wl_plat_instret(uint64_t *now)
{
	(void)now;
	return false;
}

void wl_plat_counters_close(void)
{
	for (unsigned i = 0; ctr.perf_ok && i < NR_PERF; i++)
		close(ctr.perf_fd[i]);
	ctr.perf_ok = false;
	if (ctr.ctl_fd >= 0)
		close(ctr.ctl_fd);
	if (ctr.ack_fd >= 0)
		close(ctr.ack_fd);
	ctr.ctl_fd = ctr.ack_fd = -1;
	sctrace_destroy(ctr.tracer);
	ctr.tracer = NULL;
}
