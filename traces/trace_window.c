/*
 * trace_window.c - a window of a trace by line numbers (trace.h,
 * trace_reader_window): the records at lines FROM..TO, the platform
 * records before them, and the one record on either side of each edge
 * that an exchange split there lacks.
 *
 * An exchange is a cause and its consequence on one PE: a call and the
 * dispatch it made (cause=call) or the completion it ended in (end=
 * complete, or a CPU_OFF/SYSTEM_OFF's implicit one), an acknowledge and
 * the dispatch of its interrupt.  Cut between the two, the replay runs
 * the cause and sees the consequence the trace lacks, or a consequence
 * with no cause - a divergence that is only the window's edge, which the
 * user did not ask about.  So a window keeps, on each PE, the record
 * after its end when its last record is a cause and that one is a
 * dispatch or a completion, and the record before its start when its
 * first record is one of those and that one is a cause.  A line after
 * the window that does not read ends it (it was read only for a record
 * owed, or for its line number): what the user asked for is the window.
 */
#include <stdlib.h>
#include <string.h>

#include "trace_read_internal.h"

/* A record the replay replays: not a platform record (the machine) nor
 * a warning (a producer's remark, which it only notes). */
static bool replayed(const struct trace_rec *rec)
{
	return rec->kind != TRACE_PLATFORM && rec->kind != TRACE_WARNING;
}

/* The first half of an exchange: a call, or an acknowledge. */
static bool cause(const struct trace_rec *rec)
{
	return rec->kind == TRACE_CALL || (rec->kind == TRACE_IRQ && rec->how == TRACE_IRQ_ACK);
}

/* The second half: a dispatch, or a completion. */
static bool consequence(const struct trace_rec *rec)
{
	return rec->kind == TRACE_DISPATCH || rec->kind == TRACE_COMPLETE;
}

static uint64_t pe_bit(const struct trace_rec *rec)
{
	return 1ull << rec->pe;
}

/* A record of the window: whether its PE is owed the next one. */
static int in_window(struct trace_reader *rd, const struct trace_rec *rec)
{
	if (replayed(rec)) {
		rd->owed = cause(rec) ? rd->owed | pe_bit(rec) : rd->owed & ~pe_bit(rec);
		rd->nread++;
	}
	return 1;
}

int trace_read(struct trace_reader *rd, struct trace_rec *rec)
{
	int rc;

	if (rd->past_window)
		return 0;
	if (rd->have_next) {             /* held while its PE's cause went first */
		rd->have_next = false;
		*rec = rd->next;
		return in_window(rd, rec);
	}
	while ((rc = rd_read_next(rd, rec)) == 1) {
		if (rec->kind == TRACE_PLATFORM && rec->line <= rd->win_to)
			return 1;              /* the machine every record ran on */
		if (!replayed(rec)) {
			if (rec->kind == TRACE_WARNING && rec->line >= rd->win_from && rec->line <= rd->win_to)
				return 1;
			continue;
		}
		if (rec->line < rd->win_from) {
			/* read and checked, passed over; a cause kept for the
			 * consequence that may start the window on its PE */
			rd->cut_before++;
			if (rd->before && cause(rec)) {
				rd->before[rec->pe] = *rec;
				rd->have_before |= pe_bit(rec);
			} else {
				rd->have_before &= ~pe_bit(rec);
			}
			continue;
		}
		if (rec->line > rd->win_to) {
			/* after the window: only the consequence a PE is owed */
			bool take = (rd->owed & pe_bit(rec)) && consequence(rec);
			rd->owed &= ~pe_bit(rec);
			if (take)
				return in_window(rd, rec);
			continue;
		}
		if (!(rd->started & pe_bit(rec)) && (rd->have_before & pe_bit(rec)) && consequence(rec)) {
			/* the window starts on this PE with the second half of an
			 * exchange: its first half first */
			rd->next = *rec;
			rd->have_next = true;
			*rec = rd->before[rec->pe];
			rd->cut_before--;
		}
		rd->started |= pe_bit(rec);
		return in_window(rd, rec);
	}
	if (rc < 0 && rd->lineno > rd->win_to) {
		/* a line after the window that does not read - read only for
		 * a record owed - is none of the window's: it ends there */
		rd->past_window = true;
		return 0;
	}
	return rc;
}

int trace_reader_window(struct trace_reader *rd, uint32_t from, uint32_t to)
{
	rd->win_from = from;
	rd->win_to = to;
	if (from > 1 && !rd->before && !(rd->before = calloc(TRACE_MAX_PES, sizeof *rd->before)))
		return -1;
	return 0;
}

uint32_t trace_reader_cut_before(const struct trace_reader *rd)
{
	return rd->cut_before;
}

uint32_t trace_reader_records(const struct trace_reader *rd)
{
	return rd->nread;
}
