/*
 * program.h - the scenario program: the one intermediate representation
 * of sdeisim (DESIGN.md).  Every front end (YAML loader, fuzz-input
 * decoder, trace importer) builds one; the simulator runs one; every back
 * end (YAML writer, fuzz-input encoder) prints one.
 *
 * A program is a platform description, named client handlers (lists of
 * actions run as AArch64 code, or a user's ELF image), and an ordered list
 * of steps with optional expectations.  It owns all its memory (growable
 * pools indexed by position, so it can be copied or reset cheaply); every
 * element carries the source location it came from, for
 * `file:line:column` messages.
 *
 * The semantics of each element are those of contract/scenario-v1.md and
 * scenarios/FORMAT.md; this header says how they are represented.
 */
#ifndef SIM_PROGRAM_H
#define SIM_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sdd/sdd_platform.h"

#define SIM_MAX_PES      64u
#define SIM_MAX_EVENTS   48u      /* platform events besides event 0 and bind slots */
#define SIM_MAX_HANDLERS 256u     /* handlers of a program: the runtime's image holds as many (RT_MAX_HANDLERS) */
#define SIM_MAX_ACTION_RECORDS 32736u  /* its handlers' action records (sim_action_records): as many (RT_MAX_ACTIONS) */
#define SIM_NONE         0xFFu    /* "unspecified" for PE fields */
#define SIM_A32_EL_MODE  1u       /* sim_op.aarch32: AArch32, the usual mode of the call's EL */
#define SIM_A32_MODE(m)  (0x10u | (m))  /* sim_op.aarch32: AArch32 mode PSTATE.M[3:0] = m */

struct sim_loc { uint32_t line, col; };

/* ---- Values: numbers, or something resolved when the step runs ---- */

enum sim_vkind {
	SIM_V_CONST = 0,     /* u */
	SIM_V_VAR,           /* u = variable index: a value saved earlier ($name) */
	SIM_V_HANDLER,       /* u = handler index: its entry point address */
	SIM_V_HANDLER_OFF,   /* u = handler index: entry point - VBAR ({offset: h}) */
	SIM_V_RESUME_PAD,    /* the simulator's resume routine */
	SIM_V_MPIDR,         /* u = PE index: its MPIDR ({mpidr: N}) */
	SIM_V_INT_PC,        /* interrupted_pc (expect_entry / expect_resumes only) */
	SIM_V_INT_PSTATE     /* interrupted_pstate */
};

struct sim_value {
	uint8_t  kind;       /* enum sim_vkind */
	uint64_t u;
};

/* ---- Expectations on one 64-bit value ---- */

enum sim_mkind {
	SIM_M_EQ = 0,        /* == a */
	SIM_M_MASK,          /* (v & a) == b */
	SIM_M_NOT,           /* != a */
	SIM_M_ONE_OF,        /* == one of values[list .. list+count) */
	SIM_M_SET,           /* a bitmap by event index (expect_view) that holds exactly the
			      * events numbered values[list .. list+count) */
	SIM_M_INCLUDES       /* such a bitmap that holds at least those events */
};

struct sim_match {
	uint8_t  kind;       /* enum sim_mkind */
	uint8_t  width32;    /* compare sign-extended low 32 bits of the observed value (PSCI) */
	struct sim_value a, b;
	uint32_t list, count;
	struct sim_loc loc;
};

/* What a check looks at.  SIM_R_X0 + n for xn. */
enum sim_reg {
	SIM_R_X0 = 0,
	SIM_R_SP = 31,
	SIM_R_PC,
	SIM_R_PSTATE,        /* the whole PSTATE, SPSR format */
	SIM_R_PSTATE_EL,     /* PSTATE fields */
	SIM_R_PSTATE_DAIF,
	SIM_R_PSTATE_SPSEL,
	SIM_R_PSTATE_PAN,
	SIM_R_PSTATE_DIT,
	SIM_R_PSTATE_NZCV,
	SIM_R_ELR,           /* ELR of the client EL (expect_resumes) */
	SIM_R_SPSR,          /* SPSR of the client EL (expect_resumes) */
	/* expect_view: the dispatcher's register view of a PE (sdd_reg_read) */
	SIM_R_VIEW_MASKED,   /* SDD_REG_PE_STATE bit 0 */
	SIM_R_VIEW_DEPTH,    /* SDD_REG_PE_STATE bits 2:1 */
	SIM_R_VIEW_REGISTERED, /* the bitmaps SDD_REG_REGISTERED .. SDD_REG_BOUND, in that order */
	SIM_R_VIEW_ENABLED,
	SIM_R_VIEW_RUNNING,
	SIM_R_VIEW_PENDING,
	SIM_R_VIEW_BOUND,
	SIM_R_VIEW_EP,       /* SDD_REG_HANDLER_BASE + event index: [0] .. [3], in that order */
	SIM_R_VIEW_ARG,
	SIM_R_VIEW_FLAGS,
	SIM_R_VIEW_STATE,
	/* a call's `returns` (only as the first check of a call's expect): 1
	 * when the call returned to its caller - it did not complete the
	 * handler that made it, nor power the PE down */
	SIM_R_RETURNED,
	SIM_R_COUNT
};

struct sim_check {
	uint8_t reg;         /* enum sim_reg */
	struct sim_match m;
};

/* A register assignment of a `set` step. */
struct sim_assign {
	uint8_t reg;         /* x0..x30, SIM_R_SP, SIM_R_PSTATE_PAN/DIT/NZCV */
	struct sim_value v;
	struct sim_loc loc;
};

/* ---- Operations: steps and handler actions share one representation ---- */

enum sim_op_kind {
	SIM_OP_CALL = 0,          /* SMC/HVC: fid, args -> x1.., expect on x0 (or registers), save */
	SIM_OP_PSCI,              /* a PSCI function (psci_fn) with target/state/args */
	SIM_OP_INTERRUPT,         /* an interrupt fires (intid; pe for SGI/PPI) */
	SIM_OP_SET,               /* step: set registers of a PE's current context */
	SIM_OP_WAKE,              /* step: wake a suspended PE */
	SIM_OP_DISPATCH,          /* step: firmware explicit dispatch of `event` on pe */
	SIM_OP_MIGRATE,           /* step: save the machine, restore into a fresh one */
	SIM_OP_RESUME,            /* step: continue the handler paused on pe */
	SIM_OP_EXPECT_DISPATCHES, /* step: handler entries since the last such step */
	SIM_OP_EXPECT_RESUMES,    /* step: resume-pad landings since the last such step */
	SIM_OP_EXPECT_ENTRY,      /* action: checks on the handler's entry registers */
	SIM_OP_YIELD,             /* action: pause until a resume step */
	SIM_OP_COMPLETE,          /* action: EVENT_COMPLETE(value) */
	SIM_OP_COMPLETE_AND_RESUME, /* action: EVENT_COMPLETE_AND_RESUME(value) */
	SIM_OP_EXPECT_VIEW,       /* step: checks on the dispatcher's register view of pe (views[]) */
	SIM_OP_HOLD,              /* step (extension): pe's firmware stops after its next acknowledge */
	SIM_OP_HAND_OVER,         /* step (extension): pe's firmware hands the interrupt it holds on */
	SIM_OP_KIND_COUNT
};

enum sim_psci_fn {
	SIM_PSCI_VERSION = 0, SIM_PSCI_FEATURES, SIM_PSCI_CPU_ON, SIM_PSCI_CPU_OFF,
	SIM_PSCI_CPU_SUSPEND, SIM_PSCI_AFFINITY_INFO, SIM_PSCI_SYSTEM_OFF,
	SIM_PSCI_SYSTEM_RESET, SIM_PSCI_CPU_FREEZE, SIM_PSCI_FN_COUNT
};

enum sim_suspend { SIM_SUSPEND_STANDBY = 0, SIM_SUSPEND_POWERDOWN = 1 };

struct sim_op {
	uint8_t  kind;            /* enum sim_op_kind */
	uint8_t  pe;              /* the PE (SIM_NONE: unspecified) */
	uint8_t  from_el;         /* CALL: EL the call is made from; 0 = the client EL */
	uint8_t  psci_fn;         /* PSCI: enum sim_psci_fn */
	uint8_t  target;          /* PSCI CPU_ON/AFFINITY_INFO: target PE index; SIM_NONE: none */
	uint8_t  state;           /* PSCI CPU_SUSPEND: enum sim_suspend */
	uint8_t  raw_fid;         /* CALL: made with `fid:` (not `call:`) */
	uint8_t  aarch32;         /* CALL (step): 0 from AArch64, else from AArch32: SIM_A32_EL_MODE
				    * in the usual mode of from_el's EL, SIM_A32_MODE(m) in
				    * mode m, one of from_el's EL (sim_call_pstate) */
	uint8_t  secure;          /* CALL (step): made from Secure state (at from_el's EL) */
	uint8_t  form;            /* EXPECT_DISPATCHES: how the entries match those seen
				   * (enum sim_list_form) */
	int32_t  save;            /* CALL/PSCI: variable to save x0 in, -1 none */
	uint32_t intid;           /* INTERRUPT */
	struct sim_value fid;     /* CALL: function ID; COMPLETE*: status / resume address */
	struct sim_value event;   /* DISPATCH: 32 bits (sim_event_fits), or lenient */
	uint32_t args, nargs;     /* values[] range: x1, x2, ... */
	uint32_t checks, nchecks; /* checks[] range: expect (x0, or a register map) */
	uint32_t sets, nsets;     /* assigns[] range (SET) */
	uint32_t list, nlist;     /* EXPECT_DISPATCHES: dispatches[]; EXPECT_RESUMES: resumes[];
				   * EXPECT_VIEW: views[] */
	struct sim_loc loc;
};

/* How the entries of an expect_dispatches step match the handler entries
 * seen since the previous one. */
enum sim_list_form {
	SIM_LIST_ALL = 0,         /* all of them, in order, and no more */
	SIM_LIST_INCLUDES,        /* some of them, in their order, others around them
				   * ({includes: [...]}) */
	SIM_LIST_STARTS,          /* the first ones, in order, others after them
				   * ({starts_with: [...]}) */
	SIM_LIST_EXCLUDES         /* none of them matches any entry seen ({excludes: [...]}) */
};

/* One entry of an expect_dispatches step: each field checked only when
 * its has_ flag is set.  pe is compared with the index of the PE that took
 * the event, event with its number, handler with the address the PE
 * entered at (a handler's name is a SIM_V_HANDLER value: its entry point),
 * arg with the x1 the handler received, depth with the number of handlers
 * running on the PE once it was entered (2: nested). */
struct sim_expect_dispatch {
	uint8_t  has_pe, has_event, has_handler, has_arg, has_depth;
	struct sim_match pe, event, handler, arg, depth;
	struct sim_loc loc;
};

/* One entry of an expect_resumes step: the PE of the landing (when has_pe)
 * and checks on SIM_R_ELR, SIM_R_SPSR and PSTATE (SIM_R_PSTATE*). */
struct sim_expect_resume {
	uint8_t  has_pe;
	struct sim_match pe;
	uint32_t checks, nchecks;
	struct sim_loc loc;
};

/* What one part of an expect_view step reads from the dispatcher's view. */
enum sim_view_part {
	SIM_VIEW_PE = 0,          /* mask, depth, bitmaps: SIM_R_VIEW_MASKED .. SIM_R_VIEW_BOUND */
	SIM_VIEW_CONTEXT,         /* SDD_REG_CONTEXT0: SIM_R_PC, SIM_R_PSTATE(_*), x0..x17 */
	SIM_VIEW_NESTED_CONTEXT,  /* SDD_REG_CONTEXT1: the same */
	SIM_VIEW_EVENT            /* SDD_REG_HANDLER_BASE + index of `event`: SIM_R_VIEW_EP .. STATE */
};

/* One part of an expect_view step: checks[checks .. +nchecks) on what
 * part reads.  A step's parts are in the order of the file. */
struct sim_expect_view {
	uint8_t  part;            /* enum sim_view_part */
	struct sim_value event;   /* EVENT: the event number */
	uint32_t checks, nchecks;
	struct sim_loc loc;
};

/* ---- Handlers ---- */

enum sim_handler_kind { SIM_H_ACTIONS = 0, SIM_H_ELF };

struct sim_handler {
	uint32_t name;            /* strings[] offset */
	uint8_t  kind;            /* enum sim_handler_kind */
	uint32_t ops, nops;       /* ACTIONS: actions[] range */
	uint32_t elf_path, symbol;/* ELF: strings[] offsets (symbol: entry point) */
	struct sim_loc loc;
};

/* ---- Platform ---- */

enum sim_conduit { SIM_CONDUIT_SMC = 0, SIM_CONDUIT_HVC = 1 };

struct sim_event {            /* a platform event besides event 0 */
	int32_t  number;
	uint8_t  type;            /* enum sdd_event_type */
	uint8_t  priority;        /* enum sdd_priority */
	uint8_t  explicit_event;  /* 1: explicit (no interrupt) */
	uint32_t intid;           /* bound interrupt (not explicit) */
	struct sim_loc loc;
};

struct sim_platform {
	char     profile[16];     /* "default", "tf-a-fvp" */
	uint32_t pes;
	uint64_t mpidr[SIM_MAX_PES];
	uint8_t  client_el;       /* 1 or 2 */
	uint8_t  conduit;         /* enum sim_conduit */
	uint8_t  version_minor;   /* 0 or 1 */
	uint8_t  relative_mode;
	uint32_t vendor_version;
	uint32_t bind_private, bind_shared;
	int32_t  slot_private_base, slot_shared_base;  /* numbers of bind slot 0 */
	uint32_t spis;
	uint32_t event0_sgi;
	uint8_t  event0_priority;
	uint32_t features;        /* SDD_FEAT_* of the client EL */
	/* SCTLR_ELc of the client EL and HCR_EL2, every PE's from power-on:
	 * the controls the dispatcher reads to build an exception's PSTATE. */
	uint64_t sctlr_elc, hcr_el2;
	struct sdd_policy policy;
	uint32_t nsecure;
	uint32_t secure_intids[64];
	uint64_t secure_pes[64];  /* a PPI's: the PEs firmware owns it on (bit p); 0: every PE */
	uint32_t nevents;
	struct sim_event events[SIM_MAX_EVENTS];
};

/* ---- The program ---- */

struct sim_program {
	char   *file;             /* source name for messages ("" when built in memory) */
	char   *name;
	char   *description;
	struct sim_platform platform;

	struct sim_op *steps;                 uint32_t nsteps, cap_steps;
	struct sim_op *actions;               uint32_t nactions, cap_actions;
	struct sim_handler *handlers;         uint32_t nhandlers, cap_handlers;
	struct sim_value *values;             uint32_t nvalues, cap_values;
	struct sim_check *checks;             uint32_t nchecks, cap_checks;
	struct sim_assign *assigns;           uint32_t nassigns, cap_assigns;
	struct sim_expect_dispatch *dispatches; uint32_t ndispatches, cap_dispatches;
	struct sim_expect_resume *resumes;    uint32_t nresumes, cap_resumes;
	struct sim_expect_view *views;        uint32_t nviews, cap_views;
	char   *strings;                      uint32_t nstrings, cap_strings;
	uint32_t *vars;                       uint32_t nvars, cap_vars;   /* strings[] offset of each name */
	bool    oom;              /* an allocation failed: the program is unusable */
	/* Generated programs (fuzzing): steps that cannot be made (a call from
	 * a PE that is off or stuck, resume with nothing paused) are skipped, a
	 * $name not saved yet reads as 0 and a DISPATCH event number that does
	 * not fit in 32 bits is cut to them, instead of failing the scenario. */
	bool    lenient;
	/* The answers to the simulator's choices (1-of-N SPI targets,
	 * scheduling), consumed in order by sim_program_choice's source;
	 * none: the scenario policy decides every choice. */
	uint8_t *choices;                     uint32_t nchoices, cap_choices;
};

/* The `default` platform of contract/scenario-v1.md and the `tf-a-fvp`
 * profile.  Returns false for an unknown profile name. */
bool sim_platform_profile(struct sim_platform *p, const char *name);
/* Name of built-in profile k (0: "default"), NULL past the last. */
const char *sim_profile_name(unsigned k);

/* Does firmware own secure INTID k of p on PE pe? */
static inline bool sim_secure_on(const struct sim_platform *p, unsigned k, unsigned pe)
{
	return !p->secure_pes[k] || (pe < 64 && (p->secure_pes[k] >> pe & 1));
}

/* ---- Which INTIDs a platform can give (platform_intids.c) ----
 * One rule for every way a platform is described (the scenario loader,
 * the trace reader's platform record), each saying it in its own terms. */

/* Does INTID intid exist on p's GIC (SGIs, PPIs, and p->spis SPIs)? */
bool sim_intid_exists(const struct sim_platform *p, uint64_t intid);
/* The INTIDs that exist, in words ("SGIs 0..15, PPIs 16..31, SPIs
 * 32..127"), into buf; returns buf. */
const char *sim_intid_ranges(const struct sim_platform *p, char *buf, size_t n);

enum sim_intid_problem {
	SIM_INTID_OK = 0,
	SIM_INTID_NOT_PPI,      /* a private event's interrupt is not a PPI (16..31) */
	SIM_INTID_NOT_SPI,      /* a shared event's is not an SPI the platform has */
	SIM_INTID_SECURE,       /* the firmware owns it (secure_intids) */
	SIM_INTID_TAKEN         /* an earlier event's */
};

/* Whether the interrupt intid can be bound to an event of type (enum
 * sdd_event_type) given after the nprev events prev (explicit ones have
 * none); *other is then the event number of the one that has it. */
enum sim_intid_problem sim_event_intid_problem(const struct sim_platform *p, uint8_t type, uint64_t intid,
						const struct sim_event *prev, unsigned nprev, int32_t *other);

enum sim_secure_problem {
	SIM_SECURE_OK = 0,
	SIM_SECURE_NO_SUCH,     /* the platform's GIC has no such INTID */
	SIM_SECURE_EVENT0,      /* event 0's SGI: the dispatcher owns it (Group 0) */
	SIM_SECURE_TWICE        /* listed already */
};

/* Whether list[k] can be the platform's secure INTID after list[0..k). */
enum sim_secure_problem sim_secure_intid_problem(const struct sim_platform *p, const uint32_t *list, unsigned k);

/* The PSTATE a PE's main context has at power-up and after every reset
 * (machine.c): the client EL's ELxh, AArch64, DAIF clear, every other bit
 * 0.  Only a `set` step changes it (PAN, DIT, NZCV), or for the length of
 * a call a step makes from another EL (its EL); the runtime's idle loop
 * changes no flag.  The replay relies on it (traces/replay_pstate.c). */
uint64_t sim_main_pstate(const struct sim_platform *p);

/* Settings by name (platform_names.c).  Bits: names[k] is bit bits[k] of
 * the features (SDD_FEAT_*), SCTLR_ELc, HCR_EL2. */
#define SIM_FEATURES   7
#define SIM_SCTLR_BITS 3
#define SIM_HCR_BITS   2
extern const char *const sim_feature_names[SIM_FEATURES], *const sim_sctlr_names[SIM_SCTLR_BITS],
	*const sim_hcr_names[SIM_HCR_BITS];
extern const uint8_t sim_feature_bits[SIM_FEATURES], sim_sctlr_bits[SIM_SCTLR_BITS],
	sim_hcr_bits[SIM_HCR_BITS];

/* The dispatcher's policies: field k of struct sdd_policy is called
 * sim_policy_names[k], is the byte at offset, and value v (< nvalues) is
 * called values[v]. */
#define SIM_POLICY_FIELDS 22
struct sim_policy_field {
	uint8_t offset, nvalues;
	const char *const *values;
};
extern const char *const sim_policy_names[SIM_POLICY_FIELDS];
extern const struct sim_policy_field sim_policy_fields[SIM_POLICY_FIELDS];
/* Why value may not be given to policy field k (a value the core takes
 * only for another field), or NULL. */
const char *sim_policy_refused(unsigned field, unsigned value);

/* An SDEI error code's name ("DENIED") for a returned x0, or NULL for any
 * other value: every message and every written scenario or trace names
 * them the same way. */
const char *sim_sdei_error_name(int64_t x0);

/* The SDD platform description (events sorted, bind slots added) for p.
 * Returns 0, or an sdd_init_error for a description the core refuses. */
int sim_platform_to_sdd(const struct sim_platform *p, struct sdd_platform *out);

/* The class (enum sdd_priority) of event on p into *pri, as
 * sim_platform_to_sdd gives it: event 0's, a platform event's, normal for
 * a bind slot's (DEN0054C §5.1.14).  False, *pri normal, for a number p
 * has no event of. */
static inline bool sim_event_class(const struct sim_platform *p, int32_t event, uint8_t *pri)
{
	*pri = SDD_PRI_NORMAL;
	if (event == 0) {
		*pri = p->event0_priority;
		return true;
	}
	for (unsigned i = 0; i < p->nevents; i++)
		if (p->events[i].number == event) {
			*pri = p->events[i].priority;
			return true;
		}
	return (event >= p->slot_private_base && event - p->slot_private_base < (int64_t)p->bind_private) ||
	       (event >= p->slot_shared_base && event - p->slot_shared_base < (int64_t)p->bind_shared);
}

/* Life cycle.  A program starts on the default platform, with no steps. */
void sim_program_init(struct sim_program *p);
void sim_program_reset(struct sim_program *p);   /* empty again, memory kept */
void sim_program_free(struct sim_program *p);

/* Builders: each returns the new element's index (or UINT32_MAX and sets
 * oom when memory runs out).  Pointers into the pools are invalidated by
 * the next builder call; keep indices. */
/* An op of kind with nothing set: no PE (or pe), no target, no save;
 * every byte defined, the padding zero. */
struct sim_op sim_op_new(unsigned kind, unsigned pe);
/* The same, in *op: every field written, the padding left as it was. */
void sim_op_init(struct sim_op *op, unsigned kind, unsigned pe);

uint32_t sim_add_step(struct sim_program *p, const struct sim_op *op);
uint32_t sim_add_action(struct sim_program *p, const struct sim_op *op);
uint32_t sim_add_handler(struct sim_program *p, const struct sim_handler *h);
/* Builders in place, for builders of many programs (the fuzz decoder): a
 * new step or action made by sim_op_init, or a new handler with every
 * field 0 (kind SIM_H_ACTIONS), at the end of its pool, to fill in
 * through the pointer - no copy of the element (a call the sanitizers
 * intercept).  The pointer stays valid until the next element is added
 * to the same pool (adding values, strings or assignments meanwhile is
 * fine).  NULL, and oom set, when memory runs out. */
struct sim_op *sim_new_step(struct sim_program *p, unsigned kind, unsigned pe);
struct sim_op *sim_new_action(struct sim_program *p, unsigned kind, unsigned pe);
struct sim_handler *sim_new_handler(struct sim_program *p);
uint32_t sim_add_value(struct sim_program *p, struct sim_value v);
uint32_t sim_add_check(struct sim_program *p, const struct sim_check *c);
uint32_t sim_add_assign(struct sim_program *p, const struct sim_assign *a);
uint32_t sim_add_dispatch(struct sim_program *p, const struct sim_expect_dispatch *e);
uint32_t sim_add_resume(struct sim_program *p, const struct sim_expect_resume *e);
uint32_t sim_add_view(struct sim_program *p, const struct sim_expect_view *e);
uint32_t sim_add_string(struct sim_program *p, const char *s);
uint32_t sim_add_choice(struct sim_program *p, uint8_t answer);
/* How many of op's arguments count: for a `call`, its args without the
 * trailing constant zeros past the parameters of the SDEI call it makes
 * (x1..x5 start at zero and args fill them in order: [0x40000100, 0, 0]
 * is [0x40000100] for EVENT_ENABLE, [0] stays [0]); for every other kind
 * (a PSCI call's args override registers its target set), all of them.
 * The writer writes these, and two programs are equal when these are. */
uint32_t sim_args_used(const struct sim_program *p, const struct sim_op *op);
/* Variable index of name, creating it. */
uint32_t sim_var(struct sim_program *p, const char *name);
/* A new variable called name, which the caller knows no variable has yet
 * (no lookup: the fuzz decoder adds its eight to every fresh program). */
uint32_t sim_add_var(struct sim_program *p, const char *name);
/* Handler index of name, or -1. */
int sim_find_handler(const struct sim_program *p, const char *name);
/* The action records the runtime's image takes for p's handlers (one per
 * action, one more per handler; an ELF handler none), at most
 * SIM_MAX_ACTION_RECORDS of which a machine runs.  *over (when not NULL):
 * the handler whose records pass that limit, p->nhandlers when none do. */
uint32_t sim_action_records(const struct sim_program *p, uint32_t *over);
/* Every value the program holds, wherever it is kept - values[], and the
 * values of operations, checks, assignments, expect_dispatches and
 * expect_resumes entries and expect_view parts - each once; fn may change
 * *v (renumbering handlers, say).  The values a match does not use are
 * visited too (they are constants 0 in programs built by the builders). */
void sim_each_value(struct sim_program *p, void (*fn)(void *ctx, struct sim_value *v), void *ctx);

static inline const char *sim_str(const struct sim_program *p, uint32_t off)
{
	return p->strings + off;
}

/* Helpers for the common shapes. */
static inline struct sim_value sim_const(uint64_t u)
{
	struct sim_value v = { SIM_V_CONST, u };
	return v;
}

/* An expectation that the value equals v (no location). */
static inline struct sim_match sim_match_eq(struct sim_value v)
{
	struct sim_match m = { SIM_M_EQ, 0, v, { SIM_V_CONST, 0 }, 0, 0, { 0, 0 } };
	return m;
}

/* Does m compare a bitmap of events with the events it lists (SIM_M_SET,
 * SIM_M_INCLUDES)? */
static inline bool sim_match_is_set(const struct sim_match *m)
{
	return m->kind == SIM_M_SET || m->kind == SIM_M_INCLUDES;
}

/* Are a and b the same machine?  sim_program_equal's platform part: every
 * field a scenario can set (of the MPIDRs, the first pes).  false with the
 * first difference in why (n bytes; n may be 0). */
bool sim_platform_equal(const struct sim_platform *a, const struct sim_platform *b, char *why, size_t n);

/* Do handler ha of a and handler hb of b run the same - the same image,
 * or the same actions, compared as sim_program_equal compares them -
 * whatever their names?  false when either does not exist. */
bool sim_handler_body_equal(const struct sim_program *a, uint32_t ha, const struct sim_program *b, uint32_t hb);

/* Does handler ha of a run no more than handler hb of b: the same, or the
 * first actions of hb and then EVENT_COMPLETE(HANDLED) where hb runs more
 * (another completion, a resume, a raise)?  A handler so cut short raises
 * nothing hb does not and completes back into what it interrupted,
 * whenever a dispatcher enters it.  false when either does not exist. */
bool sim_handler_body_within(const struct sim_program *a, uint32_t ha, const struct sim_program *b, uint32_t hb);

/* Are a and b the same program?  Compared structurally: what every element
 * says, not where it is kept - ranges by their contents, variables by
 * name, handlers by position and name, of each operation only the fields
 * its kind uses - and not where it came from (locations and `file` are
 * not compared).  false with the first difference, in words, in why
 * (n bytes; n may be 0). */
bool sim_program_equal(const struct sim_program *a, const struct sim_program *b, char *why,
		       size_t n);

/* Names: SIM_OP_* kinds, PSCI functions, registers (for messages and the
 * YAML writer). */
const char *sim_op_name(unsigned kind);
const char *sim_psci_name(unsigned fn);
const char *sim_reg_name(unsigned reg);

/* PSCI function IDs (DEN0022 §5.1): the ID PSCI function fn is called
 * with (the SMC64 form where a function has both; 0 past the last), and
 * the function an ID names, in either form (-1: none the simulator
 * implements).  The one table behind the simulator's PSCI, the trace
 * importers and the reports. */
uint32_t sim_psci_fid(unsigned fn);
int sim_psci_fn_of_fid(uint32_t fid);
/* Does PSCI function fn, called from inside a handler, never return to it
 * whatever its arguments (CPU_OFF, CPU_FREEZE, SYSTEM_OFF, SYSTEM_RESET:
 * the simulator's PSCI rule, psci_rules.h, asked)?  A handler's actions
 * after one never run. */
bool sim_psci_leaves_handler(unsigned fn);

/* Does v fit in the 32-bit event number a firmware dispatch passes: bits
 * 63:32 zero, or a negative 32-bit number sign-extended? */
static inline bool sim_event_fits(uint64_t v)
{
	return v <= UINT32_MAX || ((int64_t)v < 0 && (int64_t)v >= INT32_MIN);
}

/* A 32-bit parameter of an SDEI call (event, info, feature, param_id,
 * interrupt) as platform p's dispatcher reads it from its 64-bit register
 * x: the low half, when the upper one is zero or the upper_bits policy
 * ignores it.  False when the dispatcher refuses the value for its upper
 * half (INVALID_PARAMETERS): whoever follows a call by its registers
 * (the replay, the checks) must read them as the dispatcher did. */
static inline bool sim_param32(const struct sim_platform *p, uint64_t x, uint32_t *out)
{
	if ((x >> 32) && p->policy.upper_bits != SDD_UPPER_TRUNCATE)
		return false;
	*out = (uint32_t)x;
	return true;
}

#endif /* SIM_PROGRAM_H */
