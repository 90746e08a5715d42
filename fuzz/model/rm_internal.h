/* Internal interface between the rm_*.c files. Not for users of the model. */
#ifndef RM_INTERNAL_H
#define RM_INTERNAL_H

#include "rm.h"

/* Return codes (DEN0054C Table 6). */
enum {
    RM_SUCCESS = 0,
    RM_NOT_SUPPORTED = -1,
    RM_INVALID = -2,
    RM_DENIED = -3,
    RM_PENDING = -5,
    RM_OUT_OF_RESOURCE = -10,
};

/* STATUS bits (DEN0054C Table 13). */
#define RM_REG 1u
#define RM_ENA 2u
#define RM_RUN 4u

/* MPIDR affinity fields: Aff3 [39:32], Aff2 [23:16], Aff1 [15:8], Aff0 [7:0]. */
#define RM_AFF_MASK 0xFF00FFFFFFull

/* The client runtime's VBAR: relative-mode entry points are offsets from it
 * (client memory itself is in rm_client_address). */
#define RM_VBAR 0x10000ull

/* Function numbers (function ID - 0xC4000020), DEN0054C §5.1. */
enum rm_fn {
    RM_FN_VERSION, RM_FN_REGISTER, RM_FN_ENABLE, RM_FN_DISABLE, RM_FN_CONTEXT,
    RM_FN_COMPLETE, RM_FN_COMPLETE_RESUME, RM_FN_UNREGISTER, RM_FN_STATUS,
    RM_FN_GET_INFO, RM_FN_ROUTING_SET, RM_FN_PE_MASK, RM_FN_PE_UNMASK,
    RM_FN_BIND, RM_FN_RELEASE, RM_FN_SIGNAL, RM_FN_FEATURES,
    RM_FN_PRIVATE_RESET, RM_FN_SHARED_RESET, RM_FN_COUNT
};

/* ---- the handler state machine (rm_state.c) ---------------------------- */

/* The actions of DEN0054C Table 14, plus the dispatcher-internal dispatch. */
enum rm_action {
    RM_A_REGISTER, RM_A_RELEASE, RM_A_ENABLE, RM_A_DISABLE, RM_A_UNREGISTER,
    RM_A_ROUTING_SET, RM_A_CONTEXT, RM_A_COMPLETE, RM_A_COMPLETE_RESUME,
    RM_A_DISPATCH, RM_A_COUNT
};

struct rm_transition {
    int8_t next;    /* next state, or -1: not available in this state (DENIED) */
    int8_t result;  /* RM_SUCCESS or RM_PENDING when available */
};

/* The transition of action a from state (STATUS value 0..7). */
struct rm_transition rm_transition(unsigned state, enum rm_action a);
/* "unregistered", "registered+running", ... */
const char *rm_state_name(unsigned state);

/* ---- events, arguments (rm_args.c) ------------------------------------- */

static inline const struct rm_event *rm_ev(const struct rm_model *m, unsigned e)
{
    return &m->p.events[e];
}

/* Column of the per-PE state/pending bitmaps: private events have one per
 * PE, shared events one in all. */
static inline unsigned rm_col(const struct rm_model *m, unsigned e, unsigned pe)
{
    return m->p.events[e].shared ? 0u : pe;
}

static inline unsigned rm_state(const struct rm_model *m, unsigned e, unsigned pe)
{
    return m->ev[e].state[rm_col(m, e, pe)];
}

static inline uint64_t rm_bit(const struct rm_model *m, unsigned e, unsigned pe)
{
    return 1ull << rm_col(m, e, pe);
}

/* Is event e an event now (a platform event, or a bind slot that is bound)? */
static inline bool rm_exists(const struct rm_model *m, unsigned e)
{
    return m->p.events[e].kind != RM_SLOT || m->ev[e].bound;
}

/* Is event e backed by an interrupt (event 0, a static event, a slot)? */
static inline bool rm_has_intid(const struct rm_model *m, unsigned e)
{
    return m->p.events[e].kind != RM_EXPLICIT;
}

/* Set the state of event e seen from pe, keeping `nonzero` in step. */
void rm_set_state(struct rm_model *m, unsigned e, unsigned pe, unsigned s);
/* Drop triggers latched for e (on pe if private): what REGISTER and
 * UNREGISTER do to interrupt-backed events other than event 0, and a
 * reset (PRIVATE_RESET, SHARED_RESET) to event 0's too. */
void rm_drop_triggers(struct rm_model *m, unsigned e, unsigned pe, bool reset);

/* intid, with no event behind it, fired (at pe if a PPI): if it is the
 * client's (a PPI or existing SPI, not firmware-owned) it is pending at the
 * GIC from now on.  Anything else is ignored. */
void rm_client_fired(struct rm_model *m, uint32_t intid, unsigned pe);

/* Does PE pe refuse events for being masked, now (rm_pe_state.mask_at)? */
bool rm_masked_now(const struct rm_model *m, unsigned pe);

/* Event index of number, free slots included; -1 if none. */
int rm_find_event(const struct rm_model *m, uint32_t number);
/* Event index backed by intid now (event 0, static, bound slot); -1 if none. */
int rm_find_intid(const struct rm_model *m, uint32_t intid);
/* Is a 4-byte aligned address inside client memory? */
bool rm_client_address(uint64_t a);
/* Is intid the firmware's on PE pe now? */
bool rm_fw_owns(const struct rm_model *m, uint32_t intid, unsigned pe);
/* The PPIs owned PE by PE (p.secure_pes) the firmware has on pe at
 * power-up, as fw_ppi bits. */
uint16_t rm_fw_ppi_at_power_up(const struct rm_model *m, unsigned pe);
/* The low 32 bits of a 32-bit parameter; false if its upper bits are set
 * and truncate_upper is off. */
bool rm_arg32(const struct rm_model *m, uint64_t raw, uint32_t *out);

/* ---- calls (rm_calls.c) ------------------------------------------------ */

/* RM_W_NOTHING: no answer is right, the call came too late (a dispatch
 * the specification requires had to come first). */
enum rm_want { RM_W_VALUE, RM_W_ANY, RM_W_COMPLETES, RM_W_SLOT, RM_W_NOTHING };

/* One call being judged. Handlers decode into it, state what the call must
 * answer with rm_expect*(), and apply the call's effect only when that
 * returns true (the dispatcher's answer was the expected one). */
struct rm_ctx {
    struct rm_model *m;
    unsigned pe;
    const uint64_t *x;
    enum rm_fn fn;
    int64_t got;
    bool completed;
    /* decoded by rm_chk_event */
    int e;
    bool unbound;          /* e is a free slot answering as unregistered (unbound_tfa) */
    /* the judgement (value and slot_shared are undefined until the want
     * that uses them is set) */
    const char *reason;    /* why this answer: "unknown event", ... */
    int shown_state;       /* the state the answer depends on, or -1 */
    enum rm_want want;
    int64_t value;         /* RM_W_VALUE: the answer */
    bool slot_shared;      /* RM_W_SLOT: which kind of slot */
    bool ok;               /* the answer matched */
};

/* A check of an error-precedence table: 0 if it passes, else the error
 * (with c->reason set). */
typedef int64_t (*rm_check)(struct rm_ctx *c);
/* Runs checks in order; the first failure's error, or 0. */
int64_t rm_run_checks(struct rm_ctx *c, const rm_check *checks, unsigned n);

/* The call must answer v / any value / by completing / with a
 * free slot number. Each returns true when the dispatcher gave that answer:
 * then, and only then, the handler applies the call's effect. */
bool rm_expect(struct rm_ctx *c, int64_t v, const char *reason);
bool rm_expect_any(struct rm_ctx *c, const char *reason);
bool rm_expect_completion(struct rm_ctx *c, const char *reason);
bool rm_expect_slot(struct rm_ctx *c, bool shared, const char *reason);
/* Always false: every answer is wrong (RM_W_NOTHING). */
bool rm_expect_nothing(struct rm_ctx *c, const char *reason);

/* Decode x1 as an event number into c->e / c->unbound. INVALID for upper
 * bits (unless truncate_upper), bit 31, bits 29:24, unknown numbers and
 * free slots (unless unbound_tfa). */
int64_t rm_chk_event(struct rm_ctx *c);

/* Handlers, one per function (rm_call_event.c, rm_call_pe.c, rm_call_bind.c). */
void rm_h_version(struct rm_ctx *c);
void rm_h_register(struct rm_ctx *c);
void rm_h_enable(struct rm_ctx *c);
void rm_h_disable(struct rm_ctx *c);
void rm_h_context(struct rm_ctx *c);
void rm_h_complete(struct rm_ctx *c);
void rm_h_complete_resume(struct rm_ctx *c);
void rm_h_unregister(struct rm_ctx *c);
void rm_h_status(struct rm_ctx *c);
void rm_h_get_info(struct rm_ctx *c);
void rm_h_routing_set(struct rm_ctx *c);
void rm_h_pe_mask(struct rm_ctx *c);
void rm_h_pe_unmask(struct rm_ctx *c);
void rm_h_bind(struct rm_ctx *c);
void rm_h_release(struct rm_ctx *c);
void rm_h_signal(struct rm_ctx *c);
void rm_h_features(struct rm_ctx *c);
void rm_h_private_reset(struct rm_ctx *c);
void rm_h_shared_reset(struct rm_ctx *c);

/* Unregister e seen from pe as a reset does (rm_call_bind.c): running ->
 * unregister-pending, else unregistered. */
void rm_reset_event(struct rm_model *m, unsigned e, unsigned pe);
/* Free bind slot e (RELEASE, SHARED_RESET): no INTID, no trigger, no
 * hold of it. */
void rm_release_slot(struct rm_model *m, unsigned e);

/* ---- dispatch and power (rm_dispatch.c, rm_power.c, rm_init.c) ---------- */

/* A trigger of event e (on pe if private). */
void rm_trigger(struct rm_model *m, unsigned e, unsigned pe);
/* End the innermost handler on pe (EVENT_COMPLETE or implicit completion). */
void rm_complete_top(struct rm_model *m, unsigned pe);
/* Why nesting forbids event e on pe now, or NULL if it allows it. */
const char *rm_nesting(const struct rm_model *m, unsigned pe, unsigned e);
/* Does some PE's firmware hold intid (Active there, §5.1.14.3)? */
bool rm_intid_held(const struct rm_model *m, uint32_t intid);
/* The policy active_denied: does it refuse REGISTER or RELEASE of event e
 * from pe - its interrupt Active as pe sees it (an SPI: held by any PE; an
 * SGI or PPI: by pe's own firmware)?  rm_chk_active: DENIED then, else 0. */
bool rm_active_refused(const struct rm_model *m, unsigned e, unsigned pe);
int64_t rm_chk_active(struct rm_ctx *c);
/* pe's hold ends, its trigger taken by the dispatch it handed over. */
void rm_hold_end(struct rm_model *m, unsigned pe);
/* Triggers of event e held by PEs' firmware (on pe if private) become ones
 * that may be delivered only: REGISTER or UNREGISTER came after them. */
void rm_hold_stale(struct rm_model *m, unsigned e, unsigned pe);
/* Slot e's binding is released: the triggers PEs' firmware holds of it
 * are no event's any more (their INTID may back another event later). */
void rm_hold_detach(struct rm_model *m, unsigned e);
/* Reset everything but the platform to the state rm_init builds. */
void rm_reset_runtime(struct rm_model *m);

/* Printable name of a result code, or NULL for other values. */
const char *rm_result_name(int64_t v);

#endif
