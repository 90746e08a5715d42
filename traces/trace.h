/*
 * trace.h - the canonical SDEI trace: one record per line, versioned,
 * greppable, streamed (traces/FORMAT.md is the specification; this
 * header says how a record is represented in C).
 *
 * A trace is what happened at the SDEI interface of one machine: the
 * firmware calls each PE made (arguments and results), the handlers the
 * dispatcher entered and how they finished, the interrupts, the power
 * changes.  Three producers write it (the FVP Tarmac importer, the TF-A
 * log importer, the simulator's recorder) and two consumers read it (the
 * replay, the timeline export).
 *
 * Records carry the PE and a time.  Time is in the producer's unit (FVP
 * clk/ps, the recorder's logical clock, a TF-A log's line numbers); it
 * never decreases for one PE, but records of different PEs may appear out
 * of time order (a call is written when it returns, with the time it was
 * made).  Consumers that need one order sort by (t, file line).
 */
#ifndef TRACE_H
#define TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define TRACE_VERSION      2     /* what writers write */
#define TRACE_VERSION_MIN  1     /* the oldest a reader still reads */
#define TRACE_MAX_PES      64u
#define TRACE_MAX_EVENTS   48u   /* platform events in a platform record (the simulator's SIM_MAX_EVENTS) */
#define TRACE_MAX_SECURE   64u   /* secure INTIDs in a platform record */
#define TRACE_POLICY_FIELDS 22u  /* the dispatcher's named policies (the simulator's SIM_POLICY_FIELDS) */

enum trace_kind {
	TRACE_CALL = 0,      /* a firmware call through the SDEI conduit (SDEI or PSCI function) */
	TRACE_DISPATCH,      /* the dispatcher entered a handler */
	TRACE_COMPLETE,      /* a handler finished (COMPLETE, COMPLETE_AND_RESUME, implicitly) */
	TRACE_IRQ,           /* an interrupt fired, or firmware acknowledged (or held) one */
	TRACE_POWER,         /* a PE's power state changed */
	TRACE_PLATFORM,      /* what the trace was taken on */
	TRACE_WARNING,       /* something a producer saw and could not explain */
	TRACE_KIND_COUNT
};

enum trace_conduit { TRACE_SMC = 0, TRACE_HVC = 1 };

/* How a call ended. */
enum trace_end {
	TRACE_END_RET = 0,   /* it returned to the caller: r0..r3 are its results */
	TRACE_END_COMPLETE,  /* it completed the running handler (no return to the caller) */
	TRACE_END_NONE,      /* it never returned (power-down, reset, end of the trace) */
	TRACE_END_COUNT
};

/* What made the dispatcher enter a handler. */
enum trace_cause {
	TRACE_CAUSE_IRQ = 0, /* an interrupt bound to the event (intid) */
	TRACE_CAUSE_CALL,    /* the call the PE was making (PE_UNMASK, EVENT_SIGNAL to itself, ...) */
	TRACE_CAUSE_EXPLICIT,/* firmware dispatched it without an interrupt (RAS, ...) */
	TRACE_CAUSE_COUNT
};

/* How a handler finished. */
enum trace_done {
	TRACE_DONE_COMPLETE = 0, /* EVENT_COMPLETE(status) */
	TRACE_DONE_RESUME,       /* EVENT_COMPLETE_AND_RESUME(resume address) */
	TRACE_DONE_IMPLICIT,     /* the dispatcher completed it (CPU_OFF, SYSTEM_RESET from the handler) */
	TRACE_DONE_COUNT
};

/* How an irq record saw the interrupt.  TRACE_IRQ_HOLD (an extension):
 * firmware acknowledged it and keeps it from the dispatcher until the
 * PE's next TRACE_IRQ_ACK of the same INTID, which hands it over. */
enum trace_irq_how { TRACE_IRQ_ACK = 0, TRACE_IRQ_FIRE, TRACE_IRQ_HOLD, TRACE_IRQ_HOW_COUNT };

/* What the dispatcher did with an acknowledged interrupt: sdd_irq_result,
 * by number, up to TRACE_RES_REROUTED; then what a trace that shows only
 * the firmware's writes to the GIC tells of one it did not dispatch: it
 * ended it (EOI, nothing left pending: dropped, not-sdei, refused) or set
 * it pending again first (deferred, held, rerouted). */
enum trace_irq_res {
	TRACE_RES_DISPATCHED = 0, TRACE_RES_DEFERRED, TRACE_RES_HELD, TRACE_RES_DROPPED,
	TRACE_RES_NOT_SDEI, TRACE_RES_REFUSED, TRACE_RES_FAULT, TRACE_RES_REROUTED,
	TRACE_RES_ENDED, TRACE_RES_REPENDED, TRACE_RES_COUNT
};

/* Power states (the simulator's enum sim_power, in the same order). */
enum trace_power {
	TRACE_PWR_ON = 0, TRACE_PWR_OFF, TRACE_PWR_STANDBY, TRACE_PWR_POWERDOWN, TRACE_PWR_FROZEN,
	TRACE_PWR_COUNT
};

/* Optional fields present in a record (trace_rec.has). */
#define TRACE_HAS_T        (1u << 0)
#define TRACE_HAS_PE       (1u << 1)
#define TRACE_HAS_EP       (1u << 2)   /* dispatch */
#define TRACE_HAS_PC       (1u << 3)   /* complete: where execution continued */
#define TRACE_HAS_PSTATE   (1u << 4)   /* dispatch: handler PSTATE; complete: PSTATE continued with */
#define TRACE_HAS_INTID    (1u << 5)   /* dispatch */
#define TRACE_HAS_DEPTH    (1u << 6)   /* dispatch, complete */
#define TRACE_HAS_ARG      (1u << 7)   /* complete: status or resume address */
#define TRACE_HAS_RES      (1u << 8)   /* irq */
#define TRACE_HAS_PREV     (1u << 9)   /* power */
#define TRACE_HAS_SRC      (1u << 10)  /* src */
#define TRACE_HAS_PROFILE  (1u << 11)  /* platform */
#define TRACE_HAS_PES      (1u << 12)  /* platform */
#define TRACE_HAS_EL       (1u << 13)  /* call, platform */
#define TRACE_HAS_CONDUIT  (1u << 14)  /* call, platform */
/* platform, version 2: the machine beyond the profile's name (trace_platform) */
#define TRACE_HAS_MPIDR    (1u << 15)
#define TRACE_HAS_VERSION  (1u << 16)
#define TRACE_HAS_RELATIVE (1u << 17)
#define TRACE_HAS_BIND     (1u << 18)
#define TRACE_HAS_SPIS     (1u << 19)
#define TRACE_HAS_SECURE   (1u << 20)
#define TRACE_HAS_EVENTS   (1u << 21)
#define TRACE_HAS_FEATURES (1u << 22)
#define TRACE_HAS_SCTLR    (1u << 23)
#define TRACE_HAS_HCR      (1u << 24)
#define TRACE_HAS_POLICY   (1u << 25)

/* A platform event of a platform record (FORMAT.md, `events=`). */
struct trace_event_desc {
	int32_t  number;
	uint8_t  shared;          /* 0: private, 1: shared */
	uint8_t  critical;        /* 0: normal, 1: critical priority */
	uint8_t  explicit_event;  /* 1: dispatched by firmware, no interrupt */
	uint32_t intid;           /* its interrupt (not explicit) */
};

/* What a version 2 platform record says beyond profile, pes, el and
 * conduit: everything a scenario can set about its machine.  Which parts
 * are given: the record's TRACE_HAS_MPIDR .. TRACE_HAS_POLICY bits. */
struct trace_platform {
	uint32_t nmpidr;          /* == the record's pes */
	uint64_t mpidr[TRACE_MAX_PES];
	uint8_t  version_minor;   /* SDEI 1.<version_minor>: 0 or 1 */
	uint8_t  relative_mode;
	uint32_t bind_private, bind_shared;
	uint32_t spis;
	uint32_t nsecure;
	uint32_t secure[TRACE_MAX_SECURE];
	uint64_t secure_pes[TRACE_MAX_SECURE];  /* secure[k] (a PPI) is firmware's on PE p (bit p) only; 0: every PE */
	uint32_t nevents;
	struct trace_event_desc events[TRACE_MAX_EVENTS];
	uint32_t features;        /* SDD_FEAT_* of the client EL */
	uint64_t sctlr, hcr_el2;  /* SCTLR_ELc of the client EL, HCR_EL2 */
	uint32_t policy_given;    /* bit k: policy[k] is given (the rest is the profile's) */
	uint8_t  policy[TRACE_POLICY_FIELDS];  /* the value of each policy, in the simulator's order (sim_policy_names) */
};

struct trace_rec {
	uint8_t  kind;        /* enum trace_kind */
	uint8_t  pe;          /* PE index, 0 .. TRACE_MAX_PES-1 */
	uint32_t has;         /* TRACE_HAS_* */
	uint64_t t;

	/* call: x0 (function ID) .. x5 as the caller passed them, and on
	 * TRACE_END_RET its x0..x3 after the return; bit n of x_known /
	 * r_known: xn / rn is known.  dispatch: x0..x3 at handler entry
	 * (event, argument, interrupted PC, interrupted PSTATE). */
	uint8_t  conduit;     /* enum trace_conduit */
	uint8_t  el;          /* call: the caller's EL; platform: the client EL */
	uint8_t  aarch32;     /* call: 0 from AArch64, else from AArch32 at EL el, as sim_op's
			       * aarch32 says: SIM_A32_EL_MODE (the EL's usual mode) or
			       * SIM_A32_MODE(PSTATE.M[3:0]) */
	uint8_t  secure;      /* call: made from Secure state (at EL el), 0: from Non-secure */
	uint8_t  from_handler;/* call: made by a handler (a dispatch was running on the PE) */
	uint8_t  end;         /* call: enum trace_end */
	uint8_t  x_known, r_known;
	uint64_t x[6];
	uint64_t r[4];

	/* dispatch, complete */
	int32_t  event;
	uint8_t  cause;       /* dispatch: enum trace_cause */
	uint8_t  how;         /* complete: enum trace_done; irq: enum trace_irq_how */
	uint8_t  depth;       /* handlers running on the PE after the record */
	uint64_t ep;          /* dispatch: handler address */
	uint64_t pc, pstate;  /* complete: context execution continued with; dispatch: pstate only */
	uint64_t arg;         /* complete: COMPLETE status or COMPLETE_AND_RESUME address */

	/* irq */
	uint32_t intid;
	uint8_t  res;         /* enum trace_irq_res */

	/* power */
	uint8_t  state, prev; /* enum trace_power */

	/* platform */
	char     profile[16];
	uint32_t pes;
	/* the rest of a version 2 platform record (writer: may be NULL when
	 * none of its TRACE_HAS_ bits is set; reader: valid until the next
	 * trace_read) */
	const struct trace_platform *plat;

	/* warning: text (reader: valid until the next trace_read) */
	const char *msg;

	/* Where the record came from (an importer's input, a scenario file):
	 * src_file is owned by whoever filled the record (reader: valid until
	 * trace_reader_close). */
	const char *src_file;
	uint32_t src_line;

	uint32_t line;        /* reader: the record's line in the trace file */
};

/* A record of kind with every field empty. */
void trace_rec_init(struct trace_rec *r, unsigned kind);

/* ---- Names (FORMAT.md's spellings; NULL / -1 when unknown) ---- */

const char *trace_kind_name(unsigned kind);
/* The function call record r names: its W0 as the firmware's SMC entry
 * reads it, SMCCC v1.3's SVE hint (bit 16) ignored; r->x[0] keeps what
 * the caller's register held.  The trace_fid_* functions below read a
 * function ID the same way. */
uint32_t trace_rec_fid(const struct trace_rec *r);
/* The function a function ID names: "EVENT_REGISTER", "CPU_ON", or NULL. */
const char *trace_fid_name(uint32_t fid);
/* Is fid in the SDEI window / a PSCI function? */
bool trace_fid_is_sdei(uint32_t fid);
bool trace_fid_is_psci(uint32_t fid);
/* The simulator's enum sim_psci_fn for a PSCI function ID, or -1. */
int  trace_psci_fn(uint32_t fid);
/* What a PSCI call that does not return when it succeeds does - CPU_OFF
 * "powers the PE off", SYSTEM_OFF "powers the system off" -, or NULL
 * (every other call returns, or may: CPU_SUSPEND at the wake-up). */
const char *trace_psci_powers_down(uint32_t fid);
/* How many argument registers (x1, x2, ...) function fid reads: 0..5
 * (5 for a function ID nothing defines). */
unsigned trace_fid_nargs(uint32_t fid);
/* An event number for people, in buf (n >= 12): decimal as firmware
 * numbers its platform events (0, 5000), hex from 0x10000 up, where the
 * vendor and standard spaces' numbers read as they are defined
 * (0x40000010, not 1073741840).  Returns buf. */
#define TRACE_EVENT_STR 12
const char *trace_event_str(char *buf, size_t n, int32_t event);
/* Does a dispatcher's answer `status` (an sdd_irq_result) agree with a
 * trace's res?  The same result, or one of the kind res names (ended,
 * repended); a fault agrees with both (the dispatcher failed: it ended
 * some such interrupts and pended others again). */
bool trace_res_agrees(unsigned res, unsigned status);
/* Did firmware leave the interrupt pending (or unknown: no res) after an
 * acknowledgement with this res that dispatched nothing? */
bool trace_res_left_pending(bool has_res, unsigned res);
/* Does a dispatcher that answers res (an sdd_irq_result) always set the
 * interrupt pending again before it ends it (deferred, held, rerouted)?
 * A fault may or may not. */
bool trace_res_repends(unsigned res);
/* A call's result for people, in buf: "-3 (DENIED)" for an error code,
 * decimal from -1000 to 0xFFFF ("0", "257"), hex beyond
 * ("0x1000000000000").  Returns buf. */
const char *trace_result_str(char *buf, size_t n, int64_t v);
/* A function ID for people: its name, or "function 0x%08x" in buf. */
const char *trace_fid_str(char *buf, size_t n, uint32_t fid);

/* ---- Writing ---- */

/* The first line of every trace, then one comment line per non-NULL
 * comment ("# " + text).  0, or -1 on a write error. */
int trace_write_header(FILE *f, const char *comment);
/* One record as one line, fields in FORMAT.md's order.  0 or -1. */
int trace_write(FILE *f, const struct trace_rec *r);

/* ---- Reading ---- */

struct trace_reader;

/* A reader of f (not closed by the reader); name is the file's name in
 * messages.  NULL when out of memory. */
struct trace_reader *trace_reader_open(FILE *f, const char *name);
/* A reader of the file at path ("-": standard input), plain or
 * gzip-compressed (its magic bytes say which).  NULL with the reason in
 * err ("PATH:1:1: cannot open the file: ..."). */
struct trace_reader *trace_reader_open_path(const char *path, char *err, size_t errlen);
/*
 * The next record.  Returns 1 (rec filled), 0 at the end of the trace, or
 * -1 on an error: trace_reader_error() then says "name:line:column:
 * message", and every later call returns -1 again.  The version header
 * is checked before the first record: versions TRACE_VERSION_MIN ..
 * TRACE_VERSION are read, each with exactly the fields it defines.
 */
int  trace_read(struct trace_reader *rd, struct trace_rec *rec);
/*
 * Read only the records at lines from .. to of the file (1-based, both
 * included; UINT32_MAX: to its end), and the platform records before it
 * too: a window of the trace (trace_window.c).  On each PE, an exchange
 * the window's edge splits - a call or an acknowledge, and the dispatch
 * or completion it brought about - is kept whole: the record after the
 * window's end that its last record there is owed, and the record
 * before its start that its first record there follows from.  Records
 * before the window are still read and checked, then passed over; the
 * lines after it are read only as far as the records owed.  Call before
 * the first trace_read.  0, or -1 when out of memory.
 */
int trace_reader_window(struct trace_reader *rd, uint32_t from, uint32_t to);
/* The records (not platform or warning records) passed over before the
 * window, and those trace_read has returned. */
uint32_t trace_reader_cut_before(const struct trace_reader *rd);
uint32_t trace_reader_records(const struct trace_reader *rd);
const char *trace_reader_error(const struct trace_reader *rd);
const char *trace_reader_name(const struct trace_reader *rd);
void trace_reader_close(struct trace_reader *rd);

#endif /* TRACE_H */
