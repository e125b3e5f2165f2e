/*
 * sctrace_stub.c - the loader API when the build machine had no kernel BTF
 * to compile the BPF program against: every open fails and says why.
 */
#include <stdio.h>

#include "sctrace_loader.h"

struct sctrace *sctrace_open(int tgid, bool follow_forks, char *note,
			     size_t notelen)
{
	(void)tgid;
	(void)follow_forks;
	snprintf(note, notelen,
		 "failed to open BPF object: built without kernel BTF");
	return NULL;
}

void sctrace_start(struct sctrace *t)
{
	(void)t;
}

void sctrace_stop(struct sctrace *t)
{
	(void)t;
}

int sctrace_read(struct sctrace *t, struct sctrace_counts *out)
{
	(void)t;
	(void)out;
	return -1;
}

void sctrace_destroy(struct sctrace *t)
{
	(void)t;
}
