/*
 * Threads and processes created, joined, waited for and killed in odd
 * orders, from several threads (and so several harts): one joiner of a
 * thread wins and gets its value, the others get an error; every child's
 * status is the one it exited with (255 if it faulted); killing a process
 * with threads asleep everywhere gives back everything it had.
 */
#include <string.h>
#include "fuzz.h"

#define NT 12

static struct {
	int tid;
	long value;
	volatile int go;
	volatile int won;        /* joiners that got 0 */
} th[NT];

struct joiner {
	int target;
	int r;
	long v;
};

static long worker(void *arg)
{
	long i = (long)arg;
	struct rng r = { fuzz_seed ^ (uint64_t)i * 977 };
	while (!th[i].go)
		yield();
	for (int k = (int)rnd_below(&r, 30); k > 0; k--) {
		if (chance(&r, 50))
			yield();
		else
			getpid();
	}
	if (chance(&r, 30))
		thread_exit(th[i].value);
	return th[i].value;
}

static long join_one(void *arg)
{
	struct joiner *j = arg;
	j->r = thread_join(j->target, &j->v);
	return 0;
}

static struct joiner joins[NT][3];

int fz_threads(struct rng *r)
{
	int n = 2 + (int)rnd_below(r, NT - 2);
	for (int round = 0; round < 4; round++) {
		int jt[NT][3];
		int nj[NT];
		for (int i = 0; i < n; i++) {
			th[i].go = !chance(r, 40);
			th[i].value = (long)rnd(r);
			th[i].tid = thread_create(worker, (void *)(long)i);
			if (th[i].tid < 0) {
				FINDING("thread_create: %d", th[i].tid);
				return 1;
			}
		}
		/* up to three joiners per thread, the main thread one of them sometimes */
		for (int i = 0; i < n; i++) {
			nj[i] = 1 + (int)rnd_below(r, 3);
			for (int k = 0; k < nj[i]; k++) {
				joins[i][k] = (struct joiner){ th[i].tid, 1, 0 };
				jt[i][k] = k == 0 && chance(r, 30) ? 0 : thread_create(join_one, &joins[i][k]);
				if (jt[i][k] < 0)
					FINDING("thread_create (joiner): %d", jt[i][k]);
			}
		}
		for (int i = 0; i < n; i++)
			th[i].go = 1;
		for (int i = 0; i < n; i++)
			if (jt[i][0] == 0)
				join_one(&joins[i][0]);
		for (int i = 0; i < n; i++) {
			for (int k = 0; k < nj[i]; k++) {
				long v;
				if (jt[i][k] > 0 && thread_join(jt[i][k], &v) != 0)
					FINDING("join of a joiner failed");
			}
			int won = 0;
			for (int k = 0; k < nj[i]; k++) {
				struct joiner *j = &joins[i][k];
				if (j->r == 0) {
					won++;
					if (j->v != th[i].value)
						FINDING("join got %ld, thread exited with %ld", j->v, th[i].value);
				} else if (j->r != -RF_EINVAL && j->r != -RF_ESRCH) {
					FINDING("losing join returned %d", j->r);
				}
			}
			if (won != 1)
				FINDING("%d of %d joiners of one thread succeeded", won, nj[i]);
			long v;
			int again = thread_join(th[i].tid, &v);
			if (again != -RF_ESRCH)
				FINDING("join of a reaped thread returned %d", again);
		}
		/* a thread made after all that still joins as usual */
		th[0].go = 1;
		th[0].value = round;
		int t = thread_create(worker, 0);
		long v = -1;
		if (t < 0 || thread_join(t, &v) != 0 || v != round)
			FINDING("a fresh thread did not join: tid %d value %ld", t, v);
	}
	/* and leave with threads still running or asleep in joins */
	if (chance(r, 50)) {
		for (int i = 0; i < n; i++) {
			th[i].go = 0;
			th[i].tid = thread_create(worker, (void *)(long)i);
			joins[i][0] = (struct joiner){ th[i].tid, 1, 0 };
			thread_create(join_one, &joins[i][0]);
		}
		if (chance(r, 50))
			exit(0);   /* from the main thread, the others mid-way */
	}
	return 0;
}

/* ---- processes ---------------------------------------------------------- */

static int kid_status[NT], kid_pid[NT];
static volatile int waits_done[NT];

struct waiter {
	int pid, r, status;
};

static long wait_one(void *arg)
{
	struct waiter *w = arg;
	w->r = wait(w->pid, &w->status);
	return 0;
}

/* What a child does before it ends: status s, or killed when s is 255. */
static void kid(struct rng *r, int s)
{
	if (chance(r, 30)) {
		int t = thread_create((long (*)(void *))(uintptr_t)exit, (void *)(long)s);
		if (t < 0)
			exit(s);
		for (;;)
			yield();   /* the thread exits the process */
	}
	if (chance(r, 20) && fork() == 0)
		exit(0);   /* an orphan; nobody waits for it */
	if (s == RF_STATUS_KILLED)
		*(volatile int *)(uintptr_t)ADDR_UNMAPPED = s;
	exit(s);
}

int fz_procs(struct rng *r)
{
	int n = 1 + (int)rnd_below(r, 8);
	for (int i = 0; i < n; i++) {
		kid_status[i] = chance(r, 20) ? RF_STATUS_KILLED : (int)rnd_below(r, 250);
		if (chance(r, 30)) {
			char num[8];
			snprintf(num, sizeof(num), "%d", kid_status[i]);
			char *argv[] = { "fuzz", kid_status[i] == RF_STATUS_KILLED ? "--fault" : "--exit", num, 0 };
			kid_pid[i] = spawn("fuzz", argv);
		} else {
			struct rng kr = { rnd(r) };
			kid_pid[i] = fork();
			if (kid_pid[i] == 0)
				kid(&kr, kid_status[i]);
		}
		if (kid_pid[i] < 0) {
			FINDING("fork/spawn: %d", kid_pid[i]);
			return 1;
		}
	}
	/* two waiters for some children, one of them another thread */
	struct waiter w[NT][2];
	int wt[NT][2];
	bool any = chance(r, 30);
	for (int i = 0; i < n; i++) {
		for (int k = 0; k < 2; k++) {
			w[i][k] = (struct waiter){ any ? -1 : kid_pid[i], 1, -1 };
			wt[i][k] = k == 0 || chance(r, 50) ? thread_create(wait_one, &w[i][k]) : -1;
		}
	}
	if (chance(r, 50)) {
		int st;
		int res = wait(kid_pid[0], (int *)(uintptr_t)ADDR_KERNEL);
		if (res != -RF_EFAULT)
			FINDING("wait(bad status pointer) returned %d", res);
		(void)st;
	}
	int got[NT] = { 0 };
	for (int i = 0; i < n; i++) {
		for (int k = 0; k < 2; k++) {
			long v;
			if (wt[i][k] < 0)
				continue;
			thread_join(wt[i][k], &v);
			struct waiter *x = &w[i][k];
			if (x->r > 0) {
				int j = 0;
				while (j < n && kid_pid[j] != x->r)
					j++;
				if (j == n) {
					FINDING("wait returned pid %d, not a child", x->r);
				} else {
					got[j]++;
					if (x->status != kid_status[j])
						FINDING("child exited with %d, wait said %d", kid_status[j], x->status);
				}
			} else if (x->r != -RF_ECHILD) {
				FINDING("wait returned %d", x->r);
			}
		}
	}
	/* what nobody reaped yet, reaped now: each child exactly once */
	for (int i = 0; i < n; i++) {
		if (got[i])
			continue;
		int st = -1, res = wait(kid_pid[i], &st);
		if (res == kid_pid[i]) {
			got[i]++;
			if (st != kid_status[i])
				FINDING("child exited with %d, wait said %d", kid_status[i], st);
		}
	}
	for (int i = 0; i < n; i++)
		if (got[i] != 1)
			FINDING("child %d reaped %d times", kid_pid[i], got[i]);
	int res = wait(-1, 0);
	if (res != -RF_ECHILD)
		FINDING("wait with no children left returned %d", res);
	return 0;
}

/* ---- kill: a fault with threads asleep in every kind of wait ------------- */

static int kill_pipe[2];
static volatile int kill_ready;

static long sleeper(void *arg)
{
	long how = (long)arg;
	char c;
	__atomic_fetch_add(&kill_ready, 1, __ATOMIC_RELAXED);
	switch (how % 5) {
	case 0: read(kill_pipe[0], &c, 1); break;             /* an empty pipe */
	case 1: thread_join(gettid() + 1000000, 0); break;   /* returns at once: spin below */
	case 2: wait(-1, 0); break;                          /* a child that never ends */
	case 3:                                              /* running, maybe on another hart */
		for (;;)
			for (volatile int k = 0; k < 20000; k++)
				;
	default: {
		static char big[RF_PIPE_BUF * 8];
		write(kill_pipe[1], big, sizeof(big));        /* a full pipe */
	}
	}
	for (;;)
		yield();
	return 0;
}

static int kill_child(struct rng *r)
{
	if (pipe(kill_pipe) != 0)
		return 3;
	if (chance(r, 50) && fork() == 0) {
		char c;
		close(kill_pipe[1]);
		read(kill_pipe[0], &c, 1);   /* until the parent's death closes the pipe */
		exit(0);
	}
	int n = 2 + (int)rnd_below(r, 8);
	for (int i = 0; i < n; i++)
		thread_create(sleeper, (void *)(long)rnd_below(r, 5));
	while (kill_ready < n)
		yield();
	settle((int)rnd_below(r, 10));
	if (chance(r, 50))
		*(volatile long *)(uintptr_t)(ADDR_KERNEL + rnd_below(r, PAGE)) = 1;
	*(volatile long *)(uintptr_t)(ADDR_UNMAPPED) = 1;
	return 4;
}

int fz_kill(struct rng *r)
{
	for (int round = 0; round < 3; round++) {
		struct rng kr = { rnd(r) };
		uint64_t before = free_pages();
		int pid = fork(), st = -1;
		if (pid == 0)
			exit(kill_child(&kr));
		if (pid < 0 || wait(pid, &st) != pid) {
			FINDING("fork/wait failed: %d", pid);
			return 1;
		}
		if (st != RF_STATUS_KILLED)
			FINDING("a faulting process exited with %d, not %d", st, RF_STATUS_KILLED);
		/* its forked child sees EOF and ends; its pages come back too */
		while (wait(-1, 0) > 0)
			;
		uint64_t t0 = rdtime();
		while (free_pages() < before && rdtime() - t0 < 20000000)
			settle(1);
		/* more pages than before is not a leak: an earlier orphan ended */
		if ((long)(before - free_pages()) > 0)
			FINDING("a killed process kept %ld pages", (long)(before - free_pages()));
	}
	return 0;
}
