/*
 * test_replay.c - the recorder and the replay, end to end on the
 * simulator: a recorded run replays with no divergence; a changed result
 * is reported at its line; a program built with expectations passes
 * where the replay matches and fails at the trace line where it does not;
 * a handler whose invocations differ, or that the trace leaves inside a
 * handler, replays exactly; EVENT_CONTEXT values become `set` steps; a
 * platform record changes its profile (its PE count is the machine's,
 * below the profile's too), and one recorded from a scenario that sets
 * every field keeps all of them; --first stops at the first
 * divergence; the timeline export is JSON with a slice per handler.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pb.h"
#include "replay.h"
#include "scn.h"
#include "timeline.h"
#include "trace.h"
#include "trace_recorder.h"
#include "cpu_fixture.h"


/*
 * On tf-a-fvp: a normal explicit event whose handler is preempted by a
 * critical one, a bound PPI, EVENT_SIGNAL to another PE whose handler
 * completes and resumes, and PSCI.
 */
static void build_program(struct pb *b)
{
	int hn, hc, hb, h0;

	pb_init(b);
	assert_true(sim_platform_profile(&b->p.platform, "tf-a-fvp"));
	b->p.platform.pes = 2;
	hn = pb_handler(b, "normal");
	pb_call1(b, SIM_NONE, SDD_FID_EVENT_STATUS, V(5000));
	pb_yield(b);
	pb_complete(b, SDD_EV_HANDLED);
	pb_end(b);
	hc = pb_handler(b, "critical");
	pb_call1(b, SIM_NONE, SDD_FID_EVENT_CONTEXT, V(0));
	pb_complete(b, SDD_EV_HANDLED);
	pb_end(b);
	hb = pb_handler(b, "bound");
	pb_complete(b, SDD_EV_HANDLED);
	pb_end(b);
	h0 = pb_handler(b, "event0");
	pb_complete_and_resume(b, VPAD);
	pb_end(b);

	pb_call0(b, 0, SDD_FID_VERSION);
	pb_register(b, 0, 5000, hn, 0x50, 0, V(0));
	pb_call1(b, 0, SDD_FID_EVENT_ENABLE, V(5000));
	pb_register(b, 0, 5003, hc, 0x53, 0, V(0));
	pb_call1(b, 0, SDD_FID_EVENT_ENABLE, V(5003));
	pb_call1(b, 0, SDD_FID_INTERRUPT_BIND, V(23));
	pb_register(b, 0, 1000, hb, 0x10, 0, V(0));
	pb_call1(b, 0, SDD_FID_EVENT_ENABLE, V(1000));
	pb_call0(b, 0, SDD_FID_PE_UNMASK);
	pb_register(b, 1, 0, h0, 0x0e, 0, V(0));
	pb_call1(b, 1, SDD_FID_EVENT_ENABLE, V(0));
	pb_call0(b, 1, SDD_FID_PE_UNMASK);
	pb_dispatch(b, 0, 5000);
	pb_dispatch(b, 0, 5003);
	pb_resume(b, 0);
	pb_interrupt(b, 0, 23);
	pb_call2(b, 0, SDD_FID_EVENT_SIGNAL, V(0), VMPIDR(1));
	pb_call1(b, 0, SDD_FID_EVENT_STATUS, V(5000));
	pb_psci(b, 1, SIM_PSCI_CPU_OFF, SIM_NONE);
	pb_psci(b, 0, SIM_PSCI_AFFINITY_INFO, 1);
}

/* Record a run of the program: the trace's text. */
static char *record(size_t *len)
{
	struct pb b;
	struct sim_run_opts ro;
	struct sim_result res;
	struct trace_recorder *rec;
	char *text = NULL;
	FILE *f = open_memstream(&text, len);
	struct sim_observer none = { NULL, NULL };

	build_program(&b);
	rec = trace_recorder_open(f, &b.p);
	assert_non_null(rec);
	memset(&ro, 0, sizeof ro);
	ro.observer = trace_recorder_observer(rec, none);
	assert_int_equal(sim_run(cpu, &b.p, &ro, &res), 0);
	if (!res.passed)
		fail_msg("the program failed: %s", res.message);
	assert_int_equal(trace_recorder_close(rec), 0);
	fclose(f);
	pb_free(&b);
	return text;
}

/* Replay text on profile (NULL: the trace's); the printed report in
 * *report (caller frees). */
static int replay_text(const char *text, const char *profile, bool first, char **report, struct replay_summary *sum,
		       struct replay *keep)
{
	struct replay_opts ro = { profile, false, false };

	return cpu_fixture_replay(text, &ro, first, report, sum, keep);
}

/* Compared records in a trace: calls, dispatches, completions, acks. */
static unsigned compared(const char *text)
{
	unsigned n = 0;
	for (const char *p = text; (p = strchr(p, '\n')) != NULL; p++) {
		const char *line = p + 1, *end = strchr(line, '\n');
		const char *ack = strstr(line, "how=ack");
		n += strncmp(line, "call ", 5) == 0 || strncmp(line, "dispatch ", 9) == 0 ||
		     strncmp(line, "complete ", 9) == 0 || (strncmp(line, "irq ", 4) == 0 && ack && ack < end);
	}
	return n;
}

static void recorded_run_replays(void **state)
{
	size_t len;
	char *text = record(&len), *report = NULL, want[64];
	struct replay_summary sum;

	(void)state;
	assert_non_null(strstr(text, "platform profile=tf-a-fvp pes=2 el=2 conduit=smc\n"));
	assert_non_null(strstr(text, " cause=explicit "));
	assert_non_null(strstr(text, " how=fire"));
	assert_non_null(strstr(text, " how=resume "));
	assert_non_null(strstr(text, "power t="));
	assert_int_equal(replay_text(text, NULL, false, &report, &sum, NULL), 0);
	snprintf(want, sizeof want, "%u matched, 0 diverged\n", compared(text));
	assert_string_equal(report, want);
	assert_int_equal(sum.diverged, 0);
	free(report);
	/* on the spec's profile the same trace diverges: there is no event 5000 */
	assert_int_equal(replay_text(text, "default", false, &report, &sum, NULL), 0);
	assert_true(sum.diverged > 0);
	assert_non_null(strstr(report, ": VERSION on PE 0: trace x0=0x1000000000000, replay x0=0x1000100000000"));
	assert_non_null(strstr(report, ": EVENT_REGISTER on PE 0: trace x0=0, replay x0=-2 (INVALID_PARAMETERS); "
				       "event 5000 is not an event of this platform; PE 0 masked [from test.c:"));
	free(report);
	free(text);
}

/* The line of the first record matching `what`. */
static unsigned line_of(const char *text, const char *what)
{
	const char *at = strstr(text, what);
	unsigned line = 1;
	assert_non_null(at);
	for (const char *p = text; p < at; p++)
		line += *p == '\n';
	return line;
}

static void changed_result_is_reported(void **state)
{
	size_t len;
	char *text = record(&len), *report = NULL, want[300], *at;
	struct replay_summary sum;
	unsigned line;

	(void)state;
	at = strstr(text, "fn=EVENT_STATUS x0=0xc4000028 x1=0x1388");
	assert_non_null(at);
	at = strstr(at, "r0=0x");
	at[5] = '9';                              /* the trace now says STATUS answered 9 */
	line = line_of(text, "fn=EVENT_STATUS x0=0xc4000028 x1=0x1388");
	assert_int_equal(replay_text(text, NULL, false, &report, &sum, NULL), 0);
	assert_int_equal(sum.diverged, 1);
	snprintf(want, sizeof want, "t.trace:%u: EVENT_STATUS on PE 0: trace x0=9, replay x0=7; event 5000 (private, PE 0): "
		 "registered, enabled, running; PE 0 unmasked [from test.c:", line);
	if (strncmp(report, want, strlen(want)) != 0)
		fail_msg("got: %s", report);
	free(report);
	free(text);
}

static void expectations_name_trace_lines(void **state)
{
	size_t len;
	char *text = record(&len);
	struct sim_result res;
	struct replay_opts ro = { NULL, true, false };
	struct replay rp;
	char err[600];
	FILE *in;
	struct trace_reader *rd;

	(void)state;
	in = fmemopen(text, strlen(text), "r");
	rd = trace_reader_open(in, "t.trace");
	assert_int_equal(replay_build(&rp, rd, &ro, err, sizeof err), 0);
	assert_true(rp.prog.nchecks > 0);
	assert_true(rp.prog.ndispatches > 0);
	assert_int_equal(sim_run(cpu, &rp.prog, NULL, &res), 0);
	if (!res.passed)
		fail_msg("with expectations: %s (line %u)", res.message, res.loc.line);
	replay_free(&rp);
	trace_reader_close(rd);
	fclose(in);
	/* on the spec's profile the first expectation that fails is VERSION's */
	ro.profile = "default";
	in = fmemopen(text, strlen(text), "r");
	rd = trace_reader_open(in, "t.trace");
	assert_int_equal(replay_build(&rp, rd, &ro, err, sizeof err), 0);
	assert_int_equal(sim_run(cpu, &rp.prog, NULL, &res), 0);
	assert_false(res.passed);
	assert_int_equal(res.fail_kind, SIM_FAIL_EXPECT);
	assert_int_equal(res.loc.line, line_of(text, "fn=VERSION"));
	replay_free(&rp);
	trace_reader_close(rd);
	fclose(in);
	free(text);
}

/* Event 0's handler does STATUS then COMPLETE the first time, only
 * COMPLETE the second. */
static const char twice[] =
	"# sdeisim-trace 1\n"
	"call t=1 pe=0 conduit=smc el=2 h=0 x0=0xc4000021 x1=0x0 x2=0x80081000 x3=0x7 x4=0x0 x5=0x0 end=ret r0=0x0\n"
	"call t=2 pe=0 conduit=smc el=2 h=0 x0=0xc4000022 x1=0x0 end=ret r0=0x0\n"
	"call t=3 pe=0 conduit=smc el=2 h=0 x0=0xc400002c end=ret r0=0x0\n"
	"call t=4 pe=0 conduit=smc el=2 h=0 x0=0xc400002f x1=0x0 x2=0x0 end=ret r0=0x0\n"
	"irq t=5 pe=0 intid=8 how=ack\n"
	"dispatch t=6 pe=0 event=0 ep=0x80081000 cause=irq intid=8 x0=0x0 x1=0x7\n"
	"call t=7 pe=0 conduit=smc el=2 h=1 x0=0xc4000028 x1=0x0 end=ret r0=0x7\n"
	"call t=8 pe=0 conduit=smc el=2 h=1 x0=0xc4000025 x1=0x0 end=complete\n"
	"complete t=9 pe=0 event=0 how=complete status=0x0\n"
	"call t=10 pe=0 conduit=smc el=2 h=0 x0=0xc400002f x1=0x0 x2=0x0 end=ret r0=0x0\n"
	"irq t=11 pe=0 intid=8 how=ack\n"
	"dispatch t=12 pe=0 event=0 ep=0x80081000 cause=irq intid=8 x0=0x0 x1=0x7\n"
	"call t=13 pe=0 conduit=smc el=2 h=1 x0=0xc4000025 x1=0x0 end=complete\n"
	"complete t=14 pe=0 event=0 how=complete status=0x0\n";

/* The kinds of program handler h's actions, as a string ("ysCy": yield,
 * STATUS call, COMPLETE, yield). */
static void action_kinds(const struct sim_program *p, unsigned h, char *out)
{
	const struct sim_handler *hd = &p->handlers[h];

	for (uint32_t k = 0; k < hd->nops; k++) {
		const struct sim_op *a = &p->actions[hd->ops + k];
		*out++ = a->kind == SIM_OP_YIELD ? 'y' : a->kind == SIM_OP_COMPLETE ? 'C' :
			 a->kind == SIM_OP_CALL && a->fid.u == SDD_FID_EVENT_STATUS ? 's' :
			 a->kind == SIM_OP_CALL && a->fid.u == SDD_FID_EVENT_CONTEXT ? 'x' : '?';
	}
	*out = 0;
}

/* Is there a step of this kind at trace line `line`? */
static bool has_step(const struct replay *rp, unsigned kind, uint32_t line)
{
	for (uint32_t k = 0; k < rp->prog.nsteps; k++)
		if (rp->prog.steps[k].kind == kind && rp->prog.steps[k].loc.line == line)
			return true;
	return false;
}

/* The step made from trace line `line`, or -1. */
static int step_of_line(const struct replay *rp, uint32_t line)
{
	for (uint32_t k = 0; k < rp->prog.nsteps; k++)
		if (rp->step_rec[k] >= 0 && rp->recs[rp->step_rec[k]].line == line)
			return (int)k;
	return -1;
}

static void handler_invocations_that_differ(void **state)
{
	char *report = NULL, kinds[16];
	struct replay_summary sum;
	struct replay rp;
	int s;

	(void)state;
	assert_int_equal(replay_text(twice, "default", false, &report, &sum, &rp), 0);
	assert_string_equal(report, "14 matched, 0 diverged\n");
	assert_int_equal(rp.nnotes, 0);
	/* one handler, which waits before STATUS: the second invocation
	 * waits there, and a step makes its COMPLETE in its context */
	assert_int_equal(rp.prog.nhandlers, 1);
	action_kinds(&rp.prog, 0, kinds);
	assert_string_equal(kinds, "ysCy");
	s = step_of_line(&rp, 14);
	assert_true(s > 0);
	assert_int_equal(rp.prog.steps[s].kind, SIM_OP_CALL);
	assert_int_equal(rp.prog.steps[s].fid.u, SDD_FID_EVENT_COMPLETE);
	assert_int_equal(rp.prog.steps[s - 1].kind, SIM_OP_CALL);      /* the signal: no resume between */
	assert_true(has_step(&rp, SIM_OP_RESUME, 8));                  /* the first goes on to STATUS */
	replay_free(&rp);
	free(report);
}

/* The trace ends inside the second invocation, after its STATUS: the
 * handler must wait there, and the first invocation goes on from there
 * (to EVENT_CONTEXT) with a resume; the values EVENT_CONTEXT read become a `set` step
 * before the step the dispatch happened in. */
static const char ends_inside[] =
	"# sdeisim-trace 2\n"
	"platform profile=default pes=2 el=2 conduit=smc\n"
	"call t=1 pe=0 conduit=smc el=2 h=0 x0=0xc4000021 x1=0x0 x2=0x80081000 x3=0x7 x4=0x0 x5=0x0 end=ret r0=0x0\n"
	"call t=2 pe=0 conduit=smc el=2 h=0 x0=0xc4000022 x1=0x0 end=ret r0=0x0\n"
	"call t=3 pe=0 conduit=smc el=2 h=0 x0=0xc400002c end=ret r0=0x0\n"
	"call t=4 pe=1 conduit=smc el=2 h=0 x0=0xc400002f x1=0x0 x2=0x0 end=ret r0=0x0\n"
	"irq t=5 pe=0 intid=8 how=ack\n"
	"dispatch t=6 pe=0 event=0 ep=0x80081000 cause=irq intid=8 x0=0x0 x1=0x7\n"
	"call t=7 pe=0 conduit=smc el=2 h=1 x0=0xc4000028 x1=0x0 end=ret r0=0x7\n"
	"call t=8 pe=0 conduit=smc el=2 h=1 x0=0xc4000024 x1=0x5 end=ret r0=0x5555\n"
	"call t=9 pe=0 conduit=smc el=2 h=1 x0=0xc4000025 x1=0x0 end=complete\n"
	"complete t=10 pe=0 event=0 how=complete status=0x0\n"
	"call t=11 pe=1 conduit=smc el=2 h=0 x0=0xc400002f x1=0x0 x2=0x0 end=ret r0=0x0\n"
	"irq t=12 pe=0 intid=8 how=ack\n"
	"dispatch t=13 pe=0 event=0 ep=0x80081000 cause=irq intid=8 x0=0x0 x1=0x7\n"
	"call t=14 pe=0 conduit=smc el=2 h=1 x0=0xc4000028 x1=0x0 end=ret r0=0x7\n";

static void trace_ends_inside_a_handler(void **state)
{
	char *report = NULL, kinds[16];
	struct replay_summary sum;
	struct replay rp;
	int s;

	(void)state;
	assert_int_equal(replay_text(ends_inside, NULL, false, &report, &sum, &rp), 0);
	assert_string_equal(report, "14 matched, 0 diverged\n");
	action_kinds(&rp.prog, 0, kinds);
	assert_string_equal(kinds, "syxCy");
	/* PE 0's x5 is set before the signal that dispatches the first invocation */
	s = step_of_line(&rp, 6);
	assert_true(s > 0);
	assert_int_equal(rp.prog.steps[s - 1].kind, SIM_OP_SET);
	assert_int_equal(rp.prog.steps[s - 1].pe, 0);
	assert_int_equal(rp.prog.steps[s - 1].nsets, 1);
	assert_int_equal(rp.prog.assigns[rp.prog.steps[s - 1].sets].reg, SIM_R_X0 + 5);
	assert_true(rp.prog.assigns[rp.prog.steps[s - 1].sets].v.u == 0x5555);
	assert_true(has_step(&rp, SIM_OP_RESUME, 10));                 /* the first goes on to CONTEXT */
	replay_free(&rp);
	free(report);
}

/* A version 2 platform record changes the profile it names as a scenario
 * file would: here two PEs with other MPIDRs, SDEI 1.0, one explicit
 * event; the same trace on the other profile keeps these changes. */
static void platform_record_applies(void **state)
{
	static const char text[] =
		"# sdeisim-trace 2\n"
		"platform profile=default pes=2 mpidr=0x100,0x200 el=1 conduit=hvc version=1.0 relative=0 bind=2,1 "
		"spis=40 secure=33 events=1073742592:private:critical:explicit,1073742336:shared:normal:40\n"
		"call t=1 pe=1 conduit=hvc el=1 h=0 x0=0xc4000020 end=ret r0=0x1000000000000\n";
	const struct sim_platform *pl;
	struct replay rp;
	char *report = NULL;
	struct replay_summary sum;

	(void)state;
	for (int k = 0; k < 2; k++) {
		assert_int_equal(replay_text(text, k ? "tf-a-fvp" : NULL, false, &report, &sum, &rp), 0);
		assert_string_equal(report, "1 matched, 0 diverged\n");
		pl = &rp.prog.platform;
		assert_string_equal(pl->profile, k ? "tf-a-fvp" : "default");
		assert_int_equal(pl->pes, 2);
		assert_true(pl->mpidr[0] == 0x100 && pl->mpidr[1] == 0x200);
		assert_int_equal(pl->client_el, 1);
		assert_int_equal(pl->conduit, SIM_CONDUIT_HVC);
		assert_int_equal(pl->version_minor, 0);
		assert_int_equal(pl->relative_mode, 0);
		assert_int_equal(pl->bind_private, 2);
		assert_int_equal(pl->bind_shared, 1);
		assert_int_equal(pl->spis, 40);
		assert_int_equal(pl->nsecure, 1);
		assert_int_equal(pl->secure_intids[0], 33);
		assert_int_equal(pl->nevents, 2);
		assert_true(pl->events[0].explicit_event && pl->events[0].priority == SDD_PRI_CRITICAL);
		assert_true(pl->events[1].type == SDD_SHARED && pl->events[1].intid == 40);
		replay_free(&rp);
		free(report);
	}
}

/* A record's pes= is the machine's PE count, below the profile's too
 * (default 4, tf-a-fvp 8): the recording of a 2-PE scenario whose SIGNAL
 * to MPIDR 3 was refused replays with no divergence (on 4 PEs it was
 * answered).  Records naming a PE beyond pes= still raise it, as
 * FORMAT.md says. */
static void platform_record_pes_is_the_machine_s(void **state)
{
	static const char two[] =
		"# sdeisim-trace 2\n"
		"platform profile=default pes=2 el=2 conduit=smc\n"
		"call t=1 pe=0 conduit=smc el=2 h=0 fn=EVENT_REGISTER x0=0xc4000021 x1=0x0 x2=0x11000 x3=0x0 "
		"x4=0x0 x5=0x0 end=ret r0=0x0\n"
		"call t=2 pe=0 conduit=smc el=2 h=0 fn=EVENT_SIGNAL x0=0xc400002f x1=0x0 x2=0x3 x3=0x0 x4=0x0 "
		"x5=0x0 end=ret r0=0xfffffffffffffffe\n";
	static const char beyond[] =
		"# sdeisim-trace 2\n"
		"platform profile=default pes=2 el=2 conduit=smc\n"
		"call t=1 pe=5 conduit=smc el=2 h=0 x0=0xc4000020 end=ret r0=0x1000100000000\n";
	struct replay rp;
	char *report = NULL;
	struct replay_summary sum;

	(void)state;
	for (int k = 0; k < 2; k++) {
		assert_int_equal(replay_text(two, k ? "tf-a-fvp" : NULL, false, &report, &sum, &rp), 0);
		assert_int_equal(rp.prog.platform.pes, 2);
		if (k == 0)
			assert_string_equal(report, "2 matched, 0 diverged\n");
		replay_free(&rp);
		free(report);
	}
	assert_int_equal(replay_text(beyond, NULL, false, &report, &sum, &rp), 0);
	assert_int_equal(rp.prog.platform.pes, 6);
	replay_free(&rp);
	free(report);
}

/* A scenario that sets every platform field a version 2 record has
 * beyond the lists (features, SCTLR_ELc, HCR_EL2, policies, a PPI owned
 * on some PEs only), and calls whose answers depend on each. */
static const char every_field[] =
	"name: every platform field a trace records\n"
	"platform:\n"
	"  features: [PAN, SSBS, VHE]\n"
	"  sctlr: [DSSBS]\n"
	"  hcr_el2: [E2H, TGE]\n"
	"  policy: {entry_regs: zero, signaled: inverted, mask_result: zero, ctx_order: running_first,\n"
	"           cpu_on: keep_private}\n"
	"  secure_intids: [29, {intid: 20, pes: [1, 3]}]\n"
	"handlers:\n"
	"  h:\n"
	"    - complete: HANDLED\n"
	"steps:\n"
	"  - {pe: 0, call: EVENT_GET_INFO, args: [0, 1], expect: 1}\n"
	"  - {pe: 0, call: EVENT_REGISTER, args: [0, h, 0, RM_ANY, 0], expect: SUCCESS}\n"
	"  - {pe: 0, call: EVENT_ENABLE, args: [0], expect: SUCCESS}\n"
	"  - {pe: 0, call: PE_UNMASK, expect: SUCCESS}\n"
	"  - {pe: 0, call: EVENT_SIGNAL, args: [0, {mpidr: 0}], expect: SUCCESS}\n"
	"  - {pe: 0, call: PE_MASK, expect: 0}\n"
	"  - {pe: 0, call: EVENT_CONTEXT, args: [18], expect: DENIED}\n"
	"  - {pe: 1, call: INTERRUPT_BIND, args: [20], expect: INVALID_PARAMETERS}\n"
	"  - {pe: 2, call: INTERRUPT_BIND, args: [20], expect: INVALID_PARAMETERS}\n";

/* The recorder writes each of them, the replay builds the scenario's
 * machine again (on either profile: the record's fields stay) and matches
 * every record, and `export yaml` writes them back as the scenario did. */
static void every_platform_field_round_trips(void **state)
{
	struct sim_program prog;
	struct sim_run_opts ro;
	struct sim_result res;
	struct trace_recorder *tr;
	struct sim_observer none = { NULL, NULL };
	struct replay rp;
	struct replay_summary sum;
	char err[400], *text = NULL, *report = NULL, *yaml = NULL, want[64];
	size_t len, ylen;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	sim_program_init(&prog);
	if (scn_load_string("every.yaml", every_field, strlen(every_field), NULL, &prog, err, sizeof err))
		fail_msg("%s", err);
	tr = trace_recorder_open(f, &prog);
	assert_non_null(tr);
	memset(&ro, 0, sizeof ro);
	ro.observer = trace_recorder_observer(tr, none);
	assert_int_equal(sim_run(cpu, &prog, &ro, &res), 0);
	if (!res.passed)
		fail_msg("the scenario failed: %s", res.message);
	assert_int_equal(trace_recorder_close(tr), 0);
	fclose(f);
	assert_non_null(strstr(text, "\nplatform profile=default pes=4 el=2 conduit=smc features=PAN,SSBS,VHE "
				     "sctlr=0x100000000000 hcr_el2=0x408000000 policy=entry_regs:zero,signaled:inverted,"
				     "mask_result:zero,ctx_order:running_first,cpu_on:keep_private secure=29,20@1+3\n"));
	for (int k = 0; k < 2; k++) {
		const struct sim_platform *a = &prog.platform, *b;
		assert_int_equal(replay_text(text, k ? "tf-a-fvp" : NULL, false, &report, &sum, &rp), 0);
		b = &rp.prog.platform;
		assert_true(b->features == a->features && b->sctlr_elc == a->sctlr_elc && b->hcr_el2 == a->hcr_el2);
		assert_int_equal(b->nsecure, 2);
		assert_true(b->secure_intids[0] == 29 && b->secure_pes[0] == 0);
		assert_true(b->secure_intids[1] == 20 && b->secure_pes[1] == 0xa);
		assert_int_equal(b->policy.entry_regs, SDD_ENTRY_REGS_ZERO);
		assert_int_equal(b->policy.cpu_on, SDD_CPU_ON_KEEP_PRIVATE);
		if (k == 0) {
			/* every record matches, and the scenario's platform comes back */
			snprintf(want, sizeof want, "%u matched, 0 diverged\n", compared(text));
			assert_string_equal(report, want);
			assert_memory_equal(&b->policy, &a->policy, sizeof a->policy);
			f = open_memstream(&yaml, &ylen);
			if (scn_write(f, &rp.prog, err, sizeof err))
				fail_msg("scn_write: %s", err);
			fclose(f);
			assert_non_null(strstr(yaml, "\n  features: [PAN, SSBS, VHE]\n  sctlr: [DSSBS]\n"
						     "  hcr_el2: [E2H, TGE]\n  policy: {entry_regs: zero, "
						     "signaled: inverted, mask_result: zero, ctx_order: running_first, "
						     "cpu_on: keep_private}\n"));
			assert_non_null(strstr(yaml, "\n  secure_intids: [29, {intid: 20, pes: [1, 3]}]\n"));
			free(yaml);
		} else {
			/* on tf-a-fvp, the policies the record leaves to the profile are TF-A's */
			assert_int_equal(b->policy.bind, SDD_BIND_TFA);
		}
		replay_free(&rp);
		free(report);
	}
	sim_program_free(&prog);
	free(text);
}

static void first_divergence_only(void **state)
{
	size_t len;
	char *text = record(&len), *report = NULL;
	struct replay_summary sum;

	(void)state;
	assert_int_equal(replay_text(text, "default", true, &report, &sum, NULL), 0);
	assert_int_equal(sum.diverged, 1);
	/* the first divergence is the first compared record: nothing matched before it */
	assert_non_null(strstr(report, ": VERSION on PE 0: trace x0=0x1000000000000, replay x0=0x1000100000000"));
	assert_non_null(strstr(report, "\n0 matched, 1 diverged\n"));
	assert_int_equal(strchr(report, '\n') - report + 1 + (long)strlen("0 matched, 1 diverged\n"), (long)strlen(report));
	free(report);
	free(text);
}

static void timeline(void **state)
{
	size_t len, tlen;
	char *text = record(&len), *json = NULL, err[300];
	FILE *in = fmemopen(text, strlen(text), "r"), *out = open_memstream(&json, &tlen);
	struct trace_reader *rd = trace_reader_open(in, "t.trace");
	json_object *root, *events;
	unsigned begins = 0, ends = 0, dispatches = 0;

	(void)state;
	assert_int_equal(trace_timeline(rd, out, err, sizeof err), 0);
	fclose(out);
	root = json_tokener_parse(json);
	assert_non_null(root);
	assert_true(json_object_object_get_ex(root, "traceEvents", &events));
	for (size_t k = 0; k < json_object_array_length(events); k++) {
		json_object *ph;
		json_object_object_get_ex(json_object_array_get_idx(events, k), "ph", &ph);
		begins += strcmp(json_object_get_string(ph), "B") == 0;
		ends += strcmp(json_object_get_string(ph), "E") == 0;
	}
	for (const char *p = text; (p = strstr(p, "\ndispatch ")) != NULL; p++)
		dispatches++;
	assert_int_equal(begins, dispatches);
	assert_int_equal(ends, dispatches);
	json_object_put(root);
	trace_reader_close(rd);
	fclose(in);
	free(json);
	free(text);
}

static void unknown_profile(void **state)
{
	FILE *in = fmemopen((void *)(uintptr_t)twice, strlen(twice), "r");
	struct trace_reader *rd = trace_reader_open(in, "t.trace");
	struct replay_opts ro = { "nonsense", false, false };
	struct replay rp;
	char err[300];

	(void)state;
	assert_int_equal(replay_build(&rp, rd, &ro, err, sizeof err), -1);
	assert_string_equal(err, "t.trace: unknown profile 'nonsense' (default, tf-a-fvp)");
	replay_free(&rp);
	trace_reader_close(rd);
	fclose(in);
	/* quoted as every message quotes a token (it went out raw) */
	in = fmemopen((void *)(uintptr_t)twice, strlen(twice), "r");
	rd = trace_reader_open(in, "t.trace");
	ro.profile = "non\x1b[2Jsense";
	assert_int_equal(replay_build(&rp, rd, &ro, err, sizeof err), -1);
	assert_string_equal(err, "t.trace: unknown profile 'non\\x1B[2Jsense' (default, tf-a-fvp)");
	replay_free(&rp);
	trace_reader_close(rd);
	fclose(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(recorded_run_replays),
		cmocka_unit_test(changed_result_is_reported),
		cmocka_unit_test(expectations_name_trace_lines),
		cmocka_unit_test(handler_invocations_that_differ),
		cmocka_unit_test(trace_ends_inside_a_handler),
		cmocka_unit_test(platform_record_applies),
		cmocka_unit_test(platform_record_pes_is_the_machine_s),
		cmocka_unit_test(every_platform_field_round_trips),
		cmocka_unit_test(first_divergence_only),
		cmocka_unit_test(timeline),
		cmocka_unit_test(unknown_profile),
	};
	return cmocka_run_group_tests(tests, cpu_fixture_setup, cpu_fixture_teardown);
}
