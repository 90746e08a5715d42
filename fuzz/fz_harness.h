/*
 * fz_harness.h - what the harnesses share: one runner per process, created
 * on first use, with the edges of the emulated client code and the
 * model's state fed to the fuzzing engine as extra coverage (fz_cells.h),
 * and the conventional entry points so that OSS-Fuzz style builds
 * (libFuzzer, AFL++ through libAFLDriver) work unchanged.
 */
#ifndef FZ_HARNESS_H
#define FZ_HARNESS_H

#include "fz_run.h"

/* The process's runner (exits with a message if it cannot be built). */
struct fz_run *fz_harness_run(void);

/* After each input: hand the extra coverage to the engine. */
void fz_harness_coverage_done(void);

/* A finding: print it and abort, so that the engine saves the input. */
_Noreturn void fz_harness_finding(const char *harness, const struct fz_run *r);

#endif /* FZ_HARNESS_H */
