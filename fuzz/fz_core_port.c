/*
 * fz_core_port.c - the dispatcher's port (sdd_port.h) onto fuzz_core's
 * interrupt controller (fz_core_gic.c): one register access an operation,
 * as the simulator's port onto its GIC model does (sim/machine.c), with the
 * same platform rules (sim/port_rules.h).
 *
 * Every operation first holds the dispatcher to the port's promises: its
 * lock held, a PE the platform has, an interrupt the GIC implements, of
 * the kind the operation takes (port_rules.h, the simulator's rules).  A broken
 * promise is a finding - a dispatcher that hands a client's number on
 * unchecked, as TF-A's INTERRUPT_BIND did (CVE-2023-49100), makes a real
 * GIC driver read out of bounds or panic - and the operation does nothing.
 */
#include "fz_core_internal.h"

static bool port_call_ok(struct fzc_machine *m, const char *op, enum sim_port_arg kind, unsigned pe, uint32_t intid)
{
	char why[256];

	if (sim_port_call_ok(&m->prog->platform, &m->lock, kind, pe, intid))
		return true;
	fzc_fail(m, SIM_FAIL_DISPATCHER, "%s",
		 sim_port_call_problem(&m->prog->platform, &m->lock, op, kind, pe, intid, why, sizeof why));
	return false;
}

/* A lock or unlock that broke the discipline (fault: what it did). */
static void lock_fault(struct fzc_machine *m, const char *fault)
{
	char why[200];

	if (fault)
		fzc_fail(m, SIM_FAIL_DISPATCHER, "%s", sim_port_lock_problem(fault, why, sizeof why));
}

/* The interrupt instance a query names, once the call keeps the promises;
 * NULL when it does not (the run has failed) or the GIC has no such one. */
static const struct fzc_irq *queried(struct fzc_machine *m, const char *op, unsigned pe, uint32_t intid)
{
	return port_call_ok(m, op, SIM_PORT_INTID, pe, intid) ? fzc_irq_cref(&m->gic, pe, intid) : NULL;
}

static bool p_client_owned(void *ctx, unsigned pe, uint32_t intid)
{
	struct fzc_machine *m = ctx;
	const struct sim_platform *sp = &m->prog->platform;
	const struct fzc_irq *irq = queried(m, "irq_is_client_owned", pe, intid);

	if (!irq || irq->group != FZC_G1NS)
		return false;
	/* The firmware's on every PE for good; on some PEs only, as long as
	 * the group says so (a binding TF-A's way takes it over: the
	 * simulator's port, sim/machine.c, the same). */
	for (unsigned k = 0; k < sp->nsecure; k++)
		if (sp->secure_intids[k] == intid && !sp->secure_pes[k])
			return false;
	return true;
}

static bool p_active(void *ctx, unsigned pe, uint32_t intid)
{
	const struct fzc_irq *irq = queried(ctx, "irq_is_active", pe, intid);
	return irq && irq->active;
}

static bool p_pending(void *ctx, unsigned pe, uint32_t intid)
{
	const struct fzc_irq *irq = queried(ctx, "irq_is_pending", pe, intid);
	return irq && irq->latch;
}

static void p_claim(void *ctx, unsigned pe, uint32_t intid, enum sdd_priority pri)
{
	struct fzc_machine *m = ctx;

	if (!port_call_ok(m, "irq_claim", SIM_PORT_INTID, pe, intid))
		return;
	fzc_set_enabled(m, pe, intid, false);
	fzc_set_group(m, pe, intid, FZC_G0);
	fzc_set_priority(m, pe, intid, sim_class_priority(pri));
	fzc_set_pending(m, pe, intid, false);
}

static void p_unclaim(void *ctx, unsigned pe, uint32_t intid)
{
	struct fzc_machine *m = ctx;

	if (!port_call_ok(m, "irq_unclaim", SIM_PORT_INTID, pe, intid))
		return;
	fzc_set_enabled(m, pe, intid, false);
	fzc_set_group(m, pe, intid, FZC_G1NS);
	fzc_set_priority(m, pe, intid, SIM_PRIO_CLIENT);
}

static void p_enable(void *ctx, unsigned pe, uint32_t intid, bool on)
{
	if (port_call_ok(ctx, "irq_enable", SIM_PORT_INTID, pe, intid))
		fzc_set_enabled(ctx, pe, intid, on);
}

static void p_set_pending(void *ctx, unsigned pe, uint32_t intid, bool on)
{
	if (port_call_ok(ctx, "irq_set_pending", SIM_PORT_INTID, pe, intid))
		fzc_set_pending(ctx, pe, intid, on);
}

static void p_route(void *ctx, uint32_t intid, bool any, unsigned target)
{
	struct fzc_machine *m = ctx;
	const struct sim_platform *sp = &m->prog->platform;

	if (port_call_ok(m, "irq_route", SIM_PORT_SPI, any ? SIM_PORT_ANY_PE : target, intid))
		fzc_set_route(m, intid, any, target < sp->pes ? sp->mpidr[target] : 0);
}

static void p_eoi(void *ctx, unsigned pe, uint32_t intid)
{
	if (port_call_ok(ctx, "irq_eoi", SIM_PORT_INTID, pe, intid))
		fzc_eoi0(ctx, pe, intid);
}

/* ICC_SGI0R_EL1: accepted only if the target's copy is Group 0. */
static void p_sgi(void *ctx, unsigned target, uint32_t intid)
{
	struct fzc_machine *m = ctx;
	unsigned src = m->running_pe >= 0 ? (unsigned)m->running_pe : target;

	if (port_call_ok(m, "sgi_raise", SIM_PORT_SGI, target, intid) && src < m->npe &&
	    m->gic.pe[target].banked[intid].group == FZC_G0)
		fzc_set_pending(m, target, intid, true);
}

static void p_participate(void *ctx, unsigned pe, bool on)
{
	if (port_call_ok(ctx, "pe_participate", SIM_PORT_PE, pe, 0))
		fzc_set_participate(ctx, pe, on);
}

/* Explicit dispatch: PMR raised to the class priority (TF-A's EHF), the
 * previous value put back at the end. */
static void p_pri_activate(void *ctx, unsigned pe, enum sdd_priority pri)
{
	struct fzc_machine *m = ctx;
	struct fzc_pe *p;

	if (!port_call_ok(m, "pri_activate", SIM_PORT_PE, pe, 0))
		return;
	p = &m->pe[pe];
	sim_pmr_push(&p->npri, p->saved_pmr, fzc_set_pmr(m, pe, sim_class_priority(pri)));
}

static void p_pri_deactivate(void *ctx, unsigned pe, enum sdd_priority pri)
{
	struct fzc_machine *m = ctx;
	struct fzc_pe *p;
	uint8_t pmr;

	(void)pri;
	if (!port_call_ok(m, "pri_deactivate", SIM_PORT_PE, pe, 0))
		return;
	p = &m->pe[pe];
	if (sim_pmr_pop(&p->npri, p->saved_pmr, &pmr))
		fzc_set_pmr(m, pe, pmr);
}

static bool p_ep_valid(void *ctx, unsigned pe, uint64_t addr)
{
	return port_call_ok(ctx, "ep_valid", SIM_PORT_PE, pe, 0) && sim_ep_valid(addr);
}

/* One PE runs at a time: nothing to wait for, but a taken lock tells the
 * invariant check that the dispatcher's state may have changed; and the
 * lock's discipline is kept account of (port_rules.h). */
static void p_lock(void *ctx)
{
	struct fzc_machine *m = ctx;

	m->core_touched = true;
	lock_fault(m, sim_port_lock_take(&m->lock));
}

static void p_unlock(void *ctx)
{
	struct fzc_machine *m = ctx;
	lock_fault(m, sim_port_lock_release(&m->lock));
}

static void p_fault(void *ctx, int code)
{
	fzc_fail(ctx, SIM_FAIL_DISPATCHER, "the dispatcher detected an interrupt-controller fault (code %d)",
		 code);
}

/* see fz_core_internal.h */
int fzc_init_dispatcher(struct fzc_machine *m, struct sdd *d)
{
	int e;

	m->lock.initialising = true;
	e = sdd_init(d, &m->splat, &m->port, m);
	m->lock.initialising = false;
	return e;
}

const struct sdd_port fzc_port = {
	.irq_is_client_owned = p_client_owned,
	.irq_is_active = p_active,
	.irq_is_pending = p_pending,
	.irq_claim = p_claim,
	.irq_unclaim = p_unclaim,
	.irq_enable = p_enable,
	.irq_set_pending = p_set_pending,
	.irq_route = p_route,
	.irq_eoi = p_eoi,
	.sgi_raise = p_sgi,
	.pe_participate = p_participate,
	.pri_activate = p_pri_activate,
	.pri_deactivate = p_pri_deactivate,
	.ep_valid = p_ep_valid,
	.lock = p_lock,
	.unlock = p_unlock,
	.fault = p_fault,
};
