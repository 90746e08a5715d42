/*
 * sdd_state.c - the handler state machine of DEN0054C §6.1 as one table.
 *
 * States are the STATUS bits (Registered, Enabled, Running): 0 unregistered,
 * 1 registered, 3 enabled, 4 unregister-pending, 5 registered+running,
 * 7 enabled+running.  2 and 6 cannot exist.  The table is DEN0054C Table 14
 * (identical to TF-A's sdei_state_table) with the per-function text where
 * the table is silent: UNREGISTER in unregister-pending is permitted and
 * returns PENDING (§5.1.8.1).  The extra preconditions of some calls (a
 * bind slot must be bound, RELEASE needs every PE unregistered, ...) are
 * checked by the calls themselves, not here.
 *
 * Every column is read by its call but CONTEXT's: EVENT_CONTEXT names no
 * event and is keyed on the calling PE's running handler (§5.1.5), which
 * has its event in a running state (4, 5 or 7) exactly where that column
 * permits the call.  core.matrix pins every cell, CONTEXT's too, through
 * the calls.
 */
#include "sdd_internal.h"

#define X SDD_STATE_DENIED

/* next_state[state][op]; rows 2 and 6 are all X (impossible states). */
static const uint8_t next_state[8][SDD_OP_COUNT] = {
	/*         REG REL ENA DIS UNR ROU CTX CMP CAR DSP */
	/* 0 */ {  1,  0,  X,  X,  X,  X,  X,  X,  X,  X },
	/* 1 */ {  X,  X,  3,  1,  0,  1,  X,  X,  X,  X },
	/* 2 */ {  X,  X,  X,  X,  X,  X,  X,  X,  X,  X },
	/* 3 */ {  X,  X,  3,  1,  0,  X,  X,  X,  X,  7 },
	/* 4 */ {  X,  X,  X,  X,  4,  X,  4,  0,  0,  X },
	/* 5 */ {  X,  X,  7,  5,  4,  X,  5,  1,  1,  X },
	/* 6 */ {  X,  X,  X,  X,  X,  X,  X,  X,  X,  X },
	/* 7 */ {  X,  X,  7,  5,  4,  X,  7,  3,  3,  X },
};

#undef X

_Static_assert(SDD_OP_COUNT == 10, "state table has one column per operation");
_Static_assert(SDD_STATUS_REGISTERED == 1 && SDD_STATUS_ENABLED == 2 && SDD_STATUS_RUNNING == 4,
	       "state numbers are the EVENT_STATUS bits");

uint8_t sdd_state_next(unsigned state, enum sdd_op op)
{
	if (state >= 8 || (unsigned)op >= SDD_OP_COUNT)
		return SDD_STATE_DENIED;
	return next_state[state][op];
}
