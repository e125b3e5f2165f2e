/*
 * fuzz: a seeded guest fuzzer for the refos system-call and ring ABI. The
 * driver (main.c) runs one child process per seed; each child runs one
 * scenario picked from its seed and checks what the kernel promises. A
 * broken promise is printed as a FINDING line naming the seed, so
 * "fuzz --seed S --calls 1" runs that child again.
 */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "refos.h"

#define PAGE 4096UL

/* splitmix64: one state word, good enough spread for picking arguments. */
struct rng {
	uint64_t s;
};
static inline uint64_t rnd(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}
static inline uint64_t rnd_below(struct rng *r, uint64_t n) { return n ? rnd(r) % n : 0; }
static inline bool chance(struct rng *r, unsigned pct) { return rnd_below(r, 100) < pct; }

/* The seed of this child and what it found; findings go to the console. */
extern uint64_t fuzz_seed;
extern const char *fuzz_scenario;
extern volatile int fuzz_findings;
#define FINDING(fmt, ...)                                                          \
	do {                                                                       \
		__atomic_fetch_add(&fuzz_findings, 1, __ATOMIC_RELAXED);           \
		printf("fuzz: FINDING seed %lu %s: " fmt "\n", (unsigned long)fuzz_seed, \
		       fuzz_scenario, ##__VA_ARGS__);                              \
	} while (0)

/* A raw system call: any number, any argument bits. */
static inline long raw_syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5)
{
	register long r_a0 asm("a0") = a0, r_a1 asm("a1") = a1, r_a2 asm("a2") = a2;
	register long r_a3 asm("a3") = a3, r_a4 asm("a4") = a4, r_a5 asm("a5") = a5;
	register long r_a7 asm("a7") = n;
	asm volatile("ecall"
		     : "+r"(r_a0), "+r"(r_a1), "+r"(r_a2), "+r"(r_a3), "+r"(r_a4), "+r"(r_a5), "+r"(r_a7)
		     :
		     : "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a6", "memory");
	return r_a0;
}

/* Addresses no call may accept, and the kinds of pointer the storm draws. */
#define ADDR_KERNEL   0xffffffc080200000UL
#define ADDR_UNMAPPED 0x2000000000UL   /* nothing is mapped there */
#define ADDR_USER_TOP 0x4000000000UL
#define ADDR_RINGS    0x3000000000UL
#define ADDR_STACKS   0x3fff000000UL   /* slot 0's top; a guard page below each slot */
#define STACK_SLOT    (9 * PAGE)

/* The arena: the only memory a random valid pointer may point into, at the
 * top of the heap so that a long copy from it faults at its end. Guard
 * pages below it hold a pattern no call may change. */
#define ARENA_PAGES 8
#define GUARD_PAGES 2
#define GUARD_BYTE  0xa5
extern uint8_t *arena, *arena_end;
void arena_init(void);
void guard_check(const char *when);
uint64_t rnd_ptr(struct rng *r, bool *bad);
uint64_t rnd_len(struct rng *r);

/* Lets the kernel serve and other threads run for a while. */
void settle(int rounds);
uint64_t free_pages(void);

/* The scenarios: each returns the child's exit status. */
int fz_storm(struct rng *r);
int fz_threads(struct rng *r);
int fz_procs(struct rng *r);
int fz_kill(struct rng *r);
int fz_mem(struct rng *r);
int fz_ring(struct rng *r);
int fz_ring_scribble(struct rng *r);
int fz_ring_overflow(struct rng *r);
int fz_ring_teardown(struct rng *r);
int fz_uintr(struct rng *r);
