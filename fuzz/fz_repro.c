/*
 * fz_repro.c - see fz_repro.h.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fz_repro_internal.h"

/* ---- running and recognising the finding ---- */

static bool finds(struct fz_run *r, const uint8_t *data, size_t len, bool migrate)
{
	return migrate ? !fz_run_migrated(r, data, len) : !fz_run_one(r, data, len);
}

/* The finding without what minimising changes: numbers in the text, and
 * for the model's findings, everything but what disagreed.  A call's is
 * the call, what it answered and what the specification allowed it (as
 * tools/fuzz-triage tells findings apart): the same call can disagree in
 * another way once a record is dropped - the same wrong answer where
 * another one was allowed - and the reproducer would pin that instead. */
static void signature(const struct fz_run *r, char *sig, size_t n)
{
	const struct fz_disagreement *d = &r->oracle.bad;
	const struct rm_verdict *v = &d->allowed;
	const char *text = r->finding;
	size_t k = 0;

	if (r->oracle.failed && d->kind == FZ_D_CALL) {
		snprintf(sig, n, "model: call 0x%x from %s answered %s0x%" PRIx64 ", allowed %u.%u.%u "
			 "0x%" PRIx64 " 0x%" PRIx64 " 0x%" PRIx64, (unsigned)d->fid,
			 d->from_handler ? "a handler" : "a step", d->completed ? "(completing) " : "",
			 (uint64_t)d->got, v->kind, v->n, v->slot_shared, (uint64_t)v->values[0],
			 (uint64_t)(v->n > 1 ? v->values[1] : 0), (uint64_t)(v->n > 2 ? v->values[2] : 0));
		return;
	}
	/* another of the model's: the kind, the event, and the rule as its
	 * text says it (numbers out) - a settled event pending "(private)"
	 * is another finding than one "(shared, RM_PE)" of the same number */
	if (r->oracle.failed && d->kind != FZ_D_NONE) {
		snprintf(sig, n, "model: kind %u.%u, event 0x%x: ", d->kind, d->part, (unsigned)d->event);
		k = strlen(sig);
		text = r->oracle.why;
	}
	if (strncmp(text, "step ", 5) == 0 && strchr(text, ':'))
		text = strchr(text, ':') + 2;           /* "step N: " */
	for (const char *p = text; *p && k + 1 < n; p++) {
		if (isdigit((unsigned char)*p)) {
			while (isxdigit((unsigned char)p[1]) || p[1] == 'x')
				p++;
			sig[k++] = '#';
		} else {
			sig[k++] = *p;
		}
	}
	sig[k] = '\0';
}

/* A trial input finds what rp's does, and runs through where rp's did: a
 * program that fails on the machine on its own (a handler that raises its
 * own event for ever, say, once two handlers become one) fails on the
 * fixed dispatcher too, and is no regression test. */
static bool same_finding(struct fz_run *r, const uint8_t *data, size_t len, bool migrate,
			 const struct fz_repro *rp)
{
	char sig[400];

	if (!finds(r, data, len, migrate) || (rp->ran_through && !r->res.passed))
		return false;
	signature(r, sig, sizeof sig);
	return strcmp(sig, rp->signature) == 0;
}

/* ---- handlers named (minimising, tidying) ---- */

/* The handlers a program's values name (SIM_V_HANDLER, _OFF), wherever
 * they are - dispatch expectations too: prune_value marks them, or with
 * renumber gives each its new index. */
struct prune {
	int32_t map[SIM_MAX_HANDLERS];   /* -1: not named; then the new index */
	uint32_t n;
	bool renumber;                         /* else: mark the handlers named */
};

static void prune_value(void *ctx, struct sim_value *v)
{
	struct prune *pr = ctx;

	if ((v->kind != SIM_V_HANDLER && v->kind != SIM_V_HANDLER_OFF) || v->u >= pr->n)
		return;
	if (!pr->renumber)
		pr->map[v->u] = 0;
	else if (pr->map[v->u] >= 0)
		v->u = (uint64_t)pr->map[v->u];
}

/* The handlers p names (SIM_V_HANDLER and _OFF values, wherever they
 * are), as a bit per handler index (the decoder makes eight). */
static uint64_t handlers_named(struct sim_program *p)
{
	struct prune pr;
	uint64_t bits = 0;

	pr.n = p->nhandlers < 64 ? p->nhandlers : 64;
	pr.renumber = false;
	for (uint32_t h = 0; h < pr.n; h++)
		pr.map[h] = -1;
	sim_each_value(p, prune_value, &pr);
	for (uint32_t h = 0; h < pr.n; h++)
		if (pr.map[h] == 0)
			bits |= UINT64_C(1) << h;
	return bits;
}

/* Does each handler a names run what one b names runs? */
static bool bodies_named_in(struct sim_program *a, struct sim_program *b)
{
	uint64_t na = handlers_named(a), nb = handlers_named(b);

	for (uint32_t h = 0; h < 64; h++) {
		bool found = false;
		if (!(na >> h & 1))
			continue;
		for (uint32_t g = 0; g < 64 && !found; g++)
			found = (nb >> g & 1) && sim_handler_body_equal(a, h, b, g);
		if (!found)
			return false;
	}
	return true;
}

/* Do a and b name handlers that run the same, one for one by what they
 * run (two handlers of the same actions may become one)? */
static bool same_bodies_named(struct sim_program *a, struct sim_program *b)
{
	return bodies_named_in(a, b) && bodies_named_in(b, a);
}

/* The handlers p names, place by place (SIM_V_HANDLER and _OFF values
 * in sim_each_value's order: a REGISTER's entry point, an argument). */
struct named {
	uint32_t h[SIM_MAX_HANDLERS];
	uint32_t n;
	bool more;                      /* more places than h holds */
};

static void named_value(void *ctx, struct sim_value *v)
{
	struct named *nm = ctx;

	if (v->kind != SIM_V_HANDLER && v->kind != SIM_V_HANDLER_OFF)
		return;
	if (nm->n < SIM_MAX_HANDLERS)
		nm->h[nm->n++] = (uint32_t)v->u;
	else
		nm->more = true;
}

/* Does each place of a that names a handler name one that runs no more
 * than the handler the same place of b names (sim_handler_body_within)?
 * An event may so come to run the plain handler instead of one that
 * resumes at the resume pad: which a correct dispatcher may enter at the
 * pad itself, where the buggy one entered it elsewhere. */
static bool each_place_runs_within(struct sim_program *a, struct sim_program *b)
{
	struct named na = { .n = 0 }, nb = { .n = 0 };    /* 1 KiB each */

	sim_each_value(a, named_value, &na);
	sim_each_value(b, named_value, &nb);
	if (na.more || nb.more || na.n != nb.n)
		return false;
	for (uint32_t k = 0; k < na.n; k++)
		if (!sim_handler_body_within(a, na.h[k], b, nb.h[k]))
			return false;
	return true;
}

/* ---- minimising ---- */

static size_t records(size_t len)
{
	return len > FZ_HEADER_BYTES ? (len - FZ_HEADER_BYTES) / FZ_RECORD_BYTES : 0;
}

/* The header of the default platform (fz_encode of an empty program). */
static void plain_header(uint8_t h[FZ_HEADER_BYTES])
{
	static uint8_t buf[FZ_HEADER_BYTES + FZ_MAX_RECORDS * FZ_RECORD_BYTES];
	struct sim_program p;

	sim_program_init(&p);
	memset(h, 0, FZ_HEADER_BYTES);
	if (fz_encode(&p, buf, sizeof buf) >= FZ_HEADER_BYTES)
		memcpy(h, buf, FZ_HEADER_BYTES);
	sim_program_free(&p);
}

/* A trial that same_finding accepted is kept: once one whose program
 * runs through is, every later one must run through too (the rule
 * same_finding applies to an input that ran through from the start). */
static void kept(const struct fz_run *r, struct fz_repro *out)
{
	if (r->res.passed)
		out->ran_through = true;
}

/* The bits of input[at] that differ from want, each set to want's where
 * the finding stays without it: a header byte packs fields and policy
 * bits, and the finding may need some of them and not the others. */
static void plain_bits(struct fz_run *r, struct fz_repro *out, size_t at, uint8_t want, bool migrate)
{
	for (unsigned bit = 0; bit < 8; bit++) {
		uint8_t mask = (uint8_t)(1u << bit);
		if (!((out->input[at] ^ want) & mask))
			continue;
		out->input[at] ^= mask;
		if (same_finding(r, out->input, out->len, migrate, out))
			kept(r, out);
		else
			out->input[at] ^= mask;
	}
}

/* Drop records while the finding stays. */
static void drop_records(struct fz_run *r, struct fz_repro *out, bool migrate)
{
	uint8_t trial[sizeof out->input];
	bool changed = true;

	for (unsigned pass = 0; changed && pass < 4; pass++) {
		changed = false;
		for (size_t k = records(out->len); k-- > 0;) {
			size_t at = FZ_HEADER_BYTES + k * FZ_RECORD_BYTES;
			memcpy(trial, out->input, at);
			memcpy(trial + at, out->input + at + FZ_RECORD_BYTES, out->len - at - FZ_RECORD_BYTES);
			if (same_finding(r, trial, out->len - FZ_RECORD_BYTES, migrate, out)) {
				memcpy(out->input, trial, out->len - FZ_RECORD_BYTES);
				out->len -= FZ_RECORD_BYTES;
				kept(r, out);
				changed = true;
			}
		}
	}
}

/* An input whose program does not run through (client code gone wrong,
 * a machine that does not settle: a handler that raises its own event
 * for ever, two handlers that resume at the resume pad back to back)
 * fails on a correct dispatcher too, and no expectation after the
 * finding is ever reached: no regression test.  That is most often a
 * handler shared by two events, or one action too many, decided by one
 * byte of a record (the handler of an episode's REGISTER, the handler an
 * action is appended to, its operand): each bit of each record byte but
 * the kinds is flipped in turn, and the first trial that finds the same
 * and runs through is kept.  true when one did. */
static bool make_run_through(struct fz_run *r, struct fz_repro *out, bool migrate)
{
	for (size_t at = FZ_HEADER_BYTES; at + FZ_RECORD_BYTES <= out->len; at++) {
		if ((at - FZ_HEADER_BYTES) % FZ_RECORD_BYTES == 0)
			continue;               /* a record's kind */
		for (unsigned bit = 0; bit < 8; bit++) {
			out->input[at] ^= (uint8_t)(1u << bit);
			if (same_finding(r, out->input, out->len, migrate, out) && r->res.passed) {
				out->ran_through = true;
				return true;
			}
			out->input[at] ^= (uint8_t)(1u << bit);
		}
	}
	return false;
}

/* Drop records while the finding stays (making the program run through
 * on the way where it did not, for a finding of the model's: the others
 * stop the machine, which then never runs through); then simplify the
 * header and the operands. */
static void minimise(struct fz_run *r, struct fz_repro *out, bool migrate, bool model)
{
	uint8_t trial[sizeof out->input], plain[FZ_HEADER_BYTES];
	struct sim_program before;      /* the plain step's input before each byte */
	struct fz_choices ch;

	drop_records(r, out, migrate);
	if (model && !out->ran_through && make_run_through(r, out, migrate))
		drop_records(r, out, migrate);
	/* fewer PEs, no platform event that is not needed */
	memcpy(trial, out->input, out->len);
	for (uint8_t pes = 0; pes < out->input[0] % 8; pes++) {
		trial[0] = pes;
		if (same_finding(r, trial, out->len, migrate, out)) {
			out->input[0] = pes;
			kept(r, out);
			break;
		}
		trial[0] = out->input[0];
	}
	for (unsigned e = 0; e < 4; e++) {
		memcpy(trial, out->input, out->len);
		trial[4 + 3 * e] &= (uint8_t)~1u;
		if (trial[4 + 3 * e] != out->input[4 + 3 * e] &&
		    same_finding(r, trial, out->len, migrate, out)) {
			out->input[4 + 3 * e] = trial[4 + 3 * e];
			kept(r, out);
		}
	}
	/* Then every other byte to its plainest value - the default
	 * platform's in the header, 0 in a record (PE 0, the first value of
	 * each role) - where the finding does not need it: what is left in
	 * the scenario is what the bug needs, not the mutations' noise.  A
	 * record's kind stays, and so does fuzz_migrate's byte after the last
	 * whole record, which sits where a kind would.  A header byte the
	 * finding needs goes bit by bit (a record's byte is one value).  The
	 * handlers the program names keep running what they ran: a handler
	 * operand made plain names another handler, whose actions the event
	 * then runs - two events that had a handler each sharing one that
	 * raises the other's interrupt, which the buggy run may never show
	 * (it fails first) while a correct dispatcher raises and takes it for
	 * ever (planted bug 33: "the machine did not settle" on the real
	 * core).  Two handlers of the same actions may become one, and an
	 * event may come to run less than its handler did
	 * (each_place_runs_within): the plain handler, say, for one that
	 * resumes at the resume pad - which a correct dispatcher may enter
	 * at the pad, resuming into itself, where the bug entered it
	 * elsewhere (planted bug 44 from nothing). */
	plain_header(plain);
	sim_program_init(&before);
	for (size_t at = 1; at < out->len; at++) {
		uint8_t keep = out->input[at], want = at < FZ_HEADER_BYTES ? plain[at] : 0;
		if (keep == want || (at >= FZ_HEADER_BYTES && (at - FZ_HEADER_BYTES) % FZ_RECORD_BYTES == 0))
			continue;
		if (fz_decode(out->input, out->len, &before, &ch) != 0)
			break;                  /* out of memory: the rest stays as it is */
		out->input[at] = want;
		if (same_finding(r, out->input, out->len, migrate, out) &&
		    (same_bodies_named(&before, &r->prog) || each_place_runs_within(&r->prog, &before))) {
			kept(r, out);
			continue;
		}
		out->input[at] = keep;
		if (at < FZ_HEADER_BYTES)
			plain_bits(r, out, at, want, migrate);
	}
	sim_program_free(&before);
}

/* ---- tidying ---- */

/* Drop the handlers nothing names (the decoder always makes eight), so the
 * reproducer shows only what the finding needs; dropped handlers' actions
 * stay in the pool, unreferenced. */
static void prune_handlers(struct sim_program *p)
{
	struct prune pr;
	uint32_t kept = 0;

	if (p->nhandlers > SIM_MAX_HANDLERS)
		return;
	pr.n = p->nhandlers;
	pr.renumber = false;
	for (uint32_t h = 0; h < p->nhandlers; h++)
		pr.map[h] = -1;
	sim_each_value(p, prune_value, &pr);
	for (uint32_t h = 0; h < p->nhandlers; h++)
		if (pr.map[h] == 0) {
			p->handlers[kept] = p->handlers[h];
			pr.map[h] = (int32_t)kept++;
		}
	p->nhandlers = kept;
	pr.renumber = true;
	sim_each_value(p, prune_value, &pr);
}

/* ---- the whole ---- */

/* How much of an input of size bytes is worth keeping: the header and the
 * whole records the decoder reads (at most FZ_MAX_RECORDS), and, for
 * fuzz_migrate, the byte after them when the harness reads it (it
 * chooses the step to migrate before; with more records than the decoder
 * reads it does not, and neither does the cut copy). */
static size_t repro_length(size_t size, bool migrate)
{
	size_t whole = records(size), keep;

	if (size < FZ_HEADER_BYTES)
		return size;
	keep = FZ_HEADER_BYTES + (whole < FZ_MAX_RECORDS ? whole : FZ_MAX_RECORDS) * FZ_RECORD_BYTES;
	return migrate && whole <= FZ_MAX_RECORDS && size > keep ? keep + 1 : keep;
}

/* Run r->prog the way `sdeisim run` would: no model, the input's choices;
 * with invariants false, without the simulator's invariant checks.
 * Returns sim_run's value, the result in *res. */
static int run_alone(struct fz_run *r, bool invariants, struct sim_result *res)
{
	struct sim_run_opts opts;
	int e;

	memset(&opts, 0, sizeof opts);
	r->choices.next = 0;
	opts.choice.pick = fz_pick;
	opts.choice.ctx = &r->choices;
	opts.max_rounds = FZ_MAX_ROUNDS;
	opts.slice_budget = FZ_SLICE_BUDGET;
	opts.skip_invariants = !invariants;
	e = sim_run(r->cpu, &r->prog, &opts, res);
	r->choices.next = 0;
	return e;
}

/* r->prog failed first (as *first says) by something other than its
 * expectations: do they fail it alone?  An invariant or dispatcher fault
 * the bug makes before them (X1 at the dispatch, say) leaves them the
 * verdict, so the program runs again without the simulator's invariants
 * and must fail by them.  Anything else - client code gone wrong, a
 * machine that does not settle, out of memory, and the simulator's own
 * fault (SIM_FAIL_SIMULATOR: a GIC model that breaks its invariants by
 * itself, which no bug of the dispatcher explains) - would fail a correct
 * dispatcher too. */
static bool expectations_fail_it(struct fz_run *r, const struct sim_result *first)
{
	struct sim_result alone;

	if (first->fail_kind != SIM_FAIL_INVARIANT && first->fail_kind != SIM_FAIL_DISPATCHER)
		return false;
	return run_alone(r, false, &alone) == 0 && !alone.passed && alone.fail_kind == SIM_FAIL_EXPECT;
}

int fz_repro(struct fz_run *r, const uint8_t *data, size_t size, bool migrate, struct fz_repro *out)
{
	struct fz_log *log, *keep = r->log;
	bool by_expectation = false;     /* pinned by expectations (the model's finding) */

	memset(out, 0, sizeof *out);
	out->original_len = size;
	out->len = repro_length(size, migrate);
	memcpy(out->input, data, out->len);
	if (!finds(r, out->input, out->len, migrate))
		return 1;
	snprintf(out->finding, sizeof out->finding, "%s", r->finding);
	signature(r, out->signature, sizeof out->signature);
	out->ran_through = r->res.passed;
	minimise(r, out, migrate, r->oracle.failed);

	/* the minimised input once more, with its observations kept */
	log = calloc(1, sizeof *log);
	if (log == NULL)
		return -1;
	r->log = migrate ? NULL : log;       /* fz_run_migrated keeps its own two */
	if (!finds(r, out->input, out->len, migrate)) {
		snprintf(out->note, sizeof out->note, "the minimised input no longer finds anything (nondeterminism?)");
	} else {
		snprintf(out->minimised, sizeof out->minimised, "%s", r->finding);
		if (r->last_log == NULL)
			snprintf(out->note, sizeof out->note, "no observations of the run were kept");
		else
			fz_repro_pin(r, r->last_log, out);   /* the run that failed: its program is r->prog */
		by_expectation = r->oracle.failed;
	}
	r->log = keep;
	free(log);
	prune_handlers(&r->prog);

	if (out->expressed) {
		if (run_alone(r, true, &out->res) != 0)
			snprintf(out->note, sizeof out->note, "the program could not be run alone "
				 "(the simulator refused it)");
		else if (out->res.passed)
			snprintf(out->note, sizeof out->note,
				 "the program with its expectations passes when run alone");
		else if (by_expectation && out->res.fail_kind != SIM_FAIL_EXPECT && !expectations_fail_it(r, &out->res))
			/* client code gone wrong, a machine that does not
			 * settle: so it fails on a correct dispatcher too */
			snprintf(out->note, sizeof out->note, "the program fails on its own before its "
				 "expectations are met or missed: %.300s", out->res.message);
		else {
			out->verified = true;
			out->first_by_fault = by_expectation && out->res.fail_kind != SIM_FAIL_EXPECT;
		}
	}
	return 0;
}

/* see fz_repro.h */
void fz_repro_describe(const struct fz_repro *rp, bool migrate, char *buf, size_t n)
{
	int at = snprintf(buf, n, "Written by sdeisim repro from a %s input, minimised from %zu to %zu bytes. ",
			  migrate ? "fuzz_migrate" : "fuzz_sdei", rp->original_len, rp->len);
	size_t used = at < 0 ? 0 : (size_t)at < n ? (size_t)at : n;

	const char *open = rp->note[0] ? " (" : "", *close = rp->note[0] ? ")" : "";

	if (!rp->expressed)
		snprintf(buf + used, n - used, "It does not pin the finding%s%s%s: it runs the program that "
			 "found it, and passes with the bug too; `sdeisim repro` of the minimised input "
			 "(--input FILE) shows the finding.", open, rp->note, close);
	else if (!rp->verified)
		snprintf(buf + used, n - used, "Its expectations are meant to fail as the finding did, but it "
			 "did not when run alone%s%s%s: check it before keeping it.", open, rp->note, close);
	else if (rp->res.fail_kind == SIM_FAIL_SIMULATOR)
		snprintf(buf + used, n - used, "It fails as the finding did: by a fault of the simulator itself, not "
			 "of the dispatcher - please report it to sdeisim, with this file. Once sdeisim is fixed it "
			 "passes.");
	else if (rp->first_by_fault)
		snprintf(buf + used, n - used, "It fails first by a check the simulator makes of every run, which "
			 "the bug breaks too (%.240s); its expectations pin the finding, and fail it without those "
			 "checks. Once the bug is fixed it passes: keep it as the regression test.", rp->res.message);
	else
		snprintf(buf + used, n - used, "It fails as the finding did; once the bug is fixed it passes: "
			 "keep it as the regression test.");
}
