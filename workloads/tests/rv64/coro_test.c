/*
 * coro_test.c - the riscv64 coroutine switch, run on QEMU's virt machine
 * with no kernel at all: round-robin order, values kept in callee-saved
 * registers (integer and, with the D extension, floating point) across
 * switches, and 16-byte stack alignment. Prints TAP lines on the UART and
 * powers off through the virt machine's test device.
 */
#include <stddef.h>
#include <stdint.h>

#include "wl_coro.h"

#define UART0 0x10000000ul
#define POWER 0x100000ul	/* sifive_test: 0x5555 pass, 0x3333 fail */
#define STACK 8192

void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;

	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

static void out(const char *s)
{
	volatile uint8_t *thr = (uint8_t *)UART0, *lsr = (uint8_t *)(UART0 + 5);

	for (; *s; s++) {
		while (!(*lsr & 0x20))
			;
		*thr = (uint8_t)*s;
	}
}

static int failures;

static void report(int pass, const char *name)
{
	out(pass ? "ok - " : "not ok - ");
	out(name);
	out("\n");
	failures += !pass;
}

static struct wl_coro main_ctx;

/* ---- round robin ---- */
enum { N = 8, ROUNDS = 20 };
static struct wl_coro ctx[N];
static char stacks[N][STACK] __attribute__((aligned(16)));
static int order[N * ROUNDS], norder;

static void runner(void *arg)
{
	int id = (int)(uintptr_t)arg;

	for (;;) {
		order[norder++] = id;
		wl_coro_switch(&ctx[id], &main_ctx);
	}
}

static int round_robin(void)
{
	for (int i = 0; i < N; i++)
		wl_coro_init(&ctx[i], stacks[i], STACK, runner, (void *)(uintptr_t)i);
	for (int r = 0; r < ROUNDS; r++)
		for (int i = 0; i < N; i++)
			wl_coro_switch(&main_ctx, &ctx[i]);
	for (int k = 0; k < N * ROUNDS; k++)
		if (order[k] != k % N)
			return 0;
	return norder == N * ROUNDS;
}

/* ---- callee-saved registers ---- */
static struct wl_coro clob_ctx;
static volatile uint64_t sink;

static void clobber(void *arg)
{
	(void)arg;
	for (uint64_t i = 1;; i++) {
		uint64_t a = i * 3, b = i * 5, c = i * 7, d = i * 11, e = i * 13,
			 f = i * 17, g = i * 19, h = i * 23, k = i * 29, m = i * 31;
#if defined(__riscv_flen)
		double x = (double)i * 1.5, y = (double)i * 2.5, z = (double)i;
#else
		uint64_t x = i, y = i, z = i;
#endif
		sink += a ^ b ^ c ^ d ^ e ^ f ^ g ^ h ^ k ^ m;
		wl_coro_switch(&clob_ctx, &main_ctx);
		sink += a + b + c + d + e + f + g + h + k + m + (uint64_t)(x + y + z);
	}
}

static int registers_survive(void)
{
	uint64_t a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8;
	uint64_t ra = 1, rb = 2, rc = 3, rd = 4, re = 5, rf = 6, rg = 7, rh = 8;
#if defined(__riscv_flen)
	double x = 0.25, y = 0.5, rx = 0.25, ry = 0.5;
#else
	uint64_t x = 1, y = 2, rx = 1, ry = 2;
#endif
	static char stack[STACK] __attribute__((aligned(16)));

	wl_coro_init(&clob_ctx, stack, STACK, clobber, NULL);
	for (int i = 0; i < 500; i++) {
		a += b; b ^= c; c += d * 3; d += e; e ^= f << 1; f += g; g += h; h += a;
		x += y; y = y * 3 / 2;
		wl_coro_switch(&main_ctx, &clob_ctx);
	}
	for (int i = 0; i < 500; i++) {
		ra += rb; rb ^= rc; rc += rd * 3; rd += re; re ^= rf << 1; rf += rg;
		rg += rh; rh += ra;
		rx += ry; ry = ry * 3 / 2;
	}
	return a == ra && b == rb && c == rc && d == rd && e == re && f == rf &&
	       g == rg && h == rh && x == rx && y == ry;
}

/* ---- alignment ---- */
static struct wl_coro align_ctx;
static uintptr_t probe_addr;

static void probe(void *arg)
{
	(void)arg;
	for (;;) {
		_Alignas(16) volatile char p[16];

		p[0] = 1;
		probe_addr = (uintptr_t)p;
		wl_coro_switch(&align_ctx, &main_ctx);
	}
}

static int aligned(void)
{
	static char mem[STACK + 16] __attribute__((aligned(16)));

	for (int skew = 0; skew < 16; skew++) {
		wl_coro_init(&align_ctx, mem + skew, STACK - 16, probe, NULL);
		wl_coro_switch(&main_ctx, &align_ctx);
		if (probe_addr % 16)
			return 0;
	}
	return 1;
}

int main(void)
{
	report(round_robin(), "switches run each coroutine in turn");
	report(registers_survive(), "callee-saved registers survive switches");
	report(aligned(), "coroutine stacks are 16-byte aligned");
	out("# done\n");
	*(volatile uint32_t *)POWER = failures ? 0x13333 : 0x5555;
	for (;;)
		;
}
