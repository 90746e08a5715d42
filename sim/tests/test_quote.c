/*
 * test_quote.c - sim_quote, the one way every message says a user's
 * token: control characters and DEL as \xNN, a token of up to 64
 * characters whole, a longer one's first 64 characters with "..." and
 * its length in characters, never a UTF-8 character cut in two.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "quote.h"

/* reps copies of unit, then tail, in a buffer the caller frees */
static char *repeat(const char *unit, size_t reps, const char *tail)
{
	size_t u = strlen(unit), t = strlen(tail);
	char *s = malloc(u * reps + t + 1);

	assert_non_null(s);
	for (size_t k = 0; k < reps; k++)
		memcpy(s + k * u, unit, u);
	memcpy(s + u * reps, tail, t + 1);
	return s;
}

static void control_characters_and_del_are_escaped(void **state)
{
	char buf[SIM_QUOTE_SIZE];

	(void)state;
	assert_string_equal(sim_quote(buf, "a\x1b[31mb", 7), "a\\x1B[31mb");
	assert_string_equal(sim_quote(buf, "x\r\n\t\x7f", 5), "x\\x0D\\x0A\\x09\\x7F");
	assert_string_equal(sim_quote(buf, "a\0b", 3), "a\\x00b");       /* n, not a NUL, ends it */
	assert_string_equal(sim_quote(buf, "caf\xC3\xA9 ~", 7), "caf\xC3\xA9 ~");   /* the rest as it is */
	/* the C1 controls U+0080-U+009F (UTF-8 C2 80..C2 9F; U+009B is CSI,
	 * which a terminal may act on) as \xNN of their code point, as
	 * Python's repr writes them; U+00A0 on is text */
	assert_string_equal(sim_quote(buf, "a\xC2\x9B" "2Jb", 6), "a\\x9B2Jb");
	assert_string_equal(sim_quote(buf, "\xC2\x80\xC2\x9F\xC2\xA0", 6), "\\x80\\x9F\xC2\xA0");
	assert_string_equal(sim_quote(buf, "", 0), "");
}

/* A token is said between quotes ('%s'): a quote inside it would end the
 * quote early, and a backslash before "x41" would read as an escape. */
static void the_quote_and_the_backslash_are_escaped(void **state)
{
	char buf[SIM_QUOTE_SIZE];

	(void)state;
	assert_string_equal(sim_quote(buf, "it's", 4), "it\\'s");
	assert_string_equal(sim_quote(buf, "C:\\x41", 6), "C:\\\\x41");
	assert_string_equal(sim_quote(buf, "\"ok\"", 4), "\"ok\"");    /* a double quote is text */
}

static void a_token_of_64_characters_is_whole_and_a_longer_one_counted(void **state)
{
	char buf[SIM_QUOTE_SIZE], want[SIM_QUOTE_SIZE];
	char *s64 = repeat("a", 64, ""), *s65 = repeat("a", 64, "b"), *mib = repeat("z", 1 << 20, "");

	(void)state;
	assert_string_equal(sim_quote(buf, s64, 64), s64);
	snprintf(want, sizeof want, "%s... (65 characters)", s64);
	assert_string_equal(sim_quote(buf, s65, 65), want);
	/* a token as long as a line: the same 64 and its length */
	memset(want, 'z', 64);
	snprintf(want + 64, sizeof want - 64, "... (1048576 characters)");
	assert_string_equal(sim_quote(buf, mib, 1 << 20), want);
	free(s64);
	free(s65);
	free(mib);
}

static void characters_are_counted_and_never_cut(void **state)
{
	char buf[SIM_QUOTE_SIZE], want[SIM_QUOTE_SIZE * 2];
	char *e64 = repeat("\xC3\xA9", 64, ""), *e70 = repeat("\xC3\xA9", 70, "");
	char *emoji = repeat("x", 63, "\xF0\x9F\x98\x80yy"), *cjk = repeat("\xE6\xBC\xA2", 65, "");
	char *ctl = repeat("\x1b", 100, "");

	(void)state;
	/* 64 two-byte characters (128 bytes): whole */
	assert_string_equal(sim_quote(buf, e64, 128), e64);
	snprintf(want, sizeof want, "%s... (70 characters)", e64);
	assert_string_equal(sim_quote(buf, e70, 140), want);
	/* the 64th character is four bytes: all of it, then the cut */
	snprintf(want, sizeof want, "%.67s... (66 characters)", emoji);
	assert_string_equal(sim_quote(buf, emoji, strlen(emoji)), want);
	snprintf(want, sizeof want, "%.192s... (65 characters)", cjk);
	assert_string_equal(sim_quote(buf, cjk, strlen(cjk)), want);
	/* escapes fill the buffer at its widest: 64 of them and the count */
	want[0] = '\0';
	for (int k = 0; k < 64; k++)
		strcat(want, "\\x1B");
	strcat(want, "... (100 characters)");
	assert_string_equal(sim_quote(buf, ctl, 100), want);
	free(e64);
	free(e70);
	free(emoji);
	free(cjk);
	free(ctl);
}

/* Bytes that are no UTF-8 are counted by the same rule, never more than
 * four to a character: a run of continuation bytes cannot overfill the
 * buffer, and a cut is still between characters. */
static void bytes_that_are_no_utf8_stay_within_the_buffer(void **state)
{
	char buf[SIM_QUOTE_SIZE], want[SIM_QUOTE_SIZE];
	char *cont = repeat("\x80", 1000, "");

	(void)state;
	/* 1000 continuation bytes: 250 characters of four */
	memcpy(want, cont, 256);
	snprintf(want + 256, sizeof want - 256, "... (250 characters)");
	assert_string_equal(sim_quote(buf, cont, 1000), want);
	/* a lead byte the token ends after */
	assert_string_equal(sim_quote(buf, "ab\xE6", 3), "ab\xE6");
	/* an ASCII byte is a character of one byte: a stray continuation
	 * byte after one is a character of its own, not part of it (after a
	 * control character it was lost with it, escaped as one) */
	assert_string_equal(sim_quote(buf, "\x01\x80z", 3), "\\x01\x80z");
	assert_string_equal(sim_quote(buf, "\x7f\x80\x80", 3), "\\x7F\x80\x80");
	free(cont);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(control_characters_and_del_are_escaped),
		cmocka_unit_test(the_quote_and_the_backslash_are_escaped),
		cmocka_unit_test(a_token_of_64_characters_is_whole_and_a_longer_one_counted),
		cmocka_unit_test(characters_are_counted_and_never_cut),
		cmocka_unit_test(bytes_that_are_no_utf8_stay_within_the_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
