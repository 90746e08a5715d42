/*
 * scn_yaml_error.c - libyaml's errors, said as the loader's: at the place
 * in the file they concern, and with what libyaml leaves out (the byte
 * that is not UTF-8, where an unclosed bracket or quote opened, a tab).
 */
#include <stdio.h>
#include <string.h>

#include "input_kind.h"
#include "scn_internal.h"

/* Bytes of text before libyaml's first line and column: a UTF-8 BOM's,
 * which libyaml drops before it counts. */
static size_t bom_len(const unsigned char *text, size_t len)
{
	return len >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF ? 3 : 0;
}

/* Line and column of byte offset in text: libyaml gives only an offset
 * for errors found while decoding the bytes (bad UTF-8, NUL). */
static struct sim_loc loc_of_offset(const unsigned char *text, size_t len, size_t offset)
{
	struct sim_loc loc = { 1, 1 };
	size_t k = bom_len(text, len);

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

/* Whether what libyaml's mark m points at is the first thing on its line
 * (only spaces before it).  Lines are counted as libyaml counts them: a
 * UTF-8 BOM is not in the first, and LF, CR LF, CR, NEL, LS and PS end
 * one. */
static bool first_on_line(const unsigned char *text, size_t len, yaml_mark_t m)
{
	size_t k = bom_len(text, len);

	for (size_t line = 0; line < m.line && k < len; k++) {
		if (text[k] == '\r' && k + 1 < len && text[k + 1] == '\n')
			k++;
		if (text[k] == '\n' || text[k] == '\r')
			line++;
		else if (k + 1 < len && text[k] == 0xC2 && text[k + 1] == 0x85)
			line++, k++;
		else if (k + 2 < len && text[k] == 0xE2 && text[k + 1] == 0x80 && (text[k + 2] | 1) == 0xA9)
			line++, k += 2;
	}
	for (size_t col = 0; col < m.column; col++, k++)
		if (k >= len || text[k] != ' ')
			return false;
	return true;
}

/* What libyaml's messages about the block structure (keys and '- ' items
 * on lines of their own, their nesting by indentation) mean, in words a
 * writer of scenarios reads: in buf, after a space; "" for another
 * message.  Each is true of every input libyaml gives its message for,
 * as its scanner and parser decide when they give it: what it says of
 * this input is measured (the columns, what is before the token on its
 * line), and what it cannot tell (which of the likely mistakes it is) is
 * said as what YAML takes, not as the mistake. */
static const char *meaning(const yaml_parser_t *p, const unsigned char *text, size_t len, char *buf,
			   size_t size)
{
	const char *problem = p->problem, *context = p->context ? p->context : "";
	yaml_mark_t at = p->problem_mark, opened = p->context_mark;
	bool map = strcmp(context, "while parsing a block mapping") == 0 &&
		   strcmp(problem, "did not find expected key") == 0;
	bool list = strcmp(context, "while parsing a block collection") == 0 &&
		    strcmp(problem, "did not find expected '-' indicator") == 0;

	buf[0] = '\0';
	if (at.index < len && text[at.index] == '\t') {
		/* libyaml's word for a tab where YAML wants spaces says nothing of tabs */
		snprintf(buf, size, " (a tab: YAML indents with spaces only)");
	} else if (strcmp(problem, "mapping values are not allowed in this context") == 0) {
		/* a ':' and a blank where no key can start (block context
		 * only): after a value on the line, or in a line that
		 * continues one (more indented than its key, or inside quotes) */
		snprintf(buf, size, " (YAML is reading a value here, begun on this line or on a line "
			 "above that this one continues, so this ':' cannot end a key: quote a value "
			 "that holds ': ', and indent a key as the keys beside it)");
	} else if (strcmp(problem, "block sequence entries are not allowed in this context") == 0) {
		/* a '-' and a blank after something on the same line (a new
		 * line, or another '- ', lets one start) */
		snprintf(buf, size, " (a '- ' item cannot follow what is before it on this line: "
			 "start it on a line of its own, or quote a value that begins with '- ')");
	} else if (strcmp(problem, "could not find expected ':'") == 0 &&
		   strcmp(context, "while scanning a simple key") == 0) {
		/* text at the indentation of its block (a key's place) that
		 * no ':' ended on its line */
		snprintf(buf, size, " (what starts at %u:%u is at the column of the keys or items "
			 "beside it, so it must be a key, with its ':' on the same line)",
			 (unsigned)opened.line + 1, (unsigned)opened.column + 1);
	} else if ((map || list) && !first_on_line(text, len, at)) {
		/* a token after a node that has ended on this line (a plain
		 * scalar would have gone on to take it) */
		snprintf(buf, size, " (something before it on this line has ended, such as a quoted "
			 "string, a [...] or a {...}: only a comment may follow it there)");
	} else if ((map || list) && at.column == opened.column) {
		snprintf(buf, size, map ? " (this line is at the column of the keys of the map that "
			 "starts at %u:%u, but is not `KEY: VALUE`)" : " (this line is at the column of "
			 "the '-' of the list that starts at %u:%u, but is not a '- ' item)",
			 (unsigned)opened.line + 1, (unsigned)opened.column + 1);
	} else if ((map || list) && at.column > opened.column) {
		/* (a line indented less than the block closes it: never here) */
		snprintf(buf, size, map ? " (this line is indented more than the keys of the map that "
			 "starts at %u:%u, but is not part of the value before it: indent it as the keys "
			 "or the list items beside it)" : " (this line is indented more than the '-' of "
			 "the list that starts at %u:%u, but is not part of the item before it: indent it "
			 "as the item's keys, or as the '-' of the items beside it)",
			 (unsigned)opened.line + 1, (unsigned)opened.column + 1);
	}
	return buf;
}

/* see scn_internal.h */
void scn_yaml_error(struct scn *s, const yaml_parser_t *p, const unsigned char *text, size_t len)
{
	struct sim_loc loc;
	char why[SCN_MSG_MAX / 2];
	/* another of the tool's inputs, given to the wrong command: the
	 * loader's message says so (sim_input_hint), not what libyaml's
	 * errors would mean in a scenario */
	enum sim_input_kind kind = sim_input_kind_of((const char *)text, len);
	bool foreign = kind != SIM_INPUT_SCENARIO && kind != SIM_INPUT_UNKNOWN;

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
	scn_fail_at(s, loc, "YAML syntax error: %s%s", p->problem,
		    p->error == YAML_READER_ERROR || foreign ? "" : meaning(p, text, len, why, sizeof why));
}
