/*
 * test_scn_ext.c - the loader's tests of the format's extensions
 * (FORMAT.md, marked **extension**): by_profile expectations, the
 * expect_view step, and the fuzz-reproducer keys lenient and choices.
 * Every comparison is exact, locations included.
 */
#include "scn_test.h"

/* ---- by_profile ---- */

/* One text read under both profiles: each place resolves to its entry. */
static const char by_profile_text[] =
	"name: by profile\n"
	"handlers:\n"
	"  h:\n"
	"    - expect_entry: {x1: {by_profile: {default: 1, tf-a-fvp: 2}},\n"
	"                     pstate: {by_profile: {default: {daif: 0xf}, tf-a-fvp: 0x3c5}}}\n"
	"    - complete: HANDLED\n"
	"steps:\n"
	"  - {call: VERSION, expect: {by_profile: {tf-a-fvp: {x0: 5, x1: 6}, default: DENIED}}}\n"
	"  - {call: VERSION, expect: {one_of: [1, {by_profile: {default: 2, tf-a-fvp: h}}]}}\n"
	"  - {call: VERSION, expect: {mask: {by_profile: {default: 0xF0, tf-a-fvp: 0xF}}, value: 0}}\n"
	"  - {psci: PSCI_VERSION, expect: {by_profile: {default: {not: 3}, tf-a-fvp: 4}}}\n"
	"  - expect_dispatches:\n"
	"      - {pe: {by_profile: {default: 1, tf-a-fvp: 7}}, handler: {by_profile: {default: h, "
	"tf-a-fvp: h}},\n"
	"         arg: {by_profile: {default: 9, tf-a-fvp: {one_of: [8, 9]}}}}\n"
	"  - expect_resumes:\n"
	"      - {pe: {by_profile: {default: 2, tf-a-fvp: 3}}, elr: {by_profile: {default: "
	"interrupted_pc, tf-a-fvp: 0}}}\n";

void test_by_profile_default(void **state)
{
	struct fx *f = *state;
	const struct sim_program *p = &f->p;
	const struct sim_op *s;
	const struct sim_expect_dispatch *d;
	const struct sim_expect_resume *r;

	assert_int_equal(load(f, "t.yaml", by_profile_text, NULL), 0);
	s = p->steps;
	/* expect_entry: x1 = 1; pstate by fields. */
	assert_int_equal(p->actions[0].nchecks, 2);
	check_is(p, p->actions[0].checks, 0, SIM_R_X0 + 1, SIM_M_EQ, SIM_V_CONST, 1, 0, 4, 49);
	check_is(p, p->actions[0].checks, 1, SIM_R_PSTATE_DAIF, SIM_M_EQ, SIM_V_CONST, 0xF, 0, 5, 60);
	/* A register map in one profile, a value in the other. */
	assert_int_equal(s[0].nchecks, 1);
	check_is(p, s[0].checks, 0, SIM_R_X0, SIM_M_EQ, SIM_V_CONST, (uint64_t)SDD_DENIED, 0, 8, 78);
	assert_int_equal(p->checks[s[1].checks].m.kind, SIM_M_ONE_OF);
	value_is(p->values[p->checks[s[1].checks].m.list + 1], SIM_V_CONST, 2);
	value_is(p->checks[s[2].checks].m.a, SIM_V_CONST, 0xF0);
	/* PSCI: the chosen form still compares 32 bits. */
	check_is(p, s[3].checks, 0, SIM_R_X0, SIM_M_NOT, SIM_V_CONST, 3, 1, 11, 57);
	d = &p->dispatches[s[4].list];
	assert_int_equal(d->pe, 1);
	assert_int_equal(d->handler, 0);
	match_is(&d->arg, SIM_M_EQ, SIM_V_CONST, 9, 0, 14, 38);
	r = &p->resumes[s[5].list];
	assert_int_equal(r->pe, 2);
	check_is(p, r->checks, 0, SIM_R_ELR, SIM_M_EQ, SIM_V_INT_PC, 0, 0, 16, 83);
}

void test_by_profile_tfa(void **state)
{
	struct fx *f = *state;
	const struct sim_program *p = &f->p;
	const struct sim_op *s;
	const struct sim_expect_dispatch *d;

	/* The profile argument is the file's profile when it names none. */
	if (load(f, "t.yaml", by_profile_text, "tf-a-fvp"))
		fail_msg("unexpected error: %s", f->err);
	s = p->steps;
	check_is(p, p->actions[0].checks, 0, SIM_R_X0 + 1, SIM_M_EQ, SIM_V_CONST, 2, 0, 4, 62);
	check_is(p, p->actions[0].checks, 1, SIM_R_PSTATE, SIM_M_EQ, SIM_V_CONST, 0x3C5, 0, 5, 76);
	assert_int_equal(s[0].nchecks, 2);
	check_is(p, s[0].checks, 0, SIM_R_X0, SIM_M_EQ, SIM_V_CONST, 5, 0, 8, 58);
	check_is(p, s[0].checks, 1, SIM_R_X0 + 1, SIM_M_EQ, SIM_V_CONST, 6, 0, 8, 65);
	value_is(p->values[p->checks[s[1].checks].m.list + 1], SIM_V_HANDLER, 0);
	value_is(p->checks[s[2].checks].m.a, SIM_V_CONST, 0xF);
	check_is(p, s[3].checks, 0, SIM_R_X0, SIM_M_EQ, SIM_V_CONST, 4, 1, 11, 77);
	d = &p->dispatches[s[4].list];
	assert_int_equal(d->pe, 7);
	assert_int_equal(d->arg.kind, SIM_M_ONE_OF);
	loc_is(d->arg.loc, 14, 51);
	assert_int_equal(p->resumes[s[5].list].pe, 3);
	/* The file's own profile wins over the argument. */
	assert_int_equal(load(f, "t.yaml", "name: p\nplatform: {profile: default}\nsteps:\n"
			      "  - {call: VERSION, expect: {by_profile: {default: 1, tf-a-fvp: 2}}}\n",
			      "tf-a-fvp"), 0);
	value_is(p->checks[p->steps[0].checks].m.a, SIM_V_CONST, 1);
}

void test_by_profile_errors(void **state)
{
	struct fx *f = *state;

	/* A profile that does not exist, at its key; checked in every entry. */
	load_fails(f, "name: e\nsteps:\n  - {call: VERSION, expect: {by_profile: {default: 1, "
		   "tfa: 2}}}\n", "t.yaml:3:55: unknown key 'tfa' in `by_profile` (allowed: default "
		   "or tf-a-fvp)");
	/* The effective profile has no entry: at the by_profile map. */
	load_fails(f, "name: e\nplatform: {profile: tf-a-fvp}\nsteps:\n  - {call: VERSION, expect: "
		   "{by_profile: {default: 1}}}\n",
		   "t.yaml:4:42: no expectation for profile 'tf-a-fvp'");
	assert_int_equal(load(f, "t.yaml", "name: e\nsteps:\n  - {call: VERSION, expect: "
			      "{by_profile: {tf-a-fvp: 1}}}\n", NULL), -1);
	assert_string_equal(f->err, "t.yaml:3:42: no expectation for profile 'default'");
	/* The other entries are not read: a PE only tf-a-fvp has is fine. */
	load_ok(f, "name: e\nsteps:\n  - expect_dispatches: [{pe: {by_profile: {default: 0, "
		"tf-a-fvp: 7}}}]\n");
	/* ... but the chosen one is. */
	assert_int_equal(load(f, "t.yaml", "name: e\nsteps:\n  - expect_dispatches: [{pe: "
			      "{by_profile: {default: 0, tf-a-fvp: 8}}}]\n", "tf-a-fvp"), -1);
	assert_string_equal(f->err, "t.yaml:3:66: `pe` must be a PE index 0..7 (the platform has 8 "
			    "PEs), found 8");
	load_fails(f, "name: e\nsteps:\n  - {call: VERSION, expect: {by_profile: {default: "
		   "{by_profile: {default: 1}}}}}\n", "t.yaml:3:52: by_profile cannot be nested: the "
		   "profile is already chosen here");
	load_fails(f, "name: e\nsteps:\n  - {call: VERSION, expect: {by_profile: {default: 1}, "
		   "not: 2}}\n", "t.yaml:3:56: unknown key 'not' in a by_profile expectation (allowed: "
		   "by_profile)");
	load_fails(f, "name: e\nsteps:\n  - {call: VERSION, expect: {by_profile: [1, 2]}}\n",
		   "t.yaml:3:42: `by_profile` is a map from profile names to expectations, such as "
		   "{default: SUCCESS, tf-a-fvp: DENIED}, found a sequence");
	/* Only expectations depend on the profile. */
	load_fails(f, "name: e\nsteps:\n  - {call: VERSION, args: [{by_profile: {default: 1}}]}\n",
		   "t.yaml:3:28: an argument: `by_profile` is only used where an expectation is "
		   "(expect, expect_entry, expect_dispatches, expect_resumes, expect_view)");
	load_fails(f, "name: e\nsteps:\n  - {pe: {by_profile: {default: 1}}, call: VERSION}\n",
		   "t.yaml:3:10: `pe`: `by_profile` is only used where an expectation is (expect, "
		   "expect_entry, expect_dispatches, expect_resumes, expect_view)");
}
