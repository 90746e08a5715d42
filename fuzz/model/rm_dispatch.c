/* Triggers, dispatch, completion and the "settled" check (DEN0054C §6.2,
 * §5.2, §4.3.2; the machine's interrupt model in core/README.md). */
#include <inttypes.h>
#include <stdio.h>

#include "rm_internal.h"

static bool say(char *why, size_t n, const char *what, int32_t ev, unsigned pe, const char *reason)
{
    if (why && n)
        snprintf(why, n, "%s of event 0x%" PRIx32 " on PE %u: %s", what, (uint32_t)ev, pe, reason);
    return false;
}

/* ---- triggers ---------------------------------------------------------- */

void rm_trigger(struct rm_model *m, unsigned e, unsigned pe)
{
    const struct rm_event *d = rm_ev(m, e);

    /* Unregistered (or unregister-pending): event 0 keeps the trigger
     * (SIGNAL = "pending until the target can take it"); others ignore it
     * (their interrupt's pending state is dropped at REGISTER anyway),
     * unless unreg_keep leaves it pending. */
    if (d->kind != RM_EVENT0 && !m->p.unreg_keep && !(rm_state(m, e, pe) & RM_REG))
        return;
    /* At a PE that is off too: nothing is owed there while it is off, and
     * rm_cpu_on makes it only possibly pending. */
    m->ev[e].pend |= rm_bit(m, e, pe);
}

void rm_fire(struct rm_model *m, uint32_t intid, unsigned pe)
{
    int e = rm_find_intid(m, intid);

    if (e < 0) {
        rm_client_fired(m, intid, pe);   /* not an SDEI interrupt */
        return;
    }
    if (!rm_ev(m, (unsigned)e)->shared && pe >= m->p.pes)
        return;
    rm_trigger(m, (unsigned)e, pe);
}

/* ---- nesting and dispatch ---------------------------------------------- */

const char *rm_nesting(const struct rm_model *m, unsigned pe, unsigned e)
{
    const struct rm_pe_state *ps = &m->pe[pe];

    /* Critical may preempt normal; nothing else nests (§4.3.2.2, §6.2). */
    if (ps->depth == 0)
        return NULL;
    if (ps->depth >= 2)
        return "two handlers already running on this PE";
    if (rm_ev(m, ps->stack[0])->critical)
        return "a critical handler is running on this PE";
    if (!rm_ev(m, e)->critical)
        return "a normal handler is running on this PE and the event is normal";
    return NULL;
}

/* Event e runs on pe now.  consume: its pending trigger is the one taken
 * (not for a trigger a hold had in flight: one pending now came since). */
static void enter(struct rm_model *m, unsigned pe, unsigned e, bool consume)
{
    struct rm_pe_state *ps = &m->pe[pe];
    struct rm_event_state *es = &m->ev[e];
    uint64_t bit = rm_bit(m, e, pe);

    if (consume) {
        es->pend &= ~bit;
        es->maybe &= ~bit;
    }
    rm_set_state(m, e, pe, (unsigned)rm_transition(rm_state(m, e, pe), RM_A_DISPATCH).next);
    es->run_pe = (uint8_t)pe;
    ps->stack[ps->depth++] = (uint8_t)e;
}

bool rm_entry_ok(const struct rm_model *m, unsigned pe, int32_t ev, const struct rm_entry *got,
                 struct rm_entry *want, char *why, size_t n)
{
    int e = rm_find_event(m, (uint32_t)ev);
    const char *what;
    uint64_t g, w;

    want->arg = want->pc = 0;
    if (e < 0 || pe >= m->p.pes)
        return say(why, n, "handler entry", ev, pe, "no such event or PE");
    *want = m->entry[e][rm_ev(m, (unsigned)e)->shared ? 0 : pe];
    if (got->arg != want->arg)
        what = "x1", g = got->arg, w = want->arg;
    else if (got->pc != want->pc)
        what = "PC", g = got->pc, w = want->pc;
    else
        return true;
    if (why && n)
        snprintf(why, n, "handler entry of event 0x%" PRIx32 " on PE %u: %s = 0x%" PRIx64
                 ", the registered %s is 0x%" PRIx64, (uint32_t)ev, pe, what, g,
                 what[0] == 'x' ? "argument" : "entry point", w);
    return false;
}

/* Does no PE but pe take part in 1-of-N routing (every other one masked
 * or off): must a shared RM_ANY event's SPI go to pe? */
static bool sole_participant(const struct rm_model *m, unsigned pe)
{
    for (unsigned p = 0; p < m->p.pes; p++)
        if (p != pe && m->pe[p].on && !rm_masked_now(m, p))
            return false;
    return true;
}

/* A critical event pending for pe alone and able to run there now: it
 * outranks every normal event (§4.3.2.1, §6.2: the GIC takes the higher
 * priority first), so no normal event may be dispatched on pe before it.
 * A shared RM_ANY event counts only when pe is the one PE taking part in
 * its routing (else the distributor may have given it to another PE);
 * triggers only possibly pending do not. -1 if none. */
static int critical_owed(const struct rm_model *m, unsigned pe)
{
    for (unsigned e = 0; e < m->p.nevents; e++) {
        const struct rm_event *d = rm_ev(m, e);
        const struct rm_event_state *es = &m->ev[e];

        if (!d->critical || !rm_exists(m, e) || !rm_has_intid(m, e) ||
            !(es->pend & rm_bit(m, e, pe)) || rm_state(m, e, pe) != (RM_REG | RM_ENA))
            continue;
        /* its SPI held Active by a PE's firmware: signalled nowhere yet */
        if (d->shared && rm_intid_held(m, es->intid))
            continue;
        if (d->shared && (es->rm_pe ? rm_find_pe(m, es->affinity) != (int)pe : !sole_participant(m, pe)))
            continue;
        return (int)e;
    }
    return -1;
}

int rm_preempting_critical(const struct rm_model *m, unsigned pe)
{
    const struct rm_pe_state *ps = &m->pe[pe];

    /* Only the innermost handler being normal leaves room for a critical
     * one; a PE masked in force (or holding an interrupt) takes none. */
    if (ps->depth != 1 || rm_ev(m, ps->stack[0])->critical || rm_masked_now(m, pe) ||
        ps->hold != RM_HOLD_NONE)
        return -1;
    return critical_owed(m, pe);
}

/* Is a dispatch of event e on pe, at the hand-over of the interrupt pe's
 * firmware holds, one of the trigger held?  Of the event it was acknowledged
 * for, while that trigger may be delivered; or of the event the INTID backs
 * now, when the binding changed while it was held (released and bound
 * again, which TF-A allows: bind_tfa; or bound since, when it was no
 * event's): the dispatcher finds the INTID that event's. */
static bool hold_is_trigger_of(const struct rm_model *m, unsigned pe, unsigned e)
{
    const struct rm_pe_state *ps = &m->pe[pe];

    if (ps->hold_ev == e)
        return ps->hold == RM_HOLD_OWED || ps->hold == RM_HOLD_MAYBE;
    return rm_find_intid(m, ps->hold_intid) == (int)e;
}

/* A dispatch refused for fault (enum rm_dispatch_fault), with why. */
static unsigned refuse(char *why, size_t n, int32_t ev, unsigned pe, const char *reason, unsigned fault)
{
    say(why, n, "dispatch", ev, pe, reason);
    return fault;
}

/* rm_dispatch_judged's judgement (the model unchanged); from_hold: of the
 * trigger pe's firmware held. */
static unsigned judge_dispatch(const struct rm_model *m, unsigned pe, int32_t ev, bool from_hold,
                               int32_t *first, char *why, size_t n)
{
    char buf[96];
    int ei;

    if (pe >= m->p.pes)
        return refuse(why, n, ev, pe, "no such PE", RM_DF_NOT_NOW);
    ei = ev < 0 ? -1 : rm_find_event(m, (uint32_t)ev);
    if (ei < 0 || !rm_exists(m, (unsigned)ei))
        return refuse(why, n, ev, pe, "not an event", RM_DF_NOT_NOW);
    unsigned e = (unsigned)ei;
    const struct rm_event *d = rm_ev(m, e);
    const struct rm_event_state *es = &m->ev[e];
    unsigned s = rm_state(m, e, pe);
    uint64_t bit = rm_bit(m, e, pe);
    const char *nest;

    if (!rm_has_intid(m, e))
        return refuse(why, n, ev, pe, "explicit event taken as an interrupt", RM_DF_NOT_NOW);
    if (!m->pe[pe].on)
        return refuse(why, n, ev, pe, "PE is off", RM_DF_NOT_NOW);
    if (rm_masked_now(m, pe))
        return refuse(why, n, ev, pe, "PE is masked", RM_DF_NOT_NOW);
    if (rm_transition(s, RM_A_DISPATCH).next < 0) {
        if (d->shared && (s & RM_RUN))
            snprintf(buf, sizeof buf, "state %s on PE %u (dispatch needs enabled, not running)",
                     rm_state_name(s), es->run_pe);
        else
            snprintf(buf, sizeof buf, "state %s (dispatch needs enabled, not running)",
                     rm_state_name(s));
        return refuse(why, n, ev, pe, buf, RM_DF_NOT_NOW);
    }
    /* an SPI another PE's firmware holds is active: the GIC signals it
     * nowhere until the hand-over ends it */
    if (!from_hold && d->shared && rm_intid_held(m, es->intid))
        return refuse(why, n, ev, pe, "its SPI is active: a PE's firmware holds it", RM_DF_NOT_NOW);
    if (from_hold ? !hold_is_trigger_of(m, pe, e) : !((es->pend | es->maybe) & bit))
        return refuse(why, n, ev, pe, from_hold ? "the interrupt its firmware held is no trigger of it"
                                      : d->shared ? "not triggered" : "not triggered on this PE",
                      RM_DF_NOT_NOW);
    if (d->shared && es->rm_pe && rm_find_pe(m, es->affinity) != (int)pe) {
        snprintf(buf, sizeof buf, "routed RM_PE to MPIDR 0x%" PRIx64, es->affinity);
        return refuse(why, n, ev, pe, buf, RM_DF_NOT_NOW);
    }
    if ((nest = rm_nesting(m, pe, e)) != NULL)
        return refuse(why, n, ev, pe, nest, RM_DF_NESTED);
    if (!d->critical && !from_hold) {
        int c = critical_owed(m, pe);
        if (c >= 0) {
            *first = rm_ev(m, (unsigned)c)->number;
            snprintf(buf, sizeof buf, "critical event 0x%" PRIx32 " is pending here and goes first",
                     (uint32_t)*first);
            return refuse(why, n, ev, pe, buf, RM_DF_FIRST);
        }
    }
    if (why && n)
        why[0] = '\0';
    return RM_DF_NONE;
}

bool rm_dispatch(struct rm_model *m, unsigned pe, int32_t ev, char *why, size_t n)
{
    return rm_dispatch_judged(m, pe, ev, NULL, why, n);
}

bool rm_dispatch_judged(struct rm_model *m, unsigned pe, int32_t ev, struct rm_dispatch_verdict *v,
                        char *why, size_t n)
{
    bool held = rm_holds(m, pe);
    int32_t first = 0;
    unsigned fault = judge_dispatch(m, pe, ev, held, &first, why, n);

    if (fault == RM_DF_NONE)      /* judged: an event of the platform */
        enter(m, pe, (unsigned)rm_find_event(m, (uint32_t)ev), !held);
    if (held)
        rm_hold_end(m, pe);
    if (v) {
        v->fault = (uint8_t)fault;
        v->first = first;
    }
    return fault == RM_DF_NONE;
}

bool rm_explicit(struct rm_model *m, unsigned pe, int32_t ev, int64_t result, char *why, size_t n)
{
    const char *reason = NULL;
    char buf[64];
    int64_t want = RM_SUCCESS;
    int ei = ev < 0 ? -1 : rm_find_event(m, (uint32_t)ev);
    unsigned e = (unsigned)ei;

    if (pe >= m->p.pes)
        return say(why, n, "explicit dispatch", ev, pe, "no such PE");
    /* Refusals, in order: not explicit (INVALID), then the PE and the
     * event's state (DENIED). explicit_minus_one: -1 for all (TF-A). */
    if (ei < 0 || rm_ev(m, e)->kind != RM_EXPLICIT) {
        want = RM_INVALID;
        reason = "not an explicit event";
    } else if (rm_masked_now(m, pe) || !m->pe[pe].on) {
        want = RM_DENIED;
        reason = m->pe[pe].on ? "PE masked" : "PE off";
    } else if (rm_transition(rm_state(m, e, pe), RM_A_DISPATCH).next < 0) {
        want = RM_DENIED;
        snprintf(buf, sizeof buf, "state %s (needs enabled, not running)",
                 rm_state_name(rm_state(m, e, pe)));
        reason = buf;
    } else if ((reason = rm_nesting(m, pe, e)) != NULL) {
        want = RM_DENIED;
    }
    if (want != RM_SUCCESS && m->p.explicit_minus_one)
        want = -1;
    if (result != want) {
        if (why && n) {
            const char *wn = rm_result_name(want), *gn = rm_result_name(result);
            char g[24];
            if (!gn) {
                snprintf(g, sizeof g, "%" PRId64, result);
                gn = g;
            }
            snprintf(why, n, "explicit dispatch of event 0x%" PRIx32 " on PE %u: %s%sallows %s, "
                     "got %s", (uint32_t)ev, pe, reason ? reason : "", reason ? " " : "",
                     want == -1 ? "-1" : wn, gn);
        }
        return false;
    }
    if (want == RM_SUCCESS)
        enter(m, pe, e, true);
    if (why && n)
        why[0] = '\0';
    return true;
}

void rm_complete_top(struct rm_model *m, unsigned pe)
{
    struct rm_pe_state *ps = &m->pe[pe];

    if (ps->depth == 0)
        return;
    unsigned e = ps->stack[--ps->depth];
    if (ps->mask_at > ps->depth)
        ps->mask_at = 0;                 /* its mask change is in force now */
    struct rm_transition t = rm_transition(rm_state(m, e, pe), RM_A_COMPLETE);
    /* A running handler is always in a running state (4, 5, 7). */
    rm_set_state(m, e, pe, t.next < 0 ? 0u : (unsigned)t.next);
}

/* ---- settled ----------------------------------------------------------- */

/* Can PE p take an event of class `critical` now? */
static const char *cannot_take(const struct rm_model *m, const bool busy[RM_MAX_PES], unsigned p,
                               unsigned e)
{
    const struct rm_pe_state *ps = &m->pe[p];

    if (!ps->on)
        return "off";
    if (ps->hold != RM_HOLD_NONE)
        return "holding an interrupt its firmware acknowledged";
    if (rm_masked_now(m, p))
        return "masked";
    if (busy && busy[p] && ps->depth == 0)
        return "busy";
    /* Busy inside a handler: no event of its class; nesting already says so. */
    return rm_nesting(m, p, e);
}

bool rm_settled(struct rm_model *m, const bool pe_busy[RM_MAX_PES], char *why, size_t n)
{
    return rm_settled_which(m, pe_busy, NULL, NULL, why, n);
}

/* Is some unmasked PE's firmware holding an interrupt?  The distributor
 * may have committed a 1-of-N SPI to that PE (it takes part, and its CPU
 * interface could take the SPI's priority), and it takes nothing until its
 * hand-over: the SPI waits for it (scenarios/FORMAT.md, `hold`). */
static bool unmasked_pe_holds(const struct rm_model *m)
{
    for (unsigned p = 0; p < m->p.pes; p++)
        if (m->pe[p].hold != RM_HOLD_NONE && !rm_masked_now(m, p))
            return true;
    return false;
}

bool rm_settled_which(struct rm_model *m, const bool pe_busy[RM_MAX_PES], int32_t *event,
                      unsigned *on_pe, char *why, size_t n)
{
    bool any_may_wait = unmasked_pe_holds(m);

    for (unsigned e = 0; e < m->p.nevents; e++) {
        const struct rm_event *d = rm_ev(m, e);
        const struct rm_event_state *es = &m->ev[e];
        uint64_t pend = es->pend;

        /* its SPI held by a PE's firmware: active there, no other PE can
         * take it - whatever event it backed when acknowledged (released
         * and bound again since, which TF-A allows: bind_tfa) */
        if (pend == 0 || !rm_exists(m, e) ||
            (d->shared && (rm_intid_held(m, es->intid) || (!es->rm_pe && any_may_wait))))
            continue;
        for (unsigned p = 0; p < m->p.pes; p++) {
            if (d->shared) {
                if (es->state[0] != (RM_REG | RM_ENA))
                    break;
                if (es->rm_pe && rm_find_pe(m, es->affinity) != (int)p)
                    continue;
            } else if (!(pend & (1ull << p)) || es->state[p] != (RM_REG | RM_ENA)) {
                continue;
            }
            if (cannot_take(m, pe_busy, p, e))
                continue;
            if (event)
                *event = (int32_t)d->number;
            if (on_pe)
                *on_pe = p;
            if (why && n)
                snprintf(why, n, "settled with event 0x%" PRIx32 " pending and enabled%s, "
                         "PE %u on, unmasked and able to take it: it must have been dispatched",
                         (uint32_t)d->number,
                         d->shared ? (es->rm_pe ? " (shared, RM_PE)" : " (shared, RM_ANY)")
                                   : " (private)",
                         p);
            return false;
        }
    }
    if (why && n)
        why[0] = '\0';
    return true;
}
