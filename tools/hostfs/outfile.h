/*
 * outfile.h - the files the sdeisim commands write (-o, --junit,
 * --timeline, --trace, --yaml): written whole or not at all, never over
 * one of the command's inputs.
 *
 * A regular file (or a new one) is written to a temporary file in the
 * same directory, flushed to disk and renamed over the target when the
 * command keeps it: a command that fails, a write that fails, or a signal
 * that ends the program (SIGINT, SIGTERM, SIGHUP: the temporary file is
 * removed, and the program dies of it), leaves what was there before
 * and nothing beside it; the file keeps its permissions, and a link to
 * it stays a link.  Written in place instead, without that guarantee (a
 * failure leaves what reached it): a target that is not a regular file
 * (/dev/null, a FIFO, a terminal), the file behind a standard stream
 * (/dev/stdout), a file with other names (hard links) or another owner,
 * a link to a file that does not exist yet, and a file in a directory
 * where no temporary file can be made.  "-" is standard output.  The
 * directories above a new file that do not exist are made (as mkdir -p
 * does), and stay when the command then fails.
 */
#ifndef HOSTFS_OUTFILE_H
#define HOSTFS_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct outfile {
	FILE *f;                /* where to write */
	const char *path;       /* the target, as given */
	char *tmp;              /* the temporary file, NULL when written in place */
	char *target;           /* what tmp becomes (path, or where its link leads) */
	bool stream;            /* f writes to a standard stream's file */
};

/* Open path for writing ("-" or NULL: standard output).  0, or -1 with a
 * message "PATH: why" in err. */
int outfile_open(struct outfile *o, const char *path, char *err, size_t errlen);

/* Could path be opened for writing (outfile_open) later?  Nothing is
 * created or changed.  0, or -1 with "PATH: why" in err (a directory, a
 * directory that cannot be written, or one that does not exist and cannot
 * be made: the nearest directory above it that does cannot be written, or
 * is a file). */
int outfile_check(const char *path, char *err, size_t errlen);

/* Finish o: when keep, and every write succeeded, the target now holds
 * what was written; otherwise the target is as it was (a file written in
 * place keeps what reached it).  0 when kept, -1 when a write failed (a
 * message "PATH: why" in err), 1 when not kept by request. */
int outfile_close(struct outfile *o, bool keep, char *err, size_t errlen);

/* Before a program exits: did all it printed reach standard output (not
 * a full disk, a closed pipe)?  0, or -1 with "standard output: write
 * error: REASON" in err.  A program whose report was lost there has
 * failed, whatever it found. */
int outfile_flush_stdout(char *err, size_t errlen);

/* A program's exit status: status, or when what it printed did not all
 * reach standard output (outfile_flush_stdout) 2, with "WHO: standard
 * output: write error: REASON" on standard error. */
int outfile_exit_status(const char *who, int status);

/* Do the two paths name the same file (the same file that exists, or
 * the same name in the same directory)?  False when either is "-". */
bool outfile_is(const char *out, const char *in);

/* The first of the n inputs that out would overwrite, or NULL: a command
 * refuses such an output before it starts. */
const char *outfile_clobbers(const char *out, const char *const *inputs, size_t n);

#endif /* HOSTFS_OUTFILE_H */
