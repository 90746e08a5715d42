/*
 * replay_compare.c - running a replay and comparing it with its trace,
 * observation by observation (replay.h).
 *
 * The replay runs with an observer that follows what its machine does
 * (the step, each PE's power, the handlers completed implicitly, the
 * event states its messages show) and hands each observation to the rule
 * for its kind, in replay_match.c, which says what it is compared with.
 * After the run: the compared records never reached, then the report.
 * The rules are apart because they grow with each field a record gains,
 * and the run does not.
 *
 * Every difference, every observation with no record and every compared
 * record never reached is a divergence; they are printed in trace order.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "replay_compare_internal.h"
#include "sdd/sdd_spec.h"

/* ---- Divergences ---- */

/* The PE whose state explains a call's answer: EVENT_SIGNAL's target
 * (x2, an MPIDR; a signal is refused for what the target is, masked say),
 * else the caller. */
unsigned cmp_pe_of_call(const struct cmp *c, uint32_t fid, uint64_t x2, unsigned pe)
{
	const struct sim_platform *p = &c->rp->prog.platform;

	if (fid == SDD_FID_EVENT_SIGNAL)
		for (unsigned k = 0; k < p->pes && k < SIM_MAX_PES; k++)
			if (p->mpidr[k] == x2)
				return k;
	return pe;
}

void cmp_note_unknown_mpidr(const struct cmp *c, uint32_t fid, const uint64_t args[5], char *buf, size_t n)
{
	const struct sim_platform *p = &c->rp->prog.platform;
	int reg = fid == SDD_FID_EVENT_SIGNAL ? 2
		: fid == SDD_FID_EVENT_REGISTER && (args[3] & SDD_REGFLAG_RM_PE) ? 5
		: fid == SDD_FID_EVENT_ROUTING_SET && (args[1] & SDD_REGFLAG_RM_PE) ? 3 : 0;
	size_t used = strlen(buf);
	uint64_t aff;

	if (reg == 0)
		return;
	aff = args[reg - 1] & SDD_MPIDR_AFF_MASK;
	for (unsigned k = 0; k < p->pes && k < SIM_MAX_PES; k++)
		if (p->mpidr[k] == aff)
			return;
	snprintf(buf + used, n - used, "; MPIDR 0x%" PRIx64 " (x%d) is no PE of this platform", aff, reg);
}

static bool assumed(const struct cmp *c, const struct trace_rec *r)
{
	return r >= c->rp->recs && r < c->rp->recs + c->rp->nassumed;
}

const char *cmp_who(const struct cmp *c, const struct trace_rec *r)
{
	return assumed(c, r) ? "assumed" : "trace";
}

void cmp_diverge(struct cmp *c, uint32_t line, bool weak, const struct trace_rec *r, bool blame, const char *fmt, ...)
{
	int32_t blamed;
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = replay_text_at(c->rp->name, line, fmt, ap);
	va_end(ap);
	if (blame && assumed(c, r)) {
		text = replay_text_cat(text, " [assumed by --mid-run: not in the trace, and the replay does not bear it out]");
	} else {
		if (blame && (blamed = cmp_blame(c, r)) >= 0)
			text = replay_text_cat(text, "; this may follow from --mid-run's assumption at line %" PRIu32
					       ", which %s", c->rp->recs[blamed].line, c->state[blamed] == MATCHED ?
					       "is not what the trace shows (its note says why)" : "the replay does not bear out");
		if (r->has & TRACE_HAS_SRC)
			text = replay_text_cat(text, " [from %s:%" PRIu32 "]", r->src_file, r->src_line);
	}
	replay_divs_add_text(&c->divs, line, weak, text);
}

bool cmp_call_names_event(uint32_t fid)
{
	switch (fid) {
	case SDD_FID_EVENT_REGISTER: case SDD_FID_EVENT_ENABLE: case SDD_FID_EVENT_DISABLE:
	case SDD_FID_EVENT_UNREGISTER: case SDD_FID_EVENT_STATUS: case SDD_FID_EVENT_GET_INFO:
	case SDD_FID_EVENT_ROUTING_SET: case SDD_FID_INTERRUPT_RELEASE: case SDD_FID_EVENT_SIGNAL:
		return true;
	default:
		return false;
	}
}

/* The event a call concerns (for its state): its x1 for the calls that
 * name one, the running one for those made inside a handler. */
int32_t cmp_event_of_call(const struct cmp *c, uint32_t fid, uint64_t x1, unsigned pe)
{
	if (cmp_call_names_event(fid))
		return (int32_t)x1;
	switch (fid) {
	case SDD_FID_EVENT_CONTEXT: case SDD_FID_EVENT_COMPLETE: case SDD_FID_EVENT_COMPLETE_AND_RESUME:
		return c->depth[pe] ? c->stack[pe][c->depth[pe] - 1].event : -1;
	default:
		return -1;
	}
}

/* ---- Observations ---- */

static void observe(void *ctx, const struct sim_obs *o)
{
	struct cmp *c = ctx;

	/* the frame of a handler completed implicitly is kept until its call */
	if (o->kind != SIM_OBS_COMPLETE && o->kind != SIM_OBS_POWER && o->kind != SIM_OBS_RESET &&
	    o->kind != SIM_OBS_PSCI && o->pe < TRACE_MAX_PES)
		c->has_gone[o->pe] = false;
	switch (o->kind) {
	case SIM_OBS_STEP:
		c->step = o->step;
		break;
	case SIM_OBS_CALL:
	case SIM_OBS_PSCI:
		cmp_on_call(c, o);
		if (o->pe < TRACE_MAX_PES)
			c->has_gone[o->pe] = false;
		break;
	case SIM_OBS_DISPATCH:
		cmp_on_dispatch(c, o);
		break;
	case SIM_OBS_COMPLETE:
		cmp_on_complete(c, o);
		break;
	case SIM_OBS_IRQ:
	case SIM_OBS_HOLD: {
		struct replay_tie_miss tie;
		struct replay_misroute m = replay_route_observe(c->route, o, &tie);
		if (m.rec >= 0)
			cmp_misrouted(c, &m, o);
		else
			cmp_on_irq(c, o);
		if (tie.rec >= 0)
			cmp_tie_missed(c, &tie, o);
		break;
	}
	case SIM_OBS_EXPLICIT:
		cmp_on_explicit(c, o);
		break;
	case SIM_OBS_POWER:
		if (o->pe < TRACE_MAX_PES)
			c->power[o->pe] = (uint8_t)o->status;
		break;
	case SIM_OBS_RESET:
		memset(c->power, 0, sizeof c->power);   /* all on (SIM_PE_ON) */
		break;
	default:
		break;
	}
	replay_evstate_observe(c->evs, o);
}

/* ---- The run ---- */

/* Compared records the run never reached.  After a stop, only those
 * before the stopping step count: the rest was never tried. */
static uint32_t report_unreached(struct cmp *c, bool stopped, uint32_t stop_line)
{
	struct replay *rp = c->rp;
	uint32_t untried = 0;

	for (uint32_t k = 0; k < rp->nrecs; k++) {
		const struct trace_rec *r = &rp->recs[k];
		char nm[32], st[200];
		if (rp->role[k] == ROLE_NONE || c->state[k] != UNMATCHED)
			continue;
		if (stopped && r->line >= stop_line) {
			untried++;
			continue;
		}
		replay_evstate_describe(c->evs, r->kind == TRACE_CALL ? cmp_event_of_call(c, trace_rec_fid(r), r->x[1], r->pe)
									: r->kind == TRACE_IRQ ? -1 : r->event,
					r->kind == TRACE_CALL ? cmp_pe_of_call(c, trace_rec_fid(r), r->x[2], r->pe) : r->pe,
					st, sizeof st);
		switch (rp->role[k]) {
		case ROLE_CALL:
			diverge_from(c, r->line, r, "%s on PE %u: the replay did not make this call; at the end: %s",
				trace_fid_str(nm, sizeof nm, (uint32_t)r->x[0]), r->pe, st);
			break;
		case ROLE_DISPATCH: {
			char res[80] = "";
			if (c->refused[k])
				snprintf(res, sizeof res, " (its explicit dispatch was refused, x0=%s)",
					 c->refused[k] == -128 ? "?" : trace_result_str(nm, sizeof nm, c->refused[k]));
			diverge_from(c, r->line, r, "dispatch of event %s on PE %u: the replay did not dispatch it%s; "
				"at the end: %s", EV(r->event), r->pe, res, st);
			break;
		}
		case ROLE_COMPLETE:
			diverge_from(c, r->line, r, "completion of event %s on PE %u: the replay's handler did not finish "
				"here; at the end: %s", EV(r->event), r->pe, st);
			break;
		case ROLE_NO_INTID:
			diverge_from(c, r->line, r, "INTID %" PRIu32 " on PE %u: the replay cannot %s it: this platform's GIC has "
				"no such interrupt (%s)", r->intid, r->pe, r->how == TRACE_IRQ_FIRE ? "raise" : "acknowledge",
				sim_intid_ranges(&rp->prog.platform, st, sizeof st));
			break;
		default:
			diverge_from(c, r->line, r, "INTID %" PRIu32 " on PE %u: the replay's firmware did not %s", r->intid,
				r->pe, rp->role[k] == ROLE_HOLD ? "acknowledge and hold it" :
				rp->role[k] == ROLE_HAND_OVER ? "hand it over (it held it)" : "acknowledge it");
			break;
		}
	}
	return untried;
}

/* The first n divergences, in trace order; of a line's, the first
 * REPLAY_SHOWN_A_LINE and the last only, the ones between said as a
 * count.  A run that goes astray at one record (a handler that signals
 * itself, an interrupt that never stops) makes one at that step for each
 * of its dispatches, up to the simulator's limit of rounds; the last,
 * found after the run, is why it stopped. */
static void print_divergences(FILE *out, const char *name, const struct replay_divs *d, uint32_t n)
{
	uint32_t k = 0;

	while (k < n) {
		uint32_t line = d->v[k].line, end = k, hidden, shown;

		while (end < n && d->v[end].line == line)
			end++;
		/* (one hidden would take a line to say: it is shown) */
		hidden = end - k > REPLAY_SHOWN_A_LINE + 2 ? end - k - REPLAY_SHOWN_A_LINE - 1 : 0;
		shown = hidden ? REPLAY_SHOWN_A_LINE : end - k;
		for (uint32_t j = k; j < k + shown; j++)
			fprintf(out, "%s\n", d->v[j].text);
		if (hidden)
			fprintf(out, "%s:%" PRIu32 ": and %" PRIu32 " more divergences here, not shown\n%s\n",
				name, line, hidden, d->v[end - 1].text);
		k = end;
	}
}

int replay_run(struct replay *rp, struct sim_cpu *cpu, bool first, FILE *out, struct replay_summary *sum)
{
	struct cmp c;
	struct sim_run_opts ro;
	struct sim_result res;
	uint32_t untried = 0, limit, stop_line = 0;
	int rc;

	memset(sum, 0, sizeof *sum);
	memset(&c, 0, sizeof c);
	c.rp = rp;
	c.evs = replay_evstate_new(&rp->prog.platform);
	c.state = calloc(rp->nrecs ? rp->nrecs : 1, 1);
	c.refused = calloc(rp->nrecs ? rp->nrecs : 1, 1);
	c.inv_used = calloc(rp->ninvs ? rp->ninvs : 1, 1);
	c.route = replay_route_new(rp);
	c.known = rp->nassumed ? cmp_known_new(rp) : NULL;
	if (!c.evs || !c.state || !c.refused || !c.inv_used || !c.route || (rp->nassumed && !c.known)) {
		snprintf(sum->stop_message, sizeof sum->stop_message, "out of memory");
		rc = -1;
		goto out;
	}
	memset(&ro, 0, sizeof ro);
	ro.observer.obs = observe;
	ro.observer.ctx = &c;
	ro.choice = replay_route_choice(c.route);
	rp->prog.lenient = true;          /* a step that cannot be made is skipped: the comparison says so */
	rc = sim_run(cpu, &rp->prog, &ro, &res);
	if (rc) {
		snprintf(sum->stop_message, sizeof sum->stop_message, "%s", res.message);
		goto out;
	}
	if (!res.passed) {
		sum->stopped = true;
		sum->fail_kind = res.fail_kind;
		stop_line = res.step < rp->prog.nsteps ? rp->prog.steps[res.step].loc.line : res.loc.line;
		snprintf(sum->stop_message, sizeof sum->stop_message, "%s", res.message);
		diverge(&c, stop_line, "the replay stopped: %s", res.message);
	}
	untried = report_unreached(&c, sum->stopped, stop_line);
	replay_divs_finish(&c.divs);
	if (c.divs.oom) {
		snprintf(sum->stop_message, sizeof sum->stop_message, "out of memory");
		rc = -1;
		goto out;
	}
	limit = first && c.divs.n ? 1 : c.divs.n;
	print_divergences(out, rp->name, &c.divs, limit);
	for (uint32_t k = rp->nassumed; k < rp->nrecs; k++)    /* the trace's records */
		if (c.state[k] == MATCHED && (!first || c.divs.n == 0 || rp->recs[k].line < c.divs.v[0].line))
			sum->matched++;
	sum->diverged = limit;
	if (sum->stopped && untried && !first)
		fprintf(out, "%s: %" PRIu32 " trace record%s after line %" PRIu32 " not replayed\n", rp->name, untried,
			untried == 1 ? "" : "s", stop_line);
	fprintf(out, "%" PRIu32 " matched, %" PRIu32 " diverged\n", sum->matched, sum->diverged);
out:
	replay_divs_free(&c.divs);
	free(c.state);
	free(c.refused);
	free(c.inv_used);
	free(c.known);
	replay_route_free(c.route);
	replay_evstate_free(c.evs);
	return rc;
}
