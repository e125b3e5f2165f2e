/* What every scenario shares: the arena, its guards, random pointers. */
#include <string.h>
#include "fuzz.h"

uint8_t *arena, *arena_end;
static uint8_t *guard;

/* The heap's top pages: guard pages, then the arena, nothing above. */
void arena_init(void)
{
	uint8_t *base = sbrk((long)((GUARD_PAGES + ARENA_PAGES) * PAGE));
	if ((long)base < 0) {
		FINDING("sbrk for the arena failed: %ld", (long)base);
		exit(1);
	}
	guard = base;
	memset(guard, GUARD_BYTE, GUARD_PAGES * PAGE);
	arena = base + GUARD_PAGES * PAGE;
	arena_end = arena + ARENA_PAGES * PAGE;
}

void guard_check(const char *when)
{
	for (unsigned long i = 0; i < GUARD_PAGES * PAGE; i++) {
		if (guard[i] != GUARD_BYTE) {
			FINDING("guard byte %lu below the arena changed to 0x%x %s", i, guard[i], when);
			memset(guard, GUARD_BYTE, GUARD_PAGES * PAGE);
			return;
		}
	}
}

/* A pointer for a call to use; *bad says no access through it may work. */
uint64_t rnd_ptr(struct rng *r, bool *bad)
{
	*bad = true;
	switch (rnd_below(r, 12)) {
	case 0: return 0;
	case 1: return ADDR_KERNEL + rnd_below(r, 1 << 20);
	case 2: return ADDR_USER_TOP - 1 - rnd_below(r, 2) + rnd_below(r, 2) * rnd_below(r, 1UL << 40);
	case 3: return ~0UL - rnd_below(r, 8192);
	case 4: return ADDR_UNMAPPED + rnd_below(r, 1UL << 30);
	case 5: return ADDR_STACKS - rnd_below(r, 4) * STACK_SLOT - 8 * PAGE - 1 - rnd_below(r, PAGE - 1);
	case 6: return 0x8000000000000000UL + rnd_below(r, 1UL << 40);
	case 7: *bad = false; return (uint64_t)(uintptr_t)arena_end - rnd_below(r, 64);
	case 8: *bad = false; return (uint64_t)(uintptr_t)rnd_ptr;   /* text: read-only */
	default: *bad = false; return (uint64_t)(uintptr_t)arena + rnd_below(r, ARENA_PAGES * PAGE);
	}
}

uint64_t rnd_len(struct rng *r)
{
	static const uint64_t big[] = { 0, 1, 8, 4095, 4096, 4097, 1UL << 32, 1UL << 40, ~0UL,
					1UL << 63, 0x100000001UL };
	if (chance(r, 50))
		return big[rnd_below(r, sizeof(big) / sizeof(big[0]))];
	return rnd_below(r, chance(r, 50) ? 64 : 3 * PAGE);
}

void settle(int rounds)
{
	for (int i = 0; i < rounds; i++) {
		yield();
		for (volatile int k = 0; k < 2000; k++)
			;
	}
}
