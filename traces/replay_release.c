/*
 * replay_release.c - which bind slots a call of the trace gave back
 * (replay_internal.h): the one rule that the replay's account of the
 * bindings (replay_steps.c) and --mid-run's slot rule (replay_midrun.c)
 * follow, so that the replay's notes say what --mid-run would assume;
 * and what the replay makes of it (rb_slots_freed).
 */
#include "replay_builder.h"
#include "replay_midrun.h"
#include "psci_rules.h"
#include "sdd/sdd_spec.h"

unsigned replay_slots_freed(const struct sim_platform *pl, const struct trace_rec *r, bool shared_running,
			    bool spi_held, unsigned *all)
{
	uint32_t fid = trace_rec_fid(r), slot;
	bool ok = r->end == TRACE_END_RET && (r->r_known & 1);
	int64_t res = (int64_t)r->r[0];
	int fn = trace_fid_is_psci(fid) ? trace_psci_fn(fid) : -1, cl;

	*all = 0;
	/* the whole machine starts again: nothing is bound */
	if (fn == SIM_PSCI_SYSTEM_RESET || fn == SIM_PSCI_SYSTEM_OFF) {
		*all = REPLAY_SLOTS_BOTH;
		return REPLAY_SLOTS_BOTH;
	}
	if (fid == SDD_FID_SHARED_RESET && ok && res == 0) {
		*all = REPLAY_SLOTS_BOTH;   /* every binding, a private event's too (DEN0054C §5.1.19) */
		return REPLAY_SLOTS_BOTH;
	}
	/* DENIED because a bound event is still registered somewhere: TF-A's
	 * sdei_shared_reset releases every binding no event uses (policy
	 * reset_release: unused).  It unregisters every shared event first,
	 * so that is every shared binding - but one whose interrupt is Active
	 * (bound_active: a PE's firmware holds it) - and the private ones of
	 * events no PE has registered, which the record does not name.
	 * DENIED because a shared handler runs releases none there, nor under
	 * the specification's policy. */
	if (fid == SDD_FID_SHARED_RESET && ok && res == SDD_DENIED && !shared_running &&
	    pl->policy.reset_release == SDD_RESET_RELEASE_UNUSED) {
		if (!spi_held || pl->policy.bound_active != SDD_BOUND_ACTIVE_DENIED)
			*all = REPLAY_SLOTS_SHARED;
		return REPLAY_SLOTS_BOTH;
	}
	if (fid == SDD_FID_INTERRUPT_RELEASE && ok && res == 0) {
		cl = mr_ev_class(pl, (int32_t)(uint32_t)mr_x(r, 1), &slot);
		if (slot != UINT32_MAX)
			return cl == MR_CL_SHARED ? REPLAY_SLOTS_SHARED : REPLAY_SLOTS_PRIVATE;
	}
	return 0;
}

/* Does a handler of a shared event run on some PE (the trace's view)? */
static bool shared_running(const struct rb *b)
{
	uint32_t slot;

	for (unsigned p = 0; p < TRACE_MAX_PES; p++)
		for (unsigned d = 0; d < b->w.depth[p]; d++) {
			const struct replay_inv *v = &b->rp->invs[b->w.stack[p][d].inv];
			if (mr_ev_class(&b->p->platform, b->rp->recs[v->dispatch].event, &slot) == MR_CL_SHARED)
				return true;
		}
	return false;
}

/* Does some PE's firmware hold an SPI (the trace's view: a hold not yet
 * handed over), which is Active? */
static bool spi_held(const struct rb *b)
{
	for (unsigned p = 0; p < TRACE_MAX_PES; p++)
		if (b->w.hold[p].on && b->w.hold[p].intid >= 32)
			return true;
	return false;
}

void rb_slots_freed(struct rb *b, const struct trace_rec *r)
{
	unsigned all, kinds = replay_slots_freed(&b->p->platform, r, shared_running(b), spi_held(b), &all);

	if (kinds & REPLAY_SLOTS_PRIVATE)
		b->w.slots_freed[0] = true;
	if (kinds & REPLAY_SLOTS_SHARED)
		b->w.slots_freed[1] = true;
	if (all)
		rb_bindings_gone(b, all);
}
