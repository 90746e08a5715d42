/*
 * trace_recorder.c - see trace_recorder.h.
 */
#include <stdlib.h>
#include <string.h>

#include "trace.h"
#include "trace_recorder.h"

struct trace_recorder {
	FILE *f;
	const struct sim_program *prog;
	struct sim_observer next;
	uint8_t last_kind[TRACE_MAX_PES];    /* the PE's previous observation: what caused a dispatch */
	bool failed;
};

static void put(struct trace_recorder *r, struct trace_rec *rec, const struct sim_obs *o)
{
	const struct sim_program *p = r->prog;

	if (p->file && p->file[0] && o->step < p->nsteps) {
		rec->has |= TRACE_HAS_SRC;
		rec->src_file = p->file;
		rec->src_line = p->steps[o->step].loc.line;
	}
	if (!r->failed && trace_write(r->f, rec))
		r->failed = true;
}

static void begin(struct trace_rec *rec, unsigned kind, const struct sim_obs *o)
{
	trace_rec_init(rec, kind);
	rec->t = o->time;
	rec->pe = (uint8_t)(o->pe < TRACE_MAX_PES ? o->pe : 0);
}

static void call(struct trace_recorder *r, const struct sim_obs *o)
{
	struct trace_rec rec;

	begin(&rec, TRACE_CALL, o);
	rec.conduit = r->prog->platform.conduit == SIM_CONDUIT_HVC ? TRACE_HVC : TRACE_SMC;
	rec.el = o->el;
	rec.from_handler = o->from_handler;
	rec.x[0] = o->fid;
	memcpy(&rec.x[1], o->args, sizeof o->args);
	rec.x_known = 0x3F;
	if (o->kind == SIM_OBS_CALL && o->status == 1) {
		rec.end = TRACE_END_COMPLETE;
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

static void complete(struct trace_recorder *r, const struct sim_obs *o)
{
	struct trace_rec rec;

	begin(&rec, TRACE_COMPLETE, o);
	rec.event = o->event;
	rec.how = o->status == -1 ? TRACE_DONE_RESUME : o->status == -2 ? TRACE_DONE_IMPLICIT : TRACE_DONE_COMPLETE;
	if (rec.how != TRACE_DONE_IMPLICIT) {
		rec.arg = rec.how == TRACE_DONE_RESUME ? o->pc : (uint64_t)(uint32_t)o->status;
		rec.has |= TRACE_HAS_ARG;
	}
	rec.pc = o->pc;
	rec.pstate = o->pstate;
	rec.depth = o->depth;
	rec.has |= TRACE_HAS_PC | TRACE_HAS_PSTATE | TRACE_HAS_DEPTH;
	put(r, &rec, o);
}

static void observe(void *ctx, const struct sim_obs *o)
{
	struct trace_recorder *r = ctx;
	struct trace_rec rec;

	switch (o->kind) {
	case SIM_OBS_CALL:
	case SIM_OBS_PSCI:
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
		begin(&rec, TRACE_IRQ, o);
		rec.intid = o->intid;
		rec.how = o->kind == SIM_OBS_FIRE ? TRACE_IRQ_FIRE : TRACE_IRQ_ACK;
		if (o->kind == SIM_OBS_IRQ && o->status >= 0 && o->status < TRACE_RES_COUNT) {
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
	char comment[600];

	if (!r)
		return NULL;
	r->f = f;
	r->prog = prog;
	snprintf(comment, sizeof comment, "recorded by sdeisim from %s", prog->file && prog->file[0] ? prog->file : "a program");
	trace_rec_init(&rec, TRACE_PLATFORM);
	snprintf(rec.profile, sizeof rec.profile, "%s", prog->platform.profile);
	rec.pes = prog->platform.pes;
	rec.el = prog->platform.client_el;
	rec.conduit = prog->platform.conduit == SIM_CONDUIT_HVC ? TRACE_HVC : TRACE_SMC;
	rec.has = TRACE_HAS_PROFILE | TRACE_HAS_PES | TRACE_HAS_EL | TRACE_HAS_CONDUIT;
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
	int rc = r->failed || ferror(r->f) ? -1 : 0;
	free(r);
	return rc;
}
