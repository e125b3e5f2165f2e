/*
 * The physical page allocator: a free list of 4 KiB pages with a count, so
 * tests can check that a program gave back every page it took.
 */
#include "defs.h"
#include "memlayout.h"
#include "spinlock.h"

struct run {
	struct run *next;
};

static struct {
	struct spinlock lock;  /* guards free and nfree */
	struct run *free;
	uint64 nfree;
} kmem = { SPINLOCK_INIT("kmem"), 0, 0 };

static uint64 ram_lo, ram_hi;

void kalloc_init(uint64 start_pa, uint64 end_pa)
{
	ram_lo = PG_ROUNDUP(start_pa);
	ram_hi = PG_ROUNDDOWN(end_pa);
	for (uint64 pa = ram_hi - PAGE_SIZE; pa >= ram_lo; pa -= PAGE_SIZE)
		kfree(PA2KVA(pa));
}

void *kalloc(void)
{
	spin_lock(&kmem.lock);
	struct run *r = kmem.free;
	if (r) {
		kmem.free = r->next;
		kmem.nfree--;
	}
	spin_unlock(&kmem.lock);
	return r;
}

void *kzalloc(void)
{
	void *p = kalloc();
	if (p)
		memset(p, 0, PAGE_SIZE);
	return p;
}

void kfree(void *kva)
{
	uint64 pa = KVA2PA(kva);
	if ((pa & (PAGE_SIZE - 1)) || pa < ram_lo || pa >= ram_hi)
		panic("kfree: bad page %p", kva);
	struct run *r = kva;
	spin_lock(&kmem.lock);
	r->next = kmem.free;
	kmem.free = r;
	kmem.nfree++;
	spin_unlock(&kmem.lock);
}

uint64 kfree_count(void)
{
	return kmem.nfree;
}

/* Enough free pages for npages and the page-table pages mapping them: a
 * growth that would run out is refused before it takes anything, so no
 * rollback has to give back what other harts may already hold. */
bool kalloc_have(uint64 npages)
{
	return npages + npages / 512 + 4 <= kmem.nfree;
}
