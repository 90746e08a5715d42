/*
 * test_export_yaml.h - what test_export_yaml.c shares with its mutants
 * (test_export_yaml_mutants.c).
 */
#ifndef TEST_EXPORT_YAML_H
#define TEST_EXPORT_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "program.h"

/* Replay and export with --mid-run (a window- sample's second pass). */
extern bool ey_mid_run;

/* One trace (text): replay (on the machine want, when known), export,
 * run, compare, counted; a mutant that does not read is skipped (quiet). */
void ey_check(const char *name, const char *text, size_t len, const char *profile, bool quiet,
	      const struct sim_platform *want);

/* Is the sample NAME a window of a run (window-NAME.trace)? */
bool ey_window(const char *name);

/* The mutants of sample NAME (its text), each checked on both profiles. */
void ey_mutants(const char *name, char *text, size_t len);

#endif /* TEST_EXPORT_YAML_H */
