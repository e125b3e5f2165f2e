# The portable workload core: plain variable assignments only, so that any
# fragment (workloads/workloads.mk for the host, os/os.mk for refos) can
# include this file and compile the same sources with its own compiler.
# Compile with -Iworkloads/include; add the coroutine switch for the target
# architecture: WL_CORE_ASM_x86_64 or WL_CORE_ASM_riscv64.

WL_CORE_DIR        := workloads/core
WL_CORE_SRCS       := $(addprefix $(WL_CORE_DIR)/,args.c json.c verify.c coro.c \
                      sched.c workloads.c steps_shs.c run.c backend_sync.c backend_null.c \
                      usage.c)
WL_CORE_ASM_x86_64 := $(WL_CORE_DIR)/coro_x86_64.S
WL_CORE_ASM_riscv64 := $(WL_CORE_DIR)/coro_riscv64.S
WL_INCLUDE         := workloads/include
