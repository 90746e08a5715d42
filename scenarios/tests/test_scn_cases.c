/*
 * test_scn_cases.c - the loader's tests on texts: every platform key,
 * value and expectation form, step and action detail (the errors on
 * inputs made by the test: test_scn_malformed.c).
 */
#include "scn_test.h"

/* ---- Platform ---- */

static void platform_is_profile(const struct sim_platform *got, const char *profile)
{
	struct sim_platform want;

	assert_true(sim_platform_profile(&want, profile));
	assert_memory_equal(&want, got, sizeof want);
}

void test_platform_defaults(void **state)
{
	struct fx *f = *state;

	/* The contract's table of defaults, every key given. */
	load_ok(f, "name: defaults\n"
		   "platform:\n"
		   "  profile: default\n"
		   "  pes: 4\n"
		   "  mpidr: [0, 1, 2, 3]\n"
		   "  client_el: 2\n"
		   "  conduit: smc\n"
		   "  version: \"1.1\"\n"
		   "  relative_mode: true\n"
		   "  bind_slots: {private: 4, shared: 4}\n"
		   "  spis: 96\n"
		   "  secure_intids: []\n"
		   "  events: []\n"
		   "steps: []\n");
	platform_is_profile(&f->p.platform, "default");
	assert_int_equal(f->p.nsteps, 0);
	assert_null(f->p.description);
	load_ok(f, "name: empty platform\nplatform: {}\nsteps: []\n");
	platform_is_profile(&f->p.platform, "default");
}

void test_platform_profiles(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load(f, "t.yaml", "name: p\nsteps: []\n", "tf-a-fvp"), 0);
	platform_is_profile(&f->p.platform, "tf-a-fvp");
	assert_int_equal(load(f, "t.yaml", "name: p\nplatform: {profile: default}\nsteps: []\n",
			      "tf-a-fvp"), 0);
	platform_is_profile(&f->p.platform, "default");
	/* `profile` first, wherever it is; `pes` keeps the profile's MPIDRs. */
	load_ok(f, "name: p\nplatform: {pes: 6, profile: tf-a-fvp}\nsteps: []\n");
	assert_string_equal(f->p.platform.profile, "tf-a-fvp");
	assert_int_equal(f->p.platform.pes, 6);
	assert_int_equal(f->p.platform.mpidr[5], 0x101);
	assert_int_equal(f->p.platform.version_minor, 0);
	assert_int_equal(f->p.platform.nevents, 5);
	load_ok(f, "name: p\nplatform: {profile: tf-a-fvp, version: 1.1, relative_mode: true}\n"
		   "steps: []\n");
	assert_int_equal(f->p.platform.version_minor, 1);
	assert_int_equal(f->p.platform.relative_mode, 1);
	assert_int_equal(load(f, "t.yaml", "name: p\nplatform: {spis: 10}\nsteps: []\n", "tf-a-fvp"), -1);
	assert_string_equal(f->err, "t.yaml:2:18: with 10 SPIs, INTID 56, a secure INTID of the "
			    "profile, does not exist (give `secure_intids` too)");
}

void test_platform_keys(void **state)
{
	struct fx *f = *state;
	const struct sim_platform *p = &f->p.platform;
	static const uint64_t mpidr[] = { 0x100, 0x0, 0x10000, 0xFF00000000 };

	load_ok(f, "name: every key\n"
		   "platform:\n"
		   "  pes: 4\n"
		   "  mpidr: [0x100, 0x0, 0x10000, 0xFF00000000]\n"
		   "  client_el: 1\n"
		   "  conduit: hvc\n"
		   "  version: 1.0\n"
		   "  bind_slots: {shared: 2}\n"
		   "  spis: 200\n"
		   "  secure_intids: [29, 200]\n"
		   "  events:\n"
		   "    - {event: 0x100, type: shared, intid: 231}\n"
		   "    - {event: 0x40000001, type: private, priority: critical, explicit: true}\n"
		   "steps: []\n");
	assert_memory_equal(p->mpidr, mpidr, sizeof mpidr);
	assert_int_equal(p->client_el, 1);
	assert_int_equal(p->conduit, SIM_CONDUIT_HVC);
	assert_int_equal(p->version_minor, 0);
	assert_int_equal(p->relative_mode, 0);      /* 1.0 has none */
	assert_int_equal(p->bind_private, 4);
	assert_int_equal(p->bind_shared, 2);
	assert_int_equal(p->spis, 200);
	assert_int_equal(p->nsecure, 2);
	assert_int_equal(p->secure_intids[0], 29);
	assert_int_equal(p->secure_intids[1], 200);
	assert_int_equal(p->nevents, 2);
	assert_int_equal(p->events[0].number, 0x100);
	assert_int_equal(p->events[0].type, SDD_SHARED);
	assert_int_equal(p->events[0].priority, SDD_PRI_NORMAL);
	assert_int_equal(p->events[0].intid, 231);
	loc_is(p->events[0].loc, 12, 7);
	assert_int_equal(p->events[1].number, 0x40000001);
	assert_int_equal(p->events[1].type, SDD_PRIVATE);
	assert_int_equal(p->events[1].priority, SDD_PRI_CRITICAL);
	assert_int_equal(p->events[1].explicit_event, 1);
	load_ok(f, "name: v\nplatform: {version: \"1.1\", relative_mode: false}\nsteps: []\n");
	assert_int_equal(p->version_minor, 1);
	assert_int_equal(p->relative_mode, 0);
}

/* ---- Values and expectations ---- */

void test_values(void **state)
{
	struct fx *f = *state;
	static const uint64_t want[6][5] = {
		{ 0, (uint64_t)-1, (uint64_t)-2, (uint64_t)-3, (uint64_t)-5 },
		{ (uint64_t)-10, 0, 1, 0, 1 },
		{ 0, 1, 2, 3, 4 },
		{ 0, 1, UINT64_MAX, UINT64_C(0x8000000000000000), UINT64_MAX },
		{ 0xFF, 0, 7, INT64_MAX, UINT64_MAX },
		{ UINT64_MAX, (uint64_t)-0x2A, 0, UINT64_C(0x8000000000000000),
		  UINT64_C(0xFFFFFFFF80000000) },
	};

	load_ok(f, "name: values\n"
		   "handlers:\n"
		   "  h: [{complete: HANDLED}]\n"
		   "steps:\n"
		   "  - {call: EVENT_STATUS, args: [SUCCESS, NOT_SUPPORTED, INVALID_PARAMETERS, DENIED, "
		   "PENDING], save: v}\n"
		   "  - {call: EVENT_STATUS, args: [OUT_OF_RESOURCE, RM_ANY, RM_PE, HANDLED, FAILED]}\n"
		   "  - {call: EVENT_STATUS, args: [TYPE, SIGNALED, PRIORITY, ROUTING_MODE, ROUTING_AFF]}\n"
		   "  - {call: EVENT_STATUS, args: [BIND_SLOTS, RELATIVE_MODE, -1, -9223372036854775808, "
		   "18446744073709551615]}\n"
		   "  - {call: EVENT_STATUS, args: [0XfF, 0x0, 007, 9223372036854775807, "
		   "0xFFFFFFFFFFFFFFFF]}\n"
		   "  - {call: EVENT_STATUS, args: [-0x1, -0X2a, -0x0, -0x8000000000000000, "
		   "-0x80000000]}\n"
		   "  - {call: EVENT_STATUS, args: [h, {offset: h}, {mpidr: 3}, resume_pad, $v]}\n");
	assert_int_equal(f->p.nsteps, 7);
	for (unsigned s = 0; s < 6; s++)
		call_is(&f->p, &f->p.steps[s], SDD_FID_EVENT_STATUS, 0, s == 0 ? 0 : -1, 5, want[s], 0);
	value_is(f->p.values[f->p.steps[6].args + 0], SIM_V_HANDLER, 0);
	value_is(f->p.values[f->p.steps[6].args + 1], SIM_V_HANDLER_OFF, 0);
	value_is(f->p.values[f->p.steps[6].args + 2], SIM_V_MPIDR, 3);
	value_is(f->p.values[f->p.steps[6].args + 3], SIM_V_RESUME_PAD, 0);
	value_is(f->p.values[f->p.steps[6].args + 4], SIM_V_VAR, 0);
	/* Below -2^63, in hex as in decimal. */
	assert_int_equal(load(f, "t.yaml", "name: v\nsteps:\n  - {call: VERSION, args: "
			      "[-0x8000000000000001]}\n", NULL), -1);
	assert_string_equal(f->err, "t.yaml:3:28: number out of range: -0x8000000000000001 does "
			    "not fit in 64 bits");
}

void test_expect_forms(void **state)
{
	struct fx *f = *state;
	const struct sim_program *p = &f->p;
	const struct sim_op *s;
	const struct sim_match *m;

	load_ok(f, "name: expectations\n"
		   "steps:\n"
		   "  - {call: VERSION, expect: {x0: 1, x3: {not: 2}, x30: {one_of: [4, 5, 6]}}}\n"
		   "  - {call: VERSION, args: [7], expect: {one_of: [SUCCESS, DENIED]}}\n"
		   "  - {pe: 1, psci: PSCI_VERSION, expect: {x0: {mask: 0xFFFF, value: 0x2}, x1: 3}}\n"
		   "  - {pe: 1, psci: PSCI_VERSION, expect: {not: NOT_SUPPORTED}}\n"
		   "  - {dispatch: 0x40000300, expect: {one_of: [0, -1]}}\n");
	s = p->steps;
	assert_int_equal(s[0].nchecks, 3);
	check_is(p, s[0].checks, 0, SIM_R_X0, SIM_M_EQ, SIM_V_CONST, 1, 0, 3, 34);
	check_is(p, s[0].checks, 1, SIM_R_X0 + 3, SIM_M_NOT, SIM_V_CONST, 2, 0, 3, 41);
	m = &p->checks[s[0].checks + 2].m;
	assert_int_equal(p->checks[s[0].checks + 2].reg, SIM_R_X0 + 30);
	assert_int_equal(m->kind, SIM_M_ONE_OF);
	loc_is(m->loc, 3, 56);
	assert_int_equal(m->list, 0);
	assert_int_equal(m->count, 3);
	for (unsigned k = 0; k < 3; k++)
		value_is(p->values[k], SIM_V_CONST, 4 + k);
	/* The argument, then the one_of list, each contiguous. */
	value_is(p->values[s[1].args], SIM_V_CONST, 7);
	m = &p->checks[s[1].checks].m;
	assert_int_equal(m->kind, SIM_M_ONE_OF);
	assert_int_equal(m->list, 4);
	assert_int_equal(m->count, 2);
	value_is(p->values[4], SIM_V_CONST, 0);
	value_is(p->values[5], SIM_V_CONST, (uint64_t)SDD_DENIED);
	/* PSCI: x0 alone is 32-bit. */
	assert_int_equal(s[2].nchecks, 2);
	m = &p->checks[s[2].checks].m;
	assert_int_equal(m->kind, SIM_M_MASK);
	assert_int_equal(m->width32, 1);
	value_is(m->a, SIM_V_CONST, 0xFFFF);
	value_is(m->b, SIM_V_CONST, 2);
	check_is(p, s[2].checks, 1, SIM_R_X0 + 1, SIM_M_EQ, SIM_V_CONST, 3, 0, 5, 78);
	check_is(p, s[3].checks, 0, SIM_R_X0, SIM_M_NOT, SIM_V_CONST, UINT64_MAX, 1, 6, 41);
	op_is(&s[4], SIM_OP_DISPATCH, 0, 7, 5);
	assert_int_equal(p->checks[s[4].checks].m.kind, SIM_M_ONE_OF);
	assert_int_equal(p->checks[s[4].checks].m.width32, 0);
	assert_int_equal(p->nvalues, 8);
}

void test_entry_and_resumes(void **state)
{
	struct fx *f = *state;
	const struct sim_program *p = &f->p;
	const struct sim_op *a;
	const struct sim_expect_resume *r;

	load_ok(f, "name: entry and resumes\n"
		   "handlers:\n"
		   "  h:\n"
		   "    - expect_entry: {x1: 1, x0: interrupted_pc, sp: 0x8000, pstate: {mask: 0xC, "
		   "value: 0x8}, x30: {one_of: [interrupted_pstate, 0]}}\n"
		   "    - complete: FAILED\n"
		   "steps:\n"
		   "  - expect_resumes:\n"
		   "      - {spsr: 0x3C5, elr: {not: 0}, pstate: interrupted_pstate}\n"
		   "      - {}\n");
	a = p->actions;
	/* Checks in file order. */
	op_is(&a[0], SIM_OP_EXPECT_ENTRY, SIM_NONE, 4, 7);
	assert_int_equal(a[0].nchecks, 5);
	check_is(p, a[0].checks, 0, SIM_R_X0 + 1, SIM_M_EQ, SIM_V_CONST, 1, 0, 4, 26);
	check_is(p, a[0].checks, 1, SIM_R_X0, SIM_M_EQ, SIM_V_INT_PC, 0, 0, 4, 33);
	check_is(p, a[0].checks, 2, SIM_R_SP, SIM_M_EQ, SIM_V_CONST, 0x8000, 0, 4, 53);
	assert_int_equal(p->checks[a[0].checks + 3].reg, SIM_R_PSTATE);
	assert_int_equal(p->checks[a[0].checks + 3].m.kind, SIM_M_MASK);
	value_is(p->checks[a[0].checks + 3].m.b, SIM_V_CONST, 8);
	assert_int_equal(p->checks[a[0].checks + 4].reg, SIM_R_X0 + 30);
	assert_int_equal(p->checks[a[0].checks + 4].m.kind, SIM_M_ONE_OF);
	value_is(p->values[p->checks[a[0].checks + 4].m.list], SIM_V_INT_PSTATE, 0);
	op_is(&a[1], SIM_OP_COMPLETE, SIM_NONE, 5, 7);
	value_is(a[1].fid, SIM_V_CONST, SDD_EV_FAILED);
	assert_int_equal(p->steps[0].nlist, 2);
	r = &p->resumes[p->steps[0].list];
	assert_int_equal(r[0].has_pe, 0);
	assert_int_equal(r[0].nchecks, 3);
	check_is(p, r[0].checks, 0, SIM_R_SPSR, SIM_M_EQ, SIM_V_CONST, 0x3C5, 0, 8, 16);
	check_is(p, r[0].checks, 1, SIM_R_ELR, SIM_M_NOT, SIM_V_CONST, 0, 0, 8, 28);
	check_is(p, r[0].checks, 2, SIM_R_PSTATE, SIM_M_EQ, SIM_V_INT_PSTATE, 0, 0, 8, 46);
	assert_int_equal(r[1].nchecks, 0);
	loc_is(r[1].loc, 9, 9);
}

/* ---- Steps and actions ---- */

/* pe and handler of expect_dispatches, pe of expect_resumes: every form,
 * PE indices as constants, handlers as their entry points. */
void test_entry_field_forms(void **state)
{
	struct fx *f = *state;
	const struct sim_program *p = &f->p;
	const struct sim_expect_dispatch *d;
	const struct sim_expect_resume *r;

	load_ok(f, "name: entry field forms\n"
		   "handlers: {h_b: [complete: HANDLED], h_c: [complete: HANDLED]}\n"
		   "steps:\n"
		   "  - expect_dispatches:\n"
		   "      - {pe: {one_of: [0, 3]}, handler: {one_of: [h_b, h_c]}}\n"
		   "      - {pe: {not: 1}, handler: {not: h_c}}\n"
		   "      - {pe: {mask: 1, value: 0}, handler: {mask: 0xFFF, value: h_b}}\n"
		   "      - {event: 0}\n"
		   "  - expect_resumes: [{pe: {one_of: [2]}}, {pe: {mask: 2, value: 2}}]\n");
	d = &p->dispatches[p->steps[0].list];
	match_is(&d[0].pe, SIM_M_ONE_OF, SIM_V_CONST, 0, 0, 5, 14);
	value_is(p->values[d[0].pe.list + 1], SIM_V_CONST, 3);
	match_is(&d[0].handler, SIM_M_ONE_OF, SIM_V_CONST, 0, 0, 5, 41);
	for (unsigned k = 0; k < 2; k++)
		value_is(p->values[d[0].handler.list + k], SIM_V_HANDLER, k);
	match_is(&d[1].pe, SIM_M_NOT, SIM_V_CONST, 1, 0, 6, 14);
	match_is(&d[1].handler, SIM_M_NOT, SIM_V_HANDLER, 1, 0, 6, 33);
	match_is(&d[2].pe, SIM_M_MASK, SIM_V_CONST, 1, 0, 7, 14);
	value_is(d[2].handler.a, SIM_V_CONST, 0xFFF);
	value_is(d[2].handler.b, SIM_V_HANDLER, 0);
	assert_true(d[0].has_pe && d[0].has_handler && !d[0].has_event && !d[0].has_arg);
	r = &p->resumes[p->steps[1].list];
	assert_true(!d[3].has_pe && !d[3].has_handler && d[3].has_event && r[1].has_pe);
	match_is(&r[0].pe, SIM_M_ONE_OF, SIM_V_CONST, 0, 0, 9, 27);
	match_is(&r[1].pe, SIM_M_MASK, SIM_V_CONST, 2, 0, 9, 48);
	/* PSTATE as a whole value in the forms not and one_of, not only
	 * mask and value; a map of a field (el too) and a form is the
	 * fields' error, at the form's key; a mask alone is the form's. */
	load_ok(f, "name: pstate forms\nsteps:\n"
		   "  - expect_resumes: [{pstate: {not: 0x3c5}}, {pstate: {one_of: [0x3c5, 0x3c9]}}]\n");
	r = &p->resumes[p->steps[0].list];
	check_is(p, r[0].checks, 0, SIM_R_PSTATE, SIM_M_NOT, SIM_V_CONST, 0x3c5, 0, 3, 31);
	check_is(p, r[1].checks, 0, SIM_R_PSTATE, SIM_M_ONE_OF, SIM_V_CONST, 0, 0, 3, 55);
	load_fails(f, "name: e\nsteps:\n  - expect_resumes: [{pstate: {daif: 0xf, mask: 1}}]\n",
		   "t.yaml:3:43: unknown key 'mask' in `pstate` (allowed: el, daif, spsel, pan, dit, nzcv; "
		   "or the whole value as an expectation, {mask: M, value: V}, {not: V} or "
		   "{one_of: [V, ...]})");
	load_fails(f, "name: e\nsteps:\n  - expect_resumes: [{pstate: {el: 1, mask: 1}}]\n",
		   "t.yaml:3:39: unknown key 'mask' in `pstate` (allowed: el, daif, spsel, pan, dit, nzcv; "
		   "or the whole value as an expectation, {mask: M, value: V}, {not: V} or "
		   "{one_of: [V, ...]})");
	load_fails(f, "name: e\nsteps:\n  - expect_resumes: [{pstate: {mask: 1}}]\n",
		   "t.yaml:3:31: {mask: M, value: V} needs both `mask` and `value`");
	/* The values compared with are PE indices and handler names (not
	 * those of a mask); a by_profile entry may be a form. */
	load_fails(f, "name: e\nsteps:\n  - expect_dispatches: [{pe: {not: 4}}]\n",
		   "t.yaml:3:36: `not` must be a PE index 0..3 (the platform has 4 PEs), found 4");
	load_fails(f, "name: e\nsteps:\n  - expect_resumes: [{pe: {one_of: [$v]}}]\n",
		   "t.yaml:3:37: a `one_of` value must be a number known when the file loads, found $v "
		   "(resolved only when the scenario runs)");
	load_fails(f, "name: e\nhandlers: {h: [complete: HANDLED]}\nsteps:\n"
		   "  - expect_dispatches: [{handler: {one_of: [h, 0x1000]}}]\n",
		   "t.yaml:4:48: a `one_of` value must be a handler name, found the number 0x1000 "
		   "(no handler has this name)");
	load_ok(f, "name: e\nsteps:\n  - expect_dispatches: [{pe: {by_profile: {default: "
		"{not: 0}, tf-a-fvp: {one_of: [6, 7]}}}}]\n");
	match_is(&p->dispatches[0].pe, SIM_M_NOT, SIM_V_CONST, 0, 0, 3, 53);
}

void test_steps_details(void **state)
{
	struct fx *f = *state;
	const struct sim_program *p = &f->p;
	const struct sim_op *s, *a;
	static const uint64_t twelve[] = { 1, 2 };

	load_ok(f, "name: details\n"
		   "platform: {client_el: 1}\n"
		   "steps:\n"
		   "  - {call: VERSION, from_el: 1}\n"
		   "  - {call: VERSION, from_el: 2, aarch32: true}\n"
		   "  - {fid: 0xC4000020, from_el: 3, pe: 3, aarch32: false}\n"
		   "  - {call: SDEI_PE_MASK}\n"
		   "  - {interrupt: 5}\n"
		   "  - {interrupt: 20, pe: 3}\n"
		   "  - {interrupt: 127}\n"
		   "  - {set: {pstate: {nzcv: 15}, x30: $r}, pe: 2}\n"
		   "  - {psci: CPU_SUSPEND, save: r}\n"
		   "  - {psci: CPU_FREEZE, args: [1, 2]}\n"
		   "  - {wake: 3}\n"
		   "  - {resume: 0}\n"
		   "  - {dispatch: $r}\n"
		   "handlers:\n"
		   "  h:\n"
		   "    - {interrupt: 20}\n"
		   "    - {interrupt: 2, pe: 1}\n"
		   "    - {interrupt: 100}\n"
		   "    - {psci: AFFINITY_INFO, target: 3, expect: 1, save: r}\n"
		   "    - {call: EVENT_COMPLETE_AND_RESUME, args: [{offset: h}]}\n");
	s = p->steps;
	a = p->actions;
	assert_int_equal(p->nsteps, 13);
	assert_int_equal(s[0].from_el, 0);             /* the client EL */
	assert_int_equal(s[0].aarch32, 0);
	assert_int_equal(s[1].from_el, 2);
	assert_int_equal(s[1].aarch32, 1);
	assert_int_equal(s[2].aarch32, 0);
	op_is(&s[2], SIM_OP_CALL, 3, 6, 5);
	assert_int_equal(s[2].from_el, 3);
	assert_int_equal(s[2].raw_fid, 1);
	value_is(s[3].fid, SIM_V_CONST, SDD_FID_PE_MASK);
	op_is(&s[4], SIM_OP_INTERRUPT, 0, 8, 5);       /* an SGI goes to PE 0 */
	op_is(&s[5], SIM_OP_INTERRUPT, 3, 9, 5);
	op_is(&s[6], SIM_OP_INTERRUPT, SIM_NONE, 10, 5);
	assert_int_equal(s[6].intid, 127);
	op_is(&s[7], SIM_OP_SET, 2, 11, 5);
	assert_int_equal(s[7].nsets, 2);
	assert_int_equal(p->assigns[s[7].sets].reg, SIM_R_PSTATE_NZCV);
	value_is(p->assigns[s[7].sets].v, SIM_V_CONST, 15);
	loc_is(p->assigns[s[7].sets].loc, 11, 27);
	assert_int_equal(p->assigns[s[7].sets + 1].reg, SIM_R_X0 + 30);
	value_is(p->assigns[s[7].sets + 1].v, SIM_V_VAR, 0);
	op_is(&s[8], SIM_OP_PSCI, 0, 12, 5);
	assert_int_equal(s[8].state, SIM_SUSPEND_STANDBY);
	assert_int_equal(s[8].save, 0);
	assert_int_equal(s[9].psci_fn, SIM_PSCI_CPU_FREEZE);
	assert_int_equal(s[9].nargs, 2);
	value_is(p->values[s[9].args + 1], SIM_V_CONST, twelve[1]);
	op_is(&s[10], SIM_OP_WAKE, 3, 14, 5);
	op_is(&s[11], SIM_OP_RESUME, 0, 15, 5);
	op_is(&s[12], SIM_OP_DISPATCH, 0, 16, 5);
	value_is(s[12].event, SIM_V_VAR, 0);
	/* Actions: an interrupt without `pe` goes to the handler's PE. */
	op_is(&a[0], SIM_OP_INTERRUPT, SIM_NONE, 19, 7);
	op_is(&a[1], SIM_OP_INTERRUPT, 1, 20, 7);
	op_is(&a[2], SIM_OP_INTERRUPT, SIM_NONE, 21, 7);
	op_is(&a[3], SIM_OP_PSCI, SIM_NONE, 22, 7);
	assert_int_equal(a[3].target, 3);
	assert_int_equal(a[3].save, 0);
	check_is(p, a[3].checks, 0, SIM_R_X0, SIM_M_EQ, SIM_V_CONST, 1, 1, 22, 48);
	value_is(p->values[a[4].args], SIM_V_HANDLER_OFF, 0);
	assert_int_equal(p->nvars, 1);
}

/* A set step of every register and every PSTATE field a step may set:
 * all 35 assignments kept, in file order, on PE 0 (no `pe`). */
void test_set_every_register(void **state)
{
	struct fx *f = *state;
	const struct sim_program *p = &f->p;
	char text[1024];
	int used = snprintf(text, sizeof text, "name: set\nsteps:\n  - set: {");

	for (unsigned r = 0; r <= 30; r++)
		used += snprintf(text + used, sizeof text - (size_t)used, "x%u: %u, ", r, r + 100);
	snprintf(text + used, sizeof text - (size_t)used,
		 "sp: 0x81000, pstate: {pan: 1, dit: 1, nzcv: 15}}\n");
	load_ok(f, text);
	op_is(&p->steps[0], SIM_OP_SET, 0, 3, 5);      /* no `pe`: PE 0 */
	assert_int_equal(p->steps[0].nsets, 35);
	for (unsigned r = 0; r <= 30; r++) {
		assert_int_equal(p->assigns[p->steps[0].sets + r].reg, SIM_R_X0 + r);
		value_is(p->assigns[p->steps[0].sets + r].v, SIM_V_CONST, r + 100);
	}
	assert_int_equal(p->assigns[p->steps[0].sets + 31].reg, SIM_R_SP);
	assert_int_equal(p->assigns[p->steps[0].sets + 32].reg, SIM_R_PSTATE_PAN);
	assert_int_equal(p->assigns[p->steps[0].sets + 33].reg, SIM_R_PSTATE_DIT);
	assert_int_equal(p->assigns[p->steps[0].sets + 34].reg, SIM_R_PSTATE_NZCV);
	value_is(p->assigns[p->steps[0].sets + 34].v, SIM_V_CONST, 15);
}

void test_references_and_aliases(void **state)
{
	struct fx *f = *state;
	const struct sim_program *p = &f->p;
	const struct sim_op *s;

	load_ok(f, "name: forward references and aliases\n"
		   "steps:\n"
		   "  - &reg {pe: 0, call: EVENT_REGISTER, args: &args [0, h2, 0, RM_ANY, 0]}\n"
		   "  - *reg\n"
		   "  - {call: EVENT_ENABLE, args: *args}\n"
		   "  - {call: EVENT_STATUS, args: [$late]}\n"
		   "  - {call: INTERRUPT_BIND, args: [40], save: late}\n"
		   "handlers:\n"
		   "  h1:\n"
		   "    - {call: EVENT_REGISTER, args: [0, h2, 0, RM_ANY, 0]}\n"
		   "    - complete: HANDLED\n"
		   "  h2:\n"
		   "    - {call: EVENT_STATUS, args: [$late]}\n"
		   "    - complete_and_resume: h1\n");
	s = p->steps;
	assert_int_equal(p->nsteps, 5);
	/* An alias is the same node, used at the alias: its own location
	 * (the `*reg`, where a failure of that step is), its own values. */
	assert_int_equal(s[0].loc.line, 3);
	assert_int_equal(s[0].loc.col, 5);
	assert_int_equal(s[1].loc.line, 4);
	assert_int_equal(s[1].loc.col, 5);
	/* Handler bodies are read first: 6 values, then the steps'. */
	assert_int_equal(s[0].args, 6);
	assert_int_equal(s[1].args, 11);
	assert_int_equal(s[2].args, 16);
	for (unsigned k = 0; k < 3; k++)
		value_is(p->values[s[k].args + 1], SIM_V_HANDLER, 1);
	value_is(p->values[s[3].args], SIM_V_VAR, 0);
	assert_int_equal(s[4].save, 0);
	value_is(p->values[p->actions[0].args + 1], SIM_V_HANDLER, 1);
	value_is(p->actions[3].fid, SIM_V_HANDLER, 0);
}

void test_elf_handlers(void **state)
{
	struct fx *f = *state;
	const struct sim_program *p = &f->p;
	static const char text[] =
		"name: elf\n"
		"handlers:\n"
		"  h: {elf: h.elf, symbol: entry}\n"
		"  g: {symbol: main, elf: /abs/g.elf}\n"
		"steps:\n"
		"  - {call: EVENT_REGISTER, args: [0, g, 0, RM_ANY, 0]}\n";

	assert_int_equal(load(f, "dir/sub/s.yaml", text, NULL), 0);
	assert_int_equal(p->handlers[0].kind, SIM_H_ELF);
	assert_string_equal(sim_str(p, p->handlers[0].elf_path), "dir/sub/h.elf");
	assert_string_equal(sim_str(p, p->handlers[0].symbol), "entry");
	assert_int_equal(p->handlers[0].nops, 0);
	loc_is(p->handlers[0].loc, 3, 3);
	assert_string_equal(sim_str(p, p->handlers[1].elf_path), "/abs/g.elf");
	assert_string_equal(sim_str(p, p->handlers[1].symbol), "main");
	value_is(p->values[p->steps[0].args + 1], SIM_V_HANDLER, 1);
	assert_int_equal(load(f, "s.yaml", text, NULL), 0);
	assert_string_equal(sim_str(p, p->handlers[0].elf_path), "h.elf");
	assert_int_equal(load(f, "/s.yaml", text, NULL), 0);
	assert_string_equal(sim_str(p, p->handlers[0].elf_path), "/h.elf");
}

void test_reload_and_api(void **state)
{
	struct fx *f = *state;
	char small[12];

	/* A program may be loaded into again, after a failure or a success. */
	load_fails(f, "name: bad\nsteps: [{call: NOPE}]\n", "t.yaml:2:16: unknown SDEI function "
		   "'NOPE' (expected a name such as VERSION or EVENT_REGISTER, with or without SDEI_; "
		   "`fid:` takes a raw function ID)");
	load_ok(f, "name: one\nsteps: [{call: VERSION}, {call: VERSION}]\n");
	load_ok(f, "name: two\r\nsteps:\r\n  - {call: PE_UNMASK}\r\n");
	assert_string_equal(f->p.name, "two");
	assert_string_equal(f->p.file, "t.yaml");
	assert_int_equal(f->p.nsteps, 1);
	assert_int_equal(f->p.nvalues, 0);
	load_ok(f, "\xEF\xBB\xBFname: with a BOM\nsteps: []\n");
	/* len, not the NUL, ends the text. */
	assert_int_equal(scn_load_string("n.yaml", "name: a\nsteps: []\0junk", 17, NULL, &f->p,
					 f->err, sizeof f->err), 0);
	assert_int_equal(scn_load_string("n.yaml", NULL, 0, NULL, &f->p, f->err, sizeof f->err), -1);
	assert_string_equal(f->err, "n.yaml:1:1: empty file: a scenario needs `name` and `steps`");
	assert_int_equal(scn_load_file("no/such.yaml", NULL, &f->p, f->err, sizeof f->err), -1);
	assert_string_equal(f->err, "no/such.yaml:1:1: cannot open the file: No such file or "
			    "directory");
	assert_int_equal(load(f, "x.yaml", "name: a\nsteps: []\n", "juno"), -1);
	assert_string_equal(f->err, "x.yaml:1:1: unknown platform profile 'juno' (built-in: "
			    "default, tf-a-fvp)");
	/* a slip of a profile's name gets the nearest, as a key's does; in
	 * the file too */
	assert_int_equal(load(f, "x.yaml", "name: a\nsteps: []\n", "tf-a-fvpp"), -1);
	assert_string_equal(f->err, "x.yaml:1:1: unknown platform profile 'tf-a-fvpp' (built-in: "
			    "default, tf-a-fvp; did you mean tf-a-fvp?)");
	assert_int_equal(load(f, "x.yaml", "name: a\nplatform: {profile: Default}\nsteps: []\n", NULL), -1);
	assert_string_equal(f->err, "x.yaml:2:21: unknown platform profile 'Default' (built-in: "
			    "default, tf-a-fvp; did you mean default?)");
	/* the name as every message quotes a token (sim_quote): its control
	 * characters as \xNN, its first 64 characters (it was cut at 40,
	 * with nothing to say so) */
	assert_int_equal(load(f, "x.yaml", "name: a\nsteps: []\n", "ju\x1b[1mno"), -1);
	assert_string_equal(f->err, "x.yaml:1:1: unknown platform profile 'ju\\x1B[1mno' (built-in: "
			    "default, tf-a-fvp)");
	assert_int_equal(load(f, "x.yaml", "name: a\nsteps: []\n",
			      "tf-a-fvp-with-a-much-longer-name-than-any-profile-has-0123456789"), -1);
	assert_string_equal(f->err, "x.yaml:1:1: unknown platform profile "
			    "'tf-a-fvp-with-a-much-longer-name-than-any-profile-has-0123456789' (built-in: "
			    "default, tf-a-fvp)");
	assert_int_equal(load(f, "x.yaml", "name: a\nsteps: []\n",
			      "tf-a-fvp-with-a-much-longer-name-than-any-profile-has-0123456789+"), -1);
	assert_string_equal(f->err, "x.yaml:1:1: unknown platform profile "
			    "'tf-a-fvp-with-a-much-longer-name-than-any-profile-has-0123456789... (65 characters)' "
			    "(built-in: default, tf-a-fvp)");
	/* The message is cut to fit, and always ends with a NUL. */
	assert_int_equal(scn_load_string("x.yaml", "", 0, NULL, &f->p, small, sizeof small), -1);
	assert_string_equal(small, "x.yaml:1:1:");
	assert_int_equal(scn_load_string("x.yaml", "", 0, NULL, &f->p, NULL, 0), -1);
}

/* The profiles' list for a message (scn_profile_choices) is cut to the
 * room given, NUL-terminated, never written past; a name far from every
 * profile gets no suggestion. */
void test_profile_choices_are_cut_to_fit(void **state)
{
	char buf[SCN_PROFILE_CHOICES_SIZE], guard[24];

	(void)state;
	assert_string_equal(scn_profile_choices("juno", buf, sizeof buf), "default, tf-a-fvp");
	assert_string_equal(scn_profile_choices("", buf, sizeof buf), "default, tf-a-fvp");
	assert_string_equal(scn_profile_choices("tf-a-fvp1", buf, sizeof buf),
			    "default, tf-a-fvp; did you mean tf-a-fvp?");
	for (size_t room = 1; room < sizeof guard; room++) {
		const char *whole = "default, tf-a-fvp; did you mean tf-a-fvp?";

		memset(guard, '#', sizeof guard);
		assert_ptr_equal(scn_profile_choices("tf-a-fvp1", guard, room), guard);
		assert_int_equal(strlen(guard), room - 1);
		assert_memory_equal(guard, whole, room - 1);
		for (size_t k = room; k < sizeof guard; k++)
			assert_int_equal(guard[k], '#');
	}
	guard[0] = '#';
	scn_profile_choices("x", guard, 0);       /* no room: nothing written */
	assert_int_equal(guard[0], '#');
}
