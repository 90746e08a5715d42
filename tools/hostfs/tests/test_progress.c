/*
 * test_progress.c - the progress line's text: sizes in binary units, the
 * share and the time left when the size is known, "read" when it is not,
 * lines with thousands separators, cut to the room given; and nothing is
 * drawn when progress is off.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "progress.h"

static void check(const char *want, const char *what, uint64_t done, uint64_t total, uint64_t lines,
		  double secs)
{
	char buf[200];
	size_t len = progress_format(buf, sizeof buf, what, done, total, lines, secs);

	assert_string_equal(buf, want);
	assert_int_equal(len, strlen(want));
}

static void test_the_line_says_how_far_how_many_lines_and_how_long(void **state)
{
	(void)state;
	check("import t.tarmac: 1.2 GiB of 10.0 GiB (12%), 18,412,331 lines, 4 s, about 31 s left",
	      "import t.tarmac", 1288490189ull, 10737418240ull, 18412331, 4.2);
	check("import <stdin>: 512 B read, 1 line, 1 s", "import <stdin>", 512, 0, 1, 0.6);
	check("x: 1.0 KiB of 2.0 MiB (0%), 0 lines, 0 s, about 0 s left", "x", 1024, 2u << 20, 0, 0.0);
	check("x: 2.0 MiB of 2.0 MiB (100%), 999 lines, 3 s", "x", 2u << 20, 2u << 20, 999, 3.0);
	check("x: 3.0 MiB of 2.0 MiB (100%), 1,000 lines, 3 s", "x", 3u << 20, 2u << 20, 1000, 3.0);
	check("x: 1.0 TiB read, 1,000,000 lines, 61 s", "x", 1ull << 40, 0, 1000000, 61.4);
}

static void test_the_line_is_cut_to_the_room_given(void **state)
{
	char buf[12];

	(void)state;
	assert_int_equal(progress_format(buf, sizeof buf, "import t.tarmac", 1, 2, 3, 4.0), 11);
	assert_string_equal(buf, "import t.ta");
	assert_int_equal(progress_format(buf, 0, "x", 1, 2, 3, 4.0), 0);
}

static void test_nothing_is_drawn_when_progress_is_off(void **state)
{
	struct progress p;

	(void)state;
	progress_begin(&p, "import t", false);
	progress_update(&p, 1, 2, 3);
	assert_int_equal(p.drawn, 0);
	progress_clear(&p);
	progress_end(&p);
	assert_false(p.on);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_line_says_how_far_how_many_lines_and_how_long),
		cmocka_unit_test(test_the_line_is_cut_to_the_room_given),
		cmocka_unit_test(test_nothing_is_drawn_when_progress_is_off),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
