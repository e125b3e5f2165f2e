/* Open files: today only the two ends of a pipe. */
#pragma once
#include "types.h"

enum file_type { F_PIPE_READ = 1, F_PIPE_WRITE };

struct file {
	enum file_type type;
	int ref;                  /* atomic: shared by fd tables and in-flight calls */
	struct pipe *pipe;
};
