/*
 * json.c - builds the one-line `@run {json}` object and prints messages.
 * A fixed buffer: the object is small and the core must not depend on a
 * JSON library (refos has none). Overflow marks the object broken rather
 * than truncating it into something that still parses.
 */
#include "wl.h"
#include "wl_run.h"

void wl_printf(int stream, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	wl_plat_console_write(stream, buf, (size_t)n);
}

void wl_json_init(struct wl_json *j)
{
	j->len = 0;
	j->overflow = false;
	j->buf[j->len++] = '{';
	j->buf[j->len] = '\0';
}

static void put(struct wl_json *j, const char *s, size_t n)
{
	if (j->overflow || j->len + n + 2 > sizeof(j->buf)) {
		j->overflow = true;	/* keep room for the closing "}" */
		return;
	}
	memcpy(j->buf + j->len, s, n);
	j->len += n;
	j->buf[j->len] = '\0';
}

/* A JSON string: quotes, backslashes and control characters escaped. */
static void put_string(struct wl_json *j, const char *s)
{
	put(j, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];

		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			put(j, esc, 2);
		} else if (c < 0x20) {
			snprintf(esc, sizeof(esc), "\\u%04x", c);
			put(j, esc, 6);
		} else {
			put(j, (const char *)&c, 1);
		}
	}
	put(j, "\"", 1);
}

static void put_key(struct wl_json *j, const char *key)
{
	if (j->len > 1)
		put(j, ",", 1);
	put_string(j, key);
	put(j, ":", 1);
}

void wl_json_u64(struct wl_json *j, const char *key, uint64_t value)
{
	char num[24];
	int n = snprintf(num, sizeof(num), "%llu", (unsigned long long)value);

	put_key(j, key);
	put(j, num, (size_t)n);
}

void wl_json_str(struct wl_json *j, const char *key, const char *value)
{
	put_key(j, key);
	put_string(j, value);
}

const char *wl_json_finish(struct wl_json *j)
{
	if (j->overflow)
		return NULL;
	j->buf[j->len++] = '}';
	j->buf[j->len] = '\0';
	return j->buf;
}
