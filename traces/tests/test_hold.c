/*
 * test_hold.c - interrupts a PE's firmware holds (`irq how=hold`, an
 * extension of the format): the record reads and writes back to the same
 * bytes, and the reader refuses what a hold cannot be; a recorded race
 * (a `hold` and a `hand_over` step) writes the hold where firmware
 * acknowledged, and replays with no divergence, from its recording, from
 * the same records without the fire records (as an importer writes
 * them), and as an exported scenario, because the replay arms the PE
 * with a `hold` step before the step it acknowledges in and hands the
 * interrupt over at the later ack; the 1-of-N SPI goes to the PE the
 * hold shows, not the one the hand-over's ack shows twice; without its
 * hold record the same trace diverges; a hold the replay cannot place is
 * a note, not a crash; the timeline names it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"
#include "scn.h"
#include "timeline.h"
#include "trace.h"
#include "trace_internal.h"
#include "trace_recorder.h"
#include "cpu_fixture.h"

/* ---- The record ---- */

static void hold_reads_and_writes_back(void **state)
{
	static const char text[] =
		"# sdeisim-trace 2\n"
		"irq t=11 pe=0 intid=40 how=fire src=race.yaml:21\n"
		"irq t=12 pe=0 intid=40 how=hold src=race.yaml:21\n"
		"irq t=16 pe=0 intid=40 how=ack res=held src=race.yaml:23\n";
	FILE *in = fmemopen((void *)(uintptr_t)text, sizeof text - 1, "r");
	struct trace_reader *rd = trace_reader_open(in, "mem");
	char *again = NULL;
	size_t len;
	FILE *out = open_memstream(&again, &len);
	struct trace_rec r;
	unsigned hows[3], n = 0;

	(void)state;
	fputs("# sdeisim-trace 2\n", out);
	while (trace_read(rd, &r) == 1) {
		assert_true(n < 3);
		hows[n++] = r.how;
		assert_int_equal(r.intid, 40);
		assert_int_equal(trace_write(out, &r), 0);
	}
	assert_int_equal(n, 3);
	assert_int_equal(hows[1], TRACE_IRQ_HOLD);
	assert_int_equal(hows[2], TRACE_IRQ_ACK);
	assert_string_equal(trace_enum_name(TRACE_ENUM_IRQ_HOW, TRACE_IRQ_HOLD), "hold");
	fclose(out);
	assert_string_equal(again, text);      /* same records, same bytes */
	trace_reader_close(rd);
	fclose(in);
	free(again);
}

static void hold_errors(void **state)
{
	static const struct bad_trace bad[] = {
		{ "# sdeisim-trace 2\nirq t=1 pe=0 intid=3 how=holds\n",
		  "mem:2:26: how=holds: not one of the values FORMAT.md lists" },
		{ "# sdeisim-trace 2\nirq t=1 pe=0 intid=3 how=HOLD\n",
		  "mem:2:26: how=HOLD: not one of the values FORMAT.md lists" },
		{ "# sdeisim-trace 2\ncomplete t=1 pe=0 event=0 how=hold\n",
		  "mem:2:31: how=hold: not one of the values FORMAT.md lists" },
		{ "# sdeisim-trace 2\nirq t=1 pe=0 intid=3 how=hold res=held\n",
		  "mem:2:1: res= belongs to how=ack: a held interrupt is not the dispatcher's yet" },
		{ "# sdeisim-trace 1\nirq t=1 pe=0 intid=3 how=hold\n",
		  "mem:2:26: how=hold: a version 1 trace has no holds (version 2 added them)" },
	};
	(void)state;
	assert_int_equal(bad_traces_misread(bad, sizeof bad / sizeof bad[0]), 0);
}

/* ---- Recording and replaying a race ---- */

/* PE 1's firmware holds the SPI the choice gives it (the policy would
 * give it to PE 0) while PE 0 disables the event; handed over, it is held
 * for ENABLE, made once PE 1 is masked: the GIC gives it to PE 0 then. */
static const char race[] =
	"name: race\n"
	"choices: [1]\n"
	"platform:\n"
	"  pes: 2\n"
	"  events:\n"
	"    - {event: 0x40000200, type: shared, priority: normal, intid: 40}\n"
	"handlers:\n"
	"  h:\n"
	"    - complete: HANDLED\n"
	"steps:\n"
	"  - {pe: 0, call: EVENT_REGISTER, args: [0x40000200, h, 7, RM_ANY, 0], expect: SUCCESS}\n"
	"  - {pe: 0, call: EVENT_ENABLE, args: [0x40000200], expect: SUCCESS}\n"
	"  - {pe: 0, call: PE_UNMASK, expect: 0}\n"
	"  - {pe: 1, call: PE_UNMASK, expect: 0}\n"
	"  - {hold: 1}\n"
	"  - {interrupt: 40}\n"
	"  - {pe: 0, call: EVENT_DISABLE, args: [0x40000200], expect: SUCCESS}\n"
	"  - {hand_over: 1}\n"
	"  - expect_dispatches: []\n"
	"  - {pe: 1, call: PE_MASK}\n"
	"  - {pe: 0, call: EVENT_ENABLE, args: [0x40000200], expect: SUCCESS}\n"
	"  - expect_dispatches: [{pe: 0, event: 0x40000200, handler: h, arg: 7}]\n";

/* Run a scenario (YAML text), which must pass; the recording's text. */
static char *record(const char *yaml)
{
	struct sim_program prog;
	struct sim_run_opts ro;
	struct sim_result res;
	struct sim_observer none = { NULL, NULL };
	struct sim_choice_cursor cur;
	struct trace_recorder *tr;
	char err[400], *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	sim_program_init(&prog);
	if (scn_load_string("race.yaml", yaml, strlen(yaml), NULL, &prog, err, sizeof err))
		fail_msg("%s", err);
	tr = trace_recorder_open(f, &prog);
	assert_non_null(tr);
	memset(&ro, 0, sizeof ro);
	ro.observer = trace_recorder_observer(tr, none);
	ro.choice = sim_program_choice(&prog, &cur);
	assert_int_equal(sim_run(cpu, &prog, &ro, &res), 0);
	if (!res.passed)
		fail_msg("the scenario failed: %s", res.message);
	assert_int_equal(trace_recorder_close(tr), 0);
	fclose(f);
	sim_program_free(&prog);
	return text;
}

/* Build (expectations or not) and replay text: the report (caller frees);
 * the replay in *keep (caller frees) when keep. */
static char *replay_text(const char *text, bool expectations, struct replay *keep)
{
	struct replay_opts ro = { NULL, expectations, false };
	struct replay_summary sum;
	char *report = NULL;

	assert_int_equal(cpu_fixture_replay(text, &ro, false, &report, &sum, keep), 0);
	return report;
}

/* text without its lines that contain what (caller frees). */
static char *without(const char *text, const char *what)
{
	char *out = calloc(1, strlen(text) + 1), *o = out;

	assert_non_null(out);
	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p + 1) : strlen(p);
		char line[2048];
		snprintf(line, sizeof line, "%.*s", (int)n, p);
		if (!strstr(line, what)) {
			memcpy(o, p, n);
			o += n;
		}
		p += n;
	}
	return out;
}

/* The first step from `from` of kind (on pe, unless SIM_NONE), or -1. */
static int step_of(const struct sim_program *p, uint32_t from, unsigned kind, unsigned pe)
{
	for (uint32_t s = from; s < p->nsteps; s++)
		if (p->steps[s].kind == kind && (pe == SIM_NONE || p->steps[s].pe == pe))
			return (int)s;
	return -1;
}

static void race_replays(void **state)
{
	char *text = record(race), *report, *bare, *lost, *yaml = NULL, err[400];
	struct replay rp;
	struct sim_program y;
	struct sim_result res;
	struct sim_run_opts ro;
	struct sim_choice_cursor cur;
	size_t ylen;
	FILE *f;
	int hold, fire, hand, disable;

	(void)state;
	/* the hold where PE 1 acknowledged, the ack at the hand_over */
	assert_non_null(strstr(text, " pe=1 intid=40 how=hold src=race.yaml:16\n"));
	assert_non_null(strstr(text, " pe=1 intid=40 how=ack res=held src=race.yaml:18\n"));
	assert_non_null(strstr(text, " pe=0 intid=40 how=ack res=dispatched src=race.yaml:21\n"));

	report = replay_text(text, false, &rp);
	assert_non_null(strstr(report, " matched, 0 diverged\n"));
	assert_null(strstr(report, "t.trace:"));
	/* hold: 1 just before the interrupt step; hand_over: 1 after the DISABLE */
	hold = step_of(&rp.prog, 0, SIM_OP_HOLD, 1);
	fire = step_of(&rp.prog, 0, SIM_OP_INTERRUPT, SIM_NONE);
	disable = step_of(&rp.prog, (uint32_t)fire + 1, SIM_OP_CALL, 0);
	hand = step_of(&rp.prog, 0, SIM_OP_HAND_OVER, 1);
	assert_true(hold >= 0 && fire == hold + 1 && disable > fire && hand > disable);
	assert_int_equal(step_of(&rp.prog, (uint32_t)hold + 1, SIM_OP_HOLD, SIM_NONE), -1);
	replay_free(&rp);
	free(report);

	/* the same records with no fire record: the hold makes the interrupt step */
	bare = without(text, "how=fire");
	report = replay_text(bare, false, &rp);
	assert_non_null(strstr(report, " matched, 0 diverged\n"));
	assert_int_equal(step_of(&rp.prog, 0, SIM_OP_HOLD, 1) + 1, step_of(&rp.prog, 0, SIM_OP_INTERRUPT, SIM_NONE));
	replay_free(&rp);
	free(report);
	free(bare);

	/* without the hold the replay's firmware takes the SPI at once: it
	 * goes to PE 1 and is dispatched there, and the DISABLE comes late */
	lost = without(text, "how=hold");
	report = replay_text(lost, false, NULL);
	assert_null(strstr(report, " matched, 0 diverged\n"));
	free(report);
	free(lost);

	/* the exported scenario holds and hands over too, and passes */
	report = replay_text(text, true, &rp);
	assert_int_equal(replay_export_ready(&rp, cpu, err, sizeof err), 0);
	f = open_memstream(&yaml, &ylen);
	if (scn_write(f, &rp.prog, err, sizeof err))
		fail_msg("scn_write: %s", err);
	fclose(f);
	assert_non_null(strstr(yaml, "\n  - {hold: 1}\n  - {interrupt: 40}\n"));
	assert_non_null(strstr(yaml, "\n  - {hand_over: 1}\n"));
	sim_program_init(&y);
	if (scn_load_string("x.yaml", yaml, ylen, NULL, &y, err, sizeof err))
		fail_msg("%s\n%s", err, yaml);
	memset(&ro, 0, sizeof ro);
	ro.choice = sim_program_choice(&y, &cur);
	assert_int_equal(sim_run(cpu, &y, &ro, &res), 0);
	if (!res.passed)
		fail_msg("the export failed: %s\n%s", res.message, yaml);
	sim_program_free(&y);
	replay_free(&rp);
	free(yaml);
	free(report);
	free(text);
}

/* A hold before any step (nothing to arm the PE before) and a hold while
 * holding: notes, and the replay goes on. */
static void unplaceable_holds(void **state)
{
	static const char text[] =
		"# sdeisim-trace 2\n"
		"platform profile=default pes=2 el=2 conduit=smc events=1073742336:shared:normal:40\n"
		"irq t=1 pe=0 intid=40 how=hold\n"
		"irq t=2 pe=0 intid=40 how=fire\n"
		"irq t=3 pe=0 intid=41 how=hold\n"
		"irq t=4 pe=0 intid=40 how=ack res=not-sdei\n";
	struct replay rp;
	char *report = replay_text(text, false, &rp);
	bool before = false, twice = false;

	(void)state;
	for (uint32_t k = 0; k < rp.nnotes; k++) {
		before |= strstr(rp.notes[k], "t.trace:3: PE 0's firmware holds INTID 40 before any step") != NULL;
		twice |= strstr(rp.notes[k], "t.trace:5: PE 0's firmware holds INTID 41 while it holds INTID 40 "
					     "(line 3) already") != NULL;
	}
	assert_true(before && twice);
	assert_int_equal(step_of(&rp.prog, 0, SIM_OP_HOLD, SIM_NONE), -1);
	assert_non_null(strstr(report, " diverged\n"));
	replay_free(&rp);
	free(report);
}

static void timeline_names_holds(void **state)
{
	char *text = record(race), *json = NULL, err[200];
	size_t len;
	FILE *in = fmemopen(text, strlen(text), "r"), *out = open_memstream(&json, &len);
	struct trace_reader *rd = trace_reader_open(in, "t.trace");

	(void)state;
	assert_int_equal(trace_timeline(rd, out, err, sizeof err), 0);
	fclose(out);
	assert_non_null(strstr(json, "\"name\":\"hold 40\""));
	trace_reader_close(rd);
	fclose(in);
	free(json);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hold_reads_and_writes_back),
		cmocka_unit_test(hold_errors),
		cmocka_unit_test(race_replays),
		cmocka_unit_test(unplaceable_holds),
		cmocka_unit_test(timeline_names_holds),
	};

	return cmocka_run_group_tests(tests, cpu_fixture_setup, cpu_fixture_teardown);
}
