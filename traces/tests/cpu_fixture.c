/*
 * cpu_fixture.c - see cpu_fixture.h.
 */
#include "cpu_fixture.h"

struct sim_cpu *cpu;

int cpu_fixture_setup(void **state)
{
	char err[200];

	(void)state;
	cpu = sim_cpu_create(err, sizeof err);
	return cpu ? 0 : -1;
}

int cpu_fixture_teardown(void **state)
{
	(void)state;
	sim_cpu_destroy(cpu);
	return 0;
}
