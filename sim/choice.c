/*
 * choice.c - choice sources that read answers from a byte sequence: the
 * one rule shared by fuzz inputs (fuzz/fz_decode.c) and the `choices` of
 * a program (scenario reproducers of fuzz findings), so that a finding
 * written as a scenario makes the same choices as the input did.
 */
#include "sim.h"

/* see sim.h */
unsigned sim_choice_take(const uint8_t *bytes, uint32_t nbytes, uint32_t *next, unsigned n)
{
	if (n <= 1 || *next >= nbytes)
		return 0;
	return bytes[(*next)++] % n;
}

/* see sim.h */
unsigned sim_choice_cursor_pick(void *cursor, unsigned kind, unsigned n)
{
	struct sim_choice_cursor *c = cursor;

	(void)kind;          /* one sequence answers every kind, in the order asked */
	return sim_choice_take(c->bytes, c->n, &c->next, n);
}

/* see sim.h */
struct sim_choice sim_program_choice(const struct sim_program *prog, struct sim_choice_cursor *cur)
{
	struct sim_choice none = { .pick = NULL }, some = { .pick = sim_choice_cursor_pick, .ctx = cur };

	cur->bytes = prog->choices;
	cur->n = prog->nchoices;
	cur->next = 0;
	return prog->nchoices ? some : none;
}
