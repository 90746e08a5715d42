/*
 * test_episode.c - episode records (fz_input.h): one record makes the
 * chain of calls a working client makes with one event - REGISTER,
 * ENABLE, PE_UNMASK and a trigger on one PE - so that random bytes
 * dispatch handlers.  Before episodes, none of 20,000 random inputs of
 * 32 records dispatched one (BENCHMARKS.md, 2026-11-26).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fz_input.h"
#include "fz_run.h"
#include "fz_run_fixture.h"
#include "fz_vocab.h"
#include "sdd/sdd_spec.h"


/* A header of one PE, the default profile, one bind slot of each kind,
 * no platform event, then records. */
static size_t input(uint8_t *in, const uint8_t (*rec)[FZ_RECORD_BYTES], unsigned n)
{
	memset(in, 0, FZ_HEADER_BYTES);
	in[2] = 1 | 1 << 3;
	for (unsigned k = 0; k < n; k++)
		memcpy(in + FZ_HEADER_BYTES + k * FZ_RECORD_BYTES, rec[k], FZ_RECORD_BYTES);
	return FZ_HEADER_BYTES + n * FZ_RECORD_BYTES;
}

/* Step `step` of p is a call of fid on PE 0 made by record `record`. */
static void assert_call(const struct sim_program *p, uint32_t step, uint32_t fid, uint32_t record)
{
	assert_true(step < p->nsteps);
	assert_int_equal(p->steps[step].kind, SIM_OP_CALL);
	assert_int_equal(p->steps[step].fid.u, fid);
	assert_int_equal(p->steps[step].pe, 0);
	assert_int_equal(p->steps[step].loc.line, record + 1);
}

static void an_episode_registers_enables_unmasks_and_fires(void **state)
{
	static const uint8_t rec[1][FZ_RECORD_BYTES] = { { 0, 0, 0, 3, 0, 0, 0, 0 } };
	uint8_t in[FZ_HEADER_BYTES + FZ_RECORD_BYTES];
	const struct sim_program *p = &fixture_run.prog;
	size_t len;
	(void)state;

	len = input(in, rec, 1);
	in[FZ_HEADER_BYTES] = fz_record_byte(FZ_R_EPISODE);
	assert_int_equal(fz_decode(in, len, &fixture_run.prog, &fixture_run.choices), 0);
	assert_int_equal(p->nsteps, 4);
	assert_call(p, 0, SDD_FID_EVENT_REGISTER, 0);
	assert_int_equal(p->values[p->steps[0].args].u, 0);                 /* event 0 */
	assert_int_equal(p->values[p->steps[0].args + 1].kind, SIM_V_HANDLER);
	assert_int_equal(p->values[p->steps[0].args + 1].u, 3);
	assert_call(p, 1, SDD_FID_EVENT_ENABLE, 0);
	assert_call(p, 2, SDD_FID_PE_UNMASK, 0);
	assert_int_equal(p->steps[3].kind, SIM_OP_INTERRUPT);
	assert_int_equal(p->steps[3].intid, p->platform.event0_sgi);
	assert_true(fz_run_program(&fixture_run, false));
	assert_int_equal(fixture_run.res.dispatches, 1);
}

/* An INTID byte of class 0 and index 32 or more names an interrupt an
 * episode bound, once one has; before, the platform's, as always. */
static void an_intid_byte_names_what_an_episode_bound(void **state)
{
	uint8_t rec[3][FZ_RECORD_BYTES] = {
		{ 0, 0, 128 },                               /* an interrupt: byte 128 */
		{ 0, 0, 0x80, 0, 0, 0, 2, 0x31 },            /* bind SPI 32 + 12, no trigger */
		{ 0, 0, 128 },
	};
	uint8_t in[FZ_HEADER_BYTES + 3 * FZ_RECORD_BYTES];
	const struct sim_program *p = &fixture_run.prog;
	size_t len;
	(void)state;

	rec[0][0] = rec[2][0] = fz_record_byte(FZ_R_INTERRUPT);
	rec[1][0] = fz_record_byte(FZ_R_EPISODE);
	len = input(in, (const uint8_t (*)[FZ_RECORD_BYTES])rec, 3);
	assert_int_equal(fz_decode(in, len, &fixture_run.prog, &fixture_run.choices), 0);
	assert_int_equal(p->nsteps, 1 + 4 + 1);                 /* BIND REGISTER ENABLE UNMASK */
	assert_int_equal(p->steps[0].intid, p->platform.event0_sgi);
	assert_call(p, 1, SDD_FID_INTERRUPT_BIND, 1);
	assert_int_equal(p->values[p->steps[1].args].u, 44);
	assert_true(p->steps[1].save >= 0);
	assert_int_equal(p->values[p->steps[2].args].kind, SIM_V_VAR);     /* REGISTER $b0 */
	assert_int_equal(p->values[p->steps[2].args].u, (uint64_t)p->steps[1].save);
	assert_int_equal(p->steps[5].intid, 44);
	assert_true(fz_run_program(&fixture_run, false));
	assert_int_equal(fixture_run.res.dispatches, 1);                /* the SPI, after the unmask */
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint8_t next_byte(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint8_t)(rng >> 32);
}

/* Measured 2026-11-26: 29% of random inputs of 32 records dispatch a
 * handler (0% before episodes); a decoder change that makes it rare again
 * fails here. */
static void random_inputs_dispatch_handlers(void **state)
{
	static uint8_t in[FZ_HEADER_BYTES + 32 * FZ_RECORD_BYTES];
	unsigned dispatched = 0, n = 1000;
	(void)state;

	for (unsigned k = 0; k < n; k++) {
		for (size_t b = 0; b < sizeof in; b++)
			in[b] = next_byte();
		fz_run_one(&fixture_run, in, sizeof in);
		dispatched += fixture_run.res.dispatches > 0;
	}
	print_message("%u of %u random inputs of 32 records dispatched a handler\n", dispatched, n);
	assert_true(dispatched * 5 >= n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_episode_registers_enables_unmasks_and_fires),
		cmocka_unit_test(an_intid_byte_names_what_an_episode_bound),
		cmocka_unit_test(random_inputs_dispatch_handlers),
	};
	return cmocka_run_group_tests(tests, fz_run_fixture_setup, fz_run_fixture_teardown);
}
