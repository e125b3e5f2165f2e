/*
 * init.c - /init of the Linux guest: runs the workload with the words the
 * kernel passed after "--" on its command line, reports how it ended in the
 * same "@exit N" line refos's init prints, and powers the machine off so
 * QEMU exits. PID 1 must not exit (the kernel would panic), so the workload
 * runs as its child.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define WORKLOAD "/wl"

static void power_off(void)
{
	sync();
	reboot(RB_POWER_OFF);
	/* Only a kernel without a power-off driver gets here: hang, and let
	 * the harness's timeout say so. */
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	int status = 0, code;
	pid_t pid;

	/* pingpong at concurrency 256 holds 1024 pipe ends, the default
	 * limit: raise it as an administrator would on the host. */
	struct rlimit files = {65536, 65536};

	(void)argc;
	if (setrlimit(RLIMIT_NOFILE, &files) < 0)
		fprintf(stderr, "init: RLIMIT_NOFILE: %s\n", strerror(errno));
	/* The workload reads its threads' placement from /proc. */
	if (mount("proc", "/proc", "proc", 0, NULL) < 0)
		fprintf(stderr, "init: mount /proc: %s\n", strerror(errno));
	argv[0] = WORKLOAD;
	pid = fork();
	if (pid == 0) {
		execv(WORKLOAD, argv);
		fprintf(stderr, "init: %s: %s\n", WORKLOAD, strerror(errno));
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		fprintf(stderr, "init: cannot run %s: %s\n", WORKLOAD, strerror(errno));
		code = 126;
	} else if (WIFSIGNALED(status)) {
		code = 128 + WTERMSIG(status);
	} else {
		code = WEXITSTATUS(status);
	}
	printf("@exit %d\n", code);
	fflush(stdout);
	power_off();
	return 0;
}
