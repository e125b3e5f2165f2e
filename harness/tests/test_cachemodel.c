/* The emulator plugin's cache and TLB model on access sequences whose
 * hits, misses, evictions and pollution follow from the geometry alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "cachemodel.h"

static int acc(struct cm_cache *c, uint64_t a, int priv)
{
	int by;
	return cm_cache_access(c, a, priv, &by);
}

static void init(struct cm_cache *c, uint64_t size, unsigned ways, unsigned line, enum cm_repl r)
{
	char err[200];
	struct cm_geometry g = {size, ways, line, r};
	assert_int_equal(cm_cache_init(c, &g, err, sizeof(err)), 0);
}

static void direct_mapped(void **state)
{
	(void)state;
	struct cm_cache c;
	init(&c, 256, 1, 64, CM_LRU); /* 4 sets of one 64-byte line */
	assert_int_equal(acc(&c, 0, CM_U), 0);
	assert_int_equal(acc(&c, 63, CM_U), 1);   /* same line */
	assert_int_equal(acc(&c, 64, CM_U), 0);
	assert_int_equal(acc(&c, 0, CM_U), 1);
	assert_int_equal(acc(&c, 256, CM_U), 0);  /* set 0 again: evicts line 0 */
	assert_int_equal(acc(&c, 64, CM_U), 1);   /* set 1 untouched */
	assert_int_equal(acc(&c, 0, CM_U), 0);
	cm_cache_free(&c);
}

static void lru_and_fifo(void **state)
{
	(void)state;
	struct cm_cache lru, fifo;
	/* one set of two ways: A, B, A, C; LRU evicts B, FIFO evicts A */
	init(&lru, 128, 2, 64, CM_LRU);
	init(&fifo, 128, 2, 64, CM_FIFO);
	uint64_t A = 0, B = 64, C = 128;
	struct cm_cache *cs[] = {&lru, &fifo};
	for (int i = 0; i < 2; i++) {
		assert_int_equal(acc(cs[i], A, CM_U), 0);
		assert_int_equal(acc(cs[i], B, CM_U), 0);
		assert_int_equal(acc(cs[i], A, CM_U), 1);
		assert_int_equal(acc(cs[i], C, CM_U), 0);
	}
	assert_int_equal(acc(&lru, A, CM_U), 1);
	assert_int_equal(acc(&lru, B, CM_U), 0);
	assert_int_equal(acc(&fifo, B, CM_U), 1);
	assert_int_equal(acc(&fifo, A, CM_U), 0);
	cm_cache_free(&lru);
	cm_cache_free(&fifo);
}

/* Misses of the second of two passes of a walk with stride `line` over
 * `kib` KiB: none while the walk fits, every access once it does not
 * (LRU on a cyclic walk larger than the cache keeps nothing). */
static uint64_t second_pass_misses(uint64_t size, unsigned ways, unsigned line, uint64_t bytes,
				   unsigned stride)
{
	struct cm_cache c;
	init(&c, size, ways, line, CM_LRU);
	uint64_t miss = 0;
	for (int pass = 0; pass < 2; pass++)
		for (uint64_t a = 0; a < bytes; a += stride) {
			int hit = acc(&c, 0x80000000u + a, CM_U);
			miss += pass && !hit;
		}
	cm_cache_free(&c);
	return miss;
}

static void knee_at_size_and_line(void **state)
{
	(void)state;
	/* 8 KiB, 4 ways, 64-byte lines */
	assert_int_equal(second_pass_misses(8192, 4, 64, 8192, 64), 0);
	/* one line more than fits: only set 0 holds five blocks, and thrashes */
	assert_int_equal(second_pass_misses(8192, 4, 64, 8192 + 64, 64), 5);
	/* a fifth block in every set: every access misses */
	assert_int_equal(second_pass_misses(8192, 4, 64, 8192 + 2048, 64), (8192 + 2048) / 64);
	/* a stride of two lines uses half the sets: 8 KiB still fits, and
	 * twice that misses every access */
	assert_int_equal(second_pass_misses(8192, 4, 64, 8192, 128), 0);
	assert_int_equal(second_pass_misses(8192, 4, 64, 16384, 128), 16384 / 128);
	/* a stride below the line: one miss per line, not per access */
	struct cm_cache c;
	init(&c, 8192, 4, 64, CM_LRU);
	uint64_t miss = 0;
	for (uint64_t a = 0; a < 4096; a += 16)
		miss += !acc(&c, a, CM_U);
	assert_int_equal(miss, 4096 / 64);
	cm_cache_free(&c);
	/* fully associative: any 8 KiB fits, whatever its addresses */
	assert_int_equal(second_pass_misses(8192, 0, 64, 8192, 64), 0);
	assert_int_equal(second_pass_misses(8192, 0, 64, 8192 + 64, 64), 8192 / 64 + 1);
}

static void pollution_attribution(void **state)
{
	(void)state;
	struct cm_cache c;
	int by;
	init(&c, 64, 1, 64, CM_LRU); /* one line: every new block evicts */
	assert_int_equal(cm_cache_access(&c, 0, CM_U, &by), 0);
	assert_int_equal(by, -1); /* cold */
	assert_int_equal(cm_cache_access(&c, 4096, CM_S, &by), 0); /* kernel evicts U's line */
	assert_int_equal(by, -1);
	assert_int_equal(cm_cache_access(&c, 0, CM_U, &by), 0);
	assert_int_equal(by, CM_S); /* U's line was last evicted by S */
	assert_int_equal(cm_cache_access(&c, 128, CM_U, &by), 0); /* U evicts its own */
	assert_int_equal(cm_cache_access(&c, 0, CM_U, &by), 0);
	assert_int_equal(by, CM_U); /* last evicted by U */
	assert_int_equal(cm_cache_access(&c, 8192, CM_M, &by), 0);
	assert_int_equal(cm_cache_access(&c, 0, CM_U, &by), 0);
	assert_int_equal(by, CM_M);
	cm_cache_free(&c);

	/* Counted through a hart: only U misses on blocks S or M removed. */
	struct cm_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	cfg.level[CM_l1d] = (struct cm_geometry){64, 1, 64, CM_LRU};
	struct cm_model m;
	struct cm_hart h;
	uint64_t ctr[CM_NCOUNTERS] = {0};
	char err[200];
	assert_int_equal(cm_model_init(&m, &cfg, err, sizeof(err)), 0);
	assert_int_equal(cm_hart_init(&h, &m, ctr, err, sizeof(err)), 0);
	uint64_t seq[][2] = {{0, CM_U}, {64, CM_S}, {0, CM_U}, {64, CM_U}, {0, CM_U}, {64, CM_S},
			     {128, CM_S}, {64, CM_S}};
	for (size_t i = 0; i < sizeof(seq) / sizeof(*seq); i++)
		cm_data(&m, &h, seq[i][0], seq[i][0], (int)seq[i][1], 0, 0);
	assert_int_equal(ctr[CM_COUNTER(CM_l1d, CM_F_miss_u)], 4);
	assert_int_equal(ctr[CM_COUNTER(CM_l1d, CM_F_miss_s)], 4);
	assert_int_equal(ctr[CM_COUNTER(CM_l1d, CM_F_poll)], 1); /* the second access to 0 */
	cm_hart_free(&h);
	cm_model_free(&m);
}

static void coherence_between_harts(void **state)
{
	(void)state;
	struct cm_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	cfg.level[CM_l1d] = (struct cm_geometry){4096, 4, 64, CM_LRU};
	cfg.cost.l2_hit = 10;
	struct cm_model m;
	struct cm_hart h0, h1;
	uint64_t c0[CM_NCOUNTERS] = {0}, c1[CM_NCOUNTERS] = {0};
	char err[200];
	assert_int_equal(cm_model_init(&m, &cfg, err, sizeof(err)), 0);
	assert_int_equal(cm_hart_init(&h0, &m, c0, err, sizeof(err)), 0);
	assert_int_equal(cm_hart_init(&h1, &m, c1, err, sizeof(err)), 0);
	cm_data(&m, &h0, 0x100, 0x100, CM_U, 0, 0);  /* hart 0 reads the line */
	cm_data(&m, &h1, 0x108, 0x108, CM_S, 0, 1);  /* hart 1 writes it */
	cm_data(&m, &h0, 0x100, 0x100, CM_U, 0, 0);  /* hart 0 misses again */
	cm_data(&m, &h0, 0x100, 0x100, CM_U, 0, 1);  /* its own store keeps it */
	cm_data(&m, &h0, 0x100, 0x100, CM_U, 0, 0);
	assert_int_equal(c0[CM_COUNTER(CM_l1d, CM_F_miss_u)], 2);
	assert_int_equal(c0[CM_COUNTER(CM_l1d, CM_F_coh)], 1);
	assert_int_equal(c0[CM_COUNTER(CM_l1d, CM_F_poll)], 0); /* another hart's, not pollution */
	/* hart 0's store took hart 1's copy */
	cm_data(&m, &h1, 0x108, 0x108, CM_S, 0, 0);
	assert_int_equal(c1[CM_COUNTER(CM_l1d, CM_F_miss_s)], 2);
	assert_int_equal(c1[CM_COUNTER(CM_l1d, CM_F_coh)], 1);
	cm_hart_free(&h0);
	cm_hart_free(&h1);
	cm_model_free(&m);
}

static struct cm_config small_config(void)
{
	struct cm_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	cfg.level[CM_l1i] = (struct cm_geometry){256, 1, 64, CM_LRU};
	cfg.level[CM_l1d] = (struct cm_geometry){256, 1, 64, CM_LRU};
	cfg.level[CM_itlb] = (struct cm_geometry){2 * 4096, 0, 4096, CM_LRU};
	cfg.level[CM_dtlb] = (struct cm_geometry){2 * 4096, 0, 4096, CM_LRU};
	cfg.level[CM_l2] = (struct cm_geometry){1024, 2, 64, CM_LRU};
	cfg.cost = (struct cm_costs){.l2_hit = 10, .mem = 100, .walk = 30, .trap = 7, .xret = 3};
	return cfg;
}

static void tlb_flush_on_sfence(void **state)
{
	(void)state;
	struct cm_config cfg = small_config();
	struct cm_model m;
	struct cm_hart h;
	uint64_t ctr[CM_NCOUNTERS] = {0};
	char err[200];
	assert_int_equal(cm_model_init(&m, &cfg, err, sizeof(err)), 0);
	assert_int_equal(cm_hart_init(&h, &m, ctr, err, sizeof(err)), 0);
	cm_data(&m, &h, 0x1000, 0, CM_U, 1, 0);
	cm_data(&m, &h, 0x1008, 0, CM_U, 1, 0);
	assert_int_equal(ctr[CM_COUNTER(CM_dtlb, CM_F_miss_u)], 1);
	cm_tlb_flush(&h, CM_S); /* the kernel's sfence.vma */
	cm_data(&m, &h, 0x1010, 0, CM_U, 1, 0);
	assert_int_equal(ctr[CM_COUNTER(CM_dtlb, CM_F_miss_u)], 2);
	assert_int_equal(ctr[CM_COUNTER(CM_dtlb, CM_F_poll)], 1);
	/* the cache keeps its line: the flush is the TLB's */
	assert_int_equal(ctr[CM_COUNTER(CM_l1d, CM_F_miss_u)], 1);
	/* untranslated (M-mode) accesses take no TLB lookup */
	cm_data(&m, &h, 0x5000, 0x5000, CM_M, 0, 0);
	assert_int_equal(ctr[CM_COUNTER(CM_dtlb, CM_F_acc)], 3);
	cm_hart_free(&h);
	cm_model_free(&m);
}

static void hierarchy_costs(void **state)
{
	(void)state;
	struct cm_config cfg = small_config();
	struct cm_model m;
	struct cm_hart h;
	uint64_t ctr[CM_NCOUNTERS] = {0};
	char err[200];
	assert_int_equal(cm_model_init(&m, &cfg, err, sizeof(err)), 0);
	assert_int_equal(cm_hart_init(&h, &m, ctr, err, sizeof(err)), 0);
	/* cold: L1 miss, L2 miss */
	cm_data(&m, &h, 0, 0, CM_S, 0, 0);
	assert_int_equal(ctr[CM_T_cyc_miss], 10 + 100);
	/* 256 maps to L1 set 0, evicting 0 there; the L2 keeps 0 */
	cm_data(&m, &h, 256, 256, CM_S, 0, 0);
	/* 0 again: L1 miss, L2 hit */
	cm_data(&m, &h, 0, 0, CM_U, 0, 0);
	assert_int_equal(ctr[CM_T_cyc_miss], 2 * 110 + 10);
	assert_int_equal(ctr[CM_COUNTER(CM_l1d, CM_F_poll)], 1);
	assert_int_equal(ctr[CM_COUNTER(CM_l2, CM_F_miss_s)], 2);
	assert_int_equal(ctr[CM_COUNTER(CM_l2, CM_F_miss_u)], 0);
	/* a fetch spanning three lines of one page: three L1I lookups, one ITLB */
	cm_fetch(&m, &h, 0x2030, 0x2030, 0x90, CM_U, 1);
	assert_int_equal(ctr[CM_COUNTER(CM_l1i, CM_F_acc)], 3);
	assert_int_equal(ctr[CM_COUNTER(CM_itlb, CM_F_acc)], 1);
	assert_int_equal(ctr[CM_COUNTER(CM_itlb, CM_F_miss_u)], 1);
	/* attribution: every L1 miss is a lookup of the L2 */
	uint64_t l1miss = 0;
	for (int l = CM_l1i; l <= CM_l1d; l++)
		for (int p = 0; p < CM_NPRIV; p++)
			l1miss += ctr[CM_COUNTER(l, CM_F_miss_u + p)];
	assert_int_equal(l1miss, ctr[CM_COUNTER(CM_l2, CM_F_acc)]);
	cm_trap(&m, &h, 0);
	cm_trap(&m, &h, 1);
	assert_int_equal(ctr[CM_T_cyc_trap], 10);
	cm_hart_free(&h);
	cm_model_free(&m);
}

static void random_repeats(void **state)
{
	(void)state;
	struct cm_cache a, b;
	init(&a, 1024, 4, 64, CM_RANDOM);
	init(&b, 1024, 4, 64, CM_RANDOM);
	uint64_t x = 1, hits = 0;
	for (int i = 0; i < 10000; i++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		uint64_t addr = (x >> 33) % 4096;
		int ha = acc(&a, addr, CM_U);
		assert_int_equal(ha, acc(&b, addr, CM_U));
		hits += (uint64_t)ha;
	}
	/* 1 KiB of a 4 KiB range: about a quarter hit, never all or none */
	assert_true(hits > 1000 && hits < 5000);
	cm_cache_free(&a);
	cm_cache_free(&b);
}

static void config_args(void **state)
{
	(void)state;
	struct cm_config cfg;
	char err[200];
	memset(&cfg, 0, sizeof(cfg));
	assert_int_equal(cm_config_arg(&cfg, "l1d_size", "32768", err, sizeof(err)), 0);
	assert_int_equal(cm_config_arg(&cfg, "l1d_ways", "8", err, sizeof(err)), 0);
	assert_int_equal(cm_config_arg(&cfg, "l1d_repl", "fifo", err, sizeof(err)), 0);
	assert_int_equal(cm_config_arg(&cfg, "dtlb_entries", "32", err, sizeof(err)), 0);
	assert_int_equal(cm_config_arg(&cfg, "walk", "20", err, sizeof(err)), 0);
	assert_int_equal(cfg.level[CM_l1d].size, 32768);
	assert_int_equal(cfg.level[CM_l1d].repl, CM_FIFO);
	assert_int_equal(cfg.level[CM_dtlb].size, 32 * 4096);
	assert_int_equal(cfg.level[CM_dtlb].line, 4096);
	assert_int_equal(cfg.cost.walk, 20);
	assert_int_equal(cm_config_arg(&cfg, "l1d_repl", "plru", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "plru"));
	assert_int_equal(cm_config_arg(&cfg, "l1d_ways", "x", err, sizeof(err)), -1);
	assert_int_equal(cm_config_arg(&cfg, "l1d_colour", "3", err, sizeof(err)), 1);
	assert_int_equal(cm_config_arg(&cfg, "stvec", "0x80", err, sizeof(err)), 1);
	struct cm_cache c;
	struct cm_geometry bad = {1000, 2, 64, CM_LRU};
	assert_int_equal(cm_cache_init(&c, &bad, err, sizeof(err)), -1);
	bad = (struct cm_geometry){1024, 2, 48, CM_LRU};
	assert_int_equal(cm_cache_init(&c, &bad, err, sizeof(err)), -1);
	char name[32];
	assert_string_equal(cm_counter_name(CM_COUNTER(CM_l1d, CM_F_miss_u), name, sizeof(name)),
			    "cm_l1d_miss_u");
	assert_string_equal(cm_counter_name(CM_T_cyc_trap, name, sizeof(name)), "cm_cyc_trap");
}

int main(void)
{
	cmocka_set_message_output(CM_OUTPUT_TAP);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(direct_mapped),
		cmocka_unit_test(lru_and_fifo),
		cmocka_unit_test(knee_at_size_and_line),
		cmocka_unit_test(pollution_attribution),
		cmocka_unit_test(coherence_between_harts),
		cmocka_unit_test(tlb_flush_on_sfence),
		cmocka_unit_test(hierarchy_costs),
		cmocka_unit_test(random_repeats),
		cmocka_unit_test(config_args),
	};
	return cmocka_run_group_tests_name("plugin cache model", tests, NULL, NULL);
}
