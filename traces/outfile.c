/*
 * outfile.c - see outfile.h.
 */
#define _GNU_SOURCE 1           /* realpath, fchmod */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

static bool is_stdout(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0;
}

/* The temporary file beside target: DIR/.BASE.XXXXXX. */
static char *temp_name(const char *target)
{
	const char *slash = strrchr(target, '/');
	size_t dir = slash ? (size_t)(slash - target) + 1 : 0;
	size_t n = strlen(target) + sizeof "..XXXXXX";
	char *t = malloc(n);

	if (t)
		snprintf(t, n, "%.*s.%s.XXXXXX", (int)dir, target, target + dir);
	return t;
}

int outfile_open(struct outfile *o, const char *path, char *err, size_t errlen)
{
	struct stat st;
	bool exists;
	mode_t mode;
	int fd = -1;

	memset(o, 0, sizeof *o);
	o->path = path;
	if (is_stdout(path)) {
		o->f = stdout;
		return 0;
	}
	exists = stat(path, &st) == 0;
	if (!exists && errno != ENOENT)
		goto fail;
	if (exists && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		/* a device, a FIFO, a terminal: written in place, never replaced */
		if ((o->f = fopen(path, "w")) == NULL)
			goto fail;
		return 0;
	}
	if (exists) {
		/* replaced where it really is (through a symbolic link), with
		 * its permissions */
		o->target = realpath(path, NULL);
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		o->target = strdup(path);
		mode = 0666 & ~mask;
	}
	if (!o->target || (o->tmp = temp_name(o->target)) == NULL)
		goto fail;
	fd = mkstemp(o->tmp);
	if (fd < 0 || fchmod(fd, mode) != 0 || (o->f = fdopen(fd, "w")) == NULL)
		goto fail;
	return 0;
fail:
	snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
	if (fd >= 0) {
		close(fd);
		unlink(o->tmp);
	}
	free(o->tmp);
	free(o->target);
	memset(o, 0, sizeof *o);
	return -1;
}

int outfile_close(struct outfile *o, bool keep, char *err, size_t errlen)
{
	bool ok = fflush(o->f) == 0 && !ferror(o->f);
	int saved = errno;
	int rc;

	if (o->f != stdout && fclose(o->f) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	rc = !ok ? -1 : keep ? 0 : 1;
	if (o->tmp) {
		if (rc == 0 && rename(o->tmp, o->target) != 0) {
			rc = -1;
			saved = errno;
		}
		if (rc != 0)
			unlink(o->tmp);
	}
	if (rc < 0)
		snprintf(err, errlen, "%s: write error: %s", is_stdout(o->path) ? "standard output" : o->path,
			 strerror(saved));
	free(o->tmp);
	free(o->target);
	o->f = NULL;
	o->tmp = o->target = NULL;
	return rc;
}

/* Where path leads: the real path of the file, or of the directory a
 * new file would go in and its name.  NULL when not even that exists. */
static char *resolved(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir, *real, *out;
	size_t n;

	if ((real = realpath(path, NULL)) != NULL)
		return real;
	if (slash == path)
		dir = strdup("/");
	else
		dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
	real = dir ? realpath(dir, NULL) : NULL;
	free(dir);
	if (!real)
		return NULL;
	n = strlen(real) + strlen(path) + 2;
	out = malloc(n);
	if (out)
		snprintf(out, n, "%s/%s", real, slash ? slash + 1 : path);
	free(real);
	return out;
}

bool outfile_is(const char *out, const char *in)
{
	struct stat a, b;
	char *ra, *rb;
	bool same;

	if (is_stdout(out) || is_stdout(in))
		return false;
	if (stat(out, &a) == 0 && stat(in, &b) == 0)
		return a.st_dev == b.st_dev && a.st_ino == b.st_ino;   /* hard links too */
	ra = resolved(out);
	rb = resolved(in);
	same = ra && rb && strcmp(ra, rb) == 0;
	free(ra);
	free(rb);
	return same;
}

const char *outfile_clobbers(const char *out, const char *const *inputs, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (inputs[k] && outfile_is(out, inputs[k]))
			return inputs[k];
	return NULL;
}
