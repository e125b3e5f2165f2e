/*
 * Completion accounting for the ring scenarios: every submission gets a
 * unique user_data; each must complete exactly once (or, where the user
 * broke its own ring, at most once, with a broken-ring completion saying
 * so), with the result its kind of submission must give.
 */
#include <string.h>
#include "fuzz.h"
#include "ring_track.h"

struct ring R;
struct track T;

void track_reset(void)
{
	static uint32_t phase;
	memset(&T, 0, sizeof(T));
	T.base = (fuzz_seed << 24) + ((uint64_t)++phase << 13) + 1;
	T.start_tail = R.sqe_tail;
}

/* A submission that must complete (unless track_unsure says otherwise). */
uint64_t track_add(int64_t expect)
{
	if (T.n >= MAXUD)
		return 0;
	T.exp[T.n] = expect;
	T.must[T.n] = 1;
	return T.base + T.n++;
}

/* Submissions [from, T.n) that a broken ring may have dropped: at most once. */
void track_unsure(uint32_t from)
{
	for (uint32_t i = from; i < T.n; i++)
		T.must[i] = 0;
}

void track_cqe(const struct rf_cqe *c)
{
	if (c->user_data == RF_USER_DATA_RING_ERROR) {
		T.errors++;
		if (c->res != -RF_EINVAL)
			FINDING("broken-ring completion with res %ld", (long)c->res);
		return;
	}
	uint64_t i = c->user_data - T.base;
	if (c->user_data < T.base || i >= T.n) {
		if (!T.stale_ok)
			FINDING("completion with user_data 0x%lx nobody submitted (res %ld)",
				(unsigned long)c->user_data, (long)c->res);
		return;
	}
	T.res[i] = c->res;
	if (++T.cnt[i] > 1)
		FINDING("user_data 0x%lx completed %d times", (unsigned long)c->user_data, T.cnt[i]);
	if (T.exp[i] != ANY_RES && c->res != T.exp[i])
		FINDING("user_data 0x%lx: res %ld, expected %ld", (unsigned long)c->user_data,
			(long)c->res, (long)T.exp[i]);
	T.done++;
}

/* Reaps what is ready; the tail is trusted only when nobody scribbles it. */
void track_reap(void)
{
	struct rf_cqe *c;
	uint32_t k = 0;
	while (ring_peek_cqe(&R, &c) == 0 && k++ < R.cq_entries) {
		track_cqe(c);
		ring_cq_advance(&R, 1);
	}
	uint32_t ovf = smp_load_acquire(&R.kshared->overflow);
	if (!T.scribbling && ovf > R.cq_entries)
		FINDING("header says %u completions wait in an overflow ring of %u", ovf, R.cq_entries);
}

/* One step of letting the kernel serve, never blocking: enter mode serves
 * only inside ring_enter, a worker runs when we yield, a poller may sleep. */
void ring_kick(void)
{
	uint32_t held = R.sq_published - smp_load_acquire(&R.kshared->sq_head);
	if (held > R.sq_entries)
		held = 1;
	if (R.sqmode == RF_SQMODE_ENTER)
		ring_enter(held ? held : 1, 0, 0);
	else if (R.sqmode == RF_SQMODE_POLLER)
		ring_enter(0, 0, RF_ENTER_SQ_WAKEUP);
	else
		yield();
}

/* Waits for every counted submission, up to a while of virtual time. */
void track_drain(const char *what, void (*on_stall)(void))
{
	uint64_t t0 = rdtime(), moved = t0;
	uint32_t seen = T.done;
	for (;;) {
		track_reap();
		if (T.done != seen) {
			seen = T.done;
			moved = rdtime();
		} else if (on_stall && rdtime() - moved > 20000) {   /* 2 ms */
			on_stall();
			moved = rdtime();
		}
		uint32_t missing = 0, first = 0, must = 0;
		for (uint32_t i = 0; i < T.n; i++) {
			must += T.must[i];
			if (T.must[i] && !T.cnt[i] && !missing++)
				first = i;
		}
		if (!missing)
			break;
		if (rdtime() - t0 > 10000000) {   /* 1 s */
			FINDING("%s: %u of %u submissions never completed (first: user_data 0x%lx, "
				"sq_head %u tail %u cq_head %u cq_tail %u overflow %u)", what, missing, must,
				(unsigned long)(T.base + first), R.kshared->sq_head, R.sq_published,
				R.cq_head, R.kshared->cq_tail, R.kshared->overflow);
			break;
		}
		ring_kick();
	}
}

/* An SQE slot that is certainly free: fewer than sq_entries outstanding
 * means the kernel has copied the slot we reuse (its head is not trusted). */
struct rf_sqe *track_sqe(void)
{
	if (R.sqe_tail - T.start_tail - T.done >= R.sq_entries)
		return 0;
	return &R.ksqes[R.sqe_tail++ & R.sq_mask];
}
