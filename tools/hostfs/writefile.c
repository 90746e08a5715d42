/*
 * writefile.c - see writefile.h.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "writefile.h"

int writefile_failed(const char *who, const char *path, int errnum)
{
	fprintf(stderr, "%s: %s: cannot write: %s\n", who, path, strerror(errnum ? errnum : EIO));
	return -1;
}

int writefile_close(const char *who, FILE *f, const char *path)
{
	bool ok;
	int saved;

	errno = 0;
	ok = fflush(f) == 0 && !ferror(f);
	saved = errno;
	if (fclose(f) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	return ok ? 0 : writefile_failed(who, path, saved);
}

int writefile_bytes(const char *who, const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		return writefile_failed(who, path, errno);
	/* A write larger than stdio's buffer fails here, not at the close,
	 * whose errno would then be another's: the reason is this one's. */
	errno = 0;
	if (fwrite(p, 1, n, f) != n) {
		int saved = errno;
		fclose(f);
		return writefile_failed(who, path, saved);
	}
	return writefile_close(who, f, path);
}
