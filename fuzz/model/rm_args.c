/* Events and arguments: look-ups by number, INTID and MPIDR, argument
 * decoding, and the two primitive state updates every call uses. */
#include "rm_internal.h"

void rm_set_state(struct rm_model *m, unsigned e, unsigned pe, unsigned s)
{
    unsigned col = rm_col(m, e, pe);
    struct rm_event_state *es = &m->ev[e];

    es->state[col] = (uint8_t)s;
    if (s != 0)
        es->nonzero |= 1ull << col;
    else
        es->nonzero &= ~(1ull << col);
}

void rm_drop_triggers(struct rm_model *m, unsigned e, unsigned pe, bool reset)
{
    /* Event 0's pending bit survives (re)registration: SIGNAL means "set
     * pending until the target can take it" (§5.1.16) - but not
     * PRIVATE_RESET (reset), the PE's warm-boot state (§5.1.18); under
     * unreg_keep every event's survives. Explicit events have no trigger. */
    if ((rm_ev(m, e)->kind == RM_EVENT0 && !reset) || !rm_has_intid(m, e) || m->p.unreg_keep)
        return;
    m->ev[e].pend &= ~rm_bit(m, e, pe);
    m->ev[e].maybe &= ~rm_bit(m, e, pe);
    rm_hold_stale(m, e, pe);
}

int rm_find_event(const struct rm_model *m, uint32_t number)
{
    for (unsigned e = 0; e < m->p.nevents; e++)
        if ((uint32_t)m->p.events[e].number == number)
            return (int)e;
    return -1;
}

int rm_find_intid(const struct rm_model *m, uint32_t intid)
{
    for (unsigned e = 0; e < m->p.nevents; e++) {
        const struct rm_event *d = &m->p.events[e];
        /* Explicit events and free slots have no INTID (their 0 is not SGI 0). */
        if (d->kind == RM_EXPLICIT || (d->kind == RM_SLOT && !m->ev[e].bound))
            continue;
        if (m->ev[e].intid == intid)
            return (int)e;
    }
    return -1;
}

int rm_find_pe(const struct rm_model *m, uint64_t mpidr)
{
    if (m->p.mpidr_lax)
        mpidr &= RM_AFF_MASK;
    /* PEs' MPIDRs hold affinity fields only (rm_init), so in strict mode a
     * value with other bits set matches no PE. */
    for (unsigned p = 0; p < m->p.pes; p++)
        if (m->p.mpidr[p] == mpidr)
            return (int)p;
    return -1;
}

bool rm_client_address(uint64_t a)
{
    /* Client memory: the runtime at [0x10000, 0x20000) (its vectors at
     * VBAR 0x10000) and the user area [0x400000, 0x1000000). */
    static const struct { uint64_t lo, hi; } ranges[] = {
        { 0x10000, 0x20000 },
        { 0x400000, 0x1000000 },
    };
    if (a & 3u)
        return false;
    for (unsigned i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (a >= ranges[i].lo && a < ranges[i].hi)
            return true;
    return false;
}

bool rm_fw_owns(const struct rm_model *m, uint32_t intid, unsigned pe)
{
    for (unsigned i = 0; i < m->p.nsecure; i++)
        if (m->p.secure[i] == intid && !m->p.secure_pes[i])
            return true;
    return intid >= 16 && intid < 32 && pe < m->p.pes && (m->fw_ppi[pe] >> (intid - 16) & 1);
}

uint16_t rm_fw_ppi_at_power_up(const struct rm_model *m, unsigned pe)
{
    uint16_t bits = 0;

    for (unsigned i = 0; i < m->p.nsecure; i++)
        if (m->p.secure_pes[i] >> pe & 1)
            bits |= (uint16_t)(1u << (m->p.secure[i] - 16));
    return bits;
}

bool rm_arg32(const struct rm_model *m, uint64_t raw, uint32_t *out)
{
    *out = (uint32_t)raw;
    return (raw >> 32) == 0 || m->p.truncate_upper;
}

int64_t rm_chk_event(struct rm_ctx *c)
{
    uint32_t n;
    int e;

    c->e = -1;
    c->unbound = false;
    if (!rm_arg32(c->m, c->x[1], &n)) {
        c->reason = "event number with upper 32 bits set";
        return RM_INVALID;
    }
    if (n & 0x80000000u) {
        c->reason = "event number with bit 31 set";
        return RM_INVALID;
    }
    if (n & 0x3F000000u) {
        c->reason = "event number with reserved bits 29:24 set";
        return RM_INVALID;
    }
    e = rm_find_event(c->m, n);
    if (e < 0) {
        c->reason = "unknown event";
        return RM_INVALID;
    }
    c->e = e;
    if (!rm_exists(c->m, (unsigned)e)) {
        if (!c->m->p.unbound_tfa) {
            c->reason = "free bind slot (not an event)";
            return RM_INVALID;
        }
        c->unbound = true;   /* answers as an unregistered event */
    }
    return 0;
}
