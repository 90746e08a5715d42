/*
 * fz_core_psci.c - fuzz_core's PSCI firmware and power-up: the rules of
 * sim/psci_rules.h (the simulator's) applied to fuzz_core's machine;
 * SYSTEM_RESET builds the machine again.
 */
#include <string.h>

#include "fz_core_internal.h"
#include "psci_rules.h"

bool fzc_power_up(struct fzc_machine *m)
{
	fzc_gic_init(m);
	m->core_touched = true;
	m->lock.held = false;            /* what a run before left is not this run's */
	if (fzc_init_dispatcher(m, m->core) != SDD_INIT_OK)
		return false;
	for (unsigned pe = 0; pe < m->npe; pe++) {
		memset(&m->pe[pe], 0, sizeof m->pe[pe]);
		fzc_main_context(m, &m->pe[pe].ctx);
		m->pe[pe].power = SIM_PE_ON;
	}
	return true;
}

static void note_power(struct fzc_machine *m, unsigned pe, enum sim_power state)
{
	struct sim_obs o = sim_psci_power_obs(pe, m->pe[pe].power, state);

	m->pe[pe].power = (uint8_t)state;
	fzc_observe(m, &o);
}

/* Report the n handlers the dispatcher completed implicitly on pe. */
static void note_implicit(struct fzc_machine *m, unsigned pe, unsigned n)
{
	for (unsigned k = 0; k < n; k++) {
		struct sim_obs o = sim_obs_implicit(pe, &m->pe[pe].depth, m->pe[pe].disp);
		fzc_observe(m, &o);
	}
	m->pe[pe].paused = 0;
}

static void power_on(struct fzc_machine *m, unsigned pe)
{
	const struct sim_platform *sp = &m->prog->platform;
	struct fzc_pe *p = &m->pe[pe];

	fzc_redist_reset(m, pe);
	for (unsigned k = 0; k < sp->nsecure; k++)
		if (sp->secure_intids[k] < 32 && sim_secure_on(sp, k, pe))
			fzc_set_group(m, pe, sp->secure_intids[k], FZC_G1S);
	fzc_set_sleep(m, pe, false);
	sdd_pe_on(m->core, pe);
	memset(p, 0, sizeof *p);
	p->power = SIM_PE_OFF;               /* what note_power reports it came from */
	fzc_main_context(m, &p->ctx);
	note_power(m, pe, SIM_PE_ON);
}

static void power_off(struct fzc_machine *m, unsigned pe, enum sim_power state)
{
	struct sdd_regs r = m->pe[pe].ctx;
	unsigned n = sdd_pe_off(m->core, pe, &r);

	fzc_take_regs(&m->pe[pe].ctx, &r);
	note_implicit(m, pe, n);
	fzc_set_sleep(m, pe, true);
	note_power(m, pe, state);
}

void fzc_wake(struct fzc_machine *m, unsigned pe)
{
	struct fzc_pe *p = &m->pe[pe];
	bool powerdown = p->power == SIM_PE_POWERDOWN;

	if (p->power != SIM_PE_STANDBY && !powerdown)
		return;
	fzc_set_sleep(m, pe, false);
	sdd_pe_wake(m->core, pe, powerdown);
	if (powerdown)
		fzc_main_context(m, &p->ctx);
	note_power(m, pe, SIM_PE_ON);
}

static void system_reset(struct fzc_machine *m)
{
	struct sim_obs o;

	m->resets++;
	/* The description was accepted once, so it is accepted again. */
	if (!fzc_power_up(m))
		fzc_fail(m, SIM_FAIL_MACHINE, "SYSTEM_RESET: the dispatcher refuses the platform");
	memset(&o, 0, sizeof o);
	o.kind = SIM_OBS_RESET;
	o.pe = SIM_NONE;
	fzc_observe(m, &o);
}

/* Each effect of the PSCI rule (sim/psci_rules.h) applied to this machine. */
static void do_power_on(struct fzc_machine *m, unsigned pe, int target, const struct sim_psci_answer *a)
{
	(void)pe; (void)a;
	power_on(m, (unsigned)target);
}

static void do_suspend(struct fzc_machine *m, unsigned pe, int target, const struct sim_psci_answer *a)
{
	(void)target;
	m->pe[pe].ctx.x[0] = (uint64_t)a->x0;  /* what it returns once woken */
	if (a->power == SIM_PE_POWERDOWN)      /* standby: a WFI, the redistributor awake (sim/psci.c) */
		fzc_set_sleep(m, pe, true);
	note_power(m, pe, a->power);
}

static void do_power_off(struct fzc_machine *m, unsigned pe, int target, const struct sim_psci_answer *a)
{
	(void)target;
	power_off(m, pe, a->power);
}

/* SYSTEM_OFF and SYSTEM_RESET: the caller's handlers complete implicitly. */
static void complete_all(struct fzc_machine *m, unsigned pe)
{
	struct sdd_regs r = m->pe[pe].ctx;
	unsigned n = sdd_pe_complete_all(m->core, pe, &r);

	fzc_take_regs(&m->pe[pe].ctx, &r);
	note_implicit(m, pe, n);
}

static void do_system_off(struct fzc_machine *m, unsigned pe, int target, const struct sim_psci_answer *a)
{
	(void)target; (void)a;
	complete_all(m, pe);
	m->system_off = true;
	for (unsigned q = 0; q < m->npe; q++)
		if (m->pe[q].power != SIM_PE_OFF)
			note_power(m, q, SIM_PE_OFF);
}

static void do_system_reset(struct fzc_machine *m, unsigned pe, int target, const struct sim_psci_answer *a)
{
	(void)target; (void)a;
	complete_all(m, pe);
	system_reset(m);
}

static void (*const psci_effects[SIM_PSCI_E_COUNT])(struct fzc_machine *, unsigned, int,
						      const struct sim_psci_answer *) = {
	[SIM_PSCI_E_POWER_ON] = do_power_on,
	[SIM_PSCI_E_SUSPEND] = do_suspend,
	[SIM_PSCI_E_POWER_OFF] = do_power_off,
	[SIM_PSCI_E_SYSTEM_OFF] = do_system_off,
	[SIM_PSCI_E_SYSTEM_RESET] = do_system_reset,
};

int64_t fzc_psci(struct fzc_machine *m, unsigned pe, bool *stops)
{
	const struct sdd_regs *ctx = &m->pe[pe].ctx;
	struct sim_psci_view v;
	struct sim_psci_answer a;
	uint32_t fid = (uint32_t)ctx->x[0];

	v.target = sim_psci_target(fid, ctx->x[1], m->prog->platform.mpidr, m->npe);
	v.target_power = v.target >= 0 ? m->pe[v.target].power : SIM_PE_OFF;
	v.depth = m->pe[pe].depth;
	a = sim_psci_decide(fid, ctx->x[1], ctx->x[2], &v);
	if (psci_effects[a.effect])
		psci_effects[a.effect](m, pe, v.target, &a);
	*stops = a.stops;
	return a.x0;
}
