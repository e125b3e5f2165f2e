/* The column schema (columns.h): one row per column, in runs.csv's order.
 * A counter added to RF_HART_COUNTERS, EMU_COUNTERS or the cache model's
 * lists becomes a column here with nothing else to write; a per-op figure is one row naming the
 * column it divides (per_op). */
#include "columns.h"

#include <stdlib.h>
#include <string.h>

#include "plugin/cachemodel.h"
#include "plugin/emu_counters.h"
#include "row.h"
#include "uapi/rf_counters.h"

#define COL(n, u, src, doc_, d, rk, ...) \
	{.name = n, .unit = u, .source = src, .doc = doc_, .desc = d, .run_key = rk, __VA_ARGS__}
#define PARAM(n, u, d, rk, ...) COL(n, u, SRC_PARAM, DOC_POINT, d, rk, __VA_ARGS__)
#define WORKLOAD(n, u, d, rk, ...) COL(n, u, SRC_WORKLOAD, DOC_RUN, d, rk, __VA_ARGS__)
#define HOST(n, u, d, rk, ...) COL(n, u, SRC_HOST, DOC_RUN, d, rk, __VA_ARGS__)
#define CSR(n, u, d) COL(n, u, SRC_CSR, DOC_RUN, d, NULL)
#define DERIVED(n, u, doc, d, rk, ...) COL(n, u, SRC_DERIVED, doc, d, rk, __VA_ARGS__)
#define HARNESS(n, u, doc, d, rk, ...) COL(n, u, SRC_HARNESS, doc, d, rk, __VA_ARGS__)
#define REFOS_COUNTER(n, d) COL(#n, "count", SRC_REFOS, DOC_RUN, d, NULL),
/* Tail columns: only on the rows that have them. */
#define HOST_EXTRA(n, u, d) COL(n, u, SRC_HOST, DOC_HOST_EXTRA, d, NULL, .tail = 1)
#define EMU(n, u, d) COL(n, u, SRC_EMU, DOC_EMU, d, NULL, .tail = 1)
#define EMU_COUNTER(n, d) EMU("emu_" #n, "count", d),
/* The per-op form of a column of the plugin's, derived like every per-op
 * column (derive.c): only on the rows that have the count. */
#define EMU_PER_OP(n, u, d, ...) \
	COL(n "_per_op", u, SRC_DERIVED, DOC_EMU, "`" n " / region_ops`" d, NULL, .tail = 1, \
	    .per_op = n, __VA_ARGS__)
#define EMU_COUNTER_PER_OP(n, d) EMU_PER_OP("emu_" #n, "count/op", ", all harts"),
#define FIG(r, t, s, w, y, sc, ...)                                                        \
	(&(const struct col_figure){.rank = r, .target = t, .suffix = s, .what = w, .ylabel = y, \
				    .scale = sc, __VA_ARGS__})

static const struct column table[] = {
	HARNESS("schema_version", "number", DOC_POINT, "layout of the file, 1", NULL),
	PARAM("target", "name", "`refos` or `linux` (Linux riscv64), under QEMU, or `host` (Linux)", NULL, .checked = 1,
	      .md = 1),
	PARAM("workload", "name", "`null`, `echo`, `pingpong`, `stream`", NULL, .checked = 1,
	      .md = 2),
	PARAM("backend", "name",
	      "refos: `sync`, `async`; linux and host: `sync`, `epoll`, `uring`, `uring-sqpoll`", NULL,
	      .checked = 1, .md = 3),
	PARAM("sqmode", "name",
	      "refos async: where the kernel serves the rings, `enter`, `worker`, `poller`; "
	      "empty for sync", NULL, .checked = 1, .md = 4),
	PARAM("notify", "name",
	      "how completions reach the program: `poll`, `wait`, `uintr`; empty for sync", NULL,
	      .checked = 1, .md = 5),
	PARAM("harts", "harts", "refos, linux: harts QEMU emulates (`-smp`)", NULL, .checked = 1, .md = 6),
	PARAM("hz", "1/s", "refos: timer ticks per second (kernel knob `hz=`)", NULL, .checked = 1),
	PARAM("knobs", "text", "extra kernel knobs of the point, as given with `--knob`", NULL),
	PARAM("icount", "flag",
	      "1 when QEMU ran with `-icount shift=0,sleep=off` (the default), 0 on the wall clock",
	      NULL),
	PARAM("trace", "flag", "host: 1 when wl-host ran with `--trace` (BPF tracer on)", NULL),
	PARAM("conc", "tasks",
	      "concurrency: tasks for null and echo, task pairs for pingpong and stream", NULL,
	      .checked = 1, .plot = 1, .md = 7),
	PARAM("size", "bytes", "bytes per message", NULL, .checked = 1, .md = 8),
	PARAM("ops", "ops", "operations asked for, split among the tasks", NULL),
	/* The harness's count, not a parameter: rows differing only in it are
	 * one point. */
	HARNESS("rep", "number", DOC_POINT, "repetition number, from 0", NULL, .md = 9),
	HARNESS("run_order", "number", DOC_POINT,
		"when the row's run started among the set's runs, from 1: repetitions are "
		"interleaved (every point's rep 0, then every rep 1, ...), and a resumed set "
		"goes on counting; merged shards keep their own counts", NULL),
	HARNESS("status", "text", DOC_POINT,
		"`ok` or `failed`; only ok rows get derived figures and enter medians", NULL,
		.md = 10),
	HARNESS("reason", "text", DOC_POINT,
		"why a row failed (`timeout after 60 s`, `verify fail`, ...), empty when ok", NULL,
		.md = 19, .md_if_set = 1),

	WORKLOAD("ops_done", "ops",
		 "operations completed (the `@run` key `ops`), the first of each task included. "
		 "echo: one write of `size` bytes and the read that gets them back; pingpong: a "
		 "round trip; null: one null call; stream: one chunk", "ops"),
	WORKLOAD("bytes", "bytes", "payload bytes read and checked", NULL),
	WORKLOAD("verify", "text",
		 "`ok` if every byte read matched what its writer wrote and every op was done", NULL),
	WORKLOAD("tasks", "tasks", "tasks that ran (2 x `conc` for pingpong and stream)", NULL),
	WORKLOAD("procs", "flag",
		 "1 when the tasks ran as processes (`--procs`), 0 when they were threads of one "
		 "process", NULL),
	/* refos counts it too (RF_HART_COUNTERS below): one column, here. */
	HOST("page_faults", "count",
	     "host: page faults of the process (BPF, else perf, else getrusage)", NULL),
	CSR("instret", "instr",
	    "the `instret` CSR difference: instructions retired, all harts together under "
	    "`-icount`, user and kernel; linux: the plugin's `emu_instr` (with `u_traps` its "
	    "`emu_sw_us`, `ecalls` and `syscalls` its `emu_ecall_u`, `ctx_switches` getrusage's)"),
	CSR("vtime_ns", "ns",
	    "virtual time of the region (the 10 MHz `time` CSR x 100); under `-icount shift=0` "
	    "one instruction is 1 ns; linux: the guest's monotonic clock (`wall_ns`), virtual "
	    "under `-icount`"),
	RF_HART_COUNTERS(REFOS_COUNTER)
	HOST("wall_ns", "ns", "monotonic clock across the region", NULL),
	HOST("cpu_user_ns", "ns", "user CPU time of the process across the region (getrusage)",
	     NULL),
	HOST("cpu_sys_ns", "ns", "system CPU time of the process across the region (getrusage)",
	     NULL),
	HOST("syscalls", "count",
	     "BPF: system calls the process's threads entered (`sys_enter` tracepoint); "
	     "`--trace` only", NULL),
	HOST("ctx_vol", "count",
	     "voluntary context switches of the process's threads (left the CPU to sleep); from "
	     "the `sched_switch` tracepoint with `--trace`, else getrusage", NULL),
	HOST("ctx_invol", "count",
	     "involuntary context switches of the process's threads (preempted); from the "
	     "`sched_switch` tracepoint with `--trace`, else getrusage", NULL),
	HOST("cpu_migrations", "count", "perf: CPU migrations (perf software event)", NULL),
	HOST("irqs", "count",
	     "BPF: hard interrupts (device, local timer, IPIs) that landed in the process's "
	     "threads", NULL),
	HOST("softirqs", "count", "BPF: softirqs that landed in the process's threads", NULL),
	HOST("uring_sqes", "count", "io_uring submissions of the process: BPF with `--trace`, else the kernel's own count "
	     "of SQEs consumed (the rings' /proc fdinfo, `CachedSqHead`)", NULL),
	HOST("uring_cqes", "count", "io_uring completions of the process: BPF with `--trace`, else the kernel's own "
	     "count of CQEs posted (fdinfo `CachedCqTail`)", NULL),
	HOST("sqpoll_cpu_ns", "ns",
	     "CPU time of the io_uring SQPOLL kernel thread across the region", NULL),
	HOST("tracer", "text", "which source filled the counters: `bpf`, `perf` or `none`", NULL),
	HOST("tracer_note", "text", "why a source was unavailable, empty otherwise", NULL),
	WORKLOAD("io_nops", "count", "null requests", NULL),
	WORKLOAD("io_reads", "count", "read requests", NULL),
	WORKLOAD("io_writes", "count", "write requests", NULL),
	WORKLOAD("io_queued", "count", "requests that completed later (async)", NULL),
	WORKLOAD("io_busy", "count", "times a backend had no room and the core reaped first", NULL),
	WORKLOAD("io_retries", "count", "requests retried after `-EAGAIN` or `-EINTR`", NULL),

	HARNESS("run_wall_ns", "ns", DOC_HARNESS,
		"the whole process (QEMU boot or wl-host start included), harness clock", NULL,
		.summary = 9, .quiet = 1 /* a refos run's wall time is the host's, not the figure */),
	DERIVED("instr_per_op", "instr/op", DOC_DERIVED,
		"`instret / region_ops`: instructions of every hart, user and kernel, per op", NULL,
		.per_op = "instret", .summary = 1, .compare = 1, .gate = 1, .plot = 4, .md = 11,
		.md_if_set = 1, .md_refos = 2, .md_label = "instr/op",
		.figure = FIG(2, "refos", "instr", "instructions per op",
			      "instructions per operation (all harts, log scale)", "log", .better = "lower")),
	DERIVED("traps_per_op", "traps/op", DOC_DERIVED,
		"`u_traps / region_ops`: U->S traps per op (the trap frequency)", NULL,
		.per_op = "u_traps", .summary = 2, .compare = 2, .gate = 2, .plot = 5, .md = 13,
		.md_if_set = 1, .md_refos = 4, .md_label = "traps/op",
		.figure = FIG(3, "refos", "traps", "traps per op",
			      "traps from user mode per operation (log scale)", "log")),
	DERIVED("traps_per_op_hw_uintr", "traps/op", DOC_DERIVED,
		"`(u_traps - uintr_returns - uintr_ipis) / region_ops`: as if user interrupts were "
		"hardware, an upper bound of what hardware would save", NULL, .plot = 6,
		.figure = FIG(4, "refos", "traps-hw-uintr", "traps per op with hardware user interrupts",
			      "traps per operation, hardware user interrupts (log scale)", "log",
			      .notify = "uintr")),
	DERIVED("ecalls_per_op", "ecalls/op", DOC_DERIVED, "`ecalls / region_ops`", NULL,
		.per_op = "ecalls", .gate = 3),
	DERIVED("ctx_per_op", "switches/op", DOC_DERIVED,
		"refos: `ctx_switches / region_ops`; host: `(ctx_vol + ctx_invol) / region_ops`", NULL,
		.summary = 3, .compare = 3, .gate = 4, .plot = 7, .md = 14, .md_if_set = 1,
		.md_refos = 5, .md_host = 3, .md_label = "ctx/op",
		.figure = FIG(8, "host", "ctx", "context switches per op",
			      "context switches per operation", "linear", .untraced = 1)),
	DERIVED("timeout_rate", "share", DOC_DERIVED,
		"refos: `ctx_forced / ctx_switches`; host: `ctx_invol / (ctx_vol + ctx_invol)`; "
		"empty when no context switched", NULL, .plot = 11),
	DERIVED("as_switches_per_op", "switches/op", DOC_DERIVED, "`as_switches / region_ops`",
		NULL, .per_op = "as_switches", .gate = 6),
	DERIVED("ipis_per_op", "IPIs/op", DOC_DERIVED, "`ipis / region_ops`", NULL,
		.per_op = "ipis", .gate = 5),
	DERIVED("syscalls_per_op", "calls/op", DOC_DERIVED,
		"refos: `ecalls / region_ops` (every refos system call is an ecall); host: "
		"`syscalls / region_ops`", NULL, .summary = 4, .compare = 4, .plot = 8, .md = 15,
		.md_if_set = 1, .md_host = 2, .md_label = "syscalls/op",
		.figure = FIG(7, "host", "syscalls", "system calls per op", "system calls per operation",
			      "linear", .why_none = " (the host tracer counts them: sweep with --trace)")),
	DERIVED("ops_per_vsec", "ops/s", DOC_DERIVED,
		"refos: `region_ops / (vtime_ns / 1e9)`, ops per second of virtual time", NULL,
		.summary = 5, .compare = 5, .plot = 2, .md = 16, .md_if_set = 1, .md_refos = 1,
		.md_label = "ops/vsec",
		.figure = FIG(1, "refos", "throughput", "throughput",
			      "operations per virtual second (ops/s, 1 ns per instruction)", "linear", .better = "higher")),
	DERIVED("ops_per_sec", "ops/s", DOC_DERIVED,
		"host: `region_ops / (wall_ns / 1e9)`, ops per second of wall clock", NULL,
		.summary = 6, .compare = 6, .plot = 3, .md = 17, .md_if_set = 1, .md_host = 1,
		.md_label = "ops/s",
		.figure = FIG(6, "host", "throughput", "throughput",
			      "operations per second (host wall clock)", "linear", .untraced = 1, .better = "higher")),
	HARNESS("p_trap", "cycles", DOC_MODEL,
		"penalty in cycles per trap (`--p-trap` or `--profile`; 0 by default)", NULL),
	HARNESS("p_as", "cycles", DOC_MODEL,
		"penalty in cycles per address-space switch (`--p-as` or `--profile`; 0 by default)",
		NULL),
	HARNESS("p_ipi", "cycles", DOC_MODEL,
		"penalty in cycles per IPI (`--p-ipi` or `--profile`; 0 by default)", NULL),
	DERIVED("modelled_cycles_per_op", "cycles/op", DOC_MODEL,
		"`instr_per_op + p_trap traps_per_op + p_as as_switches_per_op + p_ipi ipis_per_op`, "
		"and with `--core` the cycles the plugin's model charged, "
		"`+ emu_cm_cyc_miss_per_op + emu_cm_cyc_trap_per_op`",
		NULL, .summary = 7, .compare = 7, .plot = 9, .md_refos = 6,
		.md_label = "modelled cycles/op"),
	DERIVED("breakeven_p_trap", "cycles", DOC_MODEL,
		"async rows: `(instr_async - instr_sync) / (traps_sync - traps_async)` against the "
		"sync row of the same workload, size, conc, hz and knobs (same harts preferred): "
		"the trap penalty in cycles above which async costs fewer modelled cycles per op. "
		"At or below 0: async wins at any penalty", NULL, .summary = 8, .plot = 10,
		.md = 18, .md_if_set = 1, .md_refos = 7, .md_label = "break-even P_trap",
		.figure = FIG(5, "refos", "breakeven", "break-even trap penalty",
			      "break-even trap penalty (cycles per trap, log scale)", "log",
			      .why_none = " (needs ok async and sync rows at the same points)", .better = "breakeven")),
	DERIVED("breakeven_note", "text", DOC_MODEL,
		"when the denominator is not positive, which way it goes (`async traps more: async "
		"wins only below X`, `... never wins`)", NULL),
	HARNESS("core", "name", DOC_MODEL,
		"`--core NAME`: the core profile (harness/cores/NAME.core) whose cache, TLB and trap "
		"costs the plugin's model charged", NULL, .tail = 1),
	DERIVED("modelled_cycles", "cycles", DOC_MODEL,
		"`--core`: `emu_instr + emu_cm_cyc_miss + emu_cm_cyc_trap`, the region's instructions "
		"of every hart and the cycles the model charged", NULL, .tail = 1),
	DERIVED("breakeven_p_trap_core", "cycles", DOC_MODEL,
		"`--core`, async rows: `breakeven_p_trap` with the modelled cycles in place of the "
		"instructions: the further penalty per trap, on top of the model's, above which async "
		"wins", NULL, .tail = 1),
	DERIVED("breakeven_core_note", "text", DOC_MODEL,
		"`--core`: which way `breakeven_p_trap_core` goes, or why it is empty", NULL,
		.tail = 1),
	HARNESS("log_file", "path", DOC_HARNESS, "the point's console log, relative to the result set",
		NULL),
	HARNESS("hf_mean_ns", "ns", DOC_HYPERFINE, "hyperfine's mean time of the whole wl-host process",
		NULL),
	HARNESS("hf_median_ns", "ns", DOC_HYPERFINE,
		"hyperfine's median time of the whole wl-host process", NULL),
	HARNESS("hf_stddev_ns", "ns", DOC_HYPERFINE,
		"the standard deviation of hyperfine's times", NULL),
	HARNESS("hf_runs", "count", DOC_HYPERFINE, "timed runs hyperfine made", NULL),
	HARNESS("hf_note", "text", DOC_HYPERFINE, "why the columns are empty, when they are", NULL),
	WORKLOAD("region_ops", "ops",
		 "operations done inside the region: `ops_done` less the first op of each task (pair)",
		 NULL),
	WORKLOAD("verify_instret", "instr",
		 "refos: instructions spent filling and checking patterns inside the region (a window "
		 "that another thread's turn fell into is run again and charged the clean cost)", NULL),
	DERIVED("verify_instr_per_op", "instr/op", DOC_MODEL,
		"refos: `verify_instret / region_ops`: what filling and checking the bytes cost, the "
		"workload's share", NULL, .per_op = "verify_instret"),
	DERIVED("mech_instr_per_op", "instr/op", DOC_MODEL,
		"refos: `instr_per_op - verify_instr_per_op`: the mechanism's cost without "
		"verification", NULL, .summary = 10, .gate = 7, .plot = 12, .md = 12, .md_if_set = 1,
		.md_refos = 3, .md_label = "without verify"),
#ifdef SCB_EXTRA_COLUMNS
	/* A test build's scratch rows (harness/tests/columns.sh). */
#include SCB_EXTRA_COLUMNS
#endif

	/* Only on the rows that have them, after the fixed columns. */
	WORKLOAD("fail_reason", "text",
		 "why the workload aborted its run, on the rows where it did (`verify` is then "
		 "`fail`)", NULL, .tail = 1),
	HOST_EXTRA("cpus", "text", "the CPUs the process's threads ran on"),
	COL("pin", "text", SRC_HOST, DOC_HOST_EXTRA,
	    "CPUs asked for with wl-host's `--pin` (scbench's `--cpus`), empty when unpinned", NULL,
	    .tail = 1, .checked = 1),
	HOST_EXTRA("perf_ctx_switches", "count", "the perf software event for context switches"),
	HOST_EXTRA("perf_page_faults", "count", "the perf software event for page faults"),
	HOST_EXTRA("task_clock_ns", "ns", "perf task clock: CPU time of all threads"),
	HOST_EXTRA("ru_ctx_vol", "count",
		   "voluntary context switches from getrusage, kept beside the tracer's for "
		   "cross-checking"),
	HOST_EXTRA("ru_ctx_invol", "count",
		   "involuntary context switches from getrusage, kept beside the tracer's"),
	HOST_EXTRA("ru_page_faults", "count", "page faults from getrusage, kept beside the tracer's"),
	HOST_EXTRA("syscalls_by_nr", "text", "`--trace`: `number:count` pairs of the system calls seen"),
	EMU_COUNTERS(EMU_COUNTER)
	EMU("emu_instr", "instr",
	    "`emu_instr_u + emu_instr_s + emu_instr_m`: every instruction of every hart"),
	EMU("emu_hart", "hart", "the hart (vCPU) that ran the begin marker: the workload's"),
	EMU("emu_instr_hart", "instr",
	    "U+S+M instructions of `emu_hart` alone: the critical path, against `emu_instr`, the "
	    "total work"),
	EMU("emu_instr_by_hart", "text",
	    "each hart's instructions as `HART:U/S/M`, comma-separated (`0:120/3400/50,1:0/9000/700`)"),
	/* The critical path and the rest, by level: numbers the summary can
	 * take a median of whatever the number of harts (docs/architecture.md,
	 * "Per-hart counts"). */
	EMU("emu_instr_hart_u", "instr", "U-mode instructions of `emu_hart`"),
	EMU("emu_instr_hart_s", "instr", "S-mode instructions of `emu_hart`"),
	EMU("emu_instr_hart_m", "instr", "M-mode instructions of `emu_hart`"),
	EMU("emu_instr_rest", "instr",
	    "`emu_instr - emu_instr_hart`: the instructions of every hart but `emu_hart` (with two "
	    "harts and the poller, the poller hart's)"),
	EMU("emu_instr_rest_u", "instr", "`emu_instr_u - emu_instr_hart_u`"),
	EMU("emu_instr_rest_s", "instr", "`emu_instr_s - emu_instr_hart_s`"),
	EMU("emu_instr_rest_m", "instr",
	    "`emu_instr_m - emu_instr_hart_m`: the firmware's share of the other harts' work"),
	EMU_COUNTERS(EMU_COUNTER_PER_OP)
	EMU_PER_OP("emu_instr", "instr/op", ": every hart's instructions, the total work"),
	EMU_PER_OP("emu_instr_hart", "instr/op", ": the workload's hart, the critical path",
		   .summary = 11),
	EMU_PER_OP("emu_instr_hart_u", "instr/op", ""),
	EMU_PER_OP("emu_instr_hart_s", "instr/op", ""),
	EMU_PER_OP("emu_instr_hart_m", "instr/op", ""),
	EMU_PER_OP("emu_instr_rest", "instr/op", ": the other harts' work", .summary = 12),
	EMU_PER_OP("emu_instr_rest_u", "instr/op", ""),
	EMU_PER_OP("emu_instr_rest_s", "instr/op", ""),
	EMU_PER_OP("emu_instr_rest_m", "instr/op", ": what the other harts spend in the firmware",
		   .summary = 13),
	HARNESS("emu_note", "text", DOC_EMU,
		"refos: why the emulator plugin was not loaded (`--instrument none`, no plugin "
		"built, its arguments not found), empty when it was", NULL, .tail = 1),
};

#define NRAW (sizeof(table) / sizeof(table[0]))

/* The plugin's cache model (cachemodel.h, on with its model= argument)
 * adds its counters to the @emu line: emu_cm_LEVEL_FIELD for each
 * structure and what it counts, then emu_cm_TOTAL. Their rows are made
 * from its lists when the schema is first used. */
struct cm_word {
	const char *name, *desc;
};
#define CM_WORD(n, d) {#n, d},
static const struct cm_word cm_levels[] = {CM_LEVELS(CM_WORD)};
static const struct cm_word cm_fields[] = {CM_FIELDS(CM_WORD)};
static const struct cm_word cm_totals[] = {CM_TOTALS(CM_WORD)};
#define NLEVELS (sizeof(cm_levels) / sizeof(cm_levels[0]))
#define NFIELDS (sizeof(cm_fields) / sizeof(cm_fields[0]))
#define NTOTALS (sizeof(cm_totals) / sizeof(cm_totals[0]))
#define NCOUNTS (NLEVELS * NFIELDS + NTOTALS)
#define NCM (2 * NCOUNTS) /* each count, then each per op */

static struct column cm_column(const char *name, const char *unit, const char *what,
			       const char *desc)
{
	struct column c = EMU(NULL, unit, NULL);
	if (asprintf((char **)&c.name, "emu_cm_%s", name) < 0 ||
	    asprintf((char **)&c.desc, "cache model: %s%s%s", what, *what ? ", " : "", desc) < 0)
		abort();
	return c;
}

/* A count of the cache model divided by the region's ops (--core). */
static struct column cm_per_op(const struct column *count)
{
	struct column c = COL(NULL, strcmp(count->unit, "cycles") ? "count/op" : "cycles/op",
			      SRC_DERIVED, DOC_EMU, NULL, NULL, .tail = 1, .per_op = count->name);
	if (asprintf((char **)&c.name, "%s_per_op", count->name) < 0 ||
	    asprintf((char **)&c.desc, "`%s / region_ops`", count->name) < 0)
		abort();
	return c;
}

/* Row i of the cache model's columns. */
static struct column cm_row(size_t i)
{
	char name[64];
	if (i >= NCOUNTS) {
		struct column count = cm_row(i - NCOUNTS);
		return cm_per_op(&count);
	}
	if (i >= NLEVELS * NFIELDS) {
		const struct cm_word *t = &cm_totals[i - NLEVELS * NFIELDS];
		return cm_column(t->name, strncmp(t->name, "cyc_", 4) ? "count" : "cycles", "", t->desc);
	}
	const struct cm_word *l = &cm_levels[i / NFIELDS], *f = &cm_fields[i % NFIELDS];
	snprintf(name, sizeof(name), "%s_%s", l->name, f->name);
	return cm_column(name, "count", l->desc, f->desc);
}

static const struct {
	unsigned bit;
	const char *name, *brief;
} sources[] = {
	{SRC_PARAM, "parameter", "parameter"}, {SRC_WORKLOAD, "workload core", "workload"},
	{SRC_REFOS, "refos counter", "refos"}, {SRC_CSR, "refos CSR", "refos"},
	{SRC_HOST, "host counter", "host"},    {SRC_EMU, "emulator counter", "emulator"},
	{SRC_DERIVED, "derived", "derived"},   {SRC_HARNESS, "harness", "harness"},
};

/* The table with each name once: a later row of a name already seen (a
 * counter both targets report) adds its source, and its description after
 * the first one's, under the source's name. */
static struct column *merged;
static size_t nmerged;
static char *merge_problem;

static void merge(void)
{
	merged = xmalloc((NRAW + NCM) * sizeof(*merged));
	for (size_t i = 0; i < NRAW + NCM; i++) {
		struct column row = i < NRAW ? table[i] : cm_row(i - NRAW), *c = NULL;
		for (size_t k = 0; k < nmerged && !c; k++)
			if (!strcmp(merged[k].name, row.name))
				c = &merged[k];
		if (!c) {
			merged[nmerged++] = row;
			continue;
		}
		const char *brief = "?";
		for (size_t s = 0; s < sizeof(sources) / sizeof(sources[0]); s++)
			if (row.source & sources[s].bit)
				brief = sources[s].brief;
		char *d;
		if ((c->source & row.source) && !merge_problem &&
		    asprintf(&merge_problem, "%s: two rows of the same source", c->name) < 0)
			merge_problem = NULL;
		if (asprintf(&d, "%s; %s: %s", c->desc ? c->desc : "", brief,
			     row.desc ? row.desc : "") < 0)
			abort();
		c->desc = d; /* lives as long as the program */
		c->source |= row.source;
	}
}

size_t columns_count(void)
{
	if (!merged)
		merge();
	return nmerged;
}

const struct column *columns_at(size_t i)
{
	return i < columns_count() ? &merged[i] : NULL;
}

const struct column *columns_find(const char *name)
{
	for (size_t i = 0; i < columns_count(); i++)
		if (!strcmp(merged[i].name, name))
			return &merged[i];
	return NULL;
}

static unsigned rank(const struct column *c, enum col_role role)
{
	switch (role) {
	case ROLE_SUMMARY: return c->summary;
	case ROLE_COMPARE: return c->compare;
	case ROLE_GATE: return c->gate;
	case ROLE_PLOT: return c->plot;
	case ROLE_MD: return c->md;
	case ROLE_MD_REFOS: return c->md_refos;
	case ROLE_MD_HOST: return c->md_host;
	case ROLE_FIGURE: return c->figure ? c->figure->rank : 0;
	case ROLE_NROLES: break;
	}
	return 0;
}

static const char *const role_names[ROLE_NROLES] = {
	"summary", "compare", "gate", "plot", "md", "md-refos", "md-host", "figure",
};

static const struct column **role_lists[ROLE_NROLES];
static const char **role_name_lists[ROLE_NROLES];

static void build_role(enum col_role role)
{
	size_t n = columns_count(), k = 0, top = 0;
	for (size_t i = 0; i < n; i++)
		top = rank(&merged[i], role) > top ? rank(&merged[i], role) : top;
	const struct column **l = xmalloc((n + 1) * sizeof(*l));
	const char **names = xmalloc((n + 1) * sizeof(*names));
	/* By position; columns_check reports two at one position. */
	for (unsigned r = 1; r <= top; r++)
		for (size_t i = 0; i < n; i++)
			if (rank(&merged[i], role) == r) {
				names[k] = merged[i].name;
				l[k++] = &merged[i];
			}
	l[k] = NULL;
	names[k] = NULL;
	role_lists[role] = l;
	role_name_lists[role] = names;
}

const struct column *const *columns_role(enum col_role role)
{
	if (!role_lists[role])
		build_role(role);
	return role_lists[role];
}

const char *const *columns_role_names(enum col_role role)
{
	if (!role_lists[role])
		build_role(role);
	return role_name_lists[role];
}

const char *columns_source_name(unsigned source, char *buf, size_t len)
{
	size_t n = 0;
	buf[0] = 0;
	for (size_t s = 0; s < sizeof(sources) / sizeof(sources[0]) && n < len; s++)
		if (source & sources[s].bit)
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? ", " : "", sources[s].name);
	return buf;
}

const char *columns_role_name(enum col_role role)
{
	return role < ROLE_NROLES ? role_names[role] : "?";
}

int columns_check(FILE *f)
{
	int bad = 0;
	size_t n = columns_count();
	if (merge_problem) {
		fprintf(f, "column %s\n", merge_problem);
		bad++;
	}
	for (size_t i = 0; i < n; i++) {
		const struct column *c = &merged[i];
		const char *miss = !c->desc || !*c->desc ? "description"
				   : !c->unit || !*c->unit ? "unit"
				   : !c->source ? "source"
				   : c->doc < DOC_POINT || c->doc >= DOC_NSECTIONS ? "section of docs/metrics.md"
				   : NULL;
		if (miss) {
			fprintf(f, "column %s has no %s\n", c->name, miss);
			bad++;
		}
		if ((c->md_refos || c->md_host) && !c->md_label) {
			fprintf(f, "column %s is in summary.md's tables without a heading\n", c->name);
			bad++;
		}
		if (c->figure && !c->plot) {
			fprintf(f, "column %s has a figure but is not in the plot data\n", c->name);
			bad++;
		}
		if (c->per_op && !columns_find(c->per_op)) {
			fprintf(f, "column %s divides %s, which is no column\n", c->name, c->per_op);
			bad++;
		}
		for (size_t k = 0; k < i; k++)
			for (enum col_role r = 0; r < ROLE_NROLES; r++)
				if (rank(c, r) && rank(c, r) == rank(&merged[k], r)) {
					fprintf(f, "columns %s and %s are both at %u in the %s list\n",
						merged[k].name, c->name, rank(c, r), role_names[r]);
					bad++;
				}
	}
	return bad;
}
