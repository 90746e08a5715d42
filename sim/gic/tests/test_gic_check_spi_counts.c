/*
 * test_gic_check_spi_counts.c - gic_check on models whose last SPI falls
 * at each end of a word of 64, and in the middle of one: the checks that
 * walk the SPIs a word at a time (the reference HPPI, the 1-of-N rule,
 * the live bits past the last SPI) reach the last SPI and look at every
 * word after it.  The other tests use 61, 64, 96 and 100 SPIs; a walk
 * that stops a word early or starts a word late is wrong only at counts
 * such as 63, 126-130 or 189-195, and a platform may have any count.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "gic_fixture.h"

static const unsigned counts[] = {
	1, 2, 63, 64, 65, 100, 126, 127, 128, 129, 130, 131,
	189, 190, 191, 192, 193, 194, 195, 196, GIC_MAX_SPIS - 1, GIC_MAX_SPIS,
};

#define NCOUNTS (sizeof counts / sizeof counts[0])

/* The legal model: the last SPI 1-of-N and pending, which the lowest
 * eligible PE, PE 0, is chosen for; PE 3 asleep, so not eligible. */
static uint32_t build(struct gic *g, unsigned nspi)
{
	uint32_t last = 32 + nspi - 1;

	gic_init(g, FX_PES, fx_mpidr, nspi, NULL);
	gic_set_sleep(g, 3, true);
	fx_irq(g, 0, last, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, last);
	return last;
}

/* The model gic_check must call broken by G4, in a message holding want. */
static void assert_g4(struct gic *g, unsigned nspi, const char *want)
{
	char why[200];
	int r = gic_check(g, why, sizeof why);

	if (r != 4 || strstr(why, want) == NULL)
		fail_msg("%u SPIs: G%d (%s), expected G4 with '%s'", nspi, r, why, want);
}

/* The reference HPPI, found by the check from the interrupts themselves,
 * must see the last SPI as the fast cache does: otherwise the check calls
 * a legal model broken. */
static void last_spi_is_the_hppi_of_a_legal_model(void **state)
{
	struct gic *g = &((struct fx *)*state)->other;

	for (size_t k = 0; k < NCOUNTS; k++) {
		uint32_t last = build(g, counts[k]);
		char why[200];
		int r = gic_check(g, why, sizeof why);

		if (r != 0)
			fail_msg("%u SPIs: G%d (%s) on a legal model", counts[k], r, why);
		assert_int_equal(fx_hppi_mask(g, last), 1u);
	}
}

/* The last SPI's 1-of-N choice made for a PE that is asleep breaks the
 * rule: the check of the choices must get as far as it. */
static void choice_of_the_last_spi_is_checked(void **state)
{
	struct gic *g = &((struct fx *)*state)->other;
	char want[32];

	for (size_t k = 0; k < NCOUNTS; k++) {
		uint32_t last = build(g, counts[k]);

		g->route[last - 32].chosen = 3;
		snprintf(want, sizeof want, "SPI %u", (unsigned)last);
		assert_g4(g, counts[k], want);
	}
}

/* A live bit for the first SPI past the last one, in the last SPI's word
 * or the next, and one in the word after that: the model has no such SPI.
 * spi_live_words is kept in step, so only the bits themselves tell. */
static void live_bits_past_the_last_spi_are_reported(void **state)
{
	struct gic *g = &((struct fx *)*state)->other;
	char want[64];

	for (size_t k = 0; k < NCOUNTS; k++) {
		unsigned nspi = counts[k];
		unsigned first[2] = { nspi, (nspi / 64 + 1) * 64 };

		snprintf(want, sizeof want, "spi_live marks an SPI beyond the %u implemented", nspi);
		for (unsigned j = 0; j < 2; j++) {
			if (first[j] >= GIC_SPI_WORDS * 64u)
				continue;
			build(g, nspi);
			g->spi_live[first[j] / 64] |= 1ull << (first[j] % 64);
			g->spi_live_words |= 1ull << (first[j] / 64);
			assert_g4(g, nspi, want);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TB(last_spi_is_the_hppi_of_a_legal_model),
		TB(choice_of_the_last_spi_is_checked),
		TB(live_bits_past_the_last_spi_are_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
