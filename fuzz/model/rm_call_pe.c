/* Calls about the calling PE or the dispatcher as a whole: VERSION,
 * FEATURES, EVENT_CONTEXT, EVENT_COMPLETE, EVENT_COMPLETE_AND_RESUME,
 * PE_MASK, PE_UNMASK, EVENT_SIGNAL (DEN0054C §5.1.1, 5-7, 12-13, 16-17). */
#include "rm_internal.h"

#define N(a) ((unsigned)(sizeof(a) / sizeof((a)[0])))

void rm_h_version(struct rm_ctx *c)
{
    const struct rm_platform *p = &c->m->p;

    rm_expect(c, (int64_t)((1ull << 48) | ((uint64_t)p->version_minor << 32) | p->vendor),
              "major 1, the platform's minor and vendor bits");
}

void rm_h_features(struct rm_ctx *c)
{
    const struct rm_model *m = c->m;
    uint32_t feature;

    if (!rm_arg32(m, c->x[1], &feature)) {
        rm_expect(c, RM_INVALID, "feature with upper 32 bits set");
        return;
    }
    switch (feature) {
    case 0:   /* BIND_SLOTS: totals, shared in [31:16], private in [15:0] */
        rm_expect(c, (int64_t)(((uint64_t)m->slots_shared << 16) | m->slots_private),
                  "BIND_SLOTS");
        break;
    case 1:   /* RELATIVE_MODE: new in 1.1 */
        if (m->p.version_minor < 1)
            rm_expect(c, RM_INVALID, "RELATIVE_MODE under version 1.0");
        else
            rm_expect(c, m->p.relative_mode, "RELATIVE_MODE");
        break;
    default:
        rm_expect(c, RM_INVALID, "unknown feature");
        break;
    }
}

/* ---- handler-context calls --------------------------------------------- */

static int64_t chk_running(struct rm_ctx *c)
{
    const struct rm_pe_state *ps = &c->m->pe[c->pe];

    if (ps->depth == 0) {
        c->reason = "no handler running on this PE";
        return RM_DENIED;
    }
    /* The innermost handler's state, for the explanation. */
    c->shown_state = (int)rm_state(c->m, ps->stack[ps->depth - 1], c->pe);
    return 0;
}

static int64_t chk_param_id(struct rm_ctx *c)
{
    uint32_t id;

    if (!rm_arg32(c->m, c->x[1], &id)) {
        c->reason = "param_id with upper 32 bits set";
        return RM_INVALID;
    }
    if (id >= 18) {
        c->reason = "param_id >= 18";
        return RM_INVALID;
    }
    return 0;
}

void rm_h_context(struct rm_ctx *c)
{
    /* §5.1.5 lists both errors without an order: param first (TF-A, the
     * default) or running first (KVM, ctx_running_first). */
    static const rm_check orders[2][2] = {
        { chk_param_id, chk_running },
        { chk_running, chk_param_id },
    };
    int64_t r = rm_run_checks(c, orders[c->m->p.ctx_running_first], 2);

    if (r != 0)
        rm_expect(c, r, NULL);
    else
        rm_expect_any(c, "X0..X17 of the interrupted context (not modelled)");
}

/* A completion of a normal handler while a critical event owed to this PE
 * has not preempted it: the dispatch had to come first (§4.3.2.2: a
 * critical event preempts a running normal handler; the GIC takes it
 * before the handler's next instruction, its COMPLETE call). */
static bool preemption_missed(struct rm_ctx *c)
{
    int e = rm_preempting_critical(c->m, c->pe);

    if (e < 0)
        return false;
    c->shown_state = (int)rm_state(c->m, c->m->pe[c->pe].stack[0], c->pe);
    rm_expect_nothing(c, "a critical event is pending here and preempts this normal handler");
    return true;
}

void rm_h_complete(struct rm_ctx *c)
{
    /* The status code is not validated (its meaning is IMPLEMENTATION
     * DEFINED, §5.1.6), its upper bits neither: COMPLETE lists no
     * INVALID_PARAMETERS (§5.1.6), so the rule that rejects them in
     * 32-bit parameters (upper_bits) does not reach it. */
    if (chk_running(c) != 0) {
        rm_expect(c, RM_DENIED, NULL);
        return;
    }
    if (!preemption_missed(c) && rm_expect_completion(c, "ends the innermost handler"))
        rm_complete_top(c->m, c->pe);
}

static int64_t chk_resume_addr(struct rm_ctx *c)
{
    /* Absolute, also in relative mode (§12 item 2). */
    if (!rm_client_address(c->x[1])) {
        c->reason = "resume address not 4-byte aligned or outside client memory";
        return c->m->p.resume_denied ? RM_DENIED : RM_INVALID;
    }
    return 0;
}

void rm_h_complete_resume(struct rm_ctx *c)
{
    static const rm_check checks[] = { chk_resume_addr, chk_running };
    int64_t r = rm_run_checks(c, checks, N(checks));

    if (r != 0) {
        rm_expect(c, r, NULL);
        return;
    }
    if (!preemption_missed(c) && rm_expect_completion(c, "ends the innermost handler"))
        rm_complete_top(c->m, c->pe);
}

/* ---- mask -------------------------------------------------------------- */

bool rm_masked_now(const struct rm_model *m, unsigned pe)
{
    return m->pe[pe].mask_at ? !m->pe[pe].masked : m->pe[pe].masked;
}

/* The new mask is recorded at once; outside a handler (or mask_at_once)
 * it is in force at once, inside one when that handler completes.  A call
 * that finds the PE as it asks (PE_MASK when masked) changes nothing, not
 * even when a pending change of an outer handler comes in force. */
static void set_mask(struct rm_model *m, unsigned pe, bool masked)
{
    struct rm_pe_state *ps = &m->pe[pe];
    bool now = rm_masked_now(m, pe);

    if (ps->masked == masked)
        return;
    ps->masked = masked;
    if (ps->depth == 0 || m->p.mask_at_once || now == masked)
        ps->mask_at = 0;
    else
        ps->mask_at = ps->depth;
}

void rm_h_pe_mask(struct rm_ctx *c)
{
    bool was_masked = c->m->pe[c->pe].masked;

    /* 1 if this call masked the PE, 0 if it already was (§5.1.12). */
    if (!rm_expect(c, c->m->p.mask_zero || was_masked ? 0 : 1,
                   was_masked ? "PE already masked" : "PE unmasked"))
        return;
    set_mask(c->m, c->pe, true);
}

void rm_h_pe_unmask(struct rm_ctx *c)
{
    if (rm_expect(c, RM_SUCCESS, "always"))
        set_mask(c->m, c->pe, false);
}

/* ---- SIGNAL ------------------------------------------------------------ */

static int64_t chk_signal_event(struct rm_ctx *c)
{
    uint32_t ev;

    if (!rm_arg32(c->m, c->x[1], &ev)) {
        c->reason = "event number with upper 32 bits set";
        return RM_INVALID;
    }
    if (ev != 0) {
        c->reason = "only event 0 can be signalled";
        return RM_INVALID;
    }
    return 0;
}

static int64_t chk_signal_target(struct rm_ctx *c)
{
    if (rm_find_pe(c->m, c->x[2]) < 0) {
        c->reason = "target is no PE's MPIDR";
        return RM_INVALID;
    }
    return 0;
}

static int event0(const struct rm_model *m)
{
    for (unsigned e = 0; e < m->p.nevents; e++)
        if (rm_ev(m, e)->kind == RM_EVENT0)
            return (int)e;
    return -1;   /* rm_init guarantees there is one */
}

static int64_t chk_signal_strict(struct rm_ctx *c)
{
    /* signal_strict (TF-A since b142ede74): the target must be able to take
     * it now: unmasked, event 0 registered and enabled there. */
    const struct rm_model *m = c->m;
    unsigned target = (unsigned)rm_find_pe(m, c->x[2]);
    unsigned s = rm_state(m, (unsigned)event0(m), target);

    if (!m->p.signal_strict)
        return 0;
    if (rm_masked_now(m, target)) {
        c->reason = "target PE masked (signal_strict)";
        return RM_INVALID;
    }
    if ((s & (RM_REG | RM_ENA)) != (RM_REG | RM_ENA)) {
        c->shown_state = (int)s;
        c->reason = "event 0 not registered+enabled on the target (signal_strict)";
        return RM_INVALID;
    }
    return 0;
}

void rm_h_signal(struct rm_ctx *c)
{
    static const rm_check checks[] = { chk_signal_event, chk_signal_target, chk_signal_strict };
    int64_t r = rm_run_checks(c, checks, N(checks));

    if (r != 0) {
        rm_expect(c, r, NULL);
        return;
    }
    /* SUCCESS means "set pending on the target" (§5.1.16). */
    if (rm_expect(c, RM_SUCCESS, "event 0 set pending on the target"))
        rm_trigger(c->m, (unsigned)event0(c->m), (unsigned)rm_find_pe(c->m, c->x[2]));
}
