/*
 * Sv39 page tables. The kernel half is the boot table's gigapage entries,
 * shared by copying those root entries into every process's table; the user
 * half is built from 4 KiB pages that the process owns.
 */
#include "defs.h"
#include "memlayout.h"
#include "riscv.h"

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

/* Maps npages fresh zeroed pages at va. On failure nothing stays mapped. */
int uvm_map_pages(uint64 *pt, uint64 va, uint64 npages, int perm)
{
	for (uint64 i = 0; i < npages; i++) {
		uint64 *pte = uvm_walk(pt, va + i * PAGE_SIZE, true);
		void *page = pte ? kzalloc() : 0;
		if (!page) {
			uvm_unmap_pages(pt, va, i);
			return -RF_ENOMEM;
		}
		if (*pte & PTE_V)
			panic("uvm_map_pages: remap at %p", (void *)(va + i * PAGE_SIZE));
		*pte = PA2PTE(KVA2PA(page)) | perm | PTE_U | PTE_V | PTE_A | PTE_D;
	}
	return 0;
}

/* Unmaps and frees the pages; intermediate tables go with uvm_destroy. */
void uvm_unmap_pages(uint64 *pt, uint64 va, uint64 npages)
{
	for (uint64 i = 0; i < npages; i++) {
		uint64 *pte = uvm_walk(pt, va + i * PAGE_SIZE, false);
		if (pte && (*pte & PTE_V)) {
			kfree(PA2KVA(PTE2PA(*pte)));
			*pte = 0;
		}
	}
	sfence_vma();
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
