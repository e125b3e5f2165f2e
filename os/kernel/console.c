/* The console: QEMU virt's 16550 UART, written by polling, plus kprintf. */
#include <stdarg.h>
#include "defs.h"
#include "memlayout.h"
#include "spinlock.h"
#include "riscv.h"
#include "../lib/fmt.h"

#define UART_THR 0
#define UART_LSR 5
#define LSR_THRE (1 << 5)

static volatile uint8 *const uart = (volatile uint8 *)PA2KVA(UART0_PHYS);
static struct spinlock console_lock = SPINLOCK_INIT("console");
static volatile int panicking;

static void uart_putc(int c)
{
	while (!(uart[UART_LSR] & LSR_THRE))
		;
	uart[UART_THR] = (uint8)c;
}

void console_putc(int c)
{
	if (c == '\n')
		uart_putc('\r');
	uart_putc(c);
}

/* Writes n bytes as one unit, so lines from different harts don't interleave. */
void console_write_n(const char *s, uint64 n)
{
	if (!panicking)
		spin_lock(&console_lock);
	for (uint64 i = 0; i < n; i++)
		console_putc(s[i]);
	if (!panicking)
		spin_unlock(&console_lock);
}

int kprintf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_write_n(buf, MIN((uint64)n, sizeof(buf) - 1));
	return n;
}

void panic(const char *fmt, ...)
{
	char buf[200];
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	panicking = 1;
	kprintf("@panic %s\n", buf);
	sbi_shutdown(1);
}
