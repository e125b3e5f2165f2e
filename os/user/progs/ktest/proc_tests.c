/* Processes and threads: getpid, yield, spawn/wait, threads, faults, exit, sbrk. */
#include <stdlib.h>
#include <string.h>
#include "refos.h"
#include "ktest.h"
#include "tests.h"

static long raw_syscall(long n, long a0)
{
	register long a7 asm("a7") = n;
	register long r0 asm("a0") = a0;
	/* the syscall ABI lets a call change every caller-saved register */
	asm volatile("ecall" : "+r"(r0) : "r"(a7)
		     : "memory", "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a1", "a2", "a3",
		       "a4", "a5", "a6");
	return r0;
}

int t_getpid(void)
{
	int pid = getpid();
	CHECK(pid > 1);   /* init is 1; a test runs in a child */
	CHECK_EQ(getpid(), pid);
	CHECK(gettid() > 0);
	CHECK(nharts() >= 1);
	CHECK_EQ(yield(), 0);
	return 0;
}

int t_unknown_syscall(void)
{
	CHECK_EQ(raw_syscall(999, 0), -RF_ENOSYS);
	CHECK_EQ(raw_syscall(0, 0), -RF_ENOSYS);
	CHECK_EQ(raw_syscall(-1, 0), -RF_ENOSYS);
	CHECK_EQ(raw_syscall(SYS_MAX + 1, 0), -RF_ENOSYS);
	return 0;
}

static long add_one(void *p) { return (long)p + 1; }

int t_thread_join(void)
{
	long v = 0;
	int tid = thread_create(add_one, (void *)41);
	CHECK(tid > 0);
	CHECK_EQ(thread_join(tid, &v), 0);
	CHECK_EQ(v, 42);
	CHECK_EQ(thread_join(tid, &v), -RF_ESRCH);   /* already joined */
	CHECK_EQ(thread_join(123456, &v), -RF_ESRCH);
	CHECK_EQ(thread_join(gettid(), &v), -RF_EINVAL);
	CHECK_EQ(sys_thread_spawn((void *)0xffffffc080200000UL, 0, 0), -RF_EFAULT);
	return 0;
}

static volatile long counter;
static volatile int spin_lock_word;

static long bump_many(void *p)
{
	for (long i = 0; i < (long)p; i++) {
		while (__atomic_exchange_n(&spin_lock_word, 1, __ATOMIC_ACQUIRE))
			yield();
		counter++;
		__atomic_store_n(&spin_lock_word, 0, __ATOMIC_RELEASE);
		if (i % 64 == 0)
			yield();
	}
	return 0;
}

/* Many threads at once, on however many harts there are. */
int t_threads_many(void)
{
	enum { N = 100 };
	int tids[N];
	long v;
	for (int i = 0; i < N; i++) {
		tids[i] = thread_create(bump_many, (void *)500);
		CHECK(tids[i] > 0);
	}
	for (int i = 0; i < N; i++)
		CHECK_EQ(thread_join(tids[i], &v), 0);
	CHECK_EQ(counter, N * 500);
	return 0;
}

struct relay {
	int in, out;
	long n;
};

static long relay_thread(void *p)
{
	struct relay *r = p;
	char buf[64];
	for (long done = 0; done < r->n;) {
		long got = read(r->in, buf, sizeof(buf));
		if (got <= 0 || write(r->out, buf, got) != got)
			return 1;
		done += got;
	}
	return 0;
}

/* A ring of 8 threads passing bytes through 8 pipes: blocking reads everywhere. */
int t_threads_pipe_ring(void)
{
	enum { N = 8, BYTES = 20000 };
	int p[N][2], tids[N];
	struct relay r[N];
	long v;
	for (int i = 0; i < N; i++)
		CHECK_EQ(pipe(p[i]), 0);
	for (int i = 1; i < N; i++) {
		r[i] = (struct relay){ p[i - 1][0], p[i][1], BYTES };
		tids[i] = thread_create(relay_thread, &r[i]);
		CHECK(tids[i] > 0);
	}
	static char out[BYTES], in[BYTES];
	for (int i = 0; i < BYTES; i++)
		out[i] = (char)(i * 31 + 7);
	long sent = 0, got = 0;
	while (got < BYTES) {
		if (sent < BYTES) {
			long n = BYTES - sent < 500 ? BYTES - sent : 500;
			CHECK_EQ(write(p[0][1], out + sent, n), n);
			sent += n;
		}
		long g = read(p[N - 1][0], in + got, BYTES - got);
		CHECK(g > 0);
		got += g;
	}
	CHECK(memcmp(in, out, BYTES) == 0);
	for (int i = 1; i < N; i++) {
		CHECK_EQ(thread_join(tids[i], &v), 0);
		CHECK_EQ(v, 0);
	}
	return 0;
}

int t_spawn_wait(void)
{
	int status = -1;
	char *argv[] = { "ktest", "--helper", "exit42", 0 };
	int pid = spawn("ktest", argv);
	CHECK(pid > 0);
	CHECK_EQ(wait(pid, &status), pid);
	CHECK_EQ(status, 42);
	CHECK_EQ(wait(-1, &status), -RF_ECHILD);
	CHECK_EQ(wait(pid, &status), -RF_ECHILD);
	/* any child, several of them */
	for (int i = 0; i < 3; i++)
		CHECK(spawn("ktest", argv) > 0);
	for (int i = 0; i < 3; i++) {
		CHECK(wait(-1, &status) > 0);
		CHECK_EQ(status, 42);
	}
	CHECK_EQ(spawn("no-such-program", argv), -RF_ENOENT);
	return 0;
}

/* A child inherits a copy of the fd table: it writes into our pipe. */
int t_spawn_inherits_fds(void)
{
	int fds[2], status;
	char buf[32], fdstr[8];
	CHECK_EQ(pipe(fds), 0);
	snprintf(fdstr, sizeof(fdstr), "%d", fds[1]);
	char *argv[] = { "ktest", "--helper", "write", fdstr, 0 };
	int pid = spawn("ktest", argv);
	CHECK(pid > 0);
	CHECK_EQ(close(fds[1]), 0);   /* the child's copy keeps the pipe open */
	long got = 0, r;
	while ((r = read(fds[0], buf + got, sizeof(buf) - got)) > 0)
		got += r;
	CHECK_EQ(got, 13);
	CHECK(memcmp(buf, "from the kid\n", 13) == 0);
	CHECK_EQ(wait(pid, &status), pid);
	CHECK_EQ(status, 0);
	return 0;
}

static int run_helper(const char *what)
{
	char *argv[] = { "ktest", "--helper", (char *)what, 0 };
	int status = -1, pid = spawn("ktest", argv);
	if (pid < 0 || wait(pid, &status) != pid)
		return -1000;
	return status;
}

/* Faulting programs are killed; the kernel and this process go on. */
int t_fault_kills_only_the_program(void)
{
	CHECK_EQ(run_helper("fault_null"), RF_STATUS_KILLED);
	CHECK_EQ(run_helper("fault_kernel_addr"), RF_STATUS_KILLED);
	CHECK_EQ(run_helper("fault_illegal"), RF_STATUS_KILLED);
	CHECK_EQ(run_helper("fault_write_text"), RF_STATUS_KILLED);
	CHECK_EQ(run_helper("exit42"), 42);
	return 0;
}

/* exit() from one thread ends threads blocked in pipes and on other harts. */
int t_exit_with_threads(void)
{
	CHECK_EQ(run_helper("exit_with_threads"), 7);
	CHECK_EQ(run_helper("fault_in_thread"), RF_STATUS_KILLED);
	return 0;
}

int t_sbrk(void)
{
	char *base = sbrk(0);
	CHECK((long)base > 0);
	char *p = sbrk(3 * 4096);
	CHECK(p == base);
	for (int i = 0; i < 3 * 4096; i++)
		p[i] = (char)i;
	for (int i = 0; i < 3 * 4096; i++)
		CHECK(p[i] == (char)i);
	CHECK(sbrk(0) == base + 3 * 4096);
	CHECK(sbrk(-3 * 4096) == base + 3 * 4096);
	CHECK(sbrk(0) == base);
	CHECK_EQ((long)sbrk(1L << 40), -RF_ENOMEM);
	CHECK_EQ((long)sbrk(-(1L << 40)), -RF_EINVAL);
	char *m = malloc(100000);
	CHECK(m != 0);
	memset(m, 1, 100000);
	free(m);
	return 0;
}

/* An address the compiler cannot see through, so it emits the access. */
static volatile int *bad_ptr(unsigned long addr)
{
	volatile int *volatile p = (volatile int *)addr;
	return p;
}

/* --helper programs: the other side of the tests above. */
static long block_forever(void *p)
{
	char c;
	return read((int)(long)p, &c, 1);
}

static long spin_forever(void *p)
{
	(void)p;
	for (;;)
		;
	return 0;
}

static long fault_later(void *p)
{
	(void)p;
	for (int i = 0; i < 10; i++)
		yield();
	*bad_ptr(8) = 1;
	return 0;
}

int ktest_helper(int argc, char **argv)
{
	const char *what = argc > 0 ? argv[0] : "";
	int r = safety_helper(what);
	if (r < 0)
		r = ring_safety_helper(what);
	if (r < 0)
		r = shs_helper(what, argc > 1 ? argv[1] : 0);
	if (r >= 0)
		return r;
	if (strcmp(what, "exit42") == 0)
		return 42;
	if (strcmp(what, "write") == 0 && argc == 2)
		return write(atoi(argv[1]), "from the kid\n", 13) == 13 ? 0 : 1;
	if (strcmp(what, "fault_null") == 0)
		return *bad_ptr(0);
	if (strcmp(what, "fault_kernel_addr") == 0)
		return *bad_ptr(0xffffffc080200000UL);
	if (strcmp(what, "fault_illegal") == 0)
		asm volatile(".word 0");
	if (strcmp(what, "fault_write_text") == 0)
		*(volatile int *)(void *)ktest_helper = 0;
	if (strcmp(what, "exit_with_threads") == 0 || strcmp(what, "fault_in_thread") == 0) {
		int fds[2];
		pipe(fds);
		for (int i = 0; i < 4; i++)
			thread_create(block_forever, (void *)(long)fds[0]);
		thread_create(spin_forever, 0);
		if (what[0] == 'f')
			thread_create(fault_later, 0);
		for (int i = 0; i < 10; i++)
			yield();
		if (what[0] == 'f')
			for (;;)
				yield();
		exit(7);
	}
	printf("ktest: unknown helper '%s'\n", what);
	return 99;
}

static int fork_global = 5;

static long fork_from_thread(void *p)
{
	(void)p;
	int status, pid = fork();
	if (pid == 0)
		exit(3);
	if (pid < 0 || wait(pid, &status) != pid || status != 3)
		return 1;
	return 0;
}

/* fork: the child gets 0 and a copy of memory; descriptors are shared. */
int t_fork(void)
{
	int fds[2], status;
	char buf[8];
	CHECK_EQ(pipe(fds), 0);
	int *heap = malloc(sizeof(int));
	*heap = 7;
	int pid = fork();
	if (pid == 0) {
		fork_global = 50;   /* a copy: the parent keeps its 5 */
		*heap = 70;
		exit(write(fds[1], "kid", 3) == 3 && fork_global == 50 && *heap == 70 ? 9 : 1);
	}
	CHECK(pid > 0);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 3);
	CHECK(memcmp(buf, "kid", 3) == 0);
	CHECK_EQ(wait(pid, &status), pid);
	CHECK_EQ(status, 9);
	CHECK_EQ(fork_global, 5);
	CHECK_EQ(*heap, 7);
	/* a thread's fork copies only the calling thread's stack */
	long v;
	int tid = thread_create(fork_from_thread, 0);
	CHECK(tid > 0);
	CHECK_EQ(thread_join(tid, &v), 0);
	CHECK_EQ(v, 0);
	return 0;
}
