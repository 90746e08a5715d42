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
#include <stdlib.h>
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
	r[n].size = 0x10000ull * m->npe;
	r[n].addr = RT_USER_BASE + RT_USER_SIZE - r[n].size;
	return n + 1;
}

/* Copy the user memory of m out (save) or back in (!save). */
static bool copy_user(struct sim_machine *m, uint8_t **buf, bool save)
{
	struct sim_range r[SIM_MAX_USER_RANGES + 1];
	unsigned n = user_ranges(m, r);
	size_t total = 0, off = 0;

	for (unsigned k = 0; k < n; k++)
		total += r[k].size;
	if (save) {
		*buf = malloc(total ? total : 1);
		if (*buf == NULL)
			return false;
	}
	for (unsigned k = 0; k < n; k++) {
		int e = save ? sim_cpu_read(m->cpu, r[k].addr, *buf + off, r[k].size)
			     : sim_cpu_write(m->cpu, r[k].addr, *buf + off, r[k].size);
		if (e)
			return false;
		off += r[k].size;
	}
	return true;
}

bool sim_migrate(struct sim_machine *m, struct sim_loc loc)
{
	struct sim_run_opts opts = { m->choice, m->observer, m->slice_budget, m->max_rounds, false };
	size_t n = sdd_save_size(&m->core);
	uint8_t *core = malloc(n ? n : 1);
	struct gic *gic = malloc(sizeof *gic);
	struct sim_pe *pes = malloc(sizeof m->pe);
	struct sim_machine old = *m;           /* scalars, and the pointers it owns */
	uint8_t *user = NULL;
	char err[200];
	struct sim_obs ob;
	int e;

	if (!core || !gic || !pes || sdd_save(&m->core, core, n) != n || !copy_user(m, &user, true)) {
		free(core);
		free(gic);
		free(pes);
		free(user);
		sim_fail(m, SIM_FAIL_MACHINE, loc, "migrate: cannot save the machine");
		return false;
	}
	memcpy(gic, &m->gic, sizeof *gic);
	memcpy(pes, m->pe, sizeof m->pe);

	if (sim_machine_init(m, old.cpu, old.prog, &opts, err, sizeof err)) {
		/* the same program built a machine before: this cannot happen */
		*m = old;
		free(core);
		free(gic);
		free(pes);
		free(user);
		sim_fail(m, SIM_FAIL_MACHINE, loc, "migrate: %s", err);
		return false;
	}
	copy_user(m, &user, false);
	free(user);
	gic_copy(&m->gic, gic);
	memcpy(m->pe, pes, sizeof m->pe);
	e = sdd_load(&m->core, core, n);
	free(core);
	free(gic);
	free(pes);

	/* carry over the run state and the logs (the fresh machine's empty
	 * allocations are replaced by the old ones) */
	sim_machine_free(m);
	m->var_value = old.var_value;
	m->var_set = old.var_set;
	m->entries = old.entries;
	m->nentries = old.nentries;
	m->cap_entries = old.cap_entries;
	m->landings = old.landings;
	m->nlandings = old.nlandings;
	m->cap_landings = old.cap_landings;
	m->step = old.step;
	m->time = old.time;
	m->calls = old.calls;
	m->dispatches = old.dispatches;
	if (e != SDD_LOAD_OK) {
		sim_fail(m, SIM_FAIL_DISPATCHER, loc, "migrate: the dispatcher refused its own saved state (error %d)", e);
		return false;
	}
	memset(&ob, 0, sizeof ob);
	ob.kind = SIM_OBS_MIGRATE;
	ob.pe = SIM_NONE;
	sim_observe(m, &ob);
	return true;
}
