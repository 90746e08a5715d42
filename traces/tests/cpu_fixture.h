/*
 * cpu_fixture.h - one Unicorn CPU shared by a cmocka group's tests (made
 * once: creating a CPU and translating its code per test would dominate
 * the tests' time).
 */
#ifndef TRACES_TESTS_CPU_FIXTURE_H
#define TRACES_TESTS_CPU_FIXTURE_H

#include "cpu.h"

extern struct sim_cpu *cpu;

/* cmocka_run_group_tests(tests, cpu_fixture_setup, cpu_fixture_teardown) */
int cpu_fixture_setup(void **state);
int cpu_fixture_teardown(void **state);

#endif /* TRACES_TESTS_CPU_FIXTURE_H */
