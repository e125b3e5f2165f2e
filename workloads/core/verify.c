/*
 * verify.c - the data every workload writes and checks, and how operations
 * are split among tasks.
 *
 * Byte o of stream `chan` comes from a 64-bit hash of (chan, o / 8), so a
 * lost, repeated, reordered or stale byte - or bytes from another stream -
 * shows up as a mismatch, and the expected value of any byte can be computed
 * without keeping history.
 */
#include "wl.h"

uint64_t wl_split_ops(uint64_t total, unsigned n, unsigned i)
{
	if (n == 0)
		return 0;
	return total / n + (i < total % n ? 1 : 0);
}

/* splitmix64's finaliser: every input bit affects every output bit. */
static inline uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x;
}

static inline uint64_t pattern_word(uint32_t chan, uint64_t word)
{
	return mix64(((uint64_t)chan << 48) ^ word ^ 0x5ca1ab1e00000000ull);
}

void wl_pattern_fill(uint8_t *buf, size_t n, uint32_t chan, uint64_t off)
{
	uint64_t w = pattern_word(chan, off >> 3);

	for (size_t i = 0; i < n; i++) {
		uint64_t o = off + i;

		if (i > 0 && (o & 7) == 0)
			w = pattern_word(chan, o >> 3);
		buf[i] = (uint8_t)(w >> ((o & 7) * 8));
	}
}

bool wl_pattern_check(const uint8_t *buf, size_t n, uint32_t chan,
		      uint64_t off, uint64_t *bad_off)
{
	uint64_t w = pattern_word(chan, off >> 3);

	for (size_t i = 0; i < n; i++) {
		uint64_t o = off + i;

		if (i > 0 && (o & 7) == 0)
			w = pattern_word(chan, o >> 3);
		if (buf[i] != (uint8_t)(w >> ((o & 7) * 8))) {
			if (bad_off)
				*bad_off = o;
			return false;
		}
	}
	return true;
}
