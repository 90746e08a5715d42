/*
 * tarmac_time.c - Tarmac timestamps (tarmac-traces.md §1.2): a number,
 * maybe fractional, with a unit glued to it (271ns) or in the next token,
 * or none.  Units of time are kept as picoseconds, so that `1.5 us` and
 * `2 us` (or `ns` and `ps` lines of one trace) compare as times; counts
 * (clk, cyc, tic, cs, no unit) stay as they are: there is nothing to
 * convert them to (FORMAT.md, "Time and order").
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "tarmac.h"
#include "trace_internal.h"     /* SIM_QUOTED: the timestamp in a message */

static const struct { const char *name; uint32_t ps; } units[] = {
	{ "clk", 0 }, { "ns", 1000 }, { "ps", 1 }, { "cs", 0 }, { "cyc", 0 }, { "tic", 0 }, { "us", 1000000 },
};

int tm_unit(const char *p, size_t n)
{
	for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
		if (strncmp(units[k].name, p, n) == 0 && units[k].name[n] == 0)
			return (int)k;
	return -1;
}

bool tm_time_like(const char *p, size_t n)
{
	return isdigit((unsigned char)p[0]) || (p[0] == '-' && n > 1 && isdigit((unsigned char)p[1]));
}

size_t tm_time_number_end(const char *p, size_t n)
{
	size_t i = p[0] == '-';

	while (i < n && isdigit((unsigned char)p[i]))
		i++;
	if (i < n && p[i] == '.')
		for (i++; i < n && isdigit((unsigned char)p[i]); i++)
			;
	return i;
}

int tm_time_unit(const char *p, size_t n, int unit)
{
	size_t end = tm_time_number_end(p, n);

	return end < n ? tm_unit(p + end, n - end) : unit;
}

static const char *unit_name(int unit)
{
	return unit < 0 ? "no unit" : units[unit].name;
}

int tm_units_compare(int a, int b, char *msg, size_t msglen)
{
	bool time_a = a >= 0 && units[a].ps, time_b = b >= 0 && units[b].ps;

	if (a == b || (time_a && time_b))
		return 0;
	/* A trace has one clock: a line in another unit is a corrupt line or
	 * another trace pasted in, and reading its number against the
	 * others' would report time going backwards, or miss it, for no
	 * reason a reader could see. */
	snprintf(msg, msglen, "timestamp unit changes from %s to %s: %s", unit_name(a), unit_name(b),
		 time_a || time_b ? "a count and a time do not compare" : "counts of two clocks do not compare");
	return -1;
}

int tm_time_value(const char *p, size_t n, int unit, uint64_t *out, char *msg, size_t msglen, size_t *at)
{
	size_t i = 0, end = tm_time_number_end(p, n), frac;
	uint64_t v = 0, scale, f = 0;

	*at = 0;
	if (p[0] == '-')
		return snprintf(msg, msglen, "negative timestamp '%s'", SIM_QUOTED(p, n)), -1;
	for (; i < end && p[i] != '.'; i++) {
		unsigned d = (unsigned)(p[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return snprintf(msg, msglen, "timestamp '%s' out of range", SIM_QUOTED(p, n)), -1;
		v = v * 10 + d;
	}
	frac = i < end ? i + 1 : 0;
	if (end < n && (unit = tm_unit(p + end, n - end)) < 0) {
		*at = end;
		return snprintf(msg, msglen, "unknown timestamp unit '%s'", SIM_QUOTED(p + end, n - end)), -1;
	}
	scale = unit >= 0 ? units[unit].ps : 0;
	if (frac && !scale)
		return snprintf(msg, msglen, "fractional timestamp '%s' %s%s: only us, ns and ps have fractions",
				SIM_QUOTED(p, n), unit < 0 ? "without a unit" : "in ",
				unit < 0 ? "" : units[unit].name), -1;
	if (scale) {
		for (uint64_t s = scale; frac && frac < end && s > 1; frac++) {
			s /= 10;
			f += (uint64_t)(p[frac] - '0') * s;
		}
		if (v > (UINT64_MAX - f) / scale)
			return snprintf(msg, msglen, "timestamp '%s' out of range", SIM_QUOTED(p, n)), -1;
		v = v * scale + f;
	}
	*out = v;
	return 0;
}
