/* Interrupts a PE's firmware acknowledged and holds before the dispatcher
 * sees them (the simulator's hold and hand_over steps): the trigger in
 * flight, and what the dispatcher may do with it when it is handed over,
 * after other PEs' calls came between (core/README.md, "The interrupt
 * model": an interrupt handed over late). */
#include <inttypes.h>
#include <stdio.h>

#include "rm_internal.h"

/* enum sdd_irq_result's numbers, as rm.h lists them (the model links
 * nothing of core/). */
enum { RES_DISPATCHED, RES_DEFERRED, RES_HELD, RES_DROPPED, RES_NOT_MINE, RES_REFUSED, RES_FAULT,
       RES_REROUTED, RES_COUNT };

static const char *const res_names[RES_COUNT] = {
    "dispatched", "deferred", "held", "dropped", "not mine", "refused", "fault", "rerouted",
};

void rm_hold(struct rm_model *m, unsigned pe, uint32_t intid)
{
    struct rm_pe_state *ps;
    int e;

    if (pe >= m->p.pes)
        return;
    ps = &m->pe[pe];
    e = rm_find_intid(m, intid);
    ps->hold = RM_HOLD_UNKNOWN;
    ps->hold_ev = 0xFF;
    if (e < 0)
        return;
    struct rm_event_state *es = &m->ev[e];
    uint64_t bit = rm_bit(m, (unsigned)e, pe);

    ps->hold_ev = (uint8_t)e;
    /* The trigger taken is the one pending: it leaves the pending state,
     * so that one arriving while it is held is a trigger of its own. */
    if (es->pend & bit)
        ps->hold = RM_HOLD_OWED;
    else if (es->maybe & bit)
        ps->hold = RM_HOLD_MAYBE;
    es->pend &= ~bit;
    es->maybe &= ~bit;
    es->held_by |= 1ull << pe;
}

void rm_hold_stale(struct rm_model *m, unsigned e, unsigned pe)
{
    uint64_t by = m->ev[e].held_by;

    for (unsigned p = 0; by && p < m->p.pes; p++)
        if (((by >> p) & 1) && (rm_ev(m, e)->shared || p == pe) && m->pe[p].hold == RM_HOLD_OWED)
            m->pe[p].hold = RM_HOLD_MAYBE;
}

/* The hold on pe ends; its trigger, if it was one of event e still (of the
 * event the INTID backs now), is pending again (possibly, as it was held). */
static void end_hold(struct rm_model *m, unsigned pe, int e, bool repend)
{
    struct rm_pe_state *ps = &m->pe[pe];

    if (ps->hold_ev != 0xFF)
        m->ev[ps->hold_ev].held_by &= ~(1ull << pe);
    if (repend && e >= 0 && ps->hold_ev == (unsigned)e) {
        uint64_t bit = rm_bit(m, (unsigned)e, pe);
        if (ps->hold == RM_HOLD_OWED)
            m->ev[e].pend |= bit;
        else if (ps->hold == RM_HOLD_MAYBE)
            m->ev[e].maybe |= bit;
    }
    ps->hold = RM_HOLD_NONE;
    ps->hold_ev = 0xFF;
}

/* Why res is not an answer the dispatcher may give to a trigger of event
 * e (the event the INTID backs now; -1: none) handed over on pe, or NULL.
 * The answers that pend the trigger again overlap (a masked PE may defer
 * a disabled event's trigger or hold it): the model does not judge the
 * dispatcher's order of checks, only that each answer fits the state. */
static const char *wrong_answer(const struct rm_model *m, unsigned pe, int e, unsigned res)
{
    unsigned s = e >= 0 ? rm_state(m, (unsigned)e, pe) : 0;
    const struct rm_event_state *es = e >= 0 ? &m->ev[e] : NULL;
    /* §6.2: a shared event routed RM_PE is its target's alone */
    bool elsewhere = (s & RM_REG) && rm_ev(m, (unsigned)e)->shared && es->rm_pe &&
                     rm_find_pe(m, es->affinity) != (int)pe;

    if (res == RES_NOT_MINE)
        return e < 0 ? NULL : "the INTID backs an event";
    if (e < 0)
        return "the INTID backs no event";
    switch (res) {
    case RES_DISPATCHED:
        return NULL;                 /* the entry is judged by rm_dispatch_held */
    case RES_DROPPED:
        return (s & RM_REG) ? "the event is registered" : NULL;
    case RES_REROUTED:
        return elsewhere ? NULL : "the event is not registered and routed RM_PE to another PE";
    case RES_DEFERRED:
        return elsewhere ? "the event is routed RM_PE to another PE"
               : !rm_masked_now(m, pe) ? "the PE is not masked" : NULL;
    case RES_HELD:
        return elsewhere ? "the event is routed RM_PE to another PE"
               : (s & (RM_REG | RM_ENA)) != RM_REG ? "the event is not registered and disabled" : NULL;
    default:
        return "not an answer to a hand-over";
    }
}

bool rm_hand_over(struct rm_model *m, unsigned pe, uint32_t intid, unsigned res, char *why, size_t n)
{
    const char *wrong;
    int e;

    if (pe >= m->p.pes || m->pe[pe].hold == RM_HOLD_NONE) {
        if (why && n)
            snprintf(why, n, "hand-over of INTID %" PRIu32 " on PE %u: it holds nothing", intid, pe);
        return false;
    }
    e = rm_find_intid(m, intid);
    wrong = wrong_answer(m, pe, e, res);
    if (wrong) {
        if (why && n)
            snprintf(why, n, "hand-over of INTID %" PRIu32 " on PE %u: the dispatcher answered %s, but %s",
                     intid, pe, res < RES_COUNT ? res_names[res] : "?", wrong);
        end_hold(m, pe, e, false);
        return false;
    }
    /* dispatched: the hold ends at the entry (rm_dispatch_held) */
    if (res != RES_DISPATCHED)
        end_hold(m, pe, e, res == RES_DEFERRED || res == RES_HELD || res == RES_REROUTED);
    if (why && n)
        why[0] = '\0';
    return true;
}

bool rm_dispatch_held(struct rm_model *m, unsigned pe, int32_t ev, char *why, size_t n)
{
    bool ok;

    if (pe >= m->p.pes || m->pe[pe].hold == RM_HOLD_NONE) {
        if (why && n)
            snprintf(why, n, "dispatch of event 0x%" PRIx32 " on PE %u: no interrupt was handed over",
                     (uint32_t)ev, pe);
        return false;
    }
    ok = rm_dispatch_judged(m, pe, ev, true, why, n);
    end_hold(m, pe, -1, false);
    return ok;
}
