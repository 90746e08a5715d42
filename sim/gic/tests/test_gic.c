/*
 * test_gic.c - the model's state: gic_init, per-interrupt configuration
 * (gic_set_irq too) and input (edge/level, latch, enable), SGIs,
 * redistributor reset, total functions on bad arguments and the epoch
 * (gic_copy / gic_equal: test_gic_encode.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gic_fixture.h"

static void init_state_is_the_firmware_setup(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	assert_int_equal(g->npe, FX_PES);
	assert_int_equal(g->nspi, FX_SPIS);
	for (unsigned grp = 0; grp < 3; grp++)
		assert_int_equal(g->grp_enabled[grp], 1);
	for (unsigned pe = 0; pe < FX_PES; pe++) {
		assert_int_equal(g->pe[pe].mpidr, fx_mpidr[pe]);
		assert_int_equal(gic_get_pmr(g, pe), 0xF8);
		assert_int_equal(gic_rpr(g, pe), GIC_IDLE_PRIO);
		assert_int_equal(g->pe[pe].sleep, 0);
		for (unsigned grp = 0; grp < 3; grp++) {
			assert_int_equal(g->pe[pe].dpg[grp], 0);
			assert_int_equal(g->pe[pe].igrpen[grp], 1);
		}
		assert_int_equal(gic_highest_pending(g, pe).intid, GIC_SPURIOUS);
	}
	for (uint32_t intid = 0; intid <= FX_LAST; intid++) {
		assert_int_equal(gic_get_group(g, 1, intid), GIC_G1NS);
		assert_int_equal(gic_get_priority(g, 1, intid), 0xA0);
		assert_false(gic_get_enabled(g, 1, intid));
		assert_false(gic_is_pending(g, 1, intid));
		assert_false(gic_is_active(g, 1, intid));
		assert_int_equal(intid < 32 ? g->pe[1].banked[intid].edge : g->spi[intid - 32].edge, 1);
	}
	for (unsigned n = 0; n < FX_SPIS; n++) {     /* IROUTER: affinity 0.0.0.0, IRM=0 */
		assert_int_equal(g->route[n].aff, 0);
		assert_int_equal(g->route[n].irm, 0);
		assert_int_equal(g->route[n].chosen, GIC_NO_PE);
		assert_int_equal(g->route[n].wake, GIC_NO_PE);
	}
	assert_int_equal(g->bad_eoi, 0);
	assert_int_equal(g->bad_eoi_pe, GIC_NO_PE);      /* no first offence: not PE 0, INTID 0 */
	assert_int_equal(g->bad_eoi_intid, GIC_SPURIOUS);
	assert_int_equal(g->bad_choice, 0);
	assert_int_equal(g->bad_choice_pe, GIC_NO_PE);
	assert_int_equal(g->bad_choice_intid, GIC_SPURIOUS);
}

static void init_clamps_counts_and_defaults_mpidrs(void **state)
{
	struct gic *g = &((struct fx *)*state)->other;

	gic_init(g, 100, NULL, 5000, NULL);
	assert_int_equal(g->npe, GIC_MAX_PES);
	assert_int_equal(g->nspi, GIC_MAX_SPIS);
	assert_int_equal(g->pe[5].mpidr, 5);
	assert_true(gic_intid_valid(g, 1019));
	assert_false(gic_intid_valid(g, 1020));
	fx_assert_clean(g);
}

/* gic_init sets up every byte of what it uses (the simulator reuses a
 * model's memory from run to run): on memory full of garbage it builds
 * the model it builds on zeros, byte for byte, padding included. */
static void init_on_garbage_builds_the_same_model(void **state)
{
	struct fx *f = *state;

	memset(&f->other, 0xA5, sizeof f->other);
	gic_init(&f->other, FX_PES, fx_mpidr, FX_SPIS, &f->g.choice);
	assert_memory_equal(&f->other, &f->g, offsetof(struct gic, spi));
	assert_memory_equal(f->other.spi, f->g.spi, FX_SPIS * sizeof f->g.spi[0]);
	assert_memory_equal(f->other.route, f->g.route, FX_SPIS * sizeof f->g.route[0]);
	assert_memory_equal(f->other.pe, f->g.pe, FX_PES * sizeof f->g.pe[0]);
}

static void priorities_are_stored_with_five_bits(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	gic_set_priority(g, 2, 20, 0x67);
	assert_int_equal(gic_get_priority(g, 2, 20), 0x60);
	gic_set_priority(g, 0, 60, 0xFF);
	assert_int_equal(gic_get_priority(g, 0, 60), 0xF8);
	gic_set_priority(g, 0, 61, 0x07);
	assert_int_equal(gic_get_priority(g, 0, 61), 0x00);
}

static void banked_configuration_is_per_pe_and_spi_ignores_pe(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	gic_set_group(g, 1, 8, GIC_G0);
	assert_int_equal(gic_get_group(g, 1, 8), GIC_G0);
	assert_int_equal(gic_get_group(g, 0, 8), GIC_G1NS);
	gic_set_group(g, 3, 40, GIC_G0);
	assert_int_equal(gic_get_group(g, 0, 40), GIC_G0);
	gic_set_priority(g, 200, 41, NORM);   /* pe is not even checked for SPIs */
	assert_int_equal(gic_get_priority(g, 1, 41), NORM);
}

static void edge_input_latches_on_rising_edges_only(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	gic_set_line(g, 1, 20, true);
	assert_true(gic_is_pending(g, 1, 20));
	gic_set_line(g, 1, 20, false);
	assert_true(gic_is_pending(g, 1, 20));     /* the latch holds it */
	gic_set_pending(g, 1, 20, false);
	assert_false(gic_is_pending(g, 1, 20));
	gic_set_line(g, 1, 20, true);
	gic_set_pending(g, 1, 20, false);
	gic_set_line(g, 1, 20, true);              /* still high: no edge */
	assert_false(gic_is_pending(g, 1, 20));
	assert_false(gic_is_pending(g, 0, 20));    /* banked: PE0's PPI 20 untouched */
	gic_fire(g, 1, 20);
	assert_true(gic_is_pending(g, 1, 20));
}

static void level_input_is_pending_while_high(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	gic_set_edge(g, 0, 50, false);
	gic_set_line(g, 0, 50, true);
	assert_true(gic_is_pending(g, 0, 50));
	assert_int_equal(g->spi[50 - 32].latch, 0);
	gic_set_line(g, 0, 50, false);
	assert_false(gic_is_pending(g, 0, 50));
	gic_fire(g, 0, 50);                       /* a level one: sets the latch */
	assert_true(gic_is_pending(g, 0, 50));
	assert_int_equal(g->spi[50 - 32].latch, 1);
}

static void icpendr_cannot_clear_a_level_interrupt_with_its_line_high(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	gic_set_edge(g, 0, 50, false);
	gic_set_pending(g, 0, 50, true);
	gic_set_line(g, 0, 50, true);
	gic_set_pending(g, 0, 50, false);
	assert_true(gic_is_pending(g, 0, 50));
	gic_set_line(g, 0, 50, false);
	assert_false(gic_is_pending(g, 0, 50));
}

static void disabled_interrupt_latches_but_is_not_forwarded(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, 40, GIC_G0, NORM, 0);
	gic_set_enabled(g, 0, 40, false);
	gic_fire(g, 0, 40);
	assert_true(gic_is_pending(g, 0, 40));
	assert_int_equal(gic_highest_pending(g, 0).intid, GIC_SPURIOUS);
	assert_false(gic_fiq_line(g, 0));
	assert_false(gic_wake_event(g, 0));
	gic_set_enabled(g, 0, 40, true);
	assert_int_equal(gic_highest_pending(g, 0).intid, 40);
	assert_true(gic_fiq_line(g, 0));
	assert_true(gic_wake_event(g, 0));
}

static void sgis_are_edge_and_have_no_input_line(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	gic_set_edge(g, 0, 8, false);
	assert_int_equal(g->pe[0].banked[8].edge, 1);
	gic_set_line(g, 0, 8, true);
	gic_fire(g, 0, 8);
	assert_false(gic_is_pending(g, 0, 8));
	assert_int_equal(g->pe[0].banked[8].line, 0);
	gic_set_edge(g, 0, 16, false);             /* PPIs may be level */
	assert_int_equal(g->pe[0].banked[16].edge, 0);
}

static void repeated_sgis_before_acknowledge_merge(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 2, 8, GIC_G0, NORM, 0);
	assert_true(gic_sgi(g, 0, 2, 8, GIC_G0));
	assert_true(gic_sgi(g, 1, 2, 8, GIC_G0));
	assert_int_equal(gic_ack0(g, 2), 8);
	assert_int_equal(gic_ack0(g, 2), GIC_SPURIOUS);
	gic_eoi0(g, 2, 8);
	assert_int_equal(gic_ack0(g, 2), GIC_SPURIOUS);
	assert_false(gic_is_pending(g, 2, 8));
	/* one sent after the acknowledge is a new one */
	assert_true(gic_sgi(g, 0, 2, 8, GIC_G0));
	assert_int_equal(gic_ack0(g, 2), 8);
	gic_eoi0(g, 2, 8);
}

/* ICC_SGI0R_EL1 as firmware writes it (GIC architecture specification,
 * ICC_SGI0R_EL1): INTID [27:24]; IRM [40] every PE but the sender; else
 * the PEs of affinity Aff3.Aff2.Aff1 [55:48].[39:32].[23:16] whose Aff0
 * is RS [47:44] * 16 + a bit set in TargetList [15:0].  The fixture's PEs
 * are 0.0.0.0, 0.0.0.1, 0.0.1.0 and 0.0.1.1. */
static void sgi0r_value_names_its_targets(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	static const struct { uint64_t value; unsigned src, hits; const char *pending; } cases[] = {
		{ 0x0000000008010002ull, 0, 1, "0001" },     /* Aff1 1, Aff0 1: PE 3 */
		{ 0x0000000008010003ull, 0, 2, "0011" },     /* Aff1 1, Aff0 0 and 1 */
		{ 0x0000000008000001ull, 1, 1, "1000" },     /* Aff1 0, Aff0 0: PE 0 */
		{ 0x0000010008000000ull, 1, 3, "1011" },     /* IRM: all but the sender */
		{ 0x0000010008FF00FFull, 3, 3, "1110" },     /* IRM: the rest is ignored */
		{ 0x0000000008020003ull, 0, 0, "0000" },     /* no Aff1 2 */
		{ 0x0000100008000003ull, 0, 0, "0000" },     /* RS 1: Aff0 16..31, none */
		{ 0x0000000108000003ull, 0, 0, "0000" },     /* Aff2 1: none */
		{ 0x0001000008000003ull, 0, 0, "0000" },     /* Aff3 1: none */
		{ 0x0000000009000003ull, 0, 0, "0000" },     /* SGI 9: Group 1 here, not accepted */
		{ 0x0000000008000003ull, FX_PES, 0, "0000" },/* no such sender */
	};

	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char got[FX_PES + 1];
		for (unsigned pe = 0; pe < FX_PES; pe++) {
			gic_set_pending(g, pe, 8, false);
			fx_irq(g, pe, 8, GIC_G0, NORM, 0);
		}
		assert_int_equal(gic_sgir_write(g, cases[k].src, cases[k].value, GIC_G0), cases[k].hits);
		for (unsigned pe = 0; pe < FX_PES; pe++)
			got[pe] = gic_is_pending(g, pe, 8) ? '1' : '0';
		got[FX_PES] = 0;
		if (strcmp(got, cases[k].pending) != 0)
			fail_msg("case %zu: pending %s, expected %s", k, got, cases[k].pending);
	}
	for (unsigned pe = 0; pe < FX_PES; pe++)
		gic_set_pending(g, pe, 8, false);

	/* the value that targets one PE, as a port writes it */
	assert_int_equal(gic_sgir_value(g, 3, 8), 0x0000000008010002ull);
	assert_int_equal(gic_sgir_value(g, 0, 15), 0x000000000F000001ull);
	assert_int_equal(gic_sgir_value(g, 2, 8), 0x0000000008010001ull);
	for (unsigned pe = 0; pe < FX_PES; pe++) {
		assert_int_equal(gic_sgir_write(g, (pe + 1) % FX_PES, gic_sgir_value(g, pe, 8), GIC_G0), 1);
		assert_true(gic_is_pending(g, pe, 8));
		gic_set_pending(g, pe, 8, false);
	}
	assert_int_equal(gic_sgir_value(g, FX_PES, 8), 0);            /* no such PE: no target */
	assert_int_equal(gic_sgir_value(g, 0, 16), 0);                /* no SGI: none, not SGI 0 */
	assert_int_equal(gic_sgir_value(g, 0, 24), 0);
}

static void sgi_is_accepted_only_in_the_targets_group(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 1, 8, GIC_G0, NORM, 0);          /* PE1's SGI 8 is Group 0, PE0's is not */
	assert_false(gic_sgi(g, 0, 1, 8, GIC_G1NS));
	assert_false(gic_sgi(g, 0, 1, 8, GIC_G1S));
	assert_false(gic_is_pending(g, 1, 8));
	assert_true(gic_sgi(g, 0, 1, 8, GIC_G0));
	assert_true(gic_is_pending(g, 1, 8));
	assert_false(gic_is_pending(g, 0, 8));
	assert_false(gic_sgi(g, 1, 0, 8, GIC_G0));   /* the sender's group does not matter */
	assert_false(gic_is_pending(g, 0, 8));
	assert_true(gic_sgi(g, 1, 0, 8, GIC_G1NS));
	assert_true(gic_is_pending(g, 0, 8));
	assert_false(gic_sgi(g, 0, 1, 16, GIC_G1NS));    /* not an SGI */
	assert_false(gic_sgi(g, 0, FX_PES, 8, GIC_G1NS));
	assert_false(gic_sgi(g, FX_PES, 0, 8, GIC_G1NS));
	assert_false(gic_sgi(g, 0, 0, 9, (enum gic_group)3));
}

static void redist_reset_restores_banked_setup_and_keeps_latches(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 1, 9, GIC_G0, CRIT, 0);
	gic_sgi(g, 0, 1, 9, GIC_G0);
	assert_int_equal(gic_ack0(g, 1), 9);
	fx_irq(g, 1, 8, GIC_G0, NORM, 0);
	gic_sgi(g, 0, 1, 8, GIC_G0);               /* pending behind the active one */
	fx_irq(g, 1, 20, GIC_G0, NORM, 0);
	gic_set_edge(g, 1, 20, false);
	gic_set_line(g, 1, 20, true);
	gic_set_pmr(g, 1, 0x80);
	fx_irq(g, 0, 8, GIC_G0, NORM, 0);

	gic_redist_reset(g, 1);
	assert_false(gic_is_active(g, 1, 9));
	assert_int_equal(g->pe[1].banked[9].owner, GIC_NO_PE);
	assert_true(gic_is_pending(g, 1, 8));          /* latch kept ... */
	assert_false(gic_get_enabled(g, 1, 8));        /* ... configuration gone */
	assert_int_equal(gic_get_group(g, 1, 8), GIC_G1NS);
	assert_int_equal(gic_get_priority(g, 1, 8), 0xA0);
	assert_int_equal(g->pe[1].banked[20].edge, 1);
	assert_int_equal(g->pe[1].banked[20].line, 1); /* the wire is still high */
	assert_false(gic_is_pending(g, 1, 20));        /* but edge-triggered now */
	assert_int_equal(gic_get_pmr(g, 1), 0xF8);
	assert_int_equal(gic_rpr(g, 1), GIC_IDLE_PRIO);
	assert_int_equal(g->pe[1].apr[GIC_G0], 0);
	assert_int_equal(g->pe[1].nack, 0);
	assert_int_equal(gic_get_group(g, 0, 8), GIC_G0);   /* other PEs untouched */
	assert_true(gic_get_enabled(g, 0, 8));
}

/* gic_set_irq against the four setters it stands for, run on a copy:
 * banked and SPI, 1-of-N, a level interrupt with its line high (pending
 * whatever the latch says), every combination of the four fields. */
static void set_irq_is_the_four_setters_in_one_change(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g, *four = &f->other;
	static const struct { unsigned pe; uint32_t intid; } at[] = { { 2, 20 }, { 0, 40 }, { 3, 8 }, { 1, 95 } };

	fx_irq(g, 2, 20, GIC_G1NS, NSPRI, 0);
	gic_fire(g, 2, 20);
	fx_irq(g, 0, 40, GIC_G1NS, NSPRI, FX_ANY);
	gic_set_edge(g, 0, 40, false);
	gic_set_line(g, 0, 40, true);
	gic_copy(four, g);
	for (unsigned k = 0; k < sizeof at / sizeof at[0]; k++) {
		for (unsigned c = 0; c < 16; c++) {
			enum gic_group grp = c & 1 ? GIC_G0 : GIC_G1NS;
			uint8_t prio = c & 2 ? CRIT | 7 : NSPRI;
			bool enabled = c & 4, pending = c & 8;
			uint64_t was = g->epoch, four_was = four->epoch;

			gic_set_irq(g, at[k].pe, at[k].intid, grp, prio, enabled, pending);
			gic_set_group(four, at[k].pe, at[k].intid, grp);
			gic_set_priority(four, at[k].pe, at[k].intid, prio);
			gic_set_enabled(four, at[k].pe, at[k].intid, enabled);
			gic_set_pending(four, at[k].pe, at[k].intid, pending);
			assert_true(gic_equal(g, four));
			/* one change, and only when the setters made one */
			assert_int_equal(g->epoch - was, four->epoch != four_was);
			fx_assert_clean(g);
		}
	}
	assert_true(gic_is_pending(g, 0, 40));    /* the line is still high */
	gic_set_irq(g, 0, 40, (enum gic_group)3, CRIT, true, true);   /* no such group */
	assert_true(gic_equal(g, four));
}

static void out_of_range_arguments_are_ignored(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g, *before = &f->other;
	static const uint32_t bad[] = { FX_LAST + 1, 1019, 1020, 1023, 1024, 0xFFFFFFFFu };

	fx_irq(g, 0, 40, GIC_G0, NORM, 0);
	gic_fire(g, 0, 40);
	gic_copy(before, g);
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint32_t id = bad[i];

		gic_set_group(g, 0, id, GIC_G0);
		gic_set_priority(g, 0, id, 0);
		gic_set_enabled(g, 0, id, true);
		gic_set_edge(g, 0, id, false);
		gic_set_pending(g, 0, id, true);
		gic_set_irq(g, 0, id, GIC_G0, 0, true, true);
		gic_set_active(g, 0, id, true);
		gic_set_line(g, 0, id, true);
		gic_fire(g, 0, id);
		gic_set_route(g, id, true, 0);
		if (id >= 1020)     /* below it, an EOIR is an illegal one (G9): test_gic_cpuif.c */
			gic_eoi0(g, 0, id);
		gic_dir(g, 0, id);
		assert_int_equal(gic_get_group(g, 0, id), 0);
		assert_int_equal(gic_get_priority(g, 0, id), 0);
		assert_false(gic_get_enabled(g, 0, id));
		assert_false(gic_is_pending(g, 0, id));
		assert_false(gic_is_active(g, 0, id));
		assert_false(gic_intid_valid(g, id));
	}
	/* a PE that does not exist, for banked INTIDs and PE registers */
	gic_set_group(g, FX_PES, 20, GIC_G0);
	gic_set_priority(g, FX_PES, 20, 0);
	gic_set_enabled(g, FX_PES, 20, true);
	gic_set_pending(g, FX_PES, 20, true);
	gic_set_irq(g, FX_PES, 20, GIC_G0, 0, true, true);
	gic_set_active(g, FX_PES, 20, true);
	gic_set_line(g, FX_PES, 20, true);
	gic_fire(g, 64, 20);
	gic_set_sleep(g, FX_PES, true);
	gic_set_participate(g, FX_PES, GIC_G0, false);
	gic_set_igrpen(g, FX_PES, GIC_G0, false);
	gic_redist_reset(g, 64);
	gic_eoi0(g, FX_PES, 40);
	gic_eoi1(g, 255, 40);
	gic_dir(g, FX_PES, 40);
	assert_int_equal(gic_set_pmr(g, FX_PES, 0), 0);
	assert_int_equal(gic_ack0(g, FX_PES), GIC_SPURIOUS);
	assert_int_equal(gic_ack1(g, FX_PES), GIC_SPURIOUS);
	/* and groups that do not exist */
	gic_set_group(g, 0, 40, (enum gic_group)3);
	gic_set_participate(g, 0, (enum gic_group)3, false);
	gic_set_igrpen(g, 0, (enum gic_group)7, false);
	gic_set_group_enable(g, (enum gic_group)3, false);
	assert_true(gic_equal(g, before));
	assert_int_equal(g->epoch, before->epoch);

	assert_int_equal(gic_get_pmr(g, FX_PES), 0);
	assert_int_equal(gic_rpr(g, FX_PES), 0);
	assert_int_equal(gic_highest_pending(g, FX_PES).intid, GIC_SPURIOUS);
	assert_int_equal(gic_hppir0(g, FX_PES), GIC_SPURIOUS);
	assert_false(gic_fiq_line(g, FX_PES));
	assert_false(gic_irq_line(g, FX_PES));
	assert_false(gic_wake_event(g, FX_PES));
	assert_int_equal(gic_get_group(g, FX_PES, 20), 0);
	assert_false(gic_is_pending(g, FX_PES, 20));
	assert_true(gic_intid_valid(g, FX_LAST));
	assert_true(gic_intid_valid(g, 0));
}

static void epoch_counts_changes_not_queries(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	uint64_t epoch;

	fx_irq(g, 0, 40, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, 40);
	epoch = g->epoch;
	for (unsigned pe = 0; pe < FX_PES; pe++) {
		gic_highest_pending(g, pe);
		gic_fiq_line(g, pe);
		gic_irq_line(g, pe);
		gic_wake_event(g, pe);
		gic_hppir0(g, pe);
		gic_rpr(g, pe);
	}
	gic_get_priority(g, 0, 40);
	gic_check(g, NULL, 0);
	assert_int_equal(g->epoch, epoch);
	gic_set_priority(g, 0, 40, NORM | 1);  /* stores the same value */
	gic_set_pmr(g, 0, 0xFF);
	gic_fire(g, 0, 40);
	assert_int_equal(g->epoch, epoch);
	gic_set_priority(g, 0, 40, CRIT);
	assert_int_equal(g->epoch, epoch + 1);
}

/* §3.2: an SGI arriving while its previous instance is active is delivered exactly once more, after deactivation. */
static void sgi_arriving_while_active_is_delivered_once_after_eoi(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 2, 8, GIC_G0, NORM, 0);
	assert_true(gic_sgi(g, 0, 2, 8, GIC_G0));
	assert_int_equal(gic_ack0(g, 2), 8);
	assert_true(gic_sgi(g, 0, 2, 8, GIC_G0));
	assert_true(gic_sgi(g, 1, 2, 8, GIC_G0));
	assert_true(gic_is_active(g, 2, 8));
	assert_true(gic_is_pending(g, 2, 8));
	assert_int_equal(gic_ack0(g, 2), GIC_SPURIOUS);
	gic_eoi0(g, 2, 8);
	assert_int_equal(gic_ack0(g, 2), 8);
	gic_eoi0(g, 2, 8);
	assert_int_equal(gic_ack0(g, 2), GIC_SPURIOUS);
	assert_false(gic_is_pending(g, 2, 8));
}

/* §2.3 SDEI_EVENT_SIGNAL ("self-targeting is allowed") / §1.7 IRM=0: an SGI to the sender's own PE pends there only. */
static void sgi_to_self_pends_on_the_sender_only(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	for (unsigned pe = 0; pe < FX_PES; pe++)
		fx_irq(g, pe, 8, GIC_G0, NORM, 0);
	assert_true(gic_sgi(g, 1, 1, 8, GIC_G0));
	assert_int_equal(fx_hppi_mask(g, 8), 1u << 1);
	assert_true(gic_fiq_line(g, 1));
	assert_int_equal(gic_ack0(g, 1), 8);
	gic_eoi0(g, 1, 8);
}

/* §1.3 GICR_WAKER / §3.5: an SGI to a sleeping PE is accepted and held at its redistributor until it wakes. */
static void sgi_to_a_sleeping_pe_is_held_until_it_wakes(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 3, 8, GIC_G0, NORM, 0);
	gic_set_sleep(g, 3, true);
	assert_true(gic_sgi(g, 0, 3, 8, GIC_G0));
	assert_true(gic_is_pending(g, 3, 8));
	assert_int_equal(gic_highest_pending(g, 3).intid, GIC_SPURIOUS);
	assert_false(gic_fiq_line(g, 3));
	assert_int_equal(gic_ack0(g, 3), GIC_SPURIOUS);
	assert_true(gic_wake_event(g, 3));
	assert_int_equal(fx_hppi_mask(g, 8), 0);
	gic_set_sleep(g, 3, false);
	assert_true(gic_fiq_line(g, 3));
	assert_int_equal(gic_ack0(g, 3), 8);
	gic_eoi0(g, 3, 8);
}

/* §1.1 PPIs 16-31 live in each PE's redistributor / §3.11: pending and active state of a PPI are per PE. */
static void ppi_pending_and_active_state_are_per_pe(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, 20, GIC_G0, NORM, 0);
	fx_irq(g, 1, 20, GIC_G0, NORM, 0);
	gic_fire(g, 1, 20);
	assert_int_equal(fx_hppi_mask(g, 20), 1u << 1);
	gic_fire(g, 0, 20);
	assert_int_equal(fx_hppi_mask(g, 20), (1u << 0) | (1u << 1));
	assert_int_equal(gic_ack0(g, 0), 20);
	assert_true(gic_is_active(g, 0, 20));
	assert_false(gic_is_active(g, 1, 20));
	assert_int_equal(gic_hppir0(g, 1), 20);
	assert_int_equal(gic_ack0(g, 1), 20);
	gic_eoi0(g, 0, 20);
	assert_false(gic_is_active(g, 0, 20));
	assert_true(gic_is_active(g, 1, 20));
	assert_int_equal(gic_rpr(g, 1), NORM);
	gic_eoi0(g, 1, 20);
	assert_false(gic_is_active(g, 1, 20));
}

/* A redistributor reset is a change (the epoch moves) when it changes
 * anything, and only then: a banked interrupt's configuration alone, the
 * PMR alone, nested acknowledges (every entry cleared). */
static void redist_reset_moves_the_epoch_when_it_changes_anything(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	uint64_t epoch;

	gic_set_priority(g, 1, 20, NORM);         /* not live: configuration only */
	epoch = g->epoch;
	gic_redist_reset(g, 1);
	assert_int_not_equal(g->epoch, epoch);
	gic_set_group(g, 1, 0, GIC_G0);            /* SGI 0, the first, is reset too */
	gic_redist_reset(g, 1);
	assert_int_equal(gic_get_group(g, 1, 0), GIC_G1NS);
	epoch = g->epoch;
	gic_redist_reset(g, 1);                    /* nothing left to reset */
	assert_int_equal(g->epoch, epoch);
	gic_set_pmr(g, 1, NORM);
	epoch = g->epoch;
	gic_redist_reset(g, 1);
	assert_int_not_equal(g->epoch, epoch);
	assert_int_equal(gic_get_pmr(g, 1), 0xF8);
	fx_irq(g, 1, 20, GIC_G0, NORM, 0);
	fx_irq(g, 1, 21, GIC_G0, CRIT, 0);
	gic_fire(g, 1, 20);
	assert_int_equal(gic_ack0(g, 1), 20);
	gic_fire(g, 1, 21);
	assert_int_equal(gic_ack0(g, 1), 21);
	gic_redist_reset(g, 1);
	for (unsigned k = 0; k < 32; k++)
		assert_int_equal(g->pe[1].ack[k].intid, 0);
	epoch = g->epoch;
	gic_redist_reset(g, 1);
	assert_int_equal(g->epoch, epoch);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		T(init_state_is_the_firmware_setup),
		T(init_clamps_counts_and_defaults_mpidrs),
		T(init_on_garbage_builds_the_same_model),
		T(priorities_are_stored_with_five_bits),
		T(banked_configuration_is_per_pe_and_spi_ignores_pe),
		T(edge_input_latches_on_rising_edges_only),
		T(level_input_is_pending_while_high),
		T(icpendr_cannot_clear_a_level_interrupt_with_its_line_high),
		T(disabled_interrupt_latches_but_is_not_forwarded),
		T(sgis_are_edge_and_have_no_input_line),
		T(repeated_sgis_before_acknowledge_merge),
		T(sgi0r_value_names_its_targets),
		T(sgi_is_accepted_only_in_the_targets_group),
		T(redist_reset_restores_banked_setup_and_keeps_latches),
		T(redist_reset_moves_the_epoch_when_it_changes_anything),
		T(set_irq_is_the_four_setters_in_one_change),
		T(out_of_range_arguments_are_ignored),
		T(epoch_counts_changes_not_queries),
		T(sgi_arriving_while_active_is_delivered_once_after_eoi),
		T(sgi_to_self_pends_on_the_sender_only),
		T(sgi_to_a_sleeping_pe_is_held_until_it_wakes),
		T(ppi_pending_and_active_state_are_per_pe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
