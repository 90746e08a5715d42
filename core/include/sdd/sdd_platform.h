/*
 * sdd_platform.h - the platform description a dispatcher is built from.
 *
 * The embedder fills a struct sdd_platform (usually from a constant table)
 * and hands it to sdd_init(), which validates every field at run time and
 * refuses a bad description with a specific sdd_init_error.  Nothing in a
 * description is trusted: it may come from a device tree, a YAML scenario
 * or fuzz bytes.
 *
 * Every choice DEN0054C leaves IMPLEMENTATION DEFINED, and every known
 * divergence of real dispatchers from the specification, is a named policy
 * in struct sdd_policy.  The zero value of every policy is the
 * specification's intent, or this project's choice where the specification
 * says nothing or allows several behaviours (core/README.md names them);
 * core/README.md tables each policy with the TF-A and KVM behaviour it
 * reproduces.
 */
#ifndef SDD_PLATFORM_H
#define SDD_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Compile-time capacity of one dispatcher instance ---- */

/* PEs of one machine.  A build for a larger machine defines SDD_MAX_PES
 * (up to 254: PE indexes are kept in a byte, 0xFF meaning none) for every
 * translation unit that includes this header, the embedder's included:
 * it sizes struct sdd and struct sdd_platform.  State images do not depend
 * on it, only on the platform's pe_count. */
#ifndef SDD_MAX_PES
#define SDD_MAX_PES            64u
#endif
#if SDD_MAX_PES < 1 || SDD_MAX_PES > 254
#error "SDD_MAX_PES must be 1..254"
#endif
#define SDD_MAX_EVENTS         64u  /* events of one platform, event 0 and bind slots included */
#define SDD_MAX_PRIVATE_EVENTS 32u  /* of which private (state kept per PE) */

/* ---- Event description ---- */

enum sdd_event_kind {
	SDD_EVK_EVENT0 = 0,  /* event 0: private, signalable, backed by a firmware SGI */
	SDD_EVK_STATIC,      /* platform event bound by the platform to a PPI (private) or SPI (shared) */
	SDD_EVK_DYNAMIC,     /* a bind slot: bound to a client interrupt by INTERRUPT_BIND */
	SDD_EVK_EXPLICIT     /* private event dispatched by firmware (sdd_dispatch_explicit), no interrupt */
};

enum sdd_event_type { SDD_PRIVATE = 0, SDD_SHARED = 1 };
enum sdd_priority   { SDD_PRI_NORMAL = 0, SDD_PRI_CRITICAL = 1 };

struct sdd_event_desc {
	int32_t  number;    /* DEN0054C §4.4 format; event 0 is number 0 */
	uint8_t  kind;      /* enum sdd_event_kind */
	uint8_t  type;      /* enum sdd_event_type */
	uint8_t  priority;  /* enum sdd_priority */
	uint32_t intid;     /* EVENT0: its SGI (0..15); STATIC: its PPI/SPI; otherwise must be 0 */
};

/* ---- Named policies (zero = the specification's intent) ---- */

/* Upper 32 bits of a 32-bit parameter (event, param_id, info, feature, interrupt). */
enum sdd_pol_upper_bits   { SDD_UPPER_REJECT = 0, SDD_UPPER_TRUNCATE };
/* EVENT_SIGNAL to a target that is masked or has event 0 not registered+enabled. */
enum sdd_pol_signal       { SDD_SIGNAL_SET_PENDING = 0, SDD_SIGNAL_TFA_STRICT };
/* INTERRUPT_BIND: error for a firmware-owned interrupt, and where "not inactive" is checked. */
enum sdd_pol_bind         { SDD_BIND_SPEC = 0, SDD_BIND_TFA };
/* COMPLETE_AND_RESUME with a resume address the dispatcher can tell is bad. */
enum sdd_pol_resume_error { SDD_RESUME_ERR_INVALID = 0, SDD_RESUME_ERR_DENIED };
/* PSTATE written by COMPLETE_AND_RESUME (entry PSTATE is selected separately). */
enum sdd_pol_pstate       { SDD_PSTATE_TAKE_EXCEPTION = 0, SDD_PSTATE_TFA_PLAIN, SDD_PSTATE_INHERIT };
/* x4..x17 on handler entry. */
enum sdd_pol_entry_regs   { SDD_ENTRY_REGS_PRESERVE = 0, SDD_ENTRY_REGS_ZERO };
/* GET_INFO(EV_SIGNALED) polarity. */
enum sdd_pol_signaled     { SDD_SIGNALED_SPEC = 0, SDD_SIGNALED_INVERTED };
/* PE_MASK result. */
enum sdd_pol_mask_result  { SDD_MASK_RESULT_SPEC = 0, SDD_MASK_RESULT_ZERO };
/* When a PE_MASK/PE_UNMASK made inside a handler takes effect on the PE:
 * when that handler completes (§5.2.1.1-2), or at once (TF-A, KVM). */
enum sdd_pol_mask_timing  { SDD_MASK_AT_COMPLETION = 0, SDD_MASK_AT_ONCE };
/* Calls naming an unbound bind slot (REGISTER/ENABLE/STATUS/GET_INFO/...). */
enum sdd_pol_unbound      { SDD_UNBOUND_INVALID = 0, SDD_UNBOUND_TFA };
/* REGISTER of a private event: are routing mode and affinity validated? */
enum sdd_pol_priv_route   { SDD_PRIV_ROUTE_IGNORE = 0, SDD_PRIV_ROUTE_VALIDATE };
/* EVENT_CONTEXT error precedence. */
enum sdd_pol_ctx_order    { SDD_CTX_PARAM_FIRST = 0, SDD_CTX_RUNNING_FIRST };
/* When the VBAR of a relative-mode registration is sampled. */
enum sdd_pol_rel_vbar     { SDD_REL_VBAR_AT_DISPATCH = 0, SDD_REL_VBAR_AT_REGISTER };
/* Private registrations of a PE brought up by CPU_ON. */
enum sdd_pol_cpu_on       { SDD_CPU_ON_RESET_PRIVATE = 0, SDD_CPU_ON_KEEP_PRIVATE };
/* Bits outside the MPIDR affinity fields in an affinity/target argument. */
enum sdd_pol_mpidr        { SDD_MPIDR_STRICT = 0, SDD_MPIDR_IGNORE_OTHER_BITS };
/* Result of a refused explicit dispatch. */
enum sdd_pol_explicit     { SDD_EXPLICIT_SDEI_CODES = 0, SDD_EXPLICIT_MINUS_ONE };
/* Bind slots' event numbers: must they lie in the vendor space (§4.4)? */
enum sdd_pol_number_space { SDD_BOUND_VENDOR_ONLY = 0, SDD_BOUND_ANY_SPACE };
/* SHARED_RESET answering DENIED because a bound event is still in use:
 * no binding released, or every one not in use released (TF-A). */
enum sdd_pol_reset_release { SDD_RESET_RELEASE_NONE = 0, SDD_RESET_RELEASE_UNUSED };
/* A trigger of an interrupt-backed event other than event 0 that comes
 * while the event is unregistered on the PE it is aimed at (before
 * REGISTER, or still pending at UNREGISTER or a reset): "ignored or left
 * pending", IMPLEMENTATION DEFINED (§5.1.2.1).  Dropped (TF-A), or kept
 * pending and delivered once the event is registered and enabled there.
 * Event 0's SIGNAL is kept under both (§5.1.16), but dropped by a
 * PRIVATE_RESET of its PE under DROP (the PE's warm-boot state, §5.1.18)
 * unless reset_signal keeps it. */
enum sdd_pol_unreg_trigger { SDD_UNREG_TRIGGER_DROP = 0, SDD_UNREG_TRIGGER_KEEP };
/* REGISTER of an interrupt-backed event, or INTERRUPT_RELEASE of a bound
 * one, while its interrupt is Active as the calling PE sees it (a PE's
 * firmware acknowledged it and has not ended it): the specification
 * defines no error for it, or DENIED (TF-A: sdei_event_register,
 * sdei_interrupt_release ask plat_ic_get_interrupt_active), SHARED_RESET
 * then keeping that binding as one in use. */
enum sdd_pol_bound_active { SDD_BOUND_ACTIVE_IGNORE = 0, SDD_BOUND_ACTIVE_DENIED };
/* Event 0's SIGNAL pending at a PE when PRIVATE_RESET is called there:
 * dropped (the PE's warm-boot state, §5.1.18: a CPU_ON drops it too,
 * claiming the PE's banked interrupts again, not pending)
 * or kept (TF-A: sdei_event_unregister clears an event's pending state
 * only if it is not event 0). */
enum sdd_pol_reset_signal { SDD_RESET_SIGNAL_DROP = 0, SDD_RESET_SIGNAL_KEEP };

struct sdd_policy {
	uint8_t upper_bits;     /* enum sdd_pol_upper_bits */
	uint8_t signal;         /* enum sdd_pol_signal */
	uint8_t bind;           /* enum sdd_pol_bind */
	uint8_t resume_error;   /* enum sdd_pol_resume_error */
	uint8_t entry_pstate;   /* enum sdd_pol_pstate (TFA_PLAIN not allowed here) */
	uint8_t resume_pstate;  /* enum sdd_pol_pstate */
	uint8_t entry_regs;     /* enum sdd_pol_entry_regs */
	uint8_t signaled;       /* enum sdd_pol_signaled */
	uint8_t mask_result;    /* enum sdd_pol_mask_result */
	uint8_t unbound;        /* enum sdd_pol_unbound */
	uint8_t priv_route;     /* enum sdd_pol_priv_route */
	uint8_t ctx_order;      /* enum sdd_pol_ctx_order */
	uint8_t rel_vbar;       /* enum sdd_pol_rel_vbar */
	uint8_t cpu_on;         /* enum sdd_pol_cpu_on */
	uint8_t mpidr;          /* enum sdd_pol_mpidr */
	uint8_t explicit_err;   /* enum sdd_pol_explicit */
	uint8_t number_space;   /* enum sdd_pol_number_space */
	uint8_t mask_timing;    /* enum sdd_pol_mask_timing */
	uint8_t reset_release;  /* enum sdd_pol_reset_release */
	uint8_t unreg_trigger;  /* enum sdd_pol_unreg_trigger */
	uint8_t bound_active;   /* enum sdd_pol_bound_active */
	uint8_t reset_signal;   /* enum sdd_pol_reset_signal */
};

/* ---- Architectural features of the client EL that exception entry honours ---- */

#define SDD_FEAT_PAN  (1u << 0)
#define SDD_FEAT_UAO  (1u << 1)
#define SDD_FEAT_SSBS (1u << 2)
#define SDD_FEAT_BTI  (1u << 3)
#define SDD_FEAT_MTE2 (1u << 4)
#define SDD_FEAT_NMI  (1u << 5)
#define SDD_FEAT_VHE  (1u << 6)  /* EL2 host with HCR_EL2.E2H honoured */
#define SDD_FEAT_ALL  0x7Fu

/* ---- The description ---- */

struct sdd_platform {
	uint32_t pe_count;                 /* 1..SDD_MAX_PES */
	uint64_t mpidr[SDD_MAX_PES];       /* affinity fields only, unique */
	uint8_t  client_el;                /* 1 or 2: the EL that may call and that handlers run at */
	uint8_t  version_minor;            /* 0 (SDEI 1.0) or 1 (SDEI 1.1) */
	bool     relative_mode;            /* REGISTER flag bit 1 supported (needs version_minor 1) */
	uint32_t vendor_version;           /* VERSION bits [31:0] */
	uint32_t spi_count;                /* SPIs 32 .. 32+spi_count-1 exist (0..988) */
	uint32_t features;                 /* SDD_FEAT_* of the client EL */
	struct sdd_policy policy;
	uint32_t event_count;              /* 1..SDD_MAX_EVENTS */
	struct sdd_event_desc events[SDD_MAX_EVENTS];  /* strictly ascending by number */
};

/* sdd_init() results: 0 is success, every failure has its own code. */
enum sdd_init_error {
	SDD_INIT_OK = 0,
	SDD_INIT_NULL_ARGUMENT,          /* dispatcher, platform or port is NULL */
	SDD_INIT_PORT_INCOMPLETE,        /* a port operation is NULL */
	SDD_INIT_PE_COUNT,               /* pe_count is 0 or above SDD_MAX_PES */
	SDD_INIT_MPIDR_BITS,             /* an MPIDR has bits outside the affinity fields */
	SDD_INIT_MPIDR_DUPLICATE,        /* two PEs share an MPIDR */
	SDD_INIT_CLIENT_EL,              /* client_el is not 1 or 2 */
	SDD_INIT_VERSION,                /* version_minor is not 0 or 1 */
	SDD_INIT_RELATIVE_NEEDS_V11,     /* relative_mode with version 1.0 */
	SDD_INIT_SPI_COUNT,              /* spi_count above 988 */
	SDD_INIT_FEATURES,               /* unknown feature bits */
	SDD_INIT_POLICY,                 /* a policy value out of range */
	SDD_INIT_EVENT_COUNT,            /* event_count is 0 or above SDD_MAX_EVENTS */
	SDD_INIT_EVENT_NUMBER,           /* a number is not a valid DEN0054C event number */
	SDD_INIT_EVENT_ORDER,            /* numbers not strictly ascending (sorted, unique) */
	SDD_INIT_EVENT_FIELD,            /* kind, type or priority out of range */
	SDD_INIT_EVENT0_MISSING,         /* no event 0 */
	SDD_INIT_EVENT0_SHAPE,           /* event 0 is not private EVENT0 on an SGI, or EVENT0 used for another number */
	SDD_INIT_STATIC_PRIVATE_NOT_PPI, /* static private event on anything but a PPI */
	SDD_INIT_STATIC_SHARED_NOT_SPI,  /* static shared event on anything but an existing SPI */
	SDD_INIT_INTID_DUPLICATE,        /* two events on one interrupt */
	SDD_INIT_INTID_UNEXPECTED,       /* intid set on a dynamic or explicit event */
	SDD_INIT_DYNAMIC_NOT_NORMAL,     /* a bind slot with critical priority (TF-A FB04) */
	SDD_INIT_EXPLICIT_SHARED,        /* explicit events are private */
	SDD_INIT_NUMBER_SPACE,           /* a bind slot outside the vendor space (policy number_space) */
	SDD_INIT_TOO_MANY_PRIVATE        /* more than SDD_MAX_PRIVATE_EVENTS private events */
};

/* Check a description the way sdd_init() does, without building anything.
 * Returns SDD_INIT_OK or the first enum sdd_init_error found
 * (SDD_INIT_NULL_ARGUMENT for a NULL p). */
int sdd_validate_platform(const struct sdd_platform *p);

/* Human-readable name of an sdd_init_error (a static string, never NULL). */
const char *sdd_init_error_name(int err);

#ifdef __cplusplus
}
#endif

#endif /* SDD_PLATFORM_H */
