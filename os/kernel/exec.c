/*
 * Loading embedded user programs: the build links each program as an ELF
 * file and a generated progs.S includes the files into the kernel image.
 */
#include "defs.h"
#include "memlayout.h"

const void *prog_lookup(const char *name, uint64 *size)
{
	for (int i = 0; i < embedded_nprogs; i++) {
		if (strcmp(embedded_progs[i].name, name) == 0) {
			*size = embedded_progs[i].end - embedded_progs[i].start;
			return embedded_progs[i].start;
		}
	}
	return 0;
}

/* Writes into another address space through the kernel's direct map. */
int copy_to_pt(uint64 *pt, uint64 va, const void *src, uint64 n)
{
	const uint8 *s = src;
	while (n) {
		uint64 *pte = uvm_walk(pt, va, false);
		if (!pte || !(*pte & PTE_V))
			return -RF_EFAULT;
		uint64 off = va & (PAGE_SIZE - 1), chunk = MIN(n, PAGE_SIZE - off);
		uint8 *page = PA2KVA((*pte >> 10) << 12);
		memcpy(page + off, s, chunk);
		va += chunk;
		s += chunk;
		n -= chunk;
	}
	return 0;
}

#define ELF_MAGIC 0x464c457f
#define EM_RISCV 243
#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define PF_R 4

struct elf64_ehdr {
	uint32 magic;
	uint8 ident[12];
	uint16 type, machine;
	uint32 version;
	uint64 entry, phoff, shoff;
	uint32 flags;
	uint16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
	uint32 type, flags;
	uint64 off, vaddr, paddr, filesz, memsz, align;
};

int elf_load(uint64 *pt, const void *image, uint64 size, uint64 *entry, uint64 *end)
{
	const struct elf64_ehdr *eh = image;
	if (size < sizeof(*eh) || eh->magic != ELF_MAGIC || eh->machine != EM_RISCV ||
	    eh->phentsize != sizeof(struct elf64_phdr) ||
	    eh->phoff + (uint64)eh->phnum * sizeof(struct elf64_phdr) > size)
		return -RF_EINVAL;
	*end = 0;
	for (int i = 0; i < eh->phnum; i++) {
		const struct elf64_phdr *ph =
			(const void *)((const uint8 *)image + eh->phoff + i * sizeof(*ph));
		if (ph->type != PT_LOAD)
			continue;
		if (ph->filesz > ph->memsz || ph->off + ph->filesz > size || ph->vaddr < USER_LOAD ||
		    ph->vaddr + ph->memsz > USER_RINGS || (ph->vaddr & (PAGE_SIZE - 1)))
			return -RF_EINVAL;
		int perm = (ph->flags & PF_R ? PTE_R : 0) | (ph->flags & PF_W ? PTE_W : 0) |
			   (ph->flags & PF_X ? PTE_X : 0);
		uint64 npages = PG_ROUNDUP(ph->memsz) / PAGE_SIZE;
		int err = uvm_map_pages(pt, ph->vaddr, npages, perm);
		if (err < 0)
			return err;
		if (copy_to_pt(pt, ph->vaddr, (const uint8 *)image + ph->off, ph->filesz) < 0)
			return -RF_EINVAL;
		*end = MAX(*end, ph->vaddr + ph->memsz);
	}
	*entry = eh->entry;
	return 0;
}

/*
 * Lays out argv on a new stack: the strings, then the pointer array, 16-byte
 * aligned as the RISC-V ABI wants. *sp moves down; *uargv gets the array.
 */
int push_argv(uint64 *pt, uint64 *sp, int argc, char **argv, uint64 *uargv)
{
	uint64 ptrs[RF_MAX_ARGS + 1];
	uint64 s = *sp;
	if (argc > RF_MAX_ARGS)
		return -RF_E2BIG;
	for (int i = argc - 1; i >= 0; i--) {
		uint64 len = strlen(argv[i]) + 1;
		s -= len;
		if (copy_to_pt(pt, s, argv[i], len) < 0)
			return -RF_E2BIG;
		ptrs[i] = s;
	}
	ptrs[argc] = 0;
	s &= ~15UL;
	s -= (argc + 1) * sizeof(uint64);
	s &= ~15UL;
	if (copy_to_pt(pt, s, ptrs, (argc + 1) * sizeof(uint64)) < 0)
		return -RF_E2BIG;
	*uargv = s;
	*sp = s;
	return 0;
}
