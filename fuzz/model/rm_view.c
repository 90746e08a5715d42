/*
 * rm_view.c - the model's state as a dispatcher's calls or register view
 * would show it: what the fuzzers compare with the dispatcher's own state
 * at the end of a run (see rm.h).
 */
#include "rm_internal.h"

int rm_status(const struct rm_model *m, unsigned pe, int32_t ev)
{
    int e;

    if (pe >= m->p.pes || ev < 0 || ((uint32_t)ev & 0x3F000000u))
        return -1;
    e = rm_find_event(m, (uint32_t)ev);
    return e < 0 ? -1 : rm_status_at(m, pe, (unsigned)e);
}

int rm_status_at(const struct rm_model *m, unsigned pe, unsigned e)
{
    if (pe >= m->p.pes || e >= m->p.nevents)
        return -1;
    if (!rm_exists(m, e))
        return m->p.unbound_tfa ? 0 : -1;
    return (int)rm_state(m, e, pe);
}

uint64_t rm_bound_slots(const struct rm_model *m)
{
    uint64_t bound = 0;

    for (unsigned e = 0; e < m->p.nevents; e++)
        if (m->p.events[e].kind == RM_SLOT && m->ev[e].bound)
            bound |= 1ull << e;
    return bound;
}

int rm_pe_mask(const struct rm_model *m, unsigned pe, unsigned *pending_at)
{
    if (pe >= m->p.pes)
        return -1;
    if (pending_at)
        *pending_at = m->pe[pe].mask_at;
    return m->pe[pe].masked;
}

int rm_routing(const struct rm_model *m, unsigned e, uint64_t *affinity)
{
    const struct rm_event_state *es;

    if (e >= m->p.nevents || !m->p.events[e].shared || !rm_exists(m, e) ||
        !(rm_state(m, e, 0) & RM_REG))
        return -1;
    es = &m->ev[e];
    if (affinity)
        *affinity = es->rm_pe ? es->affinity : 0;
    return es->rm_pe;
}

uint64_t rm_owed(const struct rm_model *m, unsigned e)
{
    if (e >= m->p.nevents || !rm_exists(m, e) || m->ev[e].held_by)
        return 0;
    return m->ev[e].pend;
}

bool rm_registration(const struct rm_model *m, unsigned pe, unsigned e, struct rm_entry *out)
{
    if (pe >= m->p.pes || e >= m->p.nevents || !rm_exists(m, e) || !(rm_state(m, e, pe) & RM_REG))
        return false;
    *out = m->entry[e][rm_col(m, e, pe)];
    return true;
}

uint32_t rm_summary(const struct rm_model *m, unsigned pe, int32_t ev, uint32_t intid)
{
    int e = -1;
    uint32_t s = 0;

    if (pe >= m->p.pes)
        return 0;
    if (ev >= 0 && !((uint32_t)ev & 0x3F000000u))
        e = rm_find_event(m, (uint32_t)ev);
    else if (intid < 1020)
        e = rm_find_intid(m, intid);
    if (e >= 0 && rm_exists(m, (unsigned)e)) {
        const struct rm_event *d = rm_ev(m, (unsigned)e);
        s = d->kind | (uint32_t)d->shared << 2 | (uint32_t)d->critical << 3 | 1u << 4 |
            (rm_state(m, (unsigned)e, pe) & 7u) << 5;
    }
    return s | (uint32_t)rm_masked_now(m, pe) << 8 | (uint32_t)(m->pe[pe].depth & 3u) << 9;
}
