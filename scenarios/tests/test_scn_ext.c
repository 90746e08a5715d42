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
	match_is(&d->pe, SIM_M_EQ, SIM_V_CONST, 1, 0, 13, 37);
	match_is(&d->handler, SIM_M_EQ, SIM_V_HANDLER, 0, 0, 13, 87);
	match_is(&d->arg, SIM_M_EQ, SIM_V_CONST, 9, 0, 14, 38);
	r = &p->resumes[s[5].list];
	match_is(&r->pe, SIM_M_EQ, SIM_V_CONST, 2, 0, 16, 37);
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
	match_is(&d->pe, SIM_M_EQ, SIM_V_CONST, 7, 0, 13, 50);
	assert_int_equal(d->arg.kind, SIM_M_ONE_OF);
	loc_is(d->arg.loc, 14, 51);
	match_is(&p->resumes[s[5].list].pe, SIM_M_EQ, SIM_V_CONST, 3, 0, 16, 50);
	/* The file's own profile wins over the argument. */
	assert_int_equal(load(f, "t.yaml", "name: p\nplatform: {profile: default}\nsteps:\n"
			      "  - {call: VERSION, expect: {by_profile: {default: 1, tf-a-fvp: 2}}}\n",
			      "tf-a-fvp"), 0);
	value_is(p->checks[p->steps[0].checks].m.a, SIM_V_CONST, 1);
}

/* A whole expect_dispatches / expect_resumes list may depend on the
 * profile (a dispatch TF-A never makes); no by_profile inside the list a
 * by_profile chose. */
void test_by_profile_whole_list(void **state)
{
	static const char text[] =
		"name: whole list\n"
		"steps:\n"
		"  - expect_dispatches: {by_profile: {default: [{pe: 1}, {pe: 2}], tf-a-fvp: []}}\n"
		"  - expect_resumes: {by_profile: {default: [], tf-a-fvp: [{pe: 3}]}}\n";
	struct fx *f = *state;
	const struct sim_program *p = &f->p;

	assert_int_equal(load(f, "t.yaml", text, NULL), 0);
	assert_int_equal(p->steps[0].nlist, 2);
	match_is(&p->dispatches[p->steps[0].list + 1].pe, SIM_M_EQ, SIM_V_CONST, 2, 0, 3, 62);
	assert_int_equal(p->steps[1].nlist, 0);
	assert_int_equal(load(f, "t.yaml", text, "tf-a-fvp"), 0);
	assert_int_equal(p->steps[0].nlist, 0);
	assert_int_equal(p->steps[1].nlist, 1);
	match_is(&p->resumes[p->steps[1].list].pe, SIM_M_EQ, SIM_V_CONST, 3, 0, 4, 64);
	load_fails(f, "name: e\nsteps:\n  - expect_dispatches: {by_profile: {default: "
		   "[{pe: {by_profile: {default: 1}}}]}}\n",
		   "t.yaml:3:53: by_profile cannot be nested: the profile is already chosen here");
	load_fails(f, "name: e\nsteps:\n  - expect_dispatches: {by_profile: {default: {pe: 1}}}\n",
		   "t.yaml:3:47: `expect_dispatches` must be a sequence, found a map");
}

/* expect_dispatches {includes: [...]}: some of the entries, in order;
 * an entry's depth (a number known at load). */
void test_expect_dispatches_includes(void **state)
{
	static const char text[] =
		"name: includes\n"
		"steps:\n"
		"  - expect_dispatches:\n"
		"      includes:\n"
		"        - {pe: 0, depth: 2}\n"
		"        - {event: 5, depth: {one_of: [1, 2]}}\n"
		"  - expect_dispatches: [{pe: 1, depth: 1}]\n"
		"  - expect_dispatches: {by_profile: {default: {includes: [{pe: 0}]}, tf-a-fvp: []}}\n";
	struct fx *f = *state;
	const struct sim_program *p = &f->p;
	const struct sim_expect_dispatch *d;

	assert_int_equal(load(f, "t.yaml", text, NULL), 0);
	assert_int_equal(p->steps[0].form, SIM_LIST_INCLUDES);
	assert_int_equal(p->steps[0].nlist, 2);
	d = &p->dispatches[p->steps[0].list];
	assert_int_equal(d[0].has_depth, 1);
	match_is(&d[0].depth, SIM_M_EQ, SIM_V_CONST, 2, 0, 5, 26);
	assert_int_equal(d[1].depth.kind, SIM_M_ONE_OF);
	assert_int_equal(p->steps[1].form, SIM_LIST_ALL);
	match_is(&p->dispatches[p->steps[1].list].depth, SIM_M_EQ, SIM_V_CONST, 1, 0, 7, 40);
	assert_int_equal(p->steps[2].form, SIM_LIST_INCLUDES);
	assert_int_equal(p->steps[2].nlist, 1);
	assert_int_equal(load(f, "t.yaml", text, "tf-a-fvp"), 0);
	assert_int_equal(p->steps[2].form, SIM_LIST_ALL);
	assert_int_equal(p->steps[2].nlist, 0);
	load_fails(f, "name: e\nsteps:\n  - expect_dispatches: {includes: []}\n",
		   "t.yaml:3:35: `includes` lists at least one entry (`expect_dispatches: []` expects none)");
	load_fails(f, "name: e\nsteps:\n  - expect_dispatches: {includes: [{pe: 0}], pe: 0}\n",
		   "t.yaml:3:46: unknown key 'pe' in `expect_dispatches` as a map (allowed: includes, starts_with or excludes)");
	load_fails(f, "name: e\nsteps:\n  - expect_dispatches: {includes: {pe: 0}}\n",
		   "t.yaml:3:35: `includes` must be a sequence, found a map");
	load_fails(f, "name: e\nsteps:\n  - {call: VERSION, save: v}\n  - expect_dispatches: [{depth: $v}]\n",
		   "t.yaml:4:33: `depth` must be a number known when the file loads, found $v "
		   "(resolved only when the scenario runs)");
}

/* expect_dispatches {starts_with: [...]}: the first entries, in order;
 * {excludes: [...]}: entries none may match. */
void test_expect_dispatches_starts_with(void **state)
{
	static const char text[] =
		"name: starts_with\n"
		"steps:\n"
		"  - expect_dispatches:\n"
		"      starts_with:\n"
		"        - {pe: 0, depth: 1}\n"
		"        - {event: {not: 5}}\n"
		"  - expect_dispatches: {by_profile: {default: {starts_with: [{pe: 1}]}, tf-a-fvp: {includes: [{pe: 2}]}}}\n"
		"  - expect_dispatches: {excludes: [{pe: 1, event: 5}, {depth: 2}]}\n";
	struct fx *f = *state;
	const struct sim_program *p = &f->p;

	assert_int_equal(load(f, "t.yaml", text, NULL), 0);
	assert_int_equal(p->steps[0].form, SIM_LIST_STARTS);
	assert_int_equal(p->steps[0].nlist, 2);
	assert_int_equal(p->dispatches[p->steps[0].list + 1].event.kind, SIM_M_NOT);
	assert_int_equal(p->steps[1].form, SIM_LIST_STARTS);
	assert_int_equal(p->steps[1].nlist, 1);
	assert_int_equal(p->steps[2].form, SIM_LIST_EXCLUDES);
	assert_int_equal(p->steps[2].nlist, 2);
	match_is(&p->dispatches[p->steps[2].list + 1].depth, SIM_M_EQ, SIM_V_CONST, 2, 0, 8, 63);
	assert_int_equal(load(f, "t.yaml", text, "tf-a-fvp"), 0);
	assert_int_equal(p->steps[1].form, SIM_LIST_INCLUDES);
	match_is(&p->dispatches[p->steps[1].list].pe, SIM_M_EQ, SIM_V_CONST, 2, 0, 7, 100);
	load_fails(f, "name: e\nsteps:\n  - expect_dispatches: {starts_with: []}\n",
		   "t.yaml:3:38: `starts_with` lists at least one entry (`expect_dispatches: []` expects none)");
	load_fails(f, "name: e\nsteps:\n  - expect_dispatches: {excludes: []}\n",
		   "t.yaml:3:35: `excludes` lists at least one entry (`expect_dispatches: []` expects none)");
	load_fails(f, "name: e\nsteps:\n  - expect_dispatches: {includes: [{pe: 0}], starts_with: [{pe: 0}]}\n",
		   "t.yaml:3:46: `expect_dispatches` as a map has one key: `includes`, `starts_with` or `excludes`");
	load_fails(f, "name: e\nsteps:\n  - expect_dispatches: {starts_with: {pe: 0}}\n",
		   "t.yaml:3:38: `starts_with` must be a sequence, found a map");
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

/* ---- expect_view ---- */

void test_expect_view(void **state)
{
	struct fx *f = *state;
	const struct sim_program *p = &f->p;
	const struct sim_expect_view *v;
	const struct sim_op *s;

	load_ok(f, "name: view\n"
		   "handlers: {h: [{complete: HANDLED}]}\n"
		   "steps:\n"
		   "  - {call: INTERRUPT_BIND, args: [45], save: ev}\n"
		   "  - expect_view:\n"
		   "      masked: 1\n"
		   "      pe: 2\n"
		   "      bound: [$ev, 0x40FF8001]\n"
		   "      context: {x17: 3, pc: interrupted_pc, pstate: {daif: 0xf}}\n"
		   "      depth: {not: 2}\n"
		   "      events: {0: {state: 3, ep: h}, $ev: {arg: {by_profile: {default: 4}}}}\n"
		   "      nested_context: {}\n"
		   "      registered: []\n"
		   "  - expect_view: {pe: 0}\n");
	s = &p->steps[1];
	op_is(s, SIM_OP_EXPECT_VIEW, 2, 5, 5);
	/* Parts in file order; consecutive PE-wide keys share one. */
	assert_int_equal(s->nlist, 7);
	v = &p->views[s->list];
	assert_int_equal(v[0].part, SIM_VIEW_PE);
	loc_is(v[0].loc, 6, 7);
	assert_int_equal(v[0].nchecks, 2);
	check_is(p, v[0].checks, 0, SIM_R_VIEW_MASKED, SIM_M_EQ, SIM_V_CONST, 1, 0, 6, 15);
	assert_int_equal(p->checks[v[0].checks + 1].reg, SIM_R_VIEW_BOUND);
	{
		const struct sim_match *m = &p->checks[v[0].checks + 1].m;
		assert_int_equal(m->kind, SIM_M_SET);
		loc_is(m->loc, 8, 14);
		assert_int_equal(m->count, 2);
		value_is(p->values[m->list], SIM_V_VAR, 0);
		value_is(p->values[m->list + 1], SIM_V_CONST, 0x40FF8001);
	}
	assert_int_equal(v[1].part, SIM_VIEW_CONTEXT);
	loc_is(v[1].loc, 9, 7);
	assert_int_equal(v[1].nchecks, 3);
	check_is(p, v[1].checks, 0, SIM_R_X0 + 17, SIM_M_EQ, SIM_V_CONST, 3, 0, 9, 22);
	check_is(p, v[1].checks, 1, SIM_R_PC, SIM_M_EQ, SIM_V_INT_PC, 0, 0, 9, 29);
	check_is(p, v[1].checks, 2, SIM_R_PSTATE_DAIF, SIM_M_EQ, SIM_V_CONST, 0xF, 0, 9, 60);
	assert_int_equal(v[2].part, SIM_VIEW_PE);
	check_is(p, v[2].checks, 0, SIM_R_VIEW_DEPTH, SIM_M_NOT, SIM_V_CONST, 2, 0, 10, 14);
	assert_int_equal(v[3].part, SIM_VIEW_EVENT);
	value_is(v[3].event, SIM_V_CONST, 0);
	loc_is(v[3].loc, 11, 16);
	assert_int_equal(v[3].nchecks, 2);
	check_is(p, v[3].checks, 0, SIM_R_VIEW_STATE, SIM_M_EQ, SIM_V_CONST, 3, 0, 11, 27);
	check_is(p, v[3].checks, 1, SIM_R_VIEW_EP, SIM_M_EQ, SIM_V_HANDLER, 0, 0, 11, 34);
	assert_int_equal(v[4].part, SIM_VIEW_EVENT);
	value_is(v[4].event, SIM_V_VAR, 0);
	loc_is(v[4].loc, 11, 38);
	check_is(p, v[4].checks, 0, SIM_R_VIEW_ARG, SIM_M_EQ, SIM_V_CONST, 4, 0, 11, 72);
	assert_int_equal(v[5].part, SIM_VIEW_NESTED_CONTEXT);
	assert_int_equal(v[5].nchecks, 0);
	/* `registered: []` after it: a PE part of its own, an empty set. */
	assert_int_equal(v[6].part, SIM_VIEW_PE);
	assert_int_equal(p->checks[v[6].checks].m.kind, SIM_M_SET);
	assert_int_equal(p->checks[v[6].checks].m.count, 0);
	assert_int_equal(p->checks[v[6].checks].reg, SIM_R_VIEW_REGISTERED);
	/* Only `pe`: no part at all. */
	op_is(&p->steps[2], SIM_OP_EXPECT_VIEW, 0, 14, 5);
	assert_int_equal(p->steps[2].nlist, 0);
	assert_int_equal(p->nviews, 7);
	/* An empty `events` map checks no event: no part either. */
	load_ok(f, "name: view\nsteps:\n  - expect_view: {pe: 0, events: {}}\n");
	assert_int_equal(p->steps[0].nlist, 0);
	/* An event is listed twice only against the other events: the PE part
	 * before `events` (event field zero, as event 0's) is no event. */
	load_ok(f, "name: view\nsteps:\n  - expect_view: {pe: 0, masked: 0, events: {1: {}, 0: {}}}\n");
	assert_int_equal(p->steps[0].nlist, 3);
	value_is(p->views[p->steps[0].list + 2].event, SIM_V_CONST, 0);
}

/* `{includes: [...]}`: a bitmap that holds those events among others. */
void test_expect_view_includes(void **state)
{
	struct fx *f = *state;
	const struct sim_program *p = &f->p;
	const struct sim_match *m;

	load_ok(f, "name: view\n"
		   "steps:\n"
		   "  - expect_view: {pe: 1, pending: {includes: [0, 0x40FF8001]}, bound: []}\n");
	assert_int_equal(p->steps[0].nlist, 1);
	assert_int_equal(p->views[p->steps[0].list].nchecks, 2);
	m = &p->checks[p->views[p->steps[0].list].checks].m;
	assert_int_equal(p->checks[p->views[p->steps[0].list].checks].reg, SIM_R_VIEW_PENDING);
	assert_int_equal(m->kind, SIM_M_INCLUDES);
	loc_is(m->loc, 3, 35);
	assert_int_equal(m->count, 2);
	value_is(p->values[m->list], SIM_V_CONST, 0);
	value_is(p->values[m->list + 1], SIM_V_CONST, 0x40FF8001);
	m = &p->checks[p->views[p->steps[0].list].checks + 1].m;
	assert_int_equal(m->kind, SIM_M_SET);
	assert_int_equal(m->count, 0);
}

void test_expect_view_errors(void **state)
{
	struct fx *f = *state;

	load_fails(f, "name: v\nsteps:\n  - expect_view: {masked: 1}\n",
		   "t.yaml:3:18: expect_view needs `pe: N` (the PE whose view is checked)");
	load_fails(f, "name: v\nsteps:\n  - expect_view: [0]\n", "t.yaml:3:18: expect_view is a "
		   "map {pe: N, masked, depth, registered, enabled, running, pending, bound, context, "
		   "nested_context, events}, found a sequence");
	load_fails(f, "name: v\nsteps:\n  - expect_view: {pe: 0, running: 0}\n",
		   "t.yaml:3:35: `running` is a list of event numbers (the exact set), such as [0, "
		   "0x40000100], or {includes: [...]} (events among others), found the number 0");
	load_fails(f, "name: v\nsteps:\n  - expect_view: {pe: 0, pending: {includes: 0}}\n",
		   "t.yaml:3:46: `pending: {includes}` is a list of event numbers, such as "
		   "[0, 0x40000100], found the number 0");
	load_fails(f, "name: v\nsteps:\n  - expect_view: {pe: 0, pending: {has: [0]}}\n",
		   "t.yaml:3:36: unknown key 'has' in a set that may hold more (allowed: includes: "
		   "[EVENT, ...])");
	load_fails(f, "name: v\nsteps:\n  - expect_view: {pe: 0, bound: {}}\n",
		   "t.yaml:3:33: `bound: {}` needs `includes: [EVENT, ...]`");
	load_fails(f, "name: v\nsteps:\n  - expect_view: {pe: 0, pending: [{not: 0}]}\n",
		   "t.yaml:3:37: unknown key 'not' in a value (allowed: a map as a value is {offset: "
		   "HANDLER} or {mpidr: N})");
	load_fails(f, "name: v\nsteps:\n  - expect_view: {pe: 0, context: {x18: 0}}\n",
		   "t.yaml:3:36: unknown key 'x18' in `context` (allowed: pc, pstate, x0..x17)");
	load_fails(f, "name: v\nsteps:\n  - expect_view: {pe: 0, nested_context: 0}\n",
		   "t.yaml:3:42: `nested_context` is a map {pc, pstate, x0..x17}, found the number 0");
	load_fails(f, "name: v\nsteps:\n  - expect_view: {pe: 0, events: {0: {ep: 1}, 0x0: {}}}\n",
		   "t.yaml:3:47: event 0x0 is listed twice in `events` (first at 3:35)");
	load_fails(f, "name: v\nsteps:\n  - expect_view: {pe: 0, events: {1: {sp: 0}}}\n",
		   "t.yaml:3:39: unknown key 'sp' in an entry of `events` (allowed: ep, arg, flags, "
		   "state)");
	load_fails(f, "name: v\nsteps:\n  - expect_view: {pe: 0, events: [0]}\n",
		   "t.yaml:3:34: `events` is a map {EVENT: {ep, arg, flags, state}}, found a sequence");
	load_fails(f, "name: v\nsteps:\n  - expect_view: {pe: 4}\n",
		   "t.yaml:3:23: `pe` must be a PE index 0..3 (the platform has 4 PEs), found 4");
	load_fails(f, "name: v\nhandlers: {h: [{expect_view: {pe: 0}}]}\nsteps: []\n",
		   "t.yaml:2:17: 'expect_view' is only used in steps (a handler action is one of: "
		   "call, fid, psci, interrupt, expect_entry, yield, complete, complete_and_resume)");
	load_fails(f, "name: v\nsteps:\n  - {expect_view: {pe: 0}, pe: 1}\n",
		   "t.yaml:3:28: key 'pe' is not allowed in an expect_view step (allowed: "
		   "expect_view)");
}

/* ---- lenient, choices ---- */

void test_reproducer_keys(void **state)
{
	struct fx *f = *state;
	const struct sim_program *p = &f->p;

	load_ok(f, "name: r\nsteps: []\n");
	assert_false(p->lenient);
	assert_int_equal(p->nchoices, 0);
	load_ok(f, "name: r\nchoices: [0, 255, 0x7f, 3]\nlenient: true\n"
		   "steps:\n  - {call: EVENT_STATUS, args: [$nothing_saves_it]}\n"
		   "  - {call: EVENT_STATUS, args: [$b], save: b}\n");
	assert_true(p->lenient);
	assert_int_equal(p->nchoices, 4);
	assert_int_equal(p->choices[0], 0);
	assert_int_equal(p->choices[1], 255);
	assert_int_equal(p->choices[2], 0x7F);
	assert_int_equal(p->choices[3], 3);
	/* Declared where it is used: after the saved names. */
	assert_int_equal(p->nvars, 2);
	assert_string_equal(var_name(p, 0), "b");
	assert_string_equal(var_name(p, 1), "nothing_saves_it");
	value_is(p->values[p->steps[0].args], SIM_V_VAR, 1);
	/* A reload starts from nothing. */
	load_ok(f, "name: r\nlenient: false\nchoices: []\nsteps: []\n");
	assert_false(p->lenient);
	assert_int_equal(p->nchoices, 0);
	/* Errors. */
	load_fails(f, "name: r\nchoices: [1, 256]\nsteps: []\n",
		   "t.yaml:2:14: a choice must be 0..255, found 256");
	load_fails(f, "name: r\nchoices: [-1]\nsteps: []\n",
		   "t.yaml:2:11: a choice must be 0..255, found -1");
	load_fails(f, "name: r\nchoices: 3\nsteps: []\n",
		   "t.yaml:2:10: `choices` must be a sequence, found the number 3");
	load_fails(f, "name: r\nlenient: yes\nsteps: []\n",
		   "t.yaml:2:10: `lenient` must be true or false, found the string 'yes'");
	load_fails(f, "name: r\nlenient: false\nsteps:\n  - {call: VERSION, args: [$x]}\n",
		   "t.yaml:4:28: undefined variable $x (no step or action has `save: x`)");
}
