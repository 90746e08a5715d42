/*
 * test_port_rules.c - sdd_port.h's promise about a port operation's
 * arguments, as both host machines check it (port_rules.h,
 * sim_port_args_ok), at its edges: the last PE and the one after it, the
 * last SPI the GIC implements and the one after it (CVE-2023-49100 was one
 * past the last), and the SGI event 0 owns.  Nothing else shows the
 * edges: a correct dispatcher never hands the port a number past them,
 * and a check that let the SPI one past the last through passed every
 * scenario and seed (helper-99's mutant S39).
 *
 *   pe_must_be_one_of_the_platforms
 *   spi_must_be_one_the_gic_implements
 *   any_intid_must_be_private_or_an_implemented_spi
 *   sgi_must_be_event_0s
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "port_rules.h"

static struct sim_platform plat;

static int setup(void **state)
{
	(void)state;
	memset(&plat, 0, sizeof plat);
	plat.pes = 4;
	plat.spis = 96;          /* SPIs 32..127 */
	plat.event0_sgi = 8;
	return 0;
}

static void pe_must_be_one_of_the_platforms(void **state)
{
	(void)state;
	assert_true(sim_port_args_ok(&plat, SIM_PORT_PE, 3, 0));
	assert_false(sim_port_args_ok(&plat, SIM_PORT_PE, 4, 0));
	assert_false(sim_port_args_ok(&plat, SIM_PORT_PE, SIM_PORT_ANY_PE, 0));
	assert_true(sim_port_args_ok(&plat, SIM_PORT_SPI, SIM_PORT_ANY_PE, 32));   /* an SPI: no target */
	assert_false(sim_port_args_ok(&plat, SIM_PORT_INTID, 4, 32));
}

static void spi_must_be_one_the_gic_implements(void **state)
{
	(void)state;
	assert_true(sim_port_args_ok(&plat, SIM_PORT_SPI, 0, 32));
	assert_true(sim_port_args_ok(&plat, SIM_PORT_SPI, 0, 127));
	assert_false(sim_port_args_ok(&plat, SIM_PORT_SPI, 0, 128));
	assert_false(sim_port_args_ok(&plat, SIM_PORT_SPI, 0, 31));
	assert_false(sim_port_args_ok(&plat, SIM_PORT_SPI, 0, 0xFFFFFFFFu));
}

static void any_intid_must_be_private_or_an_implemented_spi(void **state)
{
	(void)state;
	assert_true(sim_port_args_ok(&plat, SIM_PORT_INTID, 1, 0));
	assert_true(sim_port_args_ok(&plat, SIM_PORT_INTID, 1, 31));
	assert_true(sim_port_args_ok(&plat, SIM_PORT_INTID, 1, 127));
	assert_false(sim_port_args_ok(&plat, SIM_PORT_INTID, 1, 128));
	assert_false(sim_port_args_ok(&plat, SIM_PORT_INTID, 1, 1023));
}

static void sgi_must_be_event_0s(void **state)
{
	(void)state;
	assert_true(sim_port_args_ok(&plat, SIM_PORT_SGI, 2, 8));
	assert_false(sim_port_args_ok(&plat, SIM_PORT_SGI, 2, 9));
	assert_false(sim_port_args_ok(&plat, SIM_PORT_SGI, 4, 8));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(pe_must_be_one_of_the_platforms, setup),
		cmocka_unit_test_setup(spi_must_be_one_the_gic_implements, setup),
		cmocka_unit_test_setup(any_intid_must_be_private_or_an_implemented_spi, setup),
		cmocka_unit_test_setup(sgi_must_be_event_0s, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
