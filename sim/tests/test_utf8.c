/*
 * test_utf8.c - sim/utf8.h: the UTF-8 characters the formats sdeisim
 * writes can hold, and text from outside escaped to them (export yaml's
 * scenario name from a Latin-1 file name, a JUnit report's names).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "utf8.h"

static size_t char_at(const char *s, uint32_t *cp)
{
	*cp = 0xFFFFFFFFu;
	return sim_utf8_char((const unsigned char *)s, cp);
}

static void characters_of_each_length_are_decoded(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(char_at("a", &cp), 1);
	assert_int_equal(cp, 'a');
	assert_int_equal(char_at("\xC3\xA9", &cp), 2);                 /* U+00E9 */
	assert_int_equal(cp, 0xE9);
	assert_int_equal(char_at("\xEF\xBF\xBE", &cp), 3);             /* U+FFFE: a code point */
	assert_int_equal(cp, 0xFFFE);
	assert_int_equal(char_at("\xF4\x8F\xBF\xBF", &cp), 4);         /* U+10FFFF, the last */
	assert_int_equal(cp, 0x10FFFF);
}

static void bytes_that_start_no_character_are_refused(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(char_at("\xE9", &cp), 0);                     /* Latin-1 e-acute: a cut sequence */
	assert_int_equal(char_at("\xA9", &cp), 0);                     /* a continuation byte */
	assert_int_equal(char_at("\xC0\xAF", &cp), 0);                 /* '/', overlong */
	assert_int_equal(char_at("\xE0\x80\xAF", &cp), 0);             /* '/', overlong in three */
	assert_int_equal(char_at("\xED\xA0\x80", &cp), 0);             /* U+D800, a surrogate */
	assert_int_equal(char_at("\xF4\x90\x80\x80", &cp), 0);         /* U+110000 */
	assert_int_equal(char_at("\xF8\x88\x80\x80\x80", &cp), 0);     /* a five-byte form */
	assert_int_equal(char_at("\xE2\x82", &cp), 0);                 /* cut by the end */
	assert_int_equal(cp, 0xFFFFFFFFu);                             /* *cp untouched */
}

static void other_bytes_are_escaped_the_characters_kept(void **state)
{
	char *t = sim_utf8_escaped("caf\xE9 \xC3\xA9\xED\xA0\x80!", NULL);

	(void)state;
	assert_non_null(t);
	assert_string_equal(t, "caf\\xE9 \xC3\xA9\\xED\\xA0\\x80!");
	free(t);
}

static bool no_controls(uint32_t cp)
{
	return cp >= 0x20;
}

static void characters_keep_refuses_are_escaped_by_their_bytes(void **state)
{
	char *t = sim_utf8_escaped("a\x01" "b\xC3\xA9", no_controls);

	(void)state;
	assert_non_null(t);
	assert_string_equal(t, "a\\x01b\xC3\xA9");
	free(t);
	t = sim_utf8_escaped("", no_controls);
	assert_non_null(t);
	assert_string_equal(t, "");
	free(t);
}

/* text cut as snprintf cuts it to fit buf (n bytes) */
static void cut_into(char *buf, size_t n, const char *text)
{
	memcpy(buf, text, n - 1);
	buf[n - 1] = 0;
}

/* A text snprintf cut ends in "..." after its last whole character: a
 * character the cut would split is left out whole. */
static void a_cut_text_ends_in_dots_after_a_whole_character(void **state)
{
	char buf[10];

	(void)state;
	cut_into(buf, sizeof buf, "abcdefghijk");
	sim_utf8_mark_cut(buf, sizeof buf);
	assert_string_equal(buf, "abcdef...");
	/* the euro sign (3 bytes) would be cut by the dots at byte 6 */
	cut_into(buf, sizeof buf, "abcde\xE2\x82\xACxyz");
	sim_utf8_mark_cut(buf, sizeof buf);
	assert_string_equal(buf, "abcde...");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(characters_of_each_length_are_decoded),
		cmocka_unit_test(bytes_that_start_no_character_are_refused),
		cmocka_unit_test(other_bytes_are_escaped_the_characters_kept),
		cmocka_unit_test(characters_keep_refuses_are_escaped_by_their_bytes),
		cmocka_unit_test(a_cut_text_ends_in_dots_after_a_whole_character),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
