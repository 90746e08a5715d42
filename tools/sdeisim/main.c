/*
 * main.c - sdeisim: one binary, one table of subcommands.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
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

int option_error(const char *cmd, int c, char **argv)
{
	const char *word = argv[optind - 1];      /* the word getopt stopped at */
	bool is_long = strncmp(word, "--", 2) == 0;

	if (c == ':' && is_long)
		fprintf(stderr, "sdeisim %s: %s needs a value\n", cmd, word);
	else if (c == ':')
		fprintf(stderr, "sdeisim %s: -%c needs a value\n", cmd, optopt);
	else if (is_long && optopt && strchr(word, '='))   /* --verbose=1 */
		fprintf(stderr, "sdeisim %s: %.*s takes no value\n", cmd, (int)strcspn(word, "="), word);
	else if (optopt)
		fprintf(stderr, "sdeisim %s: unknown option '-%c' (try --help)\n", cmd, optopt);
	else
		fprintf(stderr, "sdeisim %s: unknown option '%s' (try --help)\n", cmd, word);
	return EXIT_BADINPUT;
}

/* A command's status, unless what it printed did not all reach standard
 * output (a full disk, a closed pipe): that is a failure too. */
static int flushed(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (status != EXIT_BADINPUT)     /* else the command has said why */
			fprintf(stderr, "sdeisim: standard output: write error: %s\n", strerror(errno));
		return EXIT_BADINPUT;
	}
	return status;
}

int main(int argc, char **argv)
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
		fprintf(stderr, "sdeisim help: unknown command '%s'\n\n", argv[2]);
		usage(stderr);
		return EXIT_BADINPUT;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    (strcmp(argv[1], "help") == 0 && argc == 2)) {
		usage(stdout);
		return EXIT_PASSED;
	}
	if (strcmp(argv[1], "--version") == 0 && argc == 2) {
		version();
		return flushed(EXIT_PASSED);
	}
	for (size_t k = 0; k < NCOMMANDS; k++)
		if (strcmp(argv[1], commands[k].name) == 0)
			return flushed(commands[k].run(argc - 1, argv + 1));
	fprintf(stderr, "sdeisim: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return EXIT_BADINPUT;
}
