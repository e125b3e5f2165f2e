/* Command lines of the targets (docs/interfaces.md) and the verdict on a
 * finished run. A point counts only when every check passes; otherwise its
 * row is "failed" with the first reason found. */
#include "target.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "columns.h"
#include "emu.h"
#include "runline.h"
#include "target_guest.h"
#include "wl_args.h"

struct argv_b {
	char **v;
	size_t n;
};

static void add(struct argv_b *a, const char *s)
{
	a->v = xrealloc(a->v, (a->n + 2) * sizeof(*a->v));
	a->v[a->n++] = xstrdup(s);
	a->v[a->n] = NULL;
}

static void addf(struct argv_b *a, const char *fmt, long v)
{
	char buf[32];
	snprintf(buf, sizeof(buf), fmt, v);
	add(a, buf);
}

/* The workload's command line, its options named by wl_args.h and in its
 * order: the same words on the host's argv and after "--" in a guest's
 * -append. An empty notify is left out: the backend's default. */
static void workload_words(const struct point *p, struct argv_b *a)
{
	add(a, p->workload);
	for (int i = 0; i < WL_ARG_COUNT; i++) {
		char num[32], opt[32];
		const char *v = num;
		switch ((enum wl_arg)i) {
		case WL_ARG_BACKEND: v = p->backend; break;
		case WL_ARG_NOTIFY: v = p->notify; break;
		case WL_ARG_CONC: snprintf(num, sizeof(num), "%ld", p->conc); break;
		case WL_ARG_OPS: snprintf(num, sizeof(num), "%ld", p->ops); break;
		case WL_ARG_SIZE: snprintf(num, sizeof(num), "%ld", p->size); break;
		case WL_ARG_PROCS: v = NULL; break; /* tasks are threads: not an axis */
		case WL_ARG_SPIN: v = NULL; break;  /* the workload's default: not an axis */
		}
		if (!v || !*v)
			continue;
		snprintf(opt, sizeof(opt), "--%s", wl_arg_spec((enum wl_arg)i)->name);
		add(a, opt);
		add(a, v);
	}
}

static void add_word(void *ctx, const char *w)
{
	add(ctx, w);
}

/* The -append line: the kernel's words, "--", the workload's words. */
static char *append_line(const struct point *p)
{
	struct argv_b w = {0};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f) {
		fprintf(stderr, "scbench: out of memory\n");
		exit(1);
	}
	guest_find(p->target)->cmdline(p, f);
	fputs(" --", f);
	workload_words(p, &w);
	for (size_t i = 0; i < w.n; i++)
		fprintf(f, " %s", w.v[i]);
	fclose(f);
	argv_free(w.v);
	return buf;
}

char **target_argv(const struct point *p, const struct target_cfg *t)
{
	struct argv_b a = {0};
	if (strcmp(p->target, "host") == 0) {
		add(&a, t->host_bin);
		workload_words(p, &a);
		if (p->trace)
			add(&a, "--trace");
		if (p->pin && *p->pin) {
			add(&a, "--pin");
			add(&a, p->pin);
		}
		return a.v;
	}
	add(&a, t->qemu);
	add(&a, "-machine");
	add(&a, "virt");
	add(&a, "-bios");
	add(&a, "default");
	add(&a, "-nographic");
	add(&a, "-m");
	add(&a, "256M");
	add(&a, "-smp");
	addf(&a, "%ld", p->harts);
	if (p->icount) {
		/* One instruction per virtual ns, and idle time that does not
		 * follow the host clock: runs repeat exactly. */
		add(&a, "-icount");
		add(&a, "shift=0,sleep=off");
	} else {
		add(&a, "-accel");
		add(&a, "tcg,thread=multi");
	}
	guest_find(p->target)->load(t, add_word, &a);
	const char *plugin_args = t->plugin_args[guest_index(p->target)];
	if (p->emu && plugin_args) {
		char *pl;
		if (asprintf(&pl, "%s,%s", t->plugin, plugin_args) < 0) {
			fprintf(stderr, "scbench: out of memory\n");
			exit(1);
		}
		add(&a, "-plugin");
		add(&a, pl);
		free(pl);
	}
	add(&a, "-append");
	char *cmd = append_line(p);
	add(&a, cmd);
	free(cmd);
	return a.v;
}

static const struct guest_target *const guests[GUEST_COUNT] = {&refos_target, &linux_target};

const struct guest_target *guest_at(int i)
{
	return guests[i];
}

int guest_index(const char *name)
{
	for (int i = 0; i < GUEST_COUNT; i++)
		if (strcmp(guests[i]->name, name) == 0)
			return i;
	return -1;
}

const struct guest_target *guest_find(const char *name)
{
	int i = guest_index(name);
	return i < 0 ? NULL : guests[i];
}

void argv_free(char **argv)
{
	for (char **s = argv; s && *s; s++)
		free(*s);
	free(argv);
}

char *argv_to_shell(char *const *argv)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	for (size_t i = 0; argv[i]; i++) {
		const char *s = argv[i];
		if (i)
			fputc(' ', f);
		if (*s && !strpbrk(s, " \t\n'\"\\$`*?[]{}()<>|&;#~!")) {
			fputs(s, f);
			continue;
		}
		fputc('\'', f);
		for (; *s; s++)
			if (*s == '\'')
				fputs("'\\''", f);
			else
				fputc(*s, f);
		fputc('\'', f);
	}
	fclose(f);
	return buf;
}

/* Where a @run key goes: the column read from it, else (a key that would
 * clash with a column the harness owns) run_KEY, else nowhere (a parameter
 * the line echoes: checked, not copied), else a column of its own name. */
static void take_run_key(struct row *row, const char *k, const char *v)
{
	const struct column *c = NULL;
	for (size_t i = 0; i < columns_count() && !c; i++) {
		const struct column *x = columns_at(i);
		if ((x->source & SRC_FROM_RUN) && !strcmp(x->run_key ? x->run_key : x->name, k))
			c = x;
	}
	if (c) {
		row_set(row, c->name, v);
	} else if ((c = columns_find(k)) && !c->checked) {
		char nk[80];
		snprintf(nk, sizeof(nk), "run_%s", k);
		row_set(row, nk, v);
	} else if (!c) {
		row_set(row, k, v);
	}
}

/* The @run line must describe the point that was asked for: a kernel that
 * ignores a knob must not pass as having honoured it. */
static int check_params(const struct point *p, const struct row *run, char *why, size_t n)
{
	struct row want;
	row_init(&want);
	point_to_row(p, &want);
	int rc = 0;
	for (size_t i = 0; i < columns_count() && !rc; i++) {
		const char *k = columns_at(i)->name;
		if (!columns_at(i)->checked)
			continue;
		const char *got = row_get(run, k), *asked = row_get(&want, k);
		/* Empty on either side means "does not apply here". */
		if (got && *got && asked && *asked && strcmp(got, asked)) {
			snprintf(why, n, "@run says %s=%s, asked for %s", k, got, asked);
			rc = -1;
		}
	}
	row_free(&want);
	return rc;
}

static void set_failed(struct row *row, const char *why)
{
	row_set(row, "status", "failed");
	row_set(row, "reason", why);
}

/* The plugin's counts into emu_* cells, or why there are none. A loaded
 * plugin that printed no counts fails the point (its columns would
 * otherwise be silent zeros), and its own error explains a QEMU that
 * stopped before booting better than the missing @run line does. */
static void judge_emu(const struct point *p, const struct proc *pr, struct row *row, char *why,
		      size_t n)
{
	char sub[300];
	if (!target_is_guest(p->target))
		return;
	row_set(row, "emu_note", p->emu ? "" : p->emu_note);
	if (!p->emu)
		return;
	if (!pr->emu_line) {
		if (!*why)
			snprintf(why, n, "no @emu line: the plugin saw no end marker");
		return;
	}
	if (emu_parse(pr->emu_line, row, sub, sizeof(sub)) && !pr->timed_out && !pr->panic_line)
		snprintf(why, n, "%s", sub);
}

/* A failed run's reason, followed by the workload's own account of it,
 * which names the cause that a status only implies ("init exited with
 * status 1: run aborted: error -24"): the @run line's fail_reason, or for a
 * program that stopped before printing one by itself, its last words on
 * the console. */
static void add_own_words(const struct proc *pr, const struct row *run, char *why, size_t n)
{
	size_t l = strlen(why);
	if (run && *row_str(run, "fail_reason"))
		snprintf(why + l, n - l, ": %s", row_str(run, "fail_reason"));
	else if (!run && !pr->run_line && !pr->timed_out && !pr->panic_line &&
		 WIFEXITED(pr->wstatus) && proc_last_words(pr))
		snprintf(why + l, n - l, "; the console ended '%.200s'", proc_last_words(pr));
}

void judge(const struct point *p, const struct proc *pr, struct row *row)
{
	char why[400] = "", sub[300];
	/* Every guest's run ends with an @exit line. */
	const struct guest_target *g = guest_find(p->target);
	int guest = g != NULL;
	struct row run;
	row_init(&run);
	point_to_row(p, row);
	row_setf(row, "run_wall_ns", "%.0f", (pr->end - pr->start) * 1e9);

	int parsed = pr->run_line && runline_parse(pr->run_line, &run, sub, sizeof(sub)) == 0;
	if (parsed)
		for (size_t i = 0; i < run.n; i++)
			take_run_key(row, run.cells[i].key, run.cells[i].val);

	if (pr->timed_out)
		snprintf(why, sizeof(why), "timeout after %.0f s", p->timeout_s);
	else if (pr->panic_line)
		snprintf(why, sizeof(why), "panic:%s", pr->panic_line + strlen("@panic"));
	/* A crashed QEMU or workload: the cause, whatever else is missing. */
	else if (!pr->killed_late && WIFSIGNALED(pr->wstatus))
		snprintf(why, sizeof(why), "killed by signal %d (%s)", WTERMSIG(pr->wstatus),
			 strsignal(WTERMSIG(pr->wstatus)));
	else if (!pr->run_line && g && g->boot_failure && g->boot_failure(pr, why, sizeof(why)))
		;
	else if (!pr->run_line)
		snprintf(why, sizeof(why), "no @run line");
	else if (pr->nrun > 1)
		snprintf(why, sizeof(why), "%d @run lines, expected one", pr->nrun);
	else if (!parsed)
		snprintf(why, sizeof(why), "%s", sub);
	else if (guest && !pr->have_exit)
		snprintf(why, sizeof(why), "no @exit line");
	else if (guest && pr->bad_exit)
		snprintf(why, sizeof(why), "malformed @exit line");
	else if (guest && pr->exit_status != 0)
		snprintf(why, sizeof(why), "init exited with status %d", pr->exit_status);
	else if (!pr->killed_late && WEXITSTATUS(pr->wstatus) != 0)
		snprintf(why, sizeof(why), "exit status %d", WEXITSTATUS(pr->wstatus));
	else if (check_params(p, &run, sub, sizeof(sub)))
		snprintf(why, sizeof(why), "%s", sub);
	else if (strcmp(row_str(&run, "verify"), "ok") != 0 && !*row_str(&run, "fail_reason"))
		snprintf(why, sizeof(why), "verify fail: a byte read differed from what was written");
	else if (strcmp(row_str(&run, "verify"), "ok") != 0)
		snprintf(why, sizeof(why), "verify fail");

	/* Without a usable @run, a non-zero exit status says why (QEMU that
	 * could not load the kernel, a workload that rejected its options). */
	if (*why && !parsed && !pr->timed_out && !pr->panic_line && !pr->killed_late &&
	    WIFEXITED(pr->wstatus) && WEXITSTATUS(pr->wstatus)) {
		size_t l = strlen(why);
		snprintf(why + l, sizeof(why) - l, " (exit status %d)", WEXITSTATUS(pr->wstatus));
	}
	if (*why)
		add_own_words(pr, parsed ? &run : NULL, why, sizeof(why));
	judge_emu(p, pr, row, why, sizeof(why));
	if (g && g->fill)
		g->fill(row);
	if (*why)
		set_failed(row, why);
	else {
		row_set(row, "status", "ok");
		row_set(row, "reason", pr->killed_late ? "killed: no power-off after @exit" : "");
	}
	row_free(&run);
}
