/*
 * proc_tasks.c - the threads of this process as /proc sees them: where each
 * last ran, and which are io_uring's kernel threads (SQPOLL, io-wq); and its
 * io_uring instances' ring positions.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc_tasks.h"

/* Fields 3.. of /proc/<pid>/task/<tid>/stat, counted after the ')' that
 * closes comm (comm itself may contain spaces and parentheses). */
static void parse_stat(const char *buf, struct proc_task *t)
{
	const char *p = strrchr(buf, ')');
	int field = 2;

	t->cpu = -1;
	t->flags = 0;
	for (; p && *p; p++) {
		if (*p != ' ')
			continue;
		field++;
		if (field == 9)
			t->flags = strtoul(p + 1, NULL, 10);
		if (field == 39) {
			t->cpu = atoi(p + 1);
			break;
		}
	}
}

int proc_tasks_scan(struct proc_task *out, int max)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	while (d && n < max && (e = readdir(d)) != NULL) {
		char path[300], buf[1024];
		FILE *f;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%s/stat", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;	/* it exited meanwhile */
		if (fgets(buf, sizeof(buf), f)) {
			out[n].tid = atoi(e->d_name);
			parse_stat(buf, &out[n]);
			n++;
		}
		fclose(f);
	}
	if (d)
		closedir(d);
	return n;
}

/* The two positions of one ring's fdinfo; 0 when it is not an io_uring. */
static int read_ring(int fd, struct proc_ring *r)
{
	char path[64], line[128];
	int have = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (have != 3 && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "CachedSqHead: %u", &r->sq_head) == 1)
			have |= 1;
		else if (sscanf(line, "CachedCqTail: %u", &r->cq_tail) == 1)
			have |= 2;
	}
	fclose(f);
	r->fd = fd;
	return have == 3;
}

int proc_rings_scan(struct proc_ring *out, int max)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	while (d && n < max && (e = readdir(d)) != NULL) {
		char path[300], link[64];
		ssize_t len;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/self/fd/%s", e->d_name);
		len = readlink(path, link, sizeof(link) - 1);
		if (len < 0)
			continue;
		link[len] = '\0';
		if (strcmp(link, "anon_inode:[io_uring]") == 0 && read_ring(atoi(e->d_name), &out[n]))
			n++;
	}
	if (d)
		closedir(d);
	return n;
}

clockid_t proc_task_cpu_clock(int tid)
{
	/* MAKE_THREAD_CPUCLOCK(tid, CPUCLOCK_SCHED) from the kernel's
	 * posix-timers.h; a thread may read any sibling's clock. */
	return (clockid_t)((~(unsigned)tid << 3) | 4 | 2);
}
