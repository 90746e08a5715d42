/*
 * writefile.h - the files a program writes in place for later use (a
 * seed corpus, a fuzz dictionary, a benchmark's inputs or synthetic
 * trace): a write that fails is said on standard error with the OS's
 * reason, "WHO: PATH: cannot write: REASON", the form of every other
 * write error of the project, and the program decides whether to go on.
 * (What the sdeisim commands write, whole or not at all, is outfile.h.)
 */
#ifndef HOSTFS_WRITEFILE_H
#define HOSTFS_WRITEFILE_H

#include <stddef.h>
#include <stdio.h>

/* -1, said: path cannot be written, for the reason errnum (0: a write
 * failed earlier and its reason is gone; said as EIO's). */
int writefile_failed(const char *who, const char *path, int errnum);

/* Close f, written as path: 0, or -1 said when a write did not reach it
 * (to a full disk the last writes fail only here). */
int writefile_close(const char *who, FILE *f, const char *path);

/* path made (or emptied) holding the n bytes at p: 0, or -1 said. */
int writefile_bytes(const char *who, const char *path, const void *p, size_t n);

#endif /* HOSTFS_WRITEFILE_H */
