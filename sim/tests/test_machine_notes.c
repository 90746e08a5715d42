/*
 * test_machine_notes.c - what a passing run notes for its reader: the
 * handler entries no expect_dispatches step checked (sim_result's
 * unchecked*) and the expectations in handlers it never made (unran*),
 * which `sdeisim run` prints as notes.  A caller that reads
 * no notes (the fuzz harnesses) says so with opts.no_notes and gets the
 * same run without them: the notes are the only difference.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mt.h"

/* Steps: EV_NORM registered on PE 1 with handler h and argument arg,
 * enabled, PE 1 unmasked. */
static void ev_norm_ready_with(struct pb *b, int h, uint64_t arg)
{
	pb_register(b, 1, EV_NORM, h, arg, 0, V(0));
	pb_call1(b, 1, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(b, 1, SDD_FID_PE_UNMASK);
}

/* ... and its interrupt fired once: handler h runs on PE 1. */
static void ev_norm_fired_with(struct pb *b, int h)
{
	ev_norm_ready_with(b, h, 0);
	pb_interrupt(b, 1, 22);
}

/* EV_NORM registered on PE 1 with a handler that completes, enabled, PE 1
 * unmasked: the handler. */
static int ev_norm_ready_on_pe1(struct pb *b)
{
	int h;

	pb_init(b);
	mt_setup_platform(b);
	h = pb_handler(b, "h");
	pb_complete(b, 0);
	pb_end(b);
	ev_norm_ready_with(b, h, 0x77);
	return h;
}

/* Two entries of EV_NORM on PE 1, the second after the program's only
 * expect_dispatches step. */
static void entries_after_the_last_check(struct pb *b)
{
	int h = ev_norm_ready_on_pe1(b);

	pb_interrupt(b, 1, 22);
	pb_expect_dispatches(b);
	pb_dispatch_is(b, 1, EV_NORM, h, 1, 0x77);
	pb_interrupt(b, 1, 22);
}

/* n entries of EV_NORM on PE 1 and no expect_dispatches step. */
static void entries_never_checked(struct pb *b, unsigned n)
{
	ev_norm_ready_on_pe1(b);
	for (unsigned k = 0; k < n; k++)
		pb_interrupt(b, 1, 22);
}

static struct sim_result run(struct pb *b, bool no_notes)
{
	struct sim_run_opts opts;
	struct sim_result res;

	memset(&opts, 0, sizeof opts);
	opts.digest = true;
	opts.no_notes = no_notes;
	memset(&res, 0xA5, sizeof res);           /* what is not written shows */
	assert_int_equal(sim_run(mt_cpu, &b->p, &opts, &res), 0);
	return res;
}

/* b's program runs, passes, and notes one expectation never made, for
 * the reason why. */
static void assert_one_unran(struct pb *b, const char *why)
{
	struct sim_result res = run(b, false);

	assert_true(res.passed);
	assert_int_equal(res.unran, 1);
	assert_string_equal(res.unran_why, why);
}

/* The reason said for an expectation after action a of b, named name,
 * which stops the handler as how says. */
static const char *after(char *buf, size_t n, const struct pb *b, uint32_t a, const char *name, const char *how)
{
	snprintf(buf, n, "it comes after %s at %u:%u, %s", name, b->p.actions[a].loc.line, b->p.actions[a].loc.col,
		 how);
	return buf;
}

static void unchecked_entries_are_noted_after_the_last_check(void **state)
{
	struct pb b;
	struct sim_result res;
	(void)state;

	entries_after_the_last_check(&b);
	res = run(&b, false);
	assert_true(res.passed);
	assert_int_equal(res.unchecked, 1);
	assert_false(res.unchecked_by_none);
	assert_int_equal(res.unchecked_after.line, b.p.steps[4].loc.line);
	assert_non_null(strstr(res.unchecked_list, "pe: 1"));
	pb_free(&b);
}

/* A list longer than the note has room for says how many entries it
 * leaves out, after whole ones: it was cut mid-entry, with nothing to say
 * so ("{pe: 1, event: 0x40" and the end). */
static void a_long_list_of_entries_ends_with_how_many_more(void **state)
{
	struct pb b;
	struct sim_result res;
	size_t len;
	(void)state;

	entries_never_checked(&b, 20);
	res = run(&b, false);
	assert_true(res.passed);
	assert_int_equal(res.unchecked, 20);
	len = strlen(res.unchecked_list);
	assert_true(len < sizeof res.unchecked_list);
	assert_non_null(strstr(res.unchecked_list, "}, ... ("));
	assert_string_equal(res.unchecked_list + len - 6, " more)");
	pb_free(&b);
}

/* EV_NORM's handler on PE 1 checks its status (made), then stop_fn (a
 * PSCI function) and a second check; fired once, then migrated (when
 * migrate) and fired again. */
static void handler_checks_around(struct pb *b, unsigned stop_fn, bool migrate)
{
	int h;

	pb_init(b);
	mt_setup_platform(b);
	h = pb_handler(b, "h");
	pb_call1(b, SIM_NONE, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_expect(b, 7);
	pb_psci(b, SIM_NONE, stop_fn, SIM_NONE);
	pb_call1(b, SIM_NONE, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_expect(b, 7);
	pb_complete(b, 0);
	pb_end(b);
	ev_norm_fired_with(b, h);
	if (migrate)
		pb_migrate(b);
}

/* An expectation written after a call that never returns to the handler
 * - the PSCI rule's own answer for a caller inside a handler: CPU_OFF,
 * CPU_FREEZE, SYSTEM_RESET - is never made, and said so; after one that
 * returns (CPU_SUSPEND is refused inside a handler: the check then runs),
 * nothing is said. */
static void an_expectation_after_a_call_that_stops_the_handler_is_noted(void **state)
{
	static const struct { unsigned fn; const char *name; } stops[] = {
		{ SIM_PSCI_CPU_OFF, "CPU_OFF" }, { SIM_PSCI_CPU_FREEZE, "CPU_FREEZE" },
		{ SIM_PSCI_SYSTEM_RESET, "SYSTEM_RESET" },
	};
	struct pb b;
	struct sim_result res;
	char want[120];
	(void)state;

	for (unsigned k = 0; k < sizeof stops / sizeof stops[0]; k++) {
		handler_checks_around(&b, stops[k].fn, false);
		res = run(&b, false);
		assert_int_equal(res.unran_at.line, b.p.actions[2].loc.line);
		assert_one_unran(&b, after(want, sizeof want, &b, 1, stops[k].name,
					   "which does not return to the handler"));
		pb_free(&b);
	}
	handler_checks_around(&b, SIM_PSCI_CPU_SUSPEND, false);
	res = run(&b, false);
	assert_true(res.passed);
	assert_int_equal(res.unran, 0);
	assert_string_equal(res.unran_why, "");
	pb_free(&b);
}

/* An entry check is made when its handler is entered, wherever it is
 * written: a handler that ran its expect_entry leaves nothing noted. */
static void an_entry_check_of_a_handler_entered_is_not_noted(void **state)
{
	struct pb b;
	struct sim_result res;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_expect_entry(&b);
	pb_check(&b, SIM_R_X0 + 1, V(0x1234));
	pb_complete(&b, 0);
	pb_end(&b);
	ev_norm_ready_with(&b, h, 0x1234);
	pb_interrupt(&b, 1, 22);
	res = run(&b, false);
	if (!res.passed)
		fail_msg("line %u: %s", res.loc.line, res.message);
	assert_int_equal(res.unran, 0);
	pb_free(&b);
}

/* What a run made before a migration stays made: the handler's first
 * check ran before it, on the machine migrated from. */
static void an_expectation_made_before_a_migration_stays_made(void **state)
{
	struct pb b;
	struct sim_result res;
	(void)state;

	handler_checks_around(&b, SIM_PSCI_CPU_SUSPEND, true);
	res = run(&b, false);
	if (!res.passed)
		fail_msg("%s", res.message);
	assert_int_equal(res.unran, 0);
	pb_free(&b);
}

/* A handler no event entered: its first expectation said (the entry's
 * checks too are expectations), with how many others. */
static void the_expectations_of_a_handler_never_entered_are_noted(void **state)
{
	struct pb b;
	struct sim_result res;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	pb_handler(&b, "never");
	pb_expect_entry(&b);
	pb_check(&b, SIM_R_X0 + 1, V(3));
	pb_call0(&b, SIM_NONE, SDD_FID_PE_MASK);
	pb_expect(&b, 0);
	pb_complete(&b, 0);
	pb_end(&b);
	pb_call0(&b, 0, SDD_FID_PE_UNMASK);
	res = run(&b, false);
	assert_true(res.passed);
	assert_int_equal(res.unran, 2);
	assert_int_equal(res.unran_at.line, b.p.actions[0].loc.line);
	assert_string_equal(res.unran_why, "handler 'never' was never entered");
	pb_free(&b);
}

/* The reason said is the first action that can stop the handler from the
 * last call the run made in it on: a COMPLETE written as a call ends it
 * as `complete` does; a PSCI call that returns inside a handler
 * (CPU_SUSPEND is refused there) is no such action, the yield after it
 * is; and a handler never entered is said so whichever handler it is
 * (here the second of three, the third entered and run to its end). */
static void the_reason_said_is_the_stop_after_the_last_call_made(void **state)
{
	struct pb b;
	char want[160];
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_COMPLETE, V(0));
	pb_call0(&b, SIM_NONE, SDD_FID_PE_MASK);
	pb_expect(&b, 0);
	pb_end(&b);
	ev_norm_fired_with(&b, h);
	assert_one_unran(&b, after(want, sizeof want, &b, 0, "EVENT_COMPLETE", "which ends the handler when it succeeds"));
	pb_free(&b);

	pb_init(&b);
	mt_setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_psci(&b, SIM_NONE, SIM_PSCI_CPU_SUSPEND, SIM_NONE);
	pb_yield(&b);
	pb_call0(&b, SIM_NONE, SDD_FID_PE_MASK);
	pb_expect(&b, 0);
	pb_complete(&b, 0);
	pb_end(&b);
	ev_norm_fired_with(&b, h);
	assert_one_unran(&b, after(want, sizeof want, &b, 1, "the yield",
				   "and no `resume` continued the handler past it"));
	pb_free(&b);

	pb_init(&b);
	mt_setup_platform(&b);
	pb_handler(&b, "first");
	pb_complete(&b, 0);
	pb_end(&b);
	pb_handler(&b, "never");
	pb_call0(&b, SIM_NONE, SDD_FID_PE_MASK);
	pb_expect(&b, 0);
	pb_complete(&b, 0);
	pb_end(&b);
	h = pb_handler(&b, "last");
	pb_complete(&b, 0);
	pb_end(&b);
	ev_norm_fired_with(&b, h);
	assert_one_unran(&b, "handler 'never' was never entered");
	pb_free(&b);
}

static void no_notes_leaves_them_out_and_changes_nothing_else(void **state)
{
	struct pb b;
	struct sim_result with, without;
	(void)state;

	entries_after_the_last_check(&b);
	with = run(&b, false);
	without = run(&b, true);
	assert_true(without.passed);
	assert_int_equal(without.unchecked, 0);
	assert_false(without.unchecked_by_none);
	assert_string_equal(without.unchecked_list, "");
	assert_int_equal(without.steps_run, with.steps_run);
	assert_int_equal(without.dispatches, with.dispatches);
	assert_int_equal(without.calls, with.calls);
	assert_true(without.digest == with.digest);
	pb_free(&b);

	handler_checks_around(&b, SIM_PSCI_CPU_OFF, false);
	with = run(&b, false);
	without = run(&b, true);
	assert_int_equal(with.unran, 1);
	assert_int_equal(without.unran, 0);
	assert_int_equal(without.unran_at.line, 0);
	assert_string_equal(without.unran_why, "");
	assert_true(without.digest == with.digest);
	pb_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unchecked_entries_are_noted_after_the_last_check),
		cmocka_unit_test(no_notes_leaves_them_out_and_changes_nothing_else),
		cmocka_unit_test(a_long_list_of_entries_ends_with_how_many_more),
		cmocka_unit_test(an_expectation_after_a_call_that_stops_the_handler_is_noted),
		cmocka_unit_test(an_expectation_made_before_a_migration_stays_made),
		cmocka_unit_test(an_entry_check_of_a_handler_entered_is_not_noted),
		cmocka_unit_test(the_expectations_of_a_handler_never_entered_are_noted),
		cmocka_unit_test(the_reason_said_is_the_stop_after_the_last_call_made),
	};
	return cmocka_run_group_tests(tests, mt_group_setup, mt_group_teardown);
}
