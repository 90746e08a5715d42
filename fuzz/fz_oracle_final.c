/*
 * fz_oracle_final.c - the oracle's last check (fz_oracle_final, see
 * fz_oracle.h): at the end of a run, the dispatcher's state, read through
 * its public view, must be the model's, part by part.
 *
 * Each part compares one kind of state and records the first difference
 * (by index, both: the model's events are the dispatcher's, in order);
 * true when it found one.
 */
#include <stdio.h>

#include "fz_oracle_internal.h"
#include "runtime/rt_layout.h"
#include "sdd/sdd.h"

static void final_differs(struct fz_oracle *o, unsigned part, unsigned pe, int32_t ev, uint64_t got,
			  uint64_t want, const char *why)
{
	struct fz_disagreement dis = fz_oracle_about(FZ_D_FINAL, NULL);
	char line[240];

	dis.part = (uint8_t)part;
	dis.pe = (uint8_t)pe;
	dis.event = ev;
	dis.got = (int64_t)got;
	dis.want = want;
	snprintf(line, sizeof line, "at the end of the run: %s", why);
	fz_oracle_disagree(o, o->step, line, &dis);
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
	o->bad.relative = want.relative;
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
	int target = rm_routing(&o->model, i, &aff) == 1 ? rm_find_pe(&o->model, aff) : -1;

	return target >= 0 ? (unsigned)target : first;
}

/* Is the interrupt of event i pending at PE pe in the dispatcher's view? */
static bool pending_in_view(struct sdd *d, unsigned pe, unsigned i)
{
	uint64_t pending = 0;

	sdd_reg_read(d, pe, SDD_REG_PENDING, &pending, 1);
	return pending >> i & 1;
}

/* The trigger of event i the model owes at PE at is not pending there in
 * the dispatcher's view: lost, recorded. */
static void trigger_lost(struct fz_oracle *o, unsigned i, unsigned at)
{
	int32_t ev = o->model.p.events[i].number;
	char why[200];

	snprintf(why, sizeof why, "a trigger of event 0x%x is owed to PE %u, but its interrupt is not "
		 "pending there in the dispatcher's view (lost)", (unsigned)ev, at);
	final_differs(o, FZ_FINAL_PENDING, at, ev, 0, 1, why);
}

/* A shared event's SPI is one interrupt: pending in the view of the PE it
 * is routed to, which for an unregister-pending event (its trigger kept
 * under unreg_keep) is still the RM_PE target it had, one the model's
 * routing no longer names.  Pending in some PE's view, it is not lost. */
static bool shared_pending(const struct fz_oracle *o, struct sdd *d, unsigned i)
{
	for (unsigned pe = 0; pe < o->npe; pe++)
		if (pending_in_view(d, pe, i))
			return true;
	return false;
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
			if (shared_pending(o, d, i))
				continue;
			trigger_lost(o, i, shared_view_pe(o, i, first));
			return true;
		}
		for (unsigned pe = 0; pe < o->npe; pe++)
			if ((owed >> pe & 1) && o->power[pe] != SIM_PE_OFF && !pending_in_view(d, pe, i)) {
				trigger_lost(o, i, pe);
				return true;
			}
	}
	return false;
}

void fz_oracle_final(struct fz_oracle *o, struct sdd *d)
{
	unsigned on = o->npe;

	fz_oracle_settle_last(o);
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
