/* rm: reference model of SDEI (Arm DEN0054C, versions 1.0 and 1.1), used
 * as the fuzzer's oracle.
 *
 * The model is an executable specification written from the specification
 * notes (reference/sdei-spec.md) and the machine's documented behaviour
 * (core/README.md "Named policies" and "The interrupt model",
 * scenarios/FORMAT.md), independently of the production dispatcher in
 * core/. It is told everything the machine did (calls and their results,
 * interrupts, handler entries, firmware dispatches, power transitions) and
 * says, for each, whether the specification (with the named behaviours in
 * force) allows it; if so it applies it to its own state.
 *
 * Cost: every function is allocation-free and bounded by the platform: a
 * call is a few look-ups over at most RM_MAX_EVENTS events (about 10-30 ns
 * on a 64-PE platform); only rm_settled walks PEs for each pending event
 * (at most RM_MAX_EVENTS x RM_MAX_PES cheap steps). No globals: all state
 * is in the caller-allocated struct rm_model, which holds no pointers, so
 * it may be copied with memcpy (the tests snapshot it that way).
 *
 * Where the specification (and the machine's documentation) leaves several
 * answers open, the model accepts the whole set:
 *  - INTERRUPT_BIND of an unbound INTID: any free bind slot of the right
 *    type (private for a PPI, shared for an SPI); that binding is recorded.
 *  - EVENT_CONTEXT inside a handler: any value (the model does not track
 *    registers; every 64-bit value, even -1..-10, is a legal register value).
 *  - A trigger whose survival the documentation does not pin down is
 *    "possibly pending": it may be dispatched (once), but need not be
 *    (rm_settled does not require it). This is the case for every private
 *    trigger pending on a PE when CPU_ON brings it back, those that arrived
 *    while it was off included (event 0 SIGNALs too): its redistributor may
 *    have been reset.
 *  - Several pending events of one class that may be dispatched: any order,
 *    any of them; a shared RM_ANY event: any PE that can take it. Between
 *    classes, critical first (§4.3.2.1, §6.2): no normal event is
 *    dispatched on a PE while a critical one is certainly pending there
 *    alone (private, shared RM_PE to it, or shared RM_ANY with every other
 *    PE masked or off, so that no other takes part in its routing) and
 *    could run; nor does a normal handler running alone there complete
 *    (EVENT_COMPLETE, COMPLETE_AND_RESUME) while such a critical event
 *    waits: it preempts that handler first (§4.3.2.2), so the call is
 *    refused whatever it answered.
 *  - N triggers may give fewer handler runs (one pending bit), never more.
 *
 * Decisions where the texts are ambiguous (all documented again where the
 * code makes them):
 *  - PE_MASK/PE_UNMASK made inside a handler are answered by, and
 *    recorded in, the new state at once, but the PE takes events as before
 *    until that handler completes (§5.2.1.1: "effects on the current PE
 *    ... apply after completion"): a critical event still preempts a
 *    normal handler that masked its PE.  mask_at_once: in force at once
 *    (TF-A, KVM).
 *  - GET_INFO(ROUTING_MODE/AFF) in unregister-pending answers DENIED (the
 *    registered bit is clear).
 *  - GET_INFO(ROUTING_AFF) answers the affinity fields (Aff3..Aff0) of the
 *    target, also under mpidr_lax: the bits outside them were ignored, not
 *    kept (an MPIDR-format affinity has them zero, §5.1.2; TF-A stores
 *    mpidr & MPIDR_AFFINITY_MASK).
 *  - SHARED_RESET that answers DENIED releases no binding (all or nothing);
 *    it still unregisters the shared events.  reset_release_unused: denied
 *    by a bound event in use (not by a running shared one), it releases
 *    every other binding (TF-A).
 *  - EVENT_COMPLETE's status code is not validated (any low-32-bit value).
 *  - COMPLETE_AND_RESUME's address is absolute, also in relative mode.
 *  - Error precedence, which the specification leaves open (§12 item
 *    10): every INVALID_PARAMETERS before any DENIED (TF-A's order and
 *    the core's, core/README.md); only EVENT_CONTEXT's is a policy
 *    (ctx_running_first). A dispatcher that checks state first is flagged
 *    (e.g. ROUTING_SET(RM_PE, a bad affinity) of an unregistered event,
 *    COMPLETE_AND_RESUME to a bad address outside a handler).
 *  - Triggers before REGISTER or pending at UNREGISTER, "ignored or left
 *    pending" (§5.1.2.1, §12 item 4), the policy unreg_keep: for an event
 *    other than event 0, ignored - a trigger while unregistered is
 *    dropped, and REGISTER and UNREGISTER drop one pending - as TF-A does;
 *    unreg_keep: left pending, owed once the event is registered and
 *    enabled. Event 0 keeps its SGI pending through REGISTER, UNREGISTER
 *    and PRIVATE_RESET under both, so a SIGNAL answered SUCCESS is owed
 *    once event 0 is registered and enabled and the PE unmasked
 *    (§5.1.16: SIGNAL sets it pending on the target, handled once event
 *    0 is registered and enabled there and the PE unmasked); pre-2024
 *    TF-A dropping it at a masked target is not a policy (yet). The
 *    precedence above is pinned, not accepted as a set.
 *  - A platform event's INTID that is also listed as firmware-owned, a
 *    critical bind slot, or an invalid table: rm_init refuses the platform.
 *  - An ID outside the two SDEI windows given to rm_call is a harness error:
 *    rm_call returns false and says so.
 *  - The model does not know when a PE is suspended: the harness passes a
 *    suspended PE as busy to rm_settled. A busy PE running no handler owes
 *    nothing; a busy PE inside a (paused) normal handler still owes
 *    critical events (the simulator dispatches on top of paused handlers).
 *  - A trigger that arrives while its event runs stays pending and is owed
 *    after completion (the interrupt is active, then pending again).
 */
#ifndef RM_H
#define RM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RM_MAX_PES 64
#define RM_MAX_EVENTS 64

enum rm_event_kind { RM_EVENT0, RM_STATIC, RM_SLOT, RM_EXPLICIT };

struct rm_event {            /* one platform event (event 0 included) or one bind slot */
    int32_t  number;
    uint8_t  kind;           /* enum rm_event_kind */
    uint8_t  shared;         /* 1 shared, 0 private */
    uint8_t  critical;       /* 1 critical, 0 normal */
    uint32_t intid;          /* RM_EVENT0: its SGI; RM_STATIC: its PPI/SPI; else 0 */
};

struct rm_platform {
    unsigned pes;  uint64_t mpidr[RM_MAX_PES];      /* affinity fields only */
    unsigned client_el;      /* 1 or 2: calls from any other EL, or from AArch32, are NOT_SUPPORTED */
    unsigned version_minor;  /* 0 or 1 */
    bool     relative_mode;  /* only in force under 1.1 */
    uint32_t vendor;         /* VERSION bits [31:0] */
    unsigned spis;           /* SPIs 32..32+spis-1 exist */
    unsigned nsecure; uint32_t secure[64];   /* firmware-owned INTIDs: BIND refuses them */
    uint64_t secure_pes[64]; /* secure[i], a PPI: the firmware's on these PEs only (bit p); 0: every PE */
    unsigned nevents; struct rm_event events[RM_MAX_EVENTS];   /* any order */
    /* Behaviours (named policies; false = the specification's intent, true = TF-A or KVM,
       but cpu_on_keep and unreg_keep, where the specification allows both). Semantics of each:
       core/README.md "Named policies" table. */
    bool truncate_upper;     /* upper 32 bits of 32-bit params ignored (else INVALID_PARAMETERS) */
    bool signal_strict;      /* SIGNAL -> INVALID if target masked or its event 0 not registered+enabled */
    bool bind_tfa;           /* BIND of firmware-owned -> DENIED; slot availability checked first */
    bool resume_denied;      /* COMPLETE_AND_RESUME to a bad address -> DENIED (else INVALID) */
    bool unbound_tfa;        /* a free bind-slot number answers as an unregistered event (REGISTER DENIED, STATUS 0, GET_INFO answers, ENABLE/DISABLE/UNREGISTER DENIED, ROUTING_SET/RELEASE INVALID) */
    bool priv_route_validate;/* REGISTER of a private event validates RM_PE affinity */
    bool ctx_running_first;  /* EVENT_CONTEXT outside a handler -> DENIED before checking param_id */
    bool mpidr_lax;          /* bits outside the affinity fields of an MPIDR argument ignored */
    bool explicit_minus_one; /* refused explicit dispatch -> -1 */
    bool signaled_inverted;  /* GET_INFO(SIGNALED): 1 = can be signalled */
    bool mask_zero;          /* PE_MASK always returns 0 */
    bool cpu_on_keep;        /* CPU_ON keeps the PE's private registrations (else resets them, as TF-A;
                                the specification requires only the mask, §12 item 6) */
    bool mask_at_once;       /* PE_MASK/UNMASK in a handler take effect at once (else at its completion) */
    bool reset_release_unused; /* SHARED_RESET denied by a bound event in use releases the others (else none) */
    bool unreg_keep;         /* a trigger while its event is unregistered stays pending (else dropped, as
                                TF-A; "ignored or left pending", §5.1.2.1) */
    bool active_denied;      /* REGISTER, and RELEASE of a bound event, while its interrupt is Active as
                                the caller sees it (a PE's firmware holds it) -> DENIED (TF-A) */
    bool reset_signal_keep;  /* PRIVATE_RESET keeps event 0's SIGNAL pending at its PE (TF-A; else it is
                                dropped with the rest of the PE's private state) */
};

/* The model's state. Its layout is private to rm_*.c; it is declared here
 * only so that the caller can allocate it. */
struct rm_pe_state {
    bool    on;
    bool    masked;          /* as PE_MASK/PE_UNMASK left it (what they answer by) */
    uint8_t mask_at;         /* 0, or the depth of the handler whose change of
                                `masked` is not in force until it completes */
    uint8_t depth;           /* running handlers on this PE: 0..2 */
    uint8_t stack[2];        /* their event indices, outermost first */
    uint8_t hold;            /* enum rm_hold: firmware holds an interrupt it acknowledged */
    uint8_t hold_ev;         /* its event then (index), 0xFF: no event's */
    uint32_t hold_intid;     /* the INTID held, Active until the hand-over ends the hold */
};

/* What a PE's firmware holds between its acknowledge and the hand-over
 * (rm_hold): nothing, a trigger of hold_ev that is owed, one that may be
 * delivered (possibly pending, or its event was unregistered or registered
 * since), or none the model knows of. */
enum rm_hold { RM_HOLD_NONE = 0, RM_HOLD_OWED, RM_HOLD_MAYBE, RM_HOLD_UNKNOWN };

struct rm_event_state {
    uint8_t  state[RM_MAX_PES]; /* STATUS bits; private: per PE, shared: [0] */
    uint64_t nonzero;        /* bit p: state of PE p is not 0 (shared: bit 0) */
    uint64_t pend;           /* triggers that must be delivered (bit per PE; shared: bit 0) */
    uint64_t maybe;          /* triggers that may be delivered, need not be */
    uint64_t affinity;       /* shared + RM_PE: the target's affinity fields (Aff3..Aff0) */
    uint32_t intid;          /* the backing INTID (slot: while bound) */
    bool     bound;          /* slot: currently bound */
    bool     rm_pe;          /* shared: routed RM_PE */
    uint8_t  run_pe;         /* shared, while running: the PE running it */
    uint64_t held_by;        /* PEs whose firmware holds a trigger of it (bit per PE) */
};

/* A handler's entry, as its registration promised it: x1 and the PC. */
struct rm_entry {
    uint64_t arg;   /* REGISTER's ep_arg (x3) */
    uint64_t pc;    /* REGISTER's entry point (x2), plus the VBAR in relative mode */
    bool relative;  /* registered in relative mode (REGISTER's flag bit 1) */
};

struct rm_model {
    struct rm_platform    p;
    unsigned              slots_private, slots_shared;
    /* How many PEs, events and firmware-owned INTIDs p's lists and the
     * state below may hold something of, from this platform or an earlier
     * one: rm_init clears that far (0 in a zeroed struct). */
    unsigned              used_pes, used_events, used_secure;
    struct rm_pe_state    pe[RM_MAX_PES];
    struct rm_event_state ev[RM_MAX_EVENTS];
    /* The client's own interrupts (no SDEI event behind them) that fired
     * and are pending at the GIC: PPIs 16..31 per PE (bit intid - 16), SPIs
     * (bit intid - 32).  Nothing the client can do clears them; a binding
     * bind_tfa makes of a pending one leaves its bit, which nothing reads
     * then (only the specification's BIND asks it, and refuses). */
    uint16_t              ppi_pending[RM_MAX_PES];
    uint64_t              spi_pending[16];
    /* The PPIs of p.secure owned PE by PE that the firmware still owns on
     * each PE (bit intid - 16): a binding TF-A's way (bind_tfa) takes one
     * over on every PE; CPU_ON gives it back on that PE unless bound. */
    uint16_t              fw_ppi[RM_MAX_PES];
    /* What each registration promised its handler: by event, then PE for
     * a private event ([0] for a shared one).  Written by every REGISTER
     * the model accepts and read only for a registered event. */
    struct rm_entry       entry[RM_MAX_EVENTS][RM_MAX_PES];
};

/* Build the model of a freshly initialised dispatcher on p: every PE on and
 * masked, nothing registered, bound or pending. p is copied (it may be &m->p,
 * a platform built in place; only its first pes MPIDRs, nsecure INTIDs and
 * nevents events are read). A model reused for another platform (or the
 * same one) is left byte for byte as a zeroed struct given p is: nothing of
 * an earlier run stays, past the platform's lists included - provided the
 * struct was zeroed before its first rm_init (static storage, calloc,
 * memset; otherwise only what p uses is defined). Returns 0, or
 * -1 if p is not something the model supports (then the harness skips the
 * input): pes not in 1..64; an MPIDR with bits outside Aff3..Aff0 or two
 * equal; client_el not 1/2; version_minor not 0/1; more than 988 SPIs;
 * nsecure > 64; no or several RM_EVENT0, or event 0 not numbered 0, not
 * private or not on an SGI; two events with the same number; a number with
 * bit 31 or bits 29:24 set; a static private event not on a PPI or a static
 * shared one not on an existing SPI; two platform events on one INTID; a
 * platform event's INTID listed as firmware-owned; an explicit event that is
 * shared or has an INTID; a slot with an INTID or critical (bound events are
 * normal, DEN0054C §4.3.2.1); an unknown kind. */
int  rm_init(struct rm_model *m, const struct rm_platform *p);

/* Who a caller is besides its EL (rm_call's `from`): a set of these. */
#define RM_FROM_AARCH32 1u   /* in AArch32 */
#define RM_FROM_SECURE  2u   /* in Secure state */

/* A call made by PE pe from caller_el (from: RM_FROM_* of the caller) with x[0..5]
 * (x[0] = function ID, only its low 32 bits count), answered by the
 * dispatcher with `result` (when it returned), or completed = true when it
 * did not return because it ended the running handler (EVENT_COMPLETE /
 * EVENT_COMPLETE_AND_RESUME that succeeded). Checks that this outcome is one
 * the specification (with the behaviours in force) allows; if so applies the
 * call to the model (including its side effects: SIGNAL makes event 0
 * pending on the target, resets unregister, BIND records the slot the
 * dispatcher chose) and returns true; else changes nothing and returns false
 * with an explanation in why (NUL-terminated, truncated to n bytes; why may
 * be NULL when n is 0), e.g. "EVENT_ENABLE(0x40000100) on PE 1: state
 * registered+running allows SUCCESS, got DENIED". Also false (with the
 * reason) when the input is inconsistent: pe out of range or off, or an ID
 * outside 0x84000020..0x8400003F / 0xC4000020..0xC400003F. */
bool rm_call(struct rm_model *m, unsigned pe, const uint64_t x[6], unsigned caller_el, unsigned from,
             int64_t result, bool completed, char *why, size_t n);

/* What the specification allows a call to answer, as rm_call_judged found
 * it (whether or not the dispatcher's answer was one of them): values[0..n)
 * (RM_V_VALUES; n = 0 only when the call could not be judged at all), any
 * value (RM_V_ANY), not returning because it completed the running handler
 * (RM_V_COMPLETES), the number of a free bind slot of the kind slot_shared
 * says (RM_V_SLOT), or no answer at all (RM_V_NOTHING): the call came
 * before a dispatch that had to come first - EVENT_COMPLETE or
 * COMPLETE_AND_RESUME of a normal handler that a critical event owed to
 * its PE had to preempt. */
enum rm_verdict_kind { RM_V_VALUES = 0, RM_V_ANY, RM_V_COMPLETES, RM_V_SLOT, RM_V_NOTHING };
struct rm_verdict {
    uint8_t kind;
    uint8_t n;
    int64_t values[3];
    bool    slot_shared;
};

/* rm_call, and what the call was allowed to answer in *verdict (may be NULL;
 * always written, every field but the padding; all zero when the call could
 * not be judged at all). */
bool rm_call_judged(struct rm_model *m, unsigned pe, const uint64_t x[6], unsigned caller_el,
                    unsigned from, int64_t result, bool completed, struct rm_verdict *verdict,
                    char *why, size_t n);

/* An interrupt source fired intid (pe: the PE for SGIs/PPIs; ignored for
 * SPIs). If intid backs event 0, a static event or a bound slot, the event
 * becomes pending (for that PE if private): event 0 in every state;
 * another event only while registered (states 1, 3, 5, 7), else the trigger
 * is ignored - unless unreg_keep, which keeps it in every state too. A private trigger at a PE that is off is owed nowhere while
 * it is off and only possibly pending after rm_cpu_on. A PPI or existing
 * SPI the client owns (no event, not firmware-owned) stays pending at the
 * GIC, on or off: INTERRUPT_BIND of it answers DENIED from then on (it is
 * not Inactive, §5.1.14.3), unless bind_tfa. Any other INTID (or pe out of
 * range for a PPI) does nothing. */
void rm_fire(struct rm_model *m, uint32_t intid, unsigned pe);

/* A critical event that must preempt the normal handler running alone on
 * pe before it completes (§4.3.2.2, §6.2: certainly pending for pe,
 * registered+enabled, pe unmasked in force), as an event index; -1 if
 * none.  The event a call judged RM_V_NOTHING on pe came before. */
int rm_preempting_critical(const struct rm_model *m, unsigned pe);

/* The machine entered the handler of event `ev` on `pe` because an
 * interrupt was taken. Allowed only if: ev is event 0, a static event or a
 * bound slot; pe is on and unmasked; the event is registered+enabled and
 * not running (on pe if private, anywhere if shared); it is pending (or
 * possibly pending) (for pe if private); a shared RM_PE event is routed to
 * pe; nesting allows it (nothing runs on pe, or a normal handler runs and ev
 * is critical). If so, clears the pending bit, makes ev running on pe and
 * returns true; else false with why.  On a PE whose firmware held the
 * interrupt and handed it over (rm_holds; rm_hand_over answered
 * dispatched), the trigger is the one it held, critical-first does not
 * apply (it was acknowledged before any critical event that came
 * meanwhile), and the hold ends. */
bool rm_dispatch(struct rm_model *m, unsigned pe, int32_t ev, char *why, size_t n);

/* What was wrong with a dispatch rm_dispatch_judged refused, by the rule
 * that refused it - what a correct dispatcher does instead:
 *  - RM_DF_FIRST: critical event `first` (its number), pending for the
 *    PE and able to run there, had to be dispatched there instead (a
 *    normal event taken before it);
 *  - RM_DF_NESTED: the handlers running on the PE let no event of its
 *    class nest (two running, a critical one, or a normal one for a
 *    normal event): nothing is entered at that depth;
 *  - RM_DF_NOT_NOW: the event could not be taken on the PE at that point
 *    (no such event or PE, an explicit event, the PE off or masked, its
 *    state, not triggered there, routed elsewhere, its SPI held): what
 *    comes instead, and whether the event comes later, is not known. */
enum rm_dispatch_fault { RM_DF_NONE = 0, RM_DF_FIRST, RM_DF_NESTED, RM_DF_NOT_NOW };
struct rm_dispatch_verdict {
    uint8_t fault;     /* enum rm_dispatch_fault */
    int32_t first;     /* RM_DF_FIRST: the critical event's number */
};

/* rm_dispatch, and what was wrong with the dispatch in *v (may be NULL;
 * always written: RM_DF_NONE when it was allowed). */
bool rm_dispatch_judged(struct rm_model *m, unsigned pe, int32_t ev, struct rm_dispatch_verdict *v,
                        char *why, size_t n);

/* The handler of event `ev` was entered on `pe` (a dispatch rm_dispatch or
 * rm_explicit accepted) with x1 and PC as in *got: those its registration
 * promised (§5.1.2: x1 is the registered ep_arg; the PC is the entry point,
 * an offset from the client's VBAR in relative mode).  Returns whether they
 * are, with *want what they should be; if not, false with why (x1 judged
 * first). */
bool rm_entry_ok(const struct rm_model *m, unsigned pe, int32_t ev, const struct rm_entry *got,
                 struct rm_entry *want, char *why, size_t n);

/* Firmware asked to dispatch explicit event `ev` on `pe` and the dispatcher
 * answered `result` (0 = dispatched). The model requires INVALID_PARAMETERS
 * if ev is not an explicit event; DENIED if pe is masked (or off), the event
 * is not registered+enabled+not running on pe, or nesting forbids it
 * (explicit_minus_one: -1 for every refusal); else 0, and then the event
 * runs on pe. Returns whether result is that; applies it if so. */
bool rm_explicit(struct rm_model *m, unsigned pe, int32_t ev, int64_t result, char *why, size_t n);

/* A PE's firmware acknowledged intid and holds it (the simulator's `hold`
 * step) until rm_hand_over.  The trigger leaves the event's pending state
 * (a new one may arrive meanwhile) and is in flight on pe: no PE can take
 * the event while it is (the interrupt is active on pe: rm_settled owes it
 * nowhere), and pe takes nothing at all - nor, while pe is unmasked, is a
 * shared RM_ANY event owed anywhere: the distributor may have given its
 * SPI to pe (1-of-N), where it waits for the hand-over.  A REGISTER or UNREGISTER of the
 * event meanwhile makes the trigger one that may be delivered (§5.1.2.1:
 * a trigger from before REGISTER may be left pending, IMPLEMENTATION
 * DEFINED; the dispatcher cannot tell it came before); under unreg_keep
 * it stays owed. */
void rm_hold(struct rm_model *m, unsigned pe, uint32_t intid);

/* pe's firmware handed the interrupt it held (intid) to the dispatcher,
 * which answered res (enum sdd_irq_result's numbers: 0 dispatched, 1
 * deferred, 2 held, 3 dropped, 4 not mine, 5 refused, 6 fault, 7
 * rerouted).  What the answer does is judged, not its name, against the
 * event the INTID backs now:
 *  - dispatched: the hold ends at the handler entry, which rm_dispatch
 *    judges as the held trigger's;
 *  - dropped or not mine give the trigger up: right for an event that is
 *    not registered (or no event now) unless unreg_keep; for a registered
 *    one (any one under unreg_keep) the trigger stays owed (pending
 *    again), so rm_settled finds it undelivered;
 *  - deferred, held and rerouted pend it again (possibly pending, if it
 *    may be delivered only): where it goes next is judged by rm_settled
 *    and rm_dispatch.
 * Returns false with why for refused, fault or an unknown answer, or when
 * pe holds nothing; the hold ends either way. */
bool rm_hand_over(struct rm_model *m, unsigned pe, uint32_t intid, unsigned res, char *why, size_t n);

/* Does pe's firmware hold an interrupt (rm_hold, until rm_hand_over ends
 * the hold, or the handler entry that follows a dispatched answer)? */
bool rm_holds(const struct rm_model *m, unsigned pe);

/* Power (PSCI).
 * rm_cpu_off: pe called CPU_OFF or CPU_FREEZE: its running handlers
 *   complete implicitly (innermost first, as EVENT_COMPLETE), then it is
 *   masked and off.
 * rm_cpu_on: CPU_ON of pe completed: on and masked; its private
 *   registrations reset to unregistered unless cpu_on_keep; its pending
 *   private triggers become possibly pending (event 0's, and with
 *   cpu_on_keep or unreg_keep every one) or are dropped (the others:
 *   their event is unregistered, REGISTER would drop them anyway). Handlers still running
 *   on pe (rm_cpu_off not called) complete implicitly first.
 * rm_wake: pe woke from CPU_SUSPEND; from power-down: masked again,
 *   registrations and pending triggers kept; from standby: nothing changes.
 * rm_system_reset: SYSTEM_RESET: the whole model returns to the state
 *   rm_init built.
 * rm_complete_all: implicit completion of pe's running handlers only
 *   (SYSTEM_OFF). */
void rm_cpu_off(struct rm_model *m, unsigned pe);
void rm_cpu_on(struct rm_model *m, unsigned pe);
void rm_wake(struct rm_model *m, unsigned pe, bool from_powerdown);
void rm_system_reset(struct rm_model *m);
void rm_complete_all(struct rm_model *m, unsigned pe);

/* The machine has settled (nothing more happens without a new input):
 * check that no event the specification says must be delivered is left
 * undelivered: on every PE that is on, unmasked and can take the event's
 * class (nothing running, or only a normal handler for a critical event), no
 * event is pending (not merely possibly pending), registered+enabled and not
 * running for it (private: triggered on that PE; shared: triggered and
 * routed RM_PE to it, or RM_ANY). Returns true, or false with why. The
 * harness calls it only where nothing is blocked by the simulator's own
 * pausing.
 * pe_busy[p]: PE p is inside a handler the scenario paused, or cannot run
 * (suspended, say): it cannot take events of the class it is running; a
 * busy PE running nothing takes no event at all.  Only the platform's PEs
 * (p < pes) are read. */
bool rm_settled(struct rm_model *m, const bool pe_busy[RM_MAX_PES], char *why, size_t n);
/* rm_settled, and when it fails, the event left undelivered and the PE it
 * should have been delivered to (either pointer may be NULL). */
bool rm_settled_which(struct rm_model *m, const bool pe_busy[RM_MAX_PES], int32_t *event,
                      unsigned *on_pe, char *why, size_t n);

/* EVENT_STATUS bits of event ev as seen from pe (for comparing final
 * states): what EVENT_STATUS(ev) called on pe would have to answer, or -1
 * where it would answer INVALID_PARAMETERS (ev not a valid event now: an
 * unknown number, or a free bind slot unless unbound_tfa, where it is 0).
 * -1 also for pe out of range. */
int  rm_status(const struct rm_model *m, unsigned pe, int32_t ev);
/* The same for the event of index e (p.events[e]); -1 for e out of range. */
int  rm_status_at(const struct rm_model *m, unsigned pe, unsigned e);
/* The bind slots bound now: bit e for p.events[e] (the slot numbers an
 * INTERRUPT_BIND has answered and no RELEASE or reset has freed). */
uint64_t rm_bound_slots(const struct rm_model *m);
/* PE pe's mask as PE_MASK/PE_UNMASK last left it (what they answer by):
 * 1 masked, 0 unmasked, -1 for pe out of range; *pending_at (when not
 * NULL): 0 when that is in force, else the depth of the handler whose
 * completion brings it in force. */
int  rm_pe_mask(const struct rm_model *m, unsigned pe, unsigned *pending_at);
/* The routing of the event of index e, a registered shared event: 1 RM_PE
 * with *affinity (when not NULL) its target's affinity fields, what
 * GET_INFO(ROUTING_AFF) answers; 0 RM_ANY with *affinity 0; -1 for an
 * event that is not shared or not registered. */
int  rm_routing(const struct rm_model *m, unsigned e, uint64_t *affinity);
/* What the registration of the event of index e seen from pe (a shared
 * event: its one registration) promised its handler, into *out: false
 * when it is not registered there. */
bool rm_registration(const struct rm_model *m, unsigned pe, unsigned e, struct rm_entry *out);
/* The triggers of the event of index e owed (to be delivered when it can
 * be): bit p for PE p (a shared event: bit 0), 0 for none or while a
 * PE's firmware holds one (rm_hold). */
uint64_t rm_owed(const struct rm_model *m, unsigned e);
/* PE whose MPIDR is mpidr (mpidr_lax: compared on the affinity fields);
 * -1 for none (an rm_routing affinity names one). */
int  rm_find_pe(const struct rm_model *m, uint64_t mpidr);
/* A small summary of the situation around event number ev (when ev is
 * not one, -1 say: the event INTID intid backs now, if any) as seen from
 * PE pe, for the fuzzers' feedback on the model's state
 * (fuzz/fz_statecov.h): bits 1:0 the event's kind (enum rm_event_kind),
 * 2 shared, 3 critical, 4 set when there is such an event (a bind slot
 * only while bound), 7:5 its STATUS bits on pe; 8 pe refuses events for
 * being masked now, 10:9 the handlers running on pe.  Equal situations
 * give equal values; nothing else is promised.  0 for pe out of range. */
uint32_t rm_summary(const struct rm_model *m, unsigned pe, int32_t ev, uint32_t intid);

#endif
