/* Checked access to user memory: range checks here, fault handling in usercopy.S. */
#include "defs.h"
#include "memlayout.h"
#include "proc.h"

long copy_from_user(void *dst, uint64 usrc, uint64 n)
{
	if (!user_range_ok(usrc, n))
		return -RF_EFAULT;
	return __user_copy(dst, (const void *)usrc, n);
}

long copy_to_user(uint64 udst, const void *src, uint64 n)
{
	if (!user_range_ok(udst, n))
		return -RF_EFAULT;
	return __user_copy((void *)udst, src, n);
}

/* Copies a NUL-terminated string of at most n-1 characters; -E2BIG if longer. */
long strncpy_from_user(char *dst, uint64 usrc, uint64 n)
{
	if (n == 0)
		return -RF_E2BIG;
	uint64 lim = n;
	if (usrc >= USER_TOP)
		return -RF_EFAULT;
	if (usrc + lim > USER_TOP || usrc + lim < usrc)
		lim = USER_TOP - usrc;
	long len = __user_strncpy(dst, usrc, lim);
	if (len < 0)
		return len;
	if ((uint64)len == lim) {
		dst[n - 1] = 0;
		return lim == n ? -RF_E2BIG : -RF_EFAULT;
	}
	return len;
}

/* Called on a kernel-mode fault: resumes a faulting user copy at its error exit. */
bool usercopy_fixup(uint64 *sepc)
{
	if (*sepc >= (uint64)ucopy_start && *sepc < (uint64)ucopy_end) {
		*sepc = ucopy_fault_addr;
		return true;
	}
	return false;
}

/*
 * Access to another process's memory (async requests complete in whatever
 * context made progress: a peer's syscall, a worker, the poller). When that
 * process's page table is the loaded one, the fast path above serves;
 * otherwise the page table is walked, checking U and R/W like the MMU would.
 */
static long walk_copy(struct proc *p, uint64 uaddr, void *kbuf, uint64 n, bool to_user)
{
	if (!user_range_ok(uaddr, n))
		return -RF_EFAULT;
	uint8 *k = kbuf;
	while (n) {
		uint64 *pte = uvm_walk(p->pagetable, uaddr, false);
		uint64 need = PTE_V | PTE_U | (to_user ? PTE_W : PTE_R);
		if (!pte || (*pte & need) != need)
			return -RF_EFAULT;
		uint64 off = uaddr & (PAGE_SIZE - 1), chunk = MIN(n, PAGE_SIZE - off);
		uint8 *page = PA2KVA((*pte >> 10) << 12);
		if (to_user)
			memcpy(page + off, k, chunk);
		else
			memcpy(k, page + off, chunk);
		uaddr += chunk;
		k += chunk;
		n -= chunk;
	}
	return 0;
}

long uaccess_to(struct proc *p, uint64 udst, const void *src, uint64 n)
{
	if (current()->cpu->satp == p->satp)
		return copy_to_user(udst, src, n);
	return walk_copy(p, udst, (void *)src, n, true);
}

long uaccess_from(struct proc *p, void *dst, uint64 usrc, uint64 n)
{
	if (current()->cpu->satp == p->satp)
		return copy_from_user(dst, usrc, n);
	return walk_copy(p, usrc, dst, n, false);
}
