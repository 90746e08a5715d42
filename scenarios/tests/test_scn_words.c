/*
 * test_scn_words.c - how the loader reads single words: which plain
 * scalars a message calls a number (YAML's core schema, not only the
 * loader's own numbers), YAML's booleans and nulls in every spelling,
 * which names are identifiers, and which wrong choices are offered as
 * slips.
 */
#include "scn_test.h"

/* A value `lenient` refuses, and how the message says it: "the number"
 * for what YAML reads as an int or a float, "the string" otherwise. */
static const struct {
	const char *value, *found;
} found_words[] = {
	{ "9", "the number 9" },
	{ "-0", "the number -0" },
	{ "+7", "the number +7" },
	{ "0x19aF", "the number 0x19aF" },
	{ "-0XfA0", "the number -0XfA0" },
	{ "0xA", "the number 0xA" },
	{ "1.", "the number 1." },
	{ ".5", "the number .5" },
	{ "-.5e-3", "the number -.5e-3" },
	{ "1E+9", "the number 1E+9" },
	{ "2e5", "the number 2e5" },
	{ "0x", "the string '0x'" },
	{ "-0x", "the string '-0x'" },
	{ "0x1g", "the string '0x1g'" },
	{ ".", "the string '.'" },
	{ "+", "the string '+'" },
	{ "+x", "the string '+x'" },
	{ "1e", "the string '1e'" },
	{ "1e+", "the string '1e+'" },
	{ "e5", "the string 'e5'" },
	{ "1e5x", "the string '1e5x'" },
	{ "1ea", "the string '1ea'" },
	{ "1d5", "the string '1d5'" },
	{ "0xg1", "the string '0xg1'" },
	{ "0x1@", "the string '0x1@'" },
	{ "1.2.3", "the string '1.2.3'" },
	{ "12a", "the string '12a'" },
	{ "~", "an empty value" },
};

void test_found_words(void **state)
{
	struct fx *f = *state;
	char text[80], want[160];

	for (size_t k = 0; k < sizeof found_words / sizeof found_words[0]; k++) {
		snprintf(text, sizeof text, "name: d\nlenient: %s\nsteps: []\n", found_words[k].value);
		snprintf(want, sizeof want, "t.yaml:2:10: `lenient` must be true or false, found %s",
			 found_words[k].found);
		load_fails(f, text, want);
	}
}

/* Identifiers take every letter, A and Z and a and z too, digits after
 * the first character, and _. */
void test_identifiers(void **state)
{
	struct fx *f = *state;

	load_ok(f, "name: n\nhandlers:\n  AZ_az_09:\n    - complete: HANDLED\nsteps:\n"
		   "  - {call: EVENT_REGISTER, args: [0, AZ_az_09, 0, RM_ANY, 0], save: ZA_za}\n"
		   "  - {call: EVENT_STATUS, args: [$ZA_za]}\n");
	assert_int_equal(f->p.nhandlers, 1);
	assert_int_equal(f->p.nvars, 1);
}

/* A choice that starts with a digit is a number, no slip of a word. */
void test_choice_slips(void **state)
{
	struct fx *f = *state;

	load_fails(f, "name: d\nplatform: {conduit: smd}\nsteps: []\n",
		   "t.yaml:2:21: `conduit` must be smc or hvc, found the string 'smd' (did you mean smc?)");
	load_fails(f, "name: d\nplatform: {conduit: 0mc}\nsteps: []\n",
		   "t.yaml:2:21: `conduit` must be smc or hvc, found the string '0mc'");
	load_fails(f, "name: d\nplatform: {conduit: 9mc}\nsteps: []\n",
		   "t.yaml:2:21: `conduit` must be smc or hvc, found the string '9mc'");
}

/* YAML's booleans in all their spellings: each loads as a boolean, names
 * no handler, and where a number is expected is said as a boolean; the
 * null words are said as an empty value, are no string and name no
 * handler either. */
void test_yaml_words(void **state)
{
	static const struct {
		const char *word;
		bool value;
	} booleans[] = {
		{ "true", true }, { "True", true }, { "TRUE", true },
		{ "false", false }, { "False", false }, { "FALSE", false },
	};
	static const char *const nulls[] = { "null", "Null", "NULL" };
	struct fx *f = *state;
	char text[120], want[160];

	for (size_t k = 0; k < sizeof booleans / sizeof booleans[0]; k++) {
		snprintf(text, sizeof text, "name: b\nlenient: %s\nsteps: []\n", booleans[k].word);
		load_ok(f, text);
		assert_int_equal(f->p.lenient, booleans[k].value);
		snprintf(text, sizeof text, "name: h\nhandlers:\n  %s: [{complete: HANDLED}]\nsteps: []\n",
			 booleans[k].word);
		snprintf(want, sizeof want, "t.yaml:3:3: '%s' cannot name a handler: it already means "
			 "something as a value", booleans[k].word);
		load_fails(f, text, want);
		snprintf(text, sizeof text, "name: v\nsteps:\n  - {call: EVENT_STATUS, args: [%s]}\n",
			 booleans[k].word);
		snprintf(want, sizeof want, "t.yaml:3:33: an argument must be a number or a name, "
			 "found the boolean %s", booleans[k].word);
		load_fails(f, text, want);
	}
	for (size_t k = 0; k < sizeof nulls / sizeof nulls[0]; k++) {
		snprintf(text, sizeof text, "name: n\nlenient: %s\nsteps: []\n", nulls[k]);
		load_fails(f, text, "t.yaml:2:10: `lenient` must be true or false, found an empty value");
		snprintf(text, sizeof text, "name: n\ndescription: %s\nsteps: []\n", nulls[k]);
		load_fails(f, text, "t.yaml:2:14: `description` must be a string, found an empty value");
		snprintf(text, sizeof text, "name: h\nhandlers:\n  %s: [{complete: HANDLED}]\nsteps: []\n",
			 nulls[k]);
		snprintf(want, sizeof want, "t.yaml:3:3: '%s' cannot name a handler: it already means "
			 "something as a value", nulls[k]);
		load_fails(f, text, want);
	}
}
