/*
 * scn_write_test.h - what the writer's two test files share.
 */
#ifndef SCN_WRITE_TEST_H
#define SCN_WRITE_TEST_H

#include <stddef.h>

#include "program.h"

/* The cases scn.h documents, applied to p as the writer's round trip is
 * allowed to apply them. */
void normalize(struct sim_program *p);
/* p as written by scn_write (malloc'ed), or NULL with the message in err. */
char *write_text(const struct sim_program *p, char *err, size_t n);
/* Write p, load it, compare (p normalized) and run both: fails the test
 * on any difference.  p is normalized afterwards. */
void round_trip(struct sim_program *p, const char *what);

/* test_scn_write_api.c: the `api` group; returns cmocka's result. */
int scn_write_api_tests(void);

#endif /* SCN_WRITE_TEST_H */
