/* The shared scheduler from user space: the code page's entries, called
 * where shared_attach() mapped them (uapi/shsched.h). */
#pragma once
#include "refos.h"
#include "uapi/shsched.h"

#define SHS_AREA ((volatile struct rf_shs_area *)RF_SHS_AREA)

static inline int shs_pick(unsigned self, unsigned flags)
{
	return ((rf_shs_pick_fn *)(RF_SHS_CODE + RF_SHS_ENTRY_PICK))(SHS_AREA, self, flags);
}

static inline int shs_pop(unsigned self, unsigned flags, uint64_t *handle)
{
	return ((rf_shs_pop_fn *)(RF_SHS_CODE + RF_SHS_ENTRY_POP))(SHS_AREA, self, flags, handle);
}

static inline int shs_push(unsigned self, uint64_t handle, unsigned prio)
{
	return ((rf_shs_push_fn *)(RF_SHS_CODE + RF_SHS_ENTRY_PUSH))(SHS_AREA, self, handle, prio);
}
