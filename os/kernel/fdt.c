/*
 * Just enough of a flattened-device-tree reader to learn the RAM size, the
 * number of harts, whether every hart has the Sstc extension (its
 * riscv,isa string) and the boot arguments (/chosen/bootargs).
 * The blob comes from firmware, so every offset is bounds-checked anyway.
 */
#include "defs.h"

#define FDT_MAGIC      0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9

static uint32 be32(const void *p)
{
	const uint8 *b = p;
	return (uint32)b[0] << 24 | (uint32)b[1] << 16 | (uint32)b[2] << 8 | b[3];
}

static uint64 be64(const void *p) { return (uint64)be32(p) << 32 | be32((const uint8 *)p + 4); }

/* A multi-letter extension sits in riscv,isa after an underscore. */
static bool isa_has(const char *isa, uint32 len, const char *ext)
{
	uint64 n = strlen(ext);
	for (uint32 i = 0; i + n + 1 <= len; i++)
		if (isa[i] == '_' && strncmp(isa + i + 1, ext, n) == 0 &&
		    (i + n + 1 == len || isa[i + n + 1] == '_' || isa[i + n + 1] == 0))
			return true;
	return false;
}

void fdt_scan(const void *dtb, uint64 *mem_end, int *nharts, bool *sstc, char *bootargs,
	      uint64 bootargs_len)
{
	const uint8 *base = dtb;
	if (be32(base) != FDT_MAGIC)
		panic("fdt_scan: bad device tree magic");
	uint32 total = be32(base + 4);
	const uint8 *p = base + be32(base + 8), *end = base + total;
	const char *strings = (const char *)base + be32(base + 12);
	int depth = 0;
	bool in_memory = false, in_chosen = false, in_cpus = false, in_cpu = false;
	int sstc_harts = 0;
	*nharts = 0;
	bootargs[0] = 0;

	while (p + 4 <= end) {
		uint32 tok = be32(p);
		p += 4;
		if (tok == FDT_BEGIN_NODE) {
			const char *name = (const char *)p;
			uint64 len = strlen(name);
			p += (len + 4) & ~3UL;
			depth++;
			if (depth == 2) {
				in_memory = strncmp(name, "memory", 6) == 0;
				in_chosen = strcmp(name, "chosen") == 0;
				in_cpus = strcmp(name, "cpus") == 0;
			} else if (depth == 3 && in_cpus && strncmp(name, "cpu@", 4) == 0) {
				(*nharts)++;
				in_cpu = true;
			}
		} else if (tok == FDT_END_NODE) {
			if (depth == 3)
				in_cpu = false;
			if (depth == 2)
				in_memory = in_chosen = in_cpus = false;
			depth--;
		} else if (tok == FDT_PROP) {
			uint32 len = be32(p), nameoff = be32(p + 4);
			const uint8 *val = p + 8;
			p += 8 + ((len + 3) & ~3U);
			const char *pname = strings + nameoff;
			if (depth == 2 && in_memory && strcmp(pname, "reg") == 0 && len >= 16)
				*mem_end = be64(val) + be64(val + 8);
			else if (depth == 2 && in_chosen && strcmp(pname, "bootargs") == 0)
				strncpy0(bootargs, (const char *)val, MIN((uint64)len + 1, bootargs_len));
			else if (depth == 3 && in_cpu && strcmp(pname, "riscv,isa") == 0 &&
				 isa_has((const char *)val, len, "sstc"))
				sstc_harts++;
		} else if (tok == FDT_NOP) {
			continue;
		} else {
			break;
		}
	}
	*sstc = *nharts > 0 && sstc_harts == *nharts;
}
