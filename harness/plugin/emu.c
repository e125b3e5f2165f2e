/*
 * emu: a QEMU TCG plugin that counts, per vCPU, what a RISC-V guest executes:
 * instructions in U, S and M mode, ecall from U and from S, sret, mret, wfi,
 * entries to the S- and M-mode trap vectors, and privilege switches. It needs
 * nothing from the guest kernel but the addresses of its trap vectors, so it
 * checks refos's own counters and counts kernels that have none.
 *
 * Privilege comes from the address of the code executing: QEMU 7.2 gives a
 * plugin no register access. Ranges given as m= and s= arguments are M- and
 * S-mode code; everything else is U-mode. Only the few instructions that
 * matter get a callback of their own; the instructions are counted in one
 * of two ways (count=):
 *   inline  QEMU adds each block's length to the counter in the block's own
 *           code, no call. QEMU 7.2's inline counters are shared by all
 *           vCPUs (a block is), so this is exact on one vCPU only. The
 *           privilege switches, which need the previous block's level,
 *           are settled at the instructions that have callbacks: every
 *           change of level passes one (a trap arrives at a vector entry,
 *           a return leaves by sret or mret), so between two of them the
 *           code runs at one level, which the counters' growth tells.
 *   block   a callback per executed block writing a per-vCPU array: exact
 *           on any number of vCPUs (docs/results.md, "What the plugin
 *           costs", gives its price). A block QEMU leaves early, at a
 *           wfi or to replay a device access, gives back what it did not
 *           run (on_insn's K_WFI, on_replay).
 * The default is inline on one vCPU, block on more.
 *
 * The region is delimited by the markers of workloads/include/wl_mark.h.
 * Inside it, the first and last reads of the instret CSR are snapshotted as
 * well: the counts between them cover exactly what a kernel that reads
 * instret around the region counts (the "window"). At the end marker the
 * plugin writes one line to stderr:
 *   @emu {"vcpus":N,"begin_vcpu":V,"end_vcpu":V,"region":{...},"window":{...}}
 * each object holding one array per counter, one element per vCPU.
 *
 * Arguments (-plugin emu.so,ARG,ARG...), each repeatable where it makes sense:
 *   m=LO-HI      M-mode code at LO..HI inclusive (firmware, reset ROM)
 *   s=LO-HI      S-mode code at LO..HI inclusive (kernel, virtual and physical)
 *   stvec=ADDR   an S-mode trap vector entry
 *   mtvec=ADDR   an M-mode trap vector entry
 *   count=inline|block|insn  how instructions are counted (above; insn: a
 *                callback per instruction, slow, checks the other two)
 *   totals=1     at exit also "@emu {"vcpus":N,"totals":{...}}": the whole
 *                run's counts from reset, boot included
 *   model=virt|phys  the cache, TLB and trap-cost model (emu_model.h), its
 *                caches indexed by virtual or physical address; its
 *                geometry and costs as cachemodel.h's keys (l1d_size=...,
 *                walk=...), ram=0xADDR where guest RAM begins (for phys).
 *                Its counters (cm_*) join the @emu line's.
 * A bad argument makes install fail after one "@emu {"error":...}" line.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu_counters.h"
#include "emu_model.h"
#include "qemu_api.h"
#include "wl_mark.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = EMU_QEMU_PLUGIN_VERSION;

enum {
#define EMU_ENUM(name, desc) C_##name,
	EMU_COUNTERS(EMU_ENUM)
#undef EMU_ENUM
	NCOUNTERS
};
/* Each vCPU's slots: the counters above, then the model's. */
#define NSLOTS (NCOUNTERS + CM_NCOUNTERS)

static const char *const counter_names[] = {
#define EMU_NAME(name, desc) #name,
	EMU_COUNTERS(EMU_NAME)
#undef EMU_NAME
};

enum priv { PRIV_U, PRIV_S, PRIV_M, NPRIV };
static const int instr_counter[NPRIV] = {C_instr_u, C_instr_s, C_instr_m};
/* switch_counter[from][to]; -1 on the diagonal */
static const int switch_counter[NPRIV][NPRIV] = {
	{-1, C_sw_us, C_sw_um},
	{C_sw_su, -1, C_sw_sm},
	{C_sw_mu, C_sw_ms, -1},
};

/* One vCPU's counts, padded to its own cache lines: vCPU threads run in
 * parallel under multi-threaded TCG. */
struct block_info;
struct vcpu {
	uint64_t c[NSLOTS];
	int last_priv;
	const struct block_info *last;   /* count=block: the block entered last */
	uint64_t seen[NPRIV];   /* count=inline: instr_* as of the last callback */
} __attribute__((aligned(64)));

#define MAX_RANGES 8
#define MAX_VECS 8
struct range {
	uint64_t lo, hi;
};
static struct range ranges[NPRIV][MAX_RANGES];
static int nranges[NPRIV];
static uint64_t stvecs[MAX_VECS], mtvecs[MAX_VECS];
static int nstvec, nmtvec;
/* count=insn: a callback per instruction instead of per block. Slow, but
 * it counts only what runs by construction: the check of the block count. */
enum count_mode { COUNT_DEFAULT, COUNT_INLINE, COUNT_BLOCK, COUNT_INSN };
static enum count_mode count_mode;
/* count=inline: callbacks that found more than one level run since the
 * previous one, whose order and so whose switches cannot be known. */
static uint64_t unordered;

static struct vcpu *vcpus;
static int nvcpus;
/* totals=1: the whole run's counts too, from reset to exit, boot included. */
static int totals;

/* Region state, guarded by region_lock: markers and instret reads may come
 * from any vCPU thread. */
static pthread_mutex_t region_lock = PTHREAD_MUTEX_INITIALIZER;
static int region_open, begin_vcpu, nwindow;
static uint64_t *snap_begin, *snap_first, *snap_last; /* nvcpus x NSLOTS */

/* count=block: what a block's callback knows of its block, enough to take
 * back the part of it that did not run when QEMU left it at an I/O access.
 * Kept until exit (QEMU 7.2 says nothing when it drops a block). */
struct block_info {
	struct block_info *next;
	int priv;
	uint32_t counted;   /* instructions the callback adds: n, or 0 (count=insn) */
	uint32_t n;
	uint64_t pc[];      /* each instruction's address */
};
static pthread_mutex_t block_lock = PTHREAD_MUTEX_INITIALIZER;
static struct block_info *blocks;

/* What an instruction callback does; packed into its userdata with the
 * block's privilege and the number of the block's instructions after it. */
enum insn_kind { K_COUNT, K_WFI, K_MARK_BEGIN, K_MARK_END, K_INSTRET };
#define UD(kind, arg, priv, tail) \
	((void *)(uintptr_t)((uint64_t)(kind) | (uint64_t)(arg) << 8 | (uint64_t)(priv) << 16 | \
			     (uint64_t)(tail) << 24))
#define UD_KIND(u) ((int)((uintptr_t)(u) & 0xff))
#define UD_ARG(u) ((int)(((uintptr_t)(u) >> 8) & 0xff))
#define UD_PRIV(u) ((int)(((uintptr_t)(u) >> 16) & 0xff))
#define UD_TAIL(u) ((uint64_t)((uintptr_t)(u) >> 24))

/* RISC-V encodings the plugin looks for (all 32-bit instructions). */
#define INSN_ECALL 0x00000073u
#define INSN_SRET 0x10200073u
#define INSN_MRET 0x30200073u
#define INSN_WFI 0x10500073u
#define MARK_MASK 0x000fffffu     /* rd, funct3, rs1, opcode */
#define MARK_MATCH 0x00002013u    /* slti x0, x0, imm */
#define CSR_INSTRET 0xc02u

static enum priv priv_of(uint64_t pc)
{
	for (int p = PRIV_S; p <= PRIV_M; p++)
		for (int i = 0; i < nranges[p]; i++)
			if (pc >= ranges[p][i].lo && pc <= ranges[p][i].hi)
				return p;
	return PRIV_U;
}

static int is_instret_read(uint32_t w)
{
	unsigned funct3 = (w >> 12) & 7;
	return (w & 0x7f) == 0x73 && funct3 != 0 && funct3 != 4 && (w >> 20) == CSR_INSTRET;
}

/* The instructions executed so far on every vCPU, as of the instruction
 * given by ud on vcpu: the rest of its block (counted at block entry) is
 * taken off, so a snapshot falls exactly before or after that instruction. */
static void copy_counts(uint64_t *dst)
{
	for (int v = 0; v < nvcpus; v++)
		memcpy(dst + (size_t)v * NSLOTS, vcpus[v].c, sizeof(vcpus[v].c));
}

static void snapshot(uint64_t *dst, unsigned vcpu, void *ud, int after)
{
	copy_counts(dst);
	dst[(size_t)vcpu * NSLOTS + instr_counter[UD_PRIV(ud)]] -= UD_TAIL(ud) + (after ? 0 : 1);
}

static void put_counts(FILE *f, const char *name, const uint64_t *a, const uint64_t *b)
{
	char cm_name[32];
	fprintf(f, "\"%s\":{", name);
	for (int c = 0; c < (model_on ? NSLOTS : NCOUNTERS); c++) {
		fprintf(f, "%s\"%s\":[", c ? "," : "",
			c < NCOUNTERS ? counter_names[c]
				      : cm_counter_name(c - NCOUNTERS, cm_name, sizeof(cm_name)));
		for (int v = 0; v < nvcpus; v++)
			fprintf(f, "%s%" PRIu64, v ? "," : "",
				b[(size_t)v * NSLOTS + c] - a[(size_t)v * NSLOTS + c]);
		fputc(']', f);
	}
	fputc('}', f);
}

/* One write, so the line cannot interleave with the console. */
static void emit(const char *line, size_t len)
{
	while (len > 0) {
		ssize_t n = write(2, line, len);
		if (n <= 0)
			return;
		line += n;
		len -= (size_t)n;
	}
}

static void region_end(unsigned vcpu, void *ud)
{
	uint64_t *end = calloc((size_t)nvcpus * NSLOTS, sizeof(*end));
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!end || !f) {
		static const char oom[] = "@emu {\"error\":\"out of memory at the end marker\"}\n";
		emit(oom, sizeof(oom) - 1);
		free(end);
		if (f)
			fclose(f);
		free(buf);
		return;
	}
	if (unordered) {
		fprintf(f, "@emu {\"error\":\"count=inline: %" PRIu64 " times two levels ran between "
			   "instructions with callbacks (a change of level not at a listed trap vector, "
			   "sret or mret); count=block counts such a guest\"}\n", unordered);
		fclose(f);
		emit(buf, len);
		free(buf);
		free(end);
		return;
	}
	snapshot(end, vcpu, ud, 0);
	fprintf(f, "@emu {\"vcpus\":%d,\"begin_vcpu\":%d,\"end_vcpu\":%u,", nvcpus, begin_vcpu, vcpu);
	put_counts(f, "region", snap_begin, end);
	/* The window needs two instret reads; with fewer there is none. */
	if (nwindow >= 2) {
		fputc(',', f);
		put_counts(f, "window", snap_first, snap_last);
	}
	fputs("}\n", f);
	fclose(f);
	emit(buf, len);
	free(buf);
	free(end);
}

/* count=inline: the switches since the previous callback on this vCPU, now
 * that one comes from code at level p. Between the two, blocks of at most
 * one other level ran (those of the level left by the previous callback's
 * sret or mret, or by a trap into p); block counting would have seen them
 * as last_priv -> that level -> p. */
static void settle_switches(struct vcpu *v, int p)
{
	int between = -1;
	for (int x = 0; x < NPRIV; x++)
		if (x != p && v->c[instr_counter[x]] != v->seen[x]) {
			if (between >= 0)
				unordered++;
			between = x;
		}
	if (between >= 0 && between != v->last_priv) {
		v->c[switch_counter[v->last_priv][between]]++;
		v->last_priv = between;
	}
	if (p != v->last_priv) {
		v->c[switch_counter[v->last_priv][p]]++;
		v->last_priv = p;
	}
}

static void on_insn(unsigned vcpu, void *ud)
{
	int kind = UD_KIND(ud);
	if (kind == K_COUNT) {
		int c = UD_ARG(ud);
		vcpus[vcpu].c[c]++;
		if (model_on && (c == C_trap_s || c == C_trap_m || c == C_sret || c == C_mret))
			model_trap(vcpu, c == C_sret || c == C_mret);
		return;
	}
	/* QEMU leaves the block at a wfi and resumes after it in a new one:
	 * the rest of this block, counted at its entry, does not run now. */
	if (kind == K_WFI) {
		struct vcpu *v = &vcpus[vcpu];
		v->c[C_wfi]++;
		v->c[instr_counter[UD_PRIV(ud)]] -= UD_TAIL(ud);
		v->c[C_wfi_skipped] += UD_TAIL(ud);
		return;
	}
	pthread_mutex_lock(&region_lock);
	if (kind == K_MARK_BEGIN) {
		snapshot(snap_begin, vcpu, ud, 1);
		region_open = 1;
		begin_vcpu = (int)vcpu;
		nwindow = 0;
	} else if (kind == K_INSTRET && region_open) {
		snapshot(nwindow ? snap_last : snap_first, vcpu, ud, 1);
		if (nwindow++ == 0)
			memcpy(snap_last, snap_first, (size_t)nvcpus * NSLOTS * sizeof(*snap_last));
	} else if (kind == K_MARK_END && region_open) {
		region_end(vcpu, ud);
		region_open = 0;
	}
	pthread_mutex_unlock(&region_lock);
}

/* count=inline: one vCPU, so vcpu is 0 and no other thread writes it. */
static void on_insn_inline(unsigned vcpu, void *ud)
{
	struct vcpu *v = &vcpus[vcpu];
	settle_switches(v, UD_PRIV(ud));
	on_insn(vcpu, ud);
	for (int x = 0; x < NPRIV; x++)
		v->seen[x] = v->c[instr_counter[x]];
}

static void on_block(unsigned vcpu, void *ud)
{
	struct vcpu *v = &vcpus[vcpu];
	const struct block_info *b = ud;
	v->c[instr_counter[b->priv]] += b->counted;
	v->last = b;
	if (b->priv != v->last_priv) {
		v->c[switch_counter[v->last_priv][b->priv]]++;
		v->last_priv = b->priv;
	}
}

/* count=block, on the access of a block of one instruction. Under icount
 * QEMU leaves a block at an access to a device and runs that instruction
 * again alone, in a block of one that gets memory callbacks but no
 * execution callbacks; then it goes on in a new block after it. So when
 * such a block's access comes with another block entered last, that one was
 * left here, and its instructions after this one, counted at its entry,
 * did not run. A one-instruction block that ran as such was entered last
 * itself. */
static void on_replay(unsigned vcpu, qemu_plugin_meminfo_t info, uint64_t vaddr, void *ud)
{
	(void)info;
	(void)vaddr;
	struct vcpu *v = &vcpus[vcpu];
	const struct block_info *b = ud, *left = v->last;
	if (left == b)
		return;
	/* An instruction may access memory twice (an AMO): take back once. */
	v->last = b;
	for (uint32_t i = 0; left && i < left->n; i++)
		if (left->pc[i] == b->pc[0]) {
			uint64_t tail = left->counted ? left->n - 1 - i : 0;
			v->c[instr_counter[left->priv]] -= tail;
			v->c[C_io_replayed] += tail;
			return;
		}
}

static struct block_info *block_info_new(struct qemu_plugin_tb *tb, int priv, size_t n, int each)
{
	struct block_info *b = malloc(sizeof(*b) + n * sizeof(b->pc[0]));
	if (!b)
		return NULL;
	b->priv = priv;
	b->n = (uint32_t)n;
	b->counted = each ? 0 : (uint32_t)n;
	for (size_t i = 0; i < n; i++)
		b->pc[i] = qemu_plugin_insn_vaddr(qemu_plugin_tb_get_insn(tb, i));
	pthread_mutex_lock(&block_lock);
	b->next = blocks;
	blocks = b;
	pthread_mutex_unlock(&block_lock);
	return b;
}

static void fail(const char *fmt, const char *arg);

static int in_list(const uint64_t *l, int n, uint64_t a)
{
	for (int i = 0; i < n; i++)
		if (l[i] == a)
			return 1;
	return 0;
}

/* Whether an instruction may access memory, so maybe a device: loads,
 * stores and AMOs, compressed or not, and the fence group (cache-block
 * operations live there). Anything not recognised counts as one. An access
 * relative to sp is taken to be to RAM: no kernel keeps its stack in a
 * device. */
static int may_touch_device(uint32_t w, size_t len)
{
	if (len != 2 && len != 4)
		return 1;
	/* Compressed: quadrant 0 is c.addi4spn (funct3 0) or a load or store;
	 * quadrant 2's loads and stores are all relative to sp. */
	if (len == 2)
		return (w & 3) == 0 && ((w >> 13) & 7) != 0;
	unsigned op = w & 0x7f, rs1 = (w >> 15) & 0x1f;
	if (op == 0x03 || op == 0x07 || op == 0x23 || op == 0x27)
		return rs1 != 2;
	return op == 0x2f || op == 0x0f;
}

/* What one instruction of a block being translated gets. */
struct insn_plan {
	int kind, arg;     /* its own callback, if arg >= 0 */
	int vec_s, vec_m;  /* a listed trap vector entry */
	int own;           /* any of the above: a callback of its own */
	int device;        /* may_touch_device */
};

static void plan_insn(struct insn_plan *ip, struct qemu_plugin_insn *insn, enum priv p)
{
	uint64_t pc = qemu_plugin_insn_vaddr(insn);
	size_t len = qemu_plugin_insn_size(insn);
	uint32_t w = 0, word = 0;
	if (len <= sizeof(word))
		memcpy(&word, qemu_plugin_insn_data(insn), len);
	if (len == 4)
		w = word; /* the encodings below are all 32-bit */
	ip->kind = K_COUNT;
	ip->arg = -1;
	if (w == INSN_ECALL)
		ip->arg = p == PRIV_U ? C_ecall_u : p == PRIV_S ? C_ecall_s : -1;
	else if (w == INSN_SRET)
		ip->arg = C_sret;
	else if (w == INSN_MRET)
		ip->arg = C_mret;
	else if (w == INSN_WFI)
		ip->kind = K_WFI, ip->arg = C_wfi;
	else if ((w & MARK_MASK) == MARK_MATCH && (w >> 20) == WL_MARK_BEGIN)
		ip->kind = K_MARK_BEGIN, ip->arg = 0;
	else if ((w & MARK_MASK) == MARK_MATCH && (w >> 20) == WL_MARK_END)
		ip->kind = K_MARK_END, ip->arg = 0;
	else if (is_instret_read(w))
		ip->kind = K_INSTRET, ip->arg = 0;
	ip->vec_s = in_list(stvecs, nstvec, pc);
	ip->vec_m = in_list(mtvecs, nmtvec, pc);
	ip->own = ip->vec_s || ip->vec_m || ip->arg >= 0;
	ip->device = may_touch_device(word, len);
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	(void)id;
	size_t n = qemu_plugin_tb_n_insns(tb);
	enum priv p = priv_of(qemu_plugin_tb_vaddr(tb));
	int inl = count_mode == COUNT_INLINE;
	qemu_plugin_vcpu_udata_cb_t cb = inl ? on_insn_inline : on_insn;
	uint64_t *instr = &vcpus[0].c[instr_counter[p]];
	/* count=inline counts firmware code in runs that end at each
	 * instruction that may touch a device: under icount QEMU leaves a block
	 * at an MMIO access (OpenSBI's, to the timer and interrupt controller)
	 * and replays that instruction in a block with no execution callbacks
	 * or inline operations, and inline counting has no callback that could
	 * take back the rest of the block left (on_replay does that for
	 * count=block). A run is counted by an inline add at its first
	 * instruction and never spans an instruction with a callback, which
	 * counts itself. */
	int runs = inl && p == PRIV_M;
	int each = count_mode == COUNT_INSN;
	if (!inl) {
		struct block_info *b = block_info_new(tb, p, n, each);
		if (!b) {
			fail("%s", "out of memory translating a block");
			abort();
		}
		qemu_plugin_register_vcpu_tb_exec_cb(tb, on_block, QEMU_PLUGIN_CB_NO_REGS, b);
		if (n == 1)
			qemu_plugin_register_vcpu_mem_cb(qemu_plugin_tb_get_insn(tb, 0), on_replay,
							 QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_MEM_RW, b);
	} else if (!runs)
		qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, instr, n);
	model_translate(tb, (int)p);
	struct insn_plan plan[n];
	for (size_t i = 0; i < n; i++)
		plan_insn(&plan[i], qemu_plugin_tb_get_insn(tb, i), p);
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		const struct insn_plan *ip = &plan[i];
		/* The instructions counted before they run: the rest of the block
		 * when it is counted at entry; none in runs or one at a time. */
		size_t tail = each || runs ? 0 : n - 1 - i;
		/* First, so that a snapshot at this instruction sees it counted.
		 * QEMU runs an instruction's callbacks before its inline
		 * operations, so an instruction with callbacks is counted by one. */
		if (each || (runs && ip->own))
			qemu_plugin_register_vcpu_insn_exec_cb(insn, cb, QEMU_PLUGIN_CB_NO_REGS,
							       UD(K_COUNT, instr_counter[p], p, 0));
		else if (runs && (i == 0 || plan[i - 1].own || plan[i - 1].device)) {
			size_t len = 1;
			while (i + len < n && !plan[i + len - 1].device && !plan[i + len].own)
				len++;
			qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, instr, len);
		}
		if (ip->vec_s)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, cb, QEMU_PLUGIN_CB_NO_REGS,
							       UD(K_COUNT, C_trap_s, p, tail));
		if (ip->vec_m)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, cb, QEMU_PLUGIN_CB_NO_REGS,
							       UD(K_COUNT, C_trap_m, p, tail));
		if (ip->arg >= 0)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, cb, QEMU_PLUGIN_CB_NO_REGS,
							       UD(ip->kind, ip->arg, p, tail));
	}
}

static void fail(const char *fmt, const char *arg)
{
	char msg[300], line[400];
	snprintf(msg, sizeof(msg), fmt, arg);
	int n = snprintf(line, sizeof(line), "@emu {\"error\":\"%s\"}\n", msg);
	emit(line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

static int parse_addr(const char *s, uint64_t *out, const char **end)
{
	char *e;
	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return -1;
	*out = strtoull(s, &e, 16);
	if (e == s + 2)
		return -1;
	*end = e;
	return 0;
}

/* Parses one name=value argument; returns 0 or -1 after saying why. */
static int parse_arg(const char *a)
{
	const char *v = strchr(a, '='), *e;
	uint64_t lo, hi;
	int rc = model_arg(a, fail);
	if (rc <= 0)
		return rc;
	if (!v) {
		fail("argument '%s' is not name=value", a);
		return -1;
	}
	v++;
	if (!strncmp(a, "m=", 2) || !strncmp(a, "s=", 2)) {
		int p = a[0] == 'm' ? PRIV_M : PRIV_S;
		if (parse_addr(v, &lo, &e) || *e != '-' || parse_addr(e + 1, &hi, &e) || *e || hi < lo) {
			fail("argument '%s': want m= or s=0xLO-0xHI with LO <= HI", a);
			return -1;
		}
		if (nranges[p] == MAX_RANGES) {
			fail("argument '%s': too many ranges", a);
			return -1;
		}
		ranges[p][nranges[p]++] = (struct range){lo, hi};
		return 0;
	}
	if (!strncmp(a, "stvec=", 6) || !strncmp(a, "mtvec=", 6)) {
		uint64_t *l = a[0] == 's' ? stvecs : mtvecs;
		int *n = a[0] == 's' ? &nstvec : &nmtvec;
		if (parse_addr(v, &lo, &e) || *e) {
			fail("argument '%s': want a hex address 0x...", a);
			return -1;
		}
		if (*n == MAX_VECS) {
			fail("argument '%s': too many vectors", a);
			return -1;
		}
		l[(*n)++] = lo;
		return 0;
	}
	if (!strncmp(a, "count=", 6)) {
		static const char *const modes[] = {[COUNT_INLINE] = "inline", [COUNT_BLOCK] = "block",
						    [COUNT_INSN] = "insn"};
		for (int m = COUNT_INLINE; m <= COUNT_INSN; m++)
			if (!strcmp(v, modes[m])) {
				count_mode = (enum count_mode)m;
				return 0;
			}
		fail("argument '%s': want count=inline, count=block or count=insn", a);
		return -1;
	}
	if (!strncmp(a, "totals=", 7)) {
		if (strcmp(v, "0") && strcmp(v, "1")) {
			fail("argument '%s': want totals=0 or totals=1", a);
			return -1;
		}
		totals = v[0] == '1';
		return 0;
	}
	fail("unknown argument '%s' (m=, s=, stvec=, mtvec=, count=, totals=, model= and its keys)", a);
	return -1;
}

static void put_totals(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	uint64_t *zero = calloc((size_t)nvcpus * NSLOTS, sizeof(*zero)),
		 *now = malloc((size_t)nvcpus * NSLOTS * sizeof(*now));
	if (f && zero && now) {
		copy_counts(now);
		fprintf(f, "@emu {\"vcpus\":%d,", nvcpus);
		put_counts(f, "totals", zero, now);
		fputs("}\n", f);
		fclose(f);
		f = NULL;
		emit(buf, len);
	}
	if (f)
		fclose(f);
	free(buf);
	free(zero);
	free(now);
}

static uint64_t *model_counters(int v)
{
	return vcpus[v].c + NCOUNTERS;
}

static void on_exit_cb(qemu_plugin_id_t id, void *ud)
{
	(void)id;
	(void)ud;
	if (totals)
		put_totals();
	model_exit();
	while (blocks) {
		struct block_info *b = blocks;
		blocks = b->next;
		free(b);
	}
	free(vcpus);
	free(snap_begin);
	free(snap_first);
	free(snap_last);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc,
					   char **argv)
{
	if (info->version.min > EMU_QEMU_PLUGIN_VERSION || info->version.cur < EMU_QEMU_PLUGIN_VERSION) {
		char v[64];
		snprintf(v, sizeof(v), "%d..%d", info->version.min, info->version.cur);
		fail("QEMU offers plugin API versions %s; this plugin is written for version 1", v);
		return -1;
	}
	if (!info->system_emulation || strcmp(info->target_name, "riscv64") != 0) {
		fail("needs riscv64 system emulation, not %s", info->target_name);
		return -1;
	}
	for (int i = 0; i < argc; i++)
		if (parse_arg(argv[i]))
			return -1;
	if (!nranges[PRIV_S] || !nstvec) {
		fail("%s", "needs at least one s= range and one stvec= (the kernel)");
		return -1;
	}
	nvcpus = info->system.max_vcpus;
	if (count_mode == COUNT_DEFAULT)
		count_mode = nvcpus == 1 ? COUNT_INLINE : COUNT_BLOCK;
	if (count_mode == COUNT_INLINE && nvcpus != 1) {
		fail("%s", "count=inline counts one vCPU only (QEMU 7.2's inline counters are shared)");
		return -1;
	}
	size_t snap = (size_t)nvcpus * NSLOTS * sizeof(uint64_t);
	vcpus = aligned_alloc(64, (size_t)nvcpus * sizeof(*vcpus));
	snap_begin = malloc(snap);
	snap_first = malloc(snap);
	snap_last = malloc(snap);
	if (!vcpus || !snap_begin || !snap_first || !snap_last) {
		fail("%s", "out of memory");
		return -1;
	}
	memset(vcpus, 0, (size_t)nvcpus * sizeof(*vcpus));
	/* Every hart starts in M-mode, in the reset ROM. */
	for (int v = 0; v < nvcpus; v++)
		vcpus[v].last_priv = PRIV_M;
	if (model_install(nvcpus, model_counters, fail))
		return -1;
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, on_exit_cb, NULL);
	return 0;
}
