/*
 * fz_run_fixture.h - the cmocka group fixture of the tests that run fuzz
 * inputs: one runner (fz_run) made before the group's tests and freed
 * after them, and the input those that run one read.
 */
#ifndef FZ_RUN_FIXTURE_H
#define FZ_RUN_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "fz_run.h"

extern struct fz_run fixture_run;

/* A fuzz input from path into buf[cap], its length in *len: 0, or -1 (the
 * reason on stderr as path:1:1: ...) when it cannot be read or is
 * shorter than a header. */
int fz_run_fixture_read(const char *path, uint8_t *buf, size_t cap, size_t *len);

/* cmocka group setup and teardown: 0, or -1 (the reason on stderr). */
int fz_run_fixture_setup(void **state);

/* The input of a test group that runs one: the group's main sets
 * fixture_path, fz_run_fixture_setup_input reads it into fixture_input
 * (fz_run_fixture_read) and then sets up the runner. */
extern const char *fixture_path;
extern uint8_t fixture_input[FZ_MAX_INPUT];
extern size_t fixture_len;
int fz_run_fixture_setup_input(void **state);
int fz_run_fixture_teardown(void **state);

#endif /* FZ_RUN_FIXTURE_H */
