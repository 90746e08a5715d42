/*
 * fz_run_fixture.h - the cmocka group fixture of the tests that run fuzz
 * inputs: one runner (fz_run) made before the group's tests and freed
 * after them.
 */
#ifndef FZ_RUN_FIXTURE_H
#define FZ_RUN_FIXTURE_H

#include "fz_run.h"

extern struct fz_run fixture_run;

/* cmocka group setup and teardown: 0, or -1 (the reason on stderr). */
int fz_run_fixture_setup(void **state);
int fz_run_fixture_teardown(void **state);

#endif /* FZ_RUN_FIXTURE_H */
