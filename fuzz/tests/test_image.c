/*
 * test_image.c - version-1 images (fz_image.h), and through them the
 * dispatcher's reader of the format earlier builds wrote.
 *
 *   v1_forms_load_to_the_same_state   the states of 64 generated programs
 *                                     of each family (fuzz_core's machine,
 *                                     running handlers included), saved,
 *                                     rewritten as version 1: sdd_load
 *                                     takes each, and the state saves as
 *                                     the version-2 image it came from;
 *   v1_form_has_every_registration    a fresh dispatcher's version-1 image
 *                                     is as long as the layout says: an
 *                                     entry for every shared event and,
 *                                     on every PE, every private one;
 *   malformed_v2_has_no_v1_form       a short or long image, a PRESENT
 *                                     bit outside its table, a depth above
 *                                     2, another version or too small a
 *                                     buffer give 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fz_core.h"
#include "fz_gen.h"
#include "fz_image.h"
#include "fz_input.h"

#define IMAGE_MAX 65536u

struct state {
	struct sdd_platform plat;
	uint8_t v2[IMAGE_MAX];
	size_t n;
};

/* The platform of an input's header, as fuzz_load decodes it. */
static void platform_of(const uint8_t *input, struct sdd_platform *plat)
{
	static struct sim_program prog;
	static bool ready;
	struct fz_choices choices;

	if (!ready) {
		sim_program_init(&prog);
		ready = true;
	}
	assert_int_equal(fz_decode(input, FZ_HEADER_BYTES, &prog, &choices), 0);
	assert_int_equal(sim_platform_to_sdd(&prog.platform, plat), SDD_INIT_OK);
}

/* Handlers running on the npe PEs of d (sdd_reg_read's PE state: depth in
 * bits 2:1). */
static unsigned handlers_running(struct sdd *d, unsigned npe)
{
	unsigned n = 0;

	for (unsigned pe = 0; pe < npe; pe++) {
		uint64_t st = 0;

		sdd_reg_read(d, pe, SDD_REG_PE_STATE, &st, 1);
		n += (unsigned)(st >> 1) & 3;
	}
	return n;
}

static void v1_forms_load_to_the_same_state(void **unused)
{
	static struct fz_core core;
	static struct sdd d;
	static struct state s;
	static uint8_t v1[IMAGE_MAX], again[IMAGE_MAX];
	struct fz_gen g = { 0x5DEECE66Dull };
	unsigned tried = 0, registered = 0, running = 0;

	(void)unused;
	assert_int_equal(fz_core_init(&core), 0);
	for (unsigned k = 0; k < 64; k++)
		for (unsigned f = 0; f < FZ_GEN_FAMILIES; f++) {
			uint8_t buf[FZ_HEADER_BYTES + 64 * FZ_RECORD_BYTES];
			size_t n = fz_gen_input(&g, (enum fz_gen_family)f, 32, buf, sizeof buf), n1;

			(void)fz_core_run_one(&core, buf, n);
			s.n = sdd_save(fz_core_dispatcher(&core), s.v2, sizeof s.v2);
			if (s.n == 0)
				continue;
			platform_of(buf, &s.plat);
			n1 = fz_image_v1(&s.plat, s.v2, s.n, v1, sizeof v1);
			assert_true(n1 > s.n);
			assert_int_equal(v1[4], 1);
			assert_int_equal(sdd_init(&d, &s.plat, &fz_image_port, NULL), SDD_INIT_OK);
			assert_int_equal(sdd_load(&d, v1, n1), SDD_LOAD_OK);
			assert_int_equal(sdd_save(&d, again, sizeof again), s.n);
			assert_memory_equal(again, s.v2, s.n);
			tried++;
			registered += s.v2[16 + 8 + 2 * s.plat.event_count] != 0;  /* a shared entry */
			running += handlers_running(&d, s.plat.pe_count) > 0;
		}
	fz_core_free(&core);
	/* not a vacuous pass: states that save, with registrations and with
	 * handlers running (frames) among them */
	assert_true(tried >= 150);
	assert_true(registered > 0);
	assert_true(running > 0);
}

/* A fresh dispatcher of plat, saved. */
static void fresh(struct state *s)
{
	static struct sdd d;

	assert_int_equal(sdd_init(&d, &s->plat, &fz_image_port, NULL), SDD_INIT_OK);
	s->n = sdd_save(&d, s->v2, sizeof s->v2);
	assert_true(s->n > 0);
}

static void platform_with_private_events(struct sdd_platform *plat)
{
	uint8_t hdr[FZ_HEADER_BYTES] = { 3, 0, 0x1A, 0 };    /* 4 PEs; 2 private, 3 shared bind slots */

	platform_of(hdr, plat);
}

static unsigned private_events(const struct sdd_platform *plat)
{
	unsigned n = 0;

	for (unsigned i = 0; i < plat->event_count; i++)
		n += plat->events[i].type == SDD_PRIVATE;
	return n;
}

static void v1_form_has_every_registration(void **unused)
{
	static struct state s;
	static uint8_t v1[IMAGE_MAX];
	unsigned npriv, nshared;

	(void)unused;
	platform_with_private_events(&s.plat);
	fresh(&s);
	npriv = private_events(&s.plat);
	nshared = s.plat.event_count - npriv;
	assert_true(npriv > 0 && nshared > 0);
	assert_int_equal(fz_image_v1(&s.plat, s.v2, s.n, v1, sizeof v1),
			 16 + 8 + 2 * s.plat.event_count + 20 * nshared + s.plat.pe_count * (10 + 20 * npriv) + 4);
}

static void malformed_v2_has_no_v1_form(void **unused)
{
	static struct state s;
	static uint8_t v1[IMAGE_MAX], bad[IMAGE_MAX];
	size_t shared_present, pe0;

	(void)unused;
	platform_with_private_events(&s.plat);
	fresh(&s);
	shared_present = 16 + 8 + 2 * s.plat.event_count;
	pe0 = shared_present + 8;               /* no shared entry is written in a fresh state */
	assert_true(fz_image_v1(&s.plat, s.v2, s.n, v1, sizeof v1) > 0);

	assert_int_equal(fz_image_v1(&s.plat, s.v2, s.n - 1, v1, sizeof v1), 0);      /* short */
	memcpy(bad, s.v2, s.n);
	bad[s.n] = 0;
	assert_int_equal(fz_image_v1(&s.plat, bad, s.n + 1, v1, sizeof v1), 0);       /* long */
	memcpy(bad, s.v2, s.n);
	bad[shared_present + 7] = 0x80;                                                 /* event 63 */
	assert_int_equal(fz_image_v1(&s.plat, bad, s.n, v1, sizeof v1), 0);
	memcpy(bad, s.v2, s.n);
	bad[pe0 + 1] = 3;                                                               /* depth */
	assert_int_equal(fz_image_v1(&s.plat, bad, s.n, v1, sizeof v1), 0);
	memcpy(bad, s.v2, s.n);
	bad[4] = 1;                                                                     /* version */
	assert_int_equal(fz_image_v1(&s.plat, bad, s.n, v1, sizeof v1), 0);
	assert_int_equal(fz_image_v1(&s.plat, s.v2, s.n, v1, s.n), 0);                /* buffer */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(v1_forms_load_to_the_same_state),
		cmocka_unit_test(v1_form_has_every_registration),
		cmocka_unit_test(malformed_v2_has_no_v1_form),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
