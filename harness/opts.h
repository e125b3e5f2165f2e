/* One option table per subcommand. getopt_long reads the command line from
 * it and --help is printed from it, so an option, the name of its value and
 * the default it shows are written once. */
#ifndef SCB_OPTS_H
#define SCB_OPTS_H

#include <stddef.h>
#include <stdio.h>

struct opt {
	const char *name; /* long name without "--"; NULL: a heading (help only) */
	int letter;       /* short option letter, 0 for none */
	const char *arg;  /* the value's name in the help ("N", "DIR"); NULL: a flag */
	const char *help; /* one or more lines, '\n' between them */
	const char *def;  /* the default the help shows; NULL: none shown */
	int id;           /* what the subcommand's setter switches on */
};
/* A table ends with an entry whose name and help are both NULL. */
#define OPT_END {NULL, 0, NULL, NULL, NULL, 0}
#define OPT_HEADING(text) {NULL, 0, NULL, text, NULL, 0}

struct cmd_spec {
	const char *name;       /* "sweep" */
	const char *synopsis;   /* after "usage: scbench NAME " */
	const char *about;      /* paragraphs before the options */
	const struct opt *opts;
	const char *tail;       /* after the options: exit status, examples */
	const char *too_many;   /* said after "unexpected argument X" */
};

/* Called for each option given, in command-line order; val is NULL for a
 * flag. Returns 0, or -1 with a message naming the option in err. */
typedef int (*opt_set_fn)(void *ctx, const struct opt *o, const char *val, char *err,
			  size_t errlen);

/* Reads argv (argv[0] the subcommand's name) by the table: "--key value",
 * "--key=value", "-k value", "-kvalue" and clustered flags, as getopt_long
 * does. Up to maxpos positional arguments, wherever they stand, go to pos
 * (*npos of them); more is a usage error. Returns 0, 1 when --help was asked
 * (and printed), or EXIT_USAGE after printing the message. */
int opts_parse(const struct cmd_spec *c, int argc, char **argv, opt_set_fn set, void *ctx,
	       const char **pos, size_t maxpos, size_t *npos);
void opts_help(const struct cmd_spec *c, FILE *f);
/* The entry with this id, or NULL. */
const struct opt *opts_find(const struct opt *table, int id);

#endif
