/* Running the helper programs a subcommand leans on (pipe-rtt.sh, perf,
 * hyperfine): finding them on $PATH and collecting what they print. */
#ifndef SCB_SPAWN_H
#define SCB_SPAWN_H

#include <stddef.h>

/* Is path (or a command found on $PATH) executable? */
int executable(const char *path);

/* Runs argv with stdin from /dev/null, stderr passed through (progress
 * belongs to the person watching) and stdout collected into *out (a
 * NUL-terminated malloc'd buffer, also on failure). Returns the exit
 * status, 128 + N when killed by signal N, or -1 when it could not start. */
int spawn_capture(char *const argv[], char **out);

/* The same with stdout and stderr both sent to /dev/null. */
int spawn_quiet(char *const argv[]);

#endif
