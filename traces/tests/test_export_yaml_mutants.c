/*
 * test_export_yaml_mutants.c - test_export_yaml --mutants: the sample
 * traces changed the ways a dispatcher and a trace can disagree, each
 * checked as test_export_yaml.c checks a trace (see there).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_export_yaml.h"

/* Mutant text, checked on both profiles as NAME~LABEL; freed. */
static void check_both(const char *name, const char *label, char *text, size_t len)
{
	char mname[300];

	snprintf(mname, sizeof mname, "%s~%s", name, label);
	ey_check(mname, text, len, "default", true, NULL);
	ey_check(mname, text, len, "tf-a-fvp", true, NULL);
	free(text);
}

/* Lines (each with its newline), line `at` replaced by `times` copies of
 * `with` (0: left out) and, when `next` is not NULL, line at + 1 by it;
 * checked on both profiles as NAME~LABEL<at + 1>. */
static void mutant2(const char *name, const char *label, char **lines, size_t nlines, size_t at, const char *with,
		    int times, const char *next)
{
	char mlabel[64], *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	for (size_t k = 0; k < nlines; k++)
		for (int t = 0; t < (k == at ? times : 1); t++)
			fputs(k == at ? with : next && k == at + 1 ? next : lines[k], f);
	fclose(f);
	snprintf(mlabel, sizeof mlabel, "%s%zu", label, at + 1);
	check_both(name, mlabel, text, len);
}

static void mutant(const char *name, const char *label, char **lines, size_t nlines, size_t at, const char *with,
		   int times)
{
	mutant2(name, label, lines, nlines, at, with, times, NULL);
}

/* The number after `key` in line (" pe="), or -1. */
static long long field(const char *line, const char *key)
{
	const char *at = strstr(line, key);

	return at ? strtoll(at + strlen(key), NULL, 10) : -1;
}

/* line with its time (" t=N") that of `from`, into buf. */
static bool retimed(const char *line, const char *from, char *buf, size_t n)
{
	const char *at = strstr(line, " t="), *src = strstr(from, " t=");
	size_t digits;

	if (!at || !src)
		return false;
	digits = strspn(at + 3, "0123456789");
	snprintf(buf, n, "%.*s t=%.*s%s", (int)(at - line), line, (int)strspn(src + 3, "0123456789"), src + 3,
		 at + 3 + digits);
	return true;
}

/* Records `at` and at + 1, of two PEs, the other way round, each with the
 * other's time: the two PEs' records in the other order.  Read back as
 * its own trace (a time that goes backwards on a PE then: not read). */
static void swapped(const char *name, char **lines, size_t nlines, size_t at)
{
	char first[2048], second[2048];

	if (at + 1 >= nlines || field(lines[at], " pe=") < 0 || field(lines[at + 1], " pe=") < 0 ||
	    field(lines[at], " pe=") == field(lines[at + 1], " pe=") ||
	    !retimed(lines[at + 1], lines[at], first, sizeof first) || !retimed(lines[at], lines[at + 1], second, sizeof second))
		return;
	mutant2(name, "swap", lines, nlines, at, first, 1, second);
}

/* line with the value of hex field `key` (" r0=0x") plus add, then with
 * the bits of flip flipped, into buf. */
static bool changed(const char *line, const char *key, unsigned long long add, unsigned long long flip, char *buf,
		    size_t n)
{
	const char *at = strstr(line, key);
	char *end;
	unsigned long long v;

	if (!at)
		return false;
	v = strtoull(at + strlen(key), &end, 16);
	snprintf(buf, n, "%.*s%s%llx%s", (int)(at - line), line, key, (v + add) ^ flip, end);
	return true;
}

static bool bumped(const char *line, const char *key, char *buf, size_t n)
{
	return changed(line, key, 1, 0, buf, n);
}

/* Every dispatch's and every COMPLETE_AND_RESUME's PSTATE (the handler's
 * at entry, the one it goes on with) with the bits of flip flipped, as a
 * dispatcher that builds them otherwise would give: the export checks
 * them where the replay compares them. */
static void pstates_changed(const char *name, const char *label, char **lines, size_t nlines, unsigned long long flip)
{
	char *text = NULL, buf[2048];
	size_t len;
	FILE *f = open_memstream(&text, &len);

	for (size_t k = 0; k < nlines; k++) {
		const char *l = lines[k];
		bool has = strncmp(l, "dispatch", 8) == 0 || (strncmp(l, "complete", 8) == 0 && strstr(l, " how=resume"));
		fputs(has && changed(l, " pstate=0x", 0, flip, buf, sizeof buf) ? buf : l, f);
	}
	fclose(f);
	check_both(name, label, text, len);
}

/* line with `from` replaced by `to`, into buf. */
static bool replaced(const char *line, const char *from, const char *to, char *buf, size_t n)
{
	const char *at = strstr(line, from);

	if (!at)
		return false;
	snprintf(buf, n, "%.*s%s%s", (int)(at - line), line, to, at + strlen(from));
	return true;
}

static void mutants_of(const char *name, char *text, size_t len)
{
	char **lines = calloc(len + 1, sizeof *lines), buf[2048];   /* at most a line per byte */
	size_t n = 0;
	char *nodisp = NULL;
	size_t nlen;
	FILE *f;

	for (char *p = text; lines && *p; n++) {   /* each its own string, newline kept */
		char *e = strchr(p, '\n');
		size_t l = e ? (size_t)(e - p) + 1 : strlen(p);
		lines[n] = strndup(p, l);
		p += l;
	}
	for (size_t k = 0; k < n; k++) {
		const char *l = lines[k];
		if (l[0] == '#' || strncmp(l, "platform", 8) == 0)
			continue;
		mutant(name, "drop", lines, n, k, l, 0);
		mutant(name, "twice", lines, n, k, l, 2);
		if (strncmp(l, "call", 4) == 0 && bumped(l, " r0=0x", buf, sizeof buf))
			mutant(name, "result", lines, n, k, buf, 1);
		if (replaced(l, " end=complete", " end=ret r0=0xfffffffffffffffd", buf, sizeof buf))
			mutant(name, "refused", lines, n, k, buf, 1);
		if (replaced(l, " end=complete", " end=ret", buf, sizeof buf))   /* its error not traced */
			mutant(name, "refused-unknown", lines, n, k, buf, 1);
		if (strncmp(l, "dispatch", 8) == 0 && bumped(l, " x1=0x", buf, sizeof buf))
			mutant(name, "arg", lines, n, k, buf, 1);
		if (replaced(l, " res=dispatched", " res=deferred", buf, sizeof buf))
			mutant(name, "deferred", lines, n, k, buf, 1);
		swapped(name, lines, n, k);
	}
	/* firmware that never dispatched: no interrupts, dispatches,
	 * completions or handler calls */
	f = open_memstream(&nodisp, &nlen);
	for (size_t k = 0; k < n; k++)
		if (strncmp(lines[k], "irq", 3) && strncmp(lines[k], "dispatch", 8) && strncmp(lines[k], "complete", 8) &&
		    !strstr(lines[k], " h=1 "))
			fputs(lines[k], f);
	fclose(f);
	check_both(name, "nodispatch", nodisp, nlen);
	pstates_changed(name, "pstate-c", lines, n, 1ull << 29);       /* NZCV's C */
	pstates_changed(name, "pstate-f", lines, n, 1ull << 6);        /* DAIF's F */
	pstates_changed(name, "pstate-el", lines, n, 1ull << 2);       /* M[2]: another EL */
	for (size_t k = 0; k < n; k++)
		free(lines[k]);
	free(lines);
}

void ey_mutants(const char *name, char *text, size_t len)
{
	mutants_of(name, text, len);
	if (ey_window(name)) {
		ey_mid_run = true;
		mutants_of(name, text, len);
		ey_mid_run = false;
	}
}
