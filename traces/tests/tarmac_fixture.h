/*
 * tarmac_fixture.h - Tarmac text through the importer, for the unit
 * tests of the importer (test_tarmac.c) and of a last line cut short
 * (test_tarmac_cut.c).
 */
#ifndef TRACES_TESTS_TARMAC_FIXTURE_H
#define TRACES_TESTS_TARMAC_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "import.h"

/* An import's records (text[0..len), the caller frees text) and the
 * number of diagnostics it gave. */
struct out { char *text; size_t len; FILE *f; unsigned diags; };

/* Import text, named t.tarmac (lenient: --lenient); returns the
 * importer's result, the error in err[0..n), the records in o->text. */
int tm_test_import(const char *text, bool lenient, struct out *o, struct import_stats *st, char *err, size_t n);

#endif /* TRACES_TESTS_TARMAC_FIXTURE_H */
