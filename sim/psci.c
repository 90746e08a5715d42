/*
 * psci.c - the PSCI firmware model on the simulator: the function IDs,
 * and the rules of psci_rules.h applied to the machine (its GIC, its
 * dispatcher, its PEs' contexts).
 */
#include <string.h>

#include "runtime/rt_layout.h"
#include "psci_rules.h"
#include "sim_internal.h"

/* Function IDs, by enum sim_psci_fn (SMC64 where one exists). */
static const uint32_t psci_fids[SIM_PSCI_FN_COUNT] = {
	[SIM_PSCI_VERSION] = 0x84000000,
	[SIM_PSCI_FEATURES] = 0x8400000A,
	[SIM_PSCI_CPU_ON] = 0xC4000003,
	[SIM_PSCI_CPU_OFF] = 0x84000002,
	[SIM_PSCI_CPU_SUSPEND] = 0xC4000001,
	[SIM_PSCI_AFFINITY_INFO] = 0xC4000004,
	[SIM_PSCI_SYSTEM_OFF] = 0x84000008,
	[SIM_PSCI_SYSTEM_RESET] = 0x84000009,
	[SIM_PSCI_CPU_FREEZE] = 0x8400000B,
};

uint32_t sim_psci_fid(unsigned fn)
{
	return fn < SIM_PSCI_FN_COUNT ? psci_fids[fn] : 0;
}

bool sim_psci_leaves_handler(unsigned fn)
{
	/* any target, any power: the functions that stop their caller do so
	 * whatever they are given (a handler runs at depth 1 or more) */
	static const struct sim_psci_view in_handler = { -1, SIM_PE_OFF, 1 };

	return fn < SIM_PSCI_FN_COUNT && sim_psci_decide(psci_fids[fn], 0, 0, &in_handler).stops;
}

static void note_power(struct sim_machine *m, unsigned pe, enum sim_power state)
{
	struct sim_obs o = sim_psci_power_obs(pe, m->pe[pe].power, state);

	m->pe[pe].power = (uint8_t)state;
	sim_observe(m, &o);
}

/* Report the handlers the dispatcher completed implicitly on pe. */
static void note_implicit(struct sim_machine *m, unsigned pe, unsigned n)
{
	for (unsigned k = 0; k < n; k++) {
		struct sim_obs o = sim_obs_implicit(pe, &m->pe[pe].depth, m->pe[pe].disp);
		sim_observe(m, &o);
	}
	m->pe[pe].paused = 0;
}

/* Bring pe up: its redistributor is reset, the firmware-owned interrupts
 * configured again, the dispatcher told (masked, banked interrupts claimed
 * again), and it starts in its main context. */
static void power_on(struct sim_machine *m, unsigned pe)
{
	struct sim_pe *p = &m->pe[pe];

	gic_redist_reset(&m->gic, pe);
	for (unsigned k = 0; k < m->plat.nsecure; k++)
		if (m->plat.secure_intids[k] < 32 && sim_secure_on(&m->plat, k, pe))
			gic_set_group(&m->gic, pe, m->plat.secure_intids[k], GIC_G1S);
	gic_set_sleep(&m->gic, pe, false);
	sdd_pe_on(&m->core, pe);
	memset(p, 0, sizeof *p);
	p->power = SIM_PE_OFF;               /* what note_power reports it came from */
	sim_main_context(m, pe, &p->ctx);
	note_power(m, pe, SIM_PE_ON);
}

/* The calling PE goes off (CPU_OFF) or freezes (CPU_FREEZE). */
static void power_off(struct sim_machine *m, unsigned pe, struct sim_ctx *ctx, enum sim_power state)
{
	struct sdd_regs r;
	unsigned n;

	sim_ctx_to_regs(ctx, &r);
	n = sdd_pe_off(&m->core, pe, &r);
	sim_regs_to_ctx(&r, ctx);
	note_implicit(m, pe, n);
	m->pe[pe].stuck = 0;
	gic_set_sleep(&m->gic, pe, true);
	note_power(m, pe, state);
}

void sim_wake(struct sim_machine *m, unsigned pe)
{
	struct sim_pe *p = &m->pe[pe];
	bool powerdown = p->power == SIM_PE_POWERDOWN;

	if (p->power != SIM_PE_STANDBY && !powerdown)
		return;
	gic_set_sleep(&m->gic, pe, false);
	sdd_pe_wake(&m->core, pe, powerdown);
	if (powerdown)
		sim_main_context(m, pe, &p->ctx);   /* starts again in its main context */
	note_power(m, pe, SIM_PE_ON);
}

/* Each effect of the PSCI rule (psci_rules.h) applied to this machine. */
static void do_power_on(struct sim_machine *m, unsigned pe, struct sim_ctx *ctx, int target,
			const struct sim_psci_answer *a)
{
	(void)pe; (void)ctx; (void)a;
	power_on(m, (unsigned)target);
}

static void do_suspend(struct sim_machine *m, unsigned pe, struct sim_ctx *ctx, int target,
		       const struct sim_psci_answer *a)
{
	(void)target;
	ctx->x[0] = (uint64_t)a->x0;          /* what it returns once woken */
	/* Power-down puts the redistributor to sleep; standby is a WFI (TF-A's
	 * cpu_standby): the CPU interface still takes interrupts, and the PE
	 * stays one the distributor may choose for a 1-of-N SPI. */
	if (a->power == SIM_PE_POWERDOWN)
		gic_set_sleep(&m->gic, pe, true);
	note_power(m, pe, a->power);
}

static void do_power_off(struct sim_machine *m, unsigned pe, struct sim_ctx *ctx, int target,
			 const struct sim_psci_answer *a)
{
	(void)target;
	power_off(m, pe, ctx, a->power);
}

/* SYSTEM_OFF and SYSTEM_RESET: the caller's handlers complete implicitly. */
static void complete_all(struct sim_machine *m, unsigned pe, struct sim_ctx *ctx)
{
	struct sdd_regs r;

	unsigned n;

	sim_ctx_to_regs(ctx, &r);
	n = sdd_pe_complete_all(&m->core, pe, &r);
	sim_regs_to_ctx(&r, ctx);
	note_implicit(m, pe, n);
}

static void do_system_off(struct sim_machine *m, unsigned pe, struct sim_ctx *ctx, int target,
			  const struct sim_psci_answer *a)
{
	(void)target; (void)a;
	complete_all(m, pe, ctx);
	m->system_off = true;
	for (unsigned q = 0; q < m->npe; q++)
		if (m->pe[q].power != SIM_PE_OFF)
			note_power(m, q, SIM_PE_OFF);
}

static void do_system_reset(struct sim_machine *m, unsigned pe, struct sim_ctx *ctx, int target,
			    const struct sim_psci_answer *a)
{
	(void)target; (void)a;
	complete_all(m, pe, ctx);
	sim_machine_reset(m);
}

static void (*const psci_effects[SIM_PSCI_E_COUNT])(struct sim_machine *, unsigned, struct sim_ctx *, int,
						      const struct sim_psci_answer *) = {
	[SIM_PSCI_E_POWER_ON] = do_power_on,
	[SIM_PSCI_E_SUSPEND] = do_suspend,
	[SIM_PSCI_E_POWER_OFF] = do_power_off,
	[SIM_PSCI_E_SYSTEM_OFF] = do_system_off,
	[SIM_PSCI_E_SYSTEM_RESET] = do_system_reset,
};

int64_t sim_psci(struct sim_machine *m, unsigned pe, struct sim_ctx *ctx, bool *stops)
{
	struct sim_psci_view v;
	struct sim_psci_answer a;
	uint32_t fid = (uint32_t)ctx->x[0];

	/* The scheduler asks every PE again.  (Of another PE, a PSCI call
	 * changes today only one that is not ON, which it asks each round
	 * anyway; this keeps the rule simple: code on one PE reaches another
	 * only through the GIC or PSCI.) */
	m->pe_dirty = ~0ull;
	v.target = sim_psci_target(fid, ctx->x[1], m->plat.mpidr, m->npe);
	v.target_power = v.target >= 0 ? m->pe[v.target].power : SIM_PE_OFF;
	v.depth = m->pe[pe].depth;
	a = sim_psci_decide(fid, ctx->x[1], ctx->x[2], &v);
	if (psci_effects[a.effect])
		psci_effects[a.effect](m, pe, ctx, v.target, &a);
	*stops = a.stops;
	return a.x0;
}
