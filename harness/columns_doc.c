/* scbench columns: the column schema for people, as a list or as the
 * tables of docs/metrics.md (harness/tests/columns.sh checks that the doc
 * holds exactly these). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "columns.h"
#include "opts.h"

static const struct {
	const char *title, *intro;
} sections[DOC_NSECTIONS] = {
	[DOC_POINT] = {"The point (harness)", NULL},
	[DOC_RUN] = {"What the program reports (the `@run` line)", NULL},
	[DOC_HARNESS] = {"Measured by the harness", NULL},
	[DOC_DERIVED] = {"Derived (ok rows only, harness/derive.c)", NULL},
	[DOC_MODEL] = {"Cost model (harness/derive.c)", NULL},
	[DOC_HYPERFINE] = {"hyperfine (host, `--hyperfine` only)", NULL},
	[DOC_HOST_EXTRA] = {"Other host keys (sorted, after the fixed columns)",
			    "Only on the rows that have them, in name order after the fixed\n"
			    "columns, as any `@run` key not listed here would be. wl-host adds:"},
	[DOC_EMU] = {"The emulator plugin (refos, `--instrument plugin`)",
		     "Also after the fixed columns, in name order, on refos rows: what the\n"
		     "emulator plugin counted between the workload's region markers, summed over\n"
		     "harts unless said otherwise (docs/methodology.md, \"Two instruments\"). The\n"
		     "counters are the plugin's list (harness/plugin/emu_counters.h), each as\n"
		     "`emu_` and its name; with the plugin's cache model on (`model=`, its\n"
		     "counters listed in harness/plugin/cachemodel.h) they are followed by\n"
		     "`emu_cm_*`."},
};

/* The roles of a column as words: "fixed, summary, gate, ...". */
static const char *roles_of(const struct column *c, char *buf, size_t len)
{
	size_t n = (size_t)snprintf(buf, len, "%s", c->tail ? "tail" : "fixed");
	if (c->checked && n < len)
		n += (size_t)snprintf(buf + n, len - n, ", checked");
	if (c->quiet && n < len)
		n += (size_t)snprintf(buf + n, len - n, ", quiet");
	for (enum col_role r = 0; r < ROLE_NROLES && n < len; r++)
		for (const struct column *const *l = columns_role(r); *l; l++)
			if (*l == c && n < len)
				n += (size_t)snprintf(buf + n, len - n, ", %s", columns_role_name(r));
	return buf;
}

/* Aligned for people, or tab-separated (no heading) for scripts. */
static void print_text(FILE *f, int tsv)
{
	char src[120], roles[200];
	const char *fmt = tsv ? "%s\t%s\t%s\t%s\t%s\n" : "%-24s %-12s %-28s %-40s %s\n";
	if (!tsv)
		fprintf(f, fmt, "NAME", "UNIT", "SOURCE", "ROLES", "DESCRIPTION");
	for (size_t i = 0; i < columns_count(); i++) {
		const struct column *c = columns_at(i);
		fprintf(f, fmt, c->name, c->unit, columns_source_name(c->source, src, sizeof(src)),
			roles_of(c, roles, sizeof(roles)), c->desc);
	}
}

static void md_text(FILE *f, const char *s)
{
	for (; *s; s++)
		fputs(*s == '|' ? "\\|" : (char[]){*s, 0}, f);
}

/* The column tables of docs/metrics.md, one per section. */
static void print_md(FILE *f)
{
	char src[120];
	for (int s = DOC_POINT; s < DOC_NSECTIONS; s++) {
		fprintf(f, "\n## %s\n\n", sections[s].title);
		if (sections[s].intro)
			fprintf(f, "%s\n\n", sections[s].intro);
		fputs("| column | unit | source | meaning |\n| --- | --- | --- | --- |\n", f);
		for (size_t i = 0; i < columns_count(); i++) {
			const struct column *c = columns_at(i);
			if ((int)c->doc != s)
				continue;
			fprintf(f, "| `%s` | %s | %s | ", c->name, c->unit,
				columns_source_name(c->source, src, sizeof(src)));
			md_text(f, c->desc);
			fputs(" |\n", f);
		}
	}
	fputc('\n', f);
}

static const struct opt columns_opts[] = {
	{"format", 0, "text|tsv|md",
	 "text: a line per column; tsv: the same,\n"
	 "tab-separated, no heading; md: the tables\n"
	 "of docs/metrics.md", "text", 1},
	OPT_END,
};

static const struct cmd_spec columns_spec = {
	"columns", "[--format text|tsv|md]",
	"Prints the column schema (harness/columns.c): every column of runs.csv with\n"
	"its unit, where its value comes from, the lists it is in (fixed: in runs.csv's\n"
	"fixed order; tail: only where a row has it; checked: the @run line must echo\n"
	"the point's value; summary, compare, gate, plot, md, md-refos, md-host,\n"
	"figure: the lists of summary.csv, scbench compare, the gate's baseline, the\n"
	"plot data, run --format md, summary.md's tables and the figures; quiet: a\n"
	"sweep does not warn of its outliers) and its description.\n",
	columns_opts,
	"exit status: 0 printed, 1 the schema has a problem (a column without a\n"
	"description, say), 2 usage error.\n"
	"\n"
	"examples:\n"
	"  scbench columns\n"
	"  scbench columns --format md\n"
	"  scbench columns --format tsv | awk -F'\\t' '$4 ~ /summary/ { print $1 }'\n",
	" (no arguments)",
};

static int columns_set(void *ctx, const struct opt *o, const char *val, char *err, size_t errlen)
{
	(void)o;
	if (strcmp(val, "text") && strcmp(val, "tsv") && strcmp(val, "md")) {
		snprintf(err, errlen, "--format: want text, tsv or md, not '%s'", val);
		return -1;
	}
	*(const char **)ctx = val;
	return 0;
}

int cmd_columns(int argc, char **argv)
{
	const char *format = "text";
	size_t npos;
	int urc = opts_parse(&columns_spec, argc, argv, columns_set, &format, NULL, 0, &npos);
	if (urc)
		return urc == 1 ? 0 : urc;
	if (columns_check(stderr)) {
		fprintf(stderr, "scbench columns: the schema (harness/columns.c) has problems\n");
		return EXIT_FAILED_POINTS;
	}
	if (!strcmp(format, "md"))
		print_md(stdout);
	else
		print_text(stdout, !strcmp(format, "tsv"));
	return fflush(stdout) ? EXIT_FAILED_POINTS : 0;
}
