/*
 * fz_oracle.c - see fz_oracle.h.
 */
#include <stdio.h>
#include <string.h>

#include "fz_oracle_internal.h"
#include "fz_statecov.h"
#include "sdd/sdd.h"

/* see fz_oracle_internal.h */
void fz_oracle_disagree(struct fz_oracle *o, uint32_t step, const char *why, const struct fz_disagreement *d)
{
	if (o->failed)
		return;
	o->failed = true;
	o->bad = *d;
	o->bad.step = step;
	snprintf(o->why, sizeof o->why, "step %u: %s", step + 1, why);
}

/* see fz_oracle_internal.h */
struct fz_disagreement fz_oracle_about(unsigned kind, const struct sim_obs *ob)
{
	struct fz_disagreement d;

	memset(&d, 0, sizeof d);
	d.kind = (uint8_t)kind;
	d.op = -1;
	if (ob) {
		d.pe = ob->pe;
		d.event = ob->event;
		d.time = ob->time;
	}
	return d;
}

/* A platform the dispatcher accepts that the model cannot follow: the run
 * would go unchecked, so it is a finding of its own (no decoded input
 * makes one: a model that refuses such a platform, or a decoder that
 * builds one, is wrong). */
static bool cannot_follow(struct fz_oracle *o, const char *why)
{
	o->active = o->failed = true;
	o->bad.kind = FZ_D_NONE;
	snprintf(o->why, sizeof o->why, "the platform: the dispatcher accepts it, the model cannot follow "
		 "it (%s), so nothing of the run would be checked", why);
	return false;
}

/* The model's platform is built in place and only as far as p uses it
 * (this runs for every fuzz input). */
bool fz_oracle_begin_sdd(struct fz_oracle *o, const struct sim_platform *sp, const struct sdd_platform *d)
{
	struct rm_platform *p = &o->model.p;

	o->active = o->failed = o->machine_failed = o->step_open = false;
	o->step = 0;
	o->npe = 0;
	o->why[0] = 0;
	memset(&o->bad, 0, sizeof o->bad);
	o->checks = 0;
	if (d == NULL)
		return false;
	if (sp->pes > RM_MAX_PES || sp->nsecure > 64 || d->event_count > RM_MAX_EVENTS)
		return cannot_follow(o, "more PEs, firmware-owned interrupts or events than it holds");
	p->pes = sp->pes;
	memcpy(p->mpidr, sp->mpidr, sp->pes * sizeof p->mpidr[0]);
	p->client_el = sp->client_el;
	p->version_minor = sp->version_minor;
	p->relative_mode = sp->relative_mode;
	p->vendor = sp->vendor_version;
	p->spis = sp->spis;
	p->nsecure = sp->nsecure;
	memcpy(p->secure, sp->secure_intids, sp->nsecure * sizeof p->secure[0]);
	memcpy(p->secure_pes, sp->secure_pes, sp->nsecure * sizeof p->secure_pes[0]);
	p->nevents = d->event_count;
	for (unsigned k = 0; k < d->event_count; k++) {
		static const uint8_t kinds[] = { RM_EVENT0, RM_STATIC, RM_SLOT, RM_EXPLICIT };
		p->events[k].number = d->events[k].number;
		p->events[k].kind = kinds[d->events[k].kind];
		p->events[k].shared = d->events[k].type == SDD_SHARED;
		p->events[k].critical = d->events[k].priority == SDD_PRI_CRITICAL;
		p->events[k].intid = d->events[k].intid;
	}
	p->truncate_upper = sp->policy.upper_bits == SDD_UPPER_TRUNCATE;
	p->signal_strict = sp->policy.signal == SDD_SIGNAL_TFA_STRICT;
	p->bind_tfa = sp->policy.bind == SDD_BIND_TFA;
	p->resume_denied = sp->policy.resume_error == SDD_RESUME_ERR_DENIED;
	p->unbound_tfa = sp->policy.unbound == SDD_UNBOUND_TFA;
	p->priv_route_validate = sp->policy.priv_route == SDD_PRIV_ROUTE_VALIDATE;
	p->ctx_running_first = sp->policy.ctx_order == SDD_CTX_RUNNING_FIRST;
	p->mpidr_lax = sp->policy.mpidr == SDD_MPIDR_IGNORE_OTHER_BITS;
	p->explicit_minus_one = sp->policy.explicit_err == SDD_EXPLICIT_MINUS_ONE;
	p->signaled_inverted = sp->policy.signaled == SDD_SIGNALED_INVERTED;
	p->mask_zero = sp->policy.mask_result == SDD_MASK_RESULT_ZERO;
	p->mask_at_once = sp->policy.mask_timing == SDD_MASK_AT_ONCE;
	p->reset_release_unused = sp->policy.reset_release == SDD_RESET_RELEASE_UNUSED;
	p->unreg_keep = sp->policy.unreg_trigger == SDD_UNREG_TRIGGER_KEEP;
	p->active_denied = sp->policy.bound_active == SDD_BOUND_ACTIVE_DENIED;
	p->reset_signal_keep = sp->policy.reset_signal == SDD_RESET_SIGNAL_KEEP;
	p->cpu_on_keep = sp->policy.cpu_on == SDD_CPU_ON_KEEP_PRIVATE;
	if (rm_init(&o->model, p) != 0)
		return cannot_follow(o, "rm_init refuses it");
	o->active = true;
	o->npe = sp->pes;
	memset(o->power, SIM_PE_ON, o->npe);
	memset(o->paused, 0, o->npe);
	return true;
}

/* Who made the call ob observes, besides its EL, as the model takes it. */
static unsigned caller_of(const struct sim_obs *ob)
{
	return (ob->aarch32 ? RM_FROM_AARCH32 : 0u) | (ob->secure ? RM_FROM_SECURE : 0u);
}

/* (The disagreement is built only when there is one, and busy only as far
 * as the model reads it: this runs after every step, and each clear is a
 * call the sanitizers intercept.) */
static void settled(struct fz_oracle *o, uint32_t step)
{
	bool busy[RM_MAX_PES];
	char why[400];
	int32_t event = 0;
	unsigned pe = 0;

	for (unsigned k = 0; k < o->npe; k++)
		busy[k] = o->paused[k] || o->power[k] != SIM_PE_ON;
	o->checks++;
	if (!rm_settled_which(&o->model, busy, &event, &pe, why, sizeof why)) {
		struct fz_disagreement d = fz_oracle_about(FZ_D_SETTLED, NULL);
		d.event = event;
		d.pe = (uint8_t)pe;
		fz_oracle_disagree(o, step, why, &d);
	}
}

static void power(struct fz_oracle *o, const struct sim_obs *ob)
{
	unsigned pe = ob->pe, from = (unsigned)ob->regs[0], to = (unsigned)ob->status;

	if (pe >= o->npe)
		return;
	o->power[pe] = (uint8_t)to;
	if (to == SIM_PE_OFF || to == SIM_PE_FROZEN) {
		o->paused[pe] = 0;
		rm_cpu_off(&o->model, pe);
	} else if (to == SIM_PE_ON && from == SIM_PE_OFF) {
		rm_cpu_on(&o->model, pe);
	} else if (to == SIM_PE_ON) {
		rm_wake(&o->model, pe, from == SIM_PE_POWERDOWN);
	}
}

void fz_oracle_observe(void *ctx, const struct sim_obs *ob)
{
	struct fz_oracle *o = ctx;
	char why[400];

	if (!o->active || o->failed)
		return;
	switch (ob->kind) {
	case SIM_OBS_STEP:
		if (o->step_open && !o->machine_failed)
			settled(o, ob->step - 1);
		o->step_open = true;
		o->step = ob->step;
		break;
	case SIM_OBS_CALL:
		/* only SDEI calls reach the dispatcher; the rest are not its answers */
		if ((ob->fid & SDD_FID_WINDOW_MASK) == SDD_FID_WINDOW_BASE) {
			uint64_t x[6] = { ob->fid, ob->args[0], ob->args[1], ob->args[2], ob->args[3], ob->args[4] };
			struct rm_verdict allowed;
			o->checks++;
			if (!rm_call_judged(&o->model, ob->pe, x, ob->el, caller_of(ob), ob->result, ob->status == 1,
					    &allowed, why, sizeof why)) {
				struct fz_disagreement d = fz_oracle_about(FZ_D_CALL, ob);
				d.allowed = allowed;
				d.from_handler = ob->from_handler;
				d.op = ob->op;
				d.fid = ob->fid;
				d.got = ob->result;
				d.completed = ob->status == 1;
				fz_oracle_disagree(o, ob->step, why, &d);
			}
		}
		break;
	case SIM_OBS_FIRE:
		rm_fire(&o->model, ob->intid, ob->pe);
		break;
	case SIM_OBS_HOLD:
		rm_hold(&o->model, ob->pe, ob->intid);
		break;
	case SIM_OBS_IRQ:
		/* a PE's next acknowledgement after its hold is the hand-over */
		if (rm_holds(&o->model, ob->pe)) {
			o->checks++;
			if (!rm_hand_over(&o->model, ob->pe, ob->intid, (unsigned)ob->status, why, sizeof why)) {
				struct fz_disagreement d = fz_oracle_about(FZ_D_HAND_OVER, ob);
				d.got = ob->status;
				fz_oracle_disagree(o, ob->step, why, &d);
			}
		}
		break;
	case SIM_OBS_DISPATCH: {
		struct rm_entry got, want;
		struct rm_dispatch_verdict v;
		/* explicit dispatches are judged by their SIM_OBS_EXPLICIT */
		if (ob->intid < 1020) {
			o->checks++;
			if (!rm_dispatch_judged(&o->model, ob->pe, ob->event, &v, why, sizeof why)) {
				struct fz_disagreement d = fz_oracle_about(FZ_D_DISPATCH, ob);
				d.part = v.fault;
				d.want = (uint32_t)v.first;
				fz_oracle_disagree(o, ob->step, why, &d);
				break;
			}
		}
		/* a dispatch it accepted: x1 and the PC are the registration's */
		got = (struct rm_entry){ .arg = ob->regs[1], .pc = ob->pc };
		if (!rm_entry_ok(&o->model, ob->pe, ob->event, &got, &want, why, sizeof why)) {
			struct fz_disagreement d = fz_oracle_about(FZ_D_ENTRY, ob);
			d.entry_pc = got.arg == want.arg;
			d.got = (int64_t)(d.entry_pc ? got.pc : got.arg);
			d.want = d.entry_pc ? want.pc : want.arg;
			fz_oracle_disagree(o, ob->step, why, &d);
		}
		break;
	}
	case SIM_OBS_EXPLICIT:
		o->checks++;
		if (!rm_explicit(&o->model, ob->pe, ob->event, ob->result, why, sizeof why)) {
			struct fz_disagreement d = fz_oracle_about(FZ_D_EXPLICIT, ob);
			d.got = ob->result;
			fz_oracle_disagree(o, ob->step, why, &d);
		}
		break;
	/* paused[pe]: bit d-1 for a paused handler at depth d (as the machine) */
	case SIM_OBS_YIELD:
		if (ob->pe < o->npe && ob->depth > 0)
			o->paused[ob->pe] |= (uint8_t)(1u << (ob->depth - 1));
		break;
	case SIM_OBS_RESUME:
		if (ob->pe < o->npe && ob->depth > 0)
			o->paused[ob->pe] &= (uint8_t)~(1u << (ob->depth - 1));
		break;
	case SIM_OBS_COMPLETE:
		if (ob->pe < o->npe)
			o->paused[ob->pe] &= (uint8_t)((1u << ob->depth) - 1);
		break;
	case SIM_OBS_POWER:
		power(o, ob);
		break;
	case SIM_OBS_RESET:
		memset(o->paused, 0, sizeof o->paused);
		memset(o->power, SIM_PE_ON, sizeof o->power);
		rm_system_reset(&o->model);
		break;
	case SIM_OBS_FAIL:
		o->machine_failed = true;
		break;
	default:
		break;
	}
	if (o->state_cells)
		fz_state_mark(&o->model, ob, o->state_cells);
}

/* see fz_oracle_internal.h */
void fz_oracle_settle_last(struct fz_oracle *o)
{
	if (!o->active || o->failed || o->machine_failed || !o->step_open)
		return;
	settled(o, o->step);
	o->step_open = false;
}

bool fz_oracle_end(const struct fz_oracle *o)
{
	return !o->active || !o->failed;
}
