/*
 * replay_build.c - reading a trace for replay: all its records, in time
 * order; the platform; the program (replay_walk.c); the index the
 * comparison uses (replay_compare.c).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quote.h"
#include "replay_internal.h"
#include "scn.h"               /* scn_profile_choices */
#include "replay_divs.h"
#include "grow.h"
#include "trace_simplat.h"

static int by_time(const void *x, const void *y)
{
	const struct trace_rec *a = x, *b = y;

	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* A copy of a warning record's text that lives as long as the replay
 * (the walk notes it where the record is), or "" when out of memory. */
static const char *keep_warning(struct replay *rp, const char *msg)
{
	char **room = sim_grow(rp->warnings, rp->nwarnings, &rp->cap_warnings, sizeof *room, 8);
	char *copy = room ? strdup(msg ? msg : "") : NULL;

	if (!copy)
		return "";
	rp->warnings = room;
	rp->warnings[rp->nwarnings++] = copy;
	return copy;
}

/* see replay_internal.h */
bool replay_vnote(struct replay *rp, uint32_t line, const char *fmt, va_list ap)
{
	char **room = sim_grow(rp->notes, rp->nnotes, &rp->cap_notes, sizeof *room, 8), *text;

	if (!room)
		return false;
	rp->notes = room;
	text = replay_text_at(rp->name, line, fmt, ap);
	if (!text)
		return false;
	rp->notes[rp->nnotes++] = text;
	return true;
}

__attribute__((format(printf, 3, 4)))
static bool replay_note(struct replay *rp, uint32_t line, const char *fmt, ...)
{
	va_list ap;
	bool ok;

	va_start(ap, fmt);
	ok = replay_vnote(rp, line, fmt, ap);
	va_end(ap);
	return ok;
}

static int read_all(struct replay *rp, struct trace_reader *rd, char *err, size_t errlen)
{
	uint32_t cap = 0;
	struct trace_rec r;
	bool have_plat = false;
	int rc;

	while ((rc = trace_read(rd, &r)) == 1) {
		struct trace_rec *room = sim_grow(rp->recs, rp->nrecs, &cap, sizeof *room, 1024);
		if (!room) {
			snprintf(err, errlen, "%s: out of memory", rp->name);
			return -1;
		}
		rp->recs = room;
		r.msg = r.kind == TRACE_WARNING ? keep_warning(rp, r.msg) : NULL;   /* valid only until the next read */
		if (r.kind == TRACE_PLATFORM && r.plat && !have_plat)
			rp->plat = *r.plat;    /* only the first platform record is used */
		if (r.kind == TRACE_PLATFORM)
			have_plat = true;
		r.plat = r.kind == TRACE_PLATFORM && r.plat ? &rp->plat : NULL;
		rp->recs[rp->nrecs++] = r;
	}
	if (rc < 0) {
		snprintf(err, errlen, "%s", trace_reader_error(rd));
		return -1;
	}
	if (rp->nrecs)
		qsort(rp->recs, rp->nrecs, sizeof *rp->recs, by_time);
	return 0;
}

/* What the platform record says that the machine shaped after it cannot
 * have (trace_platform_apply checked the record against the profile's PE
 * count and client EL, which the records may change): a secure PPI of a
 * PE the machine lacks, HCR_EL2 of a client at EL1 - the scenario loader
 * refuses both, so `export yaml` would write a file that does not load.
 * -1 with the error at the record's line, as trace_platform_apply's. */
static int shaped_platform_refused(const struct replay *rp, const struct trace_rec *plat,
				   const struct trace_rec *call, char *err, size_t errlen)
{
	const struct sim_platform *pl = &rp->prog.platform;

	for (uint32_t k = 0; k < pl->nsecure; k++)
		if (pl->pes < 64 && pl->secure_pes[k] >> pl->pes) {
			snprintf(err, errlen, "%s:%" PRIu32 ":1: secure: INTID %" PRIu32 " names PE %u, but the machine "
				 "has %" PRIu32 " PEs (the profile's, and the PEs the records name): give the record the "
				 "traced machine's PE count (pes=)", rp->name, plat->line, pl->secure_intids[k],
				 63u - (unsigned)__builtin_clzll(pl->secure_pes[k]), pl->pes);
			return -1;
		}
	if (pl->hcr_el2 && pl->client_el != 2) {
		snprintf(err, errlen, "%s:%" PRIu32 ":1: hcr_el2=0x%" PRIx64 " is the client's only when it runs at EL2, "
			 "but the first SDEI call (line %" PRIu32 ") is made at EL%u and the record has no el=2", rp->name,
			 plat->line, pl->hcr_el2, call ? call->line : 0, pl->client_el);
		return -1;
	}
	return 0;
}

/* The platform: the profile's, with what the trace's platform record says
 * on top (a recorder's: the whole machine of the scenario, its PE count
 * too - raised only to the PEs the records name), shaped like the traced
 * machine where the record does not say: its PE count at least the
 * profile's and the PEs the records name, client EL and conduit from the
 * first SDEI call. */
static int platform(struct replay *rp, const struct replay_opts *o, char *err, size_t errlen)
{
	struct sim_platform *pl = &rp->prog.platform;
	const struct trace_rec *plat = NULL, *call = NULL;
	const char *profile = o->profile;
	uint32_t pes = 0;

	for (uint32_t k = 0; k < rp->nrecs; k++) {
		const struct trace_rec *r = &rp->recs[k];
		if (r->kind == TRACE_PLATFORM && !plat)
			plat = r;
		if (r->kind == TRACE_CALL && !call && trace_fid_is_sdei((uint32_t)r->x[0]))
			call = r;
		if (r->kind != TRACE_PLATFORM && r->pe + 1u > pes)
			pes = r->pe + 1u;
	}
	if (!profile)
		profile = plat && (plat->has & TRACE_HAS_PROFILE) ? plat->profile : "default";
	if (!sim_platform_profile(pl, profile)) {
		char choices[SCN_PROFILE_CHOICES_SIZE];

		snprintf(err, errlen, "%s: unknown profile '%s' (%s)", rp->name, SIM_QUOTED_STR(profile),
			 scn_profile_choices(profile, choices, sizeof choices));
		return -1;
	}
	if (plat && trace_platform_apply(plat, rp->name, pl, err, errlen))
		return -1;
	if (plat && (plat->has & TRACE_HAS_MPIDR)) {
		/* the record lists the PEs: a record on another PE is a broken trace */
		if (pes > pl->pes) {
			snprintf(err, errlen, "%s:%" PRIu32 ":1: the platform record has %" PRIu32 " PEs but records "
				 "name PE %" PRIu32, rp->name, plat->line, pl->pes, pes - 1);
			return -1;
		}
	} else if (plat && (plat->has & TRACE_HAS_PES)) {
		/* the record's PE count is the machine's (FORMAT.md: pes=), not a
		 * floor under the profile's: a 2-PE scenario's trace replayed on
		 * the default profile's 4 PEs answers a SIGNAL to PE 3 */
		pl->pes = plat->pes > pes ? plat->pes : pes;
	} else if (pes > pl->pes) {
		pl->pes = pes;       /* an importer's trace: at least the PEs it names */
	}
	if (!(plat && (plat->has & TRACE_HAS_EL)) && call && call->el >= 1 && call->el <= 2)
		pl->client_el = call->el;
	if (!(plat && (plat->has & TRACE_HAS_CONDUIT)) && call)
		pl->conduit = call->conduit;
	return plat ? shaped_platform_refused(rp, plat, call, err, errlen) : 0;
}

/* The records the comparison matches with the run's acknowledgements
 * (SIM_OBS_IRQ, and SIM_OBS_HOLD for a hold). */
static bool is_ack(uint8_t role)
{
	return role == ROLE_ACK || role == ROLE_HOLD || role == ROLE_HAND_OVER;
}

/* Per-invocation call lists and per-PE lists, for the comparison. */
static int index_model(struct replay *rp)
{
	uint32_t total = 0;

	for (uint32_t k = 0; k < rp->nrecs; k++) {
		if (rp->recs[k].kind == TRACE_CALL && rp->rec_inv[k] >= 0)
			rp->invs[rp->rec_inv[k]].ncalls++;
		if (is_ack(rp->role[k]))
			rp->npe_acks[rp->recs[k].pe]++;
	}
	for (uint32_t v = 0; v < rp->ninvs; v++) {
		rp->invs[v].calls = total;
		total += rp->invs[v].ncalls;
		rp->invs[v].ncalls = 0;
		rp->npe_invs[rp->invs[v].pe]++;
	}
	rp->inv_calls = malloc((total ? total : 1) * sizeof *rp->inv_calls);
	if (!rp->inv_calls)
		return -1;
	for (unsigned p = 0; p < TRACE_MAX_PES; p++) {
		rp->pe_invs[p] = malloc((rp->npe_invs[p] ? rp->npe_invs[p] : 1) * sizeof **rp->pe_invs);
		rp->pe_acks[p] = malloc((rp->npe_acks[p] ? rp->npe_acks[p] : 1) * sizeof **rp->pe_acks);
		if (!rp->pe_invs[p] || !rp->pe_acks[p])
			return -1;
		rp->npe_invs[p] = rp->npe_acks[p] = 0;
	}
	for (uint32_t k = 0; k < rp->nrecs; k++) {
		const struct trace_rec *r = &rp->recs[k];
		if (r->kind == TRACE_CALL && rp->rec_inv[k] >= 0) {
			struct replay_inv *v = &rp->invs[rp->rec_inv[k]];
			rp->inv_calls[v->calls + v->ncalls++] = k;
		}
		if (is_ack(rp->role[k]))
			rp->pe_acks[r->pe][rp->npe_acks[r->pe]++] = k;
	}
	for (uint32_t v = 0; v < rp->ninvs; v++)
		rp->pe_invs[rp->invs[v].pe][rp->npe_invs[rp->invs[v].pe]++] = v;
	return 0;
}

/* The notes sorted by line, stable (mid_run's assumptions come first
 * otherwise: a reader of a window's notes wants one list by its lines). */
struct note_at {
	uint32_t line, k;
	char *text;
};

static int by_line(const void *x, const void *y)
{
	const struct note_at *a = x, *b = y;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->k < b->k ? -1 : a->k > b->k;
}

static bool sort_notes(struct replay *rp)
{
	size_t skip = strlen(rp->name) + 1;       /* "TRACE:" before the line: replay_vnote */
	struct note_at *at = malloc((rp->nnotes ? rp->nnotes : 1) * sizeof *at);

	if (!at)
		return false;
	for (uint32_t k = 0; k < rp->nnotes; k++)
		at[k] = (struct note_at){ (uint32_t)strtoul(rp->notes[k] + skip, NULL, 10), k, rp->notes[k] };
	qsort(at, rp->nnotes, sizeof *at, by_line);
	for (uint32_t k = 0; k < rp->nnotes; k++)
		rp->notes[k] = at[k].text;
	free(at);
	return true;
}

/* The records before the trace's window (trace_reader_window) made the
 * state it starts in, which only --mid-run can assume: it is the window of
 * a run, whatever the options said.  Noted at the window's first record. */
static bool window_note(struct replay *rp, uint32_t cut)
{
	uint32_t line = 0;

	for (uint32_t k = 0; k < rp->nrecs; k++)
		if (rp->recs[k].kind != TRACE_PLATFORM && (line == 0 || rp->recs[k].line < line))
			line = rp->recs[k].line;
	return replay_note(rp, line, "the window starts here, after %" PRIu32 " record%s it does not read: it is "
			   "replayed as --mid-run replays a window of a run", cut, cut == 1 ? "" : "s");
}

int replay_build(struct replay *rp, struct trace_reader *rd, const struct replay_opts *o,
		 char *err, size_t errlen)
{
	struct replay_opts eff = *o;     /* mid_run: also when the reader's window cut records before it */

	memset(rp, 0, sizeof *rp);
	sim_program_init(&rp->prog);
	rp->reader = rd;
	rp->name = strdup(trace_reader_name(rd));
	rp->prog.file = strdup(trace_reader_name(rd));
	rp->prog.name = strdup(trace_reader_name(rd));
	if (!rp->name || !rp->prog.file || !rp->prog.name) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (read_all(rp, rd, err, errlen) || platform(rp, o, err, errlen))
		return -1;
	if (trace_reader_cut_before(rd) && !o->mid_run) {
		eff.mid_run = true;
		if (!window_note(rp, trace_reader_cut_before(rd))) {
			snprintf(err, errlen, "%s: out of memory", rp->name);
			return -1;
		}
	}
	if (eff.mid_run && replay_mid_run(rp, err, errlen))
		return -1;
	for (uint32_t k = 0; k < rp->nrecs; k++)
		rp->ninvs += rp->recs[k].kind == TRACE_DISPATCH;
	rp->role = calloc(rp->nrecs ? rp->nrecs : 1, sizeof *rp->role);
	rp->rec_inv = calloc(rp->nrecs ? rp->nrecs : 1, sizeof *rp->rec_inv);
	rp->invs = calloc(rp->ninvs ? rp->ninvs : 1, sizeof *rp->invs);
	if (!rp->role || !rp->rec_inv || !rp->invs) {
		snprintf(err, errlen, "%s: out of memory", rp->name);
		return -1;
	}
	if (replay_walk(rp, &eff, err, errlen))
		return -1;
	if (index_model(rp) || (eff.mid_run && !sort_notes(rp))) {
		snprintf(err, errlen, "%s: out of memory", rp->name);
		return -1;
	}
	err[0] = 0;
	return 0;
}

void replay_free(struct replay *rp)
{
	for (uint32_t k = 0; k < rp->nnotes; k++)
		free(rp->notes[k]);
	free(rp->notes);
	for (uint32_t k = 0; k < rp->nwarnings; k++)
		free(rp->warnings[k]);
	free(rp->warnings);
	for (unsigned p = 0; p < TRACE_MAX_PES; p++) {
		free(rp->pe_invs[p]);
		free(rp->pe_acks[p]);
	}
	free(rp->inv_calls);
	free(rp->step_rec);
	free(rp->invs);
	free(rp->rec_inv);
	free(rp->role);
	free(rp->assumed_unlike);
	free(rp->recs);
	free(rp->name);
	sim_program_free(&rp->prog);
	memset(rp, 0, sizeof *rp);
}
