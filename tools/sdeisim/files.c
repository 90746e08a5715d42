/*
 * files.c - turning command-line paths into the list of scenario files.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hostfs.h"

static bool is_yaml(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

int collect_yaml(char **paths, int npaths, struct scen_files *out)
{
	struct hostfs_list l = { 0 };
	bool oom = false;

	memset(out, 0, sizeof *out);
	/* one walk per path: a directory named twice runs twice, as a file does */
	for (int k = 0; k < npaths && !oom; k++)
		if (hostfs_walk(&l, paths[k], is_yaml, "no *.yaml scenario below the directory")) {
			fprintf(stderr, "sdeisim run: %s: out of memory\n", paths[k]);
			oom = true;
		}
	if (!oom && ((out->path = calloc(l.n ? l.n : 1, sizeof *out->path)) == NULL ||
		     (out->error = calloc(l.n ? l.n : 1, sizeof *out->error)) == NULL)) {
		fprintf(stderr, "sdeisim run: out of memory\n");
		oom = true;
	}
	if (oom) {
		free(out->path);
		free(out->error);
		memset(out, 0, sizeof *out);
		hostfs_list_free(&l);
		return -1;
	}
	/* the walk's paths and reasons become the caller's (free_files) */
	for (size_t k = 0; k < l.n; k++) {
		out->path[k] = l.v[k].path;
		out->error[k] = l.v[k].error;
		l.v[k].path = l.v[k].error = NULL;
	}
	out->n = l.n;
	hostfs_list_free(&l);
	return 0;
}

void free_files(struct scen_files *f)
{
	for (size_t k = 0; k < f->n; k++) {
		free(f->path[k]);
		free(f->error[k]);
	}
	free(f->path);
	free(f->error);
	memset(f, 0, sizeof *f);
}
