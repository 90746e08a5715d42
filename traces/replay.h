/*
 * replay.h - running a trace on the simulator and saying where the
 * dispatcher answers differently (traces/README.md, "Replay").
 *
 * replay_build() turns a canonical trace into a scenario program (the
 * platform of the chosen profile shaped like the traced machine; the
 * calls each PE made, in time order; the interrupts and explicit
 * dispatches that started handlers; handlers rebuilt as action lists) and
 * an index of the trace for comparing.  replay_run() runs the program with
 * an observer that matches every call, dispatch, completion and
 * acknowledged interrupt of the run against the trace and reports each
 * divergence, because the simulator's own expectations stop a run at the
 * first that fails.  The same program, built with expectations, is a
 * stand-alone reproducer whose failures name trace lines.
 */
#ifndef TRACES_REPLAY_H
#define TRACES_REPLAY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "program.h"
#include "sim.h"
#include "trace.h"

struct replay_opts {
	const char *profile;     /* NULL: the trace's platform record's, else "default" */
	bool expectations;       /* the trace's results become the program's expectations */
	bool mid_run;            /* the trace is a window of a run: the state it presupposes (events
				  * registered, enabled, bound; PEs unmasked; a handler running) is
				  * assumed, as records before its first (replay_midrun.c) */
};

/* What a record is compared as. */
enum replay_role {
	ROLE_NONE = 0, ROLE_CALL, ROLE_DISPATCH, ROLE_COMPLETE, ROLE_ACK,
	ROLE_NO_INTID,           /* an interrupt the replay would raise that its GIC does not have:
				  * a divergence, with no step (export yaml could not write it) */
	ROLE_HOLD,               /* firmware acknowledged and held an interrupt (a `hold` step armed
				  * the PE before the step it came in) */
	ROLE_HAND_OVER           /* the ack that handed a held interrupt over (a `hand_over` step):
				  * compared as ROLE_ACK, but no 1-of-N choice of the GIC's */
};

/* One handler invocation of the trace (a dispatch record). */
struct replay_inv {
	uint32_t dispatch;       /* record index */
	int32_t  complete;       /* record index, -1: the trace ends inside it */
	int32_t  handler;        /* program handler the registration maps to, -1: none */
	uint32_t calls, ncalls;  /* replay.inv_calls[calls .. calls+ncalls): its calls */
	/* The steps it came in: from the step after the last one whose
	 * dispatches the trace had all seen, to the step that made it.  An
	 * expect_dispatches step after that one checks it (export yaml), so
	 * the replay's dispatch must come during one of them too. */
	uint32_t first_step, last_step;
	uint8_t  pe;
};

struct replay {
	char    *name;                      /* the trace file */
	struct sim_program prog;
	struct trace_rec *recs;             /* in replay order: time, then trace line */
	uint32_t nrecs;
	uint32_t nassumed;                  /* recs[0 .. nassumed): not the trace's, but assumed by
					     * mid_run (each at the line of the record it comes from) */
	uint8_t *assumed_unlike;            /* per assumed record: 1 when mid_run made it otherwise than
					     * the records show (noted: a routing to an MPIDR the platform
					     * lacks, made RM_ANY); NULL with none assumed */
	uint8_t *role;                      /* enum replay_role per record */
	int32_t *rec_inv;                   /* calls: the invocation they belong to (-1: main context) */
	struct replay_inv *invs;            /* in replay order */
	uint32_t ninvs;
	uint32_t *inv_calls;
	int32_t *step_rec;                  /* per program step: the record it came from, -1 */
	uint32_t *pe_invs[TRACE_MAX_PES];   /* per PE: its invocations, in order */
	uint32_t npe_invs[TRACE_MAX_PES];
	uint32_t *pe_acks[TRACE_MAX_PES];   /* per PE: acknowledged-interrupt records compared (holds too) */
	uint32_t npe_acks[TRACE_MAX_PES];
	/* Builder notes (a handler invocation that does something else than
	 * the first, a call from a handler whose dispatch is not in the trace,
	 * ...): "TRACE:LINE: text" lines. */
	char   **notes;
	uint32_t nnotes, cap_notes;
	uint32_t nfixed_notes;              /* those made before the walk (mid_run's), which it keeps */
	/* The texts of the trace's warning records (their recs[].msg). */
	char   **warnings;
	uint32_t nwarnings, cap_warnings;
	struct trace_reader *reader;        /* owns the records' src_file strings */
	struct trace_platform plat;         /* the first platform record's lists (its rec->plat) */
};

/*
 * Read the whole trace from rd (which the replay keeps until
 * replay_free) and build.  0, or -1 with "file:line:column: message" in err
 * (the trace does not read, names an unknown profile, or needs more
 * handlers or actions than the simulator holds).
 */
int  replay_build(struct replay *rp, struct trace_reader *rd, const struct replay_opts *o,
		  char *err, size_t errlen);
void replay_free(struct replay *rp);

/* Divergences printed at one trace line at most, and the last there; the
 * ones between are counted in one line ("TRACE:LINE: and N more
 * divergences here, not shown"). */
#define REPLAY_SHOWN_A_LINE 10u

/* The result of a replay run. */
struct replay_summary {
	uint32_t matched;        /* compared records the replay agreed with */
	uint32_t diverged;       /* divergences found (with first: 1 at most) */
	bool     stopped;        /* the simulator stopped the run early (a failure of its own) */
	uint8_t  fail_kind;      /* then why: enum sim_fail_kind */
	char     stop_message[700];
};

/*
 * Run the program on cpu, compare, and print each divergence to out in
 * trace order ("TRACE:LINE: ..."; REPLAY_SHOWN_A_LINE and the last of a
 * line at most), or only the first with first.
 * Returns 0, or -1 when the simulator cannot build a machine for the
 * program or memory runs out (message in sum->stop_message).
 */
int  replay_run(struct replay *rp, struct sim_cpu *cpu, bool first, FILE *out,
		struct replay_summary *sum);

/*
 * For `export yaml`: give rp->prog (built with expectations) the
 * `choices` that make a run of it on its own (`sdeisim run`) route each
 * 1-of-N SPI where the replay routes it, the trace's PE, and take each
 * tie as the replay takes it, the INTID the trace's PE acknowledged next
 * (replay_route.h): the answers of one run of it on cpu with the
 * replay's choice source, the same run up to its first failed
 * expectation, where a run of the scenario stops too.  None when the
 * trace acknowledges no interrupt (every answer is the scenario policy's
 * then) or when no machine can be built for the program.  0, or -1 with
 * a message in err (out of memory).
 */
int  replay_choices(struct replay *rp, struct sim_cpu *cpu, char *err, size_t errlen);

/*
 * For `export yaml`: make rp->prog (built with expectations) run on its
 * own as the replay ran - replay_choices, then each expect_dispatches list
 * in the order the machine makes its dispatches across PEs, each PE's in
 * the trace's order (replay_order.c: the replay matches dispatches PE by
 * PE within a window; a scenario lists them in one order).  0, or -1 with
 * a message in err (out of memory).
 */
int  replay_export_ready(struct replay *rp, struct sim_cpu *cpu, char *err, size_t errlen);

/* ---- replay_state.c: the event's state, as the replay's calls left it ---- */

struct replay_evstate;
struct replay_evstate *replay_evstate_new(const struct sim_platform *p);
void replay_evstate_free(struct replay_evstate *s);
void replay_evstate_observe(struct replay_evstate *s, const struct sim_obs *o);
/* "event 5 on PE 1: registered, enabled, running; PE 1 unmasked"; event
 * -1: the PE's mask only. */
void replay_evstate_describe(const struct replay_evstate *s, int32_t event, unsigned pe,
			     char *buf, size_t n);

#endif /* TRACES_REPLAY_H */
