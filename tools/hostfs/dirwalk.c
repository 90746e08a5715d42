/*
 * dirwalk.c - the files below a path, each directory once (hostfs.h).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hostfs.h"

/* One walk: where it puts what it finds, and the directories it has
 * walked (by device and inode: a link loop names one directory by ever
 * longer paths). */
struct walk {
	struct hostfs_list *out;
	bool (*keep)(const char *name);
	struct dir_id { dev_t dev; ino_t ino; } *dirs;
	size_t ndirs, capdirs;
};

/* p (n items of size, room for *cap), with room for one more: NULL when
 * out of memory (p is still valid). */
static void *room(void *p, size_t *cap, size_t n, size_t size)
{
	size_t want = *cap ? 2 * *cap : 16;
	void *bigger;

	if (n < *cap)
		return p;
	bigger = realloc(p, want * size);
	if (bigger)
		*cap = want;
	return bigger;
}

/* Add path, with the reason it was not followed: what (NULL: nothing to
 * add to it), then err's text (0: none).  Neither: a file. */
static int add(struct walk *w, const char *path, const char *what, int err)
{
	struct hostfs_list *l = w->out;
	struct hostfs_entry e = { strdup(path), NULL };
	struct hostfs_entry *v = room(l->v, &l->cap, l->n, sizeof *l->v);
	char why[300];

	if (what || err) {
		snprintf(why, sizeof why, "%s%s%s", what ? what : "", what && err ? ": " : "",
			 err ? strerror(err) : "");
		e.error = strdup(why);
	}
	if (v)
		l->v = v;
	if (!v || !e.path || ((what || err) && !e.error)) {
		free(e.path);
		free(e.error);
		return -1;
	}
	l->v[l->n++] = e;
	return 0;
}

/* Has the directory st been walked?  If not, it is now.  -1: out of memory. */
static int walked(struct walk *w, const struct stat *st)
{
	struct dir_id *v;

	for (size_t k = 0; k < w->ndirs; k++)
		if (w->dirs[k].dev == st->st_dev && w->dirs[k].ino == st->st_ino)
			return 1;
	v = room(w->dirs, &w->capdirs, w->ndirs, sizeof *w->dirs);
	if (!v)
		return -1;
	w->dirs = v;
	w->dirs[w->ndirs++] = (struct dir_id){ st->st_dev, st->st_ino };
	return 0;
}

static int walk_dir(struct walk *w, const char *dir);

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir, sorted (readdir's order is the filesystem's, and what
 * a program prints should not depend on it), into *names.  -1: out of
 * memory; a directory that cannot be read is an entry of out. */
static int list_dir(struct walk *w, const char *dir, char ***names, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v;
	size_t cap = 0;
	int rc = 0;

	*names = NULL;
	*n = 0;
	if (!d)
		return add(w, dir, "cannot open the directory", errno);
	for (;;) {
		errno = 0;
		if ((e = readdir(d)) == NULL) {
			if (errno)
				rc = add(w, dir, "cannot read the directory", errno);
			break;
		}
		if (e->d_name[0] == '.')
			continue;
		v = room(*names, &cap, *n, sizeof **names);
		if (v)
			*names = v;
		if (!v || (v[*n] = strdup(e->d_name)) == NULL) {
			rc = -1;
			break;
		}
		(*n)++;
	}
	closedir(d);     /* before going deeper: a deep tree would hold a descriptor per level */
	if (*n)
		qsort(*names, *n, sizeof **names, by_name);
	return rc;
}

/* dir/name: a directory to walk, or a file.  A name that cannot be looked
 * up (a dangling link, a link to itself) is listed as a file when keep
 * wants it: whoever opens it says why it cannot, among the other files'
 * results, as for a file that cannot be read.  One that is neither a
 * regular file nor a directory (a FIFO, a socket, a device) is listed
 * with that reason, not opened: reading a FIFO nobody writes to waits
 * for ever.  (A path named on its own is opened whatever it is: the user
 * chose it, a pipe of the shell's included.) */
static int walk_entry(struct walk *w, const char *dir, const char *name)
{
	size_t len = strlen(dir), size = len + 1 + strlen(name) + 1;
	char *path = malloc(size);
	struct stat st;
	bool found;
	int rc = 0;

	if (!path)
		return -1;
	/* "/" is the one directory named with a '/' at its end */
	snprintf(path, size, "%s%s%s", dir, dir[len - 1] == '/' ? "" : "/", name);
	found = stat(path, &st) == 0;
	if (found && S_ISDIR(st.st_mode)) {
		rc = walked(w, &st);
		rc = rc == 0 ? walk_dir(w, path) : rc < 0 ? -1 : 0;
	} else if (!w->keep || w->keep(name)) {
		rc = add(w, path, found && !S_ISREG(st.st_mode) ?
			 "not a regular file (a FIFO, socket or device): not read" : NULL, 0);
	}
	free(path);
	return rc;
}

static int walk_dir(struct walk *w, const char *dir)
{
	char **names;
	size_t n;
	int rc = list_dir(w, dir, &names, &n);

	for (size_t k = 0; k < n; k++) {
		if (rc == 0)
			rc = walk_entry(w, dir, names[k]);
		free(names[k]);
	}
	free(names);
	return rc;
}

int hostfs_walk(struct hostfs_list *out, const char *path, bool (*keep)(const char *name),
		const char *none)
{
	struct walk w = { out, keep, NULL, 0, 0 };
	struct stat st;
	char *dir;
	size_t len = strlen(path), before;
	int rc;

	if (stat(path, &st) != 0)
		return add(&w, path, "cannot open the file", errno);
	if (!S_ISDIR(st.st_mode))
		return add(&w, path, NULL, 0);
	/* "d/" and "d" list the same paths */
	while (len > 1 && path[len - 1] == '/')
		len--;
	dir = malloc(len + 1);
	if (!dir)
		return -1;
	memcpy(dir, path, len);
	dir[len] = 0;
	before = out->n;
	rc = walked(&w, &st) < 0 ? -1 : walk_dir(&w, dir);
	if (rc == 0 && none && out->n == before)
		rc = add(&w, dir, none, 0);
	free(dir);
	free(w.dirs);
	return rc;
}

void hostfs_list_free(struct hostfs_list *l)
{
	for (size_t k = 0; k < l->n; k++) {
		free(l->v[k].path);
		free(l->v[k].error);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
