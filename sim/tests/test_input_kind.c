/*
 * test_input_kind.c - sim_input_kind_of: which of the tool's inputs a
 * text starts as, from the first lines each kind really has (the samples
 * of traces/samples/, a suite scenario), and none for what is none of
 * them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "input_kind.h"

struct kind_case {
	const char *text;
	enum sim_input_kind kind;
};

static void each_input_is_told_by_its_first_lines(void **state)
{
	static const struct kind_case cases[] = {
		{ "name: a trigger that comes while its event is unregistered\nsteps: []\n", SIM_INPUT_SCENARIO },
		{ "# A comment first, as fixtures have\n\nname: x\n", SIM_INPUT_SCENARIO },
		{ "\xEF\xBB\xBF---\nname: x\n", SIM_INPUT_SCENARIO },
		{ "%YAML 1.1\n---\n", SIM_INPUT_SCENARIO },
		{ "platform_x:\r\n", SIM_INPUT_SCENARIO },
		{ "# sdeisim-trace 2\n# recorded by sdeisim\n", SIM_INPUT_TRACE },
		{ "# sdeisim-trace 1", SIM_INPUT_TRACE },
		{ "42000000 ps IT (41) 80000ff8:000080000ff8_NS a90007e0 O EL2h_n : STP      x0,x1,[sp,#0]\n",
		  SIM_INPUT_TARMAC },
		{ "Tarmac Text Rev 3t\n  542000 ns  ES  (0000000080001000:d2800420) O el2h_ns:\n", SIM_INPUT_TARMAC },
		{ "1500500 clk cpu0 IT (3001) 80001000:000080001000 52800420 O EL2h_ns : MOV      W0,#0X21\n",
		  SIM_INPUT_TARMAC },
		{ "NOTICE:  Booting Trusted Firmware\n", SIM_INPUT_TFA_LOG },
		{ "VERBOSE: SDEI: register event 0\n", SIM_INPUT_TFA_LOG },
		/* none of them */
		{ "", SIM_INPUT_UNKNOWN },
		{ "\n\n   \n", SIM_INPUT_UNKNOWN },
		{ "# sdeisim - a Markdown heading, or a YAML comment alone\n", SIM_INPUT_UNKNOWN },
		{ "Name: capitalised keys are no scenario's\n", SIM_INPUT_UNKNOWN },
		{ "name:x\n", SIM_INPUT_UNKNOWN },
		{ "42000000 IT (41)\n", SIM_INPUT_UNKNOWN },
		{ "\x7f" "ELF\x02\x01\x01", SIM_INPUT_UNKNOWN },
	};
	(void)state;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		enum sim_input_kind got = sim_input_kind_of(cases[k].text, strlen(cases[k].text));
		if (got != cases[k].kind)
			fail_msg("case %zu (%.30s): kind %d, expected %d", k, cases[k].text, (int)got, (int)cases[k].kind);
	}
}

/* Each kind names the command that takes it; none, nothing. */
static void each_kind_names_its_command(void **state)
{
	(void)state;
	assert_string_equal(sim_input_hint(SIM_INPUT_UNKNOWN), "");
	assert_non_null(strstr(sim_input_hint(SIM_INPUT_SCENARIO), "`sdeisim run`"));
	assert_non_null(strstr(sim_input_hint(SIM_INPUT_TRACE), "`sdeisim replay`"));
	assert_non_null(strstr(sim_input_hint(SIM_INPUT_TARMAC), "`sdeisim import tarmac`"));
	assert_non_null(strstr(sim_input_hint(SIM_INPUT_TFA_LOG), "`sdeisim import tf-a-log`"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_input_is_told_by_its_first_lines),
		cmocka_unit_test(each_kind_names_its_command),
	};
	return cmocka_run_group_tests_name("sim.input_kind", tests, NULL, NULL);
}
