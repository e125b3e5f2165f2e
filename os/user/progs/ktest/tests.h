/* Every test, declared once; table.c lists them in the order they run. */
#pragma once
#define KTEST_LIST(X)                          \
	X(getpid)                              \
	X(unknown_syscall)                     \
	X(pipe_roundtrip)                      \
	X(pipe_lowest_fd)                      \
	X(pipe_eof)                            \
	X(pipe_epipe)                          \
	X(pipe_ebadf)                          \
	X(pipe_emfile)                         \
	X(pipe_blocking_read)                  \
	X(pipe_blocking_write)                 \
	X(pipe_large_transfer)                 \
	X(pipe_atomic_writes)                  \
	X(badptr_read_write)                   \
	X(badptr_partial)                      \
	X(badptr_syscall_args)                 \
	X(thread_join)                         \
	X(threads_many)                        \
	X(threads_pipe_ring)                   \
	X(spawn_wait)                          \
	X(spawn_inherits_fds)                  \
	X(fault_kills_only_the_program)        \
	X(exit_with_threads)                   \
	X(sbrk)                                \
	X(counters_getpid)                     \
	X(counters_pipe_roundtrip)

#define KTEST_DECL(name) int t_##name(void);
KTEST_LIST(KTEST_DECL)
#undef KTEST_DECL
