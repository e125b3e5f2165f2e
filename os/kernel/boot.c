/*
 * kmain: the boot hart sets up memory, reads the boot arguments, starts the
 * other harts through SBI HSM and spawns init; every hart then becomes its
 * idle thread.
 *
 * Boot arguments (/chosen/bootargs): kernel knobs, then "--", then init's
 * argv, e.g. "hz=1000 sqmode=worker -- echo --backend async --conc 16".
 */
#include "defs.h"
#include "proc.h"
#include "memlayout.h"
#include "riscv.h"
#include "ring.h"

uint64 ram_end;
bool harts_have_sstc;
int boot_hz = 100;
const char *boot_sqmode = "enter";
int init_argc;
char *init_argv[RF_MAX_ARGS];

static char bootargs[RF_MAX_ARGLEN];
static const char *crash_mode = "";
/* hart_entry=boot: secondaries start at the boot entry, where OpenSBI 1.1's
 * start race can send them (entry.S); lets a test take that path at will. */
static bool secondaries_at_boot_entry;

static int parse_int(const char *s, int *out)
{
	int v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000000)
			return -1;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return 0;
}

/* Splits bootargs in place into knobs and init's argv. */
static void parse_bootargs(void)
{
	char *p = bootargs;
	bool after_dashes = false;
	while (*p) {
		while (*p == ' ')
			*p++ = 0;
		if (!*p)
			break;
		char *word = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = 0;
		if (after_dashes) {
			if (init_argc < RF_MAX_ARGS - 1)
				init_argv[init_argc++] = word;
		} else if (strcmp(word, "--") == 0) {
			after_dashes = true;
		} else if (strncmp(word, "hz=", 3) == 0) {
			if (parse_int(word + 3, &boot_hz) < 0)
				kprintf("refos: ignoring bad knob '%s'\n", word);
		} else if (strncmp(word, "sqmode=", 7) == 0) {
			boot_sqmode = word + 7;
		} else if (strncmp(word, "poll_ns=", 8) == 0) {
			int v;
			if (parse_int(word + 8, &v) < 0 || v < 100)
				kprintf("refos: ignoring bad knob '%s'\n", word);
			else
				poll_ns = (uint64)v;
		} else if (strncmp(word, "fastpath=", 9) == 0) {
			int v;
			if (parse_int(word + 9, &v) < 0 || v > 1)
				kprintf("refos: ignoring bad knob '%s'\n", word);
			else
				trap_vector = v ? trap_entry_fast : trap_entry;
		} else if (strncmp(word, "sched=", 6) == 0) {
			/* shared: its voluntary yield is a fast call, so the fast vector too */
			if (strcmp(word + 6, "shared") == 0)
				sched_shared = true, trap_vector = trap_entry_fast;
			else if (strcmp(word + 6, "classic") != 0)
				kprintf("refos: ignoring bad knob '%s'\n", word);
		} else if (strcmp(word, "hart_entry=boot") == 0) {
			secondaries_at_boot_entry = true;
		} else if (strncmp(word, "crash=", 6) == 0) {
			crash_mode = word + 6;
		} else {
			kprintf("refos: unknown knob '%s'\n", word);
		}
	}
}

/* crash=panic|hang: lets the harness test how it handles a broken kernel. */
static void crash_thread(void *arg)
{
	(void)arg;
	if (strcmp(crash_mode, "panic") == 0)
		panic("crash=panic asked for a panic");
	for (;;)
		;   /* interrupts stay off in the kernel: this hart never returns */
}

void kmain(uint64 hartid, uint64 dtb_pa, uint64 secondary)
{
	if (secondary) {
		trap_init_hart();
		csr_write(scounteren, 7);
		sched_idle_loop((int)hartid);
	}
	fdt_scan(PA2KVA(dtb_pa), &ram_end, &ncpus, &harts_have_sstc, bootargs, sizeof(bootargs));
	if (ncpus < 1)
		ncpus = 1;
	if (ncpus > RF_MAX_HARTS)
		ncpus = RF_MAX_HARTS;
	parse_bootargs();
	kalloc_init(shs_reserve(KVA2PA(_kernel_end)), ram_end);
	kvm_init();
	proc_init();
	file_init();
	trap_init_hart();
	csr_write(scounteren, 7);   /* user code may read cycle, time, instret */
	kprintf("refos: %d hart(s), %lu MiB, hz=%d, sqmode=%s\n", ncpus,
		(ram_end - PHYS_RAM) >> 20, boot_hz, boot_sqmode);
	for (int h = 0; h < ncpus; h++)
		cpus[h].hartid = h;
	/* tp must be valid before anything counts an SBI call or allocates a thread */
	sched_bootstrap((int)hartid);
	ring_init();
	for (int h = 0; h < ncpus; h++) {
		if ((uint64)h == hartid)
			continue;
		if (sbi_hart_start(h, KVA2PA(secondaries_at_boot_entry ? _entry : _secondary_entry), 0) != 0)
			kprintf("refos: hart %d did not start\n", h);
	}
	if (init_argc == 0)
		init_argv[init_argc++] = "ktest";
	int pid = proc_spawn(0, init_argv[0], init_argc, init_argv);
	if (pid < 0) {
		/* a wrong command line, not a broken kernel: say so and power off */
		kprintf("refos: cannot start init '%s': error %d\n", init_argv[0], pid);
		kprintf("@exit %d\n", RF_STATUS_NO_INIT);
		sbi_shutdown(RF_STATUS_NO_INIT);
	}
	if (*crash_mode)
		kthread_create(crash_thread, 0, (int)hartid);
	sched_idle_loop((int)hartid);
}
