/*
 * fz_repro.h - from a fuzz input that finds something to the smallest
 * scenario program that fails the same way: the regression test to
 * commit.
 *
 *  1. The input is run as the harness ran it; its finding is kept as a
 *     signature (which oracle, which call or event - for a call, what it
 *     answered and what the specification allowed -, the message with its
 *     numbers taken out).
 *  2. It is minimised record by record: each step, handler action,
 *     literal and choice record is dropped in turn, the PE count lowered
 *     and platform events removed, whenever the signature stays the same;
 *     then every other byte is set to its plainest value (the default
 *     platform's in the header; 0 in a record: PE 0, the first value of
 *     each role) where the signature stays the same without it, and a
 *     header byte that must stay is set bit by bit (its fields and
 *     policy bits, spare bits included, go where the finding allows),
 *     each event still running the actions it ran, or fewer ending in
 *     EVENT_COMPLETE(HANDLED).  Where the input's program ran through on
 *     the machine (the model aside), every trial must too; where it did
 *     not, a record byte is changed, bit by bit, until a trial that
 *     finds the same runs through, which every later one must then do.
 *  3. The minimised input's program gets expectations that make it fail
 *     where the finding is, without the reference model: the answers the
 *     specification allows for a call the dispatcher got wrong, the
 *     dispatches that should (or should not) have happened in a step
 *     (fz_repro_pin.c; fuzz/README.md has a table by finding),
 *     the nested dispatch of a critical event that had to preempt a
 *     normal handler before its COMPLETE.
 *     Invariant violations and dispatcher faults need none: the simulator
 *     checks them in every run.
 *  4. That program is run as `sdeisim run` would run it (no model) and must
 *     fail - by its expectations, where the model's finding is pinned by
 *     them (when an invariant or dispatcher fault the bug also makes
 *     fails it first, by them once the simulator's invariants are off): a
 *     program that fails on its own first in another way (client code
 *     gone wrong, a machine that does not settle) fails on a correct
 *     dispatcher too -; `verified` says whether it did.
 */
#ifndef FZ_REPRO_H
#define FZ_REPRO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fz_run.h"

struct fz_repro {
	/* the header, whole records, and for fuzz_migrate the byte after
	 * them that says where to migrate (fz_migrate_cut) */
	uint8_t  input[FZ_HEADER_BYTES + FZ_MAX_RECORDS * FZ_RECORD_BYTES + 1];
	size_t   len;               /* the minimised input */
	size_t   original_len;
	char     finding[800];      /* the finding, as the harness reported it */
	char     minimised[800];    /* the same, as the minimised input finds it (its step
				     * numbers are the reproducer's); empty when it does not */
	char     signature[400];
	bool     ran_through;       /* the input's program ran to its end on the machine (the
				     * model aside): the minimised one must too */
	bool     expressed;         /* the failure is pinned by the program alone */
	bool     verified;          /* and running the program fails: by its expectations when
				     * they pin it (not by client code gone wrong, say) */
	bool     first_by_fault;    /* verified, and failing first by an invariant or dispatcher
				     * fault the bug makes too (res), its expectations after */
	char     note[400];         /* why it is not expressed / not verified */
	struct sim_result res;      /* the verification run */
};

/*
 * Reproduce data (a fuzz_sdei input, or with migrate a fuzz_migrate one)
 * on r.  Returns 1 when the input finds nothing, 0 when it does: then
 * out describes the minimised input and r->prog holds the program with its
 * expectations (its choices in r->choices).  -1 when out of memory.
 */
int fz_repro(struct fz_run *r, const uint8_t *data, size_t size, bool migrate, struct fz_repro *out);

/* The description of rp's program, into buf[n]: where it came from and,
 * as its verdict is, whether it fails as the finding did - the YAML is
 * kept as a regression test, and one that passes with the bug too must
 * not say it fails. */
void fz_repro_describe(const struct fz_repro *rp, bool migrate, char *buf, size_t n);

#endif /* FZ_REPRO_H */
