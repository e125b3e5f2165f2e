/*
 * Memory given back while another hart runs the process: a shrink must not
 * fail for good because another thread keeps running there (its TLB is
 * shot down), and a growth that fails keeps nothing.
 */
#include "refos.h"
#include "ktest.h"
#include "tests.h"

#define PAGE 4096L

static volatile int spin_stop;

static long spinner(void *p)
{
	volatile uint64_t *heap = p;
	while (!spin_stop)
		heap[0]++;   /* in user mode, on another hart when there is one */
	return 0;
}

static uint64_t free_pages(void)
{
	static struct rf_stats s;
	stats(&s);
	return s.free_pages;
}

/* Grows and shrinks the heap 64 times by 16 pages while a thread runs on. */
int t_sbrk_shrink_while_running(void)
{
	char *base = sbrk(PAGE);
	CHECK((long)base > 0);
	spin_stop = 0;
	int t = thread_create(spinner, base);
	CHECK(t > 0);
	for (int round = 0; round < 64; round++) {
		CHECK((long)sbrk(16 * PAGE) > 0);
		/* -EBUSY until the other hart has taken its shootdown IPI */
		long r = (long)sbrk(-16 * PAGE);
		for (uint64_t t0 = rdtime(); r == -RF_EBUSY && rdtime() - t0 < 1000000;) {   /* 0.1 s */
			yield();
			r = (long)sbrk(-16 * PAGE);
		}
		if (r < 0)
			printf("# round %d: sbrk(-16 pages) = %ld\n", round, r);
		CHECK(r > 0);
	}
	spin_stop = 1;
	long v;
	CHECK_EQ(thread_join(t, &v), 0);
	return 0;
}

/* More than RAM, with another thread running: ENOMEM, and nothing kept. */
int t_sbrk_enomem_while_running(void)
{
	char *base = sbrk(PAGE);
	CHECK((long)base > 0);
	spin_stop = 0;
	int t = thread_create(spinner, base);
	CHECK(t > 0);
	for (int i = 0; i < 20; i++)
		yield();
	char *brk0 = sbrk(0);
	uint64_t before = free_pages();
	CHECK_EQ((long)sbrk((long)(before + 64) * PAGE), -RF_ENOMEM);
	CHECK(sbrk(0) == brk0);
	CHECK_EQ(free_pages(), before);
	spin_stop = 1;
	long v;
	CHECK_EQ(thread_join(t, &v), 0);
	return 0;
}
