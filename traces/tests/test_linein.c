/*
 * test_linein.c - the importers' line reader: every line comes back whole
 * and numbered, from a FILE, a gzip file or memory, whatever its length up
 * to LINEIN_MAX_LINE (the buffer starts small and grows, for a memory
 * input up to its size); a longer line is an error for that line only; a
 * large input streams every line; gzip data that is truncated, corrupt or
 * followed by other data is an error at the line reached, after the lines
 * before it; how far the reading is (bytes taken, the source's size when
 * known) is told after every read; a UTF-8 byte order mark that starts the
 * input is no part of the first line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "linein.h"

enum source { FROM_FILE, FROM_GZIP, FROM_MEMORY };

struct reader {
	struct linein *in;
	FILE *file;
	char path[64];
};

/* A reader of text[0..n) from source s. */
static void open_reader(struct reader *r, enum source s, const char *text, size_t n)
{
	memset(r, 0, sizeof *r);
	switch (s) {
	case FROM_FILE:
		r->file = tmpfile();
		assert_non_null(r->file);
		assert_int_equal(fwrite(text, 1, n, r->file), n);
		rewind(r->file);
		r->in = linein_open_file(r->file, "t");
		break;
	case FROM_GZIP: {
		char err[200];
		gzFile gz;
		int fd;
		snprintf(r->path, sizeof r->path, "/tmp/test_linein.XXXXXX");
		fd = mkstemp(r->path);
		assert_true(fd >= 0);
		gz = gzdopen(fd, "wb");
		assert_non_null(gz);
		assert_int_equal(gzwrite(gz, text, (unsigned)n), (int)n);
		assert_int_equal(gzclose(gz), Z_OK);
		r->in = linein_open(r->path, err, sizeof err);
		break;
	}
	case FROM_MEMORY:
		r->in = linein_open_mem((const uint8_t *)text, n, "t");
		break;
	}
	assert_non_null(r->in);
}

static void close_reader(struct reader *r)
{
	linein_close(r->in);
	if (r->file)
		fclose(r->file);
	if (r->path[0])
		unlink(r->path);
}

/* Lines of these lengths (each of one repeated letter), every one whole
 * and numbered, from every source.  The first is as long as a line may
 * be, and ends where the reads that grow the buffer end (it used to be
 * refused there: its newline was not read yet). */
static void test_lines_of_any_length_up_to_the_limit_come_back_whole(void **state)
{
	static const size_t lengths[] = {
		LINEIN_MAX_LINE, 1, 65535, 65536, 65537, 300000, 0, LINEIN_MAX_LINE - 1, 7,
	};
	size_t n = 0, at = 0;
	char *text;

	(void)state;
	for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++)
		n += lengths[k] + 1;
	text = malloc(n);
	assert_non_null(text);
	for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++) {
		memset(text + at, 'a' + (int)k, lengths[k]);
		at += lengths[k];
		text[at++] = '\n';
	}
	for (enum source s = FROM_FILE; s <= FROM_MEMORY; s++) {
		struct reader r;
		char *line;
		size_t len;

		open_reader(&r, s, text, n);
		for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++) {
			assert_int_equal(linein_next(r.in, &line, &len), 1);
			assert_int_equal(len, lengths[k]);
			assert_int_equal(linein_lineno(r.in), k + 1);
			assert_true(linein_complete(r.in));
			assert_int_equal(line[len], 0);
			for (size_t b = 0; b < len; b++)
				if (line[b] != 'a' + (int)k)
					fail_msg("source %d, line %zu: byte %zu is %d", s, k + 1, b, line[b]);
		}
		assert_int_equal(linein_next(r.in, &line, &len), 0);
		close_reader(&r);
	}
	free(text);
}

/* A memory input between the first buffer and the longest line (its
 * buffer grows to the input's size and no further): a long line, then a
 * last line with and without its newline. */
static void test_a_mid_sized_memory_input_reads_whole(void **state)
{
	enum { LONG = 150000, SIZE = 200000 };
	char *text = malloc(SIZE);

	(void)state;
	assert_non_null(text);
	memset(text, 'm', SIZE);
	text[LONG] = '\n';
	for (int terminated = 0; terminated <= 1; terminated++) {
		struct reader r;
		char *line;
		size_t len;

		text[SIZE - 1] = terminated ? '\n' : 'm';
		open_reader(&r, FROM_MEMORY, text, SIZE);
		assert_int_equal(linein_next(r.in, &line, &len), 1);
		assert_int_equal(len, LONG);
		assert_int_equal(linein_next(r.in, &line, &len), 1);
		assert_int_equal(len, SIZE - LONG - 1 - (size_t)terminated);
		assert_int_equal(linein_complete(r.in), terminated);
		assert_int_equal(line[len], 0);
		assert_int_equal(linein_next(r.in, &line, &len), 0);
		close_reader(&r);
	}
	free(text);
}

/* A line longer than LINEIN_MAX_LINE is an error that names it, whether
 * its end is in the buffer (one byte over) or beyond the largest buffer
 * (2.5 times as long: skipped); the next line reads, with its own
 * number. */
static void test_a_line_over_the_limit_is_an_error_for_that_line_only(void **state)
{
	static const size_t long_len[] = { LINEIN_MAX_LINE + 1, 2 * LINEIN_MAX_LINE + LINEIN_MAX_LINE / 2 };
	size_t n = 6 + long_len[0] + 1 + long_len[1] + 1 + 6, at = 6;
	char *text = malloc(n);

	(void)state;
	assert_non_null(text);
	memcpy(text, "first\n", 6);
	for (unsigned k = 0; k < 2; k++) {
		memset(text + at, 'x', long_len[k]);
		at += long_len[k];
		text[at++] = '\n';
	}
	memcpy(text + at, "after\n", 6);
	for (enum source s = FROM_FILE; s <= FROM_MEMORY; s++) {
		struct reader r;
		char *line, want[80];
		size_t len;

		open_reader(&r, s, text, n);
		assert_int_equal(linein_next(r.in, &line, &len), 1);
		assert_string_equal(line, "first");
		for (unsigned k = 0; k < 2; k++) {
			assert_int_equal(linein_next(r.in, &line, &len), -1);
			assert_false(linein_fatal(r.in));
			snprintf(want, sizeof want, ":%u:1: line longer than %u bytes", k + 2, LINEIN_MAX_LINE);
			assert_non_null(strstr(linein_error(r.in), want));
		}
		assert_int_equal(linein_next(r.in, &line, &len), 1);
		assert_string_equal(line, "after");
		assert_int_equal(linein_lineno(r.in), 4);
		assert_int_equal(linein_next(r.in, &line, &len), 0);
		close_reader(&r);
	}
	free(text);
}

/* A line that never ends (/dev/zero) is the same error, at once: the
 * reader does not drain it first (it read forever: `sdeisim replay
 * /dev/zero` never came back, an adversarial review; alarm ends a test
 * that hangs). */
static void test_a_line_that_never_ends_is_an_error_at_once(void **state)
{
	struct linein *in;
	char err[200], *line;
	size_t len;

	(void)state;
	in = linein_open("/dev/zero", err, sizeof err);
	assert_non_null(in);
	alarm(20);
	assert_int_equal(linein_next(in, &line, &len), -1);
	alarm(0);
	assert_false(linein_fatal(in));
	assert_non_null(strstr(linein_error(in), "/dev/zero:1:1: line longer than"));
	linein_close(in);
}

/* Over 3 MiB of short CRLF lines, the last without its newline: every line, in
 * order, carriage returns taken off. */
static void test_a_large_input_streams_every_line(void **state)
{
	enum { LINES = 300000 };
	size_t cap = (size_t)LINES * 20, n = 0;
	char *text = malloc(cap);

	(void)state;
	assert_non_null(text);
	for (unsigned k = 0; k < LINES; k++)
		n += (size_t)snprintf(text + n, cap - n, "line %u%s", k, k + 1 < LINES ? "\r\n" : "");
	assert_true(n > (3u << 20));
	for (enum source s = FROM_FILE; s <= FROM_MEMORY; s++) {
		struct reader r;
		char *line, want[32];
		size_t len;

		open_reader(&r, s, text, n);
		for (unsigned k = 0; k < LINES; k++) {
			assert_int_equal(linein_next(r.in, &line, &len), 1);
			snprintf(want, sizeof want, "line %u", k);
			if (strcmp(line, want) != 0 || len != strlen(want))
				fail_msg("source %d, line %u: '%s'", s, k + 1, line);
		}
		assert_false(linein_complete(r.in));
		assert_int_equal(linein_next(r.in, &line, &len), 0);
		close_reader(&r);
	}
	free(text);
}

/* ---- how far the reading is ---- */

struct watched { unsigned calls; uint64_t last; bool backwards; };

static void watch(void *ctx, const struct linein *in)
{
	struct watched *w = ctx;

	w->calls++;
	w->backwards |= linein_read_bytes(in) < w->last;
	w->last = linein_read_bytes(in);
}

/* Over 3 MiB from every source: the size is the file's (gzip: the
 * compressed file's), the watcher is called after reads, the bytes read
 * never go back, and at the end they are the whole source.  From a pipe the
 * size is not known (0) and the bytes read still count up to all of it. */
static void test_the_reader_tells_how_far_it_has_read(void **state)
{
	enum { LINES = 200000 };
	size_t cap = (size_t)LINES * 20, n = 0;
	char *text = malloc(cap), *line;
	size_t len;

	(void)state;
	assert_non_null(text);
	for (unsigned k = 0; k < LINES; k++)
		n += (size_t)snprintf(text + n, cap - n, "line %u\n", k);
	for (enum source s = FROM_FILE; s <= FROM_MEMORY; s++) {
		struct watched w = { 0, 0, false };
		struct reader r;
		uint64_t size = n;
		struct stat st;

		open_reader(&r, s, text, n);
		if (s == FROM_GZIP) {
			assert_int_equal(stat(r.path, &st), 0);
			size = (uint64_t)st.st_size;
			assert_true(size < n);
		}
		assert_int_equal(linein_size(r.in), size);
		assert_int_equal(linein_read_bytes(r.in), 0);
		linein_watch(r.in, watch, &w);
		while (linein_next(r.in, &line, &len) == 1)
			assert_true(linein_read_bytes(r.in) <= size);
		assert_int_equal(linein_lineno(r.in), LINES);
		assert_int_equal(linein_read_bytes(r.in), size);
		assert_true(w.calls >= 3);          /* reads are 1 MiB at most */
		assert_false(w.backwards);
		assert_int_equal(w.last, size);
		close_reader(&r);
	}
	{
		struct watched w = { 0, 0, false };
		char path[] = "/tmp/test_linein.XXXXXX", cmd[64];
		int fd = mkstemp(path);
		struct linein *in;
		FILE *pipe;

		assert_true(fd >= 0);
		assert_int_equal(write(fd, text, n), (ssize_t)n);
		close(fd);
		snprintf(cmd, sizeof cmd, "cat %s", path);
		pipe = popen(cmd, "r");
		assert_non_null(pipe);
		in = linein_open_file(pipe, "pipe");
		assert_non_null(in);
		assert_int_equal(linein_size(in), 0);
		linein_watch(in, watch, &w);
		while (linein_next(in, &line, &len) == 1)
			;
		assert_int_equal(linein_lineno(in), LINES);
		assert_int_equal(linein_read_bytes(in), n);
		assert_int_equal(w.last, n);
		assert_false(w.backwards);
		linein_close(in);
		assert_int_equal(pclose(pipe), 0);
		unlink(path);
	}
	free(text);
}

/* ---- gzip data that does not end as a gzip file should ---- */

enum { GZ_LINES = 20000 };

/* GZ_LINES lines "line K" as gzip data (one member); *n its size. */
static unsigned char *gzip_lines(size_t *n)
{
	size_t cap = (size_t)GZ_LINES * 16, len = 0;
	char *text = malloc(cap);
	unsigned char *out = malloc(cap + 64);
	z_stream z;

	assert_non_null(text);
	assert_non_null(out);
	for (unsigned k = 0; k < GZ_LINES; k++)
		len += (size_t)snprintf(text + len, cap - len, "line %u\n", k + 1);
	memset(&z, 0, sizeof z);
	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (unsigned char *)text;
	z.avail_in = (unsigned)len;
	z.next_out = out;
	z.avail_out = (unsigned)(cap + 64);
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	*n = z.total_out;
	deflateEnd(&z);
	free(text);
	return out;
}

/* Read bytes[0..n) as a file: the lines that come back must be "line 1",
 * "line 2", ... (again from 1 after GZ_LINES); returns how many, and the result of the call
 * that ended them (0, or -1 with the message in msg). */
static unsigned read_gz(const unsigned char *bytes, size_t n, int *end, char *msg, size_t msglen)
{
	char path[] = "/tmp/test_linein.XXXXXX", err[200], want[32], *line;
	int fd = mkstemp(path);
	struct linein *in;
	unsigned k = 0;
	size_t len;
	int rc;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, bytes, n), (ssize_t)n);
	close(fd);
	in = linein_open(path, err, sizeof err);
	assert_non_null(in);
	while ((rc = linein_next(in, &line, &len)) == 1) {
		snprintf(want, sizeof want, "line %u", k++ % GZ_LINES + 1);   /* members repeat the lines */
		if (strcmp(line, want) != 0)
			fail_msg("line %u: '%s'", k, line);
	}
	*end = rc;
	snprintf(msg, msglen, "%s", rc < 0 ? linein_error(in) : "");
	if (rc < 0)
		assert_true(linein_fatal(in));
	if (rc < 0)     /* and it stays an error */
		assert_int_equal(linein_next(in, &line, &len), -1);
	linein_close(in);
	/* the message names the file: compare what follows it */
	if (rc < 0) {
		assert_memory_equal(msg, path, strlen(path));
		memmove(msg, msg + strlen(path), strlen(msg + strlen(path)) + 1);
	}
	unlink(path);
	return k;
}

/* Cut short, in its data or in its header: the lines before the cut,
 * then an error at the line reached (was: the end of the input). */
static void test_a_truncated_gzip_file_is_an_error_at_the_line_reached(void **state)
{
	size_t n;
	unsigned char *gz = gzip_lines(&n);
	char msg[300], want[200];
	unsigned got;
	int end;

	(void)state;
	got = read_gz(gz, n / 2, &end, msg, sizeof msg);
	assert_int_equal(end, -1);
	assert_true(got > 0 && got < GZ_LINES);
	snprintf(want, sizeof want, ":%u:1: the gzip data stops before its end (a truncated file?)", got + 1);
	assert_string_equal(msg, want);
	got = read_gz(gz, 10, &end, msg, sizeof msg);
	assert_int_equal(end, -1);
	assert_int_equal(got, 0);
	assert_string_equal(msg, ":1:1: the gzip data stops before its end (a truncated file?)");
	/* the whole stream but its last byte (the length in the trailer) */
	got = read_gz(gz, n - 1, &end, msg, sizeof msg);
	assert_int_equal(end, -1);
	free(gz);
}

/* A wrong CRC: every line, then the error at the line after the last
 * (was: at 1:1, the lines decompressed with it thrown away). */
static void test_a_gzip_data_check_error_comes_after_the_lines_before_it(void **state)
{
	size_t n;
	unsigned char *gz = gzip_lines(&n);
	char msg[300], want[200];
	int end;

	(void)state;
	gz[n - 8] ^= 1;                  /* the CRC-32 in the trailer */
	assert_int_equal(read_gz(gz, n, &end, msg, sizeof msg), GZ_LINES);
	assert_int_equal(end, -1);
	snprintf(want, sizeof want, ":%u:1: corrupt gzip data (incorrect data check)", GZ_LINES + 1);
	assert_string_equal(msg, want);
	free(gz);
}

/* After the gzip stream: another gzip member reads on (gzip concatenates
 * them so); anything else is an error (was: ignored, as gzread does). */
static void test_data_after_the_gzip_stream_is_an_error_unless_gzip(void **state)
{
	static const char *const tails[] = { "garbage\n", "\0\0\0\0", "\x1f" };
	static const size_t tail_len[] = { 8, 4, 1 };
	size_t n;
	unsigned char *gz = gzip_lines(&n), *two = malloc(2 * n + 8);
	char msg[300], want[200];
	int end;

	(void)state;
	assert_non_null(two);
	memcpy(two, gz, n);
	memcpy(two + n, gz, n);
	assert_int_equal(read_gz(two, 2 * n, &end, msg, sizeof msg), 2 * GZ_LINES);
	assert_int_equal(end, 0);
	for (unsigned k = 0; k < 3; k++) {
		memcpy(two + n, tails[k], tail_len[k]);
		assert_int_equal(read_gz(two, n + tail_len[k], &end, msg, sizeof msg), GZ_LINES);
		assert_int_equal(end, -1);
		snprintf(want, sizeof want, ":%u:1: data after the end of the gzip stream (at byte %zu of the file)",
			 GZ_LINES + 1, n);
		assert_string_equal(msg, want);
	}
	free(two);
	free(gz);
}

/* A UTF-8 byte order mark that starts the input is not part of the first
 * line, from every source (it was: the line's first word was not the one
 * an editor shows); one anywhere else is text, left as it is. */
static void test_a_byte_order_mark_at_the_start_is_no_part_of_the_first_line(void **state)
{
	static const char text[] = "\xEF\xBB\xBF" "first\r\n\xEF\xBB\xBF" "second\nthird\xEF\xBB\xBF\n";
	static const char bom_only[] = "\xEF\xBB\xBF\nnext\n";
	static const char *const want[] = { "first", "\xEF\xBB\xBFsecond", "third\xEF\xBB\xBF" };

	(void)state;
	for (enum source s = FROM_FILE; s <= FROM_MEMORY; s++) {
		struct reader r;
		char *line;
		size_t len;

		open_reader(&r, s, text, sizeof text - 1);
		for (unsigned k = 0; k < 3; k++) {
			assert_int_equal(linein_next(r.in, &line, &len), 1);
			assert_string_equal(line, want[k]);
			assert_int_equal(len, strlen(want[k]));
			assert_int_equal(linein_lineno(r.in), k + 1);
		}
		assert_int_equal(linein_next(r.in, &line, &len), 0);
		close_reader(&r);
		open_reader(&r, s, bom_only, sizeof bom_only - 1);
		assert_int_equal(linein_next(r.in, &line, &len), 1);
		assert_int_equal(len, 0);
		assert_string_equal(line, "");
		assert_int_equal(linein_next(r.in, &line, &len), 1);
		assert_string_equal(line, "next");
		close_reader(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_of_any_length_up_to_the_limit_come_back_whole),
		cmocka_unit_test(test_a_mid_sized_memory_input_reads_whole),
		cmocka_unit_test(test_a_line_over_the_limit_is_an_error_for_that_line_only),
		cmocka_unit_test(test_a_line_that_never_ends_is_an_error_at_once),
		cmocka_unit_test(test_a_large_input_streams_every_line),
		cmocka_unit_test(test_the_reader_tells_how_far_it_has_read),
		cmocka_unit_test(test_a_truncated_gzip_file_is_an_error_at_the_line_reached),
		cmocka_unit_test(test_a_gzip_data_check_error_comes_after_the_lines_before_it),
		cmocka_unit_test(test_data_after_the_gzip_stream_is_an_error_unless_gzip),
		cmocka_unit_test(test_a_byte_order_mark_at_the_start_is_no_part_of_the_first_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
