/*
 * tarmac_import.c - the Tarmac importer's loop: read a line, lex it,
 * give it its time (a line without a timestamp has the previous line's),
 * feed it to the state machine; report or (lenient) skip bad lines.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "tarmac.h"

/* An error at line/col of the input: the message for err or diag. */
static void locate(char *out, size_t outlen, const struct linein *in, size_t col, const char *msg)
{
	snprintf(out, outlen, "%s:%" PRIu64 ":%zu: %s", linein_name(in), linein_lineno(in), col + 1, msg);
}

/* Is lexed line l (line[0..len)) one only a Tarmac trace has?  A known
 * kind with a timestamp, an instruction, an X or system register, the
 * header: other text (a README, a console log) can have a word that is a
 * kind, never these. */
static bool tarmac_evidence(const struct tm_line *l, const char *line, size_t len)
{
	size_t at = strspn(line, " \t");

	if (l->kind == TM_UNKNOWN)
		return false;
	return l->has_time || l->kind == TM_INSN || (l->kind == TM_REG && l->reg != TM_R_OTHER) ||
	       (len - at >= 11 && memcmp(line + at, "Tarmac Text", 11) == 0);
}

int tarmac_import(struct linein *in, const struct import_opts *o, struct import_stats *st,
		  char *err, size_t errlen)
{
	struct tm_sink sink = { o->emit, o->emit_ctx, linein_name(in) };
	struct tm_state *sm = tm_state_new(&sink);
	struct tm_names *names = calloc(1, sizeof *names);
	uint64_t last_time = 0;
	bool tarmac = false;         /* a line only a Tarmac trace has was seen */
	int result = 0;

	memset(st, 0, sizeof *st);
	if (!sm || !names) {
		tm_state_free(sm);
		free(names);
		snprintf(err, errlen, "%s: out of memory", linein_name(in));
		return -1;
	}
	for (;;) {
		char msg[TM_MSG_MAX], where[LINEIN_MSG_MAX];
		struct tm_line l;
		size_t len, col = 0;
		char *line;
		long bin;
		int rc = linein_next(in, &line, &len);

		if (rc == 0)
			break;
		st->lines++;
		if (rc < 0) {
			snprintf(where, sizeof where, "%s", linein_error(in));
			goto skipped;
		}
		bin = import_binary_at(line, len);
		if (bin >= 0) {
			snprintf(msg, sizeof msg, "binary data (byte 0x%02x) in a text trace",
				 (unsigned char)line[bin]);
			col = (size_t)bin;
			goto bad;
		}
		if (tm_lex(line, len, names, &l, msg, sizeof msg, &col) ||
		    (!linein_complete(in) && (tm_value_cut(line, len, &l, msg, sizeof msg, &col) ||
					      tm_mode_cut(line, len, &l, msg, sizeof msg, &col)))) {
			if (!linein_complete(in)) {
				size_t n = strlen(msg);
				snprintf(msg + n, sizeof msg - n, "%s", IMPORT_CUT_LINE);
			}
			goto bad;
		}
		if (!tarmac)
			tarmac = tarmac_evidence(&l, line, len);
		if (l.kind == TM_IGNORED) {
			st->ignored++;
			continue;
		}
		if (l.kind == TM_UNKNOWN) {
			if (st->unknown++ == 0)
				st->first_unknown = linein_lineno(in);
			continue;
		}
		if (!l.has_time)
			l.time = last_time;
		rc = tm_feed(sm, &l, linein_lineno(in), msg, sizeof msg, &col);
		if (rc < 0) {
			snprintf(err, errlen, "%s: cannot write the records", linein_name(in));
			result = -1;
			break;
		}
		if (rc > 0)
			goto bad;
		last_time = l.time;
		st->used++;
		continue;
bad:
		locate(where, sizeof where, in, col, msg);
skipped:
		if (import_line_failed(o, st, in, where, err, errlen)) {
			result = -1;
			break;
		}
	}
	/* another kind of file (or nothing) imports as no trace at all, not
	 * as an empty one that replays without a divergence */
	if (result == 0 && !tarmac) {
		linein_no_line_of(in, "Tarmac", "a Tarmac trace", err, errlen);
		result = -1;
	}
	if (result == 0 && tm_finish(sm)) {
		snprintf(err, errlen, "%s: cannot write the records", linein_name(in));
		result = -1;
	}
	st->records = tm_records(sm);
	st->blind_calls = tm_blind_calls(sm);
	tm_state_free(sm);
	free(names);
	return result;
}
