/* File syscalls: pipe, read, write, close. */
#include "defs.h"
#include "proc.h"
#include "file.h"

#define ARG(tf, i) ((&(tf)->a0)[i])

long sys_read(struct trapframe *tf)
{
	struct file *f = file_get((int)ARG(tf, 0));
	if (!f)
		return -RF_EBADF;
	long r = file_read(f, ARG(tf, 1), ARG(tf, 2));
	file_put(f);
	return r;
}

long sys_write(struct trapframe *tf)
{
	struct file *f = file_get((int)ARG(tf, 0));
	if (!f)
		return -RF_EBADF;
	long r = file_write(f, ARG(tf, 1), ARG(tf, 2));
	file_put(f);
	return r;
}

long sys_close(struct trapframe *tf) { return fd_close(myproc(), (int)ARG(tf, 0)); }

/* pipe(fds): the user array is checked first so a bad pointer leaks nothing. */
long sys_pipe(struct trapframe *tf)
{
	uint64 ufds = ARG(tf, 0);
	int fds[2] = { 0, 0 };
	if (!user_range_ok(ufds, sizeof(fds)) || copy_to_user(ufds, fds, sizeof(fds)) < 0)
		return -RF_EFAULT;
	int r = pipe_open_fds(myproc(), fds);
	if (r < 0)
		return r;
	if (copy_to_user(ufds, fds, sizeof(fds)) < 0) {
		fd_close(myproc(), fds[0]);
		fd_close(myproc(), fds[1]);
		return -RF_EFAULT;
	}
	return 0;
}

/* Creates a pipe and installs both ends in p (the sync and async paths share this). */
int pipe_open_fds(struct proc *p, int fds[2])
{
	struct file *rf, *wf;
	int r = pipe_create(&rf, &wf);
	if (r < 0)
		return r;
	if ((r = fd_install2(p, rf, &fds[0], wf, &fds[1])) < 0) {
		file_put(rf);
		file_put(wf);
	}
	return r;
}
