/* The scheduler: one poll(2) loop over every running point's console and
 * the pidfd that says it has ended. No threads: QEMU under -icount is
 * single-threaded, so a process per core is the parallelism, and one loop
 * can watch them all. */
#include "engine.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

struct slot {
	int busy;
	const struct point *p;
	long warm_done;  /* the point's warm-up runs finished (p->warmup before the counted one) */
	size_t run_no;   /* its run_order cell */
	struct proc pr;
	FILE *log;
	char *logtmp, *logpath;
};

/* The first write that failed stops the sweep; later ones add nothing. */
static void storage_error(struct engine *e, const char *path, int err)
{
	if (!e->stopped)
		fprintf(stderr, "scbench: cannot write %s: %s: stopping the sweep\n", path,
			strerror(err));
	e->stopped = 1;
}

static void fmt_duration(char *buf, size_t n, double s)
{
	if (s < 0 || s != s)
		snprintf(buf, n, "?");
	else if (s < 90)
		snprintf(buf, n, "%.0fs", s);
	else if (s < 5400)
		snprintf(buf, n, "%ldm%02lds", (long)s / 60, (long)s % 60);
	else
		snprintf(buf, n, "%.1fh", s / 3600);
}

struct progress {
	int tty;
	double t0, busy_s, last;
	size_t total;
};

/* On a terminal one line redrawn in place; elsewhere a plain line per
 * finished point, so logs of CI runs stay readable. */
static void progress(struct progress *pg, const struct engine *e, const struct point *p,
		     const struct row *row, int running)
{
	char eta[32];
	size_t left = pg->total - e->done;
	double per = e->done ? pg->busy_s / (double)e->done : -1;
	int par = e->jobs < (int)left ? e->jobs : (int)left;
	fmt_duration(eta, sizeof(eta), !left ? 0 : e->done && par ? per * (double)left / par : -1);
	if (pg->tty) {
		/* A failure keeps a line of its own above the progress line. */
		if (p && strcmp(row_str(row, "status"), "ok")) {
			char *cfg = point_config(p);
			fprintf(stderr, "\r\033[Kfailed: %s %s conc=%ld size=%ld rep=%ld: %s\n", p->workload,
				cfg, p->conc, p->size, p->rep, row_str(row, "reason"));
			free(cfg);
		}
		fprintf(stderr, "\r\033[K[%zu/%zu] %zu failed, %d running, eta %s", e->done,
			pg->total, e->failed, running, eta);
		fflush(stderr);
		pg->last = now_s();
		return;
	}
	if (!p)
		return;
	char *cfg = point_config(p);
	const char *st = row_str(row, "status");
	fprintf(stderr, "[%zu/%zu] %-6s %s %s conc=%ld size=%ld rep=%ld%s%s (eta %s)\n", e->done,
		pg->total, st, p->workload, cfg, p->conc, p->size, p->rep,
		strcmp(st, "ok") ? ": " : "", strcmp(st, "ok") ? row_str(row, "reason") : "", eta);
	free(cfg);
}

static int start_slot(struct engine *e, struct slot *s, const struct point *p)
{
	char err[300];
	char **argv = target_argv(p, e->tcfg);
	memset(s, 0, sizeof(*s));
	s->p = p;
	if (e->logdir) {
		char *id = point_id(p);
		if (asprintf(&s->logpath, "%s/%s.log", e->logdir, id) < 0 ||
		    asprintf(&s->logtmp, "%s.tmp", s->logpath) < 0)
			exit(1);
		free(id);
		s->log = fopen(s->logtmp, "w");
		if (!s->log) {
			/* A result set that cannot hold its logs cannot hold its
			 * rows either: stop rather than run points for nothing. */
			storage_error(e, s->logtmp, errno);
			free(s->logtmp);
			free(s->logpath);
			argv_free(argv);
			return -2;
		}
	}
	if (s->log) {
		char *cmd = argv_to_shell(argv);
		fprintf(s->log, "# scbench: %s\n", cmd);
		if (p->warmup)
			fprintf(s->log, "# scbench: warm-up run 1 of %ld (not counted)\n", p->warmup);
		fflush(s->log);
		free(cmd);
	}
	int rc = proc_start(&s->pr, argv, s->log, p->timeout_s, err, sizeof(err));
	argv_free(argv);
	if (rc) {
		fprintf(stderr, "scbench: cannot start a point: %s\n", err);
		if (s->log)
			fclose(s->log);
		if (s->logtmp)
			unlink(s->logtmp);
		free(s->logtmp);
		free(s->logpath);
		return -1;
	}
	s->busy = 1;
	s->run_no = e->next_run++;
	return 0;
}

/* A warm-up run of the slot's point ended: the next run of it starts in
 * the same slot, so with -j the warm-up and the run it warms never
 * overlap. Returns 1 when the slot goes on, 0 when the point is finished
 * (its counted run ended, or a warm-up failed: that is the point's row). */
static int next_run(struct engine *e, struct slot *s, struct row *warm_row)
{
	const struct point *p = s->p;
	if (s->warm_done >= p->warmup)
		return 0;
	judge(p, &s->pr, warm_row);
	s->warm_done++;
	if (strcmp(row_str(warm_row, "status"), "ok")) {
		char why[600];
		snprintf(why, sizeof(why), "warm-up run %ld of %ld: %s", s->warm_done, p->warmup,
			 row_str(warm_row, "reason"));
		row_set(warm_row, "reason", why);
		return 0;
	}
	if (s->log) {
		if (s->warm_done < p->warmup)
			fprintf(s->log, "# scbench: warm-up run %ld of %ld (not counted)\n",
				s->warm_done + 1, p->warmup);
		else
			fprintf(s->log, "# scbench: the counted run\n");
		fflush(s->log);
	}
	char err[300];
	struct proc np;
	char **argv = target_argv(p, e->tcfg);
	int rc = proc_start(&np, argv, s->log, p->timeout_s, err, sizeof(err));
	argv_free(argv);
	if (rc) { /* the point fails with why; the warm-up's figures stay unseen */
		char why[400];
		snprintf(why, sizeof(why), "after warm-up run %ld of %ld: %s", s->warm_done,
			 p->warmup, err);
		row_set(warm_row, "status", "failed");
		row_set(warm_row, "reason", why);
		return 0;
	}
	row_free(warm_row);
	row_init(warm_row);
	proc_free(&s->pr);
	s->pr = np;
	return 1;
}

/* warm: the row of a failed warm-up run, else NULL (the counted run's is
 * judged here). */
static void finish_slot(struct engine *e, struct slot *s, struct progress *pg, int running,
			struct row *warm)
{
	struct row row;
	row_init(&row);
	if (warm)
		row_copy(&row, warm);
	else
		judge(s->p, &s->pr, &row);
	row_setf(&row, "run_order", "%zu", s->run_no);
	if (s->log) {
		fprintf(s->log, "# scbench: status %s%s%s\n", row_str(&row, "status"),
			*row_str(&row, "reason") ? ": " : "", row_str(&row, "reason"));
		/* The log appears under its final name only when complete. */
		errno = 0;
		int bad = ferror(s->log);
		bad = fclose(s->log) != 0 || bad;
		if (bad || rename(s->logtmp, s->logpath) != 0) {
			storage_error(e, s->logpath, errno ? errno : EIO);
			unlink(s->logtmp);
		} else {
			const char *base = strrchr(s->logpath, '/');
			char rel[300];
			snprintf(rel, sizeof(rel), "logs/%s", base ? base + 1 : s->logpath);
			row_set(&row, "log_file", rel);
		}
	}
	e->done++;
	e->failed += strcmp(row_str(&row, "status"), "ok") != 0;
	pg->busy_s += s->pr.end - s->pr.start;
	if (e->on_done && e->on_done(e->ctx, s->p, &row, &s->pr))
		e->stopped = 1;
	if (!e->quiet)
		progress(pg, e, s->p, &row, running);
	row_free(&row);
	proc_free(&s->pr);
	free(s->logtmp);
	free(s->logpath);
	s->busy = 0;
}

static void abort_slot(struct slot *s)
{
	proc_abort(&s->pr);
	if (s->log) {
		fclose(s->log);
		unlink(s->logtmp);
	}
	proc_free(&s->pr);
	free(s->logtmp);
	free(s->logpath);
	s->busy = 0;
}

/* The point started n-th. */
static size_t at(const struct engine *e, size_t n)
{
	return e->order ? e->order[n] : n;
}

/* Starts points in free slots; returns how many started. */
static int fill_slots(struct engine *e, struct slot *slots, int jobs, size_t *next)
{
	int started = 0;
	for (int i = 0; i < jobs && *next < e->pts->n && !stop_signal && !e->stopped; i++) {
		while (e->skip && *next < e->pts->n && e->skip[at(e, *next)])
			(*next)++;
		if (*next == e->pts->n)
			break;
		if (!slots[i].busy) {
			int rc = start_slot(e, &slots[i], &e->pts->v[at(e, *next)]);
			if (rc == -2)
				break; /* stopped: the point stays not run */
			(*next)++;
			if (rc == 0)
				started++;
			else
				e->done++, e->failed++;
		}
	}
	return started;
}

/* Waits for console output or the nearest deadline, at most the refresh
 * period of the progress line. */
static void wait_slots(struct slot *slots, struct pollfd *pfd, int jobs)
{
	double wait = 0.2;
	int n = 0;
	for (int i = 0; i < jobs; i++) {
		if (!slots[i].busy)
			continue;
		double left = slots[i].pr.deadline - now_s();
		if (left < wait)
			wait = left > 0 ? left : 0;
		int fds[2] = {slots[i].pr.fd, slots[i].pr.pidfd};
		/* A console at its end, a process not yet reaped and nothing to
		 * poll for its end: look again soon. */
		if (fds[0] < 0 && fds[1] < 0 && !slots[i].pr.reaped && wait > 0.002)
			wait = 0.002;
		for (int k = 0; k < 2; k++)
			if (fds[k] >= 0) {
				pfd[n].fd = fds[k];
				pfd[n].events = POLLIN;
				pfd[n].revents = 0;
				n++;
			}
	}
	if (poll(pfd, (nfds_t)n, (int)(wait * 1000) + 1) < 0 && errno != EINTR)
		perror("scbench: poll");
}

int engine_run(struct engine *e)
{
	struct sigaction sa = {0}, old_int, old_term, old_hup;
	sa.sa_handler = on_signal; /* no SA_RESTART: poll must return EINTR */
	sigemptyset(&sa.sa_mask);
	stop_signal = 0;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGHUP, &sa, &old_hup);

	int jobs = e->jobs > 0 ? e->jobs : 1;
	struct slot *slots = xmalloc((size_t)jobs * sizeof(*slots));
	struct pollfd *pfd = xmalloc(2 * (size_t)jobs * sizeof(*pfd)); /* console, end */
	memset(slots, 0, (size_t)jobs * sizeof(*slots));
	struct progress pg = {.tty = isatty(2), .t0 = now_s(), .total = e->pts->n};
	for (size_t i = 0; e->skip && i < e->pts->n; i++)
		pg.total -= e->skip[i] != 0;
	size_t next = 0;
	int running = 0;
	e->done = e->failed = 0;
	e->next_run = e->first_run ? e->first_run : 1;
	e->interrupted = e->stopped = e->failed_fast = 0;

	while (!stop_signal && !e->stopped && !(e->fail_fast && e->failed) &&
	       (next < e->pts->n || running)) {
		running += fill_slots(e, slots, jobs, &next);
		wait_slots(slots, pfd, jobs);
		for (int i = 0; i < jobs; i++) {
			if (!slots[i].busy)
				continue;
			proc_read(&slots[i].pr);
			if (proc_poll(&slots[i].pr)) {
				struct row warm;
				row_init(&warm);
				int warming = slots[i].warm_done < slots[i].p->warmup;
				if (next_run(e, &slots[i], &warm)) {
					row_free(&warm);
					continue;
				}
				running--;
				finish_slot(e, &slots[i], &pg, running, warming ? &warm : NULL);
				row_free(&warm);
			}
		}
		if (pg.tty && !e->quiet && now_s() - pg.last >= 1.0)
			progress(&pg, e, NULL, NULL, running);
	}
	e->interrupted = stop_signal != 0;
	/* The points still running are cut short as by Ctrl-C: their rows are
	 * not written, so --resume runs them with the rest. */
	e->failed_fast = !e->interrupted && e->fail_fast && e->failed;
	for (int i = 0; i < jobs; i++)
		if (slots[i].busy)
			abort_slot(&slots[i]);
	if (pg.tty && !e->quiet)
		fputc('\n', stderr);
	if (e->interrupted)
		fprintf(stderr, "scbench: interrupted (%s): %zu of %zu points finished; "
				"the result set holds those\n",
			strsignal(stop_signal), e->done, pg.total);
	if (e->failed_fast)
		fprintf(stderr, "scbench: --fail-fast: stopped at the first failed point; %zu of "
				"%zu points finished, and the result set holds those\n", e->done,
			pg.total);
	free(slots);
	free(pfd);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	return e->interrupted || e->stopped || e->failed_fast ? -1 : 0;
}
