/*
 * The one place ordering between the kernel and user code sharing a ring is
 * spelled out. RISC-V is weakly ordered: a producer must publish entries
 * before the index that exposes them (release), a consumer must read the
 * index before the entries behind it (acquire).
 */
#pragma once

#define smp_store_release(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define smp_load_acquire(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define smp_load_relaxed(p) __atomic_load_n((p), __ATOMIC_RELAXED)
/* Full fence: a store followed by a load of another location (Dekker). */
#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
