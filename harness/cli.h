/* Shared pieces of the subcommands. */
#ifndef SCB_CLI_H
#define SCB_CLI_H

#define EXIT_FAILED_POINTS 1
#define EXIT_USAGE 2
#define EXIT_INTERRUPTED 130

/* Prints "scbench CMD: message" and a hint to stderr; returns EXIT_USAGE. */
int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A data folder of the source tree (plots, harness/profiles): relative to
 * the current folder, else to the folder above the one holding the binary.
 * Returns a malloc'd path, or NULL. */
char *find_data_dir(const char *rel);

int cmd_run(int argc, char **argv, int sweep);
int cmd_plot(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_gate(int argc, char **argv);
/* scbench columns: the column schema (columns.h) as text, or docs/metrics.md's tables. */
int cmd_columns(int argc, char **argv);

#endif
