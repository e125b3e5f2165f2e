/* Helper programs: a PATH lookup (a clear "not installed" beats an exec
 * failure in a child) and a fork/exec that collects stdout. */
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "row.h"

int executable(const char *path)
{
	if (strchr(path, '/'))
		return access(path, X_OK) == 0;
	const char *env = getenv("PATH");
	char *copy = xstrdup(env ? env : "/usr/bin:/bin"), *save = NULL;
	int found = 0;
	for (char *d = strtok_r(copy, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
		char *full;
		if (asprintf(&full, "%s/%s", d, path) >= 0) {
			found = access(full, X_OK) == 0;
			free(full);
		}
	}
	free(copy);
	return found;
}

static int run(char *const argv[], char **out, int quiet)
{
	int fds[2] = {-1, -1};
	size_t len = 0, cap = 256;
	char *buf = xmalloc(cap);
	buf[0] = 0;
	if (out)
		*out = buf;
	else
		free(buf);
	if (out && pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0) {
		if (out) {
			close(fds[0]);
			close(fds[1]);
		}
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		if (out)
			dup2(fds[1], 1);
		else
			dup2(null, 1);
		if (quiet)
			dup2(null, 2);
		execvp(argv[0], argv);
		fprintf(stderr, "scbench: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (out) {
		close(fds[1]);
		for (;;) {
			if (cap - len < 128)
				buf = xrealloc(buf, cap *= 2);
			ssize_t n = read(fds[0], buf + len, cap - len - 1);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			len += (size_t)n;
		}
		buf[len] = 0;
		*out = buf;
		close(fds[0]);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int spawn_capture(char *const argv[], char **out)
{
	return run(argv, out, 0);
}

int spawn_quiet(char *const argv[])
{
	return run(argv, NULL, 1);
}
