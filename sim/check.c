/*
 * check.c - invariants checked after every step: the GIC model's own
 * (G1-G10), the dispatcher's own (sdd_check), that no operation left the
 * port lock held (port_rules.h), and those that tie them together
 * (reference/gicv3-ehf.md §4.3 X1-X4):
 *   - the machine and the dispatcher agree on how many handlers run on
 *     each PE;
 *   - while an interrupt-backed handler runs, its interrupt is active and
 *     owned by that PE; the priorities of the handlers a PE runs (X1, X2,
 *     X4: running_rules.h), after every step and at every dispatch;
 *   - a PE running no handler has no Group 0 interrupt active and PMR
 *     back at the client's value: nothing leaks back to the client (X3);
 *   - a PE whose firmware holds an interrupt it acknowledged (a hold
 *     step) has it active there;
 *   - a PE's redistributor sleeps exactly while the PE is off, frozen or
 *     powered down;
 *   - once the machine settled, no PE has an interrupt left that it
 *     should have taken or been woken by (X6).
 * And at every acknowledge, before the dispatcher sees it, that it could
 * be acknowledged (sim_check_ack); at every route the dispatcher asks of
 * the port, that GICD_IROUTER holds it (sim_check_route); and X7 -
 * dispatches against triggers - where each trigger, acknowledge and
 * dispatch is made (check_triggers.c).
 *
 * Whose fault: a check that only the simulator can break - the GIC
 * model's own invariants but G9, the redistributor's sleep against the
 * PE's power (PSCI), X6 (the scheduler), the port's route, X7's links
 * from a trigger to its acknowledge - reports SIM_FAIL_SIMULATOR through
 * sim_fail_own, labelled as the simulator's own fault; the others, G9
 * among them, SIM_FAIL_INVARIANT: the dispatcher's.
 */
#include "running_rules.h"
#include "sim_internal.h"

static uint8_t owner_of(const struct gic *g, unsigned pe, uint32_t intid)
{
	return intid < 32 ? g->pe[pe].banked[intid].owner : g->spi[intid - 32].owner;
}

static bool check_pe(struct sim_machine *m, unsigned pe, struct sim_loc loc)
{
	const struct sim_pe *p = &m->pe[pe];
	uint64_t st = 0;
	unsigned depth;

	sdd_reg_read(&m->core, pe, SDD_REG_PE_STATE, &st, 1);
	depth = (unsigned)(st >> 1) & 3;
	if (depth != p->depth) {
		sim_fail(m, SIM_FAIL_INVARIANT, loc, "PE %u: the machine counts %u running handler(s), the dispatcher %u",
			 pe, p->depth, depth);
		return false;
	}
	if (p->hold.holding) {
		/* Acknowledged and held by firmware (a hold step): active here
		 * until the hand_over.  (Not at its priority: a call on another
		 * PE may reprogram it meanwhile - INTERRUPT_RELEASE - and the
		 * running priority stays the one it was acknowledged at.) */
		uint32_t held = p->hold.intid;
		if (!gic_is_active(&m->gic, pe, held) || owner_of(&m->gic, pe, held) != pe) {
			sim_fail(m, SIM_FAIL_INVARIANT, loc, "PE %u holds INTID %u, which is not active on this PE",
				 pe, held);
			return false;
		}
	}
	if (depth == 0 && !p->hold.holding) {
		if (gic_rpr(&m->gic, pe) != GIC_IDLE_PRIO || gic_get_pmr(&m->gic, pe) != (0xFF & GIC_PRIO_MASK)) {
			sim_fail(m, SIM_FAIL_INVARIANT, loc, "PE %u runs no handler but its running priority is 0x%02x and "
				 "PMR 0x%02x (an interrupt or priority was left active)", pe,
				 gic_rpr(&m->gic, pe), gic_get_pmr(&m->gic, pe));
			return false;
		}
		return true;
	}
	for (unsigned k = 0; k < depth; k++) {
		const struct sim_dispatch *d = &p->disp[k];
		if (d->intid < GIC_NUM_INTIDS &&
		    (!gic_is_active(&m->gic, pe, d->intid) || owner_of(&m->gic, pe, d->intid) != pe)) {
			sim_fail(m, SIM_FAIL_INVARIANT, loc, "PE %u runs the handler of event 0x%x but its interrupt %u is not "
				 "active on this PE", pe, (unsigned)d->event, d->intid);
			return false;
		}
	}
	return sim_check_running(m, pe, loc);
}

/* see sim_internal.h */
bool sim_check_running(struct sim_machine *m, unsigned pe, struct sim_loc loc)
{
	const struct sim_pe *p = &m->pe[pe];
	struct sim_running_view v;
	char why[200];

	if (m->skip_invariants || p->depth == 0)
		return true;
	v.rpr = gic_rpr(&m->gic, pe);
	v.pmr = gic_get_pmr(&m->gic, pe);
	v.pmr_raised = p->npri > 0;
	v.holding = p->hold.holding;
	for (unsigned k = 0; k < 2; k++)
		v.programmed[k] = k < p->depth ? gic_get_priority(&m->gic, pe, p->disp[k].intid) & GIC_PRIO_MASK : 0;
	if (sim_running_ok(&m->plat, pe, p->disp, p->depth, &v, why, sizeof why))
		return true;
	sim_fail(m, SIM_FAIL_INVARIANT, loc, "%s", why);
	return false;
}

/* GICR_WAKER.ProcessorSleep follows the PE's power (psci.c): set exactly
 * while the PE is off, frozen or in a power-down suspend.  (A standby is
 * a WFI: the CPU interface still takes interrupts and the distributor may
 * choose the PE for 1-of-N.)  A redistributor left awake on an off PE
 * keeps it a 1-of-N target the scheduler never runs, and one left asleep
 * on a running PE holds its interrupts back; either hides or invents a
 * dispatcher bug, and only the dispatcher's own masking stood in the way.
 * (After SYSTEM_OFF nothing runs again: not asked.) */
static bool sleep_follows_power(struct sim_machine *m, unsigned pe, struct sim_loc loc)
{
	static const char *const power[] = { "on", "off", "in a standby suspend", "in a power-down suspend",
					     "frozen" };
	uint8_t pw = m->pe[pe].power;
	bool asleep = pw == SIM_PE_OFF || pw == SIM_PE_FROZEN || pw == SIM_PE_POWERDOWN;

	if (m->system_off || (bool)m->gic.pe[pe].sleep == asleep)
		return true;
	sim_fail_own(m, "PSCI model", loc, "PE %u is %s but its redistributor is %s (GICR_WAKER.ProcessorSleep)",
		     pe, pw < sizeof power / sizeof power[0] ? power[pw] : "?", asleep ? "awake" : "asleep");
	return false;
}

/* The machine settled (sim_quiesce found no PE that could make progress):
 * nothing is left that a PE should have taken - X6, liveness, bounded by
 * the settling.  A PE that runs (not stopped in a failed handler, not
 * holding an interrupt for a hand_over step) has no Group 0 interrupt
 * signalled, and a suspended one nothing pending to wake it.  Asked of
 * the GIC afresh: the scheduler goes by its own cached answers and by
 * the PEs it looks at, and a mistake in either left an interrupt behind
 * that only a scenario's expectation, or the reference model, would
 * notice - as the dispatcher's fault. */
static bool nothing_left(struct sim_machine *m, unsigned pe, struct sim_loc loc)
{
	const struct sim_pe *p = &m->pe[pe];

	if (p->power == SIM_PE_ON && !p->stuck && !p->hold.holding && sim_group0_ready(&m->gic, pe)) {
		sim_fail_own(m, "scheduler", loc, "the machine settled with INTID %u signalled to PE %u, "
			     "which runs and did not take it", (unsigned)gic_hppir0(&m->gic, pe), pe);
		return false;
	}
	if ((p->power == SIM_PE_STANDBY || p->power == SIM_PE_POWERDOWN) && gic_wake_event(&m->gic, pe)) {
		sim_fail_own(m, "scheduler", loc, "the machine settled with PE %u suspended and an interrupt "
			     "pending for it that did not wake it", pe);
		return false;
	}
	return true;
}

/* The GIC model broke invariant G<e>.  G9 - an EOI or DIR that is not of
 * the interrupt acknowledged last - is the software's (reference/
 * gicv3-ehf.md §4.3): the dispatcher had the port make it.  Every other
 * one the model breaks by itself, since it masks and validates whatever
 * the port writes: the simulator's failure, not the dispatcher's. */
static void gic_broken(struct sim_machine *m, struct sim_loc loc, int e, const char *why)
{
	if (e == 9)
		sim_fail(m, SIM_FAIL_INVARIANT, loc, "GIC invariant G%d violated: %s", e, why);
	else
		sim_fail_own(m, "GIC model", loc, "GIC invariant G%d violated: %s", e, why);
}

bool sim_check_ack(struct sim_machine *m, unsigned pe, uint32_t intid)
{
	char why[200];
	int e;

	if (m->skip_invariants)
		return true;
	if ((e = gic_check_ack(&m->gic, pe, intid, why, sizeof why))) {
		gic_broken(m, sim_step_loc(m), e, why);
		return false;
	}
	return sim_triggers_ack(m, pe, intid);
}

/* The route is the one asked for: 1-of-N, or the affinity of the PE named,
 * as the GIC has that PE's MPIDR (not the platform table the port
 * translates the PE number with). */
bool sim_check_route(struct sim_machine *m, uint32_t intid, bool any, unsigned target)
{
	const struct gic *g = &m->gic;
	const struct gic_route *r;
	char asked[48];

	if (m->skip_invariants || intid < 32 || !gic_intid_valid(g, intid))
		return true;
	r = &g->route[intid - 32];
	if (any ? r->irm : !r->irm && target < g->npe && r->aff == g->pe[target].mpidr)
		return true;
	if (any)
		snprintf(asked, sizeof asked, "any PE (1-of-N)");
	else
		snprintf(asked, sizeof asked, "PE %u (MPIDR 0x%llx)", target,
			 target < g->npe ? (unsigned long long)g->pe[target].mpidr : 0ull);
	sim_fail_own(m, "GIC port", sim_step_loc(m), "the port wrote GICD_IROUTER of SPI %u as IRM %u, affinity 0x%llx, "
		     "for the dispatcher's route to %s", (unsigned)intid, r->irm, (unsigned long long)r->aff, asked);
	return false;
}

bool sim_check_invariants(struct sim_machine *m, struct sim_loc loc)
{
	const char *lock = sim_port_lock_settled(&m->lock);
	char why[200];
	int e;

	if (lock) {
		sim_fail(m, SIM_FAIL_DISPATCHER, loc, "%s", sim_port_lock_problem(lock, why, sizeof why));
		return false;
	}
	if (!m->gic_checked || m->gic_checked_epoch != m->gic.epoch) {
		e = gic_check(&m->gic, why, sizeof why);
		if (e) {
			gic_broken(m, loc, e, why);
			return false;
		}
		/* (a trigger is checked latched when it is made: only a
		 * change of the GIC can lose it) */
		if (!sim_triggers_kept(m, loc))
			return false;
		m->gic_checked = true;
		m->gic_checked_epoch = m->gic.epoch;
	}
	e = m->core_touched ? sdd_check(&m->core) : 0;
	if (e) {
		sim_fail(m, SIM_FAIL_INVARIANT, loc, "dispatcher invariant violated (sdd_check %d: %s)", e, sdd_check_rule(e));
		return false;
	}
	for (unsigned pe = 0; pe < m->npe; pe++)
		if (!sleep_follows_power(m, pe, loc) || !nothing_left(m, pe, loc) ||
		    (m->pe[pe].power != SIM_PE_OFF && m->pe[pe].power != SIM_PE_FROZEN && !check_pe(m, pe, loc)))
			return false;
	m->core_touched = false;         /* (check_pe's reads took the lock too) */
	return true;
}
