/*
 * mc.h - what the tests of the machine's invariant checks
 * (test_machine_checks.c, test_machine_triggers.c) share: a machine that
 * ran a program and settled legally, for a test to break one field of the
 * way a bug would, and the assertions that the checks then report it - of
 * the right kind, in the right words.
 */
#ifndef SIM_TESTS_MC_H
#define SIM_TESTS_MC_H

#include <stdbool.h>

#include "mt.h"
#include "sim_internal.h"

/* PE 0 runs EV_NORM's handler (PPI 22), paused in it - and, nest, EV_CRIT's
 * (PPI 23) over it; PEs 1 and 2 idle with EV_NORM registered, enabled and
 * unmasked; PE 3 the same, then in a standby suspend.  Returns the settled
 * machine (in the group CPU's workspace), which passes the checks. */
struct sim_machine *mc_settled_nesting(bool nest);
/* The same, with no nested handler. */
struct sim_machine *mc_settled(void);

/* The label a failure of the simulator's own starts with (sim_fail_own),
 * part naming the part of it at fault. */
#define OWN(part) "the simulator's own fault (" part "), not the dispatcher's - please report it to sdeisim: "

/* The machine failed, of kind, with a message holding needle - starting
 * with it when the fault is the simulator's own (needle: OWN(...) and
 * the message). */
void mc_assert_failed(struct sim_machine *m, unsigned kind, const char *needle);
/* sim_check_invariants fails, as mc_assert_failed says. */
void mc_assert_reported(struct sim_machine *m, unsigned kind, const char *needle);

#endif /* SIM_TESTS_MC_H */
