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
    ps->hold_intid = intid;
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

void rm_hold_detach(struct rm_model *m, unsigned e)
{
    for (unsigned p = 0; m->ev[e].held_by && p < m->p.pes; p++)
        if ((m->ev[e].held_by >> p) & 1) {
            m->pe[p].hold_ev = 0xFF;
            m->ev[e].held_by &= ~(1ull << p);
        }
}

void rm_hold_stale(struct rm_model *m, unsigned e, unsigned pe)
{
    uint64_t by = m->ev[e].held_by;

    for (unsigned p = 0; by && p < m->p.pes; p++)
        if (((by >> p) & 1) && (rm_ev(m, e)->shared || p == pe) && m->pe[p].hold == RM_HOLD_OWED)
            m->pe[p].hold = RM_HOLD_MAYBE;
}

/* The hold on pe ends; its trigger is pending again, a trigger of event e
 * (the event the INTID backs now): owed or possibly, as it was held, if
 * it was acknowledged for e; possibly, if the INTID was bound to e since
 * (the dispatcher finds it e's). */
static void end_hold(struct rm_model *m, unsigned pe, int e, bool repend)
{
    struct rm_pe_state *ps = &m->pe[pe];

    if (ps->hold_ev != 0xFF)
        m->ev[ps->hold_ev].held_by &= ~(1ull << pe);
    if (repend && e >= 0) {
        uint64_t bit = rm_bit(m, (unsigned)e, pe);
        if (ps->hold_ev == (unsigned)e && ps->hold == RM_HOLD_OWED)
            m->ev[e].pend |= bit;
        else if (ps->hold_ev != (unsigned)e || ps->hold == RM_HOLD_MAYBE)
            m->ev[e].maybe |= bit;
    }
    ps->hold = RM_HOLD_NONE;
    ps->hold_ev = 0xFF;
}

/* The model judges what the dispatcher's answer does, not its name: every
 * answer but a dispatch either gives the trigger up or pends it again.
 * Giving it up is right only for an event that is not registered (or no
 * event any more), and not under unreg_keep; otherwise the trigger stays owed, and rm_settled (or a
 * later dispatch) judges where it went - which the reproducer can pin
 * with expect_dispatches.  So a dispatcher that defers, holds or
 * reroutes a trigger where it should not is caught by what follows: a
 * trigger its target never receives, or one entered on the wrong PE. */
bool rm_hand_over(struct rm_model *m, unsigned pe, uint32_t intid, unsigned res, char *why, size_t n)
{
    bool holds = rm_holds(m, pe);
    int e;

    if (!holds || res >= RES_COUNT || res == RES_REFUSED || res == RES_FAULT) {
        if (why && n)
            snprintf(why, n, "hand-over of INTID %" PRIu32 " on PE %u: %s", intid, pe,
                     holds ? "the dispatcher refused it or failed" : "it holds nothing");
        if (holds)
            end_hold(m, pe, -1, false);
        return false;
    }
    if (res != RES_DISPATCHED) {         /* a dispatch ends the hold at its entry (rm_dispatch) */
        e = rm_find_intid(m, intid);
        bool gone = res == RES_DROPPED || res == RES_NOT_MINE;
        bool kept = e >= 0 && (m->p.unreg_keep || (rm_state(m, (unsigned)e, pe) & RM_REG));
        end_hold(m, pe, e, !gone || kept);
    }
    if (why && n)
        why[0] = '\0';
    return true;
}

bool rm_holds(const struct rm_model *m, unsigned pe)
{
    return pe < m->p.pes && m->pe[pe].hold != RM_HOLD_NONE;
}

bool rm_intid_held(const struct rm_model *m, uint32_t intid)
{
    for (unsigned p = 0; p < m->p.pes; p++)
        if (rm_holds(m, p) && m->pe[p].hold_intid == intid)
            return true;
    return false;
}

bool rm_active_refused(const struct rm_model *m, unsigned e, unsigned pe)
{
    uint32_t intid = m->ev[e].intid;

    if (!m->p.active_denied || !rm_has_intid(m, e) || (rm_ev(m, e)->kind == RM_SLOT && !m->ev[e].bound))
        return false;
    return intid >= 32 ? rm_intid_held(m, intid) : rm_holds(m, pe) && m->pe[pe].hold_intid == intid;
}

int64_t rm_chk_active(struct rm_ctx *c)
{
    if (!rm_active_refused(c->m, (unsigned)c->e, c->pe))
        return 0;
    c->reason = "its interrupt is Active (a PE's firmware holds it)";
    return RM_DENIED;
}

void rm_hold_end(struct rm_model *m, unsigned pe)
{
    end_hold(m, pe, -1, false);
}
