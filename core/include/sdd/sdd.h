/*
 * sdd.h - the SDEI dispatcher core: public interface.
 *
 * A production SDEI dispatcher (Arm DEN0054C, SDEI v1.0 and v1.1) written
 * to be dropped unchanged into EL3 firmware or an EL2 hypervisor:
 * freestanding C11, no allocation, no global state, no library calls
 * beyond memcpy/memset.  All state lives in a caller-owned struct sdd; the
 * machine is reached only through the operations of struct sdd_port.
 *
 * The dispatcher is sans-I/O.  The embedder feeds it events and it answers
 * by editing the client's register file:
 *
 *   sdd_call()              the client made an SMC/HVC in the SDEI window;
 *   sdd_irq()               firmware acknowledged an interrupt on a PE;
 *   sdd_dispatch_explicit() firmware wants to deliver an explicit event;
 *   sdd_pe_on/off/wake()    PSCI power transitions of a PE;
 *   sdd_save()/sdd_load()   migration of the whole state.
 *
 * Every operation takes the PE it happens on as an index (0..pe_count-1)
 * and, where a client context is involved, that PE's register file.  An
 * operation given a PE index out of range, or called on a failed
 * dispatcher, changes nothing (calls answer NOT_SUPPORTED).
 *
 * Concurrency: every operation on an initialised dispatcher (all of those
 * below but sdd_init and sdd_call_name) holds the port lock for its whole
 * duration, and tests whether the dispatcher has failed only once it holds
 * it, so an embedder running PEs in parallel may call any of them from any
 * PE: a saved image or a check is never torn by a call on another PE.  The
 * lock is never taken twice: port operations must not call back into sdd_*.
 * sdd_init must finish before any other operation starts.
 *
 * Callers: the dispatcher sees only the register file: the caller's EL and
 * execution state (PSTATE) and, from the embedder, whether it called from
 * Secure state (sdd_regs.secure, SCR_EL3.NS); a Secure or AArch32 caller,
 * or one at another EL than the client's, gets NOT_SUPPORTED.  Realm state
 * (SCR_EL3.NSE) is not in the register file: a call from Realm state is the
 * embedder's to refuse (SMCCC: NOT_SUPPORTED), never sdd_call's to see.
 */
#ifndef SDD_H
#define SDD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sdd_platform.h"
#include "sdd_port.h"
#include "sdd_spec.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- The client's register file as the dispatcher sees it ---- */

struct sdd_regs {
	uint64_t x[SDD_CONTEXT_REGS]; /* x0..x17 (x18..x30, SP: the dispatcher never touches them) */
	uint64_t pc;        /* where the client continues: ELR of the dispatcher's EL */
	uint64_t pstate;    /* the client's PSTATE in SPSR format: SPSR of the dispatcher's EL */
	uint64_t elr_elc;   /* ELR of the client EL (written by COMPLETE_AND_RESUME) */
	uint64_t spsr_elc;  /* SPSR of the client EL (written by COMPLETE_AND_RESUME) */
	uint64_t vbar_elc;  /* read only: VBAR of the client EL (relative mode) */
	uint64_t sctlr_elc; /* read only: SCTLR of the client EL (SPAN, DSSBS, SPINTMASK) */
	uint64_t hcr_el2;   /* read only: HCR_EL2 (E2H, TGE) when the client EL is 2 */
	uint64_t secure;    /* read only: 1 when the caller is in Secure state (SCR_EL3.NS was
			     * 0 when it called), 0 when Non-secure */
};

/* What an operation did to the register file. */
enum sdd_action {
	SDD_ACT_NONE = 0,  /* registers untouched */
	SDD_ACT_RETURN,    /* x0 holds the call's result; everything else unchanged */
	SDD_ACT_DISPATCH,  /* a handler was entered: x0..x3, pc, pstate are its entry state;
			    * x4..x17 keep the interrupted values, or are zero under
			    * policy entry_regs SDD_ENTRY_REGS_ZERO */
	SDD_ACT_COMPLETE,  /* the running handler completed: the interrupted context is back */
	SDD_ACT_RESUME     /* COMPLETE_AND_RESUME: the resume context is in place */
};

/* Details of what happened, for tracing and checking (optional output). */
struct sdd_outcome {
	uint8_t  action;   /* enum sdd_action */
	uint8_t  depth;    /* handlers running on the PE afterwards (0..2) */
	int32_t  event;    /* DISPATCH/COMPLETE/RESUME: the event concerned; else -1 */
	uint32_t status;   /* COMPLETE: the status_code given (0 HANDLED, 1 FAILED) */
	uint32_t intid;    /* DISPATCH/COMPLETE/RESUME of an interrupt-backed event: its INTID; else 1023 */
};

/* Result of sdd_irq(). */
enum sdd_irq_result {
	SDD_IRQ_DISPATCHED = 0, /* a handler was entered on the PE */
	SDD_IRQ_DEFERRED,       /* PE masked: re-pended, EOI'd; PE-targeted events disabled until PE_UNMASK */
	SDD_IRQ_HELD,           /* event registered but disabled: re-pended for ENABLE, disabled, EOI'd */
	SDD_IRQ_DROPPED,        /* event not registered: EOI'd, trigger ignored */
	SDD_IRQ_NOT_MINE,       /* not an interrupt of this dispatcher: nothing done, caller EOIs */
	SDD_IRQ_REFUSED,        /* dispatcher failed or bad PE: nothing done, caller EOIs */
	SDD_IRQ_FAULT,          /* the interrupt controller broke the rules: EOI'd, dispatcher failed */
	SDD_IRQ_REROUTED        /* a shared event routed RM_PE to another PE since (ROUTING_SET on
				 * another PE won the race): re-pended for its target, EOI'd */
};

/* Internal faults reported through port->fault (never caused by client input). */
enum sdd_fault {
	SDD_FAULT_NONE = 0,
	SDD_FAULT_NESTING,       /* the interrupt controller signalled an event the nesting rules forbid */
	SDD_FAULT_RUNNING,       /* an interrupt arrived for an event already running on that path */
	SDD_FAULT_STACK          /* dispatch stack inconsistent with event states */
};

/* ---- Opaque state (declared here so callers can allocate it) ---- */

struct sdd_frame {                  /* one entered, not yet completed handler */
	uint64_t x[SDD_CONTEXT_REGS];   /* interrupted x0..x17 */
	uint64_t pc;                    /* interrupted PC */
	uint64_t pstate;                /* interrupted PSTATE */
	uint8_t  event;                 /* event index */
	uint8_t  explicit_dispatch;     /* 1: firmware-originated, 0: interrupt */
	uint8_t  priority;              /* enum sdd_priority */
	uint16_t intid;                 /* interrupt to end at completion */
};

struct sdd_entry {                  /* one registration (per PE for private events) */
	uint64_t ep;                    /* entry point, or VBAR offset when relative */
	uint64_t arg;
	uint8_t  state;                 /* SDD_STATUS_* bits: never 2 or 6 */
	uint8_t  flags;                 /* SDD_REGFLAG_RELATIVE, SDD_REGFLAG_RM_PE */
	uint8_t  target;                /* shared, RM_PE: target PE index */
	uint8_t  running_pe;            /* shared, running: PE index */
};

struct sdd_pe_state {
	struct sdd_frame frame[2];      /* dispatch stack: [0] outer, [1] inner (critical) */
	uint8_t  depth;                 /* 0..2 */
	uint8_t  masked;                /* as PE_MASK/PE_UNMASK left it */
	/* 0: `masked` is in force.  1..depth: the handler at that depth
	 * changed it, and until that handler completes the PE acts as
	 * !masked (SDD_MASK_AT_COMPLETION). */
	uint8_t  mask_depth;
	uint64_t deferred;              /* events (by index) disabled here while masked */
};

struct sdd {
	const struct sdd_port *port;
	void    *ctx;
	struct sdd_platform plat;                  /* validated copy */
	/* derived from plat (recomputed by init and load) */
	uint8_t  npriv;                            /* private events */
	uint8_t  priv_slot[SDD_MAX_EVENTS];        /* private slot of event i (0xFF: shared) */
	uint8_t  priv_event[SDD_MAX_PRIVATE_EVENTS]; /* event of private slot s (npriv of them) */
	uint8_t  intid_event[SDD_INTID_SPI_LIMIT]; /* event index owning an interrupt (0xFF: none) */
	/* real state */
	uint16_t intid[SDD_MAX_EVENTS];            /* interrupt of event i (static, event 0, bound slots) */
	uint64_t bound;                            /* bind slots (by event index) currently bound */
	uint8_t  failed;
	struct sdd_entry shared[SDD_MAX_EVENTS];   /* by event index (shared events only) */
	struct sdd_pe_state pe[SDD_MAX_PES];
	struct sdd_entry priv[SDD_MAX_PES * SDD_MAX_PRIVATE_EVENTS]; /* [pe * npriv + slot] */
};

/* ---- Life cycle ---- */

/*
 * Validate plat and build a dispatcher in d: every event unregistered, no
 * interrupt bound, every PE masked.  Programs the interrupt controller for
 * the platform's own interrupts (event 0's SGI and static events: claimed,
 * disabled) on every PE.  port and ctx must outlive d.
 * Returns SDD_INIT_OK or the first enum sdd_init_error found; on error d is
 * unusable (every operation refuses) and the port has not been called.
 */
int sdd_init(struct sdd *d, const struct sdd_platform *plat,
	     const struct sdd_port *port, void *ctx);

/* ---- Client calls ---- */

/*
 * Handle one client call made by SMC (physical conduit) or HVC (virtual
 * conduit) on PE pe, with the function ID in w0 and arguments in x1..x5 of
 * r.  The caller's EL and execution state are taken from r->pstate; a call
 * from any EL but the platform's client EL, from AArch32, or with a
 * function ID outside the 19 SMC64 SDEI calls answers NOT_SUPPORTED.
 *
 * Returns SDD_ACT_RETURN with the result in x0 and every other register
 * unchanged, or, for EVENT_COMPLETE / EVENT_COMPLETE_AND_RESUME that
 * succeed, SDD_ACT_COMPLETE / SDD_ACT_RESUME with the resumed context in r
 * (the call does not return to its caller).  out may be NULL.
 */
enum sdd_action sdd_call(struct sdd *d, unsigned pe, struct sdd_regs *r,
			 struct sdd_outcome *out);

/* ---- Interrupts and firmware dispatch ---- */

/*
 * Firmware acknowledged intid on PE pe while the client context r was
 * running there.  If intid backs an SDEI event that can be taken now, the
 * handler is entered (r becomes its entry context, the interrupt stays
 * active until the handler completes); otherwise the interrupt is dealt
 * with as enum sdd_irq_result describes.  out may be NULL.
 */
enum sdd_irq_result sdd_irq(struct sdd *d, unsigned pe, uint32_t intid,
			    struct sdd_regs *r, struct sdd_outcome *out);

/*
 * Deliver explicit event `event` on PE pe now (firmware-originated, e.g. a
 * RAS error; TF-A sdei_dispatch_event).  Returns 0 and enters the handler
 * (r becomes its entry context), or refuses with nothing left pending:
 * INVALID_PARAMETERS (not an explicit event), DENIED (PE masked, event not
 * enabled, or a handler of the same or higher class running), or -1 for
 * every refusal under SDD_EXPLICIT_MINUS_ONE.
 */
int sdd_dispatch_explicit(struct sdd *d, unsigned pe, int32_t event,
			  struct sdd_regs *r, struct sdd_outcome *out);

/* ---- Power management (DEN0054C §6.5) ---- */

/* PE pe finished CPU_ON (or a cold boot): masked, its banked interrupts
 * reprogrammed, its private registrations reset (SDD_CPU_ON_RESET_PRIVATE). */
void sdd_pe_on(struct sdd *d, unsigned pe);

/* PE pe calls CPU_OFF or CPU_FREEZE (possibly from inside a handler): every
 * running handler completes implicitly (r gets the outermost interrupted
 * context), then the PE is masked.  Returns the number of handlers completed. */
unsigned sdd_pe_off(struct sdd *d, unsigned pe, struct sdd_regs *r);

/* SYSTEM_OFF or SYSTEM_RESET called on pe: running handlers there complete
 * implicitly.  Returns the number of handlers completed. */
unsigned sdd_pe_complete_all(struct sdd *d, unsigned pe, struct sdd_regs *r);

/* PE pe woke from CPU_SUSPEND: masked again after a power-down state,
 * unchanged after standby. */
void sdd_pe_wake(struct sdd *d, unsigned pe, bool from_powerdown);

/* ---- Migration ---- */

enum sdd_load_error {
	SDD_LOAD_OK = 0,
	SDD_LOAD_TRUNCATED,         /* buffer shorter than its contents */
	SDD_LOAD_BAD_MAGIC,         /* not an sdd state buffer */
	SDD_LOAD_BAD_VERSION,       /* written by an incompatible format version */
	SDD_LOAD_BAD_CHECKSUM,      /* contents damaged */
	SDD_LOAD_PLATFORM_MISMATCH, /* saved for another platform description */
	SDD_LOAD_BAD_STATE,         /* a value no dispatcher can be in */
	SDD_LOAD_TRAILING,          /* bytes after the end of the state */
	SDD_LOAD_UNUSABLE           /* destination not initialised or failed */
};

/* Bytes sdd_save() writes for this dispatcher. */
size_t sdd_save_size(const struct sdd *d);

/* Serialise the whole dispatcher state into buf (cap bytes).  Returns the
 * number of bytes written, or 0 when cap is too small (buf may then hold
 * part of an image, never more than cap bytes) or d is unusable. */
size_t sdd_save(const struct sdd *d, uint8_t *buf, size_t cap);

/*
 * Load a state written by sdd_save() into d, which must have been
 * initialised with the same platform description.  Every format version
 * sdd_save() has written, by this build or an earlier one, is read.
 * Everything is validated; on any error d is put back to its freshly
 * initialised state and an sdd_load_error is returned.  Calls no port
 * operation but the lock: the interrupt controller's state is migrated by
 * the embedder.
 */
int sdd_load(struct sdd *d, const uint8_t *buf, size_t len);

/* Human-readable name of an sdd_load_error (a static string, never NULL). */
const char *sdd_load_error_name(int err);

/* ---- Inspection (register view in the style of KVM's SDEI firmware registers) ---- */

/* Register identifiers for sdd_reg_read().  Bitmaps have bit i for event index i. */
enum sdd_reg_id {
	SDD_REG_PE_STATE = 0,   /* [0] bit0 masked, bits[2:1] dispatch depth, bits[4:3] mask_depth */
	SDD_REG_REGISTERED,     /* [0] bitmap of events registered (for private events: on this PE) */
	SDD_REG_ENABLED,        /* [0] bitmap of events enabled */
	SDD_REG_RUNNING,        /* [0] bitmap of events running (shared: on this PE) */
	SDD_REG_PENDING,        /* [0] bitmap of events whose interrupt is pending at this PE
				 * (a shared event: at its RM_PE target, or at every PE
				 * when routed RM_ANY or not registered) */
	SDD_REG_BOUND,          /* [0] bitmap of bind slots currently bound */
	SDD_REG_CONTEXT0,       /* [0] pc [1] pstate [2..19] x0..x17 of the outer dispatch */
	SDD_REG_CONTEXT1,       /* same for the inner (nested) dispatch */
	SDD_REG_HANDLER_BASE = 0x100 /* + event index: [0] ep [1] arg [2] flags [3] state
				      * [4] routing affinity (a shared event routed RM_PE: its
				      * target's MPIDR, what GET_INFO(ROUTING_AFF) answers; else 0) */
};

/* Read register id of PE pe into vals (n values).  Returns the number of
 * values the register has (copying at most n), or -1 for an unknown id, a
 * context that does not exist, or a bad PE. */
int sdd_reg_read(struct sdd *d, unsigned pe, uint32_t id, uint64_t *vals, unsigned n);

/* Event index of event number ev, or -1. */
int sdd_event_index(const struct sdd *d, int32_t ev);

/* STATUS bits of event index i as seen from PE pe (0 for a bad index). */
unsigned sdd_event_state(const struct sdd *d, unsigned pe, unsigned i);

/* The rules sdd_check() answers, by number (stable: logs and tests name
 * them; sdd_check_rule() has each one's words). */
enum sdd_check_code {
	SDD_CHECK_OK              = 0,
	SDD_CHECK_NO_DISPATCHER   = -1,   /* none, or a failed one */
	/* a PE's dispatch stack, PE by PE */
	SDD_CHECK_PE_RANGE        = -10,
	SDD_CHECK_NESTING         = -11,
	SDD_CHECK_FRAME_EVENT     = -12,
	SDD_CHECK_FRAME_PRIORITY  = -13,
	SDD_CHECK_FRAME_INTERRUPT = -14,
	SDD_CHECK_FRAME_IDLE      = -15,
	SDD_CHECK_FRAME_PE        = -16,
	SDD_CHECK_HELD_NO_IRQ     = -17,
	SDD_CHECK_HELD_UNMASKED   = -18,
	/* bindings, event by event */
	SDD_CHECK_PLATFORM_BOUND  = -20,
	SDD_CHECK_FREE_SLOT_USED  = -21,
	SDD_CHECK_SLOT_INTID      = -22,
	SDD_CHECK_INTID_TWICE     = -23,
	SDD_CHECK_BOUND_BITS      = -24,
	/* registrations, event by event */
	SDD_CHECK_PRIVATE_FIELDS  = -30,
	SDD_CHECK_PRIVATE_RUNNING = -31,
	SDD_CHECK_SHARED_FIELDS   = -32,
	SDD_CHECK_SHARED_RUNNING  = -33,
};

/* Check the dispatcher's own invariants (state bits legal, dispatch stacks
 * at most two deep, normal below critical, running bits matching frames,
 * at most one running instance of each shared event, triggers held back
 * only by a masked PE and only for events an interrupt backs, bindings
 * consistent).
 * Returns 0, or the enum sdd_check_code of the first violated rule. */
int sdd_check(const struct sdd *d);

/* What the rule sdd_check() answered code for says, for people ("two
 * events on one interrupt"; a static string, never NULL; "unknown rule"
 * for a code it never answers). */
const char *sdd_check_rule(int code);

/* Name of an SDEI function ID ("EVENT_REGISTER"), or NULL outside the 19 calls. */
const char *sdd_call_name(uint32_t fid);

#ifdef __cplusplus
}
#endif

#endif /* SDD_H */
