/*
 * test_statecov - the model's-state feedback (fz_statecov.h) tells apart
 * the situations the dispatcher's code coverage cannot: the same call,
 * answered the same, on events of different kinds or states, or on a PE
 * masked or not; and the same observation in the same situation always
 * counts in the same cell.
 */
#include <string.h>

#include "rm_test.h"
#include "fz_statecov.h"

/* The STATUS bits in a key (rm_summary's bits 7:5, from bit 16). */
#define STATE_BITS(key) (((key) >> 21) & 7u)

/* The observation of an SDEI call fn (0xC4000020 + fn) on pe with x1 = a0,
 * answered result. */
static struct sim_obs call(unsigned pe, unsigned fn, uint64_t a0, int64_t result)
{
	struct sim_obs o;

	memset(&o, 0, sizeof o);
	o.kind = SIM_OBS_CALL;
	o.pe = (uint8_t)pe;
	o.fid = 0xC4000020u + fn;
	o.args[0] = a0;
	o.result = result;
	return o;
}

/* The key of the observation of call fn, once the model has taken it. */
static uint32_t taken(struct rm_model *m, unsigned pe, unsigned fn, const uint64_t v[6])
{
	struct sim_obs o = call(pe, fn, v[1], (int64_t)v[0]);

	t_accept(m, pe, fn, v, false, __FILE__, __LINE__);
	return fz_state_key(m, &o);
}

static void kinds_of_event_are_told_apart(void **state)
{
	struct rm_model m;
	uint32_t reg_x, reg_p, reg_s, en_x, en_p;
	(void)state;

	tmodel(&m);
	reg_x = taken(&m, 0, F_REGISTER, V(SUCCESS, EVX, HANDLER, 0, 0, 0));
	reg_p = taken(&m, 0, F_REGISTER, V(SUCCESS, EVP, HANDLER, 0, 0, 0));
	reg_s = taken(&m, 0, F_REGISTER, V(SUCCESS, EVS, HANDLER, 0, 0, 0));
	assert_int_not_equal(reg_x, reg_p);
	assert_int_not_equal(reg_x, reg_s);
	assert_int_not_equal(reg_p, reg_s);
	en_x = taken(&m, 0, F_ENABLE, V(SUCCESS, EVX));
	en_p = taken(&m, 0, F_ENABLE, V(SUCCESS, EVP));
	assert_int_not_equal(en_x, en_p);
	/* the event's STATUS bits after the call: registered, then enabled too,
	 * then disabled again (the same call, DISABLE, answered the same) */
	assert_int_equal(STATE_BITS(reg_x), 1);
	assert_int_equal(STATE_BITS(en_x), 3);
	assert_int_equal(STATE_BITS(taken(&m, 0, F_DISABLE, V(SUCCESS, EVX))), 1);
	assert_int_not_equal(taken(&m, 0, F_DISABLE, V(SUCCESS, EVP)), taken(&m, 0, F_DISABLE, V(SUCCESS, EVX)));
}

static void same_situation_same_key_mask_matters(void **state)
{
	struct rm_model a, b;
	struct sim_obs o = call(1, F_REGISTER, EVX, 0);
	uint32_t masked, unmasked;
	(void)state;

	tmodel(&a);
	tmodel(&b);
	t_accept(&a, 1, F_REGISTER, V(SUCCESS, EVX, HANDLER, 0, 0, 0), false, __FILE__, __LINE__);
	t_accept(&b, 1, F_REGISTER, V(SUCCESS, EVX, HANDLER, 0, 0, 0), false, __FILE__, __LINE__);
	assert_int_equal(fz_state_key(&a, &o), fz_state_key(&b, &o));
	masked = fz_state_key(&a, &o);
	t_accept(&a, 1, F_PE_UNMASK, V(SUCCESS), false, __FILE__, __LINE__);
	unmasked = fz_state_key(&a, &o);
	assert_int_not_equal(masked, unmasked);
}

/* BIND's answer names the slot: its key is the bound slot's, not that of
 * a refused BIND of the same INTID, nor of a REGISTER of a static event. */
static void bind_is_keyed_by_the_slot_it_answers(void **state)
{
	struct rm_model m;
	struct sim_obs refused = call(0, F_BIND, PPI_P + 2, (int64_t)DENIED), bound;
	uint32_t k_refused, k_bound;
	(void)state;

	tmodel(&m);
	k_refused = fz_state_key(&m, &refused);
	bound = call(0, F_BIND, PPI_P + 2, SLOTP0);
	t_accept(&m, 0, F_BIND, V(SLOTP0, PPI_P + 2), false, __FILE__, __LINE__);
	k_bound = fz_state_key(&m, &bound);
	assert_int_not_equal(k_refused, k_bound);
	assert_int_equal((k_bound >> 16) & 0x13, RM_SLOT | 0x10);    /* a slot, and an event now */
	assert_int_equal((k_refused >> 16) & 0x10, 0);                /* PPI 25: no event behind it */
}

/* An interrupt firing is keyed by the event it backs, in its state: a
 * bound PPI once its slot is registered and enabled, not before. */
static void interrupt_keyed_by_the_event_it_backs(void **state)
{
	struct rm_model m;
	struct sim_obs fire;
	uint32_t unbound, enabled;
	(void)state;

	tmodel(&m);
	memset(&fire, 0, sizeof fire);
	fire.kind = SIM_OBS_FIRE;
	fire.intid = PPI_P + 2;
	unbound = fz_state_key(&m, &fire);
	t_accept(&m, 0, F_BIND, V(SLOTP0, PPI_P + 2), false, __FILE__, __LINE__);
	t_reg_enable(&m, 0, SLOTP0);
	enabled = fz_state_key(&m, &fire);
	assert_int_equal((unbound >> 16) & 0x10, 0);
	assert_int_equal((enabled >> 16) & 0x13, RM_SLOT | 0x10);
	assert_int_equal(STATE_BITS(enabled), 3);
}

/* How many cells are set, and the last one. */
static unsigned set_cells(const uint8_t *cells, unsigned *at)
{
	unsigned n = 0;

	for (unsigned k = 0; k < FZ_STATE_CELLS; k++)
		if (cells[k]) {
			n++;
			*at = k;
		}
	return n;
}

/* A call sets one cell, to 1 however often it comes; a step, which says
 * nothing about the state, none. */
static void mark_sets_one_cell_steps_none(void **state)
{
	static uint8_t cells[FZ_STATE_CELLS];
	struct rm_model m;
	struct sim_obs o = call(0, F_VERSION, 0, 0x10001), step;
	unsigned at = 0;
	(void)state;

	tmodel(&m);
	memset(&step, 0, sizeof step);
	step.kind = SIM_OBS_STEP;
	fz_state_mark(&m, &step, cells);
	assert_int_equal(set_cells(cells, &at), 0);
	fz_state_mark(&m, &o, cells);
	fz_state_mark(&m, &o, cells);
	assert_int_equal(set_cells(cells, &at), 1);
	assert_int_equal(cells[at], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds_of_event_are_told_apart),
		cmocka_unit_test(same_situation_same_key_mask_matters),
		cmocka_unit_test(bind_is_keyed_by_the_slot_it_answers),
		cmocka_unit_test(interrupt_keyed_by_the_event_it_backs),
		cmocka_unit_test(mark_sets_one_cell_steps_none),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
