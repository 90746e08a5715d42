/*
 * psci.c - the PSCI firmware model (PSCI 1.1, the functions SDEI depends
 * on: DEN0054C §6.5 lists what must work from inside a handler).
 *
 * Power semantics (contract/scenario-v1.md): CPU_ON starts the target in
 * its main context, masked; a PE suspended in standby keeps its context
 * and mask and continues after the CPU_SUSPEND call when woken; one
 * suspended in power-down keeps its registrations and starts again in its
 * main context, masked.  CPU_OFF, CPU_FREEZE, SYSTEM_OFF and SYSTEM_RESET
 * made from a handler complete it implicitly first.  CPU_SUSPEND from a
 * handler is refused with DENIED (an IMPLEMENTATION DEFINED choice: the
 * handler must complete first).
 */
#include <string.h>

#include "runtime/rt_layout.h"
#include "sim_internal.h"

#define PSCI_SUCCESS            0
#define PSCI_NOT_SUPPORTED     (-1)
#define PSCI_INVALID_PARAMS    (-2)
#define PSCI_DENIED            (-3)
#define PSCI_ALREADY_ON        (-4)

#define PSCI_VERSION_1_1       0x00010001

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

bool sim_is_psci_fid(uint32_t fid)
{
	return (fid & 0xBFFFFFE0u) == 0x84000000u;
}

uint32_t sim_psci_fid(unsigned fn)
{
	return fn < SIM_PSCI_FN_COUNT ? psci_fids[fn] : 0;
}

/* The function a fid names, accepting the SMC32 and SMC64 forms of the
 * functions that have both; -1 if not implemented. */
static int psci_fn_of(uint32_t fid)
{
	for (int fn = 0; fn < SIM_PSCI_FN_COUNT; fn++)
		if (fid == psci_fids[fn] || (fid | 0x40000000u) == psci_fids[fn])
			return fn;
	return -1;
}

static int pe_of_mpidr(const struct sim_machine *m, uint64_t mpidr)
{
	for (unsigned p = 0; p < m->npe; p++)
		if (m->plat.mpidr[p] == (mpidr & 0xFF00FFFFFFull))
			return (int)p;
	return -1;
}

static void note_power(struct sim_machine *m, unsigned pe, enum sim_power state)
{
	struct sim_obs o;

	memset(&o, 0, sizeof o);
	o.regs[0] = m->pe[pe].power;
	m->pe[pe].power = (uint8_t)state;
	o.kind = SIM_OBS_POWER;
	o.pe = (uint8_t)pe;
	o.status = state;
	sim_observe(m, &o);
}

/* Report the handlers the dispatcher completed implicitly on pe. */
static void note_implicit(struct sim_machine *m, unsigned pe, unsigned n)
{
	for (unsigned k = 0; k < n; k++) {
		struct sim_pe *p = &m->pe[pe];
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
		if (m->plat.secure_intids[k] < 32)
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

int64_t sim_psci(struct sim_machine *m, unsigned pe, struct sim_ctx *ctx, bool from_handler,
		 bool *stops)
{
	uint32_t fid = (uint32_t)ctx->x[0];
	int target;

	*stops = false;
	switch (psci_fn_of(fid)) {
	case SIM_PSCI_VERSION:
		return PSCI_VERSION_1_1;
	case SIM_PSCI_FEATURES:
		return psci_fn_of((uint32_t)ctx->x[1]) >= 0 ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
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
		ctx->x[0] = PSCI_SUCCESS;             /* what it returns once woken */
		gic_set_sleep(&m->gic, pe, true);
		note_power(m, pe, (ctx->x[1] >> 16) & 1 ? SIM_PE_POWERDOWN : SIM_PE_STANDBY);
		*stops = true;
		return PSCI_SUCCESS;
	case SIM_PSCI_CPU_OFF:
		power_off(m, pe, ctx, SIM_PE_OFF);
		*stops = true;
		return PSCI_SUCCESS;
	case SIM_PSCI_CPU_FREEZE:
		power_off(m, pe, ctx, SIM_PE_FROZEN);
		*stops = true;
		return PSCI_SUCCESS;
	case SIM_PSCI_SYSTEM_OFF:
	case SIM_PSCI_SYSTEM_RESET: {
		struct sdd_regs r;
		unsigned n;
		sim_ctx_to_regs(ctx, &r);
		n = sdd_pe_complete_all(&m->core, pe, &r);
		sim_regs_to_ctx(&r, ctx);
		note_implicit(m, pe, n);
		*stops = true;
		if (psci_fn_of(fid) == SIM_PSCI_SYSTEM_OFF) {
			m->system_off = true;
			for (unsigned q = 0; q < m->npe; q++)
				if (m->pe[q].power != SIM_PE_OFF)
					note_power(m, q, SIM_PE_OFF);
		} else {
			sim_machine_reset(m);
		}
		return PSCI_SUCCESS;
	}
	default:
		return PSCI_NOT_SUPPORTED;
	}
}
