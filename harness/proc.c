/* Process handling for one point; see proc.h. The caller polls p->fd and
 * calls proc_read when it is readable, then proc_poll. */
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "row.h"
#include "runline.h"

#define LINE_MAX_BYTES (1u << 20)

double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int proc_start(struct proc *p, char *const argv[], FILE *log, double timeout_s,
	       char *err, size_t errlen)
{
	int fds[2];
	memset(p, 0, sizeof(*p));
	p->fd = p->pidfd = -1;
	if (pipe2(fds, O_CLOEXEC) != 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		/* Own group: Ctrl-C on the terminal reaches only scbench, which
		 * then kills the groups itself; a timeout kills QEMU and
		 * anything it started. stdin is not the terminal, so QEMU's
		 * -nographic never puts the terminal in raw mode. */
		setpgid(0, 0);
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		int in = open("/dev/null", O_RDONLY);
		if (in < 0 || dup2(in, 0) < 0 || dup2(fds[1], 1) < 0 || dup2(fds[1], 2) < 0)
			_exit(126);
		execvp(argv[0], argv);
		dprintf(2, "scbench: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid); /* also here: no window where a kill misses it */
	close(fds[1]);
	fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
	p->pid = pid;
	p->fd = fds[0];
	/* The console's end-of-file comes a moment before the process can be
	 * reaped; without something to poll for that, the caller's poll would
	 * sleep its whole period, a fifth of a second on every point. */
	p->pidfd = pidfd_open(pid, 0);
	p->log = log;
	p->start = now_s();
	p->deadline = p->start + timeout_s;
	return 0;
}

static void keep_tail(struct proc *p, const char *line)
{
	size_t slot = p->ntail % PROC_TAIL;
	free(p->tail[slot]);
	p->tail[slot] = xstrdup(line);
	p->ntail++;
}

size_t proc_tail_count(const struct proc *p)
{
	return p->ntail < PROC_TAIL ? p->ntail : PROC_TAIL;
}

const char *proc_tail_line(const struct proc *p, size_t i)
{
	size_t first = p->ntail < PROC_TAIL ? 0 : p->ntail % PROC_TAIL;
	return p->tail[(first + i) % PROC_TAIL];
}

const char *proc_last_words(const struct proc *p)
{
	for (size_t i = proc_tail_count(p); i-- > 0;) {
		const char *l = proc_tail_line(p, i);
		if (l && *l && *l != '@' && strspn(l, " \t") < strlen(l))
			return l;
	}
	return NULL;
}

static void handle_line(struct proc *p, char *line)
{
	size_t n = strlen(line);
	if (n && line[n - 1] == '\r')
		line[--n] = 0;
	if (p->log && p->logged < PROC_LOG_MAX) {
		fprintf(p->log, "%s\n", line);
		p->logged += n + 1;
		if (p->logged >= PROC_LOG_MAX)
			fprintf(p->log, "[scbench: log cut at %u bytes]\n", PROC_LOG_MAX);
	}
	keep_tail(p, line);
	double t = now_s();
	switch (line_kind(line)) {
	case LINE_RUN:
		if (!p->nrun++)
			p->run_line = xstrdup(line);
		break;
	case LINE_PANIC:
		if (!p->panic_line)
			p->panic_line = xstrdup(line);
		/* The kernel should stop QEMU itself; do not wait for the full
		 * timeout if it does not. */
		if (p->deadline > t + PROC_GRACE_PANIC)
			p->deadline = t + PROC_GRACE_PANIC;
		break;
	case LINE_EMU:
		if (!p->emu_line)
			p->emu_line = xstrdup(line);
		break;
	case LINE_EXIT:
		if (!p->have_exit) {
			p->have_exit = 1;
			p->bad_exit = exitline_parse(line, &p->exit_status) != 0;
		}
		if (p->deadline > t + PROC_GRACE_EXIT)
			p->deadline = t + PROC_GRACE_EXIT;
		break;
	case LINE_TEXT:
		break;
	}
}

static void close_console(struct proc *p)
{
	if (p->len) { /* a last line without its newline */
		p->buf[p->len] = 0;
		handle_line(p, p->buf);
		p->len = 0;
	}
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
}

void proc_read(struct proc *p)
{
	char chunk[65536];
	while (p->fd >= 0) {
		ssize_t r = read(p->fd, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return; /* EAGAIN: nothing more for now */
		if (r == 0) {
			close_console(p);
			return;
		}
		for (ssize_t i = 0; i < r; i++) {
			if (p->len + 2 > p->cap) {
				p->cap = p->cap ? 2 * p->cap : 4096;
				p->buf = xrealloc(p->buf, p->cap);
			}
			if (chunk[i] == '\n' || p->len >= LINE_MAX_BYTES) {
				p->buf[p->len] = 0;
				handle_line(p, p->buf);
				p->len = 0;
				if (chunk[i] == '\n')
					continue;
			}
			p->buf[p->len++] = chunk[i];
		}
	}
}

static void kill_group(struct proc *p)
{
	kill(-p->pid, SIGKILL);
}

static void close_pidfd(struct proc *p)
{
	if (p->pidfd >= 0)
		close(p->pidfd);
	p->pidfd = -1;
}

int proc_poll(struct proc *p)
{
	if (!p->reaped && waitpid(p->pid, &p->wstatus, WNOHANG) == p->pid) {
		p->reaped = 1;
		p->end = now_s();
		close_pidfd(p);
		/* Leftover children would hold the console open. */
		kill_group(p);
	}
	if (!p->reaped && now_s() >= p->deadline) {
		if (p->have_exit || p->panic_line)
			p->killed_late = 1;
		else
			p->timed_out = 1;
		kill_group(p);
		while (waitpid(p->pid, &p->wstatus, 0) < 0 && errno == EINTR)
			;
		p->reaped = 1;
		p->end = now_s();
		close_pidfd(p);
	}
	if (p->reaped && p->fd >= 0) {
		/* Everything in the group is dead: what is left in the pipe is
		 * all there will be. */
		proc_read(p);
		if (p->fd >= 0 && now_s() >= p->end + 1.0)
			close_console(p);
	}
	return p->reaped && p->fd < 0;
}

void proc_abort(struct proc *p)
{
	if (!p->reaped) {
		kill_group(p);
		while (waitpid(p->pid, &p->wstatus, 0) < 0 && errno == EINTR)
			;
		p->reaped = 1;
		p->end = now_s();
	}
	close_pidfd(p);
	close_console(p);
}

void proc_free(struct proc *p)
{
	if (p->fd >= 0)
		close(p->fd);
	close_pidfd(p);
	free(p->buf);
	for (size_t i = 0; i < PROC_TAIL; i++)
		free(p->tail[i]);
	free(p->run_line);
	free(p->emu_line);
	free(p->panic_line);
	memset(p, 0, sizeof(*p));
	p->fd = p->pidfd = -1;
}
