/*
 * outfile.c - see outfile.h.
 */
#define _GNU_SOURCE 1           /* realpath, strndup, fchmod, O_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

static bool is_stdout(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0;
}

/* The standard stream whose file st is (a path such as /dev/stdout or
 * /proc/self/fd/1 leads there), or -1.  Such a file is written through
 * the stream's own descriptor: replaced, it would be taken from under
 * the stream; opened again, it would be truncated (a `>> log`). */
static int stream_of(const struct stat *st)
{
	for (int fd = 1; fd <= 2; fd++) {
		struct stat s;
		if (fstat(fd, &s) == 0 && s.st_dev == st->st_dev && s.st_ino == st->st_ino)
			return fd;
	}
	return -1;
}

/* The temporary files being written, each with the process that made it
 * (a child of `run -j` has its parent's too, and leaves them alone):
 * removed when a signal ends the program (a Ctrl-C, a kill, a closed
 * terminal), which then dies of it as it would have.  Without this, a
 * killed import left a part of its trace, as big as the trace, as
 * .NAME.PID.N.  More at once than there are slots are not removed. */
#define TEMPS 8
static struct {
	char *volatile path;
	volatile pid_t pid;
} temps[TEMPS];

static void remove_temps(int sig)
{
	pid_t me = getpid();

	for (unsigned k = 0; k < TEMPS; k++)
		if (temps[k].path && temps[k].pid == me)
			unlink(temps[k].path);
	signal(sig, SIG_DFL);
	raise(sig);             /* delivered once this handler returns */
}

/* The signals that end a program, once: a signal ignored (SIGINT in a
 * background job, SIGHUP under nohup) stays ignored. */
static void catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	static bool caught;
	struct sigaction sa, old;

	if (caught)
		return;
	caught = true;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = remove_temps;
	sigemptyset(&sa.sa_mask);
	for (unsigned k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
		sigaddset(&sa.sa_mask, sigs[k]);    /* one removal at a time */
	for (unsigned k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
		if (sigaction(sigs[k], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[k], &sa, NULL);
}

/* path (NULL: none) takes or gives up a slot of temps. */
static void track_temp(char *path, bool on)
{
	for (unsigned k = 0; k < TEMPS; k++) {
		if (on && temps[k].path == NULL) {
			catch_signals();
			temps[k].pid = getpid();
			temps[k].path = path;   /* last: the handler reads pid first */
			return;
		}
		if (!on && temps[k].path == path && temps[k].pid == getpid()) {
			temps[k].path = NULL;
			return;
		}
	}
}

/* Open a new temporary file beside target (DIR/.BASE.PID.N), with the
 * permissions of the file it replaces (st), or for a new file (st NULL)
 * those the umask leaves: the kernel applies it.  The descriptor, or -1. */
static int open_temp(struct outfile *o, const struct stat *st)
{
	const char *slash = strrchr(o->target, '/');
	size_t dir = slash ? (size_t)(slash - o->target) + 1 : 0;
	size_t n = strlen(o->target) + 48;

	if ((o->tmp = malloc(n)) == NULL)
		return -1;
	for (unsigned k = 0; k < 100; k++) {
		int fd;
		snprintf(o->tmp, n, "%.*s.%s.%ld.%u", (int)dir, o->target, o->target + dir, (long)getpid(), k);
		fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 && st && fchmod(fd, st->st_mode & 07777) != 0) {
			close(fd);
			unlink(o->tmp);
			return -1;
		}
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

/* The directory path is in ("/", ".", or up to its last slash); NULL
 * when out of memory. */
static char *parent_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash == path ? strdup("/") : slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
}

/* Make the directories above path that do not exist yet, as mkdir -p
 * does.  0, or -1 with errno. */
static int make_parents(const char *path)
{
	char *dir = strdup(path);
	int rc = 0;

	if (!dir)
		return -1;
	for (char *p = dir[0] ? strchr(dir + 1, '/') : NULL; p && rc == 0; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(dir, 0777) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	free(dir);
	return rc;
}

/* Write path in place: what the target cannot be replaced by rename
 * (a device, a file with other names or another owner) or
 * where no temporary file can be made (a directory we may not write,
 * a name at the length limit). */
static int open_in_place(struct outfile *o, const char *path)
{
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
	o->f = fopen(path, "w");
	return o->f ? 0 : -1;
}

int outfile_open(struct outfile *o, const char *path, char *err, size_t errlen)
{
	struct stat st, lst;
	bool exists;
	int fd;

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
	if (exists && (fd = stream_of(&st)) >= 0) {
		fflush(fd == 1 ? stdout : stderr);
		if ((fd = dup(fd)) < 0 || (o->f = fdopen(fd, "w")) == NULL) {
			if (fd >= 0)
				close(fd);
			goto fail;
		}
		o->stream = true;
		return 0;
	}
	if (exists ? !S_ISREG(st.st_mode) || st.st_nlink > 1 || st.st_uid != geteuid()
		   : lstat(path, &lst) == 0) {     /* a link to nothing yet: its target is made */
		if (open_in_place(o, path))
			goto fail;
		return 0;
	}
	/* a new file's directories are made; a regular file is replaced
	 * where it really is (through a link), keeping its permissions */
	if (!exists && make_parents(path))
		goto fail;
	o->target = exists ? realpath(path, NULL) : strdup(path);
	if (!o->target)
		goto fail;
	fd = open_temp(o, exists ? &st : NULL);
	if (fd < 0 && (errno == EACCES || errno == EPERM || errno == EROFS || errno == ENAMETOOLONG)) {
		if (open_in_place(o, path))
			goto fail;
		return 0;
	}
	if (fd < 0)
		goto fail;
	if ((o->f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(o->tmp);
		goto fail;
	}
	track_temp(o->tmp, true);
	return 0;
fail:
	snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
	free(o->tmp);
	free(o->target);
	memset(o, 0, sizeof *o);
	return -1;
}

int outfile_check(const char *path, char *err, size_t errlen)
{
	struct stat st;
	char *dir = NULL, *up;
	int rc = 0;

	if (is_stdout(path))
		return 0;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			rc = -1;
		} else if (access(path, W_OK) != 0) {
			rc = -1;
		}
	} else if (errno != ENOENT) {
		rc = -1;
	} else {
		/* a new file: its directory must be writable, or the nearest
		 * one above it that is there, where outfile_open makes it */
		dir = parent_of(path);
		while (dir && stat(dir, &st) != 0 && errno == ENOENT && strcmp(dir, ".") != 0 &&
		       strcmp(dir, "/") != 0) {
			up = parent_of(dir);
			free(dir);
			dir = up;
		}
		if (!dir || stat(dir, &st) != 0 || (!S_ISDIR(st.st_mode) && (errno = ENOTDIR)) ||
		    access(dir, W_OK | X_OK) != 0)
			rc = -1;
	}
	if (rc)
		snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
	free(dir);
	return rc;
}

int outfile_close(struct outfile *o, bool keep, char *err, size_t errlen)
{
	bool ok;

	if (o->stream)          /* what the stream was given first comes first */
		fflush(stdout);
	ok = fflush(o->f) == 0 && !ferror(o->f);
	int saved = errno;
	int rc;

	/* on disk before it takes the target's name: a crash leaves the old
	 * file or the new one, not an empty one */
	if (ok && o->tmp && fsync(fileno(o->f)) != 0) {
		ok = false;
		saved = errno;
	}
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
		track_temp(o->tmp, false);
	}
	if (rc < 0)
		snprintf(err, errlen, "%s: write error: %s", is_stdout(o->path) ? "standard output" : o->path,
			 strerror(saved));
	free(o->tmp);
	free(o->target);
	o->f = NULL;
	o->tmp = o->target = NULL;
	o->stream = false;
	return rc;
}

int outfile_flush_stdout(char *err, size_t errlen)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	/* an earlier write failed and left nothing to flush: its errno is gone */
	snprintf(err, errlen, "standard output: write error: %s", strerror(errno ? errno : EIO));
	return -1;
}

int outfile_exit_status(const char *who, int status)
{
	char err[200];

	if (outfile_flush_stdout(err, sizeof err) == 0)
		return status;
	fprintf(stderr, "%s: %s\n", who, err);
	return 2;
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
	dir = parent_of(path);
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
	bool has_a, has_b, same;
	char *ra, *rb;

	if (is_stdout(out) || is_stdout(in))
		return false;
	has_a = stat(out, &a) == 0;
	has_b = stat(in, &b) == 0;
	/* a device or a stream is no file to lose: /dev/null twice is fine */
	if ((has_a && !S_ISREG(a.st_mode)) || (has_b && !S_ISREG(b.st_mode)))
		return false;
	if (has_a && has_b)
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
