/*
 * fz_run_fixture.c - see fz_run_fixture.h.
 */
#include <stdio.h>

#include "fz_input.h"
#include "fz_run_fixture.h"
#include "hostfs.h"

struct fz_run fixture_run;
const char *fixture_path;
uint8_t fixture_input[FZ_MAX_INPUT];
size_t fixture_len;

int fz_run_fixture_read(const char *path, uint8_t *buf, size_t cap, size_t *len)
{
	char why[300];

	if (hostfs_read_file(path, buf, cap, len, why, sizeof why) != 0) {
		fprintf(stderr, "%s:1:1: %s\n", path, why);
		return -1;
	}
	if (*len < FZ_HEADER_BYTES) {
		fprintf(stderr, "%s:1:1: shorter than a header\n", path);
		return -1;
	}
	return 0;
}

int fz_run_fixture_setup(void **state)
{
	char err[300];

	(void)state;
	if (fz_run_init(&fixture_run, err, sizeof err) != 0) {
		fprintf(stderr, "fz_run_init: %s\n", err);
		return -1;
	}
	return 0;
}

int fz_run_fixture_setup_input(void **state)
{
	if (fz_run_fixture_read(fixture_path, fixture_input, sizeof fixture_input, &fixture_len) != 0)
		return -1;
	return fz_run_fixture_setup(state);
}

int fz_run_fixture_teardown(void **state)
{
	(void)state;
	fz_run_free(&fixture_run);
	return 0;
}
