/*
 * test_machine_notes.c - what a passing run notes for its reader: the
 * handler entries no expect_dispatches step checked (sim_result's
 * unchecked*), which `sdeisim run` prints as a note.  A caller that reads
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
	pb_register(b, 1, EV_NORM, h, 0x77, 0, V(0));
	pb_call1(b, 1, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(b, 1, SDD_FID_PE_UNMASK);
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
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unchecked_entries_are_noted_after_the_last_check),
		cmocka_unit_test(no_notes_leaves_them_out_and_changes_nothing_else),
		cmocka_unit_test(a_long_list_of_entries_ends_with_how_many_more),
	};
	return cmocka_run_group_tests(tests, mt_group_setup, mt_group_teardown);
}
