/* The machine lines of a console (docs/interfaces.md): @run, @panic, @exit,
 * @emu. */
#ifndef SCB_RUNLINE_H
#define SCB_RUNLINE_H

#include <stddef.h>

#include "row.h"

enum line_kind {
	LINE_TEXT,  /* for people */
	LINE_RUN,   /* @run {json} */
	LINE_PANIC, /* @panic message */
	LINE_EXIT,  /* @exit status */
	LINE_EMU,   /* @emu {json}: the emulator plugin (emu.h) */
};

enum line_kind line_kind(const char *line);

/* Parses an "@run {json}" line into one cell per key (integers exactly,
 * strings as they are, true/false as 1/0, null as absent) and checks the
 * keys every @run line has. Returns 0, or -1 with a reason in err. */
int runline_parse(const char *line, struct row *out, char *err, size_t errlen);

/* "@exit N": 0 and *status = N, or -1 when N is not an integer. */
int exitline_parse(const char *line, int *status);

#endif
