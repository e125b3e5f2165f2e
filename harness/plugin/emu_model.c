/*
 * The model's side of the emu plugin (see emu_model.h).
 *
 * Fetches are modelled per executed block (one callback per block, which
 * walks the lines its bytes span), data by QEMU's memory callbacks, which
 * give the virtual address; with model=phys each access also asks QEMU for
 * its physical address, which costs a lookup per access and skips device
 * accesses (uncached). A block's physical address is its host address in
 * QEMU's copy of guest RAM less where that copy starts, learnt from the
 * firmware's code, which runs untranslated in RAM (ram= gives where RAM
 * begins). Only sfence.vma and satp writes get a callback of their own.
 */
#include "emu_model.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int model_on;
static struct cm_config cfg;
static struct cm_model model;
static struct cm_hart *harts;
static int nharts;
/* The L2 is shared: taken when harts run in parallel (no -icount). */
static pthread_mutex_t l2_lock = PTHREAD_MUTEX_INITIALIZER;
static int lock_l2;
static uint64_t ram_base, ram_host; /* guest RAM's physical and host start */
static int have_ram, have_host;

/* A translated block's fetch, kept until exit: QEMU may run a block long
 * after it was translated. */
struct fetch {
	uint64_t vaddr, paddr, len;
	int priv;
	struct fetch *next;
};
static struct fetch *fetches;
static pthread_mutex_t fetch_lock = PTHREAD_MUTEX_INITIALIZER;

#define INSN_SFENCE_MASK 0xfe007fffu
#define INSN_SFENCE 0x12000073u
#define CSR_SATP 0x180u

int model_arg(const char *arg, void (*fail)(const char *fmt, const char *arg))
{
	char key[64], err[200];
	const char *v = strchr(arg, '=');
	if (!v || (size_t)(v - arg) >= sizeof(key))
		return 1;
	memcpy(key, arg, (size_t)(v - arg));
	key[v - arg] = 0;
	v++;
	if (!strcmp(key, "model")) {
		if (strcmp(v, "virt") && strcmp(v, "phys")) {
			fail("argument '%s': want model=virt or model=phys", arg);
			return -1;
		}
		model_on = 1;
		cfg.physical = v[0] == 'p';
		return 0;
	}
	if (!strcmp(key, "ram")) {
		char *e;
		ram_base = strtoull(v, &e, 16);
		if (strncmp(v, "0x", 2) || *e || e == v + 2) {
			fail("argument '%s': want ram=0xADDR, where guest RAM begins", arg);
			return -1;
		}
		have_ram = 1;
		return 0;
	}
	int rc = cm_config_arg(&cfg, key, v, err, sizeof(err));
	if (rc < 0) {
		char msg[300];
		snprintf(msg, sizeof(msg), "argument '%%s': %s", err);
		fail(msg, arg);
	}
	return rc;
}

int model_install(int nvcpus, uint64_t *(*ctr)(int v), void (*fail)(const char *fmt, const char *arg))
{
	char err[200];
	if (!model_on)
		return 0;
	if (cfg.physical && !have_ram) {
		fail("%s", "model=phys needs ram=0xADDR (where guest RAM begins)");
		return -1;
	}
	if (cm_model_init(&model, &cfg, err, sizeof(err)))
		goto bad;
	harts = calloc((size_t)nvcpus, sizeof(*harts));
	if (!harts) {
		snprintf(err, sizeof(err), "out of memory");
		goto bad;
	}
	for (int v = 0; v < nvcpus; v++, nharts++)
		if (cm_hart_init(&harts[v], &model, ctr(v), err, sizeof(err)))
			goto bad;
	lock_l2 = nvcpus > 1;
	return 0;
bad:
	fail("model: %s", err);
	return -1;
}

static void on_fetch(unsigned vcpu, void *ud)
{
	const struct fetch *f = ud;
	if (lock_l2)
		pthread_mutex_lock(&l2_lock);
	cm_fetch(&model, &harts[vcpu], f->vaddr, f->paddr, f->len, f->priv, f->priv != CM_M);
	if (lock_l2)
		pthread_mutex_unlock(&l2_lock);
}

static void on_mem(unsigned vcpu, qemu_plugin_meminfo_t info, uint64_t vaddr, void *ud)
{
	int priv = (int)(uintptr_t)ud, store = qemu_plugin_mem_is_store(info);
	uint64_t size = 1ull << qemu_plugin_mem_size_shift(info), paddr = vaddr;
	if (cfg.physical) {
		struct qemu_plugin_hwaddr *hw = qemu_plugin_get_hwaddr(info, vaddr);
		if (!hw || qemu_plugin_hwaddr_is_io(hw))
			return;
		paddr = qemu_plugin_hwaddr_phys_addr(hw);
	}
	uint64_t line = cfg.level[CM_l1d].size ? cfg.level[CM_l1d].line : 64;
	if (lock_l2)
		pthread_mutex_lock(&l2_lock);
	cm_data(&model, &harts[vcpu], vaddr, paddr, priv, priv != CM_M, store);
	/* An access across a line touches the next one too. */
	if ((vaddr & (line - 1)) + size > line)
		cm_data(&model, &harts[vcpu], vaddr + size - 1, paddr + size - 1, priv, priv != CM_M,
			store);
	if (lock_l2)
		pthread_mutex_unlock(&l2_lock);
}

static void on_flush(unsigned vcpu, void *ud)
{
	uintptr_t u = (uintptr_t)ud;
	int priv = (int)(u & 0xff), satp = (int)(u >> 8);
	struct cm_hart *h = &harts[vcpu];
	h->ctr[satp ? CM_T_satp : CM_T_sfence]++;
	if (!satp || !cfg.asid)
		cm_tlb_flush(h, priv);
}

/* A write of satp: csrrw/csrrwi always; csrrs/csrrc/csrrsi/csrrci unless
 * their rs1 (or immediate) is zero, which only reads. */
static int writes_satp(uint32_t w)
{
	unsigned funct3 = (w >> 12) & 7, rs1 = (w >> 15) & 31;
	if ((w & 0x7f) != 0x73 || (w >> 20) != CSR_SATP || funct3 == 0 || funct3 == 4)
		return 0;
	return (funct3 & 3) == 1 || rs1 != 0;
}

/* The block's physical address from its host address (see the top). */
static uint64_t block_paddr(uint64_t vaddr, const void *haddr, int priv)
{
	uint64_t h = (uint64_t)(uintptr_t)haddr;
	if (priv == CM_M) {
		if (have_ram && haddr && vaddr >= ram_base && !have_host) {
			ram_host = h - vaddr;
			have_host = 1;
		}
		return vaddr;
	}
	return have_host && haddr && h - ram_host >= ram_base ? h - ram_host : vaddr;
}

void model_translate(struct qemu_plugin_tb *tb, int priv)
{
	if (!model_on)
		return;
	size_t n = qemu_plugin_tb_n_insns(tb);
	struct qemu_plugin_insn *first = qemu_plugin_tb_get_insn(tb, 0);
	struct qemu_plugin_insn *last = qemu_plugin_tb_get_insn(tb, n - 1);
	struct fetch *f = malloc(sizeof(*f));
	if (f) {
		f->vaddr = qemu_plugin_tb_vaddr(tb);
		f->len = qemu_plugin_insn_vaddr(last) + qemu_plugin_insn_size(last) - f->vaddr;
		f->paddr = cfg.physical ? block_paddr(f->vaddr, qemu_plugin_insn_haddr(first), priv)
					: f->vaddr;
		f->priv = priv;
		pthread_mutex_lock(&fetch_lock);
		f->next = fetches;
		fetches = f;
		pthread_mutex_unlock(&fetch_lock);
		qemu_plugin_register_vcpu_tb_exec_cb(tb, on_fetch, QEMU_PLUGIN_CB_NO_REGS, f);
	}
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		qemu_plugin_register_vcpu_mem_cb(insn, on_mem, QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_MEM_RW,
						 (void *)(uintptr_t)priv);
		if (qemu_plugin_insn_size(insn) != 4)
			continue;
		uint32_t w;
		memcpy(&w, qemu_plugin_insn_data(insn), sizeof(w));
		int sfence = (w & INSN_SFENCE_MASK) == INSN_SFENCE, satp = writes_satp(w);
		if (sfence || satp)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_flush, QEMU_PLUGIN_CB_NO_REGS,
							       (void *)(uintptr_t)(priv | satp << 8));
	}
}

void model_trap(unsigned vcpu, int is_return)
{
	cm_trap(&model, &harts[vcpu], is_return);
}

void model_exit(void)
{
	for (int v = 0; v < nharts; v++)
		cm_hart_free(&harts[v]);
	free(harts);
	cm_model_free(&model);
	while (fetches) {
		struct fetch *n = fetches->next;
		free(fetches);
		fetches = n;
	}
}
