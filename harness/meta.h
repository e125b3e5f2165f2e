/* meta.json: what produced a result set (commit, tool versions, machine,
 * command line, dates, how the sweep went). */
#ifndef SCB_META_H
#define SCB_META_H

#include <jansson.h>
#include <stddef.h>

#include "derive.h"

struct meta_info {
	int argc;
	char **argv;
	const char *name, *config;
	const char *qemu, *kernel, *host_bin;
	int jobs;
	const struct penalties *pen;
	size_t planned, done, ok, failed, skipped;
	int interrupted;
	char started[32]; /* ISO 8601, UTC */
	json_t *sweep;   /* the sweep's points and shard (resultset.h), or NULL */
	json_t *resumed; /* dates the set was resumed, or NULL */
};

/* Fills the parts that need commands run (versions, commit) once. */
void meta_probe(struct meta_info *m);
/* meta.json's object for this process and build. */
json_t *meta_json(const struct meta_info *m);
int meta_write(const char *dir, const struct meta_info *m, char *err, size_t errlen);
/* Writes v, indented, through the atomic writer; -1 with err. */
int json_write_atomic(const char *path, json_t *v, char *err, size_t errlen);
void iso_now(char *buf, size_t n);
/* First line printed by a shell command, or NULL when it failed. */
char *command_first_line(const char *cmd);

#endif
