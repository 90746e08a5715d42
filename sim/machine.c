/*
 * machine.c - building a machine, and the dispatcher's port onto it.
 *
 * The port is the only way the core reaches the machine; each operation
 * is one GIC register access (reference/gicv3-ehf.md §1.8 maps them to
 * TF-A's plat_ic_* calls).  SDEI interrupts are Group 0 at the platform's
 * two SDEI priorities (critical 0x60, normal 0x70, as on TF-A's FVP).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/rt_layout.h"
#include "sim_internal.h"
#include "utf8.h"

/* ---- The port ---- */

/* Where a failure found outside any step's own code is reported: the step
 * running, if any. */
static struct sim_loc step_loc(const struct sim_machine *m)
{
	struct sim_loc here = { 0, 0 };
	if (m->prog && m->step < m->prog->nsteps)
		here = m->prog->steps[m->step].loc;
	return here;
}

/* Every operation first holds the dispatcher to sdd_port.h's promises
 * (port_rules.h): its lock held, a PE the platform has, an interrupt its
 * GIC implements.  A broken promise is the dispatcher's fault and the
 * operation does nothing (a query answers false). */
static bool port_call_ok(struct sim_machine *m, const char *op, enum sim_port_arg kind, unsigned pe, uint32_t intid)
{
	char why[256];

	if (sim_port_call_ok(&m->plat, &m->lock, kind, pe, intid))
		return true;
	sim_fail(m, SIM_FAIL_DISPATCHER, step_loc(m), "%s",
		 sim_port_call_problem(&m->plat, &m->lock, op, kind, pe, intid, why, sizeof why));
	return false;
}

/* A lock or unlock that broke the discipline (fault: what it did). */
static void lock_fault(struct sim_machine *m, const char *fault)
{
	char why[200];

	if (fault)
		sim_fail(m, SIM_FAIL_DISPATCHER, step_loc(m), "%s", sim_port_lock_problem(fault, why, sizeof why));
}

static bool p_client_owned(void *ctx, unsigned pe, uint32_t intid)
{
	struct sim_machine *m = ctx;
	if (!port_call_ok(m, "irq_is_client_owned", SIM_PORT_INTID, pe, intid))
		return false;
	return gic_get_group(&m->gic, pe, intid) == GIC_G1NS &&
	       !(intid < GIC_NUM_INTIDS && (m->secure[intid / 64] >> (intid % 64) & 1));
}

static bool p_active(void *ctx, unsigned pe, uint32_t intid)
{
	struct sim_machine *m = ctx;
	return port_call_ok(m, "irq_is_active", SIM_PORT_INTID, pe, intid) && gic_is_active(&m->gic, pe, intid);
}

static bool p_pending(void *ctx, unsigned pe, uint32_t intid)
{
	struct sim_machine *m = ctx;
	return port_call_ok(m, "irq_is_pending", SIM_PORT_INTID, pe, intid) && gic_is_pending(&m->gic, pe, intid);
}

static void p_claim(void *ctx, unsigned pe, uint32_t intid, enum sdd_priority pri)
{
	struct sim_machine *m = ctx;
	if (port_call_ok(m, "irq_claim", SIM_PORT_INTID, pe, intid)) {
		gic_set_irq(&m->gic, pe, intid, GIC_G0, sim_class_priority(pri), false, false);
		sim_note_untrigger(m, pe, intid);
	}
}

static void p_unclaim(void *ctx, unsigned pe, uint32_t intid)
{
	struct sim_machine *m = ctx;
	struct gic *g = &m->gic;

	if (!port_call_ok(m, "irq_unclaim", SIM_PORT_INTID, pe, intid))
		return;
	gic_set_enabled(g, pe, intid, false);
	gic_set_group(g, pe, intid, GIC_G1NS);
	gic_set_priority(g, pe, intid, SIM_PRIO_CLIENT);
}

static void p_enable(void *ctx, unsigned pe, uint32_t intid, bool on)
{
	struct sim_machine *m = ctx;
	if (port_call_ok(m, "irq_enable", SIM_PORT_INTID, pe, intid))
		gic_set_enabled(&m->gic, pe, intid, on);
}

static void p_set_pending(void *ctx, unsigned pe, uint32_t intid, bool on)
{
	struct sim_machine *m = ctx;
	if (!port_call_ok(m, "irq_set_pending", SIM_PORT_INTID, pe, intid))
		return;
	gic_set_pending(&m->gic, pe, intid, on);
	if (on)
		sim_note_trigger(m, pe, intid, false);
	else
		sim_note_untrigger(m, pe, intid);
}

static void p_route(void *ctx, uint32_t intid, bool any, unsigned target)
{
	struct sim_machine *m = ctx;
	if (!port_call_ok(m, "irq_route", SIM_PORT_SPI, any ? SIM_PORT_ANY_PE : target, intid))
		return;
	gic_set_route(&m->gic, intid, any, target < m->plat.pes ? m->plat.mpidr[target] : 0);
	sim_check_route(m, intid, any, target);
}

static void p_eoi(void *ctx, unsigned pe, uint32_t intid)
{
	struct sim_machine *m = ctx;
	if (port_call_ok(m, "irq_eoi", SIM_PORT_INTID, pe, intid))
		gic_eoi0(&m->gic, pe, intid);
}

static void p_sgi(void *ctx, unsigned target, uint32_t intid)
{
	struct sim_machine *m = ctx;
	unsigned src = m->running_pe >= 0 ? (unsigned)m->running_pe : target;

	/* as TF-A's plat_ic_raise_el3_sgi: ICC_SGI0R_EL1 naming the target's
	 * affinity */
	if (!port_call_ok(m, "sgi_raise", SIM_PORT_SGI, target, intid))
		return;
	gic_sgir_write(&m->gic, src, gic_sgir_value(&m->gic, target, intid), GIC_G0);
	sim_note_trigger(m, target, intid, true);
}

static void p_participate(void *ctx, unsigned pe, bool on)
{
	struct sim_machine *m = ctx;
	if (port_call_ok(m, "pe_participate", SIM_PORT_PE, pe, 0))
		gic_set_participate(&m->gic, pe, GIC_G0, on);
}

/* Explicit dispatch: raise PMR to the class priority, as TF-A's EHF does,
 * and put the previous value back at the end. */
static void p_pri_activate(void *ctx, unsigned pe, enum sdd_priority pri)
{
	struct sim_machine *m = ctx;
	struct sim_pe *p;

	if (!port_call_ok(m, "pri_activate", SIM_PORT_PE, pe, 0))
		return;
	p = &m->pe[pe];
	sim_pmr_push(&p->npri, p->saved_pmr, gic_set_pmr(&m->gic, pe, sim_class_priority(pri)));
}

static void p_pri_deactivate(void *ctx, unsigned pe, enum sdd_priority pri)
{
	struct sim_machine *m = ctx;
	struct sim_pe *p;
	uint8_t pmr;

	(void)pri;
	if (!port_call_ok(m, "pri_deactivate", SIM_PORT_PE, pe, 0))
		return;
	p = &m->pe[pe];
	if (sim_pmr_pop(&p->npri, p->saved_pmr, &pmr))
		gic_set_pmr(&m->gic, pe, pmr);
}

static bool p_ep_valid(void *ctx, unsigned pe, uint64_t addr)
{
	return port_call_ok(ctx, "ep_valid", SIM_PORT_PE, pe, 0) && sim_ep_valid(addr);
}

/* One PE runs at a time: nothing to wait for.  But every operation on
 * the dispatcher's state takes the lock (sdd_port.h), so it tells the
 * invariant checker that the state may have changed; and the lock's
 * discipline is kept account of. */
static void p_lock(void *ctx)
{
	struct sim_machine *m = ctx;

	m->core_touched = true;
	lock_fault(m, sim_port_lock_take(&m->lock));
}

static void p_unlock(void *ctx)
{
	struct sim_machine *m = ctx;
	lock_fault(m, sim_port_lock_release(&m->lock));
}

static void p_fault(void *ctx, int code)
{
	struct sim_machine *m = ctx;
	sim_fail(m, SIM_FAIL_DISPATCHER, step_loc(m), "the dispatcher detected an interrupt-controller fault (code %d)",
		 code);
}

static const struct sdd_port machine_port = {
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

/* ---- Contexts ---- */

/* see program.h */
uint64_t sim_main_pstate(const struct sim_platform *p)
{
	return p->client_el == 2 ? SDD_PSTATE_M_EL2H : SDD_PSTATE_M_EL1H;
}

/* sim_main_context's registers that are not zero, ctx being zeroed. */
static void main_context_of_zero(const struct sim_machine *m, unsigned pe, struct sim_ctx *ctx)
{
	ctx->pc = RT_MAIN_IDLE;
	ctx->pstate = sim_main_pstate(&m->plat);
	/* each PE gets a 64 KiB stack at the top of the user area */
	ctx->sp_elc = RT_USER_BASE + RT_USER_SIZE - (uint64_t)RT_STACK_SIZE * pe;
	ctx->vbar_elc = RT_VECTORS;
	ctx->sctlr_elc = m->plat.sctlr_elc;
	ctx->hcr_el2 = m->plat.hcr_el2;
}

void sim_main_context(const struct sim_machine *m, unsigned pe, struct sim_ctx *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	main_context_of_zero(m, pe, ctx);
}

/* Register by register, here and below: a memcpy is a call the sanitizers
 * intercept, and these run on every call and every interrupt taken. */
void sim_ctx_to_regs(const struct sim_ctx *restrict c, struct sdd_regs *restrict r)
{
	for (unsigned k = 0; k < SDD_CONTEXT_REGS; k++)
		r->x[k] = c->x[k];
	r->pc = c->pc;
	r->pstate = c->pstate;
	r->elr_elc = c->elr_elc;
	r->spsr_elc = c->spsr_elc;
	r->vbar_elc = c->vbar_elc;
	r->sctlr_elc = c->sctlr_elc;
	r->hcr_el2 = c->hcr_el2;
	r->secure = 0;                   /* a call from Secure state says so itself (sim_caller) */
}

void sim_regs_to_ctx(const struct sdd_regs *restrict r, struct sim_ctx *restrict c)
{
	for (unsigned k = 0; k < SDD_CONTEXT_REGS; k++)
		c->x[k] = r->x[k];
	c->pc = r->pc;
	c->pstate = r->pstate;
	c->elr_elc = r->elr_elc;
	c->spsr_elc = r->spsr_elc;
}

/* ---- Failures, observations, choices ---- */

void sim_fail(struct sim_machine *m, unsigned kind, struct sim_loc loc, const char *fmt, ...)
{
	va_list ap;
	struct sim_obs o;

	if (m->failed)
		return;
	m->failed = true;
	m->fail_kind = (uint8_t)kind;
	m->fail_loc = loc;
	va_start(ap, fmt);
	sim_utf8_vformat(m->fail_msg, sizeof m->fail_msg, fmt, ap);
	va_end(ap);
	sim_obs_fail_in(&o, m->running_pe, m->fail_msg);
	sim_observe(m, &o);
}

void sim_fail_own(struct sim_machine *m, const char *part, struct sim_loc loc, const char *fmt, ...)
{
	char what[sizeof m->fail_msg];
	va_list ap;

	if (m->failed)
		return;
	va_start(ap, fmt);
	sim_utf8_vformat(what, sizeof what, fmt, ap);
	va_end(ap);
	sim_fail(m, SIM_FAIL_SIMULATOR, loc, "the simulator's own fault (%s), not the dispatcher's - "
		 "please report it to sdeisim: %s", part, what);
}

void sim_step_refused(struct sim_machine *m, unsigned pe, struct sim_loc loc, const char *fmt, ...)
{
	char why[sizeof m->fail_msg];
	struct sim_obs o;
	va_list ap;

	va_start(ap, fmt);
	sim_utf8_vformat(why, sizeof why, fmt, ap);
	va_end(ap);
	if (!m->prog->lenient) {
		sim_fail(m, SIM_FAIL_SCENARIO, loc, "%s", why);
		return;
	}
	sim_obs_skip_in(&o, pe, why);
	sim_observe(m, &o);
}

void sim_observe(struct sim_machine *m, struct sim_obs *o)
{
	o->time = ++m->time;
	o->step = m->step;
	if (m->observer.obs)
		m->observer.obs(m->observer.ctx, o);
}

unsigned sim_pick(struct sim_machine *m, unsigned kind, unsigned n)
{
	unsigned k;

	if (n <= 1 || m->choice.pick == NULL)
		return 0;
	k = m->choice.pick(m->choice.ctx, kind, n);
	return k < n ? k : k % n;
}

static unsigned gic_pick(void *ctx, uint32_t intid, const uint8_t *pes, unsigned n)
{
	struct sim_machine *m = ctx;

	if (m->choice.pick_spi)
		return m->choice.pick_spi(m->choice.ctx, intid, pes, n);
	return sim_pick(m, SIM_CHOICE_1OFN, n);
}

static unsigned gic_pick_wake(void *ctx, uint32_t intid, const uint8_t *pes, unsigned n)
{
	(void)intid;
	(void)pes;
	return sim_pick(ctx, SIM_CHOICE_WAKE, n);
}

static unsigned gic_pick_tie(void *ctx, unsigned pe, const uint16_t *intids, unsigned n)
{
	struct sim_machine *m = ctx;

	if (m->choice.pick_tie)
		return m->choice.pick_tie(m->choice.ctx, pe, intids, n);
	return sim_pick(m, SIM_CHOICE_TIE, n);
}

/* ---- Building ---- */

/* The dispatcher's GIC writes while a migration's fresh machine is built:
 * dropped, since the restored GIC replaces everything they would write. */
static void drop_claim(void *ctx, unsigned pe, uint32_t intid, enum sdd_priority pri)
{
	(void)ctx;
	(void)pe;
	(void)intid;
	(void)pri;
}

static void drop_participate(void *ctx, unsigned pe, bool on)
{
	(void)ctx;
	(void)pe;
	(void)on;
}

/* The parts that SYSTEM_RESET puts back: GIC, dispatcher, PEs.  For a
 * migration (restoring) the GIC and the PEs are left as they are, and so
 * is the GIC through the port while the dispatcher is initialised: the
 * caller restores all three from the saved machine right after, and
 * setting them up first was a fifth of what a migration cost. */
static int power_up(struct sim_machine *m, bool restoring, char *err, size_t errlen)
{
	struct gic_choice gc = { gic_pick, m, gic_pick_wake, gic_pick_tie };
	int e;

	m->gic_checked = false;
	m->core_touched = true;
	m->pe_dirty = ~0ull;             /* the scheduler asks every PE again */
	if (restoring) {
		/* The port operations sdd_init makes.  Any other it came to make
		 * would write to the old GIC, which is replaced as well. */
		m->port.irq_claim = drop_claim;
		m->port.pe_participate = drop_participate;
	} else {
		gic_init(&m->gic, m->npe, m->plat.mpidr, m->plat.spis, &gc);
		sim_triggers_reset(m);
		/* Firmware-owned interrupts the client may not bind: Secure Group 1. */
		for (unsigned k = 0; k < m->plat.nsecure; k++) {
			uint32_t id = m->plat.secure_intids[k];
			for (unsigned pe = 0; pe < (id < 32 ? m->npe : 1); pe++)
				if (sim_secure_on(&m->plat, k, pe))
					gic_set_group(&m->gic, pe, id, GIC_G1S);
		}
		/* The PEs first, so that no port operation sdd_init makes can
		 * see what a previous run (or, on a reset, this one) left in them. */
		for (unsigned pe = 0; pe < m->npe; pe++) {
			memset(&m->pe[pe], 0, sizeof m->pe[pe]);
			main_context_of_zero(m, pe, &m->pe[pe].ctx);
			m->pe[pe].power = SIM_PE_ON;
		}
	}
	m->lock.held = false;           /* what a run before left is not this run's */
	m->lock.initialising = true;
	e = sdd_init(&m->core, &m->splat, &m->port, m);
	m->lock.initialising = false;
	m->port = machine_port;
	if (e != SDD_INIT_OK) {
		snprintf(err, errlen, "the dispatcher refuses this platform: %s", sdd_init_error_name(e));
		return -1;
	}
	return 0;
}

/* Not the whole machine: see struct sim_machine for who sets up the
 * parts sized for the largest platform. */
static void clear_machine_state(struct sim_machine *m)
{
	memset(&m->nrecs, 0, offsetof(struct sim_machine, pe) - offsetof(struct sim_machine, nrecs));
	m->running_pe = -1;
}

/* What a machine is built from once it is configured: the firmware-owned
 * interrupts, the GIC, the dispatcher and the PEs, the handlers. */
static int populate(struct sim_machine *m, bool restoring, char *err, size_t errlen)
{
	/* On some PEs only: the group says so, PE by PE. */
	for (unsigned k = 0; k < m->plat.nsecure; k++)
		if (m->plat.secure_intids[k] < GIC_NUM_INTIDS && !m->plat.secure_pes[k])
			m->secure[m->plat.secure_intids[k] / 64] |= 1ull << (m->plat.secure_intids[k] % 64);
	if (power_up(m, restoring, err, errlen) || sim_handlers_load(m, err, errlen))
		return -1;
	return 0;
}

/* A fresh machine for prog, the run so far (step, time, counters,
 * variables, logs) left as it is.  0, or -1 with a message in err. */
static int build(struct sim_machine *m, struct sim_cpu *cpu, const struct sim_program *prog,
		 const struct sim_run_opts *opts, char *err, size_t errlen)
{
	static const struct sim_run_opts none;
	int e;

	clear_machine_state(m);
	if (!opts)
		opts = &none;
	m->cpu = cpu;
	m->prog = prog;
	m->plat = prog->platform;
	m->npe = 0;
	m->port = machine_port;
	m->choice = opts->choice;
	m->observer = opts->observer;
	m->slice_budget = opts->slice_budget ? opts->slice_budget : 1000000;
	m->max_rounds = opts->max_rounds ? opts->max_rounds : 100000;
	m->skip_invariants = opts->skip_invariants;
	if (opts->splat)
		m->splat = *opts->splat;
	else if ((e = sim_platform_to_sdd(&m->plat, &m->splat)) != SDD_INIT_OK) {
		snprintf(err, errlen, "the dispatcher refuses this platform: %s", sdd_init_error_name(e));
		return -1;
	}
	if (m->plat.spis > GIC_MAX_SPIS) {
		snprintf(err, errlen, "too many SPIs (%u, at most %u)", m->plat.spis, GIC_MAX_SPIS);
		return -1;
	}
	m->npe = m->plat.pes;
	return populate(m, false, err, errlen);
}

int sim_machine_rebuild(struct sim_machine *m, char *err, size_t errlen)
{
	clear_machine_state(m);
	return populate(m, true, err, errlen);
}

static bool has_elf_handlers(const struct sim_program *prog)
{
	for (uint32_t k = 0; k < prog->nhandlers; k++)
		if (prog->handlers[k].kind == SIM_H_ELF)
			return true;
	return false;
}

int sim_machine_init(struct sim_machine *m, struct sim_cpu *cpu, const struct sim_program *prog,
		     const struct sim_run_opts *opts, char *err, size_t errlen)
{
	size_t n = prog->nvars ? prog->nvars : 1;

	m->step = 0;
	m->time = 0;
	m->calls = m->dispatches = 0;
	m->nentries = m->nlandings = 0;
	m->cap_entries = m->cap_landings = 0;     /* the logs take their buffers when they grow */
	m->var_value = sim_cpu_buffer(cpu, SIM_BUF_VAR_VALUE, n * sizeof *m->var_value, NULL);
	m->var_set = sim_cpu_buffer(cpu, SIM_BUF_VAR_SET, n * sizeof *m->var_set, NULL);
	if (!m->var_value || !m->var_set) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memset(m->var_value, 0, n * sizeof *m->var_value);
	memset(m->var_set, 0, n * sizeof *m->var_set);
	m->ran = NULL;
	if (!opts || !opts->no_notes) {
		size_t nran = (size_t)prog->nactions + prog->nhandlers + 1;

		m->ran = sim_cpu_buffer(cpu, SIM_BUF_RAN, nran, NULL);
		if (!m->ran) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		memset(m->ran, 0, nran);
	}
	if (sim_cpu_make_fresh(cpu, has_elf_handlers(prog))) {
		snprintf(err, errlen, "cannot restore the client memory");
		return -1;
	}
	return build(m, cpu, prog, opts, err, errlen);
}

void *sim_log_room(struct sim_machine *m, enum sim_cpu_buf b, void *log, uint32_t n, uint32_t *cap, size_t size)
{
	size_t have;
	void *p;

	if (n < *cap)
		return log;
	p = sim_cpu_buffer(m->cpu, b, (size_t)(n ? 2 * n : 32) * size, &have);
	if (p == NULL)
		return NULL;
	*cap = have / size < UINT32_MAX ? (uint32_t)(have / size) : UINT32_MAX;
	return p;
}

void sim_machine_reset(struct sim_machine *m)
{
	char err[200];

	m->resets++;
	/* The description was accepted once, so it is accepted again. */
	if (power_up(m, false, err, sizeof err))
		sim_fail(m, SIM_FAIL_MACHINE, m->prog->steps[m->step].loc, "SYSTEM_RESET: %s", err);
	{
		struct sim_obs o;
		sim_obs_init(&o, SIM_OBS_RESET, SIM_NONE);
		sim_observe(m, &o);
	}
}
