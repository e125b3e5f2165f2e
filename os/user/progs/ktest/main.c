/*
 * ktest: the kernel's own tests. Each test runs in its own process (ktest
 * spawns "ktest --one NAME"), so a test that faults or leaks is caught
 * alone: the parent checks the exit status and that every page came back.
 * Output is TAP-like: "ok - name" or "not ok - name # why".
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "refos.h"
#include "ktest.h"

static const struct ktest *find(const char *name)
{
	for (const struct ktest *t = ktests; t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return 0;
}

static uint64_t free_pages(void)
{
	static struct rf_stats s;
	stats(&s);
	return s.free_pages;
}

/* Runs one test in a child process; returns true when it passed cleanly. */
static bool run_one(const struct ktest *t)
{
	uint64_t before = free_pages();
	char *argv[] = { "ktest", "--one", (char *)t->name, 0 };
	int pid = spawn("ktest", argv), status = -1;
	if (pid < 0) {
		printf("not ok - %s # spawn failed: %d\n", t->name, pid);
		return false;
	}
	if (wait(pid, &status) != pid) {
		printf("not ok - %s # wait failed\n", t->name);
		return false;
	}
	if (status != t->expect_status) {
		printf("not ok - %s # exit status %d, expected %d\n", t->name, status, t->expect_status);
		return false;
	}
	/* Another hart may still hold the dead child's page table for a moment. */
	uint64_t after = free_pages();
	for (int i = 0; i < 100 && after != before; i++) {
		yield();
		after = free_pages();
	}
	if (after != before) {
		printf("not ok - %s # leaked %ld pages\n", t->name, (long)(before - after));
		return false;
	}
	printf("ok - %s\n", t->name);
	return true;
}

static bool matches(const char *name, const char *pattern)
{
	size_t n = strlen(pattern);
	if (n && pattern[n - 1] == '*')
		return strncmp(name, pattern, n - 1) == 0;
	return strcmp(name, pattern) == 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--one") == 0) {
		const struct ktest *t = find(argv[2]);
		if (!t) {
			printf("ktest: no test named '%s'\n", argv[2]);
			return 100;
		}
		return t->fn();
	}
	if (argc >= 2 && strcmp(argv[1], "--helper") == 0)
		return ktest_helper(argc - 2, argv + 2);
	const char *pattern = argc == 3 && strcmp(argv[1], "--only") == 0 ? argv[2] : "*";
	int n = 0, failed = 0;
	for (const struct ktest *t = ktests; t->name; t++)
		n += matches(t->name, pattern);
	printf("1..%d\n", n);
	for (const struct ktest *t = ktests; t->name; t++)
		if (matches(t->name, pattern))
			failed += !run_one(t);
	printf("# ktest: %d tests, %d failed, on %d hart(s)\n", n, failed, nharts());
	return failed ? 1 : 0;
}
