/*
 * test_writefile.c - a file written in place that does not reach the
 * disk is said with the OS's reason, whichever write found it: one that
 * fits stdio's buffer fails at the close, a larger one in fwrite itself,
 * whose errno the close must not lose ("Input/output error", the
 * stand-in for a reason gone, where the disk was full).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "writefile.h"

/* What writefile_bytes says writing n bytes to path, into said. */
static int write_and_hear(const char *path, size_t n, char *said, size_t room)
{
	char *bytes = calloc(1, n);
	FILE *err = tmpfile();
	int saved = dup(STDERR_FILENO), rc;
	size_t got;

	assert_non_null(bytes);
	assert_non_null(err);
	assert_true(saved >= 0);
	fflush(stderr);
	assert_true(dup2(fileno(err), STDERR_FILENO) >= 0);
	rc = writefile_bytes("t", path, bytes, n);
	fflush(stderr);
	assert_true(dup2(saved, STDERR_FILENO) >= 0);
	close(saved);
	rewind(err);
	got = fread(said, 1, room - 1, err);
	said[got] = '\0';
	fclose(err);
	free(bytes);
	return rc;
}

static void test_a_small_file_to_a_full_disk_says_no_space(void **state)
{
	char said[200];

	(void)state;
	assert_int_equal(write_and_hear("/dev/full", 100, said, sizeof said), -1);
	assert_string_equal(said, "t: /dev/full: cannot write: No space left on device\n");
}

static void test_a_file_larger_than_the_buffer_to_a_full_disk_says_no_space(void **state)
{
	char said[200];

	(void)state;
	assert_int_equal(write_and_hear("/dev/full", 1 << 20, said, sizeof said), -1);
	assert_string_equal(said, "t: /dev/full: cannot write: No space left on device\n");
}

static void test_a_file_that_cannot_be_made_says_why(void **state)
{
	char said[200];

	(void)state;
	assert_int_equal(write_and_hear("/nonexistent-dir/x", 10, said, sizeof said), -1);
	assert_string_equal(said, "t: /nonexistent-dir/x: cannot write: No such file or directory\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_small_file_to_a_full_disk_says_no_space),
		cmocka_unit_test(test_a_file_larger_than_the_buffer_to_a_full_disk_says_no_space),
		cmocka_unit_test(test_a_file_that_cannot_be_made_says_why),
	};
	if (access("/dev/full", W_OK) != 0) {
		fprintf(stderr, "test_writefile: no /dev/full here\n");
		return 77;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
