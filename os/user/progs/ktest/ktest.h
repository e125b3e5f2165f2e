#pragma once
#include <stdio.h>

struct ktest {
	int (*fn)(void);     /* returns the process exit status */
	const char *name;
	int expect_status;   /* 0, or what the kernel gives a killed process */
};

extern const struct ktest ktests[];
int ktest_helper(int argc, char **argv);
/* safety_tests.c: its helpers, or -1 for a name it does not know */
int safety_helper(const char *what);
int ring_safety_helper(const char *what);
int shs_helper(const char *what, const char *arg);

/* A failed check ends the test process with the line that failed. */
#define CHECK(cond)                                                       \
	do {                                                              \
		if (!(cond)) {                                            \
			printf("# %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			return 1;                                         \
		}                                                         \
	} while (0)
#define CHECK_EQ(a, b)                                                    \
	do {                                                              \
		long __a = (long)(a), __b = (long)(b);                    \
		if (__a != __b) {                                         \
			printf("# %s:%d: %s is %ld, expected %ld\n", __FILE__, __LINE__, #a, __a, __b); \
			return 1;                                         \
		}                                                         \
	} while (0)
