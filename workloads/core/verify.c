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

/* On a little-endian machine byte k of a pattern word is its k-th byte in
 * memory, so whole words can be stored and compared at once. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORDWISE 1
#else
#define WORDWISE 0
#endif

/*
 * Word access without assuming the target handles misaligned loads (RISC-V
 * may trap or emulate them): aligned words directly, others byte by byte.
 * Without this a freestanding build calls memcpy for every word.
 */
static inline void store_word(uint8_t *p, uint64_t w)
{
	if (((uintptr_t)p & 7) == 0)
		*(uint64_t *)(void *)p = w;
	else
		__builtin_memcpy(p, &w, 8);
}

static inline uint64_t load_word(const uint8_t *p)
{
	uint64_t w;

	if (((uintptr_t)p & 7) == 0)
		return *(const uint64_t *)(const void *)p;
	__builtin_memcpy(&w, p, 8);
	return w;
}

void wl_pattern_fill(uint8_t *buf, size_t n, uint32_t chan, uint64_t off)
{
	uint64_t w = pattern_word(chan, off >> 3);
	size_t i = 0;

	if (WORDWISE) {
		for (; i < n && ((off + i) & 7); i++)
			buf[i] = (uint8_t)(w >> (((off + i) & 7) * 8));
		for (; i + 8 <= n; i += 8) {
			w = pattern_word(chan, (off + i) >> 3);
			store_word(buf + i, w);
		}
		if (i < n)
			w = pattern_word(chan, (off + i) >> 3);
	}
	for (; i < n; i++) {
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
	size_t i = 0;

	if (WORDWISE) {
		/* Skip to a word boundary, compare words while they match;
		 * the byte loop below finds the exact offset of a mismatch. */
		while (i < n && ((off + i) & 7)) {
			if (buf[i] != (uint8_t)(w >> (((off + i) & 7) * 8)))
				break;
			i++;
		}
		if (i < n && ((off + i) & 7) == 0) {
			for (; i + 8 <= n; i += 8) {
				uint64_t got;

				w = pattern_word(chan, (off + i) >> 3);
				got = load_word(buf + i);
				if (got != w)
					break;
			}
			if (i < n)
				w = pattern_word(chan, (off + i) >> 3);
		}
	}
	for (; i < n; i++) {
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
