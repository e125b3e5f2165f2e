/* fake_platform.h - the unit tests' platform (see fake_platform.c). */
#ifndef WL_FAKE_PLATFORM_H
#define WL_FAKE_PLATFORM_H

#include <stddef.h>
#include "wl.h"

#define FAKE_CONSOLE 16384

extern char fake_out[FAKE_CONSOLE];	/* stream 1: the @run line */
extern char fake_err[FAKE_CONSOLE];	/* stream 2: messages */

void fake_reset(void);
/* Bits: 1 init, 2 begin, 4 end, 8 close were called. */
int fake_counter_calls(void);
/* Called by counters_begin when set: the moment the region begins. */
extern void (*fake_on_begin)(void);
/* A key of the captured @run object: as text ("" if absent), or as a
 * number (~0 if absent). */
const char *fake_run_value(const char *key, char *val, size_t len);
unsigned long long fake_run_u64(const char *key);

#endif /* WL_FAKE_PLATFORM_H */
