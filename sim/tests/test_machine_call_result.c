/*
 * test_machine_call_result.c - a call the dispatcher answers returns its
 * result in x0 and changes nothing else (SMCCC: x1-x17 preserved; the PC,
 * PSTATE, ELR and SPSR of the caller as they were).  A correct dispatcher
 * never breaks this, so no scenario can show the machine still looks:
 * this program is linked with sdd_call wrapped (-Wl,--wrap=sdd_call), and
 * the wrapper breaks one register of the answer the real dispatcher gave,
 * the way a dispatcher bug would (fuzz/planted/07 leaves x4 clobbered) -
 * each must fail the run as the dispatcher's fault, naming the register.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mt.h"
#include "sdd/sdd.h"

enum sdd_action __real_sdd_call(struct sdd *d, unsigned pe, struct sdd_regs *r, struct sdd_outcome *out);
enum sdd_action __wrap_sdd_call(struct sdd *d, unsigned pe, struct sdd_regs *r, struct sdd_outcome *out);

/* Which register the wrapper breaks in a call that returns (one test at
 * a time): an index of x, or one of these past them; NONE: none. */
enum { BREAK_PC = SDD_CONTEXT_REGS, BREAK_PSTATE, BREAK_ELR, BREAK_SPSR, BREAK_NONE };
static unsigned broken = BREAK_NONE;

enum sdd_action __wrap_sdd_call(struct sdd *d, unsigned pe, struct sdd_regs *r, struct sdd_outcome *out)
{
	enum sdd_action act = __real_sdd_call(d, pe, r, out);
	uint64_t *const others[] = { &r->pc, &r->pstate, &r->elr_elc, &r->spsr_elc };

	if (act != SDD_ACT_RETURN || broken == BREAK_NONE)
		return act;
	if (broken < SDD_CONTEXT_REGS)
		r->x[broken] ^= 0x10;
	else
		*others[broken - SDD_CONTEXT_REGS] ^= 0x10;
	return act;
}

/* PE 2 makes one call, VERSION, the answer broken at what: the run fails
 * there, the dispatcher's fault, with needle in its message - or passes,
 * its one call counted, when nothing is broken (needle NULL). */
static void assert_one_call(unsigned what, const char *needle)
{
	struct sim_result res;
	struct pb b;
	uint32_t line;

	pb_init(&b);
	mt_setup_platform(&b);
	mt_set_context(&b, 2);
	line = b.line;
	pb_call0(&b, 2, SDD_FID_VERSION);
	broken = what;
	res = mt_run(&b, NULL);
	broken = BREAK_NONE;
	if (needle == NULL && !res.passed)
		fail_msg("nothing broken: line %u: %s", res.loc.line, res.message);
	if (needle == NULL && res.calls != 1)      /* the result counts the calls made */
		fail_msg("nothing broken: %u calls counted, 1 made", res.calls);
	if (needle != NULL && (res.passed || res.fail_kind != SIM_FAIL_DISPATCHER || res.loc.line != line ||
			       strstr(res.message, needle) == NULL))
		fail_msg("register %u broken: expected the dispatcher's failure at line %u containing '%s', got %s "
			 "(kind %u) at line %u: %s", what, line, needle, res.passed ? "a pass" : "a failure",
			 (unsigned)res.fail_kind, res.loc.line, res.message);
	pb_free(&b);
}

static void the_answer_in_x0_alone_passes(void **state)
{
	(void)state;
	assert_one_call(BREAK_NONE, NULL);
}

/* every one of x1..x17, not only the first (its own register each) */
static void a_call_returning_with_any_of_x1_to_x17_changed_is_the_dispatchers_fault(void **state)
{
	char needle[80];
	(void)state;

	for (unsigned k = 1; k < SDD_CONTEXT_REGS; k++) {
		snprintf(needle, sizeof needle, "VERSION on PE 2 returned with x%u changed", k);
		assert_one_call(k, needle);
	}
}

static void a_call_returning_elsewhere_is_the_dispatchers_fault(void **state)
{
	(void)state;
	for (unsigned k = BREAK_PC; k < BREAK_NONE; k++)
		assert_one_call(k, "VERSION on PE 2 returned to a different PC, PSTATE or ELR/SPSR");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_answer_in_x0_alone_passes),
		cmocka_unit_test(a_call_returning_with_any_of_x1_to_x17_changed_is_the_dispatchers_fault),
		cmocka_unit_test(a_call_returning_elsewhere_is_the_dispatchers_fault),
	};
	return cmocka_run_group_tests(tests, mt_group_setup, mt_group_teardown);
}
