/* Reader of sweep files (format in sweepfile.h). Errors carry file:line. */
#include "sweepfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = 0;
	return s;
}

int sweepfile_load(const char *path, struct sweepfile *s, char *err, size_t errlen)
{
	memset(s, 0, sizeof(*s));
	axes_init(&s->global);
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "--config: cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	char line[4096], sub[300];
	int ln = 0, rc = 0;
	struct axes *cur = &s->global;
	while (!rc && fgets(line, sizeof(line), f)) {
		ln++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = 0; /* no setting value contains '#' */
		char *l = trim(line);
		if (!*l)
			continue;
		if (*l == '[') {
			char *end = strchr(l, ']');
			if (!end || end[1] || end == l + 1) {
				snprintf(err, errlen, "%s:%d: want [block-name]", path, ln);
				rc = -1;
				break;
			}
			*end = 0;
			s->blocks = xrealloc(s->blocks, (s->nblocks + 1) * sizeof(*s->blocks));
			s->block_names = xrealloc(s->block_names, (s->nblocks + 1) * sizeof(char *));
			s->block_names[s->nblocks] = xstrdup(l + 1);
			cur = &s->blocks[s->nblocks++];
			axes_init(cur);
			continue;
		}
		char *key = l, *val = l + strcspn(l, " \t=");
		if (*val) {
			*val++ = 0;
			val = trim(val);
			if (*val == '=')
				val = trim(val + 1);
		}
		if (!*val)
			val = NULL;
		if (!strcmp(key, "name")) {
			if (!val || cur != &s->global) {
				snprintf(err, errlen, "%s:%d: 'name VALUE' belongs before the first block",
					 path, ln);
				rc = -1;
				break;
			}
			free(s->name);
			s->name = xstrdup(val);
			continue;
		}
		if (axes_set(cur, key, val, sub, sizeof(sub))) {
			/* axes messages start "--key:"; in a file, say file:line. */
			snprintf(err, errlen, "%s:%d: %s", path, ln, sub);
			rc = -1;
		}
	}
	fclose(f);
	if (rc)
		sweepfile_free(s);
	return rc;
}

void sweepfile_free(struct sweepfile *s)
{
	axes_free(&s->global);
	for (size_t i = 0; i < s->nblocks; i++) {
		axes_free(&s->blocks[i]);
		free(s->block_names[i]);
	}
	free(s->blocks);
	free(s->block_names);
	free(s->name);
	memset(s, 0, sizeof(*s));
}
