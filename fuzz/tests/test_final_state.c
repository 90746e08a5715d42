/*
 * test_final_state.c - at the end of every run the oracle compares the
 * dispatcher's state with the model's (fz_oracle_final), part by part,
 * and the reproducer pins the part gone wrong with a last step.
 *
 * Each case is a program that makes a planted bug and ends: no call looks
 * at the state the bug leaves wrong, so before the final check of its
 * part, the input found nothing.
 *
 *   02  REGISTER, ENABLE, DISABLE of event 0 (DISABLE leaves it marked
 *       enabled): its STATUS bits, pinned by EVENT_STATUS(0) expecting 1;
 *   11  REGISTER of a private event on PE 0 with handler h, then on PE 1
 *       with g (the second moves PE 0's entry point too): the
 *       registration's entry point, pinned by expect_view {events: {E:
 *       {ep: h}}};
 *   19  BIND of a PPI, SHARED_RESET (which leaves bound PPIs bound): the
 *       bind slots, pinned by expect_view {bound: []} (under the tf-a-fvp
 *       policies a taken slot answers EVENT_STATUS like a free one);
 *   17  REGISTER RM_PE to PE 0, ROUTING_SET RM_PE to PE 1 (the target
 *       stays PE 0, TF-A FB19): the routing affinity, pinned by
 *       GET_INFO(ROUTING_AFF) expecting PE 1's MPIDR;
 *   18  PE_UNMASK, power-down suspend and wake of PE 1 (it wakes unmasked,
 *       TF-A FB08): its mask, pinned by expect_view {masked: 1};
 *   20  a private event's PPI fired at PE 0, masked since boot (the
 *       dispatcher defers it without setting it pending again): the
 *       trigger owed, pinned by expect_view {pending: {includes: [E]}};
 *   45  REGISTER RM_PE to PE 0, ROUTING_SET RM_ANY (the RM_PE bit stays):
 *       the routing mode, pinned by GET_INFO(ROUTING_MODE) expecting
 *       RM_ANY;
 *   46  REGISTER of event 0 with an argument above 32 bits (the
 *       dispatcher keeps the low half): the registration's argument,
 *       pinned by expect_view {events: {0: {arg: A}}};
 *   47  REGISTER of event 0 in relative mode, VBAR read at the dispatch
 *       (the dispatcher stores VBAR + offset, still marked relative):
 *       the entry point, pinned by expect_view {events: {0: {ep:
 *       {offset: h}, flags: {mask: 2, value: 2}}}}: the form the real
 *       core holds it in, an offset, marked relative;
 *   48  the same with VBAR read at REGISTER (the dispatcher adds it, and
 *       keeps the registration marked relative): the entry point, whose
 *       address is right but marked relative, pinned by {ep: h, flags:
 *       {mask: 2, value: 0}}: the real core holds the address, unmarked.
 *
 * Built once against the real core (FINAL_BUG ""): every case runs clean,
 * so no part of the check sees a difference the specification does not;
 * and once against each planted core (FINAL_BUG its number, argument OUT):
 * that case's part is the finding, the reproducer fails on its own at the
 * pin, and it is written to OUT, which fuzz.final_state.*_passes_on_core
 * runs on the real core.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fz_input.h"
#include "fz_repro.h"
#include "fz_repro_fixture.h"
#include "fz_run_fixture.h"
#include "runtime/rt_layout.h"
#include "scn.h"
#include "sdd/sdd_spec.h"

#ifndef FINAL_BUG
#error "FINAL_BUG: the planted bug of the core this test is linked with, or \"\""
#endif

struct final_case {
	const char *bug;
	const char *yaml;
	unsigned part;            /* enum fz_final_part */
	uint64_t got, want;       /* the finding's */
	unsigned pin;             /* the last step: SIM_OP_CALL or SIM_OP_EXPECT_VIEW */
	uint32_t fid;             /* CALL: its function */
	unsigned reg;             /* EXPECT_VIEW: the register checked */
	uint32_t info;            /* CALL of GET_INFO: the information asked for */
	uint32_t event;           /* ENTRY: the event whose registration on PE 0 is wrong */
	unsigned ep;              /* ENTRY: 0 the argument is wrong, else the entry point, in the
				   * form the real core holds h's: SIM_V_HANDLER or, registered
				   * relative with VBAR read at the dispatch, SIM_V_HANDLER_OFF */
	bool relative;            /* ENTRY: registered in relative mode */
};

#define HANDLER "name: final state\nhandlers:\n  h:\n    - complete: HANDLED\n"
#define PPI_EVENT "platform:\n  events: [{event: 0x40000100, type: private, priority: normal, intid: 23}]\n"

static const struct final_case cases[] = {
	{ .bug = "02", .yaml = HANDLER "steps:\n"
	  "  - {pe: 0, call: EVENT_REGISTER, args: [0, h, 0, RM_ANY, 0]}\n"
	  "  - {pe: 0, call: EVENT_ENABLE, args: [0]}\n"
	  "  - {pe: 0, call: EVENT_DISABLE, args: [0]}\n",
	  .part = FZ_FINAL_STATUS, .got = SDD_STATUS_REGISTERED | SDD_STATUS_ENABLED,
	  .want = SDD_STATUS_REGISTERED, .pin = SIM_OP_CALL, .fid = SDD_FID_EVENT_STATUS },
	{ .bug = "19", .yaml = HANDLER "steps:\n"
	  "  - {pe: 0, call: INTERRUPT_BIND, args: [20]}\n"
	  "  - {pe: 0, call: SHARED_RESET}\n",
	  .part = FZ_FINAL_BOUND, /* got: one slot */ .pin = SIM_OP_EXPECT_VIEW, .reg = SIM_R_VIEW_BOUND },
	{ .bug = "11", .yaml = HANDLER "  g:\n    - complete: HANDLED\n" PPI_EVENT "steps:\n"
	  "  - {pe: 0, call: EVENT_REGISTER, args: [0x40000100, h, 0, RM_ANY, 0]}\n"
	  "  - {pe: 1, call: EVENT_REGISTER, args: [0x40000100, g, 0, RM_ANY, 0]}\n",
	  .part = FZ_FINAL_ENTRY, .got = RT_STUBS + RT_STUB_SIZE /* g's stub */, .want = RT_STUBS /* h's */,
	  .pin = SIM_OP_EXPECT_VIEW, .reg = SIM_R_VIEW_EP, .event = 0x40000100, .ep = SIM_V_HANDLER },
	{ .bug = "17", .yaml = HANDLER "steps:\n"
	  "  - {pe: 0, call: INTERRUPT_BIND, args: [34], save: ev}\n"
	  "  - {pe: 0, call: EVENT_REGISTER, args: [$ev, h, 0, RM_PE, 0]}\n"
	  "  - {pe: 0, call: EVENT_ROUTING_SET, args: [$ev, RM_PE, 1]}\n",
	  .part = FZ_FINAL_ROUTING_AFF, .got = 0, .want = 1, .pin = SIM_OP_CALL, .fid = SDD_FID_EVENT_GET_INFO,
	  .info = SDD_INFO_EV_ROUTING_AFF },
	{ .bug = "18", .yaml = HANDLER "steps:\n"
	  "  - {pe: 1, call: PE_UNMASK}\n"
	  "  - {pe: 1, psci: CPU_SUSPEND, state: powerdown}\n"
	  "  - {wake: 1}\n",
	  .part = FZ_FINAL_MASK, .got = 0, .want = 1, .pin = SIM_OP_EXPECT_VIEW, .reg = SIM_R_VIEW_MASKED },
	{ .bug = "20", .yaml = HANDLER PPI_EVENT "steps:\n"
	  "  - {pe: 0, call: EVENT_REGISTER, args: [0x40000100, h, 0, RM_ANY, 0]}\n"
	  "  - {pe: 0, call: EVENT_ENABLE, args: [0x40000100]}\n"
	  "  - {interrupt: 23, pe: 0}\n",
	  .part = FZ_FINAL_PENDING, .got = 0, .want = 1, .pin = SIM_OP_EXPECT_VIEW, .reg = SIM_R_VIEW_PENDING },
	{ .bug = "45", .yaml = HANDLER "steps:\n"
	  "  - {pe: 0, call: INTERRUPT_BIND, args: [34], save: ev}\n"
	  "  - {pe: 0, call: EVENT_REGISTER, args: [$ev, h, 0, RM_PE, 0]}\n"
	  "  - {pe: 0, call: EVENT_ROUTING_SET, args: [$ev, RM_ANY, 0]}\n",
	  .part = FZ_FINAL_ROUTING_MODE, .got = SDD_RM_PE, .want = SDD_RM_ANY, .pin = SIM_OP_CALL,
	  .fid = SDD_FID_EVENT_GET_INFO, .info = SDD_INFO_EV_ROUTING_MODE },
	{ .bug = "46", .yaml = HANDLER "steps:\n"
	  "  - {pe: 0, call: EVENT_REGISTER, args: [0, h, 0x123487654321, RM_ANY, 0]}\n",
	  .part = FZ_FINAL_ENTRY, .got = 0x87654321, .want = 0x123487654321, .pin = SIM_OP_EXPECT_VIEW,
	  .reg = SIM_R_VIEW_ARG, .event = 0 },
	{ .bug = "47", .yaml = HANDLER "steps:\n"   /* flags 2: relative */
	  "  - {pe: 0, call: EVENT_REGISTER, args: [0, {offset: h}, 0, 2, 0]}\n",
	  .part = FZ_FINAL_ENTRY, .got = RT_STUBS + RT_VECTORS /* VBAR added twice */, .want = RT_STUBS,
	  .pin = SIM_OP_EXPECT_VIEW, .reg = SIM_R_VIEW_EP, .event = 0, .ep = SIM_V_HANDLER_OFF, .relative = true },
	{ .bug = "48", .yaml = HANDLER "platform:\n  policy: {rel_vbar: at_register}\nsteps:\n"
	  "  - {pe: 0, call: EVENT_REGISTER, args: [0, {offset: h}, 0, 2, 0]}\n",
	  .part = FZ_FINAL_ENTRY, .got = RT_STUBS + RT_VECTORS /* VBAR added twice */, .want = RT_STUBS,
	  .pin = SIM_OP_EXPECT_VIEW, .reg = SIM_R_VIEW_EP, .event = 0, .ep = SIM_V_HANDLER, .relative = true },
};
#define NCASES (sizeof cases / sizeof cases[0])

static uint8_t input[FZ_HEADER_BYTES + FZ_MAX_RECORDS * FZ_RECORD_BYTES];

/* The case's program as a fuzz input (the encoder drops nothing these
 * programs hold but the values' spelling). */
static size_t encode(const struct final_case *c)
{
	struct sim_program p;
	char err[300];
	size_t n;

	sim_program_init(&p);
	if (scn_load_string(c->bug, c->yaml, strlen(c->yaml), NULL, &p, err, sizeof err) != 0)
		fail_msg("case %s: %s", c->bug, err);
	n = fz_encode(&p, input, sizeof input);
	sim_program_free(&p);
	assert_true(n > FZ_HEADER_BYTES);
	return n;
}

static void real_core_agrees_with_the_model_at_the_end(void **state)
{
	(void)state;
	for (unsigned k = 0; k < NCASES; k++) {
		size_t n = encode(&cases[k]);
		if (!fz_run_one(&fixture_run, input, n))
			fail_msg("case %s: %s", cases[k].bug, fixture_run.finding);
		assert_true(fixture_run.oracle.active);
		assert_true(fixture_run.oracle.checks > 0);
	}
}

static const char *out;         /* where the planted group writes the reproducer */

static const struct final_case *planted_case(void)
{
	for (unsigned k = 0; k < NCASES; k++)
		if (strcmp(cases[k].bug, FINAL_BUG) == 0)
			return &cases[k];
	return NULL;
}

static void planted_bug_is_a_final_finding(void **state)
{
	const struct final_case *c = planted_case();
	const struct fz_disagreement *d = &fixture_run.oracle.bad;
	size_t n;
	(void)state;

	assert_non_null(c);
	n = encode(c);
	assert_false(fz_run_one(&fixture_run, input, n));
	if (!fixture_run.oracle.failed)
		fail_msg("not the model's finding: %s", fixture_run.finding);
	assert_int_equal(d->kind, FZ_D_FINAL);
	assert_int_equal(d->part, c->part);
	assert_non_null(strstr(fixture_run.finding, "at the end of the run: "));
	switch (c->part) {
	case FZ_FINAL_BOUND:              /* the dispatcher holds one slot, the model none */
		assert_true(d->got != 0 && (d->got & (d->got - 1)) == 0);
		assert_int_equal(d->want, 0);
		break;
	case FZ_FINAL_ENTRY:              /* PE 0's registration: the entry points are the stubs' */
		assert_int_equal(d->pe, 0);
		assert_int_equal(d->event, c->event);
		assert_int_equal(d->entry_pc, c->ep != 0);
		assert_int_equal(d->relative, c->relative);
		assert_true(d->got == (int64_t)c->got);
		assert_true(d->want == c->want);
		break;
	case FZ_FINAL_MASK:
		assert_int_equal(d->pe, 1);
		/* fall through */
	default:                          /* ROUTING_AFF: the default profile's MPIDR = PE index */
		assert_int_equal(d->got, c->got);
		assert_int_equal(d->want, c->want);
		break;
	}
}

/* The argument the reproducer's last REGISTER passes (x3): one above 32
 * bits, or the bug would not show. */
static uint64_t registered_arg(const struct sim_program *p)
{
	uint64_t arg = 0;

	for (uint32_t k = 0; k < p->nsteps; k++)
		if (p->steps[k].kind == SIM_OP_CALL && p->steps[k].fid.u == SDD_FID_EVENT_REGISTER)
			arg = p->values[p->steps[k].args + 2].u;
	assert_true(arg >> 32 != 0);
	return arg;
}

static void repro_pins_the_part_last(void **state)
{
	const struct final_case *c = planted_case();
	static struct fz_repro rp;
	const struct sim_program *p = &fixture_run.prog;
	const struct sim_op *last;
	const struct sim_check *chk;
	size_t n;
	(void)state;

	assert_non_null(c);
	n = encode(c);
	assert_int_equal(fz_repro(&fixture_run, input, n, false, &rp), 0);
	assert_true(rp.expressed);
	assert_true(rp.verified);
	assert_int_equal(rp.res.fail_kind, SIM_FAIL_EXPECT);
	assert_int_equal(rp.res.step, p->nsteps - 1);
	last = &p->steps[p->nsteps - 1];
	assert_int_equal(last->kind, c->pin);
	if (c->pin == SIM_OP_CALL) {
		assert_true(last->fid.u == c->fid);
		if (c->fid == SDD_FID_EVENT_GET_INFO) {
			assert_int_equal(last->nargs, 2);
			assert_true(p->values[last->args + 1].u == c->info);
		}
		assert_int_equal(last->nchecks, 1);
		chk = &p->checks[last->checks];
		assert_int_equal(chk->reg, SIM_R_X0);
		assert_true(chk->m.a.u == c->want);
		return;
	}
	assert_int_equal(last->nlist, 1);
	assert_int_equal(p->views[last->list].part, c->part == FZ_FINAL_ENTRY ? SIM_VIEW_EVENT : SIM_VIEW_PE);
	/* an entry point with the form it is held in: {ep: ..., flags: {mask: 2, value: ...}} */
	assert_int_equal(p->views[last->list].nchecks, c->ep ? 2 : 1);
	chk = &p->checks[p->views[last->list].checks];
	assert_int_equal(chk->reg, c->reg);
	if (c->reg == SIM_R_VIEW_BOUND) {
		assert_int_equal(chk->m.kind, SIM_M_SET);
		assert_int_equal(chk->m.count, 0);        /* no slot bound */
	} else if (c->part == FZ_FINAL_ENTRY) {
		assert_true(p->views[last->list].event.u == c->event);
		assert_int_equal(chk->m.a.kind, c->ep ? c->ep : SIM_V_CONST);
		if (!c->ep) {                             /* minimising may choose another */
			assert_true(chk->m.a.u == registered_arg(p));
			return;
		}
		assert_int_equal(chk->m.a.u, 0);          /* h */
		chk++;
		assert_int_equal(chk->reg, SIM_R_VIEW_FLAGS);
		assert_int_equal(chk->m.kind, SIM_M_MASK);
		assert_true(chk->m.a.u == SDD_REGFLAG_RELATIVE);
		assert_true(chk->m.b.u == (c->ep == SIM_V_HANDLER_OFF ? SDD_REGFLAG_RELATIVE : 0));
	} else if (c->reg == SIM_R_VIEW_PENDING) {
		assert_int_equal(chk->m.kind, SIM_M_INCLUDES);
		assert_int_equal(chk->m.count, 1);
		assert_true(p->values[chk->m.list].u == 0x40000100);
	} else {
		assert_true(chk->m.a.u == c->want);
	}
}

/* ... and the reproducer, written as `sdeisim repro --yaml` writes it, for
 * fuzz.final_state.*_passes_on_core, which runs it on the real core. */
static void repro_written(void **state)
{
	(void)state;
	fz_repro_fixture_write(out);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest real[] = {
		cmocka_unit_test(real_core_agrees_with_the_model_at_the_end),
	};
	const struct CMUnitTest planted[] = {
		cmocka_unit_test(planted_bug_is_a_final_finding),
		cmocka_unit_test(repro_pins_the_part_last),
		cmocka_unit_test(repro_written),
	};
	if (argc != (FINAL_BUG[0] == 0 ? 1 : 2)) {
		fprintf(stderr, "usage: test_final_state%s\n", FINAL_BUG[0] == 0 ? "" : " OUT");
		return 2;
	}
	if (FINAL_BUG[0] == 0)
		return cmocka_run_group_tests(real, fz_run_fixture_setup, fz_run_fixture_teardown);
	out = argv[1];
	return cmocka_run_group_tests(planted, fz_run_fixture_setup, fz_run_fixture_teardown);
}
