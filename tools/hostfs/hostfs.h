/*
 * hostfs.h - the files a host program is pointed at: the files below a
 * path, and a whole file read with a limit.  Shared by the sdeisim command
 * (scenario files, fuzz inputs for `sdeisim repro`) and fuzz_replay, so
 * that both walk directories and read inputs the same way.  (What the
 * commands write is outfile.h, beside this.)
 *
 * Errors are given as a reason without the path ("cannot open the file:
 * No such file or directory", "longer than 65536 bytes"): each program
 * prints "PATH:1:1: reason", the form and words of every other file
 * error (the scenario loader's, the trace readers'), and decides whether
 * to go on.
 */
#ifndef HOSTFS_H
#define HOSTFS_H

#include <stdbool.h>
#include <stddef.h>

/* A file a walk found, or a path it could not follow. */
struct hostfs_entry {
	char *path;
	char *error;    /* NULL for a file; else why path was not followed */
};

/* What walks found, in the order they found it (owned: hostfs_list_free). */
struct hostfs_list {
	struct hostfs_entry *v;
	size_t n, cap;
};

/*
 * Append to out the files below path: path itself if it is not a
 * directory (whatever its name), else every file below it whose name keep
 * accepts (keep NULL: every file), each directory in name order (its
 * files and directories where their names sort; "d/" lists d/a, not
 * d//a).  Names starting with '.' are skipped.  Each directory is walked
 * once per call, however links lead back into it, so a link loop ends; a
 * path named in two calls is walked twice.
 *
 * A path that cannot be followed is an entry with an error, where it was
 * found: path itself missing (or a link loop: "cannot open the file:
 * REASON", as opening it would say), a directory (path or one
 * below it) that cannot be read.  The walk goes on past them.  A name below path that
 * cannot be looked up (a dangling link) is listed as a file if keep
 * accepts it: reading it fails, with the reason.  A directory path in
 * which nothing is found is an entry with the error none (NULL: no entry;
 * a directory named, and nothing in it to read, is usually a mistake).
 *
 * Returns 0, or -1 when out of memory (out still holds what was found,
 * for hostfs_list_free).
 */
int hostfs_walk(struct hostfs_list *out, const char *path, bool (*keep)(const char *name),
		const char *none);
void hostfs_list_free(struct hostfs_list *l);

/*
 * Read the whole file path into buf (cap bytes), its length into *len.
 * Returns 0; -1 when it cannot be opened or read; 1 when it is longer
 * than cap (a file cut silently would run as something it is not).  On
 * an error, why gets the reason: "cannot open the file: ...", "cannot read
 * the file: ...", "longer than CAP bytes".
 */
int hostfs_read_file(const char *path, void *buf, size_t cap, size_t *len, char *why, size_t whylen);

#endif /* HOSTFS_H */
