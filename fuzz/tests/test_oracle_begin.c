/*
 * test_oracle_begin.c - a platform the dispatcher accepts and the
 * reference model cannot follow is a finding, not a run left unchecked.
 *
 * fz_oracle_begin_sdd used to answer false and leave the oracle off: the
 * run then passed whatever the dispatcher did.  A model whose rm_init
 * refused every platform (operator mutant R1377) passed all 658 seeds on
 * both machines; with this, the seeds catch 77 of rm_init.c's 151
 * surviving operator mutants (fuzz/README.md "Reference model mutants").
 * No decoded input makes such a platform (3,000 random inputs and the
 * seeds: every run is checked), so one that does says the model or the
 * decoder is wrong.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fz_oracle.h"
#include "sdd/sdd.h"
#include "program.h"

static struct fz_oracle oracle;   /* the model is large */

static void platform(struct sim_platform *sp, struct sdd_platform *d)
{
	assert_true(sim_platform_profile(sp, "default"));
	assert_int_equal(sim_platform_to_sdd(sp, d), 0);
}

static void accepted_platform_is_followed(void **state)
{
	struct sim_platform sp;
	struct sdd_platform d;
	(void)state;

	platform(&sp, &d);
	assert_true(fz_oracle_begin_sdd(&oracle, &sp, &d));
	assert_true(fz_oracle_end(&oracle));
}

/* Event 0's SGI listed as the firmware's: the dispatcher's description
 * has no such list, the model refuses the platform (rm.h, rm_init). */
static void model_refusing_an_accepted_platform_is_a_finding(void **state)
{
	struct sim_platform sp;
	struct sdd_platform d;
	(void)state;

	platform(&sp, &d);
	assert_int_equal(d.events[0].number, 0);
	sp.secure_intids[sp.nsecure] = d.events[0].intid;
	sp.secure_pes[sp.nsecure++] = 0;
	assert_false(fz_oracle_begin_sdd(&oracle, &sp, &d));
	assert_false(fz_oracle_end(&oracle));
	assert_non_null(strstr(oracle.why, "the model cannot follow it (rm_init refuses it)"));

	/* more events than the model holds */
	platform(&sp, &d);
	d.event_count = RM_MAX_EVENTS + 1;
	assert_false(fz_oracle_begin_sdd(&oracle, &sp, &d));
	assert_false(fz_oracle_end(&oracle));
}

/* A platform the dispatcher refused has no run to check: sim_run reports it. */
static void refused_platform_is_not_checked(void **state)
{
	struct sim_platform sp;
	struct sdd_platform d;
	(void)state;

	platform(&sp, &d);
	assert_false(fz_oracle_begin_sdd(&oracle, &sp, NULL));
	assert_true(fz_oracle_end(&oracle));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepted_platform_is_followed),
		cmocka_unit_test(model_refusing_an_accepted_platform_is_a_finding),
		cmocka_unit_test(refused_platform_is_not_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
