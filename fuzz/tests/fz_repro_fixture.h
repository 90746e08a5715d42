/*
 * fz_repro_fixture.h - what the tests of a reproducer's expect_dispatches
 * pin share (test_repro_dispatch, test_repro_preemption, test_repro_then):
 * repro of the fixture's input, the pinned program written as `sdeisim
 * repro --yaml` writes it, for a `sdeisim run` test that it passes on the
 * real core, and what a run of an input observed.  Each fails the calling
 * cmocka test when something is not so.
 */
#ifndef FZ_REPRO_FIXTURE_H
#define FZ_REPRO_FIXTURE_H

#include "fz_repro.h"
#include "sim.h"

/* fz_repro of fixture_input into *rp, which must come out expressed
 * (pinned) and verified (failing as the finding did, by its
 * expectations); the program's last
 * expect_dispatches step, the pin (the test fails when it has none). */
const struct sim_op *fz_repro_fixture_pin(struct fz_repro *rp);

/* The pinned program (fixture_run.prog) with its choices, as YAML at out. */
void fz_repro_fixture_write(const char *out);

/* The observations of a run of input on fixture_run (a minimised one,
 * rp->input, say), which must find something and keep every observation;
 * freed by the caller.  It replaces fixture_run.prog. */
struct fz_log *fz_repro_fixture_log(const uint8_t *input, size_t len);

#endif /* FZ_REPRO_FIXTURE_H */
