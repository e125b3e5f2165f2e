/*
 * Functions and data one kernel file offers the others, one section per
 * defining file, in the order of the kernel's layers. A subsystem with a
 * header of its own (proc.h, ring.h, pipe.h, file.h, spinlock.h) declares
 * its types and internal calls there.
 */
#pragma once
#include "types.h"
#include "uapi/refos.h"

struct trapframe; struct context; struct thread; struct proc; struct waitq;
struct spinlock; struct file; struct pipe; struct rf_stats; struct cpu;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

/* entry.S and kernel.ld */
extern uint64 boot_pagetable[512];
extern char _entry[], _secondary_entry[];
extern char _kernel_end[];

/* boot.c */
extern uint64 ram_end;
/* Every hart has Sstc (its device-tree riscv,isa): S-mode writes its own
 * stimecmp, no firmware call needed to arm its timer. */
extern bool harts_have_sstc;
extern int boot_hz;
extern const char *boot_sqmode;
extern int init_argc;
extern char *init_argv[];

/* console.c */
void console_putc(int c);
void console_write_n(const char *s, uint64 n);
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* os/lib/string.c, shared with user code */
#include "string_fns.h"

/* sbi.c */
void sbi_set_timer(uint64 stime);
void sbi_send_ipi(uint64 hart_mask);
long sbi_hart_start(uint64 hartid, uint64 start_pa, uint64 opaque);
void sbi_shutdown(int status) __attribute__((noreturn));

/* fdt.c */
void fdt_scan(const void *dtb, uint64 *mem_end, int *nharts, bool *sstc, char *bootargs,
	      uint64 bootargs_len);

/* kalloc.c */
void kalloc_init(uint64 start_pa, uint64 end_pa);
void *kalloc(void);
void *kzalloc(void);
void kfree(void *kva);
uint64 kfree_count(void);

/* vm.c */
void kvm_init(void);
uint64 *uvm_create(void);
int uvm_map_pages(uint64 *pt, uint64 va, uint64 npages, int perm);
int mm_unmap(struct proc *p, uint64 va, uint64 npages);
void ipi_take(struct cpu *c);
bool kalloc_have(uint64 npages);
uint64 *uvm_walk(uint64 *pt, uint64 va, bool alloc);
void uvm_destroy(uint64 *pt);
void mm_free_deferred(struct proc *p);
uint64 kernel_satp(void);
#define PTE_V (1L << 0)
#define PTE_R (1L << 1)
#define PTE_W (1L << 2)
#define PTE_X (1L << 3)
#define PTE_U (1L << 4)
#define PTE_G (1L << 5)
#define PTE_A (1L << 6)
#define PTE_D (1L << 7)

/* uaccess.c: every user access goes through these. */
long copy_from_user(void *dst, uint64 usrc, uint64 n);
long copy_to_user(uint64 udst, const void *src, uint64 n);
long strncpy_from_user(char *dst, uint64 usrc, uint64 n);
/* True when [uaddr, uaddr+n) lies wholly in the user half, without wrapping. */
static inline bool user_range_ok(uint64 uaddr, uint64 n)
{
	return uaddr + n >= uaddr && uaddr + n <= 0x4000000000UL;   /* USER_TOP */
}
long uaccess_to(struct proc *p, uint64 udst, const void *src, uint64 n);
long uaccess_from(struct proc *p, void *dst, uint64 usrc, uint64 n);
bool usercopy_fixup(uint64 *sepc);

/* usercopy.S: the only code that may fault on a user address (uaccess.c) */
long __user_copy(void *dst, const void *src, uint64 n);
long __user_strncpy(char *dst, uint64 usrc, uint64 n);
extern char ucopy_start[], ucopy_end[];
extern uint64 ucopy_fault_addr;

/* sched.c */
extern int sched_reserved_hart;
void sched_bootstrap(int hartid);
void sched_idle_loop(int hartid) __attribute__((noreturn));
void sched_exit_current(bool reap) __attribute__((noreturn));
struct thread *thread_alloc(void);
void thread_free(struct thread *t);
void thread_free_locked(struct thread *t);
void thread_make_runnable(struct thread *t);
void sched_yield(bool forced);
bool sched_yield_to_locked(struct thread *next);
void sleep_on(struct waitq *wq, struct spinlock *lk);
void wakeup(struct waitq *wq);
void wakeup_thread_locked(struct thread *t);
struct thread *kthread_create(void (*fn)(void *), void *arg, int pin_hart);
void waitq_init(struct waitq *wq);
void kick_hart(int hart);
void kick_harts(uint64 mask);

/* swtch.S */
void swtch(struct context *old, struct context *new, struct thread *next);

/* trapvec.S */
extern char trap_entry[];
extern char trap_entry_fast[];       /* fastpath=1 */
extern char thread_first_user[];     /* a new user thread's first return to U-mode */
extern char thread_first_kernel[];   /* a new kernel thread's first instruction */

/* trap.c */
extern char *trap_vector;   /* what trap_init_hart installs */
void trap_init_hart(void);
void timer_arm(void);
uint64 timer_parked(void);
void user_trap(struct trapframe *tf);
void user_syscall_exit(struct trapframe *tf);

/* proc.c */
void proc_init(void);
int proc_spawn(struct proc *parent, const char *prog, int argc, char **argv);
struct proc *proc_of_pagetable(uint64 *pt);
int proc_fork(struct trapframe *tf);
int proc_wait(int pid, int *status);
void proc_exit(int status) __attribute__((noreturn));
void proc_kill(struct proc *p, int status);
void proc_teardown(struct proc *p);
uint64 proc_sbrk(long incr);
void user_fault(struct trapframe *tf, uint64 cause, uint64 tval);
void mm_put_locked(struct proc *p);
void mm_drop_locked(struct cpu *c);
void mm_notify_freed(struct cpu *c);

/* thread.c */
struct trapframe *thread_trapframe(struct thread *t);
int thread_stack_alloc(struct proc *p, struct thread *t, uint64 *sp);
void thread_stack_free(struct proc *p, int slot);
int thread_spawn_user(uint64 entry, uint64 fn, uint64 arg);
int thread_join(int tid, long *value);
void thread_exit_user(long value) __attribute__((noreturn));

/* exec.c, and the progs.S the build generates */
struct prog {
	const char *name;
	const uint8 *start, *end;
};
extern const struct prog embedded_progs[];
extern const int embedded_nprogs;
const void *prog_lookup(const char *name, uint64 *size);
int elf_load(uint64 *pt, const void *image, uint64 size, uint64 *entry, uint64 *end);
int push_argv(uint64 *pt, uint64 *sp, int argc, char **argv, uint64 *uargv);
int copy_to_pt(uint64 *pt, uint64 va, const void *src, uint64 n);

/* file.c */
void file_init(void);
struct file *file_get(int fd);
void file_put(struct file *f);
void file_dup(struct file *f);
struct file *file_alloc(int type, struct pipe *pi);
int fd_install2(struct proc *p, struct file *f, int *fdf, struct file *g, int *fdg);
int fd_close(struct proc *p, int fd);
long file_read(struct file *f, uint64 ubuf, uint64 n);
long file_write(struct file *f, uint64 ubuf, uint64 n);

/* pipe.c */
void pipe_init(void);
int pipe_create(struct file **rf, struct file **wf);
void pipe_close(struct pipe *pi, bool writer);
long pipe_read(struct pipe *pi, uint64 ubuf, uint64 n);
long pipe_write(struct pipe *pi, uint64 ubuf, uint64 n);

/* sysfile.c */
int pipe_open_fds(struct proc *p, int fds[2]);

/* sysproc.c */
void stats_snapshot(struct rf_stats *s);

/* ring_sys.c */
void ring_teardown(struct proc *p);
void ring_thread_exit(struct thread *t);

/* sched_shared.c */
extern bool sched_shared;
uint64 shs_reserve(uint64 start_pa);
void shs_detach(struct proc *p);
void sched_timeout(void);

/* uintr.c */
void uintr_deliver(struct thread *t, struct trapframe *tf, bool after_syscall);
