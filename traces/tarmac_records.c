/*
 * tarmac_records.c - the records the Tarmac importer's state machine
 * (tarmac_pe.c) writes: calls, dispatches, completions, power changes and
 * warnings, each as it is complete (tarmac_pe_state.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "program.h"          /* enum sim_psci_fn: the PSCI functions trace_psci_fn names */
#include "sdd/sdd_spec.h"
#include "tarmac_pe_state.h"
#include "smccc.h"            /* sim_smccc_fid: the function an SMC names, as the entry reads it */
#include "trace_internal.h"   /* trace_done_arg: a complete record's status or resume address */

/* Records are written when they are complete (a call when it returns),
 * with the time they began; a record's time is raised where needed so
 * that the output never goes back in time on one PE (a PE that woke from
 * a power-down suspend inside its CPU_SUSPEND call, for one). */
int tm_emit(struct tm_state *st, struct trace_rec *r, uint64_t line)
{
	struct pe *p = &st->pe[r->pe];   /* the PE of the line that made the record */

	/* a record of another PE races with the acknowledgements not judged
	 * yet; one of this PE's comes after its own acknowledgement */
	if (!st->acking && (tm_ack_race(st, r->pe) || tm_ack_settle(st, r->pe, r->t, line, false)))
		return -1;
	if (r->t < p->emitted_t)
		r->t = p->emitted_t;
	p->emitted_t = r->t;
	if (st->sink.src_file) {
		r->has |= TRACE_HAS_SRC;
		r->src_file = st->sink.src_file;
		r->src_line = (uint32_t)(line > UINT32_MAX ? UINT32_MAX : line);
	}
	st->records++;
	return st->sink.emit(st->sink.ctx, r);
}

/* ---- Records ---- */

void tm_call_rec(const struct call *c, unsigned pe, struct trace_rec *r)
{
	trace_rec_init(r, TRACE_CALL);
	r->pe = (uint8_t)pe;
	r->t = c->t;
	r->conduit = c->conduit;
	r->el = c->el;
	r->from_handler = c->from_handler;
	r->aarch32 = c->aarch32;
	r->secure = c->secure;
	memcpy(r->x, c->x, sizeof r->x);
	r->x_known = c->x_known;
}

bool tm_is_complete_fid(uint32_t fid)
{
	return fid == SDD_FID_EVENT_COMPLETE || fid == SDD_FID_EVENT_COMPLETE_AND_RESUME;
}

/* A dispatch caused by an interrupt hands the handler the context the
 * interrupt's exception interrupted: x2 its PC and x3 its PSTATE, as the
 * exception saved them in ELR/SPSR of the dispatcher's EL (DEN0054C
 * §5.2.2, tarmac-traces.md §4.4).  The replay cannot compare them
 * (addresses of another machine), so a difference the trace shows is
 * said here: a warning record.  0, or -1 (emit failed). */
static int check_interrupted(struct tm_state *st, unsigned pe)
{
	const struct pe *p = &st->pe[pe];
	unsigned el = (unsigned)p->eret_el;
	const char *what = NULL;
	uint64_t got = 0, want = 0;
	char text[200];

	if ((p->eret_known & 4) && (p->taken_elr_known >> el & 1) && p->eret_x[2] != p->taken_elr[el])
		what = "x2 (the interrupted PC)", got = p->eret_x[2], want = p->taken_elr[el];
	else if ((p->eret_known & 8) && (p->taken_spsr_known >> el & 1) && p->eret_x[3] != p->taken_spsr[el])
		what = "x3 (the interrupted PSTATE)", got = p->eret_x[3], want = p->taken_spsr[el];
	if (!what)
		return 0;
	snprintf(text, sizeof text, "the dispatch of event %s gives the handler %s = 0x%" PRIx64
		 ", but the interrupt's exception at line %" PRIu64 " saved %s_EL%u = 0x%" PRIx64,
		 trace_event_str((char[TRACE_EVENT_STR]){ 0 }, TRACE_EVENT_STR, (int32_t)p->eret_x[0]), what, got, p->taken_line, what[1] == '2' ? "ELR" : "SPSR", el, want);
	return tm_warn(st, pe, p->eret_t, p->eret_line, text);
}

int tm_emit_dispatch(struct tm_state *st, unsigned pe, uint64_t target, enum trace_cause cause)
{
	struct pe *p = &st->pe[pe];
	struct trace_rec r;

	if (cause == TRACE_CAUSE_IRQ && check_interrupted(st, pe))
		return -1;

	trace_rec_init(&r, TRACE_DISPATCH);
	r.pe = (uint8_t)pe;
	r.t = p->eret_t;
	r.event = (int32_t)p->eret_x[0];
	r.ep = target;
	r.has |= TRACE_HAS_EP | TRACE_HAS_DEPTH;
	r.cause = (uint8_t)cause;
	if (cause == TRACE_CAUSE_IRQ) {
		r.intid = p->intid;
		r.has |= TRACE_HAS_INTID;
	}
	memcpy(r.x, p->eret_x, sizeof p->eret_x);
	r.x_known = p->eret_known;
	if (p->spsr_known & (1u << p->eret_el)) {
		r.pstate = p->spsr[p->eret_el];
		r.has |= TRACE_HAS_PSTATE;
	}
	if (p->depth < MAX_DEPTH) {
		unsigned k = p->depth++;
		p->stack[k] = r.event;
		p->int_pc[k] = p->eret_x[2];
		p->int_pstate[k] = p->eret_x[3];
		p->int_known = (uint8_t)((p->int_known & ~(3u << 2 * k)) | (((p->eret_known >> 2) & 3u) << 2 * k));
	}
	r.depth = p->depth;
	return tm_emit(st, &r, p->eret_line);
}

int tm_emit_complete(struct tm_state *st, unsigned pe, const struct call *c, uint64_t target)
{
	struct pe *p = &st->pe[pe];
	struct trace_rec r;

	trace_rec_init(&r, TRACE_COMPLETE);
	r.pe = (uint8_t)pe;
	r.t = p->eret_t;
	r.event = p->depth ? p->stack[--p->depth] : -1;   /* -1: its dispatch is not in the trace */
	r.how = sim_smccc_fid(c->x[0]) == SDD_FID_EVENT_COMPLETE ? TRACE_DONE_COMPLETE : TRACE_DONE_RESUME;
	if (c->x_known & 2) {
		r.arg = trace_done_arg(r.how, c->x[1]);
		r.has |= TRACE_HAS_ARG;
	}
	r.pc = target;
	r.has |= TRACE_HAS_PC | TRACE_HAS_DEPTH;
	if (p->spsr_known & (1u << p->eret_el)) {
		r.pstate = p->spsr[p->eret_el];
		r.has |= TRACE_HAS_PSTATE;
	}
	r.depth = p->depth;
	return tm_emit(st, &r, p->eret_line);
}

int tm_emit_power(struct tm_state *st, unsigned pe, uint64_t t, unsigned state, uint64_t line)
{
	struct trace_rec r;

	trace_rec_init(&r, TRACE_POWER);
	r.pe = (uint8_t)pe;
	r.t = t;
	r.state = (uint8_t)state;
	r.prev = st->pe[pe].power;
	r.has |= TRACE_HAS_PREV;
	st->pe[pe].power = (uint8_t)state;
	return tm_emit(st, &r, line);
}

/* Call c of pe did not come back.  Such a PSCI call changed the PE's
 * power, and CPU_OFF, CPU_FREEZE, SYSTEM_OFF or SYSTEM_RESET from a
 * handler completed the handlers running there (DEN0054C §6.5): written
 * as the records the simulator's recorder writes for the same thing. */
int tm_never_returned(struct tm_state *st, unsigned pe, struct call *c)
{
	struct pe *p = &st->pe[pe];
	int fn = (c->x_known & 1) ? trace_psci_fn((uint32_t)c->x[0]) : -1;
	/* what each PSCI function that does not come back leaves the PE in (+1) */
	static const uint8_t down[SIM_PSCI_FN_COUNT] = {
		[SIM_PSCI_CPU_OFF] = TRACE_PWR_OFF + 1, [SIM_PSCI_CPU_FREEZE] = TRACE_PWR_FROZEN + 1,
		[SIM_PSCI_SYSTEM_OFF] = TRACE_PWR_OFF + 1, [SIM_PSCI_CPU_SUSPEND] = TRACE_PWR_POWERDOWN + 1,
	};
	bool ends = fn == SIM_PSCI_SYSTEM_RESET || (fn >= 0 && down[fn] && fn != SIM_PSCI_CPU_SUSPEND);
	struct trace_rec r;

	tm_call_rec(c, pe, &r);
	r.end = TRACE_END_NONE;
	c->open = false;
	if (tm_emit(st, &r, c->line))
		return -1;
	while (ends && c->from_handler && p->depth > 0) {
		trace_rec_init(&r, TRACE_COMPLETE);
		r.pe = (uint8_t)pe;
		r.t = c->t;
		r.event = p->stack[--p->depth];
		r.how = TRACE_DONE_IMPLICIT;
		r.depth = p->depth;
		r.has |= TRACE_HAS_DEPTH;
		if (tm_emit(st, &r, c->line))
			return -1;
	}
	return fn >= 0 && down[fn] ? tm_emit_power(st, pe, c->t, down[fn] - 1u, c->line) : 0;
}

/* ---- Holds ----
 * An IAR read is firmware's acknowledgement, but the dispatcher judges
 * the interrupt later, somewhere before the PE's ERET out of it (a
 * dispatch, or back to what it interrupted).  When another PE makes an
 * SDEI or PSCI call, or the import writes a record of another PE, in that
 * window, the two raced: the read is written as a hold (`how=hold`) and
 * the ack, with `res=dispatched` when it dispatched, at the outcome, so
 * that the replay judges the other PE's call first (README.md, "Holds").
 * Otherwise it is the one ack it always was, at the read and in its place
 * among the records. */

static int ack_out(struct tm_state *st, unsigned pe, enum trace_irq_how how, uint64_t t, uint64_t line,
		   int res)
{
	struct trace_rec r;
	int rc;

	trace_rec_init(&r, TRACE_IRQ);
	r.pe = (uint8_t)pe;
	r.t = t;
	r.intid = st->pe[pe].intid;
	r.how = how;
	if (res >= 0) {
		r.res = (uint8_t)res;
		r.has |= TRACE_HAS_RES;
	}
	st->acking = true;               /* these records race with nothing */
	rc = tm_emit(st, &r, line);
	st->acking = false;
	return rc;
}

/* What the trace tells of an acknowledgement's outcome (tm_ack_settle):
 * nothing when the outcome is not seen. */
static int outcome_res(const struct pe *p, enum tm_ack_outcome out)
{
	if (out == TM_OUT_DISPATCHED)
		return TRACE_RES_DISPATCHED;
	if (out == TM_OUT_UNKNOWN)
		return -1;
	if (p->repended)
		return TRACE_RES_REPENDED;
	return p->mem_seen ? TRACE_RES_ENDED : -1;
}

int tm_ack_settle(struct tm_state *st, unsigned pe, uint64_t t, uint64_t line, enum tm_ack_outcome out)
{
	struct pe *p = &st->pe[pe];
	uint8_t was = p->ack;
	int res = outcome_res(p, out);

	if (was == TM_ACK_NONE)
		return 0;
	p->ack = TM_ACK_NONE;
	p->repended = false;
	st->reading &= ~(1ull << pe);
	if (was == TM_ACK_READ)      /* at the read; a dispatch record follows a dispatched one */
		return ack_out(st, pe, TRACE_IRQ_ACK, p->ack_t, p->ack_line, res == TRACE_RES_DISPATCHED ? -1 : res);
	return ack_out(st, pe, TRACE_IRQ_ACK, t, line, res);
}

int tm_ack_read(struct tm_state *st, unsigned pe, uint64_t t, uint64_t line)
{
	struct pe *p = &st->pe[pe];

	if (tm_ack_settle(st, pe, t, line, TM_OUT_NOT_DISPATCHED))   /* firmware holds one interrupt at a time */
		return -1;
	p->ack = TM_ACK_READ;
	p->ack_t = t;
	p->ack_line = line;
	st->reading |= 1ull << pe;
	return 0;
}

int tm_ack_race(struct tm_state *st, unsigned pe)
{
	uint64_t others = st->reading & ~(pe < 64 ? 1ull << pe : 0);   /* pe 64: every PE */

	st->reading &= ~others;
	for (unsigned q = 0; others; q++, others >>= 1) {
		if (!(others & 1))
			continue;
		st->pe[q].ack = TM_ACK_HELD;
		if (ack_out(st, q, TRACE_IRQ_HOLD, st->pe[q].ack_t, st->pe[q].ack_line, -1))
			return -1;
	}
	return 0;
}

int tm_ack_eret(struct tm_state *st, unsigned pe, bool target_known)
{
	struct pe *p = &st->pe[pe];

	if (p->ack == TM_ACK_HELD) {
		p->ack = TM_ACK_HANDED;
		return 0;
	}
	if (p->ack == TM_ACK_READ && target_known)
		return 0;                /* classified at once: it settles the read */
	return tm_ack_settle(st, pe, 0, 0, TM_OUT_UNKNOWN);
}

/* A warning record on pe at time t, from input line `line`. */
int tm_warn(struct tm_state *st, unsigned pe, uint64_t t, uint64_t line, const char *text)
{
	struct trace_rec w;

	trace_rec_init(&w, TRACE_WARNING);
	w.has |= TRACE_HAS_T | TRACE_HAS_PE;
	w.t = t;
	w.pe = (uint8_t)pe;
	w.msg = text;
	return tm_emit(st, &w, line);
}

/* A call that returned: remember what it registered or unregistered. */
int tm_note_result(struct tm_state *st, unsigned pe, const struct call *c, const struct trace_rec *r)
{
	uint32_t fid = sim_smccc_fid(c->x[0]);   /* the function the entry sees (smccc.h) */
	char text[200];

	if (!(r->r_known & 1) || r->r[0] != 0)
		return 0;
	if (fid == SDD_FID_EVENT_UNREGISTER && (c->x_known & 2))
		tm_registry_remove(&st->reg, pe, (int32_t)c->x[1]);
	if (fid != SDD_FID_EVENT_REGISTER || (c->x_known & 0x16) != 0x16 ||
	    tm_registry_add(&st->reg, pe, (int32_t)c->x[1], c->x[2], (c->x[4] & SDD_REGFLAG_RELATIVE) != 0))
		return 0;
	snprintf(text, sizeof text, "more than %u events registered at once: the entry point of event %s"
		 " is not kept, its dispatches are not recognised", TM_REGISTRY_EVENTS,
		 trace_event_str((char[TRACE_EVENT_STR]){ 0 }, TRACE_EVENT_STR, (int32_t)c->x[1]));
	return tm_warn(st, pe, c->t, c->line, text);
}
