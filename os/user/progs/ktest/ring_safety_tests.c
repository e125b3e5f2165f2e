/*
 * Rings under hostile indexes with the completion ring full: every
 * submission completes exactly once, or the broken-ring completion says
 * why; and user-interrupt handlers the program cannot run get it killed.
 */
#include <string.h>
#include "refos.h"
#include "ring.h"
#include "ktest.h"
#include "tests.h"

static struct ring R;

/* Lets the kernel serve what is published, in any sqmode. */
static void let_serve(void)
{
	for (int i = 0; i < 20; i++) {
		if (R.sqmode == RF_SQMODE_POLLER)
			for (volatile int k = 0; k < 5000; k++)
				;
		else
			yield();
	}
}

/* Sixteen NOPs (user_data 1..16) and nobody reaping: the 8-entry CQ and its
 * 8 overflow slots are full. */
static int fill(void)
{
	CHECK_EQ(ring_queue_init(4, &R, RF_NOTIFY_POLL), 0);
	for (uint64_t ud = 1; ud <= 16; ud++) {
		struct rf_sqe *s;
		while (!(s = ring_get_sqe(&R))) {
			CHECK(ring_submit(&R) >= 0);
			let_serve();
		}
		ring_prep_nop(s, ud);
	}
	CHECK(ring_submit(&R) >= 0);
	for (int i = 0; i < 20 && smp_load_acquire(&R.kshared->overflow) < 8; i++)
		let_serve();
	CHECK_EQ(smp_load_acquire(&R.kshared->overflow), 8);
	return 0;
}

/* Publishes a tail claiming more entries than the ring holds. */
static void garbage_tail(uint32_t junk)
{
	smp_store_release(&R.kshared->sq_tail, R.sq_published + 1000 + junk % 100000);
	ring_enter(1, 0, RF_ENTER_SQ_WAKEUP);
}

/* Takes the kernel's head as the ring's tail again, then reaps: 1..16 each
 * once and in order, the rest only broken-ring completions. */
static int drain(int max_errors)
{
	uint32_t head = smp_load_acquire(&R.kshared->sq_head);
	R.sqe_tail = R.sq_published = R.sq_head_seen = head;
	smp_store_release(&R.kshared->sq_tail, head);
	/* the kernel publishes its cq_tail again as it moves overflow in: the
	 * copy in the header may be a scribble */
	CHECK_EQ(ring_enter(0, 1, RF_ENTER_GETEVENTS), 0);
	uint64_t want = 1;
	int errors = 0;
	while (want <= 16) {
		struct rf_cqe *c;
		CHECK_EQ(ring_wait_cqe(&R, &c), 0);
		CHECK(smp_load_acquire(&R.kshared->overflow) <= R.cq_entries);
		if (c->user_data == RF_USER_DATA_RING_ERROR) {
			CHECK_EQ(c->res, -RF_EINVAL);
			errors++;
		} else {
			CHECK_EQ(c->user_data, want);
			CHECK_EQ(c->res, 0);
			want++;
		}
		ring_cq_advance(&R, 1);
	}
	let_serve();
	struct rf_cqe *c;
	while (ring_peek_cqe(&R, &c) == 0) {
		CHECK_EQ(c->user_data, RF_USER_DATA_RING_ERROR);   /* nothing twice */
		errors++;
		ring_cq_advance(&R, 1);
	}
	CHECK(errors <= max_errors);
	return 0;
}

/* Two garbage tails with the CQ and its overflow full. */
int t_ring_full_garbage_tail(void)
{
	CHECK_EQ(fill(), 0);
	garbage_tail(1);
	let_serve();
	garbage_tail(2);
	let_serve();
	CHECK(smp_load_acquire(&R.kshared->overflow) <= R.cq_entries);
	return drain(2);
}

static volatile int scribbling;
static volatile uint64_t scribbles;

static long scribbler(void *p)
{
	uint64_t x = (uint64_t)p;
	while (scribbling) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		uint32_t *k = (uint32_t *)R.kshared;
		/* every field the kernel owns or reads, but cq_head (the
		 * reaper's) and overflow: the kernel only writes that one, and
		 * rewrites it only when completions wait, so a scribbled count
		 * would be read back below as the kernel's */
		int field = (int)(x >> 61);
		if (field == 2)
			field = 1;
		if (field == 5)
			field = 4;
		k[field] = (uint32_t)(x >> 17);
		scribbles++;
	}
	return 0;
}

/* Another thread scribbles the shared header while the kernel serves. */
int t_ring_full_scribbled(void)
{
	CHECK_EQ(fill(), 0);
	scribbling = 1;
	int tid = thread_create(scribbler, (void *)12345);
	CHECK(tid > 0);
	for (int i = 0; i < 200 || scribbles < 1000; i++) {
		ring_enter(1, 0, RF_ENTER_SQ_WAKEUP);
		yield();
	}
	scribbling = 0;
	long v;
	CHECK_EQ(thread_join(tid, &v), 0);
	garbage_tail(3);   /* the kernel's sq_head, published again */
	let_serve();
	CHECK(smp_load_acquire(&R.kshared->overflow) <= R.cq_entries);
	return drain(1 << 30);
}

/* A handler address the program cannot run: refused when registered
 * (outside the user half, misaligned), or, once a completion is due, the
 * program is killed with the documented status (unmapped). */
static int bad_handler(uint64_t addr)
{
	int r = uintr_register((void (*)(void))addr, (void (*)(void))addr);
	if (r < 0)
		return 100 - r;   /* refused: 100 + errno */
	if (ring_queue_init(8, &R, RF_NOTIFY_UINTR) != 0)
		return 2;
	for (int i = 0; i < 100; i++) {
		struct rf_sqe *s = ring_get_sqe(&R);
		if (s)
			ring_prep_nop(s, (uint64_t)i);
		ring_submit(&R);
		ring_enter(0, 1, RF_ENTER_GETEVENTS);
		let_serve();
	}
	return 3;   /* the handler never ran */
}

int t_uintr_bad_handler(void)
{
	static const struct {
		const char *name;
		int status;
	} cases[] = {
		{ "uintr_unmapped", RF_STATUS_KILLED },
		{ "uintr_below_top", RF_STATUS_KILLED },
		{ "uintr_kernel", 100 + RF_EFAULT },
		{ "uintr_odd", 100 + RF_EINVAL },
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *argv[] = { "ktest", "--helper", (char *)cases[i].name, 0 };
		int status = -1, pid = spawn("ktest", argv);
		CHECK(pid > 0);
		CHECK_EQ(wait(pid, &status), pid);
		if (status != cases[i].status)
			printf("# %s: status %d\n", cases[i].name, status);
		CHECK_EQ(status, cases[i].status);
	}
	return 0;
}

int ring_safety_helper(const char *what)
{
	if (strcmp(what, "uintr_unmapped") == 0)
		return bad_handler(0x2000000000UL);
	if (strcmp(what, "uintr_kernel") == 0)
		return bad_handler(0xffffffc080200000UL);
	if (strcmp(what, "uintr_odd") == 0)
		return bad_handler((uint64_t)(void *)t_uintr_bad_handler + 1);
	if (strcmp(what, "uintr_below_top") == 0)
		return bad_handler(0x3ffffffffcUL);   /* the last word of the user half */
	return -1;
}
