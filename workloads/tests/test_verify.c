/*
 * test_verify.c - ops splitting and the data pattern: a split always sums
 * to the total, and the checker catches a corrupted, shifted, stale or
 * foreign byte wherever it is.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "wl.h"

static void split_sums_to_total_and_is_even(void **state)
{
	static const uint64_t totals[] = { 0, 1, 2, 7, 100, 20000, 99991, 1ull << 33 };
	static const unsigned ns[] = { 1, 2, 3, 7, 64, 256, 4096 };

	(void)state;
	for (size_t a = 0; a < sizeof(totals) / sizeof(*totals); a++) {
		for (size_t b = 0; b < sizeof(ns) / sizeof(*ns); b++) {
			uint64_t sum = 0, lo = ~0ull, hi = 0;

			for (unsigned i = 0; i < ns[b]; i++) {
				uint64_t s = wl_split_ops(totals[a], ns[b], i);

				sum += s;
				lo = s < lo ? s : lo;
				hi = s > hi ? s : hi;
			}
			assert_int_equal(sum, totals[a]);
			assert_true(hi - lo <= 1);
		}
	}
}

static void split_gives_extra_ops_to_the_first_parts(void **state)
{
	(void)state;
	assert_int_equal(wl_split_ops(10, 4, 0), 3);
	assert_int_equal(wl_split_ops(10, 4, 1), 3);
	assert_int_equal(wl_split_ops(10, 4, 2), 2);
	assert_int_equal(wl_split_ops(10, 4, 3), 2);
	assert_int_equal(wl_split_ops(2, 5, 4), 0);
}

static void pattern_checks_what_it_filled(void **state)
{
	uint8_t buf[4096];

	(void)state;
	for (uint64_t off = 0; off < 20; off += 3) {
		wl_pattern_fill(buf, sizeof(buf), 7, off);
		assert_true(wl_pattern_check(buf, sizeof(buf), 7, off, NULL));
	}
}

/* A stream written in pieces of any size equals one written at once. */
static void pattern_is_a_function_of_the_offset(void **state)
{
	uint8_t whole[1000], piece[1000];

	(void)state;
	wl_pattern_fill(whole, sizeof(whole), 3, 0);
	for (size_t at = 0; at < sizeof(whole);) {
		size_t n = (at % 13) + 1;

		if (n > sizeof(whole) - at)
			n = sizeof(whole) - at;
		wl_pattern_fill(piece, n, 3, at);
		assert_memory_equal(piece, whole + at, n);
		at += n;
	}
}

static void every_corrupted_byte_is_caught_at_its_offset(void **state)
{
	uint8_t buf[200];
	const uint64_t base = 1000003;

	(void)state;
	for (size_t i = 0; i < sizeof(buf); i++) {
		for (int bit = 0; bit < 8; bit++) {
			uint64_t bad = 0;

			wl_pattern_fill(buf, sizeof(buf), 1, base);
			buf[i] ^= (uint8_t)(1u << bit);
			assert_false(wl_pattern_check(buf, sizeof(buf), 1, base, &bad));
			assert_int_equal(bad, base + i);
		}
	}
}

static void shifted_stale_and_foreign_data_fail(void **state)
{
	uint8_t buf[64];

	(void)state;
	/* a byte lost or repeated shifts the stream */
	wl_pattern_fill(buf, sizeof(buf), 5, 101);
	assert_false(wl_pattern_check(buf, sizeof(buf), 5, 100, NULL));
	assert_false(wl_pattern_check(buf, sizeof(buf), 5, 102, NULL));
	/* the previous message again */
	wl_pattern_fill(buf, sizeof(buf), 5, 0);
	assert_false(wl_pattern_check(buf, sizeof(buf), 5, 64, NULL));
	/* another pipe's bytes */
	wl_pattern_fill(buf, sizeof(buf), 6, 0);
	assert_false(wl_pattern_check(buf, sizeof(buf), 5, 0, NULL));
	/* all zeroes, as from an untouched buffer */
	memset(buf, 0, sizeof(buf));
	assert_false(wl_pattern_check(buf, sizeof(buf), 5, 0, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(split_sums_to_total_and_is_even),
		cmocka_unit_test(split_gives_extra_ops_to_the_first_parts),
		cmocka_unit_test(pattern_checks_what_it_filled),
		cmocka_unit_test(pattern_is_a_function_of_the_offset),
		cmocka_unit_test(every_corrupted_byte_is_caught_at_its_offset),
		cmocka_unit_test(shifted_stale_and_foreign_data_fail),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("verify", tests, NULL, NULL);
}
