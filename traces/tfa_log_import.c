/*
 * tfa_log_import.c - the TF-A log importer's loop: number the PEs (the
 * profile's MPIDR table, or the platform's list), read a line, refuse
 * binary data, hand the line to tfa_log.c; report or (lenient) skip bad
 * lines, saying so when the input ends in the middle of the bad line.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quote.h"
#include "scn.h"               /* scn_profile_choices */
#include "tfa_log.h"
#include "trace_simplat.h"

/* The state for in, its PEs numbered: NULL with a message in err. */
static struct tfa_log *tfa_log_new(struct linein *in, const struct import_opts *o, struct import_stats *st,
				   char *err, size_t errlen)
{
	struct tfa_log *lg = calloc(1, sizeof *lg);
	const char *profile = o->profile ? o->profile : "tf-a-fvp";

	if (!lg) {
		snprintf(err, errlen, "%s: out of memory", linein_name(in));
		return NULL;
	}
	lg->o = o;
	lg->st = st;
	lg->in = in;
	if (!sim_platform_profile(&lg->plat, profile)) {
		char choices[SCN_PROFILE_CHOICES_SIZE];

		snprintf(err, errlen, "unknown profile '%s' (%s)", SIM_QUOTED_STR(profile),
			 scn_profile_choices(profile, choices, sizeof choices));
		free(lg);
		return NULL;
	}
	/* the profile's whole MPIDR table numbers the PEs (a log may name more
	 * than its default count); a platform's own PEs, exactly */
	lg->npes = TRACE_MAX_PES;
	if (o->platform && trace_platform_apply(o->platform, linein_name(in), &lg->plat, err, errlen)) {
		free(lg);
		return NULL;
	}
	if (o->platform)
		lg->npes = (o->platform->has & TRACE_HAS_PES) && o->platform->pes <= TRACE_MAX_PES ?
			   o->platform->pes : lg->plat.pes;
	return lg;
}

/* Does line begin as a TF-A console line does: a log level's prefix
 * (plat_log_get_prefix), maybe after a console's "[time]"? */
static bool tfa_prefixed(const char *line)
{
	static const char *const levels[] = { "ERROR:", "NOTICE:", "WARNING:", "INFO:", "VERBOSE:" };

	line += strspn(line, " \t");
	if (*line == '[' && strchr(line, ']'))
		line = strchr(line, ']') + 1 + strspn(strchr(line, ']') + 1, " \t");
	for (size_t k = 0; k < sizeof levels / sizeof levels[0]; k++)
		if (strncmp(line, levels[k], strlen(levels[k])) == 0)
			return true;
	return false;
}

/* The first control byte of line[0..len) (binary data): its message in
 * lg and 1, or 0. */
static int binary_data(struct tfa_log *lg, const char *line, size_t len)
{
	long i = import_binary_at(line, len);

	if (i < 0)
		return 0;
	snprintf(lg->msg, sizeof lg->msg, "binary data (byte 0x%02x) in a text log", (unsigned char)line[i]);
	lg->col = (size_t)i;
	return 1;
}

int tfa_log_import(struct linein *in, const struct import_opts *o, struct import_stats *st,
		   char *err, size_t errlen)
{
	struct tfa_log *lg;
	bool tfa = false;            /* a line of a TF-A console log was seen */
	int result = 0;

	memset(st, 0, sizeof *st);
	lg = tfa_log_new(in, o, st, err, errlen);
	if (!lg)
		return -1;
	for (;;) {
		char where[LINEIN_MSG_MAX];
		char *line;
		size_t len;
		int rc = linein_next(in, &line, &len);

		if (rc == 0)
			break;
		st->lines++;
		if (rc < 0) {
			snprintf(where, sizeof where, "%s", linein_error(in));
		} else {
			rc = binary_data(lg, line, len);
			if (!rc && !tfa)
				tfa = tfa_prefixed(line);
			if (!rc)
				rc = tfa_log_line(lg, line);
			tfa |= rc == 0;
			if (rc == 2) {
				st->ignored++;
				continue;
			}
			if (rc < 0) {
				snprintf(err, errlen, "%s: cannot write the records", linein_name(in));
				result = -1;
				break;
			}
			if (rc == 0) {
				st->used++;
				continue;
			}
			/* A console line always ends with a newline: without one, the
			 * input stopped in this line (as tarmac_import.c says it) */
			snprintf(where, sizeof where, "%s:%" PRIu64 ":%zu: %s%s", linein_name(in), linein_lineno(in),
				 lg->col + 1, lg->msg, linein_complete(in) ? "" : IMPORT_CUT_LINE);
		}
		if (import_line_failed(o, st, in, where, err, errlen)) {
			result = -1;
			break;
		}
	}
	/* another kind of file, or nothing: no trace, not an empty one */
	if (result == 0 && !tfa) {
		linein_no_line_of(in, "TF-A log", "a TF-A console log", err, errlen);
		result = -1;
	}
	if (result == 0 && tfa_log_finish(lg)) {
		snprintf(err, errlen, "%s: cannot write the records", linein_name(in));
		result = -1;
	}
	free(lg);
	return result;
}
