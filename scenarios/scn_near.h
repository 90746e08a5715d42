/*
 * scn_near.h - "did you mean": the name a mistyped word was most likely
 * meant to be.  The scenario loader offers it for misspelt keys, function
 * and value names, handlers and variables; the sdeisim command for
 * misspelt commands and options.
 *
 * A word is a slip of a name when one or two edits (an insertion, a
 * deletion, a substitution, a swap of two neighbours), letters compared
 * without their case, turn it into the name, and the edits are fewer than
 * half the name's letters: `compelte` -> complete, `Steps` -> steps,
 * `cal` -> call; `x` is no slip of `pe`, nor `foo` of `fid`.
 *
 * Use: start from { 0 }, offer every known name with scn_near, then ask
 * scn_near_said.  No allocation, no global state.
 */
#ifndef SCN_NEAR_H
#define SCN_NEAR_H

#include <stddef.h>

/* The longest name (bytes) a word is measured against: a longer one is
 * never the answer, so the answer is said whole. */
#define SCN_NEAR_LONGEST 32u

struct scn_near {
	const char *best, *also;   /* the nearest names offered (NULL: none near) */
	unsigned d;                /* their distance from the word */
	char said[2 * SCN_NEAR_LONGEST + 16];   /* two names and their prefixes */
};

/* Offer name (NUL-terminated; nr keeps the pointer until scn_near_said)
 * as what the len bytes at text may be a slip of. */
void scn_near(struct scn_near *nr, const char *text, size_t len, const char *name);

/* The nearest name offered, each after prefix (at most 4 bytes: "$" for
 * variables, "--" for options), in nr->said: the first offered at the smallest distance,
 * or the first two offered there ("CPU_ON or CPU_OFF" for CPU_OF).  NULL
 * when no name offered is that near. */
const char *scn_near_said(struct scn_near *nr, const char *prefix);

#endif /* SCN_NEAR_H */
