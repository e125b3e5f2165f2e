/* Bad user pointers and lengths: every one gets -EFAULT, none a panic. */
#include <string.h>
#include "refos.h"
#include "ktest.h"
#include "tests.h"

#define KERNEL_ADDR ((void *)0xffffffc080200000UL)
#define UNMAPPED ((void *)0x2000000000UL)
#define NEAR_TOP ((void *)0x3ffffffff0UL)      /* a range crossing the user top */
#define WRAPS ((void *)0xfffffffffffffff0UL)

int t_badptr_read_write(void)
{
	int fds[2];
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(write(fds[1], KERNEL_ADDR, 8), -RF_EFAULT);
	CHECK_EQ(write(fds[1], UNMAPPED, 8), -RF_EFAULT);
	CHECK_EQ(write(fds[1], NEAR_TOP, 64), -RF_EFAULT);
	CHECK_EQ(write(fds[1], WRAPS, 64), -RF_EFAULT);
	char buf[8] = "abcdefg";
	CHECK_EQ(write(fds[1], buf, -1UL), -RF_EFAULT);   /* buf + n wraps around */
	CHECK_EQ(write(fds[1], buf, 8), 8);
	CHECK_EQ(read(fds[0], KERNEL_ADDR, 8), -RF_EFAULT);
	CHECK_EQ(read(fds[0], UNMAPPED, 8), -RF_EFAULT);
	CHECK_EQ(read(fds[0], (void *)t_badptr_read_write, 8), -RF_EFAULT);   /* read-only text */
	CHECK_EQ(read(fds[0], WRAPS, 8), -RF_EFAULT);
	/* nothing was consumed by the failed reads */
	char out[8];
	CHECK_EQ(read(fds[0], out, 8), 8);
	CHECK(memcmp(out, buf, 8) == 0);
	return 0;
}

/* A buffer that starts mapped and runs into an unmapped page. */
int t_badptr_partial(void)
{
	int fds[2];
	char *top = (char *)sbrk(0);
	CHECK_EQ(pipe(fds), 0);
	char *p = (char *)sbrk(4096);
	CHECK(p == top);
	memset(p, 'z', 4096);
	/* the heap ends at p + 4096; the write runs 100 bytes past it */
	char *start = p + 4096 - 100;
	long r = write(fds[1], start, 200);
	CHECK(r == -RF_EFAULT);
	CHECK_EQ(write(fds[1], start, 100), 100);
	char out[300];
	CHECK_EQ(read(fds[0], out, 300), 100);
	return 0;
}

int t_badptr_syscall_args(void)
{
	CHECK_EQ(pipe((int *)0), -RF_EFAULT);
	CHECK_EQ(pipe(KERNEL_ADDR), -RF_EFAULT);
	CHECK_EQ(pipe((int *)(void *)t_badptr_syscall_args), -RF_EFAULT);
	int fds[2];
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(fds[0], 0);   /* the failed calls left no fds behind */
	CHECK_EQ(stats((struct rf_stats *)0), -RF_EFAULT);
	CHECK_EQ(stats(KERNEL_ADDR), -RF_EFAULT);
	CHECK_EQ(console_write(KERNEL_ADDR, 10), -RF_EFAULT);
	CHECK_EQ(console_write(WRAPS, 100), -RF_EFAULT);
	CHECK_EQ(spawn((char *)0, 0), -RF_EFAULT);
	CHECK_EQ(spawn(KERNEL_ADDR, 0), -RF_EFAULT);
	char *bad_argv[] = { "ktest", KERNEL_ADDR, 0 };
	CHECK_EQ(spawn("ktest", bad_argv), -RF_EFAULT);
	CHECK_EQ(spawn("ktest", (char **)KERNEL_ADDR), -RF_EFAULT);
	CHECK_EQ(wait(-1, (int *)KERNEL_ADDR), -RF_EFAULT);
	CHECK_EQ(thread_join(1, (long *)KERNEL_ADDR), -RF_EFAULT);
	return 0;
}
