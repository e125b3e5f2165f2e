/* Every test, declared once; table.c lists them in the order they run. */
#pragma once
#define KTEST_LIST(X)                          \
	X(getpid)                              \
	X(unknown_syscall)                     \
	X(syscall_registers)                   \
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
	X(fork)                                \
	X(sbrk_enomem_rollback)                \
	X(thread_join_twice)                   \
	X(unmap_heap_under_store)              \
	X(unmap_stack_under_store)             \
	X(counters_getpid)                     \
	X(counters_pipe_roundtrip)             \
	X(ring_setup_errors)                   \
	X(ring_ops_poll) X(ring_ops_wait) X(ring_ops_uintr) \
	X(ring_parked_poll) X(ring_parked_wait) X(ring_parked_uintr) \
	X(ring_overflow_poll) X(ring_overflow_wait) X(ring_overflow_uintr) \
	X(ring_hostile_poll) X(ring_hostile_wait) X(ring_hostile_uintr) \
	X(ring_uintr_load_poll) X(ring_uintr_load_wait) X(ring_uintr_load_uintr) \
	X(ring_full_garbage_tail) X(ring_full_scribbled) X(uintr_bad_handler) \
	X(ring_poller_sleep)                     \
	X(poller_wakeup)                         \
	X(uintr_after_interrupt)                \
	X(shs_queue_and_pages)                 \
	X(shs_yield_switches)                  \
	X(shs_scribbled_lane)                  \
	X(shs_hog_timer_fallback)               \
	X(sbrk_shrink_while_running)             \
	X(sbrk_enomem_while_running)             \
	X(ring_setup_race)

#define KTEST_DECL(name) int t_##name(void);
KTEST_LIST(KTEST_DECL)
#undef KTEST_DECL
