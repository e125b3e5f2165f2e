/* Parsing and defaults of the sweep axes. Every error names the axis and the
 * bad text, since a sweep file and the command line share these messages. */
#include "axes.h"
#include "matrix.h"
#include "pointargs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each axis once: its key (the option and the sweep-file setting), the help
 * scbench run and sweep print, the default (applied by axes_defaults and
 * shown in the help), and for integer axes the range. The axes that are
 * workload arguments (wl_arg_of) take limits, default and help from
 * wl_args.h instead. A NULL default is filled elsewhere (backend and notify
 * depend on the target and backend: matrix.c). */
static const struct axis_spec {
	const char *name, *arg, *help;
	const char *def, *sweep_def;
	long min, max;
} axis_spec[AX_COUNT] = {
	[AX_TARGET] = {"target", "refos|linux|host", "where to run", "refos", NULL, 0, 0},
	[AX_WORKLOAD] = {"workload", "NAMES", NULL, "echo", NULL, 0, 0},
	[AX_BACKEND] = {"backend", "NAMES", NULL, NULL, NULL, 0, 0},
	[AX_SQMODE] = {"sqmode", "enter,worker,poller", "where refos serves the rings", "enter",
		       NULL, 0, 0},
	[AX_NOTIFY] = {"notify", "MODES", NULL, NULL, NULL, 0, 0},
	[AX_HARTS] = {"harts", "N", "harts of the emulated machine (refos, linux)", "1", NULL, 1, 64},
	[AX_HZ] = {"hz", "N", "refos timer interrupts per second", "100", NULL, 1, 100000},
	[AX_CONC] = {"conc", "N", NULL, NULL, "1..256", 0, 0},
	[AX_SIZE] = {"size", "N", NULL, NULL, NULL, 0, 0},
	[AX_OPS] = {"ops", "N", NULL, NULL, NULL, 0, 0},
	[AX_REPS] = {"reps", "N", "repetitions (refos under -icount repeats exactly:\n"
		     "1 unless --force-reps)", "1", NULL, 1, 1000},
	[AX_TIMEOUT] = {"timeout", "S", "seconds before a point is killed", "60", NULL, 0, 0},
	[AX_KNOB] = {"knob", "K=V", "extra kernel knob, repeatable (crash=panic, ...)", NULL, NULL,
		     0, 0},
	[AX_NO_ICOUNT] = {"no-icount", NULL, "refos and linux on the wall clock, multi-threaded TCG", NULL,
			  NULL, 0, 0},
	[AX_FORCE_REPS] = {"force-reps", NULL, "keep --reps on icount runs", NULL, NULL, 0, 0},
	[AX_TRACE] = {"trace", NULL, "host: count with wl-host's tracer", NULL, NULL, 0, 0},
	[AX_INSTRUMENT] = {"instrument", "plugin|none", "refos, linux: also count with the emulator plugin\n"
			   "(emu_* columns; needs --plugin, which make builds)",
			   "plugin", NULL, 0, 0},
};

static const char *const targets[] = {"refos", "linux", "host", NULL};
static const char *const sqmodes[] = {"enter", "worker", "poller", NULL};

/* The wl_args.h argument an axis is, or -1. */
static int wl_arg_of(int ax)
{
	switch (ax) {
	case AX_BACKEND: return WL_ARG_BACKEND;
	case AX_NOTIFY: return WL_ARG_NOTIFY;
	case AX_CONC: return WL_ARG_CONC;
	case AX_SIZE: return WL_ARG_SIZE;
	case AX_OPS: return WL_ARG_OPS;
	default: return -1;
	}
}

static long axis_min(int ax)
{
	int w = wl_arg_of(ax);
	return w >= 0 ? (long)wl_arg_spec(w)->min : axis_spec[ax].min;
}

static long axis_max(int ax)
{
	int w = wl_arg_of(ax);
	return w >= 0 ? (long)wl_arg_spec(w)->max : axis_spec[ax].max;
}

/* The default axes_defaults applies, or NULL. */
static const char *axis_default(int ax, int sweep)
{
	const struct axis_spec *s = &axis_spec[ax];
	int w = wl_arg_of(ax);
	if (sweep && s->sweep_def)
		return s->sweep_def;
	if (w >= 0)
		return wl_arg_spec(w)->kind == WL_KIND_NUM ? wl_arg_spec(w)->def : NULL;
	return s->def;
}

/* The help of the axes that wl_args.h describes. */
static const char *wl_axis_help(int ax)
{
	if (ax == AX_WORKLOAD)
		return pointargs_workload_help();
	return pointargs_help((enum wl_arg)wl_arg_of(ax));
}

size_t axes_options(int sweep, struct opt *out)
{
	static char notify_arg[64];
	for (int i = 0; i < AX_COUNT; i++) {
		const struct axis_spec *s = &axis_spec[i];
		const char *def = axis_default(i, sweep), *help = s->help, *arg = s->arg;
		if (!help)
			help = wl_axis_help(i);
		if (i == AX_BACKEND)
			def = sweep ? "every backend of the target but null" : matrix_backends("refos", 0);
		if (i == AX_NOTIFY)
			arg = pointargs_join(notify_arg, sizeof(notify_arg), pointargs_notify_modes(), ",");
		out[i] = (struct opt){s->name, 0, arg, help, def, i};
	}
	return AX_COUNT;
}

void axes_init(struct axes *a)
{
	memset(a, 0, sizeof(*a));
}

static void ilist_free(struct ilist *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void axes_free(struct axes *a)
{
	strv_free(&a->target);
	strv_free(&a->workload);
	strv_free(&a->backend);
	strv_free(&a->sqmode);
	strv_free(&a->notify);
	strv_free(&a->knob);
	ilist_free(&a->harts);
	ilist_free(&a->hz);
	ilist_free(&a->conc);
	ilist_free(&a->size);
	ilist_free(&a->ops);
	axes_init(a);
}

const char *axes_name(int ax)
{
	return ax >= 0 && ax < AX_COUNT ? axis_spec[ax].name : NULL;
}

int axes_key(const char *key, int *takes_value)
{
	for (int i = 0; i < AX_COUNT; i++)
		if (strcmp(key, axis_spec[i].name) == 0) {
			if (takes_value)
				*takes_value = axis_spec[i].arg != NULL;
			return i;
		}
	return -1;
}

static int parse_long(const char *s, long *v)
{
	char *end;
	errno = 0;
	long x = strtol(s, &end, 10);
	if (errno || end == s || *end)
		return -1;
	*v = x;
	return 0;
}

int parse_int_list(const char *s, long min, long max, struct ilist *out, char *err, size_t errlen)
{
	char *copy = xstrdup(s), *save = NULL;
	long *v = NULL;
	size_t n = 0;
	int rc = -1;
	if (!*s) {
		snprintf(err, errlen, "empty list");
		goto out;
	}
	if (s[0] == ',' || s[strlen(s) - 1] == ',' || strstr(s, ",,")) {
		snprintf(err, errlen, "empty item in '%s'", s);
		goto out;
	}
	for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		long lo, hi;
		char *dots = strstr(item, "..");
		if (dots) {
			*dots = 0;
			if (parse_long(item, &lo) || parse_long(dots + 2, &hi)) {
				snprintf(err, errlen, "bad range '%s..%s' (want A..B, e.g. 1..256)", item, dots + 2);
				goto out;
			}
			/* A range doubles: 1..256 is 1,2,4,...,256, the points
			 * a log-2 axis shows evenly. */
			if (lo < 1 || hi < lo) {
				snprintf(err, errlen, "bad range %ld..%ld (want 1 <= A <= B)", lo, hi);
				goto out;
			}
			if (hi > max) {
				snprintf(err, errlen, "%ld is out of range (%ld..%ld)", hi, min, max);
				goto out;
			}
			long x = lo;
			while (x < hi && x <= max / 2)
				x *= 2;
			if (x != hi) {
				snprintf(err, errlen, "range %ld..%ld: %ld is not %ld times a power of two",
					 lo, hi, hi, lo);
				goto out;
			}
		} else {
			if (parse_long(item, &lo)) {
				snprintf(err, errlen, "'%s' is not an integer", item);
				goto out;
			}
			hi = lo;
		}
		for (long x = lo; x <= hi; x *= 2) {
			if (x < min || x > max) {
				snprintf(err, errlen, "%ld is out of range (%ld..%ld)", x, min, max);
				goto out;
			}
			for (size_t i = 0; i < n; i++)
				if (v[i] == x) {
					snprintf(err, errlen, "%ld appears twice", x);
					goto out;
				}
			v = xrealloc(v, (n + 1) * sizeof(*v));
			v[n++] = x;
			if (x == hi)
				break; /* also ends single values and x = 0 */
		}
	}
	free(out->v);
	out->v = v;
	out->n = n;
	v = NULL;
	rc = 0;
out:
	free(v);
	free(copy);
	return rc;
}

static int good_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

int parse_name_list(const char *s, const char *const *allowed, struct strv *out, char *err, size_t errlen)
{
	struct strv v;
	strv_init(&v);
	const char *p = s;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char *item = strndup(p, len);
		int bad = !good_name(item);
		if (!bad && allowed) {
			bad = 1;
			for (const char *const *a = allowed; *a; a++)
				bad &= strcmp(*a, item) != 0;
		}
		if (bad || strv_find(&v, item) >= 0) {
			if (!*item)
				snprintf(err, errlen, "empty item in '%s'", s);
			else if (!bad)
				snprintf(err, errlen, "'%s' appears twice", item);
			else if (allowed) {
				int off = snprintf(err, errlen, "'%s' is not one of", item);
				for (const char *const *a = allowed; *a && off > 0 && (size_t)off < errlen; a++)
					off += snprintf(err + off, errlen - (size_t)off, " %s", *a);
			} else
				snprintf(err, errlen, "'%s' is not a name (a-z, 0-9, - and _)", item);
			free(item);
			strv_free(&v);
			return -1;
		}
		strv_add(&v, item);
		free(item);
		if (!comma)
			break;
		p = comma + 1;
	}
	strv_free(out);
	*out = v;
	return 0;
}

/* key=value with a name-like key and a value free of blanks: it becomes one
 * word of the kernel command line. */
static int parse_knob(const char *s, struct strv *knobs, char *err, size_t errlen)
{
	const char *eq = strchr(s, '=');
	if (!eq || eq == s || strpbrk(s, " \t\"'\\")) {
		snprintf(err, errlen, "'%s' is not KEY=VALUE without blanks or quotes", s);
		return -1;
	}
	for (size_t i = 0; i < knobs->n; i++)
		if (strncmp(knobs->v[i], s, (size_t)(eq - s) + 1) == 0) {
			free(knobs->v[i]);
			knobs->v[i] = xstrdup(s);
			return 0;
		}
	strv_add(knobs, s);
	return 0;
}

static int int_axis(int ax, const char *val, struct ilist *l, char *err, size_t errlen)
{
	return parse_int_list(val, axis_min(ax), axis_max(ax), l, err, errlen);
}

int axes_set(struct axes *a, const char *key, const char *val, char *err, size_t errlen)
{
	int takes;
	int ax = axes_key(key, &takes);
	char sub[200] = "";
	int rc = 0;
	if (ax < 0) {
		snprintf(err, errlen, "unknown setting '%s'", key);
		return -1;
	}
	if (takes && !val) {
		snprintf(err, errlen, "--%s needs a value", key);
		return -1;
	}
	if (!takes && val) {
		snprintf(err, errlen, "--%s takes no value", key);
		return -1;
	}
	switch ((enum axis)ax) {
	case AX_TARGET: rc = parse_name_list(val, targets, &a->target, sub, sizeof(sub)); break;
	case AX_WORKLOAD: rc = parse_name_list(val, pointargs_workloads(), &a->workload, sub, sizeof(sub)); break;
	case AX_BACKEND: rc = parse_name_list(val, pointargs_backends(), &a->backend, sub, sizeof(sub)); break;
	case AX_SQMODE: rc = parse_name_list(val, sqmodes, &a->sqmode, sub, sizeof(sub)); break;
	case AX_NOTIFY: rc = parse_name_list(val, pointargs_notify_modes(), &a->notify, sub, sizeof(sub)); break;
	case AX_HARTS: rc = int_axis(ax, val, &a->harts, sub, sizeof(sub)); break;
	case AX_HZ: rc = int_axis(ax, val, &a->hz, sub, sizeof(sub)); break;
	case AX_CONC: rc = int_axis(ax, val, &a->conc, sub, sizeof(sub)); break;
	case AX_SIZE: rc = int_axis(ax, val, &a->size, sub, sizeof(sub)); break;
	case AX_OPS: rc = int_axis(ax, val, &a->ops, sub, sizeof(sub)); break;
	case AX_REPS:
		if (parse_long(val, &a->reps) || a->reps < axis_min(ax) || a->reps > axis_max(ax)) {
			snprintf(sub, sizeof(sub), "'%s' is not a count from %ld to %ld", val,
				 axis_min(ax), axis_max(ax));
			rc = -1;
		}
		break;
	case AX_TIMEOUT: {
		char *end;
		errno = 0;
		a->timeout_s = strtod(val, &end);
		if (errno || end == val || *end || !(a->timeout_s > 0 && a->timeout_s <= 86400)) {
			snprintf(sub, sizeof(sub), "'%s' is not a number of seconds (0 < s <= 86400)", val);
			rc = -1;
		}
		break;
	}
	case AX_KNOB: rc = parse_knob(val, &a->knob, sub, sizeof(sub)); break;
	case AX_NO_ICOUNT: a->no_icount = 1; break;
	case AX_FORCE_REPS: a->force_reps = 1; break;
	case AX_TRACE: a->trace = 1; break;
	case AX_INSTRUMENT:
		if (strcmp(val, "plugin") && strcmp(val, "none")) {
			snprintf(sub, sizeof(sub), "'%s' is not plugin or none", val);
			rc = -1;
		}
		a->no_emu = strcmp(val, "none") == 0;
		break;
	case AX_COUNT: break;
	}
	if (rc) {
		snprintf(err, errlen, "--%s: %s", key, sub);
		return -1;
	}
	a->set |= 1u << ax;
	return 0;
}

static void strv_assign(struct strv *dst, const struct strv *src)
{
	strv_free(dst);
	for (size_t i = 0; i < src->n; i++)
		strv_add(dst, src->v[i]);
}

static void ilist_assign(struct ilist *dst, const struct ilist *src)
{
	free(dst->v);
	dst->v = xmalloc((src->n ? src->n : 1) * sizeof(long));
	memcpy(dst->v, src->v, src->n * sizeof(long));
	dst->n = src->n;
}

void axes_merge(struct axes *dst, const struct axes *src)
{
#define HAS(ax) (src->set & (1u << (ax)))
	if (HAS(AX_TARGET)) strv_assign(&dst->target, &src->target);
	if (HAS(AX_WORKLOAD)) strv_assign(&dst->workload, &src->workload);
	if (HAS(AX_BACKEND)) strv_assign(&dst->backend, &src->backend);
	if (HAS(AX_SQMODE)) strv_assign(&dst->sqmode, &src->sqmode);
	if (HAS(AX_NOTIFY)) strv_assign(&dst->notify, &src->notify);
	if (HAS(AX_HARTS)) ilist_assign(&dst->harts, &src->harts);
	if (HAS(AX_HZ)) ilist_assign(&dst->hz, &src->hz);
	if (HAS(AX_CONC)) ilist_assign(&dst->conc, &src->conc);
	if (HAS(AX_SIZE)) ilist_assign(&dst->size, &src->size);
	if (HAS(AX_OPS)) ilist_assign(&dst->ops, &src->ops);
	if (HAS(AX_REPS)) dst->reps = src->reps;
	if (HAS(AX_TIMEOUT)) dst->timeout_s = src->timeout_s;
	if (HAS(AX_NO_ICOUNT)) dst->no_icount = 1;
	if (HAS(AX_FORCE_REPS)) dst->force_reps = 1;
	if (HAS(AX_TRACE)) dst->trace = 1;
	if (HAS(AX_INSTRUMENT)) dst->no_emu = src->no_emu;
	if (HAS(AX_KNOB)) {
		char e[8];
		for (size_t i = 0; i < src->knob.n; i++)
			parse_knob(src->knob.v[i], &dst->knob, e, sizeof(e));
	}
#undef HAS
	dst->set |= src->set;
}

void axes_defaults(struct axes *a, int sweep)
{
	unsigned given = a->set;
	char e[200];
	for (int i = 0; i < AX_COUNT; i++) {
		const char *def = axis_default(i, sweep);
		if (def && !(given & (1u << i)))
			axes_set(a, axis_spec[i].name, def, e, sizeof(e));
	}
	a->set = given; /* defaults are not settings: merging must not see them */
}
