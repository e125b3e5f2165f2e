/*
 * A deterministic cache and TLB model, apart from QEMU so that it can be
 * tested on known access sequences. One hart has L1 instruction and data
 * caches, instruction and data TLBs and an optional second-level TLB; the
 * harts share an optional L2 cache. A TLB is a cache whose line is a 4 KiB
 * page. Every miss is charged to the privilege level that took it, and a
 * U-mode miss on a block that S- or M-mode code last removed (by evicting
 * it, or by a flush it ran) is counted apart: the pollution a trap leaves.
 * A store invalidates the line in the other harts' L1 data caches (no
 * cost beyond the misses it causes, which are counted apart too).
 *
 * Write-back, write-allocate caches with no penalty for write-backs and no
 * inclusion between levels: the model charges what a core waits for on a
 * load or a fetch, which is what the sources of its figures give.
 */
#ifndef EMU_CACHEMODEL_H
#define EMU_CACHEMODEL_H

#include <stddef.h>
#include <stdint.h>

enum cm_priv { CM_U, CM_S, CM_M, CM_NPRIV };
/* Who last removed a block: a privilege level, or another hart's store. */
#define CM_BY_REMOTE CM_NPRIV

/* The structures of the model, in the order of their counters. */
#define CM_LEVELS(X)                                   \
	X(l1i, "L1 instruction cache")                 \
	X(l1d, "L1 data cache")                        \
	X(itlb, "L1 instruction TLB")                  \
	X(dtlb, "L1 data TLB")                         \
	X(l2tlb, "second-level TLB, per hart")         \
	X(l2, "L2 cache, shared by the harts")

enum cm_level {
#define CM_LEVEL_ENUM(name, desc) CM_##name,
	CM_LEVELS(CM_LEVEL_ENUM)
#undef CM_LEVEL_ENUM
	CM_NLEVELS
};

/* What is counted for each structure; counter (level, field) is number
 * level * CM_NFIELDS + field, named cm_LEVEL_FIELD. */
#define CM_FIELDS(X)                                                                   \
	X(acc, "lookups (a fetch counts once per line a block spans)")                  \
	X(miss_u, "misses taken by U-mode code")                                       \
	X(miss_s, "misses taken by S-mode code")                                       \
	X(miss_m, "misses taken by M-mode code")                                       \
	X(poll, "U-mode misses on blocks S- or M-mode code last removed, by evicting "  \
		"them or by a flush it ran (pollution)")                                \
	X(coh, "misses on blocks a store of another hart invalidated (coherence)")

enum cm_field {
#define CM_FIELD_ENUM(name, desc) CM_F_##name,
	CM_FIELDS(CM_FIELD_ENUM)
#undef CM_FIELD_ENUM
	CM_NFIELDS
};

/* Counters after the per-level ones. */
#define CM_TOTALS(X)                                                                  \
	X(cyc_miss, "cycles charged for misses (L1, L2, TLB), per the core profile")   \
	X(cyc_trap, "cycles charged for trap entries and sret/mret, per the profile")  \
	X(sfence, "sfence.vma executed: each flushes the TLBs of its hart")            \
	X(satp, "satp writes: each flushes the TLBs unless the kernel uses ASIDs")

enum {
	CM_NLEVEL_COUNTERS = CM_NLEVELS * CM_NFIELDS,
#define CM_TOTAL_ENUM(name, desc) CM_T_##name,
	CM_T_BASE = CM_NLEVEL_COUNTERS - 1,
	CM_TOTALS(CM_TOTAL_ENUM)
#undef CM_TOTAL_ENUM
	CM_NCOUNTERS
};

#define CM_COUNTER(level, field) ((level) * CM_NFIELDS + (field))

/* The name of counter i ("cm_l1d_miss_u", "cm_cyc_miss"), written into
 * buf (32 bytes are enough). */
const char *cm_counter_name(int i, char *buf, size_t len);

enum cm_repl { CM_LRU, CM_FIFO, CM_RANDOM };

struct cm_geometry {
	uint64_t size;    /* bytes (a TLB: entries x 4096); 0: the structure is absent */
	unsigned ways;    /* 0: fully associative */
	unsigned line;    /* bytes, a power of two (a TLB: 4096) */
	enum cm_repl repl;
};

struct cm_line {
	uint64_t block; /* address / line + 1; 0: invalid */
	uint64_t stamp; /* LRU: last use; FIFO: fill */
};

/* Who last removed a block, for the pollution count. */
struct cm_gone {
	uint64_t block;
	uint8_t by; /* enum cm_priv or CM_BY_REMOTE, + 1; 0: an empty slot */
};

struct cm_cache {
	struct cm_geometry g;
	unsigned sets, ways, shift;
	struct cm_line *lines; /* sets x ways */
	uint64_t clock, rnd;
	struct cm_gone *gone; /* open addressing, a power of two in size */
	size_t ngone, gone_cap;
};

/* Sets up c (size 0 leaves it absent: every access then passes through).
 * Returns 0, or -1 with the reason in err. */
int cm_cache_init(struct cm_cache *c, const struct cm_geometry *g, char *err, size_t errlen);
void cm_cache_free(struct cm_cache *c);
/* One access by code of privilege priv. Returns 1 on a hit; on a miss
 * fills the block (evicting per the policy, the victim recorded as
 * removed by priv) and returns 0, with *last_by set to who last removed
 * the block (a privilege or CM_BY_REMOTE), -1 when it never was. */
int cm_cache_access(struct cm_cache *c, uint64_t addr, int priv, int *last_by);
/* Invalidates every block, each recorded as removed by `by`. */
void cm_cache_flush(struct cm_cache *c, int by);
/* Invalidates the block holding addr, if present, as removed by `by`. */
void cm_cache_invalidate(struct cm_cache *c, uint64_t addr, int by);

/* Cycles charged per event (a core profile's figures). */
struct cm_costs {
	unsigned l2_hit;   /* an L1 miss that hits the L2 (or memory, with no L2) */
	unsigned mem;      /* an L2 miss, on top of l2_hit */
	unsigned l2tlb_hit; /* an L1 TLB miss that hits the second-level TLB */
	unsigned walk;     /* a TLB miss that walks the page table */
	unsigned trap;     /* entry to a trap vector */
	unsigned xret;     /* an sret or mret */
};

struct cm_config {
	struct cm_geometry level[CM_NLEVELS];
	struct cm_costs cost;
	int asid;     /* the kernel tags address spaces: a satp write keeps the TLBs */
	int physical; /* index the caches by physical address */
};

struct cm_hart {
	struct cm_cache c[CM_NLEVELS]; /* the CM_l2 slot is unused: the L2 is shared */
	uint64_t *ctr;                 /* CM_NCOUNTERS, the caller's */
};

/* The shared part: the configuration and the L2. The caller serialises
 * calls that may reach the L2 when harts run in parallel. */
struct cm_model {
	struct cm_config cfg;
	struct cm_cache l2;
	struct cm_hart **harts; /* for stores to invalidate the others' lines */
	int nharts;
};

int cm_model_init(struct cm_model *m, const struct cm_config *cfg, char *err, size_t errlen);
void cm_model_free(struct cm_model *m);
/* Sets up h and adds it to m's harts (m must outlive it). */
int cm_hart_init(struct cm_hart *h, struct cm_model *m, uint64_t *ctr, char *err, size_t errlen);
void cm_hart_free(struct cm_hart *h);

/* A fetch of the bytes [vaddr, vaddr+len) of one translation block (one
 * TLB lookup per page, one cache lookup per line), or a data access of
 * the byte at vaddr (store: a write, which invalidates the line in the
 * other harts' L1 data caches).
 * vaddr goes to the TLBs (when translate: S and U code with paging on),
 * the caches take paddr when the model indexes physically, else vaddr. */
void cm_fetch(struct cm_model *m, struct cm_hart *h, uint64_t vaddr, uint64_t paddr, uint64_t len,
	      int priv, int translate);
void cm_data(struct cm_model *m, struct cm_hart *h, uint64_t vaddr, uint64_t paddr, int priv,
	     int translate, int store);
/* A TLB flush run by code of privilege priv (sfence.vma, or a satp
 * write when the kernel uses no ASIDs). */
void cm_tlb_flush(struct cm_hart *h, int priv);
/* A trap entry or an sret/mret. */
void cm_trap(const struct cm_model *m, struct cm_hart *h, int is_return);

/* Parses one "key=value" model argument into cfg (keys in cachemodel.c's
 * table: LEVEL_size, LEVEL_entries (TLBs), LEVEL_ways, LEVEL_line,
 * LEVEL_repl=lru|fifo|random, the costs l2_hit, mem, l2tlb_hit, walk,
 * trap, xret, and asid=on|off). Returns 1 when key is not a model key, 0 when set, -1
 * with the reason in err. */
int cm_config_arg(struct cm_config *cfg, const char *key, const char *val, char *err,
		  size_t errlen);

#endif
