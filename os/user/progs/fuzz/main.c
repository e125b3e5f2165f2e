/*
 * The driver: "fuzz --seed S --calls N" runs children with seeds S, S+1, ...
 * until the system calls they made (counted by the kernel: ecalls) reach N.
 * Each child is a process of its own, so the driver checks per child that
 * it exited 0 and that every page it took came back. "fuzz --child SEED"
 * is one child; "--exit N" and "--fault" are programs the scenarios spawn.
 */
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

uint64_t fuzz_seed;
const char *fuzz_scenario = "driver";
volatile int fuzz_findings;

static const struct scenario {
	const char *name;
	int (*fn)(struct rng *);
} scenarios[] = {
	{ "storm", fz_storm },
	{ "threads", fz_threads },
	{ "ring", fz_ring },
	{ "procs", fz_procs },
	{ "ring_scribble", fz_ring_scribble },
	{ "mem", fz_mem },
	{ "storm", fz_storm },
	{ "ring_overflow", fz_ring_overflow },
	{ "kill", fz_kill },
	{ "ring", fz_ring },
	{ "ring_teardown", fz_ring_teardown },
	{ "uintr", fz_uintr },
};
#define NSCENARIOS (sizeof(scenarios) / sizeof(scenarios[0]))

uint64_t free_pages(void)
{
	static struct rf_stats s;
	stats(&s);
	return s.free_pages;
}

static const struct scenario *scenario_of(uint64_t seed, const char *only)
{
	if (only) {
		for (unsigned i = 0; i < NSCENARIOS; i++)
			if (strcmp(scenarios[i].name, only) == 0)
				return &scenarios[i];
		return 0;
	}
	return &scenarios[seed % NSCENARIOS];
}

static int child(uint64_t seed, const char *only)
{
	const struct scenario *sc = scenario_of(seed, only);
	if (!sc) {
		printf("fuzz: no scenario '%s'\n", only);
		return 2;
	}
	fuzz_seed = seed;
	fuzz_scenario = sc->name;
	struct rng r = { seed * 0x2545f4914f6cdd1dULL + 1 };
	arena_init();
	int st = sc->fn(&r);
	guard_check("at the end");
	return fuzz_findings ? 1 : st;
}

struct totals {
	uint64_t ecalls, sqes;
};

static struct totals totals_now(void)
{
	static struct rf_stats s;
	stats(&s);
	struct totals t = { 0, 0 };
	for (uint64_t h = 0; h < s.nharts && h < RF_MAX_HARTS; h++) {
		t.ecalls += s.hart[h].ecalls;
		t.sqes += s.hart[h].sqes;
	}
	return t;
}

/* A dead child's pages come back once no hart holds its page table; its
 * orphans may still be finishing: give them a while of virtual time. */
static long leaked_pages(uint64_t before)
{
	uint64_t t0 = rdtime(), after = free_pages();
	while (after < before && rdtime() - t0 < 20000000) {   /* 2 s */
		settle(1);
		after = free_pages();
	}
	return after < before ? (long)(before - after) : 0;   /* more: an earlier orphan ended */
}

static int drive(uint64_t seed0, uint64_t calls, const char *only)
{
	struct totals start = totals_now(), now = start;
	uint64_t seed = seed0, children = 0;
	int bad = 0;
	char seedbuf[24];
	printf("fuzz: seeds from %lu, %lu calls, %s%s, %d hart(s)\n", (unsigned long)seed0,
	       (unsigned long)calls, only ? "only " : "every scenario", only ? only : "", nharts());
	do {
		const struct scenario *sc = scenario_of(seed, only);
		fuzz_seed = seed;
		fuzz_scenario = sc->name;
		snprintf(seedbuf, sizeof(seedbuf), "%lu", (unsigned long)seed);
		char *argv[] = { "fuzz", "--child", seedbuf, only ? "--only" : 0, (char *)only, 0 };
		printf("fuzz: seed %lu %s\n", (unsigned long)seed, sc->name);
		uint64_t before = free_pages(), t0 = rdtime();
		int status = -1, pid = spawn("fuzz", argv);
		if (pid < 0) {
			FINDING("spawn failed: %d", pid);
			bad++;
			break;
		}
		int w = wait(pid, &status);
		if (w != pid) {
			FINDING("wait returned %d", w);
			bad++;
		} else if (status != 0) {
			FINDING("exit status %d, expected 0", status);
			bad++;
		}
		long leaked = leaked_pages(before);
		if (leaked) {
			FINDING("%ld pages not given back", leaked);
			bad++;
		}
		struct totals was = now;
		now = totals_now();
		printf("fuzz: seed %lu: %lu calls, %lu sqes, %lu us\n", (unsigned long)seed,
		       (unsigned long)(now.ecalls - was.ecalls), (unsigned long)(now.sqes - was.sqes),
		       (unsigned long)(rdtime() - t0) / 10);
		seed++;
		children++;
	} while (now.ecalls - start.ecalls < calls);
	printf("@fuzz seeds %lu..%lu children %lu calls %lu sqes %lu findings %d\n",
	       (unsigned long)seed0, (unsigned long)(seed - 1), (unsigned long)children,
	       (unsigned long)(now.ecalls - start.ecalls), (unsigned long)(now.sqes - start.sqes), bad);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	uint64_t seed = 1, calls = 100000;
	const char *only = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : 0;
		if (strcmp(a, "--exit") == 0 && v)
			return atoi(v);
		if (strcmp(a, "--fault") == 0)
			*(volatile int *)(uintptr_t)ADDR_UNMAPPED = 1;   /* killed: RF_STATUS_KILLED */
		if (strcmp(a, "--child") == 0 && v) {
			const char *o = i + 3 < argc && strcmp(argv[i + 2], "--only") == 0 ? argv[i + 3] : 0;
			return child(strtoul(v, 0, 10), o);
		}
		if (strcmp(a, "--seed") == 0 && v) {
			seed = strtoul(v, 0, 10);
			i++;
		} else if (strcmp(a, "--calls") == 0 && v) {
			calls = strtoul(v, 0, 10);
			i++;
		} else if (strcmp(a, "--only") == 0 && v) {
			only = v;
			i++;
		} else {
			printf("usage: fuzz [--seed S] [--calls N] [--only SCENARIO]\n");
			return 2;
		}
	}
	if (only && !scenario_of(0, only)) {
		printf("fuzz: no scenario '%s'\n", only);
		return 2;
	}
	return drive(seed, calls, only);
}
