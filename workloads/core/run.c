/*
 * run.c - wl_main(): parse, set up, run the measured region, check, and
 * print exactly one `@run {json}` line (keys: docs/interfaces.md).
 */
#include "wl_run.h"

/* Both are large; static keeps them off small platform stacks. */
static struct wl_run the_run;
static struct wl_json the_json;

static const struct wl_backend *find_backend(const struct wl_backend *const *list,
					     const char *name)
{
	for (; *list; list++)
		if (!strcmp((*list)->name, name))
			return *list;
	return NULL;
}

static void list_backends(const struct wl_backend *const *list)
{
	wl_printf(2, "backends:");
	for (; *list; list++)
		wl_printf(2, " %s", (*list)->name);
	wl_printf(2, "\n");
}

/* Sums the tasks' counters and decides the verdict: every task ended well,
 * every op was done and every expected byte was read and checked. */
static bool report_results(struct wl_run *run, struct wl_json *j, int run_err)
{
	const struct wl_config *cfg = &run->cfg;
	struct wl_task_stats sum = { 0 };
	const struct wl_task *failed = NULL;
	uint64_t want_bytes = wl_workload_expected_bytes(cfg);
	uint64_t region_ops = 0, verify = 0, now;
	char why[96] = "";
	bool ok;

	for (unsigned i = 0; i < run->ntasks; i++) {
		const struct wl_task *t = &run->tasks[i];

		if (run->split && t->side == 1)	/* the other process's: below */
			continue;
		sum.nops += t->st.nops;
		sum.reads += t->st.reads;
		sum.writes += t->st.writes;
		sum.queued += t->st.queued;
		sum.busy += t->st.busy;
		sum.retries += t->st.retries;
		sum.ops += t->st.ops;
		sum.bytes += t->st.bytes;
		region_ops += t->st.ops - t->ops_before;
		verify += t->st.verify_instret - t->verify_before;
		if (!failed && (t->status != WL_TASK_OK || !t->done))
			failed = t;
	}
	if (run->split) {
		const struct wl_side_report *p = &run->peer_report;

		sum.bytes += run->peer_reported ? p->bytes : 0;
		if (!failed && run->peer_reported && p->failed) {
			failed = &run->tasks[p->failed - 1];
			snprintf(why, sizeof(why), "pongers' process: task %u failed (%d)",
				 p->failed - 1, (int)p->status);
		} else if (!failed && run_err == 0 && !run->peer_reported) {
			snprintf(why, sizeof(why), "pongers' process: no report");
		}
	}
	if (cfg->procs && !run->split && !failed && run_err == 0) {
		/* A process's counters died with it; its status vouches. */
		sum.ops = cfg->ops;
		sum.bytes = want_bytes;
		region_ops = 0;
		for (unsigned i = 0; i < run->ntasks; i++)
			if (run->tasks[i].counts_ops && run->tasks[i].ops > 0)
				region_ops += run->tasks[i].ops - 1;
	}
	ok = run_err == 0 && !failed && sum.ops == cfg->ops &&
	     sum.bytes == want_bytes && !why[0];
	if (why[0])
		;	/* the pongers' process said why */
	else if (run_err)
		snprintf(why, sizeof(why), "run aborted: error %d", run_err);
	else if (failed)
		snprintf(why, sizeof(why), "task %u: %s %ld", failed->index,
			 failed->fail_what ? failed->fail_what : "did not finish",
			 failed->fail_code);
	else if (!ok)
		snprintf(why, sizeof(why), "counted %llu ops, %llu bytes",
			 (unsigned long long)sum.ops,
			 (unsigned long long)sum.bytes);

	wl_json_u64(j, "ops", sum.ops);
	wl_json_u64(j, "region_ops", region_ops);	/* after the first of each task */
	wl_json_u64(j, "bytes", sum.bytes);
	wl_json_str(j, "verify", ok ? "ok" : "fail");
	if (!ok)
		wl_json_str(j, "fail_reason", why);
	/* A process's own count died with it. */
	if (!cfg->procs && wl_plat_instret(&now))
		wl_json_u64(j, "verify_instret", verify);
	if (!cfg->procs) {
		wl_json_u64(j, "io_nops", sum.nops);
		wl_json_u64(j, "io_reads", sum.reads);
		wl_json_u64(j, "io_writes", sum.writes);
		wl_json_u64(j, "io_queued", sum.queued);
		wl_json_u64(j, "io_busy", sum.busy);
		wl_json_u64(j, "io_retries", sum.retries);
	}
	return ok;
}

int wl_main(int argc, char **argv, const struct wl_backend *const *backends,
	    const char *target)
{
	struct wl_run *run = &the_run;
	struct wl_json *j = &the_json;
	const char *prog = argc > 0 ? argv[0] : "wl";
	const struct wl_backend *be;
	const char *line;
	char err[160];
	bool ok;
	int r;

	memset(run, 0, sizeof(*run));
	r = wl_parse_args(argc, argv, &run->cfg, err, sizeof(err));
	if (r == WL_ARGS_HELP) {
		wl_usage(1, prog, backends);
		return 0;
	}
	if (r == WL_ARGS_TABLE) {
		wl_print_table(1, backends);
		return 0;
	}
	if (r < 0) {
		wl_printf(2, "%s: %s (try --help)\n", prog, err);
		return 2;
	}
	be = find_backend(backends, run->cfg.backend);
	if (!be) {
		wl_printf(2, "%s: --backend: unknown '%s'\n", prog, run->cfg.backend);
		list_backends(backends);
		return 2;
	}
	/* Coroutines split in two processes: pingers and pongers, each with
	 * its executor, over pipes both inherit, so the backend's own pipes
	 * (which live in its process) cannot take part. */
	bool split = run->cfg.procs && !(be->flags & WL_BE_THREADS);
	if (split && ((run->cfg.workload != WL_PINGPONG && run->cfg.workload != WL_MIXED) ||
		      be->pipe_open)) {
		wl_printf(2, "%s: --procs: backend %s runs its tasks as coroutines; they split"
			  " in two processes only for pingpong and mixed, over the platform's"
			  " pipes\n", prog, be->name);
		return 2;
	}

	wl_plat_counters_init(run->cfg.procs);
	run->eng.be = be;
	run->eng.cfg = &run->cfg;
	run->eng.max_inflight = wl_workload_tasks(&run->cfg);
	/* split: each process sets its backend up after the fork */
	r = be->init && !split ? be->init(&run->eng) : 0;
	if (r < 0) {
		wl_printf(2, "%s: backend %s: cannot start here (error %d)\n",
			  prog, be->name, r);
		wl_plat_counters_close();
		return r == -WL_ENOSYS || r == -WL_EPERM || r == -WL_EACCES ? 3 : 1;
	}

	wl_json_init(j);
	wl_json_str(j, "workload", run->cfg.workload_name);
	wl_json_str(j, "backend", be->name);
	wl_json_str(j, "target", target);
	wl_json_u64(j, "conc", run->cfg.conc);
	wl_json_u64(j, "size", run->cfg.size);
	wl_json_str(j, "notify", run->cfg.notify);
	wl_json_u64(j, "tasks", wl_workload_tasks(&run->cfg));
	wl_json_u64(j, "procs", run->cfg.procs);

	r = wl_workload_setup(run);
	if (r == 0) {
		if (be->flags & WL_BE_THREADS)
			r = wl_run_threads(run, j);
		else if (split)
			r = wl_run_split(run, j);
		else
			r = wl_run_coroutines(run, j);
	} else {
		wl_printf(2, "%s: setup failed (error %d)\n", prog, r);
	}
	ok = report_results(run, j, r);
	wl_workload_teardown(run);
	if (be->cleanup)
		be->cleanup(&run->eng);
	wl_plat_counters_close();

	line = wl_json_finish(j);
	if (!line) {
		wl_printf(2, "%s: @run line too long\n", prog);
		return 1;
	}
	/* Not wl_printf: the line can outgrow its buffer. */
	wl_plat_console_write(1, "@run ", 5);
	wl_plat_console_write(1, line, strlen(line));
	wl_plat_console_write(1, "\n", 1);
	return ok ? 0 : 1;
}
