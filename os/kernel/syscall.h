#pragma once
#include "types.h"
#include "uapi/syscall_nr.h"
struct trapframe;
typedef long (*syscall_fn)(struct trapframe *);
extern const syscall_fn syscall_table[SYS_MAX + 1];
extern const char *const syscall_names[SYS_MAX + 1];
