/*
 * test_scn_run.c - scenarios that must run as expected on the simulator.
 *
 *   test_scn_run examples FILE.md   every ```yaml block of FILE.md loads
 *                                   and passes (errors point into FILE.md)
 *   test_scn_run pass DIR           every DIR/NAME.yml passes
 *   test_scn_run profiles DIR       every DIR/NAME.yml passes under every
 *                                   built-in profile
 *   test_scn_run fail DIR           every DIR/NAME.yml fails with exactly
 *                                   the line in DIR/NAME.expected
 *
 * Scenarios run the way `sdeisim run` runs them.  The fixtures end in
 * .yml so that the regression suite (`*.yaml`) does not pick them up.
 */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "scn_run.h"

static const char *dir_arg, *mode_arg;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The NAME.yml files of DIR, sorted, as DIR/NAME.yml. */
static unsigned list_yml(const char *dir, char ***out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	unsigned n = 0;

	if (d == NULL)
		fail_msg("%s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len <= 4 || strcmp(e->d_name + len - 4, ".yml") != 0)
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		assert_non_null(names);
		names[n] = malloc(strlen(dir) + len + 2);
		assert_non_null(names[n]);
		sprintf(names[n++], "%s/%s", dir, e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	*out = names;
	return n;
}

static void free_list(char **names, unsigned n)
{
	for (unsigned k = 0; k < n; k++)
		free(names[k]);
	free(names);
}

static void test_pass(void **state)
{
	char **files, msg[1024];
	unsigned n = list_yml(dir_arg, &files);

	(void)state;
	assert_true(n > 0);
	for (unsigned k = 0; k < n; k++)
		for (unsigned p = 0; sim_profile_name(p); p++) {
			const char *profile = sim_profile_name(p);
			/* `pass`: the default profile only. */
			if (strcmp(mode_arg, "pass") == 0 && p > 0)
				break;
			if (scn_test_run_file(files[k], profile, msg, sizeof msg) != 0)
				fail_msg("%s under profile %s: %s", files[k], profile, msg);
		}
	free_list(files, n);
}

static void test_fail(void **state)
{
	char **files, msg[1024], want[1024], path[1024];
	unsigned n = list_yml(dir_arg, &files);

	(void)state;
	assert_true(n > 0);
	for (unsigned k = 0; k < n; k++) {
		FILE *fp;
		snprintf(path, sizeof path, "%.*s.expected", (int)(strlen(files[k]) - 4), files[k]);
		fp = fopen(path, "r");
		if (fp == NULL)
			fail_msg("%s is missing", path);
		if (fgets(want, sizeof want, fp) == NULL)
			want[0] = '\0';
		fclose(fp);
		want[strcspn(want, "\n")] = '\0';
		if (scn_test_run_file(files[k], NULL, msg, sizeof msg) != 1)
			fail_msg("%s did not fail when run: %s", files[k], msg[0] ? msg : "it passed");
		if (strcmp(msg, want) != 0)
			fail_msg("%s:\n  expected: %s\n  got:      %s", files[k], want, msg);
	}
	free_list(files, n);
}

/* Every ```yaml block of the file, loaded with as many newlines before it
 * as it has lines above it, so that messages give FILE.md's lines. */
static void test_examples(void **state)
{
	FILE *fp = fopen(dir_arg, "r");
	char line[1024], msg[1024];
	char *text = NULL;
	size_t len = 0, cap = 0;
	unsigned lineno = 0, examples = 0;
	bool in = false;

	(void)state;
	if (fp == NULL)
		fail_msg("%s: %s", dir_arg, strerror(errno));
	while (fgets(line, sizeof line, fp)) {
		size_t l = strlen(line);
		lineno++;
		if (!in && strcmp(line, "```yaml\n") == 0) {
			in = true;
			len = 0;
			l = 1;
			strcpy(line, "\n");        /* the fence line, as a blank line */
			for (unsigned k = 1; k < lineno; k++) {
				if (len + 1 >= cap && (text = realloc(text, cap = 2 * cap + 4096)) == NULL)
					fail();
				text[len++] = '\n';
			}
		} else if (in && strcmp(line, "```\n") == 0) {
			struct sim_program prog;
			struct sim_result res;
			in = false;
			examples++;
			sim_program_init(&prog);
			if (scn_load_string(dir_arg, text, len, NULL, &prog, msg, sizeof msg))
				fail_msg("%s", msg);
			assert_int_equal(scn_test_run(&prog, &res, NULL), 0);
			if (!res.passed)
				fail_msg("%s:%u:%u: %s", dir_arg, res.loc.line, res.loc.col, res.message);
			sim_program_free(&prog);
			continue;
		}
		if (in) {
			if (len + l >= cap && (text = realloc(text, cap = 2 * cap + l + 4096)) == NULL)
				fail();
			memcpy(text + len, line, l);
			len += l;
		}
	}
	fclose(fp);
	free(text);
	assert_true(examples >= 8);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest pass[] = { cmocka_unit_test(test_pass) };
	const struct CMUnitTest fail[] = { cmocka_unit_test(test_fail) };
	const struct CMUnitTest examples[] = { cmocka_unit_test(test_examples) };

	if (argc != 3) {
		fprintf(stderr, "usage: %s examples FILE.md | pass DIR | profiles DIR | fail DIR\n",
			argv[0]);
		return 2;
	}
	mode_arg = argv[1];
	dir_arg = argv[2];
	if (strcmp(mode_arg, "pass") == 0 || strcmp(mode_arg, "profiles") == 0)
		return cmocka_run_group_tests_name(mode_arg, pass, NULL, NULL);
	if (strcmp(mode_arg, "fail") == 0)
		return cmocka_run_group_tests_name("fail", fail, NULL, NULL);
	if (strcmp(mode_arg, "examples") == 0)
		return cmocka_run_group_tests_name("examples", examples, NULL, NULL);
	fprintf(stderr, "%s: unknown mode '%s'\n", argv[0], mode_arg);
	return 2;
}
