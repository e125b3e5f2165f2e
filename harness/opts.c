/* Command lines read by getopt_long from a subcommand's option table, and
 * the --help text printed from the same table. Errors name the option the
 * way the help spells it (--jobs, also when -j was typed). */
#include "opts.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "row.h"

/* getopt_long's value for the long option of table entry i; above every
 * letter, so short and long options share one switch. */
#define LONG_BASE 256
#define HELP_WIDTH 24

static size_t table_len(const struct opt *t)
{
	size_t n = 0;
	while (t[n].name || t[n].help)
		n++;
	return n;
}

const struct opt *opts_find(const struct opt *table, int id)
{
	for (const struct opt *o = table; o->name || o->help; o++)
		if (o->name && o->id == id)
			return o;
	return NULL;
}

/* The entry getopt_long's answer (or optopt) stands for, or NULL. */
static const struct opt *entry_of(const struct opt *t, size_t n, int ch)
{
	if (ch >= LONG_BASE && (size_t)(ch - LONG_BASE) < n)
		return &t[ch - LONG_BASE];
	for (size_t i = 0; ch > 0 && i < n; i++)
		if (t[i].name && t[i].letter == ch)
			return &t[i];
	return NULL;
}

/* The getopt_long tables: ":" first so a missing value is told apart from
 * an unknown option; -h and --help are every subcommand's. */
static void getopt_tables(const struct opt *t, size_t n, struct option **lo, char **shorts)
{
	size_t nl = 0, ns = 0;
	*lo = xmalloc((n + 2) * sizeof(**lo));
	*shorts = xmalloc(2 * n + 3);
	(*shorts)[ns++] = ':';
	(*shorts)[ns++] = 'h';
	for (size_t i = 0; i < n; i++) {
		if (!t[i].name)
			continue;
		(*lo)[nl++] = (struct option){t[i].name, t[i].arg ? required_argument : no_argument,
					      NULL, LONG_BASE + (int)i};
		if (t[i].letter) {
			(*shorts)[ns++] = (char)t[i].letter;
			if (t[i].arg)
				(*shorts)[ns++] = ':';
		}
	}
	(*lo)[nl++] = (struct option){"help", no_argument, NULL, 'h'};
	(*lo)[nl] = (struct option){NULL, 0, NULL, 0};
	(*shorts)[ns] = 0;
}

/* A getopt_long error as a usage error naming the option. */
static int getopt_error(const struct cmd_spec *c, const struct opt *o, int ch, const char *word)
{
	if (ch == ':')
		return usage_error(c->name, "--%s needs a value", o ? o->name : "?");
	if (o) /* "--flag=value" */
		return usage_error(c->name, "--%s takes no value", o->name);
	if (optopt)
		return usage_error(c->name, "unknown option '-%c'", optopt);
	return usage_error(c->name, "unknown option '%.*s'", (int)strcspn(word, "="), word);
}

int opts_parse(const struct cmd_spec *c, int argc, char **argv, opt_set_fn set, void *ctx,
	       const char **pos, size_t maxpos, size_t *npos)
{
	size_t n = table_len(c->opts);
	struct option *lo;
	char *shorts, err[400];
	/* getopt_long moves positional arguments to the end; the caller's
	 * argv stays as typed (meta.json records it). */
	char **av = xmalloc((size_t)(argc + 1) * sizeof(*av));
	memcpy(av, argv, (size_t)argc * sizeof(*av));
	av[argc] = NULL;
	getopt_tables(c->opts, n, &lo, &shorts);
	opterr = 0;
	optind = 0; /* glibc: start afresh, whatever an earlier parse left */
	int rc = 0, ch;
	while (!rc && (ch = getopt_long(argc, av, shorts, lo, NULL)) != -1) {
		const char *word = av[optind - 1];
		const struct opt *o = entry_of(c->opts, n, ch == '?' || ch == ':' ? optopt : ch);
		if (ch == 'h')
			rc = 1;
		else if (ch == '?' || ch == ':')
			rc = getopt_error(c, o, ch, word);
		/* "--conc --ops 10" is a slip, not a concurrency of "--ops". */
		else if (o->arg && (!*optarg || (optarg == word && !strncmp(optarg, "--", 2))))
			rc = usage_error(c->name, "--%s needs a value", o->name);
		else if (set(ctx, o, o->arg ? optarg : NULL, err, sizeof(err)))
			rc = usage_error(c->name, "%s", err);
	}
	if (rc == 1)
		opts_help(c, stdout);
	*npos = 0;
	for (int i = optind; !rc && i < argc; i++) {
		if ((size_t)(i - optind) >= maxpos)
			rc = usage_error(c->name, "unexpected argument '%s'%s", av[i],
					 c->too_many ? c->too_many : "");
		else
			pos[(*npos)++] = av[i];
	}
	free(av);
	free(lo);
	free(shorts);
	return rc;
}

static void left_column(const struct opt *o, char *buf, size_t n)
{
	int off = o->letter ? snprintf(buf, n, "-%c, ", o->letter) : 0;
	snprintf(buf + off, n - (size_t)off, "--%s%s%s", o->name, o->arg ? " " : "",
		 o->arg ? o->arg : "");
}

/* "  --conc N     text" with continuation lines under the text and the
 * default after its last line. */
static void help_entry(FILE *f, const char *left, const char *help, const char *def)
{
	if (strlen(left) > HELP_WIDTH)
		fprintf(f, "  %s\n%*s", left, HELP_WIDTH + 4, "");
	else
		fprintf(f, "  %-*s  ", HELP_WIDTH, left);
	size_t col = HELP_WIDTH + 4;
	for (const char *l = help; *l;) {
		size_t len = strcspn(l, "\n");
		fprintf(f, "%.*s", (int)len, l);
		col = HELP_WIDTH + 4 + len;
		l += len;
		if (*l) {
			l++;
			fprintf(f, "\n%*s", HELP_WIDTH + 4, "");
		}
	}
	/* The default on its own line when it would pass 80 columns. */
	if (def && col + strlen(def) + 11 > 80)
		fprintf(f, "\n%*s(default %s)", HELP_WIDTH + 4, "", def);
	else if (def)
		fprintf(f, "%s(default %s)", *help ? " " : "", def);
	fputc('\n', f);
}

void opts_help(const struct cmd_spec *c, FILE *f)
{
	char left[128];
	fprintf(f, "usage: scbench %s %s\n\n%s", c->name, c->synopsis, c->about);
	if (c->opts[0].name)
		fprintf(f, "\noptions:\n");
	for (const struct opt *o = c->opts; o->name || o->help; o++) {
		if (!o->name) {
			fprintf(f, "\n%s\n", o->help);
			continue;
		}
		left_column(o, left, sizeof(left));
		help_entry(f, left, o->help, o->def);
	}
	help_entry(f, "-h, --help", "this text", NULL);
	fprintf(f, "\n%s", c->tail);
}
