/* Parsing of the console's machine lines. The JSON is read by jansson; this
 * file only decides what a well-formed @run object is. */
#include "runline.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int starts_word(const char *line, const char *word)
{
	size_t n = strlen(word);
	return strncmp(line, word, n) == 0 &&
	       (line[n] == 0 || line[n] == ' ' || line[n] == '\t');
}

enum line_kind line_kind(const char *line)
{
	/* Only a line that starts with the word counts: text that merely
	 * contains "@run" (an echo of the command, say) is for people. */
	if (starts_word(line, "@run"))
		return LINE_RUN;
	if (starts_word(line, "@panic"))
		return LINE_PANIC;
	if (starts_word(line, "@exit"))
		return LINE_EXIT;
	if (starts_word(line, "@emu"))
		return LINE_EMU;
	return LINE_TEXT;
}

int exitline_parse(const char *line, int *status)
{
	const char *s = line + strlen("@exit");
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (errno || end == s || *end || v < -2147483647L || v > 2147483647L)
		return -1;
	*status = (int)v;
	return 0;
}

/* Keys become CSV column names: insist on snake_case so a key can never
 * break the header or collide with quoting. */
static int good_key(const char *k)
{
	if (!(*k >= 'a' && *k <= 'z'))
		return 0;
	size_t n = 0;
	for (; *k; k++, n++)
		if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') || *k == '_'))
			return 0;
	return n <= 64;
}

struct required {
	const char *key;
	json_type type; /* JSON_INTEGER or JSON_STRING */
};

static const struct required required_keys[] = {
	{"target", JSON_STRING}, {"workload", JSON_STRING}, {"backend", JSON_STRING},
	{"conc", JSON_INTEGER},  {"size", JSON_INTEGER},    {"ops", JSON_INTEGER},
	{"bytes", JSON_INTEGER}, {"verify", JSON_STRING},
};

static int check_required(json_t *obj, char *err, size_t errlen)
{
	for (size_t i = 0; i < sizeof(required_keys) / sizeof(required_keys[0]); i++) {
		const struct required *r = &required_keys[i];
		json_t *v = json_object_get(obj, r->key);
		if (!v) {
			snprintf(err, errlen, "@run lacks key \"%s\"", r->key);
			return -1;
		}
		if (json_typeof(v) != r->type) {
			snprintf(err, errlen, "@run key \"%s\" should be %s", r->key,
				 r->type == JSON_STRING ? "a string" : "an integer");
			return -1;
		}
		if (r->type == JSON_INTEGER && json_integer_value(v) < 0) {
			snprintf(err, errlen, "@run key \"%s\" is negative", r->key);
			return -1;
		}
	}
	const char *verify = json_string_value(json_object_get(obj, "verify"));
	if (strcmp(verify, "ok") && strcmp(verify, "fail")) {
		snprintf(err, errlen, "@run verify is \"%s\", not \"ok\" or \"fail\"", verify);
		return -1;
	}
	const char *target = json_string_value(json_object_get(obj, "target"));
	if (strcmp(target, "refos") && strcmp(target, "linux") && strcmp(target, "host")) {
		snprintf(err, errlen, "@run target is \"%s\", not refos, linux or host", target);
		return -1;
	}
	return 0;
}

int runline_parse(const char *line, struct row *out, char *err, size_t errlen)
{
	if (line_kind(line) != LINE_RUN) {
		snprintf(err, errlen, "not an @run line");
		return -1;
	}
	json_error_t jerr;
	json_t *obj = json_loads(line + 4, JSON_REJECT_DUPLICATES, &jerr);
	if (!obj) {
		snprintf(err, errlen, "malformed @run JSON at column %d: %s", jerr.column, jerr.text);
		return -1;
	}
	int rc = -1;
	if (!json_is_object(obj)) {
		snprintf(err, errlen, "@run JSON is not an object");
		goto out;
	}
	if (check_required(obj, err, errlen))
		goto out;
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		if (!good_key(key)) {
			snprintf(err, errlen, "@run key \"%.40s\" is not snake_case", key);
			goto out;
		}
		switch (json_typeof(v)) {
		case JSON_INTEGER:
			row_setf(out, key, "%lld", (long long)json_integer_value(v));
			break;
		case JSON_REAL:
			row_setf(out, key, "%.17g", json_real_value(v));
			break;
		case JSON_STRING:
			row_set(out, key, json_string_value(v));
			break;
		case JSON_TRUE:
			row_set(out, key, "1");
			break;
		case JSON_FALSE:
			row_set(out, key, "0");
			break;
		case JSON_NULL:
			break; /* a counter that could not be read: absent */
		default:
			snprintf(err, errlen, "@run key \"%s\" holds a nested value", key);
			goto out;
		}
	}
	rc = 0;
out:
	json_decref(obj);
	return rc;
}
