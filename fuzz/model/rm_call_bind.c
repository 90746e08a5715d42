/* Bindings and resets: INTERRUPT_BIND, INTERRUPT_RELEASE, PRIVATE_RESET,
 * SHARED_RESET (DEN0054C §5.1.14-15, §5.1.18-19). */
#include "rm_internal.h"

#define N(a) ((unsigned)(sizeof(a) / sizeof((a)[0])))

/* ---- BIND -------------------------------------------------------------- */

static bool is_ppi(uint32_t intid)
{
    return intid >= 16 && intid < 32;
}

static bool is_spi(const struct rm_model *m, uint32_t intid)
{
    return intid >= 32 && intid - 32 < m->p.spis;
}

static int64_t chk_bind_intid(struct rm_ctx *c)
{
    const struct rm_model *m = c->m;
    uint32_t intid;
    int e;

    if (!rm_arg32(m, c->x[1], &intid)) {
        c->reason = "INTID with upper 32 bits set";
        return RM_INVALID;
    }
    if (intid < 16) {
        c->reason = "SGIs cannot be bound";
        return RM_INVALID;
    }
    if (!is_ppi(intid) && !is_spi(m, intid)) {
        c->reason = "not an existing PPI or SPI";
        return RM_INVALID;
    }
    e = rm_find_intid(m, intid);
    if (e >= 0 && rm_ev(m, (unsigned)e)->kind != RM_SLOT) {
        c->reason = "the INTID of a platform event";
        return RM_INVALID;
    }
    return 0;
}

void rm_client_fired(struct rm_model *m, uint32_t intid, unsigned pe)
{
    if (rm_fw_owns(m, intid, pe))
        return;
    if (is_ppi(intid) && pe < m->p.pes)
        m->ppi_pending[pe] |= (uint16_t)(1u << (intid - 16));
    else if (is_spi(m, intid))
        m->spi_pending[(intid - 32) / 64] |= 1ull << ((intid - 32) % 64);
}

/* Is the client's intid pending at the GIC (on any PE, for a PPI)? */
static bool client_pending(const struct rm_model *m, uint32_t intid)
{
    if (is_ppi(intid)) {
        for (unsigned p = 0; p < m->p.pes; p++)
            if (m->ppi_pending[p] >> (intid - 16) & 1)
                return true;
        return false;
    }
    return m->spi_pending[(intid - 32) / 64] >> ((intid - 32) % 64) & 1;
}

static int64_t chk_bind_inactive(struct rm_ctx *c)
{
    /* Binding takes the interrupt over; one that is pending, or Active
     * because a PE's firmware acknowledged it and holds it (its binding
     * released meanwhile), is not in the Inactive state (§5.1.14.3). */
    if (client_pending(c->m, (uint32_t)c->x[1])) {
        c->reason = "the interrupt is pending (not Inactive)";
        return RM_DENIED;
    }
    if (rm_intid_held(c->m, (uint32_t)c->x[1])) {
        c->reason = "a PE's firmware holds the interrupt (Active)";
        return RM_DENIED;
    }
    return 0;
}

static bool free_slot_exists(const struct rm_model *m, bool shared)
{
    for (unsigned e = 0; e < m->p.nevents; e++)
        if (rm_ev(m, e)->kind == RM_SLOT && rm_ev(m, e)->shared == shared && !m->ev[e].bound)
            return true;
    return false;
}

static int64_t chk_bind_free_slot(struct rm_ctx *c)
{
    if (!free_slot_exists(c->m, !is_ppi((uint32_t)c->x[1]))) {
        c->reason = is_ppi((uint32_t)c->x[1]) ? "no free private bind slot"
                                                : "no free shared bind slot";
        return RM_OUT_OF_RESOURCE;
    }
    return 0;
}

/* §5.1.14.3: an interrupt the client does not own is refused; a binding
 * takes a PPI over on every PE, so it must be the client's on each.  TF-A
 * asks the calling PE's redistributor only. */
static int64_t chk_bind_secure(struct rm_ctx *c)
{
    const struct rm_model *m = c->m;
    uint32_t intid = (uint32_t)c->x[1];
    bool fw = rm_fw_owns(m, intid, c->pe);

    for (unsigned p = 0; !m->p.bind_tfa && is_ppi(intid) && p < m->p.pes; p++)
        fw |= rm_fw_owns(m, intid, p);
    if (fw) {
        c->reason = "firmware-owned INTID";
        return m->p.bind_tfa ? RM_DENIED : RM_INVALID;
    }
    return 0;
}

void rm_h_bind(struct rm_ctx *c)
{
    /* After the INTID's own validity: spec order secure (INVALID), not
     * Inactive (DENIED), then "no free slot"; TF-A searches a slot first,
     * then refuses secure (DENIED), and never looks at the GIC state. */
    static const rm_check orders[2][3] = {
        { chk_bind_secure, chk_bind_inactive, chk_bind_free_slot },
        { chk_bind_free_slot, chk_bind_secure },
    };
    static const unsigned norders[2] = { 3, 2 };
    struct rm_model *m = c->m;
    int64_t r = chk_bind_intid(c);

    if (r != 0) {
        rm_expect(c, r, NULL);
        return;
    }
    uint32_t intid = (uint32_t)c->x[1];
    int bound = rm_find_intid(m, intid);
    if (bound >= 0) {
        /* Binding a bound INTID again answers the same number (§5.1.14). */
        rm_expect(c, rm_ev(m, (unsigned)bound)->number, "INTID already bound");
        return;
    }
    r = rm_run_checks(c, orders[m->p.bind_tfa], norders[m->p.bind_tfa]);
    if (r != 0) {
        rm_expect(c, r, NULL);
        return;
    }
    /* Which free slot is the implementation's choice: accept any. */
    bool shared = !is_ppi(intid);
    if (!rm_expect_slot(c, shared, NULL))
        return;
    unsigned e = (unsigned)rm_find_event(m, (uint32_t)c->got);
    /* The client's pending state of intid (bind_tfa binds a pending one)
     * is not carried over: the claim leaves it not pending (sdd_port.h
     * irq_claim; TF-A clears it at REGISTER), and no call asks it again -
     * BIND asks it only under the specification's order, which refuses a
     * pending interrupt, and the policy is the platform's for the run. */
    m->ev[e].bound = true;
    m->ev[e].intid = intid;
    for (unsigned p = 0; is_ppi(intid) && p < m->p.pes; p++)
        m->fw_ppi[p] &= (uint16_t)~(1u << (intid - 16));   /* claimed on every PE */
    m->ev[e].pend = m->ev[e].maybe = 0;
}

/* ---- RELEASE ----------------------------------------------------------- */

static int64_t chk_release_slot(struct rm_ctx *c)
{
    if (rm_ev(c->m, (unsigned)c->e)->kind != RM_SLOT) {
        c->reason = "not a bound event (platform event)";
        return RM_INVALID;
    }
    if (c->unbound) {
        c->reason = "free bind slot";
        return RM_INVALID;
    }
    return 0;
}

static int64_t chk_release_state(struct rm_ctx *c)
{
    /* Unregistered on every PE (private) or globally (shared), §5.1.15. */
    const struct rm_event_state *es = &c->m->ev[c->e];

    if (es->nonzero) {
        unsigned p = 0;
        while (!(es->nonzero & (1ull << p)))
            p++;
        c->shown_state = es->state[p];
        c->reason = rm_ev(c->m, (unsigned)c->e)->shared ? "not unregistered"
                                                         : "not unregistered on some PE";
        return RM_DENIED;
    }
    return 0;
}

void rm_h_release(struct rm_ctx *c)
{
    static const rm_check checks[] = { rm_chk_event, chk_release_slot, chk_release_state, rm_chk_active };
    int64_t r = rm_run_checks(c, checks, N(checks));

    if (r != 0) {
        rm_expect(c, r, NULL);
        return;
    }
    if (!rm_expect(c, RM_SUCCESS, "bound and unregistered everywhere"))
        return;
    rm_release_slot(c->m, c->e);
}

void rm_release_slot(struct rm_model *m, unsigned e)
{
    struct rm_event_state *es = &m->ev[e];

    es->bound = false;
    es->intid = 0;
    es->pend = es->maybe = 0;
    rm_hold_detach(m, e);
}

/* ---- resets ------------------------------------------------------------ */

void rm_reset_event(struct rm_model *m, unsigned e, unsigned pe)
{
    /* Running (incl. unregister-pending): becomes unregister-pending. */
    rm_set_state(m, e, pe, rm_state(m, e, pe) & RM_RUN);
    rm_drop_triggers(m, e, pe, !m->p.reset_signal_keep);
}

void rm_h_private_reset(struct rm_ctx *c)
{
    struct rm_model *m = c->m;
    bool running = false;

    for (unsigned e = 0; e < m->p.nevents; e++)
        if (!rm_ev(m, e)->shared && (rm_state(m, e, c->pe) & RM_RUN))
            running = true;
    if (!rm_expect(c, running ? RM_DENIED : RM_SUCCESS,
                   running ? "a private handler is running on this PE"
                           : "no private handler running on this PE"))
        return;
    for (unsigned e = 0; e < m->p.nevents; e++)
        if (!rm_ev(m, e)->shared)
            rm_reset_event(m, e, c->pe);
}

void rm_h_shared_reset(struct rm_ctx *c)
{
    struct rm_model *m = c->m;
    bool running = false, bound_in_use = false, active = false;

    for (unsigned e = 0; e < m->p.nevents; e++) {
        const struct rm_event *d = rm_ev(m, e);
        if (d->shared && (m->ev[e].state[0] & RM_RUN))
            running = true;
        /* Shared ones that are not running are unregistered by this call. */
        if (d->kind == RM_SLOT && !d->shared && m->ev[e].nonzero)
            bound_in_use = true;
        /* TF-A releases each binding as INTERRUPT_RELEASE would */
        if (d->kind == RM_SLOT && rm_active_refused(m, e, c->pe))
            active = true;
    }
    const char *reason = running        ? "a shared handler is running"
                         : bound_in_use ? "a private bound event is registered on some PE"
                         : active       ? "a bound event's interrupt is Active (a PE's firmware holds it)"
                                        : "nothing running, no bound event in use";
    bool denied = running || bound_in_use || active;
    if (!rm_expect(c, denied ? RM_DENIED : RM_SUCCESS, reason))
        return;
    for (unsigned e = 0; e < m->p.nevents; e++)
        if (rm_ev(m, e)->shared)
            rm_reset_event(m, e, 0);
    if (running || (denied && !m->p.reset_release_unused))
        return;   /* no binding released */
    /* Every binding, or (denied, TF-A) every one no PE uses any more. */
    for (unsigned e = 0; e < m->p.nevents; e++)
        if (rm_ev(m, e)->kind == RM_SLOT && m->ev[e].bound && !m->ev[e].nonzero && !rm_active_refused(m, e, c->pe))
            rm_release_slot(m, e);
}
