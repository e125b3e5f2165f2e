/*
 * malloc over sbrk: a first-fit free list with boundary sizes, coalescing
 * neighbours on free. Allocation is outside every measured region, so it
 * aims at simple and correct, with a spinlock for threaded programs.
 */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include "refos.h"

struct block {
	size_t size;            /* bytes including this header; low bit: in use */
	struct block *next;     /* free list, only while free */
};

#define HDR 16
#define MIN_BLOCK 32
static struct block *free_list;
static volatile int lock;

static void acquire(void)
{
	while (__atomic_exchange_n(&lock, 1, __ATOMIC_ACQUIRE))
		;
}
static void release(void) { __atomic_store_n(&lock, 0, __ATOMIC_RELEASE); }

static struct block *grow(size_t need)
{
	size_t chunk = need < 65536 ? 65536 : (need + 4095) & ~(size_t)4095;
	void *p = sbrk((long)chunk);
	if ((long)p < 0)
		return 0;
	struct block *b = p;
	b->size = chunk;
	return b;
}

void *malloc(size_t n)
{
	if (n == 0 || n > ((size_t)1 << 40))
		return 0;
	size_t need = (n + HDR + 15) & ~(size_t)15;
	acquire();
	struct block **pp = &free_list, *b;
	for (b = free_list; b && b->size < need; pp = &b->next, b = b->next)
		;
	if (b) {
		*pp = b->next;
	} else if (!(b = grow(need))) {
		release();
		return 0;
	}
	if (b->size - need >= MIN_BLOCK) {
		struct block *rest = (struct block *)((char *)b + need);
		rest->size = b->size - need;
		rest->next = free_list;
		free_list = rest;
		b->size = need;
	}
	b->size |= 1;
	release();
	return (char *)b + HDR;
}

void free(void *p)
{
	if (!p)
		return;
	struct block *b = (struct block *)((char *)p - HDR);
	acquire();
	b->size &= ~(size_t)1;
	/* merge with free blocks that touch it, so long runs do not fragment */
	for (struct block **pp = &free_list; *pp;) {
		struct block *f = *pp;
		if ((char *)f + f->size == (char *)b) {
			*pp = f->next;
			f->size += b->size;
			b = f;
			pp = &free_list;
		} else if ((char *)b + b->size == (char *)f) {
			*pp = f->next;
			b->size += f->size;
			pp = &free_list;
		} else {
			pp = &f->next;
		}
	}
	b->next = free_list;
	free_list = b;
	release();
}

void *calloc(size_t n, size_t size)
{
	if (size && n > ((size_t)1 << 40) / size)
		return 0;
	void *p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t n)
{
	if (!p)
		return malloc(n);
	struct block *b = (struct block *)((char *)p - HDR);
	size_t have = (b->size & ~(size_t)1) - HDR;
	if (n <= have)
		return p;
	void *q = malloc(n);
	if (q) {
		memcpy(q, p, have);
		free(p);
	}
	return q;
}
