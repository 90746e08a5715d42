/*
 * test_scn_platform.c - the `platform` map at its edges: values right at
 * each bound load, and a key whose dependency is wrong is not checked
 * (scn_platform.c: the dependency's own error is the one reported, even
 * when the dependent key is earlier in the file).
 */
#include "scn_test.h"

/* The last value inside each bound loads. */
void test_platform_bounds(void **state)
{
	struct fx *f = *state;
	const struct sim_platform *p = &f->p.platform;
	char text[512];
	int at;

	/* A PPI owned PE by PE: 16 and 31, the first and last PPI; a plain
	 * INTID is owned on every PE (secure_pes 0). */
	load_ok(f, "name: d\nplatform:\n"
		   "  secure_intids: [20, {intid: 16, pes: [0]}, {intid: 31, pes: [3]}]\nsteps: []\n");
	assert_int_equal(p->nsecure, 3);
	assert_int_equal(p->secure_intids[0], 20);
	assert_int_equal(p->secure_pes[0], 0);
	assert_int_equal(p->secure_intids[1], 16);
	assert_int_equal(p->secure_pes[1], 1);
	assert_int_equal(p->secure_intids[2], 31);
	assert_int_equal(p->secure_pes[2], 8);

	/* Event numbers one past the default bind slots (private
	 * 0x40FF0000..3, shared 0x40FF8000..3) are no slot's. */
	load_ok(f, "name: d\nplatform:\n  events:\n"
		   "    - {event: 0x40FF0004, type: private, explicit: true}\n"
		   "    - {event: 0x40FF8004, type: shared, intid: 40}\nsteps: []\n");
	assert_int_equal(p->nevents, 2);
	assert_int_equal(p->events[0].number, 0x40FF0004);
	assert_int_equal(p->events[1].number, 0x40FF8004);

	/* Register values from 0; 63 bind slots of a kind. */
	load_ok(f, "name: d\nplatform: {sctlr: 0, hcr_el2: 0, bind_slots: {private: 0, shared: 63}}\n"
		   "steps: []\n");
	assert_int_equal(p->sctlr_elc, 0);
	assert_int_equal(p->hcr_el2, 0);
	assert_int_equal(p->bind_private, 0);
	assert_int_equal(p->bind_shared, 63);

	/* 32 private events: event 0, one listed, 30 slots. */
	load_ok(f, "name: d\nplatform:\n  bind_slots: {private: 30}\n  events:\n"
		   "    - {event: 1, type: private, explicit: true}\nsteps: []\n");
	assert_int_equal(p->bind_private, 30);
	assert_int_equal(p->nevents, 1);

	/* As many secure INTIDs as the platform holds: SPIs 32..95. */
	at = snprintf(text, sizeof text, "name: d\nplatform:\n  secure_intids: [32");
	for (unsigned k = 33; k <= 95; k++)
		at += snprintf(text + at, sizeof text - (size_t)at, ", %u", k);
	snprintf(text + at, sizeof text - (size_t)at, "]\nsteps: []\n");
	load_ok(f, text);
	assert_int_equal(p->nsecure, 64);
	assert_int_equal(p->secure_intids[63], 95);
}

/* Each key whose check reads another key's value, written before that
 * key, which is wrong: only the wrong key is reported, not what its old
 * (the profile's) value makes of the earlier one. */
void test_platform_dependencies(void **state)
{
	struct fx *f = *state;

	/* tf-a-fvp has 8 PEs: two MPIDRs are the wrong count for them. */
	load_fails(f, "name: d\nplatform: {profile: tf-a-fvp, mpidr: [0, 1], pes: 0}\nsteps: []\n",
		   "t.yaml:2:51: `pes` must be 1..64, found 0");
	/* tf-a-fvp is SDEI 1.0, which has no relative mode. */
	load_fails(f, "name: d\nplatform: {profile: tf-a-fvp, relative_mode: true, version: 1.2}\n"
		   "steps: []\n", "t.yaml:2:61: `version` must be 1.0 or 1.1, found the number 1.2");
	/* INTID 200 is no SPI of the default 96. */
	load_fails(f, "name: d\nplatform: {events: [{event: 1, type: shared, intid: 200}], spis: 9999}\n"
		   "steps: []\n", "t.yaml:2:66: `spis` must be 0..988, found 9999");
	/* 0x40FF8000 is the default's first shared bind slot. */
	load_fails(f, "name: d\nplatform: {events: [{event: 0x40FF8000, type: shared, intid: 40}], "
		   "bind_slots: {shared: 64}}\nsteps: []\n", "t.yaml:2:89: `shared` must be 0..63, found 64");
	/* INTID 56 is tf-a-fvp's trusted watchdog, a secure INTID. */
	load_fails(f, "name: d\nplatform: {profile: tf-a-fvp, events: [{event: 1, type: shared, intid: 56}], "
		   "secure_intids: [29, 1000]}\nsteps: []\n", "t.yaml:2:98: INTID 1000 does not exist on "
		   "this platform (SGIs 0..15, PPIs 16..31, SPIs 32..255)");
	load_fails(f, "name: d\nplatform: {profile: tf-a-fvp, events: [{event: 1, type: shared, intid: 56}], "
		   "secure_intids: 56}\nsteps: []\n",
		   "t.yaml:2:93: `secure_intids` must be a sequence, found the number 56");
	/* PPI 20 owned on PE 0 would refuse a private event on it. */
	load_fails(f, "name: d\nplatform: {events: [{event: 1, type: private, intid: 20}], "
		   "secure_intids: [{intid: 20, pes: 5}]}\nsteps: []\n",
		   "t.yaml:2:93: `pes` must be a sequence, found the number 5");
	load_fails(f, "name: d\nplatform: {events: [{event: 1, type: private, intid: 20}], "
		   "secure_intids: [{intid: 20, pes: [0, 9]}]}\nsteps: []\n",
		   "t.yaml:2:97: a PE index must be 0..3, found 9");
	/* Within an event: its INTID is checked for its type only when the
	 * type is right (40 is no PPI for a private event). */
	load_fails(f, "name: d\nplatform: {events: [{event: 1, intid: 40, type: sharde}]}\nsteps: []\n",
		   "t.yaml:2:49: `type` must be private or shared, found the string 'sharde' (did you mean "
		   "shared?)");
	/* A bind_slots map with a wrong key is not counted (40 private slots
	 * are too many). */
	load_fails(f, "name: d\nplatform: {bind_slots: {private: 40, privte: 1}}\nsteps: []\n",
		   "t.yaml:2:38: unknown key 'privte' in `bind_slots` (did you mean private?)");
}
