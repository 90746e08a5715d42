/*
 * snapshot.c - migrating a whole machine: everything is saved, a fresh
 * machine is built for the same program on the same CPU, and the state is
 * restored into it.  The dispatcher goes through its own migration
 * interface (sdd_save / sdd_load, which validates what it loads); the GIC
 * model and the machine's records are plain data and are copied.
 *
 * Client memory: the runtime writes none, and handler records are
 * rewritten identically by the fresh machine; user ELF images may write
 * their own segments and the PEs' stacks, so when the program has any,
 * those ranges are carried over.
 */
#include <string.h>

#include "runtime/rt_layout.h"
#include "sim_internal.h"

/* Memory user code may have written: its segments, then the stacks. */
static unsigned user_ranges(const struct sim_machine *m, struct sim_range *r)
{
	unsigned n = 0;

	if (m->nuser == 0)
		return 0;
	for (unsigned k = 0; k < m->nuser; k++)
		r[n++] = m->user[k];
	r[n].size = (uint64_t)RT_STACK_SIZE * m->npe;
	r[n].addr = RT_USER_BASE + RT_USER_SIZE - r[n].size;
	return n + 1;
}

/* Bytes of user memory copy_user moves. */
static size_t user_size(const struct sim_machine *m)
{
	struct sim_range r[SIM_MAX_USER_RANGES + 1];
	unsigned n = user_ranges(m, r);
	size_t total = 0;

	for (unsigned k = 0; k < n; k++)
		total += r[k].size;
	return total;
}

/* Copy the user memory of m out to buf (save) or back in (!save). */
static bool copy_user(struct sim_machine *m, uint8_t *buf, bool save)
{
	struct sim_range r[SIM_MAX_USER_RANGES + 1];
	unsigned n = user_ranges(m, r);
	size_t off = 0;

	for (unsigned k = 0; k < n; k++) {
		int e = save ? sim_cpu_read(m->cpu, r[k].addr, buf + off, r[k].size)
			     : sim_cpu_write(m->cpu, r[k].addr, buf + off, r[k].size);
		if (e)
			return false;
		off += r[k].size;
	}
	return true;
}

/* What a fresh machine is restored from: the GIC model, the machine's
 * first npe PEs (the rest is not state: struct sim_machine), the
 * dispatcher's saved state, user memory.  All in the CPU's scratch buffer,
 * in that order (no allocation per migration: under the sanitizers that
 * was the largest cost of one). */
struct saved {
	struct gic *gic;
	struct sim_pe *pe;
	uint8_t *core;
	size_t ncore;
	uint8_t *user;
};

_Static_assert(sizeof(struct gic) % _Alignof(struct sim_pe) == 0, "the PEs are aligned after the GIC");

static bool save_machine(struct sim_machine *m, struct saved *s)
{
	size_t npe = m->npe * sizeof m->pe[0];
	uint8_t *buf;

	s->ncore = sdd_save_size(&m->core);
	buf = sim_cpu_scratch(m->cpu, sizeof *s->gic + npe + s->ncore + user_size(m));
	if (buf == NULL)
		return false;
	s->gic = (struct gic *)buf;
	s->pe = (struct sim_pe *)(buf + sizeof *s->gic);
	s->core = buf + sizeof *s->gic + npe;
	s->user = s->core + s->ncore;
	if (sdd_save(&m->core, s->core, s->ncore) != s->ncore || !copy_user(m, s->user, true))
		return false;
	s->gic->choice = m->gic.choice;
	gic_copy(s->gic, &m->gic);
	memcpy(s->pe, m->pe, m->npe * sizeof m->pe[0]);
	return true;
}

bool sim_migrate(struct sim_machine *m, struct sim_loc loc)
{
	struct saved s;
	char err[200];
	struct sim_obs ob;
	int e;

	if (!save_machine(m, &s)) {
		sim_fail(m, SIM_FAIL_MACHINE, loc, "migrate: cannot save the machine");
		return false;
	}
	/* The same machine rebuilt fresh, the run so far kept (the GIC and
	 * the PEs are not set up: they are restored below). */
	if (sim_machine_rebuild(m, err, sizeof err)) {
		/* the same program built a machine before: this cannot happen */
		sim_fail(m, SIM_FAIL_MACHINE, loc, "migrate: %s", err);
		return false;
	}
	copy_user(m, s.user, false);
	/* The rebuilt machine's GIC still holds the state saved from it: made
	 * garbage first, so the restored GIC is the saved one's copy alone (a
	 * copy that lost a field would otherwise find it still there). */
	gic_scramble(&m->gic, s.gic);
	gic_copy(&m->gic, s.gic);
	m->gic_checked = false;
	m->core_touched = true;
	memcpy(m->pe, s.pe, m->npe * sizeof m->pe[0]);   /* the same program: the same npe */
	e = sdd_load(&m->core, s.core, s.ncore);
	if (e != SDD_LOAD_OK) {
		sim_fail(m, SIM_FAIL_DISPATCHER, loc, "migrate: the dispatcher refused its own saved state: %s (error %d)",
			 sdd_load_error_name(e), e);
		return false;
	}
	/* one memset call: sim_obs_init's stores are merged into several here */
	memset(&ob, 0, sizeof ob);
	ob.kind = SIM_OBS_MIGRATE;
	ob.pe = SIM_NONE;
	sim_observe(m, &ob);
	return true;
}

/* ---- Digest of the state ---- */

void sim_fnv64(uint64_t *h, const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t k = 0; k < n; k++) {
		*h ^= b[k];
		*h *= 0x100000001B3ull;
	}
}

static void fnv64_u(uint64_t *h, uint64_t v)
{
	uint8_t le[8];

	for (unsigned k = 0; k < 8; k++)
		le[k] = (uint8_t)(v >> (8 * k));
	sim_fnv64(h, le, sizeof le);
}

uint64_t sim_machine_digest(struct sim_machine *m)
{
	uint64_t h = SIM_FNV_BASIS;
	size_t n = sdd_save_size(&m->core), g = gic_encode(&m->gic, NULL, 0);
	uint8_t *buf = sim_cpu_scratch(m->cpu, (n > g ? n : g) + 1);

	if (buf == NULL)
		return 0;
	fnv64_u(&h, sdd_save(&m->core, buf, n));
	sim_fnv64(&h, buf, n);
	fnv64_u(&h, gic_encode(&m->gic, buf, g));
	sim_fnv64(&h, buf, g);
	for (unsigned pe = 0; pe < m->npe; pe++) {
		const struct sim_pe *p = &m->pe[pe];
		const struct sim_ctx *c = &p->ctx;

		fnv64_u(&h, p->power);
		fnv64_u(&h, p->depth);
		fnv64_u(&h, p->paused);
		fnv64_u(&h, p->stuck);
		fnv64_u(&h, p->npri);
		for (unsigned k = 0; k < p->npri && k < 2; k++)
			fnv64_u(&h, p->saved_pmr[k]);
		for (unsigned k = 0; k < 31; k++)
			fnv64_u(&h, c->x[k]);
		fnv64_u(&h, c->sp_el0);
		fnv64_u(&h, c->sp_elc);
		fnv64_u(&h, c->pc);
		fnv64_u(&h, c->pstate);
		fnv64_u(&h, c->elr_elc);
		fnv64_u(&h, c->spsr_elc);
		fnv64_u(&h, c->vbar_elc);
		fnv64_u(&h, c->sctlr_elc);
		fnv64_u(&h, c->hcr_el2);
		fnv64_u(&h, p->hold.armed);
		fnv64_u(&h, p->hold.holding);
		fnv64_u(&h, p->hold.holding ? p->hold.intid : 0);
		fnv64_u(&h, p->nresumed);
		for (unsigned k = 0; k < p->nresumed && k < 4; k++) {
			fnv64_u(&h, p->resumed[k].int_pc);
			fnv64_u(&h, p->resumed[k].int_pstate);
		}
		for (unsigned k = 0; k < p->depth && k < 2; k++) {
			fnv64_u(&h, (uint64_t)(int64_t)p->disp[k].event);
			fnv64_u(&h, (uint64_t)(int64_t)p->disp[k].handler);
			fnv64_u(&h, p->disp[k].intid);
			fnv64_u(&h, p->disp[k].int_pc);
			fnv64_u(&h, p->disp[k].int_pstate);
			sim_fnv64(&h, p->disp[k].int_x, sizeof p->disp[k].int_x);
		}
	}
	for (uint32_t v = 0; v < m->prog->nvars; v++) {
		fnv64_u(&h, m->var_set[v]);
		fnv64_u(&h, m->var_set[v] ? m->var_value[v] : 0);
	}
	return h;
}
