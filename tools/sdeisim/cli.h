/*
 * cli.h - the sdeisim command: shared pieces of its subcommands.
 *
 * Exit status, for every subcommand: 0 all passed, 1 a check failed,
 * 2 bad input or usage.
 */
#ifndef SDEISIM_CLI_H
#define SDEISIM_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sim.h"

struct option;               /* getopt.h */

#define EXIT_PASSED   0
#define EXIT_FAILED   1
#define EXIT_BADINPUT 2

struct cli_cmd {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);   /* argv[0] is the subcommand's name */
};

/* The whole command (main.c): argv[1] names the subcommand.  The exit
 * status.  It keeps nothing between calls, so a test may run it many
 * times in one process (tools/tests/sdeisim_batch.c) where it would
 * otherwise start thousands of processes. */
int sdeisim_main(int argc, char **argv);

/* The subcommands (run.c, repro.c; the trace ones are traces/trace_cli.h). */
int cmd_run(int argc, char **argv);
int cmd_repro(int argc, char **argv);

/* ---- files.c ---- */

/* The scenario files a run goes through, in order: path[k], and error[k]
 * when it is a directory that cannot be read (else NULL). */
struct scen_files {
	char **path;
	char **error;
	size_t n;
};

/* The scenario files named by paths: files as given, directories expanded
 * to every *.yaml below them, sorted.  A path that cannot be used is one
 * of them all the same (FORMAT.md, "Running": it is reported among the
 * results, counts as failed, and the others run): one that is missing,
 * a directory that cannot be read, or one with no *.yaml below it
 * carries the reason in error[] (hostfs_walk's); a file below a directory
 * that cannot be opened is left to the loader to say why.  Returns 0, or
 * -1 (out of memory) after saying so. */
int collect_yaml(char **paths, int npaths, struct scen_files *out);
void free_files(struct scen_files *f);

/* ---- report.c ---- */

/* One scenario's outcome, with what was recorded while it ran. */
struct scen_report {
	char  *file;
	char  *name;            /* NULL if it could not be loaded */
	int    status;          /* EXIT_PASSED, EXIT_FAILED or EXIT_BADINPUT */
	char   message[800];    /* "FILE:LINE:COL: message" when not passed; passed, a note or "" */
	char   note[2][800];    /* passed with more notes: the second and third, in file order, or "" */
	double seconds;         /* wall-clock, with --junit-times only (else 0) */
	char  *verbose;         /* --verbose text (may be NULL) */
	char  *timeline;        /* trace events of this scenario, comma-separated JSON objects (may be NULL) */
	char   output_error[640]; /* why its --trace file could not be written, or "": the
				   * run's own result stands beside it */
};

/* An observer that writes --verbose lines and/or timeline events for one
 * scenario.  open() before the run, close() after (fills the report). */
struct recorder;
struct recorder *recorder_open(const struct sim_program *prog, bool verbose, bool timeline,
			       unsigned scenario_index);
struct sim_observer recorder_observer(struct recorder *r);
/* How long the --verbose narration is so far: where in its text (the
 * report's verbose, once closed) what happens next begins. */
size_t recorder_narrated(struct recorder *r);
void recorder_close(struct recorder *r, struct scen_report *rep);

/* Write the JUnit XML and the trace-event JSON of a whole run into of
 * (open: outfile.h), and close it.  0, or -1 after saying why. */
struct outfile;
int write_junit(struct outfile *of, const struct scen_report *reps, size_t n);
int write_timeline(struct outfile *of, const struct scen_report *reps, size_t n);

void report_free(struct scen_report *rep);

/* getopt's optarg for an option a command takes once: *slot takes it;
 * given before, false after saying so ("sdeisim CMD: NAME given twice"). */
bool option_once(const char *cmd, const char *name, const char **slot);

/* What getopt_long (opterr = 0, the short options starting with ':')
 * returned as c for a bad option, said as "sdeisim CMD: ..." as every
 * subcommand's messages are (getopt would say "CMD: ..."); an unknown
 * long option that is a slip of one of longs' (getopt_long's table, ended
 * by a NULL name) names the option meant ("did you mean --trace?").
 * Returns EXIT_BADINPUT. */
int option_error(const char *cmd, int c, char **argv, const struct option *longs);

#endif /* SDEISIM_CLI_H */
