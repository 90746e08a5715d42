/*
 * test_scn_malformed.c - the loader's errors on inputs made by the test:
 * garbage, NUL bytes, deep nesting, aliases, lengths and counts at and past
 * their limits; each must be refused with exactly its message.
 */
#include "scn_test.h"

/* Load len bytes as name; the message must be exactly want. */
static void fails_with(struct fx *f, const char *name, const char *text, size_t len,
		       const char *want)
{
	assert_int_equal(scn_load_string(name, text, len, NULL, &f->p, f->err, sizeof f->err), -1);
	assert_string_equal(f->err, want);
}

static char *repeat(const char *head, const char *unit, unsigned n, const char *tail)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
	char *buf = malloc(hl + ul * n + tl + 1), *at = buf;

	assert_non_null(buf);
	memcpy(at, head, hl);
	at += hl;
	for (unsigned k = 0; k < n; k++, at += ul)
		memcpy(at, unit, ul);
	memcpy(at, tail, tl + 1);
	return buf;
}

void test_generated_inputs(void **state)
{
	struct fx *f = *state;
	static const char garbage[20] = "\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\xB7";
	char want[200], *text, *zeros;

	fails_with(f, "garbage.bin", garbage, sizeof garbage,
		   "garbage.bin:1:1: YAML syntax error: control characters are not allowed");
	fails_with(f, "nul.yaml", "name: x\nsteps: []\0\n", 19,
		   "nul.yaml:2:10: YAML syntax error: control characters are not allowed");
	/* A byte that cannot start a character is said, as one that does
	 * not continue one is (below): 0xFF is never UTF-8, 0x80 only
	 * continues a character. */
	fails_with(f, "utf8.yaml", "name: \xFF\nsteps: []\n", 18,
		   "utf8.yaml:1:7: YAML syntax error: invalid leading UTF-8 octet: byte 0xFF cannot "
		   "start a character (scenario files are UTF-8)");
	fails_with(f, "cont.yaml", "name: a\x80\nsteps: []\n", 19,
		   "cont.yaml:1:8: YAML syntax error: invalid leading UTF-8 octet: byte 0x80 cannot "
		   "start a character (scenario files are UTF-8)");
	/* A Latin-1 e-acute (0xE9) starts a 3-byte character the space after
	 * it does not continue: the place is the 0xE9, not the space libyaml
	 * names, and the message says which bytes. */
	fails_with(f, "latin1.yaml", "name: caf\xE9 x\nsteps: []\n", 23,
		   "latin1.yaml:1:10: YAML syntax error: invalid trailing UTF-8 octet: byte 0xE9 "
		   "starts a character that byte 0x20 after it does not continue (scenario files "
		   "are UTF-8)");
	fails_with(f, "cut.yaml", "name: \xE2\x82!\nsteps: []\n", 20,
		   "cut.yaml:1:7: YAML syntax error: invalid trailing UTF-8 octet: byte 0xE2 "
		   "starts a character that byte 0x21 after it does not continue (scenario files "
		   "are UTF-8)");
	/* What libyaml's block messages mean depends on what is before the
	 * token on its line: lines are counted as libyaml counts them, past a
	 * BOM and CR LF, CR, NEL (U+0085), LS and PS (U+2028, U+2029). */
	fails_with(f, "crlf.yaml", "\xEF\xBB\xBFname: x\r\nsteps: []\r\n  platform: {}\r\n", 39,
		   "crlf.yaml:3:3: YAML syntax error: did not find expected key (this line is indented "
		   "more than the keys of the map that starts at 1:1, but is not part of the value "
		   "before it: indent it as the keys or the list items beside it)");
	fails_with(f, "cr.yaml", "name: x\rsteps: []\r\"a\" b: c\r", 27,
		   "cr.yaml:3:5: YAML syntax error: did not find expected key (something before it on "
		   "this line has ended, such as a quoted string, a [...] or a {...}: only a comment "
		   "may follow it there)");
	fails_with(f, "nel.yaml", "name: x\xC2\x85steps: []\xC2\x85- {call: VERSION}\n", 38,
		   "nel.yaml:3:1: YAML syntax error: did not find expected key (this line is at the "
		   "column of the keys of the map that starts at 1:1, but is not `KEY: VALUE`)");
	fails_with(f, "ls.yaml", "name: x\xE2\x80\xA8steps: []\xE2\x80\xA9  x: 1\n", 29,
		   "ls.yaml:3:3: YAML syntax error: did not find expected key (this line is indented "
		   "more than the keys of the map that starts at 1:1, but is not part of the value "
		   "before it: indent it as the keys or the list items beside it)");
	fails_with(f, "utf16.yaml", "\xFF\xFEn\0a\0", 6,
		   "utf16.yaml:1:1: the file is UTF-16: scenario files are UTF-8");
	fails_with(f, "doc.yaml", "---\n", 4,
		   "doc.yaml:2:1: empty document: a scenario needs `name` and `steps`");
	/* The step is the alias, at 2:12, not the sequence it names. */
	fails_with(f, "cycle.yaml", "name: cycle\nsteps: &s [*s]\n", 27, "cycle.yaml:2:12: a step "
		   "is a map such as {call: VERSION}, found a sequence");
	/* Nesting is refused before libyaml spends time on it (its scanner is
	 * quadratic in it): 100000 levels take no time. */
	text = repeat("steps: ", "[", 100000, "");
	fails_with(f, "deep.yaml", text, strlen(text),
		   "deep.yaml:1:39: nested too deeply: more than 32 levels of maps and sequences");
	free(text);
	/* An alias bomb: 201 steps x 100 entries x 100 values. */
	zeros = repeat("0", ", 0", 99, "");
	text = repeat("name: bomb\nsteps:\n  - &s {expect_dispatches: [&e {event: {one_of: &v [",
		      zeros, 1, "]}}");
	free(zeros);
	zeros = text;
	text = repeat(zeros, ", *e", 99, "]}\n");
	free(zeros);
	zeros = text;
	text = repeat(zeros, "  - *s\n", 200, "");
	free(zeros);
	/* Refused at the `- *s` being read when the budget runs out (line
	 * 98), not inside the anchor on line 3 that it names. */
	fails_with(f, "bomb.yaml", text, strlen(text), "bomb.yaml:98:5: the file is too big once "
		   "its aliases are expanded: more than 1000000 items");
	free(text);
	/* Size and node limits. */
	text = repeat("", " ", SCN_MAX_FILE_SIZE + 1, "");
	snprintf(want, sizeof want, "big.yaml:1:1: the file is too large: more than %u bytes, the most "
		 "a scenario file may have", SCN_MAX_FILE_SIZE);
	fails_with(f, "big.yaml", text, strlen(text), want);
	free(text);
	/* Nodes: the map, `steps`, the sequence, then zeros: the one after the
	 * limit is zero number SCN_MAX_NODES - 2, at column 9 + 2 * (that - 1). */
	text = repeat("steps: [0", ",0", SCN_MAX_NODES, "]\n");
	snprintf(want, sizeof want, "nodes.yaml:1:%u: too many YAML nodes: a scenario file may "
		 "have at most %u", 9 + 2 * (SCN_MAX_NODES - 3), SCN_MAX_NODES);
	fails_with(f, "nodes.yaml", text, strlen(text), want);
	free(text);
}

/* A text of n numbered lines: "  h0: []", "  h1: []", ... (which 0), a
 * step saving $v0, $v1, ... (1), a platform event (2), a step reading
 * $v0, $v1, ... that nothing saves (3). */
static char *numbered(const char *head, unsigned n, int which)
{
	size_t cap = strlen(head) + (size_t)n * 64 + 1, used;
	char *buf = malloc(cap);

	assert_non_null(buf);
	used = (size_t)snprintf(buf, cap, "%s", head);
	for (unsigned k = 0; k < n; k++) {
		if (which == 0)
			used += (size_t)snprintf(buf + used, cap - used, "  h%u: []\n", k);
		else if (which == 1)
			used += (size_t)snprintf(buf + used, cap - used, "  - {call: VERSION, save: v%u}\n", k);
		else if (which == 3)
			used += (size_t)snprintf(buf + used, cap - used, "  - {call: EVENT_STATUS, "
						 "args: [$v%u]}\n", k);
		else
			used += (size_t)snprintf(buf + used, cap - used, "    - {event: %u, type: shared, "
						 "intid: %u}\n", 0x40000001u + k, 32 + k);
	}
	return buf;
}

void test_more_errors(void **state)
{
	struct fx *f = *state;
	char *text;

	/* Limits, reported at the first name or entry too many. */
	text = numbered("name: many\nsteps: []\nhandlers:\n", SCN_MAX_HANDLERS + 1, 0);
	fails_with(f, "many.yaml", text, strlen(text), "many.yaml:260:3: too many handlers: at most 256");
	free(text);
	text = numbered("name: vars\nsteps:\n", SCN_MAX_VARS + 1, 1);
	fails_with(f, "vars.yaml", text, strlen(text), "vars.yaml:259:27: too many variables: at "
		   "most 256 different names can be saved");
	free(text);
	/* A lenient file declares a $name where it is first used, to the same
	 * limit: 256 load, the 257th is refused where it is. */
	text = numbered("name: vars\nlenient: true\nsteps:\n", SCN_MAX_VARS, 3);
	assert_int_equal(scn_load_string("lenient.yaml", text, strlen(text), NULL, &f->p, f->err,
					 sizeof f->err), 0);
	assert_int_equal(f->p.nvars, SCN_MAX_VARS);
	free(text);
	text = numbered("name: vars\nlenient: true\nsteps:\n", SCN_MAX_VARS + 1, 3);
	fails_with(f, "lenient.yaml", text, strlen(text), "lenient.yaml:260:33: too many variables: "
		   "at most 256 different names can be used");
	free(text);
	text = numbered("name: events\nsteps: []\nplatform:\n  bind_slots: {private: 4, shared: 12}\n"
			"  events:\n", SIM_MAX_EVENTS, 2);
	fails_with(f, "events.yaml", text, strlen(text), "events.yaml:53:7: too many events: event 0, "
		   "48 platform events and 16 bind slots make 65, at most 64");
	free(text);
	/* Events: a second user of an INTID, explicit: false. */
	load_fails(f, "name: e\nplatform:\n  events:\n"
		   "    - {event: 0x40000200, type: shared, intid: 40}\n"
		   "    - {event: 0x40000201, type: shared, intid: 40}\nsteps: []\n",
		   "t.yaml:5:48: INTID 40 is already used by event 0x40000200");
	load_fails(f, "name: e\nplatform:\n  events: [{event: 1, type: private, explicit: false}]\n"
		   "steps: []\n", "t.yaml:3:48: `explicit` must be true (leave it out for an event "
		   "bound to an interrupt)");
	/* relative_mode on a 1.0 profile. */
	assert_int_equal(load(f, "t.yaml", "name: r\nplatform: {relative_mode: true}\nsteps: []\n",
			      "tf-a-fvp"), -1);
	assert_string_equal(f->err, "t.yaml:2:27: relative_mode needs SDEI version 1.1, the "
			    "platform's version is 1.0");
	/* A tag or merge key is refused where it is, but an error before it
	 * in the file is the one reported, as for every other error. */
	load_fails(f, "name: f\nplatform: {pes: 99}\nsteps: [{call: VERSION, expect: !!int 5}]\n",
		   "t.yaml:2:17: `pes` must be 1..64, found 99");
	load_fails(f, "name: f\nplatform: {pes: 2}\nsteps: [{call: VERSION, expect: !!int 5}, {pe: 7, call: VERSION}]\n",
		   "t.yaml:3:33: YAML tags are not taken (found '!!int'): write the value itself (quoted for a "
		   "string)");
	load_fails(f, "name: f\nx: &a {pe: 0}\nsteps: [{<<: *a, call: VERSION}]\n",
		   "t.yaml:2:1: unknown key 'x' in the top level (allowed: name, description, platform, handlers, "
		   "steps, lenient or choices)");
	/* The client EL's features and controls: names, or numbers for registers. */
	load_fails(f, "name: f\nplatform: {features: [PAN, PAN]}\nsteps: []\n",
		   "t.yaml:2:28: `features` lists PAN twice");
	load_fails(f, "name: f\nplatform: {features: 0x1}\nsteps: []\n",
		   "t.yaml:2:22: `features` must be a sequence, found the number 0x1");
	load_fails(f, "name: f\nplatform: {sctlr: [SPAN, EE]}\nsteps: []\n",
		   "t.yaml:2:26: an SCTLR bit must be SPAN, DSSBS or SPINTMASK, found the string 'EE'");
	load_fails(f, "name: f\nplatform: {sctlr: {SPAN: 1}}\nsteps: []\n",
		   "t.yaml:2:19: `sctlr` must be a number or a list of bit names, found a map");
	load_fails(f, "name: f\nplatform: {hcr_el2: [E2H], client_el: 1}\nsteps: []\n",
		   "t.yaml:2:21: `hcr_el2` is the client's only when it runs at EL2 (client_el is 1)");
	load_fails(f, "name: f\nplatform: {policy: {entry_regs: zeroes}}\nsteps: []\n",
		   "t.yaml:2:33: `entry_regs` must be preserve or zero, found the string 'zeroes'");
	load_fails(f, "name: f\nplatform: {policy: {entry_pstate: tfa_plain}}\nsteps: []\n",
		   "t.yaml:2:35: entry_pstate cannot be tfa_plain (TF-A builds that PSTATE for "
		   "COMPLETE_AND_RESUME only)");
	/* A step is checked even when an unrelated platform key is wrong,
	 * and the earlier error wins. */
	load_fails(f, "name: order\nsteps: [{pe: 7, call: VERSION}]\nplatform: {pes: 8, colour: red}\n",
		   "t.yaml:3:20: unknown key 'colour' in `platform` (allowed: profile, pes, mpidr, "
		   "client_el, conduit, version, relative_mode, features, sctlr, hcr_el2, policy, bind_slots, "
		   "spis, secure_intids or events)");
	load_fails(f, "name: order\nsteps: [{pe: 9, call: VERSION}]\nplatform: {pes: 2, colour: red}\n",
		   "t.yaml:2:14: `pe` must be a PE index 0..1 (the platform has 2 PEs), found 9");
}
