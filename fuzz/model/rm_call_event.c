/* Calls about one event: REGISTER, ENABLE, DISABLE, UNREGISTER, STATUS,
 * GET_INFO, ROUTING_SET (DEN0054C §5.1.2-4, §5.1.8-11).
 *
 * Each call is an error-precedence table of checks (every INVALID_PARAMETERS
 * before any DENIED, as TF-A does), then the state machine of rm_state.c. */
#include "rm_internal.h"

#define N(a) ((unsigned)(sizeof(a) / sizeof((a)[0])))

/* The state machine's answer for action a on c->e seen from c->pe; applies
 * the transition and returns true when the dispatcher gave that answer. */
static bool table_call(struct rm_ctx *c, enum rm_action a)
{
    unsigned s = rm_state(c->m, (unsigned)c->e, c->pe);
    struct rm_transition t = rm_transition(s, a);

    c->shown_state = (int)s;
    if (t.next < 0) {
        rm_expect(c, RM_DENIED, NULL);
        return false;
    }
    if (!rm_expect(c, t.result, NULL))
        return false;
    rm_set_state(c->m, (unsigned)c->e, c->pe, (unsigned)t.next);
    return true;
}

/* Runs checks; on a failure expects its error and returns false. */
static bool checks_pass(struct rm_ctx *c, const rm_check *checks, unsigned n)
{
    int64_t r = rm_run_checks(c, checks, n);

    if (r != 0) {
        rm_expect(c, r, NULL);
        return false;
    }
    return true;
}

/* ---- REGISTER ---------------------------------------------------------- */

#define FLAG_RM_PE    1ull
#define FLAG_RELATIVE 2ull

static bool relative_supported(const struct rm_model *m)
{
    return m->p.relative_mode && m->p.version_minor >= 1;
}

/* Where REGISTER's entry point is: in relative mode (§5.1.2, v1.1) an
 * offset from the client's VBAR, which the client runtime never changes, so
 * sampling it at REGISTER or at the dispatch (rel_vbar) comes to the same.
 * A sum that wraps lands below VBAR, outside client memory. */
static uint64_t entry_point(const struct rm_ctx *c)
{
    return c->x[2] + ((c->x[4] & FLAG_RELATIVE) ? RM_VBAR : 0);
}

static int64_t chk_entry(struct rm_ctx *c)
{
    if (!rm_client_address(entry_point(c))) {
        c->reason = "entry point not 4-byte aligned or outside client memory";
        return RM_INVALID;
    }
    return 0;
}

static int64_t chk_flags(struct rm_ctx *c)
{
    if (c->x[4] & ~(FLAG_RM_PE | FLAG_RELATIVE)) {
        c->reason = "reserved flag bits set";
        return RM_INVALID;
    }
    if ((c->x[4] & FLAG_RELATIVE) && !relative_supported(c->m)) {
        c->reason = "relative mode requested but not supported";
        return RM_INVALID;
    }
    return 0;
}

static int64_t chk_register_affinity(struct rm_ctx *c)
{
    /* Routing is ignored for private events (§5.1.2) unless the dispatcher
     * validates it anyway (priv_route_validate, TF-A). */
    if (!(c->x[4] & FLAG_RM_PE))
        return 0;
    if (!rm_ev(c->m, (unsigned)c->e)->shared && !c->m->p.priv_route_validate)
        return 0;
    if (rm_find_pe(c->m, c->x[5]) < 0) {
        c->reason = "RM_PE affinity is no PE's MPIDR";
        return RM_INVALID;
    }
    return 0;
}

static int64_t chk_unbound(struct rm_ctx *c)
{
    if (c->unbound) {
        c->reason = "free bind slot (answers as an unregistered event)";
        return RM_DENIED;
    }
    return 0;
}

static int64_t chk_register_state(struct rm_ctx *c)
{
    unsigned s = rm_state(c->m, (unsigned)c->e, c->pe);

    if (rm_transition(s, RM_A_REGISTER).next < 0) {
        c->shown_state = (int)s;
        return RM_DENIED;
    }
    return 0;
}

void rm_h_register(struct rm_ctx *c)
{
    static const rm_check checks[] = {
        rm_chk_event, chk_entry, chk_flags, chk_register_affinity,   /* INVALID */
        chk_unbound, chk_register_state, rm_chk_active,              /* DENIED */
    };
    struct rm_model *m = c->m;

    if (!checks_pass(c, checks, N(checks)))
        return;
    if (!rm_expect(c, RM_SUCCESS, "may register"))
        return;
    unsigned e = (unsigned)c->e;
    rm_set_state(m, e, c->pe, RM_REG);
    m->entry[e][rm_ev(m, e)->shared ? 0 : c->pe] =
        (struct rm_entry){ c->x[3], entry_point(c), (c->x[4] & FLAG_RELATIVE) != 0 };
    if (rm_ev(m, e)->shared) {
        m->ev[e].rm_pe = (c->x[4] & FLAG_RM_PE) != 0;
        m->ev[e].affinity = m->ev[e].rm_pe ? c->x[5] & RM_AFF_MASK : 0;
    }
    rm_drop_triggers(m, e, c->pe, false);
}

/* ---- ENABLE, DISABLE, UNREGISTER, STATUS ------------------------------- */

static const rm_check event_only[] = { rm_chk_event };

void rm_h_enable(struct rm_ctx *c)
{
    if (checks_pass(c, event_only, N(event_only)))
        table_call(c, RM_A_ENABLE);
}

void rm_h_disable(struct rm_ctx *c)
{
    if (checks_pass(c, event_only, N(event_only)))
        table_call(c, RM_A_DISABLE);
}

void rm_h_unregister(struct rm_ctx *c)
{
    if (checks_pass(c, event_only, N(event_only)) && table_call(c, RM_A_UNREGISTER))
        rm_drop_triggers(c->m, (unsigned)c->e, c->pe, false);
}

void rm_h_status(struct rm_ctx *c)
{
    if (!checks_pass(c, event_only, N(event_only)))
        return;
    c->shown_state = (int)rm_state(c->m, (unsigned)c->e, c->pe);
    rm_expect(c, c->shown_state, NULL);
}

/* ---- GET_INFO ---------------------------------------------------------- */

enum { INFO_TYPE, INFO_SIGNALED, INFO_PRIORITY, INFO_ROUTING_MODE, INFO_ROUTING_AFF, INFO_COUNT };

/* Error precedence per info (§5.1.10, TF-A order): private -> INVALID, then
 * not registered -> DENIED, then (AFF) RM_ANY -> INVALID. */
static const struct {
    bool shared_only, registered_only, rm_pe_only;
} info_rules[INFO_COUNT] = {
    [INFO_TYPE]         = { false, false, false },
    [INFO_SIGNALED]     = { false, false, false },
    [INFO_PRIORITY]     = { false, false, false },
    [INFO_ROUTING_MODE] = { true,  true,  false },
    [INFO_ROUTING_AFF]  = { true,  true,  true  },
};

static int64_t chk_info(struct rm_ctx *c)
{
    uint32_t info;

    if (!rm_arg32(c->m, c->x[2], &info)) {
        c->reason = "info with upper 32 bits set";
        return RM_INVALID;
    }
    if (info >= INFO_COUNT) {
        c->reason = "unknown info";
        return RM_INVALID;
    }
    return 0;
}

void rm_h_get_info(struct rm_ctx *c)
{
    static const rm_check checks[] = { rm_chk_event, chk_info };
    const struct rm_model *m = c->m;

    if (!checks_pass(c, checks, N(checks)))
        return;
    unsigned e = (unsigned)c->e;
    const struct rm_event *d = rm_ev(m, e);
    const struct rm_event_state *es = &m->ev[e];
    uint32_t info = (uint32_t)c->x[2];
    unsigned s = rm_state(m, e, c->pe);

    if (info_rules[info].shared_only && !d->shared) {
        rm_expect(c, RM_INVALID, "private event has no routing");
        return;
    }
    if (info_rules[info].registered_only && !(s & RM_REG)) {
        c->shown_state = (int)s;
        rm_expect(c, RM_DENIED, "not registered");
        return;
    }
    if (info_rules[info].rm_pe_only && !es->rm_pe) {
        rm_expect(c, RM_INVALID, "routed RM_ANY: no affinity");
        return;
    }
    switch (info) {
    case INFO_TYPE:
        rm_expect(c, d->shared, "EV_TYPE");
        break;
    case INFO_SIGNALED: {
        /* 0 = can be signalled (§5.1.10.2); only event 0 can. */
        bool cannot = d->kind != RM_EVENT0;
        rm_expect(c, m->p.signaled_inverted ? !cannot : cannot, "EV_SIGNALED");
        break;
    }
    case INFO_PRIORITY:
        rm_expect(c, d->critical, "EV_PRIORITY");
        break;
    case INFO_ROUTING_MODE:
        rm_expect(c, es->rm_pe, "EV_ROUTING_MODE");
        break;
    default:
        /* An MPIDR-format affinity: Aff3..Aff0, every other bit zero
         * (§5.1.2, §5.1.10).  Under mpidr_lax the bits outside them were
         * ignored, not kept (as TF-A stores mpidr & MPIDR_AFFINITY_MASK);
         * kept, bit 63 would even make the answer read as an error. */
        rm_expect(c, (int64_t)es->affinity, "EV_ROUTING_AFF");
        break;
    }
}

/* ---- ROUTING_SET ------------------------------------------------------- */

static int64_t chk_route_args(struct rm_ctx *c)
{
    if (c->x[2] & ~FLAG_RM_PE) {
        c->reason = "routing mode with reserved bits set";
        return RM_INVALID;
    }
    if ((c->x[2] & FLAG_RM_PE) && rm_find_pe(c->m, c->x[3]) < 0) {
        c->reason = "RM_PE affinity is no PE's MPIDR";
        return RM_INVALID;
    }
    return 0;
}

static int64_t chk_shared(struct rm_ctx *c)
{
    if (!rm_ev(c->m, (unsigned)c->e)->shared) {
        c->reason = "private event";
        return RM_INVALID;
    }
    return 0;
}

static int64_t chk_bound(struct rm_ctx *c)
{
    if (c->unbound) {
        c->reason = "free bind slot";
        return RM_INVALID;
    }
    return 0;
}

void rm_h_routing_set(struct rm_ctx *c)
{
    /* Order (brief, TF-A): mode/affinity, event, private, unbound, state. */
    static const rm_check checks[] = { chk_route_args, rm_chk_event, chk_shared, chk_bound };
    struct rm_model *m = c->m;

    if (!checks_pass(c, checks, N(checks)) || !table_call(c, RM_A_ROUTING_SET))
        return;
    m->ev[c->e].rm_pe = (c->x[2] & FLAG_RM_PE) != 0;
    m->ev[c->e].affinity = m->ev[c->e].rm_pe ? c->x[3] & RM_AFF_MASK : 0;
}
