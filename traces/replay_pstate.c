/*
 * replay_pstate.c - the PSTATE checks of an exported scenario
 * (replay_builder.h, traces/README.md "YAML export").
 *
 * The replay compares the PSTATE a handler is entered with (a dispatch
 * record's) and the one a COMPLETE_AND_RESUME goes on with (a `complete
 * how=resume` record's) in the bits where the trace's interrupted PSTATE
 * (the dispatch's x3) and the replay's agree, all of them when the trace
 * lacks x3 (replay_match.c, same_interrupted).  The scenario checks
 * those bits wherever it can tell before the run that they are the ones:
 * where it knows what the exported run's interrupted PSTATE is.
 *
 *   a PE's main context   sim_main_pstate (ELxh of the client EL, DAIF
 *                         clear, every other bit 0), with the PAN, DIT
 *                         and NZCV the last `set` step gave it (the
 *                         trace's x3 of a dispatch: rb_interrupted_pstate)
 *                         while nothing restarted it (rb_main_entry);
 *                         unknown there otherwise (none could go before
 *                         the step: a handler of the PE ran in it)
 *   a handler             its own entry PSTATE, in the bits its
 *                         expect_entry checks (the run stops at a failed
 *                         check, so past it they are the trace's), but
 *                         NZCV, which the runtime's action interpreter
 *                         changes as it runs (runtime.S: cmp)
 *
 * and, in both, not EL when the dispatch came during a step's call made
 * from another EL (the context has that EL for the call), nor M[4:0]
 * during one made from AArch32 (it has nRW and that EL's mode).
 *
 * The check is on the whole value, not on the fields el, daif, spsel,
 * pan, dit and nzcv: the replay compares every bit (M[4], SSBS, TCO,
 * ALLINT, UAO, ... that a dispatcher builds from the controls or carries
 * over under the inherit policy), and `{mask: M, value: V}` checks the
 * same bits, a bitwise mask also the part of a field where the two
 * interrupted PSTATEs agree (EL 0 against the main context's EL 1: M[3]).
 * It is a plain value when every bit is checked.
 *
 * A landing's check is its own (an entry of expect_resumes).  An
 * expect_entry is the handler's, checked at each of its entries, so it
 * checks the bits every entry of the slot has compared and equal in the
 * trace; where the entries differ, or one has no PSTATE, not.  That
 * depends on the checks of the handlers they interrupted, and theirs on
 * their own entries': the masks start full and shrink to the greatest
 * that hold together (each shrinks only, so this ends).
 *
 * Where the replay may compare bits the scenario does not check, a note
 * at the record's line says which: a difference there is a divergence
 * only the replay reports.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "replay_builder.h"
#include "sdd/sdd_spec.h"

#define SET_FLAGS (SDD_PSTATE_PAN | SDD_PSTATE_DIT | SDD_PSTATE_NZCV)   /* what a `set` step gives */
#define EL_BITS   0xCull                                                 /* M[3:2] */

/* The exported run's interrupted PSTATE: value in the bits of known. */
struct interrupted { uint64_t value, known; };

static const struct trace_rec *dispatch_of(const struct rb *b, uint32_t inv)
{
	return &b->rp->recs[b->rp->invs[inv].dispatch];
}

/* What the run's PSTATE interrupted by invocation inv is known to be,
 * with check[] the bits each slot's expect_entry checks. */
static struct interrupted interrupted(const struct rb *b, uint32_t inv, const uint64_t *check)
{
	const struct rb_entry *e = &b->entry[inv];
	struct interrupted w;

	if (e->outer < 0) {
		w.value = sim_main_pstate(&b->p->platform) | e->flags;
		w.known = e->flags_known ? ~0ull : ~SET_FLAGS;
	} else {
		const struct trace_rec *o = dispatch_of(b, (uint32_t)e->outer);
		w.value = o->pstate;
		w.known = e->at_pad ? 0 : check[b->inv_slot[e->outer]] & ~SDD_PSTATE_NZCV;
	}
	w.known &= ~e->call_mode;
	return w;
}

/* The bits of invocation inv's PSTATEs the replay compares in the run:
 * *sure, those known to be (known equal in the two interrupted
 * PSTATEs); *may, all but those known not to be (known to differ).
 * Every bit when the trace lacks x3. */
static void compared_bits(const struct rb *b, uint32_t inv, const uint64_t *check, uint64_t *sure, uint64_t *may)
{
	const struct trace_rec *r = dispatch_of(b, inv);
	struct interrupted w;
	uint64_t differ;

	if (!(r->x_known & 8)) {
		*sure = *may = ~0ull;
		return;
	}
	w = interrupted(b, inv, check);
	differ = r->x[3] ^ w.value;
	*sure = w.known & ~differ;
	*may = ~(w.known & differ);
}

static uint64_t compared(const struct rb *b, uint32_t inv, const uint64_t *check)
{
	uint64_t sure, may;

	compared_bits(b, inv, check, &sure, &may);
	return sure;
}

/* check[s]: the bits slot s's expect_entry checks (greatest fixed point). */
static void slot_checks(const struct rb *b, const int32_t *first, uint64_t *check, uint32_t nslots)
{
	bool changed = true;

	for (uint32_t s = 0; s < nslots; s++)
		check[s] = first[s] >= 0 ? ~0ull : 0;
	while (changed) {
		changed = false;
		for (uint32_t v = 0; v < b->rp->ninvs; v++) {
			uint32_t s = b->inv_slot[v];
			const struct trace_rec *r = dispatch_of(b, v);
			uint64_t m = 0;
			if (!check[s])
				continue;
			if (r->has & TRACE_HAS_PSTATE)
				m = compared(b, v, check) & ~(r->pstate ^ dispatch_of(b, (uint32_t)first[s])->pstate);
			if (check[s] & ~m) {
				check[s] &= m;
				changed = true;
			}
		}
	}
}

/* m: the PSTATE is value in the bits of mask. */
static void pstate_match(struct sim_match *m, uint64_t mask, uint64_t value)
{
	if (mask == ~0ull) {
		m->kind = SIM_M_EQ;
		m->a = sim_const(value);
	} else {
		m->kind = SIM_M_MASK;
		m->a = sim_const(mask);
		m->b = sim_const(value & mask);
	}
}

#define ENTERED  "this handler is entered with"
#define RESUMED  "this COMPLETE_AND_RESUME goes on with"
#define UNKNOWN  "the replay compares them where the PSTATE it interrupted has them as in the trace, which the " \
		 "scenario cannot tell"

/* Bits of record r's PSTATE (what: ENTERED, RESUMED) the replay may
 * compare and the scenario does not check, and why: a note, when any. */
static void note_unchecked(struct rb *b, const struct trace_rec *r, uint64_t bits, const char *what, const char *why)
{
	if (bits)
		rb_note(b, r->line, "the exported scenario does not check bits 0x%" PRIx64 " of the PSTATE %s: %s; a "
			"difference there is a divergence only the replay reports", bits, what, why);
}

/*
 * A main context keeps the PAN, DIT and NZCV a `set` step gave it, 0 at
 * first, until it starts again: a set is known to hold at its dispatch
 * when nothing that can restart the context came since the PE's last
 * dispatch from it (a PSCI call other than VERSION, FEATURES or
 * AFFINITY_INFO, on any PE; a power change of the PE: the restart may
 * come in the very step the set goes before, after it), and it holds
 * at the PE's dispatches from it after that until such a thing comes.
 */
void rb_main_entry(struct rb *b, uint32_t inv, const struct trace_rec *r, bool set)
{
	unsigned pe = r->pe;

	if (set) {
		b->w.main_unset[pe] = b->w.main_reset[pe];
		b->w.main_flags[pe] = r->x[3] & SET_FLAGS;
	}
	b->entry[inv].flags_known = !b->w.main_unset[pe];
	b->entry[inv].flags = b->w.main_unset[pe] ? 0 : b->w.main_flags[pe];
	b->w.main_reset[pe] = false;
}

uint64_t rb_call_mode(const struct sim_op *step)
{
	return step->aarch32 ? SDD_PSTATE_M_MASK : step->from_el ? EL_BITS : 0;
}

void rb_main_reset(struct rb *b, int pe)
{
	for (unsigned p = 0; p < TRACE_MAX_PES; p++)
		if (pe < 0 || p == (unsigned)pe) {
			b->w.main_reset[p] = true;
			b->w.main_unset[p] = true;
		}
}

bool rb_expect_pstates(struct rb *b)
{
	const struct replay *rp = b->rp;
	uint32_t nslots = slots_count(b->sl);
	int32_t *first = malloc((nslots ? nslots : 1) * sizeof *first);
	uint64_t *check = malloc((nslots ? nslots : 1) * sizeof *check);

	if (!first || !check) {
		free(first);
		free(check);
		return false;
	}
	/* first[s]: the invocation that made slot s's expect_entry, when it
	 * has a PSTATE check; -1 */
	for (uint32_t s = 0; s < nslots; s++)
		first[s] = -1;
	for (uint32_t v = 0; v < rp->ninvs; v++)
		if (b->entry[v].check != UINT32_MAX)
			first[b->inv_slot[v]] = (int32_t)v;
	slot_checks(b, first, check, nslots);
	for (uint32_t s = 0; s < nslots; s++) {
		const struct rb_entry *e = first[s] >= 0 ? &b->entry[first[s]] : NULL;
		if (e && check[s])
			pstate_match(&b->p->checks[e->check].m, check[s], dispatch_of(b, (uint32_t)first[s])->pstate);
		else if (e)          /* the PSTATE check is the action's last */
			slots_action_at(b->sl, s, e->op)->nchecks--;
	}
	for (uint32_t k = 0; k < b->nlands; k++) {
		const struct rb_land *l = &b->lands[k];
		int32_t c = rp->invs[l->inv].complete;
		const struct trace_rec *r = c >= 0 ? &rp->recs[c] : NULL;
		uint64_t m = r && r->how == TRACE_DONE_RESUME && (r->has & TRACE_HAS_PSTATE) ? compared(b, l->inv, check) : 0;
		struct sim_check ck;
		if (!m || l->resume == UINT32_MAX)
			continue;
		memset(&ck, 0, sizeof ck);
		ck.reg = SIM_R_PSTATE;
		ck.m.loc.line = r->line;
		ck.m.loc.col = 1;
		pstate_match(&ck.m, m, r->pstate);
		b->p->resumes[l->resume].checks = sim_add_check(b->p, &ck);
		b->p->resumes[l->resume].nchecks = 1;
	}
	for (uint32_t v = 0; v < rp->ninvs; v++) {
		const struct trace_rec *r = dispatch_of(b, v);
		int32_t c = rp->invs[v].complete;
		uint64_t sure, may, unknown, entry;

		compared_bits(b, v, check, &sure, &may);
		unknown = ~sure & may;
		entry = (r->has & TRACE_HAS_PSTATE) ? ~check[b->inv_slot[v]] & may : 0;
		note_unchecked(b, r, entry & unknown, ENTERED, UNKNOWN);
		note_unchecked(b, r, entry & ~unknown, ENTERED, "the handler's other entries in the trace have them "
			       "otherwise or have no PSTATE, and its expect_entry checks every entry");
		if (c < 0 || rp->recs[c].how != TRACE_DONE_RESUME || !(rp->recs[c].has & TRACE_HAS_PSTATE))
			continue;
		if (b->no_landings)
			note_unchecked(b, &rp->recs[c], may, RESUMED, "a COMPLETE_AND_RESUME of a handler nested on "
				       "another lands at the resume pad when that one runs again, at a step the "
				       "scenario cannot tell, so it lists no landing");
		else
			note_unchecked(b, &rp->recs[c], unknown, RESUMED, UNKNOWN);
	}
	free(first);
	free(check);
	return true;
}
