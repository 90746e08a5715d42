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

int collect_yaml(char **paths, int npaths, char ***files, size_t *nfiles)
{
	struct hostfs_list l = { 0 };
	bool bad = false;
	char **v = NULL;

	/* one walk per path: a directory named twice runs twice, as a file does */
	for (int k = 0; k < npaths && !bad; k++)
		if (hostfs_walk(&l, paths[k], is_yaml)) {
			fprintf(stderr, "%s: out of memory\n", paths[k]);
			bad = true;
		}
	for (size_t k = 0; k < l.n; k++)
		if (l.v[k].error) {
			fprintf(stderr, "%s: %s\n", l.v[k].path, l.v[k].error);
			bad = true;
		}
	if (!bad && (v = malloc((l.n ? l.n : 1) * sizeof *v)) == NULL) {
		fprintf(stderr, "sdeisim run: out of memory\n");
		bad = true;
	}
	if (bad) {
		hostfs_list_free(&l);
		return -1;
	}
	/* the walk's paths become the caller's (free_files) */
	for (size_t k = 0; k < l.n; k++) {
		v[k] = l.v[k].path;
		l.v[k].path = NULL;
	}
	*files = v;
	*nfiles = l.n;
	hostfs_list_free(&l);
	return 0;
}

void free_files(char **files, size_t n)
{
	for (size_t k = 0; k < n; k++)
		free(files[k]);
	free(files);
}
