/*
 * check_triggers.c - invariant X7 of reference/gicv3-ehf.md §4.3,
 * dispatches against triggers: every handler entered is explained by a
 * trigger, and no trigger is lost on the way.
 *
 * The chain is trigger -> latch -> acknowledge -> dispatch, and each link
 * is checked where it is made, against what the checker itself saw (its
 * ledger, struct sim_triggers) and the GIC's own fields - never against
 * the machine's dispatch records or the scheduler's caches, which are
 * what it checks:
 *   - a trigger the machine makes (a device's edge, the SGI of an
 *     EVENT_SIGNAL, the dispatcher's ISPENDR) is latched by the GIC at
 *     once: a GIC or port that drops it loses the event unseen, since
 *     nothing is then left for X6 to find;
 *   - a trigger stays latched until an acknowledge or an ICPENDR takes
 *     it (checked with the GIC, when it changed);
 *   - an edge-triggered interrupt is acknowledged only for a trigger
 *     made since its last acknowledge: a latch the acknowledge left set,
 *     or one set from nowhere, is a dispatch no trigger explains;
 *   - a dispatch for an INTID takes the acknowledge its PE made of it,
 *     still the latest one its CPU interface holds, and only once - and
 *     not while the PE's firmware holds it (a hold step: the acknowledge
 *     is the hand_over's to give to the dispatcher).
 * (Level-sensitive interrupts are pending while their line is high: any
 * number of acknowledges is explained by the line.  An explicit dispatch
 * is the firmware's own trigger.)
 *
 * The first three links are the simulator's alone: every latch the
 * dispatcher sets or clears goes through the port, which tells the
 * ledger.  A break there is the simulator's own fault (sim_fail_own);
 * the last link, a handler entered, is the dispatcher's.
 */
#include <string.h>

#include "sim_internal.h"

/* Set (on) or clear the ledger's bit of intid's instance of pe (both
 * valid); returns what it was. */
static bool ledger_swap(struct sim_machine *m, unsigned pe, uint32_t intid, bool on)
{
	bool was;

	if (intid < 32) {
		uint32_t *w = &m->triggers.banked[pe], bit = 1u << intid;
		was = *w & bit;
		*w = on ? *w | bit : *w & ~bit;
	} else {
		uint64_t *w = &m->triggers.spi[(intid - 32) / 64], bit = 1ull << ((intid - 32) % 64);
		was = *w & bit;
		*w = on ? *w | bit : *w & ~bit;
	}
	return was;
}

/* Whether pe and intid name an instance: the ledger keeps none else. */
static bool instance(const struct sim_machine *m, unsigned pe, uint32_t intid)
{
	return !m->skip_invariants && pe < m->npe && gic_intid_valid(&m->gic, intid);
}

void sim_triggers_reset(struct sim_machine *m)
{
	memset(m->triggers.banked, 0, m->npe * sizeof m->triggers.banked[0]);
	memset(m->triggers.spi, 0, sizeof m->triggers.spi);
	memset(m->triggers.acked, 0, m->npe * sizeof m->triggers.acked[0]);
}

/* The latch of intid's instance of pe, as the GIC's fields hold it. */
static bool latched(const struct gic *g, unsigned pe, uint32_t intid)
{
	if (intid < 32)
		return g->pe[pe].banked[intid].latch;
	return g->spi[intid - 32].latch;
}

bool sim_note_trigger(struct sim_machine *m, unsigned pe, uint32_t intid, bool group0_only)
{
	if (!instance(m, pe, intid))
		return true;
	/* An SGI of another group is not the target's to take (G8): dropped. */
	if (group0_only && gic_get_group(&m->gic, pe, intid) != GIC_G0)
		return true;
	ledger_swap(m, pe, intid, true);
	if (latched(&m->gic, pe, intid))
		return true;
	sim_fail_own(m, "GIC model", sim_step_loc(m), "X7: INTID %u was triggered for PE %u and the GIC did not latch "
		     "it (the trigger is lost)", (unsigned)intid, pe);
	return false;
}

void sim_note_untrigger(struct sim_machine *m, unsigned pe, uint32_t intid)
{
	if (instance(m, pe, intid))
		ledger_swap(m, pe, intid, false);
}

bool sim_triggers_ack(struct sim_machine *m, unsigned pe, uint32_t intid)
{
	const struct gic_irq *irq;

	if (!instance(m, pe, intid))
		return true;
	m->triggers.acked[pe] = (uint16_t)(intid + 1);
	irq = intid < 32 ? &m->gic.pe[pe].banked[intid] : &m->gic.spi[intid - 32];
	if (ledger_swap(m, pe, intid, false) || !irq->edge)
		return true;
	sim_fail_own(m, "GIC model", sim_step_loc(m), "X7: PE %u acknowledged INTID %u, edge-triggered, with no "
		     "trigger since its last acknowledge", pe, (unsigned)intid);
	return false;
}

bool sim_triggers_dispatch(struct sim_machine *m, unsigned pe, uint32_t handed)
{
	const struct gic_pe *p;
	uint16_t acked;

	if (m->skip_invariants || handed >= GIC_NUM_INTIDS || pe >= m->npe)
		return true;
	p = &m->gic.pe[pe];
	acked = m->triggers.acked[pe];
	m->triggers.acked[pe] = 0;
	if (m->pe[pe].hold.holding && m->pe[pe].hold.intid == handed) {
		sim_fail(m, SIM_FAIL_INVARIANT, sim_step_loc(m), "X7: PE %u entered a handler for INTID %u, which its "
			 "firmware holds (a hold step keeps it from the dispatcher until the hand_over)", pe,
			 (unsigned)handed);
		return false;
	}
	if (acked == handed + 1 && p->nack > 0 && p->ack[p->nack - 1].intid == handed)
		return true;
	sim_fail(m, SIM_FAIL_INVARIANT, sim_step_loc(m), "X7: PE %u entered a handler for INTID %u, which it %s", pe,
		 (unsigned)handed, acked == handed + 1 ? "no longer holds as its latest acknowledge" :
		 "did not acknowledge (or whose acknowledge a handler was entered for already)");
	return false;
}

/* The first trigger in the ledger whose latch is gone, as (pe, intid):
 * false when there is none. */
static bool first_lost(const struct sim_machine *m, unsigned *pe, uint32_t *intid)
{
	const struct gic *g = &m->gic;

	for (unsigned i = 0; i < m->npe; i++)
		for (uint32_t b = m->triggers.banked[i]; b; b &= b - 1) {
			uint32_t id = (uint32_t)__builtin_ctz(b);
			if (!g->pe[i].banked[id].latch) {
				*pe = i;
				*intid = id;
				return true;
			}
		}
	for (unsigned w = 0; w * 64 < g->nspi; w++)     /* (the ledger has no bit past the model's SPIs) */
		for (uint64_t b = m->triggers.spi[w]; b; b &= b - 1) {
			unsigned n = w * 64 + (unsigned)__builtin_ctzll(b);
			if (!g->spi[n].latch) {
				*pe = SIM_NONE;
				*intid = 32 + n;
				return true;
			}
		}
	return false;
}

bool sim_triggers_kept(struct sim_machine *m, struct sim_loc loc)
{
	unsigned pe;
	uint32_t intid;

	if (!first_lost(m, &pe, &intid))
		return true;
	if (intid < 32)
		sim_fail_own(m, "GIC model", loc, "X7: INTID %u of PE %u was triggered and is no longer latched, "
			     "with no acknowledge or ICPENDR since (the trigger is lost)", (unsigned)intid, pe);
	else
		sim_fail_own(m, "GIC model", loc, "X7: SPI %u was triggered and is no longer latched, with no "
			     "acknowledge or ICPENDR since (the trigger is lost)", (unsigned)intid);
	return false;
}
