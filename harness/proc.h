/* One point's process (QEMU or a host workload): started in its own process
 * group so a timeout can kill everything it spawned, its console read line by
 * line, copied to a log, and the machine lines picked out as they pass. */
#ifndef SCB_PROC_H
#define SCB_PROC_H

#include <stdio.h>
#include <sys/types.h>

#define PROC_TAIL 40                /* console lines kept for a failed row */
#define PROC_LOG_MAX (8u << 20)     /* a runaway console stops being logged */
#define PROC_GRACE_PANIC 2.0        /* s to stop by itself after @panic */
#define PROC_GRACE_EXIT 5.0         /* s to power off after @exit */

struct proc {
	pid_t pid;         /* also the process group */
	int fd;            /* console (stdout and stderr); -1 after EOF */
	int pidfd;         /* readable once the process has ended; -1 after
			      it is reaped, or where the host has none (then
			      proc_poll must be called at short intervals) */
	int reaped, wstatus;
	double start, deadline, end; /* monotonic seconds */
	int timed_out;     /* the deadline passed before the process ended */
	int killed_late;   /* killed in the grace time after @exit or @panic */
	char *buf;         /* the line being received */
	size_t len, cap;
	FILE *log;
	size_t logged;
	char *tail[PROC_TAIL];
	size_t ntail;      /* lines seen; the last PROC_TAIL are kept */
	char *run_line;    /* the first @run line */
	int nrun;
	char *panic_line;
	char *emu_line;    /* the first @emu line (the emulator plugin) */
	int have_exit, exit_status, bad_exit;
};

double now_s(void);
/* Starts argv with stdin from /dev/null and a fresh process group. The log
 * (may be NULL) receives the console. Returns 0 or -1 with err. */
int proc_start(struct proc *p, char *const argv[], FILE *log, double timeout_s,
	       char *err, size_t errlen);
/* Reads what is available; handles complete lines. */
void proc_read(struct proc *p);
/* Advances the state: reaps an exited process, kills one past its deadline.
 * Returns 1 once the process has ended and its console is drained. */
int proc_poll(struct proc *p);
/* Kills the group at once (Ctrl-C) and waits for the process. */
void proc_abort(struct proc *p);
void proc_free(struct proc *p);
/* The kept console lines, oldest first, i = 0 .. proc_tail_count - 1. */
size_t proc_tail_count(const struct proc *p);
const char *proc_tail_line(const struct proc *p, size_t i);
/* The last kept console line that is not a machine line (@run, @exit...):
 * what a program that stopped early said last. NULL when there is none. */
const char *proc_last_words(const struct proc *p);

#endif
