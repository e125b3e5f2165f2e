/*
 * Sv39 page tables. The kernel half is the boot table's gigapage entries,
 * shared by copying those root entries into every process's table; the user
 * half is built from 4 KiB pages that the process owns.
 */
#include "defs.h"
#include "memlayout.h"
#include "riscv.h"
#include "proc.h"
#include "barrier.h"

#define PTE2PA(pte) (((pte) >> 10) << 12)
#define PA2PTE(pa) (((uint64)(pa) >> 12) << 10)
#define VPN(va, level) (((uint64)(va) >> (12 + 9 * (level))) & 0x1ff)
#define KERNEL_ROOT_FIRST 256

static uint64 kernel_satp_val;

void kvm_init(void)
{
	kernel_satp_val = SATP_SV39 | (KVA2PA(boot_pagetable) >> 12);
}

uint64 kernel_satp(void) { return kernel_satp_val; }

uint64 *uvm_create(void)
{
	uint64 *pt = kzalloc();
	if (!pt)
		return 0;
	for (int i = KERNEL_ROOT_FIRST; i < 512; i++)
		pt[i] = boot_pagetable[i];
	return pt;
}

/* Returns the leaf PTE for va, creating intermediate tables if asked. */
uint64 *uvm_walk(uint64 *pt, uint64 va, bool alloc)
{
	if (va >= USER_TOP)
		return 0;
	for (int level = 2; level > 0; level--) {
		uint64 *pte = &pt[VPN(va, level)];
		if (*pte & PTE_V) {
			pt = PA2KVA(PTE2PA(*pte));
		} else {
			if (!alloc)
				return 0;
			uint64 *next = kzalloc();
			if (!next)
				return 0;
			*pte = PA2PTE(KVA2PA(next)) | PTE_V;
			pt = next;
		}
	}
	return &pt[VPN(va, 0)];
}

#define MM_DEFER_MAX 256   /* pages one process may have waiting for other harts' TLBs */
#define MM_DEFER_RESERVE 80 /* ... of which only rollbacks of a stack or ring mapping may use */

/*
 * Pages unmapped while other harts ran the process's threads: they may
 * still be in those harts' TLBs, so they wait here, still the process's
 * memory, until each of those harts has flushed: it took the shootdown IPI
 * sent at the unmap (its tlb_gen reached flushed), or it switched address
 * space (its as_switches moved past gen), or the page table went. Kept
 * apart from struct proc, whose layout the hot paths are measured with.
 * Guarded by sched_lock.
 */
static struct deferral {
	struct proc *p;
	uint32 n;
	uint64 mask;
	uint64 gen[RF_MAX_HARTS];
	uint64 flushed[RF_MAX_HARTS];
	void *pages[MM_DEFER_MAX];
} deferrals[NPROC];

/* The shootdown IPI's work on the hart that takes it. The count goes odd
 * before the flush and even after: an unmapper that read it even at E
 * knows a flush began after its read once it reaches E + 2 (odd O: O + 3). */
static void tlb_flush_ack(struct cpu *c)
{
	__atomic_fetch_add(&c->tlb_gen, 1, __ATOMIC_ACQ_REL);
	sfence_vma();
	__atomic_fetch_add(&c->tlb_gen, 1, __ATOMIC_RELEASE);
}

/* An IPI is taken: by its trap, or by a lock waiter that woke on it and
 * clears it (spinlock.c). Either way the shootdown's work is done here, the
 * only IPI with work of its own; the others ask only for a look at the run
 * queue, which a waiter's caller must then take (the idle loop does). */
void ipi_take(struct cpu *c)
{
	csr_clear(sip, SIP_SSIP);
	if (__atomic_exchange_n(&c->tlb_flush_req, 0, __ATOMIC_ACQ_REL))
		tlb_flush_ack(c);
}

static bool hart_flushed(struct deferral *d, int h)
{
	return cpus[h].st.as_switches != d->gen[h] ||
	       __atomic_load_n(&cpus[h].tlb_gen, __ATOMIC_ACQUIRE) >= d->flushed[h];
}

/* Asks the harts in mask to flush their TLBs; the entries are cleared. */
static void shootdown_locked(struct deferral *d, uint64 mask)
{
	smp_mb();   /* the cleared entries before the count is read */
	for (int h = 0; h < ncpus; h++) {
		if (!(mask & (1UL << h)))
			continue;
		uint64 g = __atomic_load_n(&cpus[h].tlb_gen, __ATOMIC_ACQUIRE);
		d->flushed[h] = g + (g & 1 ? 3 : 2);
		__atomic_store_n(&cpus[h].tlb_flush_req, 1, __ATOMIC_RELEASE);
	}
	kick_harts(mask);
}

/* p's deferral; a free one for p if take (there is one per process slot). */
static struct deferral *deferral_of(struct proc *p, bool take)
{
	struct deferral *unused = 0;
	for (int i = 0; i < NPROC; i++) {
		if (deferrals[i].p == p)
			return &deferrals[i];
		if (!deferrals[i].p && !unused)
			unused = &deferrals[i];
	}
	if (!take)
		return 0;
	unused->p = p;
	return unused;
}

static void deferral_free(struct deferral *d)
{
	for (uint32 i = 0; i < d->n; i++)
		kfree(d->pages[i]);
	d->n = 0;
	d->mask = 0;
	d->p = 0;
}

/* With the page table: no hart holds it any more (sched_lock held). */
void mm_free_deferred(struct proc *p)
{
	struct deferral *d = deferral_of(p, false);
	if (d)
		deferral_free(d);
}

/* A hart that switched address space since has flushed its TLB. */
static void reap_deferred_locked(struct proc *p)
{
	struct deferral *d = deferral_of(p, false);
	if (!d)
		return;
	for (int h = 0; h < ncpus; h++)
		if ((d->mask & (1UL << h)) && !hart_flushed(d, h))
			return;
	deferral_free(d);
}
static bool table_empty(const uint64 *t)
{
	for (int i = 0; i < 512; i++)
		if (t[i])
			return false;
	return true;
}

/* Frees the page-table pages under [va, va + npages pages) that map nothing
 * (sched_lock held, and no other hart has the table loaded). */
static void prune_tables_locked(uint64 *pt, uint64 va, uint64 npages)
{
	uint64 last = va + (npages - 1) * PAGE_SIZE;
	for (uint64 g = VPN(va, 2); g <= VPN(last, 2); g++) {
		if (!(pt[g] & PTE_V))
			continue;
		uint64 *l1 = PA2KVA(PTE2PA(pt[g]));
		uint64 lo = g == VPN(va, 2) ? VPN(va, 1) : 0;
		uint64 hi = g == VPN(last, 2) ? VPN(last, 1) : 511;
		for (uint64 m = lo; m <= hi; m++) {
			if ((l1[m] & PTE_V) && table_empty(PA2KVA(PTE2PA(l1[m])))) {
				kfree(PA2KVA(PTE2PA(l1[m])));
				l1[m] = 0;
			}
		}
		if (table_empty(l1)) {
			kfree(l1);
			pt[g] = 0;
		}
	}
}

/* Harts that may hold p's entries in their TLBs: the others with p's table
 * loaded. Each forgets it has it (the next switch to p loads satp and so
 * flushes, and a kernel thread reaches p's memory through the page table
 * meanwhile); those running a thread of p are returned, with the
 * as_switches that will say they have flushed (sched_lock held). */
static uint64 holders_locked(struct proc *p, uint64 *gen)
{
	struct cpu *me = mycpu();
	uint64 mask = 0;
	for (int h = 0; h < ncpus; h++) {
		struct cpu *c = &cpus[h];
		if (c == me || c->mm != p)
			continue;
		c->satp = 0;
		if (c->cur->proc == p) {
			gen[h] = c->st.as_switches;
			mask |= 1UL << h;
		}
	}
	return mask;
}

/* Pages of [va, va + npages pages) that are mapped. */
static uint64 count_mapped(uint64 *pt, uint64 va, uint64 npages)
{
	uint64 n = 0;
	for (uint64 i = 0; i < npages; i++) {
		uint64 *pte = uvm_walk(pt, va + i * PAGE_SIZE, false);
		n += pte && (*pte & PTE_V);
	}
	return n;
}

/*
 * Unmaps p's pages in [va, va + npages pages), top down, and frees them
 * once no hart can reach them through its TLB (the shootdown). A hart
 * running another of p's threads may still hold them: they are kept
 * (struct deferral, still p's memory, so its stores land nowhere else)
 * and that hart gets an IPI that flushes its TLB; a later unmap frees them
 * once it has (or has switched address space). No hart is waited for.
 * Returns how many pages stay mapped at the bottom of the
 * range because they did not fit (sched_lock held).
 */
static uint64 unmap_locked(struct proc *p, uint64 va, uint64 npages, uint64 room)
{
	uint64 gen[RF_MAX_HARTS], *pt = p->pagetable;
	reap_deferred_locked(p);
	uint64 mask = holders_locked(p, gen);
	struct deferral *d = mask ? deferral_of(p, true) : 0;
	uint64 left = npages;
	for (; left > 0 && (!d || d->n < room); left--) {
		uint64 *pte = uvm_walk(pt, va + (left - 1) * PAGE_SIZE, false);
		if (!pte || !(*pte & PTE_V))
			continue;
		void *page = PA2KVA(PTE2PA(*pte));
		*pte = 0;
		if (d)
			d->pages[d->n++] = page;
		else
			kfree(page);   /* this hart flushes below, before it returns to U-mode */
	}
	if (d) {
		for (int h = 0; h < ncpus; h++)
			if (mask & (1UL << h))
				d->gen[h] = gen[h];
		d->mask |= mask;
		shootdown_locked(d, mask);
	}
	sfence_vma();
	return left;
}

/* Unmaps as above, all or nothing: -EBUSY when the pages to keep do not fit
 * beside the room kept for rollbacks. p->lock held. */
int mm_unmap(struct proc *p, uint64 va, uint64 npages)
{
	/* no hart loads a page table under sched_lock: the harts found here are
	 * all that can hold the entries cleared */
	spin_lock(&sched_lock);
	reap_deferred_locked(p);
	uint64 gen[RF_MAX_HARTS];
	struct deferral *d = holders_locked(p, gen) ? deferral_of(p, true) : 0;
	if (d && d->n + count_mapped(p->pagetable, va, npages) > MM_DEFER_MAX - MM_DEFER_RESERVE) {
		spin_unlock(&sched_lock);
		return -RF_EBUSY;
	}
	unmap_locked(p, va, npages, MM_DEFER_MAX - MM_DEFER_RESERVE);
	spin_unlock(&sched_lock);
	return 0;
}

/*
 * A mapping that ran out of memory (npages mapped, the next one failed)
 * gives back what it took, page-table pages included. Another of the
 * owner's threads may have touched the new pages already; those that then
 * cannot be kept aside stay mapped at the bottom, and for the heap brk
 * covers them (a stack or ring mapping always fits in the reserve).
 */
static __attribute__((noinline)) void map_rollback(uint64 *pt, uint64 va, uint64 npages)
{
	struct proc *p = proc_of_pagetable(pt);
	if (!p)
		panic("map_rollback: no process owns page table %p", pt);
	spin_lock(&sched_lock);
	uint64 left = unmap_locked(p, va, npages, MM_DEFER_MAX);
	if (left && va == PG_ROUNDUP(p->brk))
		p->brk = va + left * PAGE_SIZE;
	uint64 gen[RF_MAX_HARTS];
	if (!left && !holders_locked(p, gen))
		prune_tables_locked(pt, va, npages + 1);
	spin_unlock(&sched_lock);
}

/* Maps npages fresh zeroed pages at va. On failure nothing stays mapped
 * and no page is kept. */
int uvm_map_pages(uint64 *pt, uint64 va, uint64 npages, int perm)
{
	for (uint64 i = 0; i < npages; i++) {
		uint64 *pte = uvm_walk(pt, va + i * PAGE_SIZE, true);
		void *page = pte ? kzalloc() : 0;
		if (!page) {
			map_rollback(pt, va, i);
			return -RF_ENOMEM;
		}
		if (*pte & PTE_V)
			panic("uvm_map_pages: remap at %p", (void *)(va + i * PAGE_SIZE));
		*pte = PA2PTE(KVA2PA(page)) | perm | PTE_U | PTE_V | PTE_A | PTE_D;
	}
	return 0;
}

static void free_level(uint64 *pt, int level, int nentries)
{
	for (int i = 0; i < nentries; i++) {
		uint64 pte = pt[i];
		if (!(pte & PTE_V))
			continue;
		void *child = PA2KVA(PTE2PA(pte));
		if (level > 0 && !(pte & (PTE_R | PTE_W | PTE_X)))
			free_level(child, level - 1, 512);
		else
			kfree(child);
	}
	kfree(pt);
}

void uvm_destroy(uint64 *pt)
{
	free_level(pt, 2, KERNEL_ROOT_FIRST);
}
