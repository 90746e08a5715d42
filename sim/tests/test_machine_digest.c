/*
 * test_machine_digest.c - the final-state digest (sim_machine_digest)
 * sees each part of the state it hashes, and nothing that is not state.
 * It is the oracle of migration (fuzz_migrate, scn.migrate_every_step,
 * sim.machine_platform compare a migrated run's digest with the
 * unmigrated one's): a field it does not hash is a field a migration may
 * lose unseen, and one it hashes that is not state (a slot past its
 * count, a derived cache) tells two runs in the same state apart.  Both
 * runs of such a comparison hash the same way, so no run can show either
 * - only a machine changed one field at a time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mt.h"
#include "sim_internal.h"

static struct pb b;   /* the settled machine's program (m->prog) */

/* PE 0 runs EV_NORM's handler and, nested over it, EV_CRIT's, both paused
 * by a yield; a variable saved.  Every count whose slots the digest reads
 * is then set to its most (PE 0 holds an interrupt, has two priority
 * activations and four handlers resumed by COMPLETE_AND_RESUME): the
 * digest is a function of the fields alone, whatever their sense. */
static struct sim_machine *settled(void)
{
	struct sim_machine *m;
	int h;

	pb_init(&b);
	mt_setup_platform(&b);
	h = mt_pausing_handler(&b);
	pb_register(&b, 0, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_register(&b, 0, EV_CRIT, h, 0, 0, V(0));
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_CRIT));
	pb_call0(&b, 0, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 0, 22);
	pb_interrupt(&b, 0, 23);
	pb_call1(&b, 1, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_save(&b, "status");
	pb_call1(&b, 2, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_save(&b, "status2");
	mt_assert_passes(&b);
	m = sim_cpu_workspace(mt_cpu, sizeof *m);
	assert_int_equal(m->pe[0].depth, 2);
	assert_int_equal(m->prog->nvars, 2);
	assert_true(m->var_set[0] && m->var_set[1]);
	m->pe[0].npri = 2;
	m->pe[0].nresumed = 4;
	m->pe[0].hold.holding = 1;
	m->pe[0].hold.intid = 22;
	return m;
}

/* A call to the dispatcher from PE 1's main context; its x0. */
static uint64_t core_call(struct sim_machine *m, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct sdd_regs r;

	sim_ctx_to_regs(&m->pe[1].ctx, &r);
	r.x[0] = fid;
	r.x[1] = a1;
	r.x[2] = a2;
	r.x[3] = a3;
	r.x[4] = r.x[5] = 0;
	sdd_call(&m->core, 1, &r, NULL);
	return r.x[0];
}

/* PE 1's EV_NORM registered (again, when again) with arg, its entry
 * point PE 1's main context (client code). */
static void reregister(struct sim_machine *m, uint64_t arg, bool again)
{
	if (again)
		assert_int_equal(core_call(m, SDD_FID_EVENT_UNREGISTER, EV_NORM, 0, 0), 0);
	assert_int_equal(core_call(m, SDD_FID_EVENT_REGISTER, EV_NORM, m->pe[1].ctx.pc, arg), 0);
}

/* Flip bit `bit` of byte `at` of the field at p: does the digest change?
 * The field is put back, and the digest with it. */
static bool digest_sees_bit(struct sim_machine *m, uint8_t *p, size_t at, unsigned bit)
{
	uint64_t before = sim_machine_digest(m), after;

	p[at] ^= (uint8_t)(1u << bit);
	after = sim_machine_digest(m);
	p[at] ^= (uint8_t)(1u << bit);
	assert_true(sim_machine_digest(m) == before);
	return after != before;
}

/* Does it see the field's lowest bit and its highest (each alone)? */
static bool digest_sees(struct sim_machine *m, void *p, size_t size)
{
	return digest_sees_bit(m, p, 0, 0) && digest_sees_bit(m, p, size - 1, 7);
}

/* Does it see any bit of the field? */
static bool digest_sees_any(struct sim_machine *m, void *p, size_t size)
{
	for (size_t k = 0; k < size * 8; k++)
		if (digest_sees_bit(m, p, k / 8, k % 8))
			return true;
	return false;
}

#define SEEN(f)   do { if (!digest_sees(m, &(f), sizeof(f))) fail_msg("the digest does not see " #f); } while (0)
#define UNSEEN(f) do { if (digest_sees_any(m, &(f), sizeof(f))) fail_msg("the digest sees " #f ", which is not state"); } while (0)

static void the_digest_sees_every_field_of_the_state(void **state)
{
	struct sim_machine *m = settled();
	struct sim_pe *p = &m->pe[0], *last = &m->pe[m->npe - 1];
	uint64_t before = sim_machine_digest(m), epoch;
	size_t size;
	(void)state;

	/* the GIC, through its canonical form: an SGI latched on PE 1 */
	gic_set_pending(&m->gic, 1, 5, true);
	assert_true(sim_machine_digest(m) != before);
	gic_set_pending(&m->gic, 1, 5, false);
	assert_true(sim_machine_digest(m) == before);
	/* the dispatcher, through its saved state alone: PE 1's registration
	 * of EV_NORM given another argument (the saved state's size the same,
	 * no port operation: the GIC is not changed) */
	reregister(m, 0, false);
	before = sim_machine_digest(m);
	epoch = m->gic.epoch;
	size = sdd_save_size(&m->core);
	reregister(m, 0x1234, true);
	assert_true(sdd_save_size(&m->core) == size && m->gic.epoch == epoch);
	assert_true(sim_machine_digest(m) != before);
	reregister(m, 0, true);
	assert_true(sim_machine_digest(m) == before);
	/* two registers' values swapped: the same bytes, in other places */
	p->ctx.x[1] = 0x1111;
	p->ctx.x[2] = 0x2222;
	before = sim_machine_digest(m);
	p->ctx.x[1] = 0x2222;
	p->ctx.x[2] = 0x1111;
	assert_true(sim_machine_digest(m) != before);
	SEEN(p->power);
	SEEN(p->depth);
	SEEN(p->paused);
	SEEN(p->stuck);
	SEEN(p->npri);
	SEEN(p->saved_pmr[0]);
	SEEN(p->saved_pmr[1]);
	SEEN(p->ctx.x[0]);
	SEEN(p->ctx.x[30]);
	SEEN(p->ctx.sp_el0);
	SEEN(p->ctx.sp_elc);
	SEEN(p->ctx.pc);
	SEEN(p->ctx.pstate);
	SEEN(p->ctx.elr_elc);
	SEEN(p->ctx.spsr_elc);
	SEEN(p->ctx.vbar_elc);
	SEEN(p->ctx.sctlr_elc);
	SEEN(p->ctx.hcr_el2);
	SEEN(p->hold.armed);
	SEEN(p->hold.holding);
	SEEN(p->hold.intid);
	SEEN(p->nresumed);
	for (unsigned k = 0; k < 4; k++) {
		SEEN(p->resumed[k].int_pc);
		SEEN(p->resumed[k].int_pstate);
	}
	for (unsigned k = 0; k < 2; k++) {
		SEEN(p->disp[k].event);
		SEEN(p->disp[k].handler);
		SEEN(p->disp[k].intid);
		SEEN(p->disp[k].int_pc);
		SEEN(p->disp[k].int_pstate);
		SEEN(p->disp[k].int_x[0]);
		SEEN(p->disp[k].int_x[SDD_CONTEXT_REGS - 1]);
	}
	SEEN(last->power);                    /* every PE, to the last */
	SEEN(last->ctx.pc);
	SEEN(m->var_set[0]);
	SEEN(m->var_value[0]);
	SEEN(m->var_set[1]);                  /* every variable, to the last */
	SEEN(m->var_value[1]);
	pb_free(&b);
}

static void the_digest_sees_nothing_but_the_state(void **state)
{
	struct sim_machine *m = settled();
	struct sim_pe *p = &m->pe[0];
	(void)state;

	UNSEEN(p->irq_epoch);                 /* derived: the scheduler's cache */
	UNSEEN(p->irq_ready);
	UNSEEN(p->last_completed.event);      /* past disp[1] */
	UNSEEN(m->pe[m->npe].power);          /* past the last PE */
	UNSEEN(m->pe[m->npe].ctx.pc);
	/* each slot past its count */
	p->npri = 1;
	UNSEEN(p->saved_pmr[1]);
	p->nresumed = 3;
	UNSEEN(p->resumed[3].int_pc);
	p->depth = 1;
	UNSEEN(p->disp[1].event);
	UNSEEN(p->disp[1].int_x[0]);
	p->hold.holding = 0;
	UNSEEN(p->hold.intid);
	m->var_set[1] = 0;
	UNSEEN(m->var_value[1]);
	pb_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_digest_sees_every_field_of_the_state),
		cmocka_unit_test(the_digest_sees_nothing_but_the_state),
	};
	return cmocka_run_group_tests(tests, mt_group_setup, mt_group_teardown);
}
