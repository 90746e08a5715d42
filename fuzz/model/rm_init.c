/* Platform validation and the initial state. */
#include <string.h>

#include "rm_internal.h"

/* ---- validation: each returns true when the platform is supported ------ */

static bool valid_pes(const struct rm_platform *p)
{
    if (p->pes < 1 || p->pes > RM_MAX_PES)
        return false;
    for (unsigned i = 0; i < p->pes; i++) {
        if (p->mpidr[i] & ~RM_AFF_MASK)
            return false;
        for (unsigned j = 0; j < i; j++)
            if (p->mpidr[j] == p->mpidr[i])
                return false;
    }
    return true;
}

static bool valid_basics(const struct rm_platform *p)
{
    /* SPIs 32..1019: at most 988. */
    return (p->client_el == 1 || p->client_el == 2) && p->version_minor <= 1 &&
           p->spis <= 988 && p->nsecure <= 64 && p->nevents >= 1 &&
           p->nevents <= RM_MAX_EVENTS;
}

/* Only a PPI is owned PE by PE, on PEs the platform has. */
static bool valid_secure_pes(const struct rm_platform *p)
{
    uint64_t all = p->pes >= 64 ? ~0ull : (1ull << p->pes) - 1;

    for (unsigned i = 0; i < p->nsecure; i++)
        if (p->secure_pes[i] && (p->secure[i] < 16 || p->secure[i] >= 32 || (p->secure_pes[i] & ~all)))
            return false;
    return true;
}

static bool secure(const struct rm_platform *p, uint32_t intid)
{
    for (unsigned i = 0; i < p->nsecure; i++)
        if (p->secure[i] == intid)
            return true;
    return false;
}

static bool valid_event(const struct rm_platform *p, const struct rm_event *d)
{
    uint32_t n = (uint32_t)d->number;
    bool ppi = d->intid >= 16 && d->intid < 32;
    bool spi = d->intid >= 32 && d->intid - 32 < p->spis;

    if ((n & 0x80000000u) || (n & 0x3F000000u) || d->shared > 1 || d->critical > 1)
        return false;
    switch (d->kind) {
    case RM_EVENT0:
        return n == 0 && !d->shared && d->intid < 16 && !secure(p, d->intid);
    case RM_STATIC:
        return n != 0 && (d->shared ? spi : ppi) && !secure(p, d->intid);
    case RM_EXPLICIT:
        return n != 0 && !d->shared && d->intid == 0;
    case RM_SLOT:
        /* Bound events are always normal (§4.3.2.1). */
        return n != 0 && d->intid == 0 && !d->critical;
    default:
        return false;
    }
}

static bool valid_events(const struct rm_platform *p)
{
    unsigned event0 = 0;

    for (unsigned i = 0; i < p->nevents; i++) {
        const struct rm_event *d = &p->events[i];
        if (!valid_event(p, d))
            return false;
        event0 += d->kind == RM_EVENT0;
        for (unsigned j = 0; j < i; j++) {
            const struct rm_event *o = &p->events[j];
            if (o->number == d->number)
                return false;
            bool both_backed = (d->kind == RM_EVENT0 || d->kind == RM_STATIC) &&
                               (o->kind == RM_EVENT0 || o->kind == RM_STATIC);
            if (both_backed && o->intid == d->intid)
                return false;
        }
    }
    return event0 == 1;
}

/* ---- initial state ----------------------------------------------------- */

/* How far state may reach: the larger of what an earlier platform used
 * (garbage in a struct that was not zeroed: at most max) and now. */
static unsigned reach(unsigned used, unsigned now, unsigned max)
{
    unsigned n = used > now ? used : now;

    return n < max ? n : max;
}

/* Zero the state of PEs 0..pes-1 and events 0..events-1 (the entries of
 * each event on each of those PEs included), and the SPIs' pending bits. */
static void clear_state(struct rm_model *m, unsigned pes, unsigned events)
{
    memset(m->pe, 0, pes * sizeof m->pe[0]);
    memset(m->ev, 0, events * sizeof m->ev[0]);
    memset(m->ppi_pending, 0, pes * sizeof m->ppi_pending[0]);
    memset(m->fw_ppi, 0, pes * sizeof m->fw_ppi[0]);
    memset(m->spi_pending, 0, sizeof m->spi_pending);
    for (unsigned e = 0; e < events; e++)
        memset(m->entry[e], 0, pes * sizeof m->entry[e][0]);
}

/* The state rm_init builds, on state cleared as far as the platform goes. */
static void initial_state(struct rm_model *m)
{
    /* Every PE on and masked (§5.1.12.3), holding nothing; nothing
     * registered, bound or pending. */
    for (unsigned p = 0; p < m->p.pes; p++) {
        m->fw_ppi[p] = rm_fw_ppi_at_power_up(m, p);
        m->pe[p].on = true;
        m->pe[p].masked = true;
        m->pe[p].hold_ev = 0xFF;
    }
    for (unsigned e = 0; e < m->p.nevents; e++)
        if (rm_ev(m, e)->kind == RM_EVENT0 || rm_ev(m, e)->kind == RM_STATIC)
            m->ev[e].intid = rm_ev(m, e)->intid;
}

void rm_reset_runtime(struct rm_model *m)
{
    /* Only the platform's PEs and events hold anything (rm_init). */
    clear_state(m, m->p.pes, m->p.nevents);
    initial_state(m);
}

/* The platform p made m's: copied, as a fresh model copies it - or, built
 * in place by the caller (p is m->p), its lists zeroed past what it uses
 * as far as an earlier platform's reached, which a fresh model built in
 * place does not have. */
static void take_platform(struct rm_model *m, const struct rm_platform *p)
{
    struct rm_platform *q = &m->p;
    unsigned pes = reach(m->used_pes, q->pes, RM_MAX_PES);
    unsigned secure = reach(m->used_secure, q->nsecure, 64);
    unsigned events = reach(m->used_events, q->nevents, RM_MAX_EVENTS);

    if (p != q) {
        *q = *p;
        return;
    }
    memset(q->mpidr + q->pes, 0, (pes - q->pes) * sizeof q->mpidr[0]);
    memset(q->secure + q->nsecure, 0, (secure - q->nsecure) * sizeof q->secure[0]);
    memset(q->secure_pes + q->nsecure, 0, (secure - q->nsecure) * sizeof q->secure_pes[0]);
    memset(q->events + q->nevents, 0, (events - q->nevents) * sizeof q->events[0]);
}

int rm_init(struct rm_model *m, const struct rm_platform *p)
{
    if (!valid_pes(p) || !valid_basics(p) || !valid_events(p) || !valid_secure_pes(p))
        return -1;
    take_platform(m, p);
    m->slots_private = m->slots_shared = 0;
    for (unsigned e = 0; e < m->p.nevents; e++) {
        if (m->p.events[e].kind != RM_SLOT)
            continue;
        if (m->p.events[e].shared)
            m->slots_shared++;
        else
            m->slots_private++;
    }
    /* As far as this platform or an earlier one reaches: a model is built
     * for every fuzz input, and no input's state may reach the next. */
    clear_state(m, reach(m->used_pes, m->p.pes, RM_MAX_PES),
                reach(m->used_events, m->p.nevents, RM_MAX_EVENTS));
    m->used_pes = m->p.pes;
    m->used_events = m->p.nevents;
    m->used_secure = m->p.nsecure;
    initial_state(m);
    return 0;
}
