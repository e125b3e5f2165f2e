/* A setting that no point of the plan takes would be silently ignored:
 * `--target host --harts 2` measures one configuration while the command
 * line says another. Which points take a setting is read off the points
 * themselves (matrix.c leaves what does not apply empty or zero), so the
 * rule follows the expansion rather than restating it. */
#include "plancheck.h"

#include <stdio.h>
#include <string.h>

static int boots_guest(const struct point *p)
{
	return strcmp(p->target, "host") != 0;
}

static int takes_sqmode(const struct point *p) { return *p->sqmode != 0; }
static int takes_notify(const struct point *p) { return *p->notify != 0; }
static int takes_harts(const struct point *p) { return p->harts > 0; }
static int takes_hz(const struct point *p) { return p->hz > 0; }
static int takes_knob(const struct point *p) { return *p->knobs != 0; }
static int takes_trace(const struct point *p) { return p->trace; }

static const struct taker {
	int axis;
	const char *who; /* the points that take it */
	int (*takes)(const struct point *p);
} takers[] = {
	{AX_SQMODE, "refos points of an async backend", takes_sqmode},
	{AX_NOTIFY, "points of a backend with completion modes", takes_notify},
	{AX_HARTS, "points that boot a kernel (refos, linux)", takes_harts},
	{AX_HZ, "refos points", takes_hz},
	{AX_KNOB, "refos points", takes_knob},
	{AX_NO_ICOUNT, "points that boot a kernel (refos, linux)", boots_guest},
	{AX_INSTRUMENT, "points that boot a kernel (refos, linux)", boots_guest},
	{AX_TRACE, "host points", takes_trace},
};

/* "host" or "refos,host": a field of the points from `from` on, each
 * value once. */
static void values_of(const struct pointv *pts, size_t from, int backend, char *buf, size_t n)
{
	char seen[256] = ",";
	size_t off = 0;
	buf[0] = 0;
	for (size_t i = from; i < pts->n && off < n; i++) {
		const char *v = backend ? pts->v[i].backend : pts->v[i].target;
		char key[64];
		snprintf(key, sizeof(key), ",%s,", v);
		if (strstr(seen, key) || strlen(seen) + strlen(v) + 2 > sizeof(seen))
			continue;
		snprintf(seen + strlen(seen), sizeof(seen) - strlen(seen), "%s,", v);
		off += (size_t)snprintf(buf + off, n - off, "%s%s", off ? "," : "", v);
	}
}

int plan_check_given(const struct pointv *pts, size_t from, unsigned given, const char *where,
		     char *err, size_t n)
{
	for (size_t k = 0; k < sizeof(takers) / sizeof(*takers); k++) {
		const struct taker *t = &takers[k];
		if (!(given & (1u << t->axis)))
			continue;
		int taken = 0;
		for (size_t i = from; i < pts->n && !taken; i++)
			taken = t->takes(&pts->v[i]);
		if (taken)
			continue;
		char targets[64], backends[128];
		values_of(pts, from, 0, targets, sizeof(targets));
		values_of(pts, from, 1, backends, sizeof(backends));
		snprintf(err, n, "%s--%s: only %s take it, and none is planned (target %s, backend "
			 "%s): it would be ignored", where, axes_name(t->axis), t->who, targets, backends);
		return -1;
	}
	return 0;
}

int plan_check_hyperfine(const struct pointv *pts, int on, const char *settings_given, char *err,
			 size_t n)
{
	if (!on && settings_given) {
		snprintf(err, n, "--%s: it sets up --hyperfine, which is not given",
			 settings_given);
		return -1;
	}
	for (size_t i = 0; on && i < pts->n; i++)
		if (!boots_guest(&pts->v[i]))
			return 0;
	if (on) {
		snprintf(err, n, "--hyperfine: only host points take it (it times wl-host); no "
			 "host point is planned");
		return -1;
	}
	return 0;
}

int plan_check_host_only(const struct pointv *pts, const char *setting, const char *why_not,
			 char *err, size_t n)
{
	for (size_t i = 0; i < pts->n; i++)
		if (!boots_guest(&pts->v[i]))
			return 0;
	char targets[64];
	values_of(pts, 0, 0, targets, sizeof(targets));
	snprintf(err, n, "--%s: only host points take it, and none is planned (target %s): %s",
		 setting, targets, why_not);
	return -1;
}

int plan_check_point(const struct point *p, char *err, size_t n)
{
	/* The poller keeps hart 0 for itself (docs/refos.md); on one hart the
	 * kernel refuses the rings and the point could only fail. */
	if (!strcmp(p->sqmode, "poller") && p->harts < 2) {
		snprintf(err, n, "--sqmode: poller needs --harts 2 or more (it takes a hart of its "
			 "own); a poller point has harts %ld", p->harts);
		return -1;
	}
	return 0;
}
