/*
 * Process, thread and system syscalls. Handlers only fetch and check their
 * arguments, then call into the subsystem.
 */
#include "defs.h"
#include "proc.h"
#include "riscv.h"
#include "ring.h"

#define ARG(tf, i) ((&(tf)->a0)[i])

long sys_exit(struct trapframe *tf) { proc_exit((int)ARG(tf, 0)); }

long sys_getpid(struct trapframe *tf)
{
	(void)tf;
	return myproc()->pid;
}

long sys_gettid(struct trapframe *tf)
{
	(void)tf;
	return current()->tid;
}

long sys_nharts(struct trapframe *tf)
{
	(void)tf;
	return ncpus;
}

long sys_yield(struct trapframe *tf)
{
	(void)tf;
	ring_on_yield(myproc());
	sched_yield(false);
	return 0;
}

long sys_thread_spawn(struct trapframe *tf)
{
	return thread_spawn_user(ARG(tf, 0), ARG(tf, 1), ARG(tf, 2));
}

long sys_thread_exit(struct trapframe *tf) { thread_exit_user((long)ARG(tf, 0)); }

long sys_thread_join(struct trapframe *tf)
{
	uint64 uvalue = ARG(tf, 1);
	long value;
	if (uvalue && !user_range_ok(uvalue, sizeof(long)))
		return -RF_EFAULT;
	int r = thread_join((int)ARG(tf, 0), &value);
	if (r == 0 && uvalue && copy_to_user(uvalue, &value, sizeof(value)) < 0)
		return -RF_EFAULT;
	return r;
}

/* spawn(prog, argv): argv is copied in whole before anything is created. */
long sys_spawn(struct trapframe *tf)
{
	char name[32];
	long r = strncpy_from_user(name, ARG(tf, 0), sizeof(name));
	if (r < 0)
		return r == -RF_E2BIG ? -RF_ENOENT : r;
	char *buf = kalloc();     /* argv strings, up to RF_MAX_ARGLEN bytes */
	if (!buf)
		return -RF_ENOMEM;
	char *argv[RF_MAX_ARGS];
	int argc = 0;
	uint64 used = 0, uargv = ARG(tf, 1);
	for (;; argc++) {
		uint64 uptr;
		if (uargv == 0)
			break;
		if ((r = copy_from_user(&uptr, uargv + argc * sizeof(uint64), sizeof(uptr))) < 0)
			goto out;
		if (uptr == 0)
			break;
		if (argc == RF_MAX_ARGS || used >= RF_MAX_ARGLEN) {
			r = -RF_E2BIG;
			goto out;
		}
		r = strncpy_from_user(buf + used, uptr, RF_MAX_ARGLEN - used);
		if (r < 0)
			goto out;
		argv[argc] = buf + used;
		used += r + 1;
	}
	if (argc == 0)
		argv[argc++] = name;   /* argv[0] defaults to the program's name */
	r = proc_spawn(myproc(), name, argc, argv);
out:
	kfree(buf);
	return r;
}

long sys_wait(struct trapframe *tf)
{
	uint64 ustatus = ARG(tf, 1);
	int status;
	if (ustatus && !user_range_ok(ustatus, sizeof(int)))
		return -RF_EFAULT;
	int pid = proc_wait((int)ARG(tf, 0), &status);
	if (pid > 0 && ustatus && copy_to_user(ustatus, &status, sizeof(status)) < 0)
		return -RF_EFAULT;
	return pid;
}

long sys_sbrk(struct trapframe *tf) { return (long)proc_sbrk((long)ARG(tf, 0)); }

void stats_snapshot(struct rf_stats *s)
{
	s->nharts = ncpus;
	s->free_pages = kfree_count();
	s->time = rdtime();
	s->instret = csr_read(instret);
	s->hz = boot_hz;
	strncpy0(s->sqmode, boot_sqmode, sizeof(s->sqmode));
	for (int h = 0; h < RF_MAX_HARTS; h++)
		s->hart[h] = cpus[h].st;
}

long sys_stats(struct trapframe *tf)
{
	static struct rf_stats snap;   /* too big for a kernel stack */
	static struct spinlock snap_lock = SPINLOCK_INIT("stats");
	spin_lock(&snap_lock);
	stats_snapshot(&snap);
	long r = copy_to_user(ARG(tf, 0), &snap, sizeof(snap));
	spin_unlock(&snap_lock);
	return r;
}

long sys_console_write(struct trapframe *tf)
{
	char buf[256];
	uint64 ubuf = ARG(tf, 0), n = ARG(tf, 1), done = 0;
	if (!user_range_ok(ubuf, n))
		return -RF_EFAULT;
	while (done < n) {
		uint64 chunk = MIN(n - done, sizeof(buf));
		if (copy_from_user(buf, ubuf + done, chunk) < 0)
			return done ? (long)done : -RF_EFAULT;
		console_write_n(buf, chunk);
		done += chunk;
	}
	return (long)done;
}

long sys_fork(struct trapframe *tf) { return proc_fork(tf); }
