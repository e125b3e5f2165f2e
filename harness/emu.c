/* The emulator plugin's arguments and its @emu line (see emu.h). */
#include "emu.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spawn.h"

int emu_args(const char *kernel, const char *qemu, const char *stvec_symbol, char **out,
	     char *err, size_t errlen)
{
	/* 2>&1: on failure the script's one-line reason is what it printed. */
	char *argv[] = {"sh", "-c", "\"$0\" \"$1\" \"$2\" \"$3\" 2>&1", EMU_ARGS_SCRIPT,
			(char *)kernel, (char *)qemu, (char *)stvec_symbol, NULL};
	char *text;
	int rc = spawn_capture(argv, &text);
	size_t n = strlen(text);
	while (n && (text[n - 1] == '\n' || text[n - 1] == ' '))
		text[--n] = 0;
	if (rc != 0 || n == 0 || strchr(text, '\n')) {
		/* The script's own reason is its last line; the tools it runs may
		 * have said more before it. */
		const char *last = strrchr(text, '\n');
		last = last ? last + 1 : text;
		snprintf(err, errlen, "%s: %s", EMU_ARGS_SCRIPT,
			 n ? last : rc == 127 ? "cannot run it" : "printed nothing");
		free(text);
		return -1;
	}
	*out = text;
	return 0;
}

/* One counter's array: its sum, and element v in *at_v. -1 when it is not
 * an array of nvcpus non-negative integers. */
static int sum_array(json_t *a, size_t nvcpus, size_t v, long long *sum, long long *at_v)
{
	if (!json_is_array(a) || json_array_size(a) != nvcpus)
		return -1;
	*sum = 0;
	for (size_t i = 0; i < nvcpus; i++) {
		json_t *x = json_array_get(a, i);
		if (!json_is_integer(x) || json_integer_value(x) < 0)
			return -1;
		*sum += json_integer_value(x);
		if (i == v)
			*at_v = json_integer_value(x);
	}
	return 0;
}

/* "0:U/S/M,1:U/S/M": what each hart executed, in one cell. */
static void by_hart(json_t *region, size_t nvcpus, struct row *row)
{
	static const char *const lv[] = {"instr_u", "instr_s", "instr_m"};
	char buf[1024];
	size_t len = 0;
	buf[0] = 0;
	for (size_t v = 0; v < nvcpus && len < sizeof(buf); v++) {
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%zu:", v ? "," : "", v);
		for (int l = 0; l < 3 && len < sizeof(buf); l++)
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%lld", l ? "/" : "",
					       json_integer_value(json_array_get(
						       json_object_get(region, lv[l]), v)));
	}
	row_set(row, "emu_instr_by_hart", buf);
}

static int fill(json_t *o, struct row *row, char *err, size_t errlen)
{
	json_t *region = json_object_get(o, "region");
	json_int_t nv = json_integer_value(json_object_get(o, "vcpus"));
	json_int_t hart = json_integer_value(json_object_get(o, "begin_vcpu"));
	if (!json_is_object(region) || nv < 1 || hart < 0 || hart >= nv) {
		snprintf(err, errlen, "@emu line without vcpus, begin_vcpu or region");
		return -1;
	}
	long long instr = 0, instr_hart = 0;
	const char *key;
	json_t *a;
	json_object_foreach(region, key, a) {
		long long sum, at = 0;
		char name[80];
		if (sum_array(a, (size_t)nv, (size_t)hart, &sum, &at)) {
			snprintf(err, errlen, "@emu region.%s is not %lld counts", key, (long long)nv);
			return -1;
		}
		snprintf(name, sizeof(name), "emu_%s", key);
		row_setf(row, name, "%lld", sum);
		/* instr_u, instr_s, instr_m: the levels, split by hart */
		if (!strncmp(key, "instr_", 6) && strlen(key) == 7) {
			instr += sum;
			instr_hart += at;
			snprintf(name, sizeof(name), "emu_instr_hart_%c", key[6]);
			row_setf(row, name, "%lld", at);
			snprintf(name, sizeof(name), "emu_instr_rest_%c", key[6]);
			row_setf(row, name, "%lld", sum - at);
		}
	}
	row_setf(row, "emu_instr", "%lld", instr);
	row_setf(row, "emu_hart", "%lld", (long long)hart);
	row_setf(row, "emu_instr_hart", "%lld", instr_hart);
	row_setf(row, "emu_instr_rest", "%lld", instr - instr_hart);
	by_hart(region, (size_t)nv, row);
	return 0;
}

int emu_parse(const char *line, struct row *row, char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *o = json_loads(line + 4, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(o)) {
		snprintf(err, errlen, "malformed @emu line: %s", o ? "not an object" : jerr.text);
		json_decref(o);
		return -1;
	}
	const char *why = json_string_value(json_object_get(o, "error"));
	int rc = -1;
	if (why)
		snprintf(err, errlen, "emulator plugin: %s", why);
	else
		rc = fill(o, row, err, errlen);
	json_decref(o);
	return rc;
}
