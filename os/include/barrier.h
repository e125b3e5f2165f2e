/*
 * The one place ordering on shared memory is spelled out: between the
 * kernel and user code sharing a ring, and between harts. RISC-V is weakly
 * ordered: a producer must publish entries before the index that exposes
 * them (release), a consumer must read the index before the entries behind
 * it (acquire). Every use says, in one line, what it orders. Locks
 * (kernel/spinlock.h) and reference counts carry their own ordering.
 */
#pragma once

#define smp_store_release(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define smp_load_acquire(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define smp_load_relaxed(p) __atomic_load_n((p), __ATOMIC_RELAXED)
/* Full fence: a store followed by a load of another location (Dekker). */
#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
/* Atomic read-modify-write of a flag word shared with the other side,
 * ordered with everything before and after it. */
#define smp_or(p, v) ((void)__atomic_fetch_or((p), (v), __ATOMIC_SEQ_CST))
#define smp_and(p, v) ((void)__atomic_fetch_and((p), (v), __ATOMIC_SEQ_CST))
