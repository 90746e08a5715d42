/*
 * test_machine_platform.c - the simulator end to end, continued
 * (test_machine.c): the virtual conduit and the EL1 client, calls from
 * another EL, relative mode, system reset, handlers that run out of
 * actions, a user's own ELF handler image, and migration and determinism
 * (a run migrated anywhere is the run not migrated; the final-state
 * digest tells states apart; the same program gives the same run).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mt.h"
#include "runtime/rt_layout.h"

/* ---- Conduits and ELs ---- */

static void virtual_conduit_guest_at_el1(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	b.p.platform.conduit = SIM_CONDUIT_HVC;
	b.p.platform.client_el = 1;
	h = pb_handler(&b, "h");
	pb_expect_entry(&b);
	pb_check(&b, SIM_R_PSTATE_EL, V(1));
	pb_check(&b, SIM_R_PSTATE_PAN, V(0));
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_STATUS, V(EV_NORM));   /* by HVC */
	pb_expect(&b, 7);
	pb_complete(&b, 0);
	pb_end(&b);
	pb_register(&b, 1, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 1, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 1, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 1, 22);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 1, EV_NORM, h, 0, 0);
	mt_assert_passes(&b);
	pb_free(&b);
}

static void call_from_another_el_is_not_supported(void **state)
{
	struct pb b;
	(void)state;

	pb_init(&b);
	pb_call0(&b, 0, SDD_FID_VERSION);
	b.p.steps[b.p.nsteps - 1].from_el = 1;
	pb_expect(&b, SDD_NOT_SUPPORTED);
	pb_call0(&b, 0, SDD_FID_VERSION);
	pb_expect(&b, 0x0001000100000000ll);
	mt_assert_passes(&b);
	pb_free(&b);
}

/* A step's call from AArch32 (Hyp mode at the client EL, EL2): the
 * dispatcher sees nRW set and 32-bit registers and answers NOT_SUPPORTED,
 * which the caller reads in r0; the context keeps its own PSTATE and
 * arguments; PSCI answers its SMC32 functions from AArch32. */
static void call_from_aarch32_passes_32_bit_registers(void **state)
{
	struct pb b;
	struct olog log;
	struct sim_value wide = V(0xAAAABBBB00000000ull | EV_NORM);
	struct sim_result r;
	const struct sim_obs *call = NULL;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	pb_set(&b, 0, 1, 0x1111);
	pb_call1(&b, 0, SDD_FID_EVENT_STATUS, wide);
	b.p.steps[b.p.nsteps - 1].fid = V(0xFFFFFFFF00000000ull | SDD_FID_EVENT_STATUS);
	b.p.steps[b.p.nsteps - 1].aarch32 = 1;
	pb_expect(&b, SDD_NOT_SUPPORTED);
	pb_call0(&b, 0, SDD_FID_VERSION);            /* from AArch64 again */
	pb_check(&b, SIM_R_PSTATE_EL, V(2));
	pb_check(&b, 1, V(0x1111));
	pb_call0(&b, 0, 0x84000000u);                /* PSCI_VERSION, SMC32 */
	b.p.steps[b.p.nsteps - 1].aarch32 = 1;
	pb_expect(&b, 0x10001);
	r = mt_run(&b, &log);
	assert_true(r.passed);
	for (unsigned k = 0; k < log.n && !call; k++)
		if (log.o[k].kind == SIM_OBS_CALL)
			call = &log.o[k];
	assert_non_null(call);
	assert_int_equal(call->aarch32, SIM_A32_MODE(0xA));     /* Hyp mode, EL2's */
	assert_int_equal(call->el, 2);
	assert_int_equal(call->fid, SDD_FID_EVENT_STATUS);
	assert_int_equal(call->args[0], EV_NORM);     /* the upper half is not the caller's */
	assert_int_equal(call->result, SDD_NOT_SUPPORTED);
	pb_free(&b);
}

/* A step's call from a mode other than its EL's usual one is made at the
 * mode's EL, with the mode in PSTATE: Abort and Undefined modes are EL1's
 * (M[3:2] reads 1 and 2), Hyp mode EL2's; the dispatcher refuses each. */
static void call_from_an_aarch32_mode_is_made_at_its_el(void **state)
{
	static const struct { uint8_t mode, el; } calls[] = { { 0x7, 1 }, { 0xB, 1 }, { 0xA, 2 }, { 0x3, 1 } };
	const unsigned n = sizeof calls / sizeof calls[0];
	struct pb b;
	struct olog log;
	struct sim_result r;
	unsigned seen = 0;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	b.p.platform.client_el = 1;
	for (unsigned k = 0; k < n; k++) {
		pb_call0(&b, 0, SDD_FID_VERSION);
		b.p.steps[b.p.nsteps - 1].aarch32 = (uint8_t)SIM_A32_MODE(calls[k].mode);
		b.p.steps[b.p.nsteps - 1].from_el = calls[k].el == 1 ? 0 : calls[k].el;
		pb_expect(&b, SDD_NOT_SUPPORTED);
	}
	pb_call0(&b, 0, SDD_FID_VERSION);            /* from AArch64 at EL1 again */
	pb_check(&b, SIM_R_PSTATE_EL, V(1));
	pb_expect(&b, 0x0001000100000000ll);
	r = mt_run(&b, &log);
	assert_true(r.passed);
	for (unsigned k = 0; k < log.n; k++) {
		const struct sim_obs *o = &log.o[k];
		if (o->kind != SIM_OBS_CALL || seen >= n)
			continue;
		assert_int_equal(o->aarch32, SIM_A32_MODE(calls[seen].mode));
		assert_int_equal(o->el, calls[seen].el);
		assert_int_equal(o->result, SDD_NOT_SUPPORTED);
		seen++;
	}
	assert_int_equal(seen, n);
	pb_free(&b);
}

/* A step's call from Secure state at the client's EL reaches the
 * dispatcher marked Secure (sdd_regs.secure) and is refused without
 * effect; the observation says Secure; the next call, Non-secure, is the
 * client's.  PSCI serves a Secure caller too. */
static void call_from_secure_state_is_not_supported(void **state)
{
	struct pb b;
	struct olog log;
	struct sim_result r;
	unsigned secure = 0, calls = 0;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	pb_call0(&b, 0, SDD_FID_PE_UNMASK);
	b.p.steps[b.p.nsteps - 1].secure = 1;
	pb_expect(&b, SDD_NOT_SUPPORTED);
	pb_call0(&b, 0, 0x84000000u);                /* PSCI_VERSION */
	b.p.steps[b.p.nsteps - 1].secure = 1;
	pb_expect(&b, 0x10001);
	pb_call0(&b, 0, SDD_FID_PE_MASK);            /* still masked: 0, it was */
	pb_expect(&b, 0);
	r = mt_run(&b, &log);
	assert_true(r.passed);
	for (unsigned k = 0; k < log.n; k++)
		if (log.o[k].kind == SIM_OBS_CALL || log.o[k].kind == SIM_OBS_PSCI) {
			secure |= (unsigned)log.o[k].secure << calls;
			calls++;
		}
	assert_int_equal(calls, 3);
	assert_int_equal(secure, 3);                 /* the first two */
	pb_free(&b);
}

static void relative_mode_registration(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_complete(&b, 0);
	pb_end(&b);
	pb_register(&b, 0, EV_NORM, h, 0, SDD_REGFLAG_RELATIVE, V(0));
	pb_expect(&b, 0);
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 0, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 0, 22);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 0, EV_NORM, h, 0, 0);
	mt_assert_passes(&b);
	pb_free(&b);
}

static void system_reset_puts_everything_back(void **state)
{
	struct pb b;
	struct sim_result r;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_complete(&b, 0);
	pb_end(&b);
	pb_call1(&b, 0, SDD_FID_INTERRUPT_BIND, V(45));
	pb_save(&b, "ev45");
	pb_register(&b, 0, EV_SHARED, h, 0, 0, V(0));
	pb_call0(&b, 1, SDD_FID_PE_UNMASK);
	pb_psci(&b, 2, SIM_PSCI_SYSTEM_RESET, SIM_NONE);
	pb_call1(&b, 0, SDD_FID_EVENT_STATUS, V(EV_SHARED));
	pb_expect(&b, 0);
	pb_call0(&b, 1, SDD_FID_PE_MASK);
	pb_expect(&b, 0);                             /* masked again */
	pb_call1(&b, 0, SDD_FID_EVENT_STATUS, (struct sim_value){ SIM_V_VAR, sim_var(&b.p, "ev45") });
	pb_expect(&b, SDD_INVALID_PARAMETERS);        /* the binding is gone */
	r = mt_run(&b, NULL);
	assert_true(r.passed);
	/* the run went on: a SYSTEM_OFF would pass too, its later steps unrun */
	assert_int_equal(r.steps_run, b.p.nsteps);
	pb_free(&b);
}

static void handler_that_runs_out_of_actions_fails(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_end(&b);
	pb_register(&b, 0, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 0, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 0, 22);
	mt_assert_fails_at(&b, b.p.handlers[h].loc.line, "ran out of actions without completing");
	pb_free(&b);
}

/* More actions than the runtime holds are refused at the handler that
 * passes the limit, counting what they take: one record an action, one
 * more a handler (an adversarial review: it said '(40002, at most ...)' of
 * 40001 actions, at line 1). */
static void handlers_over_the_action_limit_are_refused_where_they_pass_it(void **state)
{
	struct pb b;
	struct sim_run_opts opts;
	struct sim_result r;
	int h1, h2;
	char want[120];
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	h1 = pb_handler(&b, "h1");
	for (unsigned k = 0; k < 9; k++)
		pb_call0(&b, SIM_NONE, SDD_FID_VERSION);
	pb_complete(&b, SDD_EV_HANDLED);
	pb_end(&b);
	h2 = pb_handler(&b, "h2");
	for (unsigned k = 0; k < RT_MAX_ACTIONS - 12; k++)   /* h1 11 records, h2 MAX - 10: one too many */
		pb_call0(&b, SIM_NONE, SDD_FID_VERSION);
	pb_complete(&b, SDD_EV_HANDLED);
	pb_end(&b);
	pb_call0(&b, 0, SDD_FID_VERSION);
	snprintf(want, sizeof want, "handler 'h2': too many handler actions: the handlers take %u records",
		 (unsigned)RT_MAX_ACTIONS + 1);
	memset(&opts, 0, sizeof opts);
	assert_int_equal(sim_run(mt_cpu, &b.p, &opts, &r), -1);     /* refused before it runs */
	if (r.loc.line != b.p.handlers[h2].loc.line || strstr(r.message, want) == NULL)
		fail_msg("expected at line %u '%s', got line %u: %s", b.p.handlers[h2].loc.line, want, r.loc.line,
			 r.message);
	(void)h1;
	pb_free(&b);
}

/* ---- A user's own handler image ---- */

/* The calls user code made, as observed. */
static unsigned handler_calls(const struct olog *l, uint32_t fid, int64_t *result)
{
	unsigned n = 0;
	for (unsigned k = 0; k < l->n; k++)
		if (l->o[k].kind == SIM_OBS_CALL && l->o[k].from_handler && l->o[k].fid == fid) {
			*result = l->o[k].result;
			n++;
		}
	return n;
}

static void user_elf_handler_runs_as_the_handler(void **state)
{
	static struct olog log;
	struct pb b;
	struct sim_result r;
	int64_t status = 0;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	h = mt_elf_handler(&b, USER_ELF, "user_handler");
	mt_fire_around_a_migration(&b, h, 0x77);
	pb_call1(&b, 1, SDD_FID_EVENT_STATUS, V(EV_SHARED));
	pb_expect(&b, 3);                             /* completed by the user code */
	r = mt_run(&b, &log);
	if (!r.passed)
		fail_msg("line %u: %s", r.loc.line, r.message);
	assert_int_equal(handler_calls(&log, SDD_FID_EVENT_STATUS, &status), 2);
	assert_int_equal(status, 7);                  /* what the user code saw */
	assert_int_equal(handler_calls(&log, SDD_FID_EVENT_COMPLETE, &status), 2);
	pb_free(&b);
}

static void bad_elf_images_are_refused(void **state)
{
	(void)state;
	mt_assert_image_refused(USER_ELF, "no_such_symbol", "no symbol 'no_such_symbol'");
	mt_assert_image_refused("/nonexistent/image.elf", "h", "cannot open the file: No such file or directory");
	mt_assert_image_refused("/proc/self/status", "h", "not an ELF file");   /* not ELF */
}

/* ---- Migration and determinism ---- */

/* A busy program: nested handlers on one PE, a paused handler on another,
 * a shared event, a resume landing.  With `migrate` inserted at `cut`. */
static void busy_program(struct pb *b, int cut)
{
	int hn, hc, hp, hr, step = 0;

	pb_init(b);
	mt_setup_platform(b);
	hn = pb_handler(b, "normal");
	pb_call1(b, SIM_NONE, SDD_FID_EVENT_CONTEXT, V(4));
	pb_interrupt(b, SIM_NONE, 23);
	pb_call1(b, SIM_NONE, SDD_FID_EVENT_STATUS, V(EV_CRIT));
	pb_complete(b, 0);
	pb_end(b);
	hc = pb_handler(b, "critical");
	pb_call1(b, SIM_NONE, SDD_FID_EVENT_CONTEXT, V(0));
	pb_complete(b, 0);
	pb_end(b);
	hp = pb_handler(b, "pausing");
	pb_yield(b);
	pb_call1(b, SIM_NONE, SDD_FID_EVENT_CONTEXT, V(17));
	pb_complete_and_resume(b, VPAD);
	pb_end(b);
	hr = pb_handler(b, "shared");
	pb_yield(b);
	pb_complete(b, 1);
	pb_end(b);
#define MAYBE_MIGRATE() do { if (step++ == cut) pb_migrate(b); } while (0)
	mt_set_context(b, 0);
	MAYBE_MIGRATE();
	pb_register(b, 0, EV_NORM, hn, 0x10, 0, V(0));
	pb_call1(b, 0, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_register(b, 0, EV_CRIT, hc, 0x20, 0, V(0));
	pb_call1(b, 0, SDD_FID_EVENT_ENABLE, V(EV_CRIT));
	MAYBE_MIGRATE();
	pb_register(b, 1, EV_NORM, hp, 0x30, 0, V(0));
	pb_call1(b, 1, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_register(b, 2, EV_SHARED, hr, 0x40, SDD_RM_PE, VMPIDR(2));
	pb_call1(b, 2, SDD_FID_EVENT_ENABLE, V(EV_SHARED));
	for (unsigned pe = 0; pe < 3; pe++)
		pb_call0(b, pe, SDD_FID_PE_UNMASK);
	MAYBE_MIGRATE();
	pb_interrupt(b, 0, 22);
	MAYBE_MIGRATE();
	pb_interrupt(b, 1, 22);
	MAYBE_MIGRATE();
	pb_interrupt(b, 0, 40);
	MAYBE_MIGRATE();
	pb_call1(b, 1, SDD_FID_EVENT_CONTEXT, V(17));
	MAYBE_MIGRATE();
	pb_resume(b, 1);
	MAYBE_MIGRATE();
	pb_resume(b, 2);
	MAYBE_MIGRATE();
	pb_call2(b, 3, SDD_FID_EVENT_SIGNAL, V(0), VMPIDR(1));
	MAYBE_MIGRATE();
	pb_expect_dispatches(b);
	pb_dispatch_is(b, 0, EV_NORM, hn, 1, 0x10);
	pb_dispatch_is(b, 0, EV_CRIT, hc, 1, 0x20);
	pb_dispatch_is(b, 1, EV_NORM, hp, 1, 0x30);
	pb_dispatch_is(b, 2, EV_SHARED, hr, 1, 0x40);
	pb_expect_resumes(b);
	pb_resume_is(b, 1);
	pb_check(b, SIM_R_ELR, VINTPC);
	pb_check(b, SIM_R_SPSR, VINTPSTATE);
#undef MAYBE_MIGRATE
}

/* Observations without what migration and time change. */
static void assert_same_run(const struct olog *a, const struct olog *b)
{
	unsigned i = 0, j = 0;

	for (;;) {
		while (i < a->n && (a->o[i].kind == SIM_OBS_MIGRATE || a->o[i].kind == SIM_OBS_STEP))
			i++;
		while (j < b->n && (b->o[j].kind == SIM_OBS_MIGRATE || b->o[j].kind == SIM_OBS_STEP))
			j++;
		if (i == a->n || j == b->n)
			break;
		struct sim_obs x = a->o[i], y = b->o[j];
		x.time = y.time = 0;
		x.step = y.step = 0;
		if (!x.from_handler)
			x.op = 0;        /* step indices: the migrated program has one more step */
		if (!y.from_handler)
			y.op = 0;
		if (memcmp(&x, &y, sizeof x) != 0)
			fail_msg("runs differ at observation %u/%u (kind %u vs %u, pe %u vs %u)", i, j,
				 x.kind, y.kind, x.pe, y.pe);
		i++;
		j++;
	}
	assert_int_equal(i, a->n);
	assert_int_equal(j, b->n);
}

/* The migrations log observed, each of no PE, and the migrate steps of
 * b: one observation each.  (assert_same_run passes them over, so a
 * migration observed as a step, or not at all, passed.) */
static unsigned migrations_seen(const struct olog *log)
{
	unsigned n = 0;

	for (unsigned k = 0; k < log->n; k++)
		if (log->o[k].kind == SIM_OBS_MIGRATE) {
			assert_int_equal(log->o[k].pe, SIM_NONE);
			n++;
		}
	return n;
}

static unsigned migrate_steps(const struct pb *b)
{
	unsigned n = 0;

	for (uint32_t k = 0; k < b->p.nsteps; k++)
		n += b->p.steps[k].kind == SIM_OP_MIGRATE;
	return n;
}

static void migration_anywhere_gives_the_identical_run(void **state)
{
	static struct olog ref, mig;
	struct pb b;
	struct sim_result r;
	(void)state;

	uint64_t final;

	busy_program(&b, -1);
	r = mt_run(&b, &ref);
	if (!r.passed)
		fail_msg("unmigrated run: line %u: %s", r.loc.line, r.message);
	final = r.digest;
	assert_true(final != 0);
	pb_free(&b);
	assert_true(ref.n > 40);
	for (int cut = 0; cut < 11; cut++) {
		busy_program(&b, cut);
		r = mt_run(&b, &mig);
		if (!r.passed)
			fail_msg("migrated at %d: line %u: %s", cut, r.loc.line, r.message);
		assert_same_run(&ref, &mig);
		assert_int_equal(migrations_seen(&mig), migrate_steps(&b));
		if (r.digest != final)
			fail_msg("migrated at %d: the final state differs", cut);
		pb_free(&b);
	}
}

/* A migration saves the GIC, the PEs, the dispatcher and user memory end
 * to end in one buffer (snapshot.c): only on the largest machine does
 * each part fill its room, so that one laid over another shows. */
static void migration_of_the_largest_machine_keeps_it(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	b.p.platform.pes = SIM_MAX_PES;
	b.p.platform.spis = 988;
	h = pb_handler(&b, "h");
	pb_complete(&b, 0);
	pb_end(&b);
	mt_fire_around_a_migration(&b, h, 0x88);
	mt_assert_passes(&b);
	pb_free(&b);
}

static void the_final_state_digest_tells_states_apart(void **state)
{
	struct pb b;
	struct sim_result one, two;
	(void)state;

	busy_program(&b, -1);
	one = mt_run(&b, NULL);
	pb_set(&b, 1, 5, 0x1234);           /* one more register differs at the end */
	two = mt_run(&b, NULL);
	assert_true(one.passed && two.passed);
	assert_true(one.digest != two.digest);
	pb_free(&b);
}

static void the_same_program_gives_the_same_run(void **state)
{
	static struct olog a, c;
	struct pb b;
	(void)state;

	busy_program(&b, -1);
	assert_true(mt_run(&b, &a).digest == mt_run(&b, &c).digest);
	assert_int_equal(a.n, c.n);
	for (unsigned k = 0; k < a.n; k++)
		assert_memory_equal(&a.o[k], &c.o[k], sizeof a.o[k]);
	pb_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(virtual_conduit_guest_at_el1),
		cmocka_unit_test(call_from_another_el_is_not_supported),
		cmocka_unit_test(call_from_aarch32_passes_32_bit_registers),
		cmocka_unit_test(call_from_an_aarch32_mode_is_made_at_its_el),
		cmocka_unit_test(call_from_secure_state_is_not_supported),
		cmocka_unit_test(relative_mode_registration),
		cmocka_unit_test(system_reset_puts_everything_back),
		cmocka_unit_test(handler_that_runs_out_of_actions_fails),
		cmocka_unit_test(handlers_over_the_action_limit_are_refused_where_they_pass_it),
		cmocka_unit_test(user_elf_handler_runs_as_the_handler),
		cmocka_unit_test(bad_elf_images_are_refused),
		cmocka_unit_test(migration_anywhere_gives_the_identical_run),
		cmocka_unit_test(migration_of_the_largest_machine_keeps_it),
		cmocka_unit_test(the_final_state_digest_tells_states_apart),
		cmocka_unit_test(the_same_program_gives_the_same_run),
	};
	return cmocka_run_group_tests(tests, mt_group_setup, mt_group_teardown);
}
