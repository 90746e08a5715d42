/*
 * input_kind.c - which of the tool's inputs a text starts as
 * (input_kind.h).
 */
#include <stdbool.h>
#include <string.h>

#include "input_kind.h"

static bool starts_with(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);

	return n >= w && memcmp(s, word, w) == 0;
}

/* The kind line (len bytes, no newline) is the first line of. */
static enum sim_input_kind kind_of_line(const char *line, size_t len)
{
	static const char *const tfa_levels[] = { "NOTICE:", "INFO:", "VERBOSE:", "WARNING:", "ERROR:" };
	static const char *const units[] = { "clk ", "ns ", "ps ", "us ", "cyc " };
	size_t k = 0, d;

	if (starts_with(line, len, "# sdeisim-trace "))
		return SIM_INPUT_TRACE;
	for (size_t i = 0; i < sizeof tfa_levels / sizeof tfa_levels[0]; i++)
		if (starts_with(line, len, tfa_levels[i]))
			return SIM_INPUT_TFA_LOG;
	if (starts_with(line, len, "Tarmac Text"))
		return SIM_INPUT_TARMAC;
	while (k < len && line[k] == ' ')
		k++;
	for (d = k; d < len && line[d] >= '0' && line[d] <= '9'; d++)
		;
	if (d > k && d < len && line[d] == ' ') {
		while (d < len && line[d] == ' ')
			d++;
		for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
			if (starts_with(line + d, len - d, units[i]))
				return SIM_INPUT_TARMAC;
	}
	if (starts_with(line, len, "---") || starts_with(line, len, "%YAML"))
		return SIM_INPUT_SCENARIO;
	for (d = 0; d < len && ((line[d] >= 'a' && line[d] <= 'z') || line[d] == '_'); d++)
		;
	if (d > 0 && d < len && line[d] == ':' && (d + 1 == len || line[d + 1] == ' ' || line[d + 1] == '\r'))
		return SIM_INPUT_SCENARIO;
	return SIM_INPUT_UNKNOWN;
}

/* see input_kind.h */
enum sim_input_kind sim_input_kind_of(const char *text, size_t len)
{
	size_t k = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

	while (k < len) {
		const char *nl = memchr(text + k, '\n', len - k);
		size_t n = nl ? (size_t)(nl - (text + k)) : len - k;
		size_t blank = 0;

		while (blank < n && (text[k + blank] == ' ' || text[k + blank] == '\t' || text[k + blank] == '\r'))
			blank++;
		if (blank < n && !(text[k] == '#' && !starts_with(text + k, n, "# sdeisim-trace ")))
			return kind_of_line(text + k, n);
		k += n + 1;
	}
	return SIM_INPUT_UNKNOWN;
}

/* see input_kind.h */
const char *sim_input_hint(enum sim_input_kind k)
{
	switch (k) {
	case SIM_INPUT_SCENARIO: return " (it looks like a YAML scenario: `sdeisim run` runs one)";
	case SIM_INPUT_TRACE:    return " (it looks like an sdeisim trace: `sdeisim replay` runs one)";
	case SIM_INPUT_TARMAC:   return " (it looks like a Tarmac trace: `sdeisim import tarmac` turns one into a trace)";
	case SIM_INPUT_TFA_LOG:  return " (it looks like a TF-A console log: `sdeisim import tf-a-log` turns one into a "
					"trace)";
	default:                 return "";
	}
}
