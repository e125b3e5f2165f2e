#pragma once
#include "ring.h"

#define MAXUD 4096

struct track {
	uint64_t base;
	uint32_t n, done, errors;
	uint32_t start_tail;  /* the SQ tail when this phase began */
	bool stale_ok;     /* completions from before a resync may still come */
	bool scribbling;   /* the header is being scribbled: its counts mean nothing */
	uint8_t cnt[MAXUD], must[MAXUD];
	int64_t res[MAXUD];
	int64_t exp[MAXUD];
};

extern struct ring R;
extern struct track T;
#define ANY_RES ((int64_t)0x8000000000000000LL)

void track_reset(void);
uint64_t track_add(int64_t expect);
void track_unsure(uint32_t from);
void track_cqe(const struct rf_cqe *c);
void track_reap(void);
/* Waits for every counted submission. on_stall, when given, runs whenever
 * nothing has completed for a while: the ring scenario closes every fd
 * there, since a PIPE the kernel ran after its last close may hold a parked
 * request open on descriptors nobody else closes. */
void track_drain(const char *what, void (*on_stall)(void));
void ring_kick(void);
struct rf_sqe *track_sqe(void);
