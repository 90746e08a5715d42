/*
 * files.c - turning command-line paths into the list of scenario files.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

struct list {
	char **v;
	size_t n, cap;
	struct stat *dirs;       /* the directories walked: each once (a link loop ends) */
	size_t ndirs;
};

/* Has dir (st) been walked already?  If not, it is now. */
static bool walked(struct list *l, const struct stat *st, bool *oom)
{
	struct stat *bigger;

	for (size_t k = 0; k < l->ndirs; k++)
		if (l->dirs[k].st_dev == st->st_dev && l->dirs[k].st_ino == st->st_ino)
			return true;
	bigger = realloc(l->dirs, (l->ndirs + 1) * sizeof *bigger);
	if (!bigger) {
		*oom = true;
		return true;
	}
	l->dirs = bigger;
	l->dirs[l->ndirs++] = *st;
	return false;
}

static int push(struct list *l, const char *s)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **bigger = realloc(l->v, cap * sizeof *bigger);
		if (!bigger)
			return -1;
		l->v = bigger;
		l->cap = cap;
	}
	l->v[l->n] = strdup(s);
	return l->v[l->n++] ? 0 : -1;
}

static bool is_yaml(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

static int walk(struct list *l, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int res = 0;

	if (!d) {
		fprintf(stderr, "%s: %s\n", dir, strerror(errno));
		return -1;
	}
	while (res == 0 && (e = readdir(d)) != NULL) {
		char path[4096];
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path) {
			fprintf(stderr, "%s/%s: path too long\n", dir, e->d_name);
			res = -1;
		} else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			bool oom = false;
			if (!walked(l, &st, &oom))
				res = walk(l, path);
			else if (oom)
				res = -1;
		} else if (is_yaml(e->d_name)) {
			res = push(l, path);
		}
	}
	closedir(d);
	return res;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int collect_yaml(char **paths, int npaths, char ***files, size_t *nfiles)
{
	struct list l = { NULL, 0, 0, NULL, 0 };
	bool oom = false;

	for (int k = 0; k < npaths; k++) {
		struct stat st;
		size_t first = l.n;
		char dir[4096];
		size_t len = strlen(paths[k]);

		if (stat(paths[k], &st) != 0) {
			fprintf(stderr, "%s: %s\n", paths[k], strerror(errno));
			goto fail;
		}
		if (!S_ISDIR(st.st_mode)) {
			if (push(&l, paths[k]))
				goto fail;
			continue;
		}
		/* "scenarios/" and "scenarios" name the same files */
		while (len > 1 && paths[k][len - 1] == '/')
			len--;
		if (len >= sizeof dir) {
			fprintf(stderr, "%s: path too long\n", paths[k]);
			goto fail;
		}
		memcpy(dir, paths[k], len);
		dir[len] = 0;
		l.ndirs = 0;             /* a directory named twice runs twice, as a file does */
		if ((!walked(&l, &st, &oom) && walk(&l, dir)) || oom)
			goto fail;
		qsort(l.v + first, l.n - first, sizeof *l.v, by_name);
	}
	free(l.dirs);
	*files = l.v;
	*nfiles = l.n;
	return 0;
fail:
	free(l.dirs);
	free_files(l.v, l.n);
	return -1;
}

void free_files(char **files, size_t n)
{
	for (size_t k = 0; k < n; k++)
		free(files[k]);
	free(files);
}
