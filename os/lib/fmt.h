#pragma once
#include <stdarg.h>
#include <stddef.h>
int fmt_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap);
