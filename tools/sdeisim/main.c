/*
 * main.c - sdeisim: one binary, one table of subcommands (entry.c's main
 * runs it).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"
#include "quote.h"
#include "scn_near.h"
#include "sdeisim_gitrev.h"
#include "trace.h"
#include "trace_cli.h"

static const struct cli_cmd commands[] = {
	{ "run", "run YAML scenarios on the simulated machine", cmd_run },
	{ "import", "turn an FVP Tarmac trace or a TF-A SDEI log into a canonical trace", trace_cmd_import },
	{ "replay", "run a canonical trace against the dispatcher and show where it diverges", trace_cmd_replay },
	{ "export", "write a trace as a timeline or a scenario, a scenario as a Tarmac trace", trace_cmd_export },
	{ "repro", "replay a fuzz finding with tracing and turn it into a YAML regression test", cmd_repro },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f)
{
	fprintf(f, "usage: sdeisim COMMAND [OPTIONS] [ARGS]\n\n"
		   "An SDEI (Arm DEN0054C) dispatcher in a simulated multi-PE machine.\n\n"
		   "Commands:\n");
	for (size_t k = 0; k < NCOMMANDS; k++)
		fprintf(f, "  %-10s %s\n", commands[k].name, commands[k].summary);
	fprintf(f, "\n`sdeisim COMMAND --help` describes a command; `sdeisim --version` says\n"
		   "which sdeisim this is.\n"
		   "Exit status: 0 all passed, 1 a check failed, 2 bad input or usage.\n");
}

/* What a bug report needs to name: the build, and the formats it reads. */
static void version(void)
{
	printf("sdeisim %s (%s)\n"
	       "SDEI 1.0 and 1.1 (Arm DEN0054C); scenario format version 1; canonical traces "
	       "'# sdeisim-trace %d' (reads versions %d to %d)\n", SDEISIM_VERSION, SDEISIM_GIT_REV,
	       TRACE_VERSION, TRACE_VERSION_MIN, TRACE_VERSION);
}

bool option_once(const char *cmd, const char *name, const char **slot)
{
	if (*slot) {
		fprintf(stderr, "sdeisim %s: %s given twice\n", cmd, name);
		return false;
	}
	*slot = optarg;
	return true;
}

/* The options of longs that the len bytes at text may be a slip of, as
 * "--NAME" in nr->said; false when none is near. */
static bool said_near(struct scn_near *nr, const char *text, size_t len, const struct option *longs)
{
	for (size_t k = 0; longs[k].name; k++)
		scn_near(nr, text, len, longs[k].name);
	return scn_near_said(nr, "--") != NULL;
}

int option_error(const char *cmd, int c, char **argv, const struct option *longs)
{
	const char *word = argv[optind - 1];      /* the word getopt stopped at */
	bool is_long = strncmp(word, "--", 2) == 0;
	struct scn_near nr = { 0 };

	if (c == ':' && is_long)
		fprintf(stderr, "sdeisim %s: %s needs a value\n", cmd, word);
	else if (c == ':')
		fprintf(stderr, "sdeisim %s: -%c needs a value\n", cmd, optopt);
	else if (is_long && optopt && strchr(word, '='))   /* --verbose=1 */
		fprintf(stderr, "sdeisim %s: %.*s takes no value\n", cmd, (int)strcspn(word, "="), word);
	else if (optopt)
		fprintf(stderr, "sdeisim %s: unknown option '-%c' (try --help)\n", cmd, optopt);
	else if (is_long && said_near(&nr, word + 2, strcspn(word + 2, "="), longs))
		fprintf(stderr, "sdeisim %s: unknown option '%s' (did you mean %s?)\n", cmd,
			SIM_QUOTED_STR(word), nr.said);
	else
		fprintf(stderr, "sdeisim %s: unknown option '%s' (try --help)\n", cmd, SIM_QUOTED_STR(word));
	return EXIT_BADINPUT;
}

/* A command's status, unless what it printed did not all reach standard
 * output (a full disk, a closed pipe): that is a failure too. */
static int flushed(int status)
{
	char err[200];

	if (outfile_flush_stdout(err, sizeof err)) {
		if (status != EXIT_BADINPUT)     /* else the command has said why */
			fprintf(stderr, "sdeisim: %s\n", err);
		return EXIT_BADINPUT;
	}
	return status;
}

/* word is no command: say so as who ("sdeisim", "sdeisim help"), with
 * the command it is a slip of if any, then the usage. */
static int unknown_command(const char *who, const char *word)
{
	struct scn_near nr = { 0 };
	const char *near;

	for (size_t k = 0; k < NCOMMANDS; k++)
		scn_near(&nr, word, strlen(word), commands[k].name);
	near = scn_near_said(&nr, "");
	if (near)
		fprintf(stderr, "%s: unknown command '%s' (did you mean %s?)\n\n", who,
			SIM_QUOTED_STR(word), near);
	else
		fprintf(stderr, "%s: unknown command '%s'\n\n", who, SIM_QUOTED_STR(word));
	usage(stderr);
	return EXIT_BADINPUT;
}

int sdeisim_main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_BADINPUT;
	}
	if (strcmp(argv[1], "help") == 0 && argc > 3) {
		fprintf(stderr, "sdeisim help: one command at a time\n\n");
		usage(stderr);
		return EXIT_BADINPUT;
	}
	if (strcmp(argv[1], "help") == 0 && argc == 3) {
		/* `sdeisim help COMMAND` is `sdeisim COMMAND --help` */
		static char help_opt[] = "--help";
		char *args[] = { argv[2], help_opt, NULL };
		for (size_t k = 0; k < NCOMMANDS; k++)
			if (strcmp(argv[2], commands[k].name) == 0)
				return flushed(commands[k].run(2, args));
		return unknown_command("sdeisim help", argv[2]);
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    (strcmp(argv[1], "help") == 0 && argc == 2)) {
		usage(stdout);
		return flushed(EXIT_PASSED);
	}
	if (strcmp(argv[1], "--version") == 0 && argc == 2) {
		version();
		return flushed(EXIT_PASSED);
	}
	for (size_t k = 0; k < NCOMMANDS; k++)
		if (strcmp(argv[1], commands[k].name) == 0)
			return flushed(commands[k].run(argc - 1, argv + 1));
	return unknown_command("sdeisim", argv[1]);
}
