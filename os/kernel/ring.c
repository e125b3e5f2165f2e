/* Asynchronous rings: not yet built; the calls answer -ENOSYS. */
#include "defs.h"
#include "proc.h"

void ring_teardown(struct proc *p) { (void)p; }
void ring_thread_exit(struct thread *t) { (void)t; }
void uintr_deliver(struct thread *t, struct trapframe *tf) { (void)t; (void)tf; }
void ring_pipe_progress(struct pipe *pi, bool room) { (void)pi; (void)room; }
long sys_ring_setup(struct trapframe *tf) { (void)tf; return -RF_ENOSYS; }
long sys_ring_enter(struct trapframe *tf) { (void)tf; return -RF_ENOSYS; }
long sys_uintr_register(struct trapframe *tf) { (void)tf; return -RF_ENOSYS; }
long sys_uintr_return(struct trapframe *tf) { (void)tf; return -RF_ENOSYS; }
