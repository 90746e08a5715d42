/*
 * test_scn_write_api.c - the writer's text, what it refuses, the one
 * documented case the loader never produces (scattered PSTATE fields),
 * and sim_program_equal: blind to how a program is stored, never to what
 * it says.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "scn.h"
#include "scn_write_test.h"
#include "sdd/sdd_spec.h"

static void load_text(struct sim_program *p, const char *text)
{
	char err[1024];

	sim_program_init(p);
	if (scn_load_string("t.yaml", text, strlen(text), NULL, p, err, sizeof err))
		fail_msg("%s", err);
}

/* ---- The text ---- */

static const char forms[] =
	"name: the writer's forms\n"
	"description: \"two\\nlines, a \\\"quote\\\"\"\n"
	"platform:\n"
	"  client_el: 1\n"
	"  pes: 2\n"
	"  profile: tf-a-fvp\n"
	"  conduit: hvc\n"
	"  sctlr: [DSSBS]\n"
	"  features: [NMI, UAO]\n"
	"  spis: 64\n"
	"  events: [{event: 0x40000100, type: shared, priority: critical, intid: 40}]\n"
	"handlers:\n"
	"  h:\n"
	"    - expect_entry: {x1: {one_of: [1, 0x1234]}, pstate: interrupted_pstate}\n"
	"    - {call: EVENT_CONTEXT, args: [0], expect: {x0: DENIED, x1: -3}}\n"
	"    - {interrupt: 5}\n"
	"    - complete_and_resume: {offset: h}\n"
	"  empty: []\n"
	"steps:\n"
	"  - {pe: 1, call: EVENT_REGISTER, args: [0x40000100, h, -1, RM_PE, {mpidr: 1}],\n"
	"     expect: DENIED, save: r}\n"
	"  - {fid: 0x84000000, args: [$r]}\n"
	"  - {pe: 1, psci: CPU_SUSPEND, state: powerdown, expect: {one_of: [-4, SUCCESS]}}\n"
	"  - {interrupt: 40}\n"
	"  - {dispatch: 5000, expect: {not: -1}}\n"
	"  - expect_view: {pe: 1, depth: 0, bound: [], events: {0x40000100: {ep: {offset: h}}}}\n"
	"  - {pe: 0, set: {pstate: {nzcv: 6}, x3: resume_pad}}\n"
	"  - expect_resumes: [{elr: {mask: 0xFFF, value: 0x80}}, {pe: {mask: 1, value: 1}, spsr: 0}]\n"
	"  - expect_dispatches: [{}, {pe: 1, handler: empty}, {pe: {not: 0}, handler: {one_of: [h, "
	"empty]}},\n"
	"                        {pe: {one_of: [0, 1]}, handler: {not: h}, arg: {mask: 0xF, value: 1}}]\n";

static const char forms_written[] =
	"name: the writer's forms\n"
	"description: \"two\\nlines, a \\\"quote\\\"\"\n"
	"platform:\n"
	"  profile: tf-a-fvp\n"
	"  pes: 2\n"
	"  client_el: 1\n"
	"  conduit: hvc\n"
	"  features: [UAO, NMI]\n"
	"  sctlr: [DSSBS]\n"
	"  spis: 64\n"
	"  events:\n"
	"    - {event: 0x40000100, type: shared, priority: critical, intid: 40}\n"
	"handlers:\n"
	"  h:\n"
	"    - expect_entry: {x1: {one_of: [1, 0x1234]}, pstate: interrupted_pstate}\n"
	"    - {call: EVENT_CONTEXT, args: [0], expect: {x0: DENIED, x1: 0xFFFFFFFFFFFFFFFD}}\n"
	"    - {interrupt: 5}\n"
	"    - complete_and_resume: {offset: h}\n"
	"  empty: []\n"
	"steps:\n"
	"  - {pe: 1, call: EVENT_REGISTER, args: [0x40000100, h, 0xFFFFFFFFFFFFFFFF, 1, {mpidr: 1}], "
	"expect: DENIED, save: r}\n"
	"  - {pe: 0, fid: 0x84000000, args: [$r]}\n"
	"  - {pe: 1, psci: CPU_SUSPEND, state: powerdown, expect: {one_of: [0xFFFFFFFFFFFFFFFC, 0]}}\n"
	"  - {interrupt: 40}\n"
	"  - {pe: 0, dispatch: 0x1388, expect: {not: NOT_SUPPORTED}}\n"
	"  - expect_view:\n"
	"      pe: 1\n"
	"      depth: 0\n"
	"      bound: []\n"
	"      events:\n"
	"        0x40000100: {ep: {offset: h}}\n"
	"  - {pe: 0, set: {pstate: {nzcv: 6}, x3: resume_pad}}\n"
	"  - expect_resumes:\n"
	"      - {elr: {mask: 0xFFF, value: 128}}\n"
	"      - {pe: {mask: 1, value: 1}, spsr: 0}\n"
	"  - expect_dispatches:\n"
	"      - {}\n"
	"      - {pe: 1, handler: empty}\n"
	"      - {pe: {not: 0}, handler: {one_of: [h, empty]}}\n"
	"      - {pe: {one_of: [0, 1]}, handler: {not: h}, arg: {mask: 15, value: 1}}\n";

/* text, loaded and written out again, reads `written`, which loads back
 * to the same program. */
static void writes_as(const char *text, const char *written, const char *what)
{
	struct sim_program p;
	char err[400], *out;

	load_text(&p, text);
	out = write_text(&p, err, sizeof err);
	if (out == NULL)
		fail_msg("%s", err);
	assert_string_equal(out, written);
	free(out);
	round_trip(&p, what);
	sim_program_free(&p);
}

/* Registers with bits that have no name are written as numbers. */
static void test_register_numbers(void **state)
{
	(void)state;
	writes_as("name: r\nplatform: {features: [], sctlr: 0x1, hcr_el2: 0x408000001, policy: {signal: "
		  "tfa_strict, entry_regs: zero}}\nsteps: []\n",
		  "name: r\nplatform:\n  profile: default\n  features: []\n  sctlr: 0x1\n"
		  "  hcr_el2: 0x408000001\n  policy: {signal: tfa_strict, entry_regs: zero}\nsteps: []\n",
		  "register numbers");
}

static void test_text(void **state)
{
	(void)state;
	writes_as(forms, forms_written, "forms");
}

/* Zero arguments past a call's parameters are what missing ones are: the
 * writer leaves them out (a reproducer of the fuzzer's, which sets all
 * five, read args: [0, 0, 0, 0, 0] for VERSION), keeps the parameters the
 * call has even when zero, and keeps every argument of a PSCI call (they
 * override what its target sets).  The program written is equal to the
 * one read. */
static void test_trailing_zero_args(void **state)
{
	static const char text[] =
		"name: r\n"
		"steps:\n"
		"  - {call: VERSION, args: [0, 0, 0, 0, 0]}\n"
		"  - {call: EVENT_ENABLE, args: [0, 0, 0]}\n"
		"  - {call: EVENT_GET_INFO, args: [0x40000100, 0, 7, 0]}\n"
		"  - {call: EVENT_REGISTER, args: [0, 0, 0, 0, 0]}\n"
		"  - {fid: 0x84000000, args: [0, 0]}\n"
		"  - {pe: 1, psci: CPU_SUSPEND, args: [0, 0]}\n";
	static const char written[] =
		"name: r\nplatform:\n  profile: default\nsteps:\n"
		"  - {pe: 0, call: VERSION}\n"
		"  - {pe: 0, call: EVENT_ENABLE, args: [0]}\n"
		"  - {pe: 0, call: EVENT_GET_INFO, args: [0x40000100, 0, 7]}\n"
		"  - {pe: 0, call: EVENT_REGISTER, args: [0, 0, 0, 0, 0]}\n"
		"  - {pe: 0, fid: 0x84000000}\n"
		"  - {pe: 1, psci: CPU_SUSPEND, args: [0, 0]}\n";
	(void)state;
	writes_as(text, written, "trailing zero args");
}

/* A call from Secure state says so (`secure: true`), beside the rest.
 * A call from AArch32 in a mode: the mode's EL is the call's (Hyp mode
 * makes an EL1 client's call from EL2), written as the mode alone;
 * `aarch32: true` stays the EL's usual mode, with from_el when it has one.
 * What loads is what the loader says (from_el, aarch32), checked here
 * too, and the program written loads back equal. */
static void test_aarch32_modes(void **state)
{
	static const char text[] =
		"name: r\n"
		"platform: {client_el: 1, conduit: hvc}\n"
		"steps:\n"
		"  - {call: VERSION, aarch32: abt}\n"
		"  - {call: VERSION, aarch32: hyp}\n"
		"  - {call: VERSION, from_el: 1, aarch32: und}\n"
		"  - {call: VERSION, from_el: 2, aarch32: true}\n"
		"  - {call: VERSION, aarch32: svc}\n"
		"  - {call: VERSION, aarch32: false}\n"
		"  - {call: VERSION, secure: true}\n"
		"  - {call: VERSION, from_el: 2, aarch32: true, secure: true}\n"
		"  - {call: VERSION, secure: false}\n";
	static const char written[] =
		"name: r\nplatform:\n  profile: default\n  client_el: 1\n  conduit: hvc\nsteps:\n"
		"  - {pe: 0, call: VERSION, aarch32: abt}\n"
		"  - {pe: 0, call: VERSION, aarch32: hyp}\n"
		"  - {pe: 0, call: VERSION, aarch32: und}\n"
		"  - {pe: 0, call: VERSION, from_el: 2, aarch32: true}\n"
		"  - {pe: 0, call: VERSION, aarch32: svc}\n"
		"  - {pe: 0, call: VERSION}\n"
		"  - {pe: 0, call: VERSION, secure: true}\n"
		"  - {pe: 0, call: VERSION, from_el: 2, aarch32: true, secure: true}\n"
		"  - {pe: 0, call: VERSION}\n";
	static const uint8_t from_el[] = { 0, 2, 0, 2, 0, 0, 0, 2, 0 };
	static const uint8_t a32[] = { SIM_A32_MODE(0x7), SIM_A32_MODE(0xA), SIM_A32_MODE(0xB), SIM_A32_EL_MODE,
				       SIM_A32_MODE(0x3), 0, 0, SIM_A32_EL_MODE, 0 };
	static const uint8_t secure[] = { 0, 0, 0, 0, 0, 0, 1, 1, 0 };
	struct sim_program p;
	(void)state;

	load_text(&p, text);
	assert_int_equal(p.nsteps, 9);
	for (unsigned k = 0; k < 9; k++) {
		assert_int_equal(p.steps[k].from_el, from_el[k]);
		assert_int_equal(p.steps[k].aarch32, a32[k]);
		assert_int_equal(p.steps[k].secure, secure[k]);
	}
	sim_program_free(&p);
	writes_as(text, written, "aarch32 modes");
}

/* ---- Refusals: -1, the reason, and nothing written ---- */

static void refused_as(const struct sim_program *p, int rc, const char *why)
{
	char *text = NULL, err[400];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	assert_int_equal(scn_write(f, p, err, sizeof err), rc);
	fclose(f);
	assert_string_equal(err, why);
	assert_int_equal(len, 0);
	free(text);
}

static void refused(const struct sim_program *p, const char *why)
{
	refused_as(p, -1, why);
}

/* Characters YAML does not take as they are - the C1 controls
 * (U+0080-U+009F), U+FFFE, U+FFFF, a byte order mark - are written as
 * escapes (they were written raw: a file that did not load, "control
 * characters are not allowed"), and bytes libyaml refuses as UTF-8 (a
 * surrogate, an overlong form) are no UTF-8 text: refused.  A name from
 * outside is made writable by sim_utf8_escaped (sim/utf8.h). */
static void test_text_yaml_takes(void **state)
{
	struct sim_program p;

	(void)state;
	writes_as("name: \"a\\x81b\\x85c\\uFFFEd\\uFEFFe\\u00E9f\"\nsteps: []\n",
		  "name: \"a\\x81b\\x85c\\uFFFEd\\uFEFFe\xC3\xA9" "f\"\nplatform:\n  profile: default\nsteps: []\n",
		  "escapes");
	load_text(&p, "name: n\nsteps: []\n");
	free(p.name);
	p.name = strdup("a\xED\xA0\x80" "b");     /* U+D800, a surrogate */
	refused(&p, "the name is not UTF-8 text");
	free(p.name);
	p.name = strdup("a\xC0\xAF" "b");           /* '/', overlong */
	refused(&p, "the name is not UTF-8 text");
	sim_program_free(&p);
}

static void test_refusals(void **state)
{
	struct sim_program p;
	struct sim_op op;

	(void)state;
	/* A vendor version no profile has. */
	load_text(&p, "name: r\nsteps: []\n");
	p.platform.vendor_version = 7;
	refused(&p, "no built-in profile has this platform's vendor version, bind slot numbers "
		"and event 0: it cannot be written");
	p.platform.vendor_version = 0;
	p.platform.pes = 0;
	refused(&p, "the platform is not valid: PE count out of range");
	sim_program_free(&p);

	/* A $name nothing saves, in a program that is not lenient. */
	load_text(&p, "name: r\nlenient: true\nsteps:\n  - {call: EVENT_STATUS, args: [$x]}\n");
	p.lenient = false;
	refused(&p, "$x is used but nothing saves it (only a lenient program may do that)");
	sim_program_free(&p);

	/* Names the loader would read as something else. */
	load_text(&p, "name: r\nhandlers: {h: []}\nsteps: []\n");
	p.handlers[0].name = sim_add_string(&p, "SUCCESS");
	refused(&p, "handler name 'SUCCESS' cannot be written (a name, not a value name, used once)");
	sim_program_free(&p);

	/* Kinds in the wrong place, expectations on the wrong registers. */
	load_text(&p, "name: r\nhandlers: {h: [{yield: true}]}\nsteps: [{migrate: true}]\n");
	op = p.steps[0];
	p.steps[0] = p.actions[0];
	refused(&p, "'yield' cannot be a step");
	p.steps[0] = op;
	p.actions[0] = op;
	refused(&p, "'migrate' cannot be a handler action");
	sim_program_free(&p);
	/* A mode at another EL than the call's, a reserved mode, User mode. */
	load_text(&p, "name: r\nsteps: [{call: VERSION, aarch32: abt}]\n");
	p.steps[0].from_el = 0;
	refused(&p, "a call from AArch32 mode 0x7 at EL2 cannot be written");
	p.steps[0].aarch32 = SIM_A32_MODE(0x4);
	refused(&p, "a call from AArch32 mode 0x4 at EL2 cannot be written");
	p.steps[0].aarch32 = SIM_A32_MODE(0x0);
	refused(&p, "a call from AArch32 mode 0x0 at EL2 cannot be written");
	sim_program_free(&p);
	load_text(&p, "name: r\nsteps: [{call: VERSION, expect: {x0: 1, x2: 2}}]\n");
	p.checks[1].reg = SIM_R_SP;
	refused(&p, "an expectation on sp cannot be written here");
	p.checks[1].reg = SIM_R_X0;
	refused(&p, "an expectation on x0 cannot be written here");
	p.checks[1].reg = SIM_R_X0 + 2;
	p.checks[1].m.width32 = 1;
	refused(&p, "a 32-bit comparison of x2 cannot be written here");
	sim_program_free(&p);
	/* Entry fields whose values the loader reads as PE indices or handler
	 * names (a mask's PE values are numbers too). */
	load_text(&p, "name: r\nhandlers: {h: []}\nsteps:\n  - {call: VERSION, save: v}\n"
		      "  - expect_dispatches: [{pe: 1, handler: {one_of: [h]}}]\n"
		      "  - expect_resumes: [{pe: {mask: 1, value: 1}}]\n");
	p.dispatches[0].pe.a.u = 4;
	refused(&p, "this expectation on `pe` of an entry cannot be written");
	p.dispatches[0].pe.a = (struct sim_value){ SIM_V_VAR, 0 };
	refused(&p, "this expectation on `pe` of an entry cannot be written");
	p.dispatches[0].pe.a = sim_const(1);
	p.values[p.dispatches[0].handler.list] = sim_const(0x1000);
	refused(&p, "this expectation on `handler` of an entry cannot be written");
	p.values[p.dispatches[0].handler.list] = (struct sim_value){ SIM_V_HANDLER, 0 };
	p.resumes[0].pe.b = (struct sim_value){ SIM_V_VAR, 0 };
	refused(&p, "this expectation on `pe` of an entry cannot be written");
	sim_program_free(&p);
	load_text(&p, "name: r\nsteps: [{pe: 0, psci: CPU_ON, target: 1}]\n");
	p.steps[0].target = SIM_NONE;
	refused(&p, "CPU_ON without a target cannot be written");
	sim_program_free(&p);
}

/* ---- The loader's limits: what it would refuse, the writer refuses ---- */

/* p is written, and what is written loads. */
static void written_loads(const struct sim_program *p, const char *what)
{
	struct sim_program q;
	char err[400];
	char *text = write_text(p, err, sizeof err);

	if (text == NULL)
		fail_msg("%s: refused: %s", what, err);
	sim_program_init(&q);
	if (scn_load_string("limit.yaml", text, strlen(text), NULL, &q, err, sizeof err))
		fail_msg("%s: what the writer wrote does not load: %s", what, err);
	sim_program_free(&q);
	free(text);
}

/* The number a refusal starts with ("N YAML nodes: ..."). */
static unsigned long refusal_count(const struct sim_program *p)
{
	char err[400];
	char *text = write_text(p, err, sizeof err);

	assert_null(text);
	return strtoul(err, NULL, 10);
}

/* A program the loader would refuse for its number of handlers, bytes or
 * YAML nodes (scn.h's limits) is refused, SCN_WRITE_TOO_LARGE and the
 * limit; one at the limit is written and loads.  Before, each was written
 * (`sdeisim export yaml` of a long trace: a file `sdeisim run` refused). */
static void test_loader_limits_refused(void **state)
{
	struct sim_program p;
	struct sim_handler h;
	char name[16], why[100], *text;
	unsigned long base;
	uint32_t n;

	(void)state;
	load_text(&p, "name: r\nhandlers: {h0: []}\nsteps: []\n");
	h = p.handlers[0];
	for (unsigned k = 1; k < SCN_MAX_HANDLERS; k++) {
		snprintf(name, sizeof name, "h%u", k);
		h.name = sim_add_string(&p, name);
		sim_add_handler(&p, &h);
	}
	written_loads(&p, "256 handlers");
	h.name = sim_add_string(&p, "one_more");
	sim_add_handler(&p, &h);
	refused_as(&p, SCN_WRITE_TOO_LARGE, "257 handlers: a scenario file may have at most 256");
	sim_program_free(&p);

	/* Bytes: a description that fills the file to the limit, then one more. */
	load_text(&p, "name: r\ndescription: a\nsteps: []\n");
	text = write_text(&p, why, sizeof why);
	assert_non_null(text);
	n = SCN_MAX_FILE_SIZE + 1 - (uint32_t)strlen(text);
	free(text);
	free(p.description);
	p.description = malloc(n + 2);
	assert_non_null(p.description);
	memset(p.description, 'a', n + 1);
	p.description[n + 1] = 0;
	snprintf(why, sizeof why, "%u bytes: a scenario file may have at most %u", SCN_MAX_FILE_SIZE + 1,
		 SCN_MAX_FILE_SIZE);
	refused_as(&p, SCN_WRITE_TOO_LARGE, why);
	p.description[n] = 0;
	written_loads(&p, "a file of SCN_MAX_FILE_SIZE bytes");
	sim_program_free(&p);

	/* YAML nodes: `choices`, one node each; how many the rest has is what
	 * a refusal with more than enough says. */
	load_text(&p, "name: r\nsteps: []\n");
	for (uint32_t k = 0; k <= SCN_MAX_NODES; k++)
		sim_add_choice(&p, 0);
	base = refusal_count(&p) - p.nchoices;
	p.nchoices = SCN_MAX_NODES - (uint32_t)base;
	written_loads(&p, "SCN_MAX_NODES nodes");
	p.nchoices++;
	snprintf(why, sizeof why, "%u YAML nodes: a scenario file may have at most %u", SCN_MAX_NODES + 1,
		 SCN_MAX_NODES);
	refused_as(&p, SCN_WRITE_TOO_LARGE, why);
	sim_program_free(&p);
}

/* ---- The one documented case the loader cannot produce ---- */

static void test_scattered_pstate(void **state)
{
	struct sim_program p;
	struct sim_check c;
	char err[400], *text;

	(void)state;
	load_text(&p, "name: s\nhandlers:\n  h:\n"
		      "    - expect_entry: {pstate: {el: 2, daif: 15}, x1: 5}\n"
		      "    - complete: FAILED\nsteps: []\n");
	/* el, x1, daif: the fields apart. */
	c = p.checks[1];
	p.checks[1] = p.checks[2];
	p.checks[2] = c;
	text = write_text(&p, err, sizeof err);
	assert_non_null(text);
	assert_non_null(strstr(text, "    - expect_entry: {pstate: {el: 2, daif: 15}, x1: 5}\n"
				     "    - complete: FAILED\n"));
	free(text);
	sim_program_free(&p);
}

/* ---- sim_program_equal ---- */

static const char base[] =
	"name: e\n"
	"choices: [1, 2]\n"
	"platform: {events: [{event: 0x40000100, type: private, intid: 23}]}\n"
	"handlers:\n"
	"  h: [{call: EVENT_STATUS, args: [$a], save: b}, {complete: HANDLED}]\n"
	"  g: [{expect_entry: {x1: {one_of: [1, 2]}}}, {complete: FAILED}]\n"
	"steps:\n"
	"  - {call: INTERRUPT_BIND, args: [45], save: a, expect: {mask: 0xFF, value: 0}}\n"
	"  - {call: EVENT_STATUS, args: [$b, h, {mpidr: 2}]}\n"
	"  - expect_dispatches: [{pe: 1, event: 0x40000100, handler: g}]\n"
	"  - expect_view: {pe: 0, registered: [0, $a], events: {$a: {arg: 3}}}\n";

/* The same program, written otherwise: steps before handlers (so other
 * pool indices and variable numbers), other spacing (other locations). */
static const char same[] =
	"steps:\n"
	"- {save: a, call: INTERRUPT_BIND, expect: {value: 0, mask: 255}, args: [0x2d]}\n"
	"- call: EVENT_STATUS\n"
	"  args: [$b, h, {mpidr: 2}]\n"
	"- expect_dispatches:\n"
	"  - {pe: 1, handler: g, event: 0x40000100}\n"
	"- expect_view: {registered: [0, $a], pe: 0, events: {$a: {arg: 3}}}\n"
	"handlers:\n"
	"  h:\n"
	"  - {call: EVENT_STATUS, args: [$a], save: b}\n"
	"  - complete: 0\n"
	"  g: [{expect_entry: {x1: {one_of: [1, 2]}}}, {complete: 1}]\n"
	"platform:\n"
	"  events:\n"
	"    - {event: 0x40000100, type: private, intid: 23, priority: normal}\n"
	"choices: [1, 2]\n"
	"name: e\n";

static void differs(void (*mutate)(struct sim_program *), const char *why_prefix)
{
	struct sim_program a, b;
	char why[600];

	load_text(&a, base);
	load_text(&b, base);
	assert_true(sim_program_equal(&a, &b, why, sizeof why));
	mutate(&b);
	assert_false(sim_program_equal(&a, &b, why, sizeof why));
	if (strncmp(why, why_prefix, strlen(why_prefix)) != 0)
		fail_msg("expected a difference '%s...', got '%s'", why_prefix, why);
	/* And the other way round. */
	assert_false(sim_program_equal(&b, &a, why, sizeof why));
	sim_program_free(&a);
	sim_program_free(&b);
}

static void m_arg(struct sim_program *p)     { p->values[p->steps[0].args].u = 46; }
static void m_var(struct sim_program *p)     { p->vars[0] = sim_add_string(p, "c"); }
static void m_handler(struct sim_program *p) { p->handlers[1].name = sim_add_string(p, "k"); }
static void m_policy(struct sim_program *p)  { p->platform.policy.bind = SDD_BIND_TFA; }
static void m_choice(struct sim_program *p)  { p->choices[1] = 3; }
static void m_mask(struct sim_program *p)    { p->checks[p->steps[0].checks].m.b.u = 1; }
static void m_one_of(struct sim_program *p)  { p->values[p->checks[p->actions[2].checks].m.list + 1].u = 3; }
static void m_kind(struct sim_program *p)    { p->actions[1].kind = SIM_OP_COMPLETE_AND_RESUME; }
static void m_entry(struct sim_program *p)   { p->dispatches[0].has_pe = 0; }
static void m_entry_pe(struct sim_program *p) { p->dispatches[0].pe.a.u = 2; }
static void m_entry_handler(struct sim_program *p) { p->dispatches[0].handler.a.u = 0; }
static void m_view(struct sim_program *p)    { p->views[p->steps[3].list].part = SIM_VIEW_CONTEXT; }
static void m_set(struct sim_program *p)     { p->values[p->checks[p->views[0].checks].m.list].u = 1; }
static void m_lenient(struct sim_program *p) { p->lenient = true; }
static void m_event(struct sim_program *p)   { p->platform.events[0].intid = 22; }
static void m_save(struct sim_program *p)    { p->steps[0].save = -1; }
static void m_value_kind(struct sim_program *p) { p->values[p->steps[1].args + 2].kind = SIM_V_CONST; }

static void test_equal(void **state)
{
	struct sim_program a, b;
	struct sim_check check;
	char why[600];
	uint32_t first;

	(void)state;
	load_text(&a, base);
	load_text(&b, same);
	/* Elements kept elsewhere in the pools: step 2's arguments and step
	 * 1's checks moved to the end. */
	first = b.nvalues;
	for (uint32_t k = 0; k < b.steps[1].nargs; k++)
		sim_add_value(&b, b.values[b.steps[1].args + k]);
	b.steps[1].args = first;
	check = b.checks[b.steps[0].checks];
	b.steps[0].checks = sim_add_check(&b, &check);
	if (!sim_program_equal(&a, &b, why, sizeof why))
		fail_msg("the same program, stored otherwise: %s", why);
	/* Stored otherwise indeed: other variable numbers, other indices. */
	assert_string_not_equal(sim_str(&a, a.vars[0]), sim_str(&b, b.vars[0]));
	assert_int_not_equal(a.steps[1].args, b.steps[1].args);
	assert_int_not_equal(a.steps[0].checks, b.steps[0].checks);
	sim_program_free(&a);
	sim_program_free(&b);

	differs(m_arg, "step 1: args[0]: 0x2d / 0x2e");
	differs(m_var, "handler 'h' action 1: save: 'b' / 'c'");
	differs(m_handler, "handler 1: name: 'g' / 'k'");
	differs(m_policy, "platform: dispatcher policies differ");
	differs(m_choice, "choices differ");
	differs(m_mask, "step 1: expect: check 0 (x0)");
	differs(m_one_of, "handler 'g' action 1: expect: check 0 (x1)[1]: 0x2 / 0x3");
	differs(m_kind, "handler 'h' action 2: 'complete' / 'complete_and_resume'");
	differs(m_entry, "step 3: entry 0 pe: 1 / 0");
	differs(m_entry_pe, "step 3: entry 0 pe: 0x1 / 0x2");
	differs(m_entry_handler, "step 3: entry 0 handler: 1 / 0");
	differs(m_view, "step 4: view part 0: 0 / 1");
	differs(m_set, "step 4: view part 0: check 0 (registered)[0]: 0x0 / 0x1");
	differs(m_lenient, "lenient: 0 / 1");
	differs(m_event, "platform: event intid: 23 / 22");
	differs(m_save, "step 1: save: a / (none)");
	differs(m_value_kind, "step 2: args[2]: a value of kind 5 / 0");
}

int scn_write_api_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_yaml_takes),
		cmocka_unit_test(test_register_numbers),
		cmocka_unit_test(test_trailing_zero_args),
		cmocka_unit_test(test_aarch32_modes),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_loader_limits_refused),
		cmocka_unit_test(test_scattered_pstate),
		cmocka_unit_test(test_equal),
	};

	return cmocka_run_group_tests_name("api", tests, NULL, NULL);
}
