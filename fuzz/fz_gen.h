/*
 * fz_gen.h - fuzz inputs made up from a seed, for the throughput
 * benchmark and the seed corpus.  Two families:
 *   random  records drawn uniformly through the decoder's weight table
 *           (what a fuzzer starts from: events fire through its episode
 *           records, in about a third of inputs of 32 records);
 *   driven  episodes of what a working client does with one event -
 *           register it with a handler, enable it, unmask, make it fire
 *           (its interrupt, or SIGNAL for event 0) - with other calls and
 *           handler actions mixed in, so that most inputs dispatch
 *           several handlers (where a coverage-guided corpus drifts);
 *   nesting driven, with handlers that fire platform events' interrupts
 *           on their own PE (nesting, pending order, held interrupts and
 *           the interrupt storms of handlers that re-trigger themselves);
 *   race    a shared event's interrupt - a platform event's, or an SPI
 *           bound for it - held by one PE's firmware (hold) while another
 *           PE (or two others) disables, unregisters, reroutes, registers,
 *           releases or binds it, then handed over (hand_over): the window between
 *           acknowledge and dispatch; sometimes the holding PE is masked
 *           (the dispatcher defers), and a bound SPI is bound, registered
 *           and fired again after the hand-over; on the default profile,
 *           or half the time the tf-a-fvp one (its policies' answers).
 * The same seed gives the same inputs.
 */
#ifndef FZ_GEN_H
#define FZ_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fz_input.h"

enum fz_gen_family { FZ_GEN_RANDOM = 0, FZ_GEN_DRIVEN, FZ_GEN_NESTING, FZ_GEN_RACE, FZ_GEN_FAMILIES };

struct fz_gen { uint64_t state; };     /* any non-zero seed */

/* Write one input of about ops operations (step and handler-action
 * records) to buf; returns its length (0 if cap cannot hold a header). */
size_t fz_gen_input(struct fz_gen *g, enum fz_gen_family family, unsigned ops, uint8_t *buf, size_t cap);

#endif /* FZ_GEN_H */
