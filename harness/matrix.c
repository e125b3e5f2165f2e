/* Expansion of axes into points. Sync backends do not take sqmode/notify,
 * so those axes multiply only the async configurations. */
#include "matrix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pointargs.h"
#include "target_guest.h"

int backend_is_async(const char *target, const char *backend)
{
	(void)target;
	int b = wl_backend_find(backend);
	return b >= 0 && wl_backend_spec((enum wl_backend_id)b)->modes;
}

int target_is_guest(const char *target)
{
	return guest_find(target) != NULL;
}

const char *matrix_backends(const char *target, int sweep)
{
	static char lists[2][128];
	char *l = lists[pointargs_target(target) == WL_ON_HOST];
	size_t off = 0;
	if (!sweep)
		return wl_arg_spec(WL_ARG_BACKEND)->def;
	/* null measures the framework itself: asked for, never swept by default. */
	for (int b = 0; b < WL_BACKEND_COUNT; b++) {
		const struct wl_backend_spec *bs = wl_backend_spec((enum wl_backend_id)b);
		if (b != WL_BACKEND_NULL && (bs->targets & pointargs_target(target)))
			off += (size_t)snprintf(l + off, sizeof(lists[0]) - off, "%s%s", off ? "," : "",
						bs->name);
	}
	return l;
}

static char *join(const struct strv *v, const char *sep)
{
	size_t len = 1;
	for (size_t i = 0; i < v->n; i++)
		len += strlen(v->v[i]) + strlen(sep);
	char *s = xmalloc(len);
	s[0] = 0;
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			strcat(s, sep);
		strcat(s, v->v[i]);
	}
	return s;
}

static int same_point(const struct point *a, const struct point *b)
{
	return !strcmp(a->target, b->target) && !strcmp(a->workload, b->workload) &&
	       !strcmp(a->backend, b->backend) && !strcmp(a->sqmode, b->sqmode) &&
	       !strcmp(a->notify, b->notify) && a->harts == b->harts && a->hz == b->hz &&
	       a->conc == b->conc && a->size == b->size && a->ops == b->ops &&
	       a->rep == b->rep && !strcmp(a->knobs, b->knobs) && a->icount == b->icount &&
	       a->trace == b->trace;
}

static int add_point(struct pointv *out, const struct point *p)
{
	for (size_t i = 0; i < out->n; i++)
		if (same_point(&out->v[i], p))
			return 0;
	if (out->n == out->cap) {
		out->cap = out->cap ? 2 * out->cap : 64;
		out->v = xrealloc(out->v, out->cap * sizeof(*out->v));
	}
	struct point *q = &out->v[out->n];
	*q = *p;
	q->idx = out->n++;
	q->workload = xstrdup(p->workload);
	q->backend = xstrdup(p->backend);
	q->sqmode = xstrdup(p->sqmode);
	q->notify = xstrdup(p->notify);
	q->knobs = xstrdup(p->knobs);
	return 1;
}

void point_free(struct point *p)
{
	free(p->workload);
	free(p->backend);
	free(p->sqmode);
	free(p->notify);
	free(p->knobs);
}

void pointv_free(struct pointv *v)
{
	for (size_t i = 0; i < v->n; i++)
		point_free(&v->v[i]);
	free(v->v);
	memset(v, 0, sizeof(*v));
}

/* One configuration (target, backend, sqmode, notify, harts, hz) across the
 * workload, size, conc, ops and rep axes. */
static size_t expand_config(const struct axes *a, struct point *p, long reps, struct pointv *out)
{
	size_t added = 0;
	for (size_t w = 0; w < a->workload.n; w++)
		for (size_t s = 0; s < a->size.n; s++)
			for (size_t c = 0; c < a->conc.n; c++)
				for (size_t o = 0; o < a->ops.n; o++)
					for (long r = 0; r < reps; r++) {
						p->workload = a->workload.v[w];
						p->size = a->size.v[s];
						p->conc = a->conc.v[c];
						p->ops = a->ops.v[o];
						p->rep = r;
						added += (size_t)add_point(out, p);
					}
	return added;
}

/* The completion modes a backend's points take: the axis, or else the
 * backend's default (wl_args.h). refos rows have always named the mode
 * they ran; host rows leave it empty, and the workload fills the same
 * default. */
static void default_notify(const struct axes *a, int refos, const char *backend,
			   struct strv *notifies)
{
	int b = wl_backend_find(backend);
	strv_free(notifies);
	if (a->set & (1u << AX_NOTIFY))
		for (size_t i = 0; i < a->notify.n; i++)
			strv_add(notifies, a->notify.v[i]);
	else
		strv_add(notifies, refos && b >= 0 ?
				   wl_notify_resolve(wl_backend_spec((enum wl_backend_id)b), "") : "");
}

size_t matrix_expand(const struct axes *a, int sweep, struct pointv *out, int *clamped)
{
	size_t added = 0;
	char *knobs = join(&a->knob, " ");
	static char empty[] = "";
	struct strv backends, notifies;
	strv_init(&notifies);
	char e[8];
	for (size_t t = 0; t < a->target.n; t++) {
		int refos = strcmp(a->target.v[t], "refos") == 0;
		int guest = target_is_guest(a->target.v[t]);
		strv_init(&backends);
		if (a->set & (1u << AX_BACKEND))
			for (size_t i = 0; i < a->backend.n; i++)
				strv_add(&backends, a->backend.v[i]);
		else
			parse_name_list(matrix_backends(a->target.v[t], sweep), NULL, &backends, e,
					sizeof(e));
		long reps = a->reps;
		if (guest && !a->no_icount && reps > 1 && !a->force_reps) {
			reps = 1; /* icount runs repeat exactly: more reps add nothing */
			*clamped = 1;
		}
		for (size_t b = 0; b < backends.n; b++) {
			int async = backend_is_async(a->target.v[t], backends.v[b]);
			default_notify(a, refos, backends.v[b], &notifies);
			size_t nsq = refos && async ? a->sqmode.n : 1;
			size_t nno = async ? notifies.n : 1;
			size_t nh = guest ? a->harts.n : 1, nhz = refos ? a->hz.n : 1;
			for (size_t q = 0; q < nsq; q++)
				for (size_t n = 0; n < nno; n++)
					for (size_t h = 0; h < nh; h++)
						for (size_t z = 0; z < nhz; z++) {
							struct point p = {
								.target = refos ? "refos" : guest ? "linux" : "host",
								.backend = backends.v[b],
								.sqmode = refos && async ? a->sqmode.v[q] : empty,
								.notify = async ? notifies.v[n] : empty,
								.harts = guest ? a->harts.v[h] : 0,
								.hz = refos ? a->hz.v[z] : 0,
								.knobs = refos ? knobs : empty,
								.icount = guest && !a->no_icount,
								.trace = !guest && a->trace,
								.emu = guest && !a->no_emu,
								.emu_asked = guest && !a->no_emu &&
									     (a->set & (1u << AX_INSTRUMENT)),
								.emu_note = guest && a->no_emu ? "--instrument none" : "",
								.timeout_s = a->timeout_s,
							};
							added += expand_config(a, &p, reps, out);
						}
		}
		strv_free(&backends);
	}
	strv_free(&notifies);
	free(knobs);
	return added;
}

char *point_config(const struct point *p)
{
	char *s;
	int rc = asprintf(&s, "%s%s%s%s%s", p->backend, *p->sqmode || *p->notify ? " " : "",
			  p->sqmode, *p->sqmode && *p->notify ? "/" : "", p->notify);
	if (rc >= 0 && p->harts > 1) {
		char *t = s;
		rc = asprintf(&s, "%s %ld harts", t, p->harts);
		free(t);
	}
	if (rc >= 0 && p->hz && p->hz != 100) {
		char *t = s;
		rc = asprintf(&s, "%s hz=%ld", t, p->hz);
		free(t);
	}
	if (rc >= 0 && *p->knobs) {
		char *t = s;
		rc = asprintf(&s, "%s %s", t, p->knobs);
		free(t);
	}
	if (rc < 0) {
		fprintf(stderr, "scbench: out of memory\n");
		exit(1);
	}
	return s;
}

char *point_id(const struct point *p)
{
	char *s;
	if (asprintf(&s, "%04zu-%s-%s-%s%s%s%s%s-h%ld-hz%ld-c%ld-s%ld-r%ld", p->idx, p->target,
		     p->workload, p->backend, *p->sqmode ? "-" : "", p->sqmode,
		     *p->notify ? "-" : "", p->notify, p->harts, p->hz, p->conc, p->size,
		     p->rep) < 0) {
		fprintf(stderr, "scbench: out of memory\n");
		exit(1);
	}
	return s;
}

void point_to_row(const struct point *p, struct row *r)
{
	row_set(r, "target", p->target);
	row_set(r, "workload", p->workload);
	row_set(r, "backend", p->backend);
	row_set(r, "sqmode", p->sqmode);
	row_set(r, "notify", p->notify);
	if (p->harts)
		row_setf(r, "harts", "%ld", p->harts);
	if (p->hz)
		row_setf(r, "hz", "%ld", p->hz);
	row_set(r, "knobs", p->knobs);
	row_set(r, "icount", !target_is_guest(p->target) ? "" : p->icount ? "1" : "0");
	row_set(r, "trace", strcmp(p->target, "host") ? "" : p->trace ? "1" : "0");
	if (p->pin && *p->pin) /* the @run line must echo it (columns.c) */
		row_set(r, "pin", p->pin);
	row_setf(r, "conc", "%ld", p->conc);
	row_setf(r, "size", "%ld", p->size);
	row_setf(r, "ops", "%ld", p->ops);
	row_setf(r, "rep", "%ld", p->rep);
}
