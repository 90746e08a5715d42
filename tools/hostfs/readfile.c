/*
 * readfile.c - a whole file read into a buffer of a fixed size (hostfs.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "hostfs.h"

int hostfs_read_file(const char *path, void *buf, size_t cap, size_t *len, char *why, size_t whylen)
{
	FILE *f = fopen(path, "rb");
	bool longer;
	int rc = 0;

	if (!f) {
		snprintf(why, whylen, "cannot open the file: %s", strerror(errno));
		return -1;
	}
	*len = fread(buf, 1, cap, f);
	/* a file of exactly cap bytes is whole: only a byte after them is too many */
	longer = *len == cap && fgetc(f) != EOF;
	if (ferror(f)) {
		snprintf(why, whylen, "cannot read the file: %s", strerror(errno));
		rc = -1;
	} else if (longer) {
		snprintf(why, whylen, "longer than %zu bytes", cap);
		rc = 1;
	}
	fclose(f);
	return rc;
}
