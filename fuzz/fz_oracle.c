/*
 * fz_oracle.c - see fz_oracle.h.
 */
#include <stdio.h>
#include <string.h>

#include "fz_oracle.h"
#include "runtime/rt_layout.h"
#include "sdd/sdd.h"

static void disagree(struct fz_oracle *o, uint32_t step, const char *why, const struct fz_disagreement *d)
{
	if (o->failed)
		return;
	o->failed = true;
	o->bad = *d;
	o->bad.step = step;
	snprintf(o->why, sizeof o->why, "step %u: %s", step + 1, why);
}

static struct fz_disagreement about(unsigned kind, const struct sim_obs *ob)
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
	if (d == NULL || sp->pes > RM_MAX_PES || sp->nsecure > 64 || d->event_count > RM_MAX_EVENTS)
		return false;
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
	p->cpu_on_keep = sp->policy.cpu_on == SDD_CPU_ON_KEEP_PRIVATE;
	if (rm_init(&o->model, p) != 0)
		return false;
	o->active = true;
	o->npe = sp->pes;
	memset(o->power, SIM_PE_ON, o->npe);
	memset(o->paused, 0, o->npe);
	return true;
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
		struct fz_disagreement d = about(FZ_D_SETTLED, NULL);
		d.event = event;
		d.pe = (uint8_t)pe;
		disagree(o, step, why, &d);
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
			if (!rm_call_judged(&o->model, ob->pe, x, ob->el, false, ob->result, ob->status == 1,
					    &allowed, why, sizeof why)) {
				struct fz_disagreement d = about(FZ_D_CALL, ob);
				d.allowed = allowed;
				d.from_handler = ob->from_handler;
				d.op = ob->op;
				d.fid = ob->fid;
				d.got = ob->result;
				d.completed = ob->status == 1;
				disagree(o, ob->step, why, &d);
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
				struct fz_disagreement d = about(FZ_D_HAND_OVER, ob);
				d.got = ob->status;
				disagree(o, ob->step, why, &d);
			}
		}
		break;
	case SIM_OBS_DISPATCH: {
		struct rm_entry got, want;
		/* explicit dispatches are judged by their SIM_OBS_EXPLICIT */
		if (ob->intid < 1020) {
			o->checks++;
			if (!rm_dispatch(&o->model, ob->pe, ob->event, why, sizeof why)) {
				struct fz_disagreement d = about(FZ_D_DISPATCH, ob);
				disagree(o, ob->step, why, &d);
				break;
			}
		}
		/* a dispatch it accepted: x1 and the PC are the registration's */
		got = (struct rm_entry){ ob->regs[1], ob->pc };
		if (!rm_entry_ok(&o->model, ob->pe, ob->event, &got, &want, why, sizeof why)) {
			struct fz_disagreement d = about(FZ_D_ENTRY, ob);
			d.entry_pc = got.arg == want.arg;
			d.got = (int64_t)(d.entry_pc ? got.pc : got.arg);
			d.want = d.entry_pc ? want.pc : want.arg;
			disagree(o, ob->step, why, &d);
		}
		break;
	}
	case SIM_OBS_EXPLICIT:
		o->checks++;
		if (!rm_explicit(&o->model, ob->pe, ob->event, ob->result, why, sizeof why)) {
			struct fz_disagreement d = about(FZ_D_EXPLICIT, ob);
			d.got = ob->result;
			disagree(o, ob->step, why, &d);
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
}

/* ---- the final state (fz_oracle_final) ----
 *
 * Each part below compares one kind of state and records the first
 * difference (by index, both: the model's events are the dispatcher's, in
 * order); true when it found one. */

static void final_differs(struct fz_oracle *o, unsigned part, unsigned pe, int32_t ev, uint64_t got,
			  uint64_t want, const char *why)
{
	struct fz_disagreement dis = about(FZ_D_FINAL, NULL);
	char line[240];

	dis.part = (uint8_t)part;
	dis.pe = (uint8_t)pe;
	dis.event = ev;
	dis.got = (int64_t)got;
	dis.want = want;
	snprintf(line, sizeof line, "at the end of the run: %s", why);
	disagree(o, o->step, line, &dis);
}

static bool final_status(struct fz_oracle *o, struct sdd *d)
{
	const struct rm_platform *p = &o->model.p;
	char why[200];

	for (unsigned i = 0; i < p->nevents; i++)
		for (unsigned pe = 0; pe < o->npe && (pe == 0 || !p->events[i].shared); pe++) {
			int want = rm_status_at(&o->model, pe, i);
			unsigned got;
			if (want < 0 || (got = sdd_event_state(d, pe, i)) == (unsigned)want)
				continue;
			snprintf(why, sizeof why, "event 0x%x on PE %u is in state %u in the dispatcher, %u by "
				 "the model (EVENT_STATUS bits)", (unsigned)p->events[i].number, pe, got,
				 (unsigned)want);
			final_differs(o, FZ_FINAL_STATUS, pe, p->events[i].number, got, (uint64_t)want, why);
			return true;
		}
	return false;
}

/* A slot the dispatcher still holds after its RELEASE is free by the
 * model, whose STATUS is then INVALID_PARAMETERS: final_status skips it. */
static bool final_bound(struct fz_oracle *o, struct sdd *d, unsigned pe)
{
	uint64_t want = rm_bound_slots(&o->model), got = 0, diff;
	unsigned i = 0;
	char why[200];

	sdd_reg_read(d, pe, SDD_REG_BOUND, &got, 1);
	diff = got ^ want;
	if (diff == 0)
		return false;
	while (!(diff >> i & 1))
		i++;
	snprintf(why, sizeof why, "bind slot 0x%x is %s in the dispatcher, %s by the model",
		 (unsigned)o->model.p.events[i].number, got >> i & 1 ? "bound" : "free",
		 want >> i & 1 ? "bound" : "free");
	final_differs(o, FZ_FINAL_BOUND, pe, o->model.p.events[i].number, got, want, why);
	return true;
}

static bool final_routing(struct fz_oracle *o, struct sdd *d, unsigned pe)
{
	const struct rm_platform *p = &o->model.p;
	char why[200];

	for (unsigned i = 0; i < p->nevents; i++) {
		uint64_t want_aff, view[5];
		int want = rm_routing(&o->model, i, &want_aff);
		unsigned got;
		if (want < 0 || sdd_reg_read(d, pe, SDD_REG_HANDLER_BASE + i, view, 5) != 5)
			continue;
		got = view[2] & SDD_REGFLAG_RM_PE;
		if (got != (unsigned)want) {
			snprintf(why, sizeof why, "shared event 0x%x is routed %s in the dispatcher, %s by the model",
				 (unsigned)p->events[i].number, got ? "RM_PE" : "RM_ANY", want ? "RM_PE" : "RM_ANY");
			final_differs(o, FZ_FINAL_ROUTING_MODE, pe, p->events[i].number, got, (uint64_t)want, why);
			return true;
		}
		if (got && view[4] != want_aff) {
			snprintf(why, sizeof why, "shared event 0x%x is routed RM_PE to 0x%llx in the dispatcher, "
				 "to 0x%llx by the model", (unsigned)p->events[i].number,
				 (unsigned long long)view[4], (unsigned long long)want_aff);
			final_differs(o, FZ_FINAL_ROUTING_AFF, pe, p->events[i].number, view[4], want_aff, why);
			return true;
		}
	}
	return false;
}

/* Registration i on pe (read there) holds the argument and entry point
 * the model's REGISTER recorded?  Else recorded. */
static bool entry_differs(struct fz_oracle *o, struct sdd *d, unsigned i, unsigned pe)
{
	int32_t ev = o->model.p.events[i].number;
	struct rm_entry want;
	uint64_t view[5], pc;
	bool arg_wrong;
	char why[200];

	if (!rm_registration(&o->model, pe, i, &want) ||
	    sdd_reg_read(d, pe, SDD_REG_HANDLER_BASE + i, view, 5) != 5)
		return false;
	/* a relative entry point is an offset from the client's VBAR */
	pc = view[0] + ((view[2] & SDD_REGFLAG_RELATIVE) ? RT_VECTORS : 0);
	if (view[1] == want.arg && pc == want.pc)
		return false;
	arg_wrong = view[1] != want.arg;
	snprintf(why, sizeof why, "event 0x%x's registration on PE %u holds %s 0x%llx in the dispatcher, "
		 "0x%llx by the model", (unsigned)ev, pe, arg_wrong ? "the argument" : "the entry point",
		 (unsigned long long)(arg_wrong ? view[1] : pc), (unsigned long long)(arg_wrong ? want.arg : want.pc));
	final_differs(o, FZ_FINAL_ENTRY, pe, ev, arg_wrong ? view[1] : pc, arg_wrong ? want.arg : want.pc, why);
	/* final_differs recorded it (the check runs only while nothing has) */
	o->bad.entry_pc = !arg_wrong;
	o->bad.relative = (view[2] & SDD_REGFLAG_RELATIVE) != 0;
	return true;
}

/* Every registration, private ones on every PE that is not off. */
static bool final_entry(struct fz_oracle *o, struct sdd *d)
{
	const struct rm_platform *p = &o->model.p;

	for (unsigned i = 0; i < p->nevents; i++)
		for (unsigned pe = 0; pe < o->npe && (pe == 0 || !p->events[i].shared); pe++)
			if ((p->events[i].shared || o->power[pe] != SIM_PE_OFF) && entry_differs(o, d, i, pe))
				return true;
	return false;
}

/* Only PEs that are on: what an off or suspended PE's mask is, is what
 * powering it up makes it. */
static bool final_mask(struct fz_oracle *o, struct sdd *d)
{
	char why[200];

	for (unsigned pe = 0; pe < o->npe; pe++) {
		uint64_t st = 0, got, want;
		unsigned at;
		if (o->power[pe] != SIM_PE_ON)
			continue;
		want = (uint64_t)rm_pe_mask(&o->model, pe, &at);
		want |= (uint64_t)at << 1;
		sdd_reg_read(d, pe, SDD_REG_PE_STATE, &st, 1);
		got = (st & 1) | ((st >> 3 & 3) << 1);
		if (got == want)
			continue;
		snprintf(why, sizeof why, "PE %u is %s%s in the dispatcher, %s%s by the model", pe,
			 got & 1 ? "masked" : "unmasked", got >> 1 ? " (in force when a handler completes)" : "",
			 want & 1 ? "masked" : "unmasked", want >> 1 ? " (in force when a handler completes)" : "");
		final_differs(o, FZ_FINAL_MASK, pe, 0, got, want, why);
		return true;
	}
	return false;
}

/* The PE whose view shows whether shared event i's interrupt is pending:
 * its RM_PE target, else any (first). */
static unsigned shared_view_pe(const struct fz_oracle *o, unsigned i, unsigned first)
{
	uint64_t aff;

	if (rm_routing(&o->model, i, &aff) == 1)
		for (unsigned pe = 0; pe < o->npe; pe++)
			if (o->model.p.mpidr[pe] == aff)
				return pe;
	return first;
}

/* Is the interrupt of event i not pending at PE at in the dispatcher's
 * view?  Then the trigger the model owes there was lost: recorded. */
static bool trigger_lost(struct fz_oracle *o, struct sdd *d, unsigned i, unsigned at)
{
	int32_t ev = o->model.p.events[i].number;
	uint64_t pending = 0;
	char why[200];

	sdd_reg_read(d, at, SDD_REG_PENDING, &pending, 1);
	if (pending >> i & 1)
		return false;
	snprintf(why, sizeof why, "a trigger of event 0x%x is owed to PE %u, but its interrupt is not "
		 "pending there in the dispatcher's view (lost)", (unsigned)ev, at);
	final_differs(o, FZ_FINAL_PENDING, at, ev, 0, 1, why);
	return true;
}

/* A trigger the model owes (one that must be delivered when its PE can
 * take it: masked, busy or suspended until then) is a pending interrupt
 * in the dispatcher's view: one the dispatcher dropped is lost, and no
 * call shows it until the PE takes events again.  Not for PEs that are
 * off. */
static bool final_pending(struct fz_oracle *o, struct sdd *d, unsigned first)
{
	const struct rm_platform *p = &o->model.p;

	for (unsigned i = 0; i < p->nevents; i++) {
		uint64_t owed = rm_owed(&o->model, i);
		if (owed == 0)
			continue;
		if (p->events[i].shared) {
			if (trigger_lost(o, d, i, shared_view_pe(o, i, first)))
				return true;
			continue;
		}
		for (unsigned pe = 0; pe < o->npe; pe++)
			if ((owed >> pe & 1) && o->power[pe] != SIM_PE_OFF && trigger_lost(o, d, i, pe))
				return true;
	}
	return false;
}

void fz_oracle_final(struct fz_oracle *o, struct sdd *d)
{
	unsigned on = o->npe;

	if (!o->active || o->failed || o->machine_failed)
		return;
	/* Every PE off (SYSTEM_OFF, which does not tell the dispatcher): no
	 * machine is left for the state to be the state of.  The PE-wide
	 * parts are read as seen from the first PE that is on (a reproducer
	 * asks it), else the first that is suspended. */
	for (unsigned pe = 0; pe < o->npe && on == o->npe; pe++)
		if (o->power[pe] == SIM_PE_ON)
			on = pe;
	for (unsigned pe = 0; pe < o->npe && on == o->npe; pe++)
		if (o->power[pe] != SIM_PE_OFF)
			on = pe;
	if (on == o->npe)
		return;
	o->checks++;
	if (!final_status(o, d) && !final_bound(o, d, on) && !final_routing(o, d, on) &&
	    !final_entry(o, d) && !final_mask(o, d))
		final_pending(o, d, on);
}

bool fz_oracle_end(struct fz_oracle *o, const struct sim_result *r)
{
	if (!o->active)
		return true;
	if (!o->failed && !o->machine_failed && r->passed && o->step_open)
		settled(o, r->steps_run ? r->steps_run - 1 : 0);
	return !o->failed;
}
