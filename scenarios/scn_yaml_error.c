/*
 * scn_yaml_error.c - libyaml's errors, said as the loader's: at the place
 * in the file they concern, and with what libyaml leaves out (the byte
 * that is not UTF-8, where an unclosed bracket or quote opened, a tab).
 */
#include <stdio.h>
#include <string.h>

#include "scn_internal.h"

/* Line and column of byte offset in text: libyaml gives only an offset
 * for errors found while decoding the bytes (bad UTF-8, NUL). */
static struct sim_loc loc_of_offset(const unsigned char *text, size_t len, size_t offset)
{
	struct sim_loc loc = { 1, 1 };
	/* libyaml drops a UTF-8 BOM before it counts columns. */
	size_t k = len >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF ? 3 : 0;

	for (; k < offset && k < len; k++) {
		if (text[k] == '\n' || (text[k] == '\r' && (k + 1 >= len || text[k + 1] != '\n'))) {
			loc.line++;
			loc.col = 1;
		} else if ((text[k] & 0xC0) != 0x80 && text[k] != '\r') {
			loc.col++;          /* columns count characters, not bytes */
		}
	}
	return loc;
}

/* A byte that is not UTF-8, which libyaml names by its offset alone: said
 * with the byte, at the character at fault.  A byte that cannot start a
 * character ("invalid leading") is that character; one that does not
 * continue the character before it ("invalid trailing", often a plain
 * one: the space after a Latin-1 é) is not: the character at fault starts
 * at the lead byte before it, and both are said.  false (nothing
 * recorded) for another error. */
static bool not_utf8(struct scn *s, const yaml_parser_t *p, const unsigned char *text, size_t len)
{
	size_t at = p->problem_offset, lead = at;
	char why[80];

	if (p->error != YAML_READER_ERROR || at >= len)
		return false;
	if (strcmp(p->problem, "invalid leading UTF-8 octet") == 0) {
		snprintf(why, sizeof why, "cannot start a character");
	} else if (strcmp(p->problem, "invalid trailing UTF-8 octet") == 0 && at > 0) {
		lead = at - 1;
		while (lead > 0 && (text[lead] & 0xC0) == 0x80)
			lead--;
		snprintf(why, sizeof why, "starts a character that byte 0x%02X after it does not "
			 "continue", text[at]);
	} else {
		return false;
	}
	scn_fail_at(s, loc_of_offset(text, len, lead), "YAML syntax error: %s: byte 0x%02X %s "
		    "(scenario files are UTF-8)", p->problem, text[lead], why);
	return true;
}

/* libyaml's contexts that name something opened and not closed: a flow
 * collection, a quoted scalar (its words, yaml_parser_parse's). */
static bool unclosed_context(const char *context)
{
	static const char *const opened[] = {
		"while parsing a flow sequence", "while parsing a flow mapping",
		"while scanning a quoted scalar",
	};

	for (size_t k = 0; k < sizeof opened / sizeof opened[0]; k++)
		if (strcmp(context, opened[k]) == 0)
			return true;
	return false;
}

/* see scn_internal.h */
void scn_yaml_error(struct scn *s, const yaml_parser_t *p, const unsigned char *text, size_t len)
{
	struct sim_loc loc;

	/* libyaml leaves some allocation failures without an error code. */
	if (p->error == YAML_MEMORY_ERROR || p->error == YAML_NO_ERROR || p->problem == NULL) {
		scn_fail_at(s, (struct sim_loc){ 1, 1 }, "out of memory");
		return;
	}
	if (not_utf8(s, p, text, len))
		return;
	if (p->error == YAML_READER_ERROR) {
		loc = loc_of_offset(text, len, p->problem_offset);
	} else {
		loc.line = (uint32_t)p->problem_mark.line + 1;
		loc.col = (uint32_t)p->problem_mark.column + 1;
	}
	/* libyaml notices an unclosed collection or quote where the file goes
	 * on (often its end), lines after the mistake: where the collection or
	 * quote opened is said too. */
	if (p->error != YAML_READER_ERROR && p->context && p->context_mark.line < p->problem_mark.line &&
	    unclosed_context(p->context)) {
		scn_fail_at(s, loc, "YAML syntax error: %s (%s that starts at %u:%u)", p->problem,
			    p->context, (unsigned)p->context_mark.line + 1,
			    (unsigned)p->context_mark.column + 1);
		return;
	}
	/* libyaml's word for a tab where YAML wants spaces says nothing of tabs */
	scn_fail_at(s, loc, "YAML syntax error: %s%s", p->problem,
		    p->error != YAML_READER_ERROR && p->problem_mark.index < len && text[p->problem_mark.index] == '\t' ?
		    " (a tab: YAML indents with spaces only)" : "");
}
