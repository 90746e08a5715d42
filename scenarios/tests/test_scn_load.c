/*
 * test_scn_load.c - tests of the scenario loader (scn.h).
 *
 *   test_scn_load load        run from scenarios/tests: good files and
 *                             texts give exactly the expected program
 *   test_scn_load malformed [DIR]
 *                             every DIR/NAME.yml (DIR defaults to ".")
 *                             gives exactly the line in DIR/NAME.expected,
 *                             and generated inputs (binary garbage, NUL
 *                             bytes, deep nesting, alias bombs, ...) give
 *                             exactly their message
 *
 * Every comparison is exact: a changed field or message fails the test.
 */
#include <dirent.h>
#include <unistd.h>

#include "scn_test.h"

/* ---- The contract's examples ---- */

static void contract_platform(const struct sim_program *p)
{
	struct sim_platform dflt;
	const struct sim_event *e = p->platform.events;

	assert_true(sim_platform_profile(&dflt, "default"));
	assert_int_equal(p->platform.nevents, 3);
	assert_int_equal(e[0].number, 0x40000100);
	assert_int_equal(e[0].type, SDD_PRIVATE);
	assert_int_equal(e[0].priority, SDD_PRI_CRITICAL);
	assert_int_equal(e[0].explicit_event, 0);
	assert_int_equal(e[0].intid, 29);
	loc_is(e[0].loc, 8, 7);
	assert_int_equal(e[1].number, 0x40000200);
	assert_int_equal(e[1].type, SDD_SHARED);
	assert_int_equal(e[1].priority, SDD_PRI_NORMAL);
	assert_int_equal(e[1].intid, 40);
	assert_int_equal(e[2].number, 0x40000300);
	assert_int_equal(e[2].type, SDD_PRIVATE);
	assert_int_equal(e[2].explicit_event, 1);
	assert_int_equal(e[2].intid, 0);
	loc_is(e[2].loc, 10, 7);
	/* The rest is the default platform. */
	dflt.nevents = 3;
	memcpy(dflt.events, p->platform.events, sizeof dflt.events);
	assert_memory_equal(&dflt, &p->platform, sizeof dflt);
}

static void contract_handlers(const struct sim_program *p)
{
	const struct sim_op *a = p->actions;
	static const uint64_t four[] = { 4 }, zero[] = { 0 };

	assert_int_equal(p->nhandlers, 3);
	assert_string_equal(sim_str(p, p->handlers[0].name), "h_ok");
	assert_string_equal(sim_str(p, p->handlers[1].name), "h_pause");
	assert_string_equal(sim_str(p, p->handlers[2].name), "h_resume");
	loc_is(p->handlers[1].loc, 19, 3);
	for (unsigned h = 0; h < 3; h++)
		assert_int_equal(p->handlers[h].kind, SIM_H_ACTIONS);
	assert_int_equal(p->handlers[0].ops, 0);
	assert_int_equal(p->handlers[0].nops, 5);
	assert_int_equal(p->handlers[1].ops, 5);
	assert_int_equal(p->handlers[1].nops, 4);
	assert_int_equal(p->handlers[2].ops, 9);
	assert_int_equal(p->handlers[2].nops, 1);
	assert_int_equal(p->nactions, 10);

	/* h_ok */
	op_is(&a[0], SIM_OP_EXPECT_ENTRY, SIM_NONE, 13, 7);
	assert_int_equal(a[0].nchecks, 7);
	check_is(p, a[0].checks, 0, SIM_R_X0, SIM_M_EQ, SIM_V_CONST, 0, 0, 13, 26);
	check_is(p, a[0].checks, 1, SIM_R_X0 + 1, SIM_M_EQ, SIM_V_CONST, 0x1234, 0, 13, 33);
	check_is(p, a[0].checks, 2, SIM_R_X0 + 2, SIM_M_EQ, SIM_V_INT_PC, 0, 0, 13, 45);
	check_is(p, a[0].checks, 3, SIM_R_X0 + 3, SIM_M_EQ, SIM_V_INT_PSTATE, 0, 0, 13, 65);
	check_is(p, a[0].checks, 4, SIM_R_PSTATE_EL, SIM_M_EQ, SIM_V_CONST, 2, 0, 14, 35);
	check_is(p, a[0].checks, 5, SIM_R_PSTATE_DAIF, SIM_M_EQ, SIM_V_CONST, 0xF, 0, 14, 44);
	check_is(p, a[0].checks, 6, SIM_R_PSTATE_SPSEL, SIM_M_EQ, SIM_V_CONST, 1, 0, 14, 56);
	op_is(&a[1], SIM_OP_CALL, SIM_NONE, 15, 7);
	call_is(p, &a[1], SDD_FID_EVENT_CONTEXT, 0, -1, 1, four, 1);
	check_is(p, a[1].checks, 0, SIM_R_X0, SIM_M_EQ, SIM_V_CONST, 0x4444, 0, 15, 48);
	op_is(&a[2], SIM_OP_CALL, SIM_NONE, 16, 7);
	call_is(p, &a[2], SDD_FID_EVENT_STATUS, 0, 0, 1, zero, 1);
	check_is(p, a[2].checks, 0, SIM_R_X0, SIM_M_EQ, SIM_V_CONST, 7, 0, 16, 47);
	op_is(&a[3], SIM_OP_CALL, SIM_NONE, 17, 7);
	call_is(p, &a[3], SDD_FID_VERSION, 1, -1, 0, NULL, 1);
	check_is(p, a[3].checks, 0, SIM_R_X0, SIM_M_NOT, SIM_V_CONST, UINT64_MAX, 0, 17, 33);
	op_is(&a[4], SIM_OP_COMPLETE, SIM_NONE, 18, 7);
	value_is(a[4].fid, SIM_V_CONST, SDD_EV_HANDLED);
	/* h_pause */
	op_is(&a[5], SIM_OP_CALL, SIM_NONE, 20, 7);
	call_is(p, &a[5], SDD_FID_EVENT_UNREGISTER, 0, -1, 1, zero, 1);
	check_is(p, a[5].checks, 0, SIM_R_X0, SIM_M_EQ, SIM_V_CONST, (uint64_t)SDD_PENDING, 0, 20, 51);
	op_is(&a[6], SIM_OP_YIELD, SIM_NONE, 21, 7);
	op_is(&a[7], SIM_OP_INTERRUPT, SIM_NONE, 22, 7);
	assert_int_equal(a[7].intid, 46);
	op_is(&a[8], SIM_OP_PSCI, SIM_NONE, 23, 7);
	assert_int_equal(a[8].psci_fn, SIM_PSCI_CPU_OFF);
	assert_int_equal(a[8].target, SIM_NONE);
	assert_int_equal(a[8].nchecks, 0);
	/* h_resume */
	op_is(&a[9], SIM_OP_COMPLETE_AND_RESUME, SIM_NONE, 25, 7);
	value_is(a[9].fid, SIM_V_RESUME_PAD, 0);
}

static void contract_calls(const struct sim_program *p)
{
	const struct sim_op *s = p->steps;
	static const uint64_t reg[] = { 0, 0, 0x1234, SDD_RM_ANY, 0 }, bind[] = { 45 };

	op_is(&s[0], SIM_OP_CALL, 1, 28, 3);
	assert_int_equal(s[0].nargs, 5);
	value_is(p->values[s[0].args + 1], SIM_V_HANDLER, 0);   /* h_ok */
	for (unsigned k = 0; k < 5; k++)
		if (k != 1)
			value_is(p->values[s[0].args + k], SIM_V_CONST, reg[k]);
	check_is(p, s[0].checks, 0, SIM_R_X0, SIM_M_EQ, SIM_V_CONST, SDD_SUCCESS, 0, 28, 77);
	op_is(&s[1], SIM_OP_CALL, 0, 29, 3);
	call_is(p, &s[1], SDD_FID_INTERRUPT_BIND, 0, 1, 1, bind, 0);
	op_is(&s[2], SIM_OP_CALL, 0, 30, 3);
	assert_int_equal(s[2].nargs, 1);
	value_is(p->values[s[2].args], SIM_V_VAR, 1);          /* $ev45 */
	op_is(&s[3], SIM_OP_CALL, 0, 31, 3);
	call_is(p, &s[3], SDD_FID_VERSION, 0, -1, 0, NULL, 1);
	assert_int_equal(p->checks[s[3].checks].m.kind, SIM_M_MASK);
	value_is(p->checks[s[3].checks].m.a, SIM_V_CONST, 0xFFFFFFFF00000000u);
	value_is(p->checks[s[3].checks].m.b, SIM_V_CONST, 0x0001000100000000u);
	loc_is(p->checks[s[3].checks].m.loc, 31, 34);
	op_is(&s[4], SIM_OP_CALL, 0, 32, 3);
	call_is(p, &s[4], 0xC4000033, 1, -1, 0, NULL, 1);
	check_is(p, s[4].checks, 0, SIM_R_X0, SIM_M_EQ, SIM_V_CONST, UINT64_MAX, 0, 32, 46);
	op_is(&s[5], SIM_OP_CALL, 0, 33, 3);
	assert_int_equal(s[5].from_el, 1);
	op_is(&s[6], SIM_OP_SET, 0, 36, 3);
	assert_int_equal(s[6].nsets, 5);
	{
		static const unsigned regs[] = { 4, 17, SIM_R_SP, SIM_R_PSTATE_PAN, SIM_R_PSTATE_DIT };
		static const uint64_t vals[] = { 0x4444, 0x1717, 0x81000, 1, 1 };
		static const uint32_t cols[] = { 21, 34, 46, 69, 77 };
		for (unsigned k = 0; k < 5; k++) {
			const struct sim_assign *as = &p->assigns[s[6].sets + k];
			assert_int_equal(as->reg, regs[k]);
			value_is(as->v, SIM_V_CONST, vals[k]);
			loc_is(as->loc, 36, cols[k]);
		}
	}
	op_is(&s[7], SIM_OP_INTERRUPT, SIM_NONE, 38, 3);
	assert_int_equal(s[7].intid, 45);
	op_is(&s[8], SIM_OP_INTERRUPT, 2, 39, 3);
	assert_int_equal(s[8].intid, 23);
}

static void contract_rest(const struct sim_program *p)
{
	const struct sim_op *s = p->steps;
	const struct sim_expect_dispatch *d;
	const struct sim_expect_resume *r;

	op_is(&s[9], SIM_OP_EXPECT_DISPATCHES, SIM_NONE, 42, 3);
	assert_int_equal(s[9].nlist, 1);
	d = &p->dispatches[s[9].list];
	assert_int_equal(d->has_pe, 1);
	match_is(&d->pe, SIM_M_EQ, SIM_V_CONST, 0, 0, 43, 12);
	assert_int_equal(d->has_handler, 1);
	match_is(&d->handler, SIM_M_EQ, SIM_V_HANDLER, 0, 0, 43, 38);
	assert_int_equal(d->has_event, 1);
	match_is(&d->event, SIM_M_EQ, SIM_V_VAR, 1, 0, 43, 22);
	assert_int_equal(d->has_arg, 1);
	match_is(&d->arg, SIM_M_EQ, SIM_V_CONST, 0x1234, 0, 43, 49);
	loc_is(d->loc, 43, 7);
	op_is(&s[10], SIM_OP_EXPECT_DISPATCHES, SIM_NONE, 44, 3);
	assert_int_equal(s[10].nlist, 0);
	op_is(&s[11], SIM_OP_EXPECT_RESUMES, SIM_NONE, 46, 3);
	assert_int_equal(s[11].nlist, 1);
	r = &p->resumes[s[11].list];
	assert_int_equal(r->has_pe, 1);
	match_is(&r->pe, SIM_M_EQ, SIM_V_CONST, 0, 0, 47, 12);
	loc_is(r->loc, 47, 7);
	assert_int_equal(r->nchecks, 4);
	check_is(p, r->checks, 0, SIM_R_ELR, SIM_M_EQ, SIM_V_INT_PC, 0, 0, 47, 20);
	check_is(p, r->checks, 1, SIM_R_SPSR, SIM_M_EQ, SIM_V_INT_PSTATE, 0, 0, 47, 42);
	check_is(p, r->checks, 2, SIM_R_PSTATE_DAIF, SIM_M_EQ, SIM_V_CONST, 0xF, 0, 47, 77);
	check_is(p, r->checks, 3, SIM_R_PSTATE_SPSEL, SIM_M_EQ, SIM_V_CONST, 1, 0, 47, 89);
	op_is(&s[12], SIM_OP_PSCI, 0, 49, 3);
	assert_int_equal(s[12].psci_fn, SIM_PSCI_CPU_OFF);
	op_is(&s[13], SIM_OP_PSCI, 1, 50, 3);
	assert_int_equal(s[13].psci_fn, SIM_PSCI_CPU_ON);
	assert_int_equal(s[13].target, 0);
	check_is(p, s[13].checks, 0, SIM_R_X0, SIM_M_EQ, SIM_V_CONST, 0, 1, 50, 44);
	op_is(&s[14], SIM_OP_PSCI, 1, 51, 3);
	assert_int_equal(s[14].psci_fn, SIM_PSCI_AFFINITY_INFO);
	assert_int_equal(s[14].target, 0);
	op_is(&s[15], SIM_OP_PSCI, 0, 52, 3);
	assert_int_equal(s[15].psci_fn, SIM_PSCI_FEATURES);
	assert_int_equal(s[15].nargs, 1);
	value_is(p->values[s[15].args], SIM_V_CONST, 0x84000000);
	op_is(&s[16], SIM_OP_PSCI, 2, 53, 3);
	assert_int_equal(s[16].psci_fn, SIM_PSCI_CPU_SUSPEND);
	assert_int_equal(s[16].state, SIM_SUSPEND_POWERDOWN);
	op_is(&s[17], SIM_OP_WAKE, 2, 54, 3);
	op_is(&s[18], SIM_OP_PSCI, 0, 55, 3);
	assert_int_equal(s[18].psci_fn, SIM_PSCI_SYSTEM_RESET);
	op_is(&s[19], SIM_OP_DISPATCH, 0, 57, 3);
	value_is(s[19].event, SIM_V_CONST, 0x40000300);
	check_is(p, s[19].checks, 0, SIM_R_X0, SIM_M_EQ, SIM_V_CONST, 0, 0, 57, 41);
	op_is(&s[20], SIM_OP_MIGRATE, SIM_NONE, 59, 3);
	op_is(&s[21], SIM_OP_RESUME, 1, 61, 3);
}

static void test_contract_examples(void **state)
{
	struct fx *f = *state;

	if (scn_load_file("good/contract.yml", NULL, &f->p, f->err, sizeof f->err))
		fail_msg("unexpected error: %s", f->err);
	assert_string_equal(f->p.file, "good/contract.yml");
	assert_string_equal(f->p.name, "shared event routed to one PE");
	assert_string_equal(f->p.description, "free text");
	assert_false(f->p.oom);
	/* Variables in file order: h_ok's `save: st` comes first. */
	assert_int_equal(f->p.nvars, 2);
	assert_string_equal(var_name(&f->p, 0), "st");
	assert_string_equal(var_name(&f->p, 1), "ev45");
	contract_platform(&f->p);
	contract_handlers(&f->p);
	assert_int_equal(f->p.nsteps, 22);
	contract_calls(&f->p);
	contract_rest(&f->p);
}

/* ---- Malformed files ---- */

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the files in the current directory ending in ext, sorted. */
static unsigned list_files(const char *ext, char ***out)
{
	DIR *d = opendir(".");
	struct dirent *e;
	char **names = NULL;
	unsigned n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name), elen = strlen(ext);
		if (len <= elen || strcmp(e->d_name + len - elen, ext) != 0)
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		assert_non_null(names);
		names[n] = strdup(e->d_name);
		assert_non_null(names[n++]);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	*out = names;
	return n;
}

static void free_list(char **names, unsigned n)
{
	for (unsigned k = 0; k < n; k++)
		free(names[k]);
	free(names);
}

/* The first line of file path, without its newline. */
static void read_line(const char *path, char *buf, size_t n)
{
	FILE *fp = fopen(path, "r");

	if (fp == NULL)
		fail_msg("%s is missing", path);
	if (fgets(buf, (int)n, fp) == NULL)
		buf[0] = '\0';
	fclose(fp);
	buf[strcspn(buf, "\n")] = '\0';
}

static void test_malformed_files(void **state)
{
	struct fx *f = *state;
	char **yamls, **expected, want[1024], path[512];
	unsigned ny = list_files(".yml", &yamls), ne = list_files(".expected", &expected);

	assert_true(ny >= 30);
	assert_int_equal(ny, ne);     /* one .expected per .yml, and no orphan */
	for (unsigned k = 0; k < ny; k++) {
		size_t stem = strlen(yamls[k]) - strlen(".yml");
		snprintf(path, sizeof path, "%.*s.expected", (int)stem, yamls[k]);
		read_line(path, want, sizeof want);
		/* One program for all: a load starts by emptying it. */
		if (scn_load_file(yamls[k], NULL, &f->p, f->err, sizeof f->err) == 0)
			fail_msg("%s loaded without an error", yamls[k]);
		if (strcmp(f->err, want) != 0)
			fail_msg("%s:\n  expected: %s\n  got:      %s", yamls[k], want, f->err);
	}
	free_list(yamls, ny);
	free_list(expected, ne);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest load_tests[] = {
		cmocka_unit_test_setup_teardown(test_contract_examples, setup, teardown),
		LOAD_CASES,
		EXT_CASES,
		PLATFORM_CASES
	};
	const struct CMUnitTest malformed_tests[] = {
		cmocka_unit_test_setup_teardown(test_malformed_files, setup, teardown),
		MALFORMED_CASES
	};
	const char *mode = argc > 1 ? argv[1] : "";

	if (strcmp(mode, "load") == 0)
		return cmocka_run_group_tests_name("scn.load", load_tests, NULL, NULL);
	if (strcmp(mode, "malformed") == 0) {
		if (argc > 2 && chdir(argv[2]) != 0) {
			perror(argv[2]);
			return 2;
		}
		return cmocka_run_group_tests_name("scn.malformed", malformed_tests, NULL, NULL);
	}
	fprintf(stderr, "usage: %s load | malformed [DIR]\n", argv[0]);
	return 2;
}
