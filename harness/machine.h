/* What meta.json records about the machine: CPU model, topology, SMT,
 * frequency governor, speculative-execution mitigations, load. Anything the
 * kernel does not expose is null, never a guess. */
#ifndef SCB_MACHINE_H
#define SCB_MACHINE_H

#include <jansson.h>

/* meta.json's "host" object: what stays the same between two sweeps on
 * one machine (compare warns on any difference). */
json_t *machine_json(void);
/* The 1-minute load average (/proc/loadavg), or NaN. */
double machine_load_1min(void);

#endif
