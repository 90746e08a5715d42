/*
 * scn_test.h - what the loader's tests share: a fixture holding a program,
 * loading helpers, and exact comparisons of program elements.
 */
#ifndef SCN_TEST_H
#define SCN_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "scn.h"
#include "sdd/sdd_spec.h"

struct fx {
	struct sim_program p;
	char err[1024];
};

/* cmocka setup/teardown: a struct fx with an initialised program. */
int setup(void **state);
int teardown(void **state);

/* Load text as a file called name; load_ok fails the test on an error,
 * load_fails unless the error is exactly expected. */
int load(struct fx *f, const char *name, const char *text, const char *profile);
void load_ok(struct fx *f, const char *text);
void load_fails(struct fx *f, const char *text, const char *expected);

void loc_is(struct sim_loc loc, uint32_t line, uint32_t col);
void value_is(struct sim_value v, unsigned kind, uint64_t u);
/* A match of kind with operand a of kind akind. */
void match_is(const struct sim_match *m, unsigned kind, unsigned akind, uint64_t a,
	      unsigned width32, uint32_t line, uint32_t col);
/* Check first + k: register reg, and its match as for match_is. */
void check_is(const struct sim_program *p, uint32_t first, uint32_t k, unsigned reg,
	      unsigned kind, unsigned akind, uint64_t a, unsigned width32, uint32_t line,
	      uint32_t col);
/* The fields every op has. */
void op_is(const struct sim_op *op, unsigned kind, unsigned pe, uint32_t line, uint32_t col);
/* A call: fid, raw_fid, save, no target or from_el, nargs constant
 * arguments, nchecks checks. */
void call_is(const struct sim_program *p, const struct sim_op *op, uint64_t fid, int raw,
	     int save, unsigned nargs, const uint64_t *args, uint32_t nchecks);
const char *var_name(const struct sim_program *p, uint32_t k);

/* test_scn_cases.c */
#define LOAD_CASES \
	cmocka_unit_test_setup_teardown(test_platform_defaults, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_platform_profiles, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_platform_keys, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_values, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_expect_forms, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_entry_and_resumes, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_entry_field_forms, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_steps_details, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_set_every_register, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_references_and_aliases, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_elf_handlers, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_reload_and_api, setup, teardown), \
	cmocka_unit_test(test_profile_choices_are_cut_to_fit)

/* test_scn_ext.c */
#define EXT_CASES \
	cmocka_unit_test_setup_teardown(test_by_profile_default, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_by_profile_tfa, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_by_profile_errors, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_by_profile_whole_list, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_expect_dispatches_includes, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_expect_dispatches_starts_with, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_expect_view, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_expect_view_errors, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_expect_view_includes, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_reproducer_keys, setup, teardown)

/* test_scn_platform.c */
#define PLATFORM_CASES \
	cmocka_unit_test_setup_teardown(test_platform_bounds, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_platform_dependencies, setup, teardown)

/* test_scn_malformed.c */
#define MALFORMED_CASES \
	cmocka_unit_test_setup_teardown(test_generated_inputs, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_more_errors, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_found_words, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_identifiers, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_choice_slips, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_yaml_words, setup, teardown)

void test_platform_defaults(void **state);
void test_platform_profiles(void **state);
void test_platform_keys(void **state);
void test_values(void **state);
void test_expect_forms(void **state);
void test_entry_and_resumes(void **state);
void test_entry_field_forms(void **state);
void test_steps_details(void **state);
void test_set_every_register(void **state);
void test_references_and_aliases(void **state);
void test_elf_handlers(void **state);
void test_reload_and_api(void **state);
void test_profile_choices_are_cut_to_fit(void **state);
void test_by_profile_default(void **state);
void test_by_profile_tfa(void **state);
void test_by_profile_errors(void **state);
void test_by_profile_whole_list(void **state);
void test_expect_dispatches_includes(void **state);
void test_expect_dispatches_starts_with(void **state);
void test_expect_view(void **state);
void test_expect_view_errors(void **state);
void test_expect_view_includes(void **state);
void test_reproducer_keys(void **state);
void test_platform_bounds(void **state);
void test_platform_dependencies(void **state);
void test_generated_inputs(void **state);
void test_more_errors(void **state);
void test_found_words(void **state);
void test_identifiers(void **state);
void test_choice_slips(void **state);
void test_yaml_words(void **state);

#endif /* SCN_TEST_H */
