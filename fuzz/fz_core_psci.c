/*
 * fz_core_psci.c - fuzz_core's PSCI firmware and power-up: the
 * simulator's (sim/psci.c, sim/machine.c) on fuzz_core's machine.
 *
 * CPU_ON starts the target in its main context, masked; CPU_SUSPEND parks
 * the caller in standby (context kept) or power-down (main context again
 * when woken), refused with DENIED from inside a handler; CPU_OFF,
 * CPU_FREEZE, SYSTEM_OFF and SYSTEM_RESET made from a handler complete it
 * implicitly first; SYSTEM_RESET builds the machine again.
 */
#include <string.h>

#include "fz_core_internal.h"

#define PSCI_SUCCESS          0
#define PSCI_NOT_SUPPORTED   (-1)
#define PSCI_INVALID_PARAMS  (-2)
#define PSCI_DENIED          (-3)
#define PSCI_ALREADY_ON      (-4)
#define PSCI_VERSION_1_1     0x00010001

bool fzc_power_up(struct fzc_machine *m)
{
	fzc_gic_init(m);
	m->core_touched = true;
	if (sdd_init(m->core, &m->splat, &m->port, m) != SDD_INIT_OK)
		return false;
	for (unsigned pe = 0; pe < m->npe; pe++) {
		memset(&m->pe[pe], 0, sizeof m->pe[pe]);
		fzc_main_context(m, &m->pe[pe].ctx);
		m->pe[pe].power = SIM_PE_ON;
	}
	return true;
}

static int pe_of_mpidr(const struct fzc_machine *m, uint64_t mpidr)
{
	for (unsigned p = 0; p < m->npe; p++)
		if (m->prog->platform.mpidr[p] == (mpidr & 0xFF00FFFFFFull))
			return (int)p;
	return -1;
}

static void note_power(struct fzc_machine *m, unsigned pe, enum sim_power state)
{
	struct sim_obs o;

	memset(&o, 0, sizeof o);
	o.regs[0] = m->pe[pe].power;
	m->pe[pe].power = (uint8_t)state;
	o.kind = SIM_OBS_POWER;
	o.pe = (uint8_t)pe;
	o.status = state;
	fzc_observe(m, &o);
}

/* Report the n handlers the dispatcher completed implicitly on pe. */
static void note_implicit(struct fzc_machine *m, unsigned pe, unsigned n)
{
	struct fzc_pe *p = &m->pe[pe];

	for (unsigned k = 0; k < n; k++) {
		struct sim_obs o;
		memset(&o, 0, sizeof o);
		o.kind = SIM_OBS_COMPLETE;
		o.pe = (uint8_t)pe;
		if (p->depth > 0) {
			p->depth--;
			o.event = p->disp[p->depth].event;
			o.handler = p->disp[p->depth].handler;
			o.intid = p->disp[p->depth].intid;
		}
		o.depth = p->depth;
		o.status = -2;
		fzc_observe(m, &o);
	}
	p->paused = 0;
}

static void take_back(struct sdd_regs *ctx, const struct sdd_regs *r)
{
	memcpy(ctx->x, r->x, sizeof ctx->x);
	ctx->pc = r->pc;
	ctx->pstate = r->pstate;
	ctx->elr_elc = r->elr_elc;
	ctx->spsr_elc = r->spsr_elc;
}

static void power_on(struct fzc_machine *m, unsigned pe)
{
	const struct sim_platform *sp = &m->prog->platform;
	struct fzc_pe *p = &m->pe[pe];

	fzc_redist_reset(m, pe);
	for (unsigned k = 0; k < sp->nsecure; k++)
		if (sp->secure_intids[k] < 32)
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

	take_back(&m->pe[pe].ctx, &r);
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

int64_t fzc_psci(struct fzc_machine *m, unsigned pe, bool from_handler, bool *stops)
{
	struct sdd_regs *ctx = &m->pe[pe].ctx;
	int fn = sim_psci_fn_of_fid((uint32_t)ctx->x[0]);
	int target;

	*stops = false;
	switch (fn) {
	case SIM_PSCI_VERSION:
		return PSCI_VERSION_1_1;
	case SIM_PSCI_FEATURES:
		return sim_psci_fn_of_fid((uint32_t)ctx->x[1]) >= 0 ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
	case SIM_PSCI_CPU_ON:
		target = pe_of_mpidr(m, ctx->x[1]);
		if (target < 0)
			return PSCI_INVALID_PARAMS;
		if (m->pe[target].power != SIM_PE_OFF)
			return PSCI_ALREADY_ON;
		power_on(m, (unsigned)target);
		return PSCI_SUCCESS;
	case SIM_PSCI_AFFINITY_INFO:
		target = pe_of_mpidr(m, ctx->x[1]);
		if (target < 0 || ctx->x[2] != 0)
			return PSCI_INVALID_PARAMS;
		return m->pe[target].power == SIM_PE_OFF ? 1 : 0;
	case SIM_PSCI_CPU_SUSPEND:
		if (from_handler && m->pe[pe].depth > 0)
			return PSCI_DENIED;
		ctx->x[0] = PSCI_SUCCESS;            /* what it returns once woken */
		fzc_set_sleep(m, pe, true);
		note_power(m, pe, (ctx->x[1] >> 16) & 1 ? SIM_PE_POWERDOWN : SIM_PE_STANDBY);
		*stops = true;
		return PSCI_SUCCESS;
	case SIM_PSCI_CPU_OFF:
	case SIM_PSCI_CPU_FREEZE:
		power_off(m, pe, fn == SIM_PSCI_CPU_OFF ? SIM_PE_OFF : SIM_PE_FROZEN);
		*stops = true;
		return PSCI_SUCCESS;
	case SIM_PSCI_SYSTEM_OFF:
	case SIM_PSCI_SYSTEM_RESET: {
		struct sdd_regs r = *ctx;
		unsigned n = sdd_pe_complete_all(m->core, pe, &r);
		take_back(ctx, &r);
		note_implicit(m, pe, n);
		*stops = true;
		if (fn == SIM_PSCI_SYSTEM_OFF) {
			m->system_off = true;
			for (unsigned q = 0; q < m->npe; q++)
				if (m->pe[q].power != SIM_PE_OFF)
					note_power(m, q, SIM_PE_OFF);
		} else {
			system_reset(m);
		}
		return PSCI_SUCCESS;
	}
	default:
		return PSCI_NOT_SUPPORTED;
	}
}
