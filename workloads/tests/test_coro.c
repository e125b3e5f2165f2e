/*
 * test_coro.c - the assembly coroutine switch: control moves where it
 * should, values the compiler keeps in callee-saved registers survive,
 * every coroutine keeps its own floating-point control state, stacks are
 * aligned as the ABI demands, and deep frames fit.
 */
#include <fenv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "wl_coro.h"

#define STACK (64 * 1024)

static struct wl_coro main_ctx;

struct pinger {
	struct wl_coro ctx;
	int id;
	uint64_t count;
	uint64_t *trace;	/* who ran, in order */
	size_t *tlen;
};

static void count_forever(void *arg)
{
	struct pinger *p = arg;

	for (;;) {
		p->count++;
		p->trace[(*p->tlen)++] = (uint64_t)p->id;
		wl_coro_switch(&p->ctx, &main_ctx);
	}
}

static void switches_run_each_coroutine_in_turn(void **state)
{
	enum { N = 100, ROUNDS = 50 };
	static struct pinger ps[N];
	static uint64_t trace[N * ROUNDS];
	static char stacks[N][STACK];
	size_t tlen = 0;

	(void)state;
	for (int i = 0; i < N; i++) {
		ps[i] = (struct pinger){ .id = i, .trace = trace, .tlen = &tlen };
		wl_coro_init(&ps[i].ctx, stacks[i], STACK, count_forever, &ps[i]);
	}
	for (int r = 0; r < ROUNDS; r++)
		for (int i = 0; i < N; i++)
			wl_coro_switch(&main_ctx, &ps[i].ctx);
	assert_int_equal(tlen, N * ROUNDS);
	for (size_t k = 0; k < tlen; k++)
		assert_int_equal(trace[k], k % N);
	for (int i = 0; i < N; i++)
		assert_int_equal(ps[i].count, ROUNDS);
}

/* Clobbers every callee-saved register it can reach between switches. */
static struct wl_coro clobber_ctx;

static void clobber(void *arg)
{
	volatile uint64_t sink = 0;

	(void)arg;
	for (uint64_t i = 1;; i++) {
		uint64_t a = i * 3, b = i * 5, c = i * 7, d = i * 11, e = i * 13,
			 f = i * 17;
		double x = (double)i * 1.5, y = (double)i * 2.5;

		sink += a ^ b ^ c ^ d ^ e ^ f;
		sink += (uint64_t)(x * y);
		wl_coro_switch(&clobber_ctx, &main_ctx);
		sink += a + b + c + d + e + f + (uint64_t)(x + y);
	}
}

static void live_values_survive_switches(void **state)
{
	static char stack[STACK];
	uint64_t a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7;
	double x = 0.25, y = 0.5, z = 0.75;

	(void)state;
	wl_coro_init(&clobber_ctx, stack, STACK, clobber, NULL);
	for (int i = 0; i < 1000; i++) {
		a += b; b ^= c; c += d * 3; d += e; e ^= f << 1; f += g; g += a;
		x += y; y *= 1.0001; z -= x * 0.001;
		wl_coro_switch(&main_ctx, &clobber_ctx);
	}
	/* The same arithmetic without switches must give the same answer. */
	uint64_t ra = 1, rb = 2, rc = 3, rd = 4, re = 5, rf = 6, rg = 7;
	double rx = 0.25, ry = 0.5, rz = 0.75;

	for (int i = 0; i < 1000; i++) {
		ra += rb; rb ^= rc; rc += rd * 3; rd += re; re ^= rf << 1; rf += rg; rg += ra;
		rx += ry; ry *= 1.0001; rz -= rx * 0.001;
	}
	assert_true(a == ra && b == rb && c == rc && d == rd && e == re &&
		    f == rf && g == rg);
	assert_true(x == rx && y == ry && z == rz);
}

static struct wl_coro fp_ctx;
static double third_rounded_up;

static void round_up_forever(void *arg)
{
	volatile double one = 1.0, three = 3.0;
	int *seen = arg;

	fesetround(FE_UPWARD);
	for (;;) {
		*seen = fegetround();
		third_rounded_up = one / three;
		wl_coro_switch(&fp_ctx, &main_ctx);
	}
}

static void fp_rounding_mode_is_per_coroutine(void **state)
{
	static char stack[STACK];
	volatile double one = 1.0, three = 3.0;
	double nearest;
	int seen = -1;

	(void)state;
	fesetround(FE_TONEAREST);
	nearest = one / three;	/* SSE: rounding comes from MXCSR */
	wl_coro_init(&fp_ctx, stack, STACK, round_up_forever, &seen);
	for (int i = 0; i < 3; i++) {
		wl_coro_switch(&main_ctx, &fp_ctx);
		assert_int_equal(seen, FE_UPWARD);
		assert_int_equal(fegetround(), FE_TONEAREST);
		assert_true(third_rounded_up > nearest);	/* the modes differ */
		assert_true(one / three == nearest);
	}
}

static struct wl_coro align_ctx;

static void report_alignment(void *arg)
{
	uintptr_t *addr = arg;

	for (;;) {
		_Alignas(16) volatile char probe[16];

		probe[0] = 1;
		*addr = (uintptr_t)probe;
		wl_coro_switch(&align_ctx, &main_ctx);
	}
}

static void stacks_are_16_byte_aligned(void **state)
{
	(void)state;
	/* Try every misalignment of the memory we are given. */
	for (size_t skew = 0; skew < 16; skew++) {
		char *mem = malloc(STACK + 16);
		uintptr_t addr = 1;

		assert_non_null(mem);
		wl_coro_init(&align_ctx, mem + skew, STACK - skew, report_alignment, &addr);
		wl_coro_switch(&main_ctx, &align_ctx);
		assert_int_equal(addr % 16, 0);
		assert_true(addr > (uintptr_t)mem && addr < (uintptr_t)mem + STACK + 16);
		free(mem);
	}
}

static struct wl_coro deep_ctx;

static uint64_t recurse(int depth)
{
	volatile char frame[512];

	frame[0] = (char)depth;
	if (depth == 0)
		return 1;
	return recurse(depth - 1) + (uint64_t)frame[0];
}

static void go_deep(void *arg)
{
	uint64_t *out = arg;

	*out = recurse(80);	/* ~45 KiB of a 64 KiB stack */
	wl_coro_switch(&deep_ctx, &main_ctx);
	abort();		/* never resumed */
}

static void deep_frames_fit_the_stack(void **state)
{
	char *stack = malloc(STACK);
	uint64_t out = 0;

	(void)state;
	wl_coro_init(&deep_ctx, stack, STACK, go_deep, &out);
	wl_coro_switch(&main_ctx, &deep_ctx);
	assert_int_equal(out, 1 + 80 * 81 / 2);
	free(stack);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(switches_run_each_coroutine_in_turn),
		cmocka_unit_test(live_values_survive_switches),
		cmocka_unit_test(fp_rounding_mode_is_per_coroutine),
		cmocka_unit_test(stacks_are_16_byte_aligned),
		cmocka_unit_test(deep_frames_fit_the_stack),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("coro", tests, NULL, NULL);
}
