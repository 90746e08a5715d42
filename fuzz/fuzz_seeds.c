/*
 * fuzz_seeds - write a seed corpus for the harnesses.
 *
 *   fuzz_seeds DIR [COUNT]
 *
 * Writes COUNT (default 64) generated inputs of each family of fz_gen.h,
 * 32 operations each, as DIR/gen-driven-NNN and DIR/gen-random-NNN.
 * Always the same bytes (fixed seed), so a corpus can be rebuilt.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fz_gen.h"

static int write_file(const char *path, const uint8_t *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
		fprintf(stderr, "fuzz_seeds: %s: cannot write\n", path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const family[] = { "random", "driven" };
	struct fz_gen g = { 0x5DEECE66Dull };
	long count = argc > 2 ? strtol(argv[2], NULL, 10) : 64;

	if (argc < 2 || argc > 3 || count <= 0 || count > 100000) {
		fprintf(stderr, "usage: fuzz_seeds DIR [COUNT]\n");
		return 2;
	}
	for (long k = 0; k < count; k++)
		for (unsigned f = 0; f < 2; f++) {
			uint8_t buf[FZ_HEADER_BYTES + 64 * FZ_RECORD_BYTES];
			char path[4096];
			size_t n = fz_gen_input(&g, (enum fz_gen_family)f, 32, buf, sizeof buf);

			snprintf(path, sizeof path, "%s/gen-%s-%03ld", argv[1], family[f], k);
			if (write_file(path, buf, n))
				return 1;
		}
	return 0;
}
