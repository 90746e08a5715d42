/*
 * trace_recorder.c - see trace_recorder.h.
 *
 * The simulator observes a PSCI call when it is answered, after what it
 * did: the implicit completion of the handlers CPU_OFF ends, the power
 * changes of CPU_OFF, CPU_ON or SYSTEM_RESET.  A trace has the call first
 * (a call's time is when it was made), so power changes and implicit
 * completions wait in a small buffer: a PSCI call that comes right after
 * them, in the same step, goes out before them with the time of the
 * first; anything else (another record, the next step) lets them out
 * first.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sdd/sdd.h"
#include "sdd/sdd_spec.h"
#include "linein.h"             /* LINEIN_MSG_MAX: the comment names the scenario */
#include "trace.h"
#include "trace_recorder.h"
#include "trace_simplat.h"

_Static_assert((int)TRACE_RES_REROUTED == (int)SDD_IRQ_REROUTED, "a trace result per sdd_irq result, by number");

#define HELD_MAX 256         /* SYSTEM_OFF: a power record per PE, implicit completions */

struct trace_recorder {
	FILE *f;
	const struct sim_program *prog;
	struct sim_observer next;
	uint8_t last_kind[TRACE_MAX_PES];    /* the PE's previous observation: what caused a dispatch */
	struct trace_rec held[HELD_MAX];
	unsigned nheld;
	int werr;               /* errno of the first write that failed, 0 */
};

static void write_rec(struct trace_recorder *r, const struct trace_rec *rec)
{
	if (!r->werr && trace_write(r->f, rec))
		r->werr = errno ? errno : EIO;
}

static void flush_held(struct trace_recorder *r)
{
	for (unsigned k = 0; k < r->nheld; k++)
		write_rec(r, &r->held[k]);
	r->nheld = 0;
}

/* The scenario line a record comes from: the action that made a call
 * (sim_obs.op), else the step being run. */
static void source(const struct trace_recorder *r, struct trace_rec *rec, const struct sim_obs *o)
{
	const struct sim_program *p = r->prog;
	const struct sim_op *op = NULL;

	if (!p->file || !p->file[0])
		return;
	if ((o->kind == SIM_OBS_CALL || o->kind == SIM_OBS_PSCI) && o->op >= 0)
		op = o->from_handler ? ((uint32_t)o->op < p->nactions ? &p->actions[o->op] : NULL)
				     : ((uint32_t)o->op < p->nsteps ? &p->steps[o->op] : NULL);
	if (!op && o->step < p->nsteps)
		op = &p->steps[o->step];
	if (op) {
		rec->has |= TRACE_HAS_SRC;
		rec->src_file = p->file;
		rec->src_line = op->loc.line;
	}
}

static void put(struct trace_recorder *r, struct trace_rec *rec, const struct sim_obs *o)
{
	source(r, rec, o);
	if (rec->kind == TRACE_POWER || (rec->kind == TRACE_COMPLETE && rec->how == TRACE_DONE_IMPLICIT)) {
		if (r->nheld == HELD_MAX)
			flush_held(r);
		r->held[r->nheld++] = *rec;
		return;
	}
	if (rec->kind == TRACE_CALL && r->nheld && trace_fid_is_psci((uint32_t)rec->x[0]) &&
	    r->held[0].t < rec->t)
		rec->t = r->held[0].t;         /* made before what it did */
	else
		flush_held(r);
	write_rec(r, rec);
	flush_held(r);
}

static void begin(struct trace_rec *rec, unsigned kind, const struct sim_obs *o)
{
	trace_rec_init(rec, kind);
	rec->t = o->time;
	rec->pe = (uint8_t)(o->pe < TRACE_MAX_PES ? o->pe : 0);
}

/* Does a successful PSCI call fn never come back to its caller?  (The
 * simulator reports 0 for it; a real machine reports nothing.) */
static bool psci_stops(int fn, const struct sim_obs *o)
{
	return o->result == 0 &&
	       (fn == SIM_PSCI_CPU_OFF || fn == SIM_PSCI_CPU_FREEZE || fn == SIM_PSCI_SYSTEM_OFF ||
		fn == SIM_PSCI_SYSTEM_RESET || (fn == SIM_PSCI_CPU_SUSPEND && ((o->args[0] >> 16) & 1)));
}

static void call(struct trace_recorder *r, const struct sim_obs *o)
{
	struct trace_rec rec;

	begin(&rec, TRACE_CALL, o);
	/* the dispatcher's conduit, or the other one for a call it did not see */
	rec.conduit = (r->prog->platform.conduit == SIM_CONDUIT_HVC) != (o->kind == SIM_OBS_UNANSWERED) ? TRACE_HVC
												     : TRACE_SMC;
	rec.el = o->el;
	rec.aarch32 = o->aarch32;
	rec.secure = o->secure;
	rec.from_handler = o->in_handler;
	rec.x[0] = o->w0;              /* the register as the caller set it */
	memcpy(&rec.x[1], o->args, sizeof o->args);
	rec.x_known = 0x3F;
	if (o->kind == SIM_OBS_CALL && o->status == 1) {
		rec.end = TRACE_END_COMPLETE;
	} else if (o->kind == SIM_OBS_PSCI && psci_stops(trace_psci_fn(o->fid), o)) {
		rec.end = TRACE_END_NONE;
	} else {
		rec.end = TRACE_END_RET;
		rec.r[0] = (uint64_t)o->result;
		rec.r_known = 1;
	}
	put(r, &rec, o);
}
static void dispatch(struct trace_recorder *r, const struct sim_obs *o)
{
	struct trace_rec rec;
	uint8_t before = r->last_kind[o->pe % TRACE_MAX_PES];

	begin(&rec, TRACE_DISPATCH, o);
	rec.event = o->event;
	rec.ep = o->pc;
	rec.pstate = o->pstate;
	rec.depth = o->depth;
	rec.has |= TRACE_HAS_EP | TRACE_HAS_PSTATE | TRACE_HAS_DEPTH;
	memcpy(rec.x, o->regs, sizeof o->regs);
	rec.x_known = 0xF;
	if (before == SIM_OBS_IRQ) {
		rec.cause = TRACE_CAUSE_IRQ;
		rec.intid = o->intid;
		rec.has |= TRACE_HAS_INTID;
	} else {
		rec.cause = before == SIM_OBS_EXPLICIT ? TRACE_CAUSE_EXPLICIT : TRACE_CAUSE_CALL;
	}
	put(r, &rec, o);
}

_Static_assert((int)SIM_DONE_COMPLETE == (int)TRACE_DONE_COMPLETE && (int)SIM_DONE_RESUME == (int)TRACE_DONE_RESUME &&
	       (int)SIM_DONE_IMPLICIT == (int)TRACE_DONE_IMPLICIT && (int)SIM_DONE_COUNT == (int)TRACE_DONE_COUNT,
	       "a completion is recorded as observed");

static void complete(struct trace_recorder *r, const struct sim_obs *o)
{
	struct trace_rec rec;

	begin(&rec, TRACE_COMPLETE, o);
	rec.event = o->event;
	rec.how = (uint8_t)o->done;
	if (rec.how != TRACE_DONE_IMPLICIT) {
		rec.arg = rec.how == TRACE_DONE_RESUME ? o->pc : (uint64_t)(uint32_t)o->status;
		rec.has |= TRACE_HAS_ARG;
	}
	rec.depth = o->depth;
	rec.has |= TRACE_HAS_DEPTH;
	/* where execution went on; an implicit completion (CPU_OFF, SYSTEM_OFF,
	 * SYSTEM_RESET) goes on nowhere in the handler's context, and its
	 * observation has no pc or pstate (was: written as 0x0, an address) */
	if (rec.how != TRACE_DONE_IMPLICIT) {
		rec.pc = o->pc;
		rec.pstate = o->pstate;
		rec.has |= TRACE_HAS_PC | TRACE_HAS_PSTATE;
	}
	put(r, &rec, o);
}

static void observe(void *ctx, const struct sim_obs *o)
{
	struct trace_recorder *r = ctx;
	struct trace_rec rec;

	switch (o->kind) {
	case SIM_OBS_STEP:
		flush_held(r);
		break;
	case SIM_OBS_CALL:
	case SIM_OBS_PSCI:
	case SIM_OBS_UNANSWERED:
		call(r, o);
		break;
	case SIM_OBS_DISPATCH:
		dispatch(r, o);
		break;
	case SIM_OBS_COMPLETE:
		complete(r, o);
		break;
	case SIM_OBS_FIRE:
	case SIM_OBS_IRQ:
	case SIM_OBS_HOLD:
		/* res: the dispatcher's enum sdd_irq_result, by number (above).
		 * A hold is written when firmware acknowledges, so that a replay
		 * holds it there too; its SIM_OBS_IRQ (the hand_over) is the ack
		 * record with the dispatcher's answer. */
		begin(&rec, TRACE_IRQ, o);
		rec.intid = o->intid;
		rec.how = o->kind == SIM_OBS_FIRE ? TRACE_IRQ_FIRE : o->kind == SIM_OBS_HOLD ? TRACE_IRQ_HOLD : TRACE_IRQ_ACK;
		if (o->kind == SIM_OBS_IRQ && o->status >= 0 && o->status <= TRACE_RES_REROUTED) {
			rec.res = (uint8_t)o->status;
			rec.has |= TRACE_HAS_RES;
		}
		put(r, &rec, o);
		break;
	case SIM_OBS_POWER:
		begin(&rec, TRACE_POWER, o);
		rec.state = (uint8_t)(o->status < TRACE_PWR_COUNT ? o->status : TRACE_PWR_OFF);
		rec.prev = (uint8_t)(o->regs[0] < TRACE_PWR_COUNT ? o->regs[0] : TRACE_PWR_OFF);
		rec.has |= TRACE_HAS_PREV;
		put(r, &rec, o);
		break;
	default:
		break;
	}
	if (o->pe < TRACE_MAX_PES)
		r->last_kind[o->pe] = o->kind;
	if (r->next.obs)
		r->next.obs(r->next.ctx, o);
}

struct trace_recorder *trace_recorder_open(FILE *f, const struct sim_program *prog)
{
	struct trace_recorder *r = calloc(1, sizeof *r);
	struct trace_rec rec;
	struct trace_platform plat;
	char comment[LINEIN_MSG_MAX];

	if (!r)
		return NULL;
	r->f = f;
	r->prog = prog;
	snprintf(comment, sizeof comment, "recorded by sdeisim from %s", prog->file && prog->file[0] ? prog->file : "a program");
	trace_platform_record(&prog->platform, &rec, &plat);
	if (trace_write_header(f, comment) || trace_write(f, &rec)) {
		free(r);
		return NULL;
	}
	return r;
}

struct sim_observer trace_recorder_observer(struct trace_recorder *r, struct sim_observer next)
{
	struct sim_observer o = { observe, r };
	r->next = next;
	return o;
}

int trace_recorder_close(struct trace_recorder *r)
{
	int rc;

	flush_held(r);
	rc = r->werr ? r->werr : ferror(r->f) ? EIO : 0;
	free(r);
	return rc;
}
