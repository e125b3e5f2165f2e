/*
 * The emu plugin's optional cache, TLB and trap-cost model (cachemodel.h)
 * wired to QEMU: what it needs to see of the guest and the callbacks that
 * show it. Off unless a model= argument turns it on; off, it registers no
 * callback and the plugin counts exactly what it counts without it.
 */
#ifndef EMU_MODEL_H
#define EMU_MODEL_H

#include <stdint.h>

#include "cachemodel.h"
#include "qemu_api.h"

/* Set by model=virt|phys: the model is on. */
extern int model_on;

/* One plugin argument: 1 when it is not the model's, 0 when taken, -1
 * after fail() said why. */
int model_arg(const char *arg, void (*fail)(const char *fmt, const char *arg));
/* After the arguments: counters of vCPU v are ctr(v)[0..CM_NCOUNTERS).
 * Returns 0, or -1 after fail() said why. */
int model_install(int nvcpus, uint64_t *(*ctr)(int v),
		  void (*fail)(const char *fmt, const char *arg));
/* A block being translated whose code runs at privilege priv (enum
 * cm_priv): the fetch of its bytes, and for each instruction the memory
 * callbacks and, for sfence.vma and satp writes, the TLB flush. */
void model_translate(struct qemu_plugin_tb *tb, int priv);
/* A trap vector entry (is_return 0) or an sret/mret on vcpu. */
void model_trap(unsigned vcpu, int is_return);
void model_exit(void);

#endif
