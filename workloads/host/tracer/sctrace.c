/*
 * sctrace.c - loader for sctrace.bpf.c: open -> set -> load -> attach, then
 * start/stop around the region, read, destroy. Each step is checked and a
 * failure is reported as one line "failed to <step>: <reason>"; the caller
 * carries on without BPF counts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "sctrace_loader.h"
#include "sctrace.skel.h"

struct sctrace {
	struct sctrace_bpf *skel;
	bool have[SCTRACE_NR_COUNTERS];
};

/* libbpf's own messages only when asked for: a missing capability is
 * reported once, by us, not as a page of verifier output. */
static int print_libbpf(enum libbpf_print_level level, const char *fmt,
			va_list ap)
{
	if (level == LIBBPF_DEBUG || !getenv("SCTRACE_VERBOSE"))
		return 0;
	return vfprintf(stderr, fmt, ap);
}

/* Does the running kernel have this tracepoint in its BTF? */
static bool have_tp(const struct btf *vmlinux, const char *tp)
{
	char name[128];

	snprintf(name, sizeof(name), "btf_trace_%s", tp);
	return btf__find_by_name_kind(vmlinux, name, BTF_KIND_TYPEDEF) >= 0;
}

/* Programs whose tracepoint is missing are not loaded; the counter they
 * feed is then reported as unavailable instead of as a false 0. */
static void pick_programs(struct sctrace *t, char *note, size_t notelen)
{
	struct btf *vmlinux = btf__load_vmlinux_btf();
	struct bpf_program *prog;

	note[0] = '\0';
	for (int i = 0; i < SCTRACE_NR_COUNTERS; i++)
		t->have[i] = true;
	if (!vmlinux)
		return;		/* load will fail and say why */
	bpf_object__for_each_program(prog, t->skel->obj) {
		const char *tp = strchr(bpf_program__section_name(prog), '/');

		if (!tp || have_tp(vmlinux, tp + 1))
			continue;
		bpf_program__set_autoload(prog, false);
		snprintf(note + strlen(note), notelen - strlen(note), "%sno %s",
			 note[0] ? ", " : "", tp + 1);
	}
	btf__free(vmlinux);
	t->have[SCTRACE_CTX_VOL] = t->have[SCTRACE_CTX_INVOL] =
		bpf_program__autoload(t->skel->progs.count_switch);
	t->have[SCTRACE_IRQS] = bpf_program__autoload(t->skel->progs.count_irq);
	t->have[SCTRACE_SOFTIRQS] =
		bpf_program__autoload(t->skel->progs.count_softirq);
	t->have[SCTRACE_PAGE_FAULTS] =
		bpf_program__autoload(t->skel->progs.count_fault_user);
	t->have[SCTRACE_URING_SQES] =
		bpf_program__autoload(t->skel->progs.count_uring_submit);
	t->have[SCTRACE_URING_CQES] =
		bpf_program__autoload(t->skel->progs.count_uring_complete);
}

struct sctrace *sctrace_open(int tgid, bool follow_forks, char *note,
			     size_t notelen)
{
	struct sctrace *t = calloc(1, sizeof(*t));
	int err;

	if (!t) {
		snprintf(note, notelen, "failed to allocate: %s", strerror(ENOMEM));
		return NULL;
	}
	libbpf_set_print(print_libbpf);

	t->skel = sctrace_bpf__open();
	if (!t->skel) {
		snprintf(note, notelen, "failed to open BPF object: %s",
			 strerror(errno));
		goto fail_free;
	}
	t->skel->rodata->targ_tgid = (__u32)tgid;
	t->skel->rodata->follow_forks = follow_forks;
	pick_programs(t, note, notelen);
	if (!bpf_program__autoload(t->skel->progs.count_syscall)) {
		snprintf(note, notelen, "failed to find tracepoint: sys_enter");
		goto fail_destroy;
	}

	err = sctrace_bpf__load(t->skel);
	if (err) {
		snprintf(note, notelen, "failed to load BPF object: %s",
			 strerror(-err));
		goto fail_destroy;
	}
	if (follow_forks) {
		__u32 key = (__u32)tgid;
		__u8 one = 1;

		err = bpf_map__update_elem(t->skel->maps.tracked, &key,
					   sizeof(key), &one, sizeof(one), BPF_ANY);
		if (err) {
			snprintf(note, notelen, "failed to track process: %s",
				 strerror(-err));
			goto fail_destroy;
		}
	}
	err = sctrace_bpf__attach(t->skel);
	if (err) {
		snprintf(note, notelen, "failed to attach BPF programs: %s",
			 strerror(-err));
		goto fail_destroy;
	}
	return t;

fail_destroy:
	sctrace_bpf__destroy(t->skel);
fail_free:
	free(t);
	return NULL;
}

/* Sequentially consistent: once start returns, every CPU's next event
 * sees the flag (and after stop, none does). */
void sctrace_start(struct sctrace *t)
{
	__atomic_store_n(&t->skel->bss->active, true, __ATOMIC_SEQ_CST);
}

void sctrace_stop(struct sctrace *t)
{
	__atomic_store_n(&t->skel->bss->active, false, __ATOMIC_SEQ_CST);
}

/* Sum one key of a per-CPU array over every possible CPU. */
static int sum_percpu(const struct bpf_map *map, __u32 key, __u64 *vals,
		      int ncpus, uint64_t *out)
{
	int err = bpf_map__lookup_elem(map, &key, sizeof(key), vals,
				       sizeof(*vals) * (size_t)ncpus, 0);

	if (err)
		return err;
	*out = 0;
	for (int c = 0; c < ncpus; c++)
		*out += vals[c];
	return 0;
}

int sctrace_read(struct sctrace *t, struct sctrace_counts *out)
{
	int ncpus = libbpf_num_possible_cpus();
	__u64 *vals;
	int err = 0;

	if (ncpus <= 0)
		return ncpus < 0 ? ncpus : -EINVAL;
	vals = calloc((size_t)ncpus, sizeof(*vals));
	if (!vals)
		return -ENOMEM;
	memset(out, 0, sizeof(*out));
	for (__u32 nr = 0; nr < SCTRACE_MAX_SYSCALLS && !err; nr++) {
		err = sum_percpu(t->skel->maps.syscall_counts, nr, vals, ncpus,
				 &out->by_nr[nr]);
		out->syscalls += out->by_nr[nr];
	}
	for (__u32 i = 0; i < SCTRACE_NR_COUNTERS && !err; i++) {
		err = sum_percpu(t->skel->maps.counters, i, vals, ncpus,
				 &out->counter[i]);
		out->have[i] = t->have[i];
	}
	free(vals);
	return err;
}

void sctrace_destroy(struct sctrace *t)
{
	if (!t)
		return;
	sctrace_bpf__destroy(t->skel);
	free(t);
}
