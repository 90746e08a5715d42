/*
 * gic_check_choice.c - G4's rule of the 1-of-N choice, restated from the
 * fields (gic_check_internal.h): a forwardable 1-of-N SPI is chosen for a
 * PE that can take it, or for none while no PE can; with none, it has a
 * sleeping PE that takes part to wake while there is one.
 *
 * gic_check asks it of the state it is shown.  That alone misses a wrong
 * choice undone before the next check: a sleeping PE chosen, and woken by
 * that very choice (gic_wake_event) before the machine settles, takes the
 * SPI as if it had been chosen rightly.  So the model also has each choice
 * checked as it is made (gic_note_choice, from gicd_refresh_choices), and
 * the first one that broke the rule is kept in struct gic, as a wrong EOI
 * is (bad_eoi), for gic_check to report.
 */
#include <stdio.h>

#include "gic_check_internal.h"

enum gic_choice_verdict gic_choice_rule(const struct gic *g, unsigned s, unsigned *pe)
{
	const struct gic_irq *irq = &g->spi[s];
	unsigned chosen = g->route[s].chosen, wake = g->route[s].wake;

	*pe = GIC_NO_PE;
	if (!g->route[s].irm || !gicd_forwardable(g, irq))
		return GIC_CHOICE_SOUND;
	if (chosen != GIC_NO_PE && wake != GIC_NO_PE) {
		*pe = wake;
		return GIC_CHOICE_WAKE_TOO;
	}
	if (chosen == GIC_NO_PE && !gicr_sleeps_in(g, wake, irq->group))
		for (unsigned i = 0; i < gic_npe(g); i++)
			if (gicr_sleeps_in(g, i, irq->group)) {
				*pe = i;
				return GIC_CHOICE_WRONG_WAKE;
			}
	if (gic_ref_eligible(g, chosen, irq))
		return GIC_CHOICE_SOUND;
	if (chosen != GIC_NO_PE) {
		*pe = chosen;
		return GIC_CHOICE_UNABLE;
	}
	for (unsigned i = 0; i < gic_npe(g); i++)
		if (gic_ref_eligible(g, i, irq)) {
			*pe = i;
			return GIC_CHOICE_MISSED;
		}
	return GIC_CHOICE_SOUND;
}

const char *gic_choice_rule_name(uint8_t verdict)
{
	static const char *const names[] = {
		[GIC_CHOICE_SOUND] = "sound",
		[GIC_CHOICE_WAKE_TOO] = "to wake, as well as a target",
		[GIC_CHOICE_WRONG_WAKE] = "sleeping and taking part, and not the PE to wake",
		[GIC_CHOICE_UNABLE] = "chosen, which could not take it",
		[GIC_CHOICE_MISSED] = "able to take it, and no PE chosen",
	};
	return verdict < sizeof names / sizeof names[0] ? names[verdict] : "?";
}

int gic_choice_fail(const struct gic *g, unsigned s, char *why, size_t n)
{
	unsigned pe, chosen = g->route[s].chosen, wake = g->route[s].wake, intid = GIC_MIN_SPI + s;
	enum gic_choice_verdict v = gic_choice_rule(g, s, &pe);

	if (v == GIC_CHOICE_SOUND)
		return 0;
	if (!why || !n)
		return 4;
	if (v == GIC_CHOICE_WAKE_TOO)
		snprintf(why, n, "G4: 1-of-N SPI %u chosen for PE %u has PE %u to wake too", intid, chosen, pe);
	else if (v == GIC_CHOICE_WRONG_WAKE)
		snprintf(why, n, "G4: 1-of-N SPI %u with no target wakes %s, not a sleeping PE that takes part "
			 "such as PE %u", intid, wake == GIC_NO_PE ? "no PE" : "another PE", pe);
	else if (v == GIC_CHOICE_UNABLE)
		snprintf(why, n, "G4: 1-of-N SPI %u chosen for PE %u, which cannot take it", intid, pe);
	else
		snprintf(why, n, "G4: 1-of-N SPI %u has no target but PE %u can take it", intid, pe);
	return 4;
}

/* see gic_internal.h */
void gic_note_choice(struct gic *g, unsigned n)
{
	unsigned pe;
	enum gic_choice_verdict v = gic_choice_rule(g, n, &pe);

	if (v == GIC_CHOICE_SOUND)
		return;
	if (g->bad_choice == 0) {
		g->bad_choice_intid = (uint16_t)(GIC_MIN_SPI + n);
		g->bad_choice_pe = (uint8_t)pe;
		g->bad_choice_rule = (uint8_t)v;
	}
	if (g->bad_choice != UINT32_MAX)
		g->bad_choice++;
}
