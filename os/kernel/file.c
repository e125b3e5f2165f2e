/* Open-file objects and per-process fd tables. */
#include "defs.h"
#include "proc.h"
#include "file.h"

#define NFILE 8192   /* two processes at RF_NOFILE */

static struct file files[NFILE];
static struct spinlock ftable_lock = SPINLOCK_INIT("ftable");  /* guards allocation */

void file_init(void) { pipe_init(); }

struct file *file_alloc(int type, struct pipe *pi)
{
	spin_lock(&ftable_lock);
	for (int i = 0; i < NFILE; i++) {
		if (files[i].ref == 0) {
			files[i].ref = 1;
			files[i].type = type;
			files[i].pipe = pi;
			spin_unlock(&ftable_lock);
			return &files[i];
		}
	}
	spin_unlock(&ftable_lock);
	return 0;
}

void file_dup(struct file *f) { __atomic_fetch_add(&f->ref, 1, __ATOMIC_RELAXED); }

void file_put(struct file *f)
{
	/* Read before the decrement: at 0 the slot may be reused at once. */
	struct pipe *pi = f->pipe;
	bool writer = f->type == F_PIPE_WRITE;
	if (__atomic_sub_fetch(&f->ref, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	pipe_close(pi, writer);
}

/* The file behind fd with a reference taken, or NULL for a bad fd. */
struct file *file_get(int fd)
{
	struct proc *p = myproc();
	if (fd < 0 || fd >= RF_NOFILE)
		return 0;
	spin_lock(&p->lock);
	struct file *f = p->ofile[fd];
	if (f)
		file_dup(f);
	spin_unlock(&p->lock);
	return f;
}

/* Installs f and g (g may be NULL) at the lowest free fds; -EMFILE if full. */
int fd_install2(struct proc *p, struct file *f, int *fdf, struct file *g, int *fdg)
{
	spin_lock(&p->lock);
	int a = -1, b = -1;
	for (int fd = 0; fd < RF_NOFILE && (a < 0 || (g && b < 0)); fd++) {
		if (p->ofile[fd])
			continue;
		if (a < 0)
			a = fd;
		else
			b = fd;
	}
	if (a < 0 || (g && b < 0)) {
		spin_unlock(&p->lock);
		return -RF_EMFILE;
	}
	p->ofile[a] = f;
	*fdf = a;
	if (g) {
		p->ofile[b] = g;
		*fdg = b;
	}
	spin_unlock(&p->lock);
	return 0;
}

int fd_close(struct proc *p, int fd)
{
	if (fd < 0 || fd >= RF_NOFILE)
		return -RF_EBADF;
	spin_lock(&p->lock);
	struct file *f = p->ofile[fd];
	p->ofile[fd] = 0;
	spin_unlock(&p->lock);
	if (!f)
		return -RF_EBADF;
	file_put(f);
	return 0;
}

long file_read(struct file *f, uint64 ubuf, uint64 n)
{
	if (f->type != F_PIPE_READ)
		return -RF_EBADF;
	return pipe_read(f->pipe, ubuf, n);
}

long file_write(struct file *f, uint64 ubuf, uint64 n)
{
	if (f->type != F_PIPE_WRITE)
		return -RF_EBADF;
	return pipe_write(f->pipe, ubuf, n);
}
