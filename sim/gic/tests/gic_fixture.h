/*
 * gic_fixture.h - the GIC the unit tests run on: four PEs in two clusters
 * (MPIDR 0x0, 0x1, 0x100, 0x101), 64 SPIs (INTIDs 32-95), and a scripted
 * 1-of-N choice that records how it was asked.
 */
#ifndef GIC_FIXTURE_H
#define GIC_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "gic.h"

#define FX_PES     4u
#define FX_SPIS    64u
#define FX_LAST    (32u + FX_SPIS - 1u)   /* highest implemented INTID */

#define CRIT       0x60    /* PLAT_SDEI_CRITICAL_PRI */
#define NORM       0x70    /* PLAT_SDEI_NORMAL_PRI */
#define NSPRI      0xA0    /* a Non-secure priority */

extern const uint64_t fx_mpidr[FX_PES];

struct fx_pick {
	unsigned script[8];     /* answers, in order; 0 once used up */
	unsigned nscript;
	unsigned calls;
	unsigned last_n;        /* n of the latest call */
	uint32_t last_intid;    /* its SPI */
	uint64_t last_pes;      /* its candidates, as a mask */
};

struct fx {
	struct gic g;
	struct gic other;       /* scratch for copies; initialised like g, no choice */
	struct fx_pick pick;
};

/* cmocka set-up / tear-down: *state is a struct fx.  fx_teardown_clean
 * also requires gic_check() == 0, so every test that ends legally
 * checks the invariants too. */
int fx_setup(void **state);
int fx_teardown(void **state);
int fx_teardown_clean(void **state);

/* An enabled interrupt of group grp and priority prio; SPIs routed to PE
 * route_pe (IRM=0), or 1-of-N when route_pe is FX_ANY. */
#define FX_ANY 0xFFu
void fx_irq(struct gic *g, unsigned pe, uint32_t intid, enum gic_group grp, uint8_t prio,
	    unsigned route_pe);

/* Which PEs have intid as their HPPI: bit i for PE i. */
unsigned fx_hppi_mask(struct gic *g, uint32_t intid);

/* gic_check() must say 0 (prints its message otherwise). */
void fx_assert_clean(struct gic *g);
/* gic_check() must say inv, with the message msg. */
void fx_assert_check(struct gic *g, int inv, const char *msg);

/* SPIs routed to PE 0 that several tests use: Group 0 at NORM, Group 0
 * at CRIT, Non-secure Group 1 (at NSPRI, as the test configures it). */
#define SPI_N      40
#define SPI_C      41
#define SPI_NS     43

/* SPI_N and SPI_C configured (fx_irq), neither pending. */
void fx_normal_and_critical_on_pe0(struct gic *g);
/* PE 0 in a normal handler (SPI_N) preempted by a critical one (SPI_C). */
void fx_nest_normal_then_critical(struct gic *g);

/* A test on the fixture that ends in a legal state (T: checked by
 * gic_check), or in a broken one it has asserted itself (TB). */
#define T(f)  cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown_clean)
#define TB(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)

#endif /* GIC_FIXTURE_H */
