/* The cache and TLB model (see cachemodel.h). */
#include "cachemodel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const level_names[] = {
#define CM_LEVEL_NAME(name, desc) #name,
	CM_LEVELS(CM_LEVEL_NAME)
#undef CM_LEVEL_NAME
};
static const char *const field_names[] = {
#define CM_FIELD_NAME(name, desc) #name,
	CM_FIELDS(CM_FIELD_NAME)
#undef CM_FIELD_NAME
};
static const char *const total_names[] = {
#define CM_TOTAL_NAME(name, desc) #name,
	CM_TOTALS(CM_TOTAL_NAME)
#undef CM_TOTAL_NAME
};

const char *cm_counter_name(int i, char *buf, size_t len)
{
	if (i < CM_NLEVEL_COUNTERS)
		snprintf(buf, len, "cm_%s_%s", level_names[i / CM_NFIELDS], field_names[i % CM_NFIELDS]);
	else
		snprintf(buf, len, "cm_%s", total_names[i - CM_NLEVEL_COUNTERS]);
	return buf;
}

static int is_pow2(uint64_t x)
{
	return x && !(x & (x - 1));
}

int cm_cache_init(struct cm_cache *c, const struct cm_geometry *g, char *err, size_t errlen)
{
	memset(c, 0, sizeof(*c));
	c->g = *g;
	if (!g->size)
		return 0;
	if (!is_pow2(g->line)) {
		snprintf(err, errlen, "line size %u is not a power of two", g->line);
		return -1;
	}
	uint64_t nlines = g->size / g->line;
	unsigned ways = g->ways ? g->ways : (unsigned)nlines;
	if (g->size % g->line || nlines % ways || nlines / ways > (1u << 24) || ways > 4096) {
		snprintf(err, errlen, "size %llu is not a whole number of sets of %u lines of %u bytes",
			 (unsigned long long)g->size, ways, g->line);
		return -1;
	}
	c->ways = ways;
	c->sets = (unsigned)(nlines / ways);
	c->shift = (unsigned)__builtin_ctzll(g->line);
	c->rnd = 0x9e3779b97f4a7c15ull; /* fixed: runs repeat */
	c->lines = calloc(nlines, sizeof(*c->lines));
	c->gone_cap = 1024;
	c->gone = calloc(c->gone_cap, sizeof(*c->gone));
	if (!c->lines || !c->gone) {
		snprintf(err, errlen, "out of memory");
		cm_cache_free(c);
		return -1;
	}
	return 0;
}

void cm_cache_free(struct cm_cache *c)
{
	free(c->lines);
	free(c->gone);
	c->lines = NULL;
	c->gone = NULL;
}

static size_t gone_slot(const struct cm_gone *t, size_t cap, uint64_t block)
{
	size_t i = (size_t)(block * 0x9e3779b97f4a7c15ull >> 20) & (cap - 1);
	while (t[i].by && t[i].block != block)
		i = (i + 1) & (cap - 1);
	return i;
}

static void gone_put(struct cm_cache *c, uint64_t block, int by)
{
	if (2 * (c->ngone + 1) > c->gone_cap) {
		size_t cap = c->gone_cap * 2;
		struct cm_gone *t = calloc(cap, sizeof(*t));
		if (!t)
			return; /* the record is lost: a pollution miss counts as cold */
		for (size_t i = 0; i < c->gone_cap; i++)
			if (c->gone[i].by)
				t[gone_slot(t, cap, c->gone[i].block)] = c->gone[i];
		free(c->gone);
		c->gone = t;
		c->gone_cap = cap;
	}
	size_t i = gone_slot(c->gone, c->gone_cap, block);
	c->ngone += !c->gone[i].by;
	c->gone[i] = (struct cm_gone){block, (uint8_t)(by + 1)};
}

static int gone_by(const struct cm_cache *c, uint64_t block)
{
	const struct cm_gone *g = &c->gone[gone_slot(c->gone, c->gone_cap, block)];
	return g->by ? g->by - 1 : -1;
}

static unsigned victim(struct cm_cache *c, struct cm_line *set)
{
	for (unsigned w = 0; w < c->ways; w++)
		if (!set[w].block)
			return w;
	if (c->g.repl == CM_RANDOM) {
		c->rnd ^= c->rnd << 13;
		c->rnd ^= c->rnd >> 7;
		c->rnd ^= c->rnd << 17;
		return (unsigned)(c->rnd % c->ways);
	}
	unsigned v = 0;
	for (unsigned w = 1; w < c->ways; w++)
		if (set[w].stamp < set[v].stamp)
			v = w;
	return v;
}

int cm_cache_access(struct cm_cache *c, uint64_t addr, int priv, int *last_by)
{
	uint64_t block = (addr >> c->shift) + 1;
	struct cm_line *set = c->lines + (size_t)((block - 1) % c->sets) * c->ways;
	*last_by = -1;
	c->clock++;
	for (unsigned w = 0; w < c->ways; w++)
		if (set[w].block == block) {
			if (c->g.repl == CM_LRU)
				set[w].stamp = c->clock;
			return 1;
		}
	*last_by = gone_by(c, block);
	struct cm_line *v = &set[victim(c, set)];
	if (v->block)
		gone_put(c, v->block, priv);
	*v = (struct cm_line){block, c->clock};
	return 0;
}

void cm_cache_flush(struct cm_cache *c, int by)
{
	size_t n = (size_t)c->sets * c->ways;
	for (size_t i = 0; c->g.size && i < n; i++)
		if (c->lines[i].block) {
			gone_put(c, c->lines[i].block, by);
			c->lines[i].block = 0;
		}
}

void cm_cache_invalidate(struct cm_cache *c, uint64_t addr, int by)
{
	if (!c->g.size)
		return;
	uint64_t block = (addr >> c->shift) + 1;
	struct cm_line *set = c->lines + (size_t)((block - 1) % c->sets) * c->ways;
	for (unsigned w = 0; w < c->ways; w++)
		if (set[w].block == block) {
			gone_put(c, block, by);
			set[w].block = 0;
		}
}

int cm_model_init(struct cm_model *m, const struct cm_config *cfg, char *err, size_t errlen)
{
	memset(m, 0, sizeof(*m));
	m->cfg = *cfg;
	return cm_cache_init(&m->l2, &cfg->level[CM_l2], err, errlen);
}

void cm_model_free(struct cm_model *m)
{
	cm_cache_free(&m->l2);
	free(m->harts);
	m->harts = NULL;
	m->nharts = 0;
}

int cm_hart_init(struct cm_hart *h, struct cm_model *m, uint64_t *ctr, char *err, size_t errlen)
{
	memset(h, 0, sizeof(*h));
	struct cm_hart **hs = realloc(m->harts, (size_t)(m->nharts + 1) * sizeof(*hs));
	if (!hs) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	m->harts = hs;
	h->ctr = ctr;
	for (int l = 0; l < CM_NLEVELS; l++) {
		if (l == CM_l2)
			continue;
		if (cm_cache_init(&h->c[l], &m->cfg.level[l], err, errlen)) {
			size_t n = strlen(err);
			snprintf(err + n, errlen - n, " (%s)", level_names[l]);
			cm_hart_free(h);
			return -1;
		}
	}
	m->harts[m->nharts++] = h;
	return 0;
}

void cm_hart_free(struct cm_hart *h)
{
	for (int l = 0; l < CM_NLEVELS; l++)
		cm_cache_free(&h->c[l]);
}

/* One lookup in a structure, counted; 1 on a hit (an absent one always
 * hits: it adds nothing). */
static int lookup(struct cm_cache *c, uint64_t *ctr, int level, uint64_t addr, int priv)
{
	int by;
	if (!c->g.size)
		return 1;
	ctr[CM_COUNTER(level, CM_F_acc)]++;
	if (cm_cache_access(c, addr, priv, &by))
		return 1;
	ctr[CM_COUNTER(level, CM_F_miss_u + priv)]++;
	ctr[CM_COUNTER(level, CM_F_poll)] += priv == CM_U && (by == CM_S || by == CM_M);
	ctr[CM_COUNTER(level, CM_F_coh)] += by == CM_BY_REMOTE;
	return 0;
}

static void translate_once(struct cm_model *m, struct cm_hart *h, int l1tlb, uint64_t vaddr,
			   int priv)
{
	uint64_t *ctr = h->ctr;
	if (lookup(&h->c[l1tlb], ctr, l1tlb, vaddr, priv))
		return;
	if (h->c[CM_l2tlb].g.size && lookup(&h->c[CM_l2tlb], ctr, CM_l2tlb, vaddr, priv)) {
		ctr[CM_T_cyc_miss] += m->cfg.cost.l2tlb_hit;
		return;
	}
	ctr[CM_T_cyc_miss] += m->cfg.cost.walk;
}

static void cache_once(struct cm_model *m, struct cm_hart *h, int l1, uint64_t addr, int priv)
{
	uint64_t *ctr = h->ctr;
	if (lookup(&h->c[l1], ctr, l1, addr, priv))
		return;
	ctr[CM_T_cyc_miss] += m->cfg.cost.l2_hit;
	if (!lookup(&m->l2, ctr, CM_l2, addr, priv))
		ctr[CM_T_cyc_miss] += m->cfg.cost.mem;
}

static void model_access(struct cm_model *m, struct cm_hart *h, int l1tlb, int l1, uint64_t vaddr,
		   uint64_t paddr, int priv, int translate)
{
	if (translate)
		translate_once(m, h, l1tlb, vaddr, priv);
	cache_once(m, h, l1, m->cfg.physical ? paddr : vaddr, priv);
}

void cm_fetch(struct cm_model *m, struct cm_hart *h, uint64_t vaddr, uint64_t paddr, uint64_t len,
	      int priv, int translate)
{
	/* Line by line: the instructions after the first in a line hit, as
	 * they would on a core that fetches them one by one. A block's bytes
	 * are taken as physically contiguous. */
	uint64_t line = h->c[CM_l1i].g.size ? h->c[CM_l1i].g.line : 64, page = ~0ull;
	uint64_t first = vaddr & ~(line - 1), end = vaddr + (len ? len : 1);
	for (uint64_t a = first; a < end; a += line) {
		uint64_t at = a < vaddr ? vaddr : a;
		if (translate && at >> 12 != page) {
			page = at >> 12;
			translate_once(m, h, CM_itlb, at, priv);
		}
		cache_once(m, h, CM_l1i, m->cfg.physical ? paddr + (at - vaddr) : at, priv);
	}
}

void cm_data(struct cm_model *m, struct cm_hart *h, uint64_t vaddr, uint64_t paddr, int priv,
	     int translate, int store)
{
	model_access(m, h, CM_dtlb, CM_l1d, vaddr, paddr, priv, translate);
	uint64_t a = m->cfg.physical ? paddr : vaddr;
	for (int i = 0; store && i < m->nharts; i++)
		if (m->harts[i] != h)
			cm_cache_invalidate(&m->harts[i]->c[CM_l1d], a, CM_BY_REMOTE);
}

void cm_tlb_flush(struct cm_hart *h, int priv)
{
	cm_cache_flush(&h->c[CM_itlb], priv);
	cm_cache_flush(&h->c[CM_dtlb], priv);
	cm_cache_flush(&h->c[CM_l2tlb], priv);
}

void cm_trap(const struct cm_model *m, struct cm_hart *h, int is_return)
{
	h->ctr[CM_T_cyc_trap] += is_return ? m->cfg.cost.xret : m->cfg.cost.trap;
}

/* ---- arguments ----------------------------------------------------------- */

static int parse_u64(const char *s, uint64_t *v)
{
	char *e;
	if (*s < '0' || *s > '9')
		return -1;
	*v = strtoull(s, &e, 0);
	return *e ? -1 : 0;
}

static int level_arg(struct cm_geometry *g, const char *what, const char *val, char *err,
		     size_t errlen)
{
	uint64_t v;
	if (!strcmp(what, "repl")) {
		static const char *const repl[] = {"lru", "fifo", "random"};
		for (int i = 0; i < 3; i++)
			if (!strcmp(val, repl[i])) {
				g->repl = (enum cm_repl)i;
				return 0;
			}
		snprintf(err, errlen, "'%s' is not lru, fifo or random", val);
		return -1;
	}
	if (parse_u64(val, &v) || v > (1ull << 32)) {
		snprintf(err, errlen, "'%s' is not a count", val);
		return -1;
	}
	if (!strcmp(what, "size"))
		g->size = v;
	else if (!strcmp(what, "entries")) /* TLBs: entries of one 4 KiB page */
		g->size = v * 4096, g->line = 4096;
	else if (!strcmp(what, "ways"))
		g->ways = (unsigned)v;
	else if (!strcmp(what, "line"))
		g->line = (unsigned)v;
	else
		return 1;
	return 0;
}

int cm_config_arg(struct cm_config *cfg, const char *key, const char *val, char *err,
		  size_t errlen)
{
	static const struct {
		const char *name;
		size_t off;
	} costs[] = {
		{"l2_hit", offsetof(struct cm_costs, l2_hit)},
		{"mem", offsetof(struct cm_costs, mem)},
		{"l2tlb_hit", offsetof(struct cm_costs, l2tlb_hit)},
		{"walk", offsetof(struct cm_costs, walk)},
		{"trap", offsetof(struct cm_costs, trap)},
		{"xret", offsetof(struct cm_costs, xret)},
	};
	uint64_t v;
	for (size_t i = 0; i < sizeof(costs) / sizeof(*costs); i++)
		if (!strcmp(key, costs[i].name)) {
			if (parse_u64(val, &v) || v > 1000000) {
				snprintf(err, errlen, "'%s' is not a number of cycles", val);
				return -1;
			}
			*(unsigned *)((char *)&cfg->cost + costs[i].off) = (unsigned)v;
			return 0;
		}
	if (!strcmp(key, "asid")) {
		if (strcmp(val, "on") && strcmp(val, "off")) {
			snprintf(err, errlen, "'%s' is not on or off", val);
			return -1;
		}
		cfg->asid = !strcmp(val, "on");
		return 0;
	}
	for (int l = 0; l < CM_NLEVELS; l++) {
		size_t n = strlen(level_names[l]);
		if (!strncmp(key, level_names[l], n) && key[n] == '_')
			return level_arg(&cfg->level[l], key + n + 1, val, err, errlen);
	}
	return 1;
}
