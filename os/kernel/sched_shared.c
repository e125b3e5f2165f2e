/*
 * The shared scheduler (sched=shared, uapi/shsched.h): the queue's pages,
 * joining and leaving it, the yield that switches straight to the
 * address space whose task is next, and the timer's fallback.
 *
 * Everything a process can write here is its own lane, and the kernel
 * treats every lane as hostile: it reads them only through shs_pick (the
 * code page, whose loops are bounded and whose reads are of kernel pages),
 * takes a lane's owner and executor from its own table below, never from
 * the queue, and never writes a lane but to clear it for a new owner.
 * What a lane claims can only get its owner's executor switched to; an
 * executor the timer finds running is demoted (not yielded to) until it
 * yields of its own accord.
 */
#include "defs.h"
#include "proc.h"
#include "memlayout.h"
#include "riscv.h"
#include "ring.h"
#include "barrier.h"
#include "uapi/shsched.h"

#define AREA_PAGES (sizeof(struct rf_shs_area) / PAGE_SIZE)
#define PA2PTE(pa) (((uint64)(pa) >> 12) << 10)

extern char shs_code_start[];
int shs_pick(const volatile struct rf_shs_area *a, unsigned self, unsigned flags);

bool sched_shared;                 /* sched=shared */
static struct rf_shs_area *area;   /* kernel view of the queue; NULL in classic */

/* Who owns each lane: the kernel's word on it, never the queue's. */
static struct {
	struct proc *owner;
	struct thread *exec;   /* the thread that attached: its executor */
	int tid;
	struct ring_ctx *ring; /* the owner's ring once set up: lives until detach */
} lanes[RF_SHS_LANES];        /* sched_lock */

/* At boot, before the page allocator takes the rest: the queue's pages,
 * contiguous so that one struct covers them. Returns the first free byte. */
uint64 shs_reserve(uint64 start_pa)
{
	if (!sched_shared)
		return start_pa;
	area = PA2KVA(PG_ROUNDUP(start_pa));
	memset(area, 0, sizeof(*area));
	area->hdr.nlanes = RF_SHS_LANES;
	return KVA2PA(area) + sizeof(*area);
}

static void unmap_area(uint64 *pt)
{
	for (uint64 i = 0; i < AREA_PAGES + 1; i++) {
		uint64 va = i ? RF_SHS_AREA + (i - 1) * PAGE_SIZE : RF_SHS_CODE;
		uint64 *pte = uvm_walk(pt, va, false);
		if (pte)
			*pte = 0;   /* the kernel's pages: never freed with the table */
	}
	sfence_vma();
}

/* The code page execute-only, the header read-only, lane `own` writable. */
static int map_area(uint64 *pt, int own)
{
	uint64 lane_pages = sizeof(struct rf_shs_lane) / PAGE_SIZE;
	for (uint64 i = 0; i < AREA_PAGES + 1; i++) {
		uint64 va = RF_SHS_CODE, pa = KVA2PA(shs_code_start), perm = PTE_X;
		if (i) {
			va = RF_SHS_AREA + (i - 1) * PAGE_SIZE;
			pa = KVA2PA(area) + (i - 1) * PAGE_SIZE;
			bool mine = i >= 2 && (i - 2) / lane_pages == (uint64)own;
			perm = mine ? PTE_R | PTE_W : PTE_R;
		}
		uint64 *pte = uvm_walk(pt, va, true);
		if (!pte)
			return -RF_ENOMEM;
		*pte = PA2PTE(pa) | perm | PTE_U | PTE_V | PTE_A | PTE_D;
	}
	return 0;
}

long sys_shared_attach(struct trapframe *tf)
{
	(void)tf;
	struct proc *p = myproc();
	if (!area)
		return -RF_ENOSYS;
	spin_lock(&p->lock);
	int lane = -RF_EEXIST;
	if (p->shs_lane)
		goto out;
	lane = -RF_EAGAIN;
	spin_lock(&sched_lock);
	for (int i = 0; i < RF_SHS_LANES && lane < 0; i++)
		if (!lanes[i].owner)
			lanes[lane = i].owner = p;   /* taken, not yet active */
	spin_unlock(&sched_lock);
	if (lane < 0)
		goto out;
	/* nobody else can write it, and no one yields to it while it is inactive */
	memset(&area->lane[lane], 0, sizeof(area->lane[lane]));
	int err = map_area(p->pagetable, lane);
	spin_lock(&sched_lock);
	if (err < 0) {
		lanes[lane].owner = 0;
		lane = err;
	} else {
		lanes[lane].exec = current();
		lanes[lane].tid = current()->tid;
		area->hdr.lane[lane].pid = p->pid;
		area->hdr.lane[lane].flags = RF_SHS_LANE_ACTIVE;
		p->shs_lane = lane + 1;
	}
	spin_unlock(&sched_lock);
	if (err < 0)
		unmap_area(p->pagetable);
out:
	spin_unlock(&p->lock);
	return lane;
}

/* The last thread of p is leaving: its lane goes, before its ring does
 * (shared_yield looks at the rings of lanes' owners under sched_lock). */
void shs_detach(struct proc *p)
{
	if (!p->shs_lane)
		return;
	int lane = p->shs_lane - 1;
	spin_lock(&sched_lock);
	memset(&lanes[lane], 0, sizeof(lanes[lane]));
	area->hdr.lane[lane].flags = 0;
	area->hdr.lane[lane].pid = 0;
	p->shs_lane = 0;
	spin_unlock(&sched_lock);
	unmap_area(p->pagetable);
}

/* The timer found a participant running: its slice ended without a yield,
 * a timeout. It keeps its whole frame (it came in by an interrupt) and is
 * demoted, on any number of harts: one whose executor holds a hart of its
 * own is not worth yielding to either. */
static void timed_out(struct cpu *c, struct proc *p)
{
	c->st.shs_timeouts++;
	spin_lock(&sched_lock);
	if (p->shs_lane)
		area->hdr.lane[p->shs_lane - 1].flags |= RF_SHS_LANE_DEMOTED;
	spin_unlock(&sched_lock);
}

/* The timer interrupted user code: its slice is over. Kept out of
 * user_trap, the system-call path, so that its code is what it was. */
void sched_timeout(void)
{
	struct thread *t = current();
	if (t->proc->shs_lane)
		timed_out(t->cpu, t->proc);
	sched_yield(true);
}

/* Completions its owner has not reaped make a lane's executor worth
 * switching to, though no task of it is in the queue yet (sched_lock). */
static bool has_completions(struct ring_ctx *r)
{
	if (!r)
		return false;
	uint32 head = smp_load_relaxed(&r->shared->cq_head);   /* the owner's: any value */
	return smp_load_relaxed(&r->cq_tail) != head || smp_load_relaxed(&r->noverflow);
}

/* The lane to switch to, or -1 (sched_lock held). */
static int next_lane(int self)
{
	int l = shs_pick(area, (unsigned)self, 0);
	if (l >= 0)
		return l;
	for (int k = 1; k < RF_SHS_LANES; k++) {
		int i = (self + k) % RF_SHS_LANES;
		if (lanes[i].owner && area->hdr.lane[i].flags == RF_SHS_LANE_ACTIVE &&
		    has_completions(lanes[i].ring))
			return i;
	}
	return -1;
}

/*
 * shared_yield(): 1 when the hart went straight to another address space's
 * executor (and has come back), 0 when the caller's own task is next or
 * nobody's is (then the classic scheduler had its turn). A fast call: a
 * voluntary yield keeps no more of the caller than a function call does.
 */
long sys_shared_yield(struct trapframe *tf)
{
	(void)tf;
	struct thread *t = current();
	struct proc *p = t->proc;
	if (!p->shs_lane)
		return -RF_ENOSYS;
	int self = p->shs_lane - 1;
	ring_on_yield(p);
	/* its own ring, read by its own thread: once its pages are in
	 * (shared is set last), it stays until the process goes */
	struct ring_ctx *r = smp_load_acquire(&p->ring);
	if (r && !smp_load_acquire(&r->shared))
		r = 0;
	spin_lock(&sched_lock);
	lanes[self].ring = r;
	area->hdr.lane[self].flags &= ~RF_SHS_LANE_DEMOTED;
	int l = next_lane(self);
	if (l == self) {
		spin_unlock(&sched_lock);
		return 0;
	}
	struct thread *next = l >= 0 ? lanes[l].exec : 0;
	if (next && next->tid == lanes[l].tid && next->proc == lanes[l].owner) {
		if (sched_yield_to_locked(next))
			return 1;
	}
	spin_unlock(&sched_lock);
	sched_yield(false);
	return 0;
}
