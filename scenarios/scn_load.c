/*
 * scn_load.c - the loader's entry points: reading the file, driving
 * libyaml, the top level of a scenario, and the one error reported.
 *
 * libyaml's parser is read event by event.  Each event of the first
 * document is checked against the limits before anything is built from it
 * (libyaml's scanner is quadratic in the nesting of flow collections:
 * 200,000 `[` take minutes, so a file nested too deeply is refused at the
 * level too many), then added to the node tree the scenario is read from
 * (scn_tree.c, not libyaml's yaml_parser_load, whose aliases have no
 * position of their own).  Then one more event tells whether a second
 * document follows.  libyaml's own errors are said by scn_yaml_error.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input_kind.h"
#include "scn_internal.h"

/* ---- Errors ---- */

static bool loc_before(struct sim_loc a, struct sim_loc b)
{
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

static bool vfail(struct scn *s, struct sim_loc loc, const char *fmt, va_list ap) SCN_PRINTF(3, 0);

static bool vfail(struct scn *s, struct sim_loc loc, const char *fmt, va_list ap)
{
	/* Keep the earliest: a later check may find an error before one
	 * recorded already (see scn_internal.h). */
	if (s->failed && !loc_before(loc, s->err_loc))
		return false;
	for (unsigned k = 0; k < s->nmerge_maps; k++)
		if (s->merge_maps[k].line == loc.line && s->merge_maps[k].col == loc.col)
			return false;
	s->failed = true;
	s->err_loc = loc;
	vsnprintf(s->msg, sizeof s->msg, fmt, ap);
	return false;
}

/* see scn_internal.h */
bool scn_fail_at(struct scn *s, struct sim_loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(s, loc, fmt, ap);
	va_end(ap);
	return false;
}

/* see scn_internal.h */
bool scn_fail(struct scn *s, int id, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(s, scn_loc(s, id), fmt, ap);
	va_end(ap);
	return false;
}

static const struct sim_loc file_start = { 1, 1 };

/* ---- Reading the document: limits, then the tree ---- */

/* PRE_REFUSED: a limit, or the tree, refused the document: it is not read. */
enum prescan_result { PRE_DOCUMENT, PRE_EMPTY, PRE_SYNTAX, PRE_REFUSED, PRE_MORE };

/* The tag as the file writes it (`!!str`, not libyaml's resolved
 * `tag:yaml.org,2002:str`): after the node's anchor, if any, up to a blank
 * or flow indicator.  Its length, from text[*start]; 0 if it is not found
 * there. */
static size_t written_tag(const unsigned char *text, size_t len, size_t at, size_t *start)
{
	size_t k = at;
	bool verbatim;

	if (k < len && text[k] == '&') {
		while (k < len && text[k] > ' ')
			k++;
		while (k < len && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r' ||
				   text[k] == '\n'))
			k++;
	}
	if (k >= len || text[k] != '!')
		return 0;
	*start = k;
	verbatim = k + 1 < len && text[k + 1] == '<';       /* !<tag:yaml.org,2002:str> */
	while (k < len && text[k] > ' ' && text[k] < 0x7F) {
		char c = (char)text[k++];
		if (!verbatim && memchr(",[]{}", c, 5)) {
			k--;
			break;
		}
		if (verbatim && c == '>')
			break;
	}
	return k - *start;
}

/* YAML this loader does not take, which the node tree would hide: an
 * explicit tag (`!!str 0` would read as the number 0, `!x` be dropped)
 * and a merge key (`<<: *a`, which would read as an unknown key `<<`).
 * Refused where they are: true after failing s. */
static bool unsupported(struct scn *s, const yaml_event_t *ev, struct sim_loc at,
			struct sim_loc map, const unsigned char *text, size_t len)
{
	const yaml_char_t *tag = NULL;
	size_t start = 0, n;

	if (ev->type == YAML_SCALAR_EVENT)
		tag = ev->data.scalar.tag;
	else if (ev->type == YAML_SEQUENCE_START_EVENT)
		tag = ev->data.sequence_start.tag;
	else if (ev->type == YAML_MAPPING_START_EVENT)
		tag = ev->data.mapping_start.tag;
	if (tag) {
		n = written_tag(text, len, ev->start_mark.index, &start);
		scn_fail_at(s, at, "YAML tags are not taken (found '%s'): write the value itself "
			    "(quoted for a string)", n ? SIM_QUOTED((const char *)text + start, n) :
			    SIM_QUOTED_STR((const char *)tag));
		return true;
	}
	if (ev->type == YAML_SCALAR_EVENT && ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    ev->data.scalar.length == 2 && memcmp(ev->data.scalar.value, "<<", 2) == 0) {
		scn_fail_at(s, at, "merge keys (<<) are not taken: write the keys out (quote \"<<\" for the text)");
		if (s->nmerge_maps < sizeof s->merge_maps / sizeof s->merge_maps[0])
			s->merge_maps[s->nmerge_maps++] = map;
		return true;
	}
	return false;
}

/* Read events up to the end of the first document into s->tree. */
static enum prescan_result prescan(struct scn *s, yaml_parser_t *p, const unsigned char *text,
				   size_t len)
{
	uint32_t depth = 0, nodes = 0;
	bool document = false;
	/* where each open collection starts (the innermost at depth - 1) */
	struct sim_loc open[SCN_MAX_DEPTH + 1] = { { 0, 0 } };

	for (;;) {
		yaml_event_t ev;
		struct sim_loc at;
		enum prescan_result result = PRE_MORE;

		if (!yaml_parser_parse(p, &ev)) {
			scn_yaml_error(s, p, text, len);
			return PRE_SYNTAX;
		}
		at.line = (uint32_t)ev.start_mark.line + 1;
		at.col = (uint32_t)ev.start_mark.column + 1;
		nodes += scn_node_event(ev.type);
		/* Refused, but the document is still read: an error before
		 * this one in the file is the one reported (vfail). */
		unsupported(s, &ev, at, depth ? open[depth - 1] : at, text, len);
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			result = document ? PRE_DOCUMENT : PRE_EMPTY;
			break;
		case YAML_DOCUMENT_START_EVENT:
			document = true;
			break;
		case YAML_DOCUMENT_END_EVENT:
			result = PRE_DOCUMENT;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > SCN_MAX_DEPTH) {
				scn_fail_at(s, at, "nested too deeply: more than %u levels of maps and "
					    "sequences", SCN_MAX_DEPTH);
				result = PRE_REFUSED;
				break;
			}
			open[depth - 1] = at;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:            /* STREAM-START, scalars, aliases */
			break;
		}
		if (result == PRE_MORE && nodes > SCN_MAX_NODES) {
			scn_fail_at(s, at, "too many YAML nodes: a scenario file may have at most %u",
				    SCN_MAX_NODES);
			result = PRE_REFUSED;
		}
		if (result == PRE_MORE && !scn_tree_add(s, &ev))
			result = PRE_REFUSED;
		yaml_event_delete(&ev);
		if (result != PRE_MORE)
			return result;
	}
}

/* After the first document: nothing more may follow. */
static void second_document(struct scn *s, yaml_parser_t *p, const unsigned char *text, size_t len)
{
	yaml_event_t ev;

	if (!yaml_parser_parse(p, &ev)) {
		scn_yaml_error(s, p, text, len);
		return;
	}
	if (ev.type == YAML_DOCUMENT_START_EVENT)
		scn_fail_at(s, (struct sim_loc){ (uint32_t)ev.start_mark.line + 1,
						 (uint32_t)ev.start_mark.column + 1 },
			    "a second YAML document starts here: a scenario file holds one document");
	yaml_event_delete(&ev);
}

/* ---- Variables ---- */

/* `save: NAME` anywhere a step or action may have it declares NAME before
 * anything is parsed, so that a `$NAME` used before (in the file) the step
 * that saves it is not taken for undefined. */
static void declare_saves(struct scn *s, int list)
{
	const yaml_node_item_t *items;
	int n;

	if (!scn_is(s, list, YAML_SEQUENCE_NODE) || (n = scn_seq(s, list, "a list", &items)) < 0)
		return;
	for (int k = 0; k < n; k++) {
		const yaml_node_pair_t *pairs;
		int np;
		if (!scn_is(s, items[k], YAML_MAPPING_NODE) ||
		    (np = scn_map(s, items[k], "a map", &pairs)) < 0)
			continue;
		for (int j = 0; j < np; j++) {
			const yaml_node_t *v = scn_node(s, pairs[j].value);
			char *name;
			if (!scn_text_is(s, pairs[j].key, "save") || v->type != YAML_SCALAR_NODE ||
			    !scn_is_ident((const char *)v->data.scalar.value, v->data.scalar.length) ||
			    scn_find_var(s->prog, (const char *)v->data.scalar.value,
					 v->data.scalar.length) >= 0)
				continue;
			if (s->prog->nvars >= SCN_MAX_VARS) {
				scn_fail(s, pairs[j].value, "too many variables: at most %u different "
					 "names can be saved", SCN_MAX_VARS);
				return;
			}
			name = strndup((const char *)v->data.scalar.value, v->data.scalar.length);
			if (name == NULL) {
				s->prog->oom = true;
				return;
			}
			sim_var(s->prog, name);
			free(name);
		}
	}
}

/* ---- The top level ---- */

enum {
	TOP_NAME, TOP_DESCRIPTION, TOP_PLATFORM, TOP_HANDLERS, TOP_STEPS, TOP_LENIENT, TOP_CHOICES,
	TOP_COUNT
};

static const char *const top_keys[TOP_COUNT] = {
	"name", "description", "platform", "handlers", "steps", "lenient", "choices",
};

/* `choices: [N, ...]`: the answers to the simulator's choices, 0..255. */
static void choices(struct scn *s, int id)
{
	const yaml_node_item_t *items;
	int n = scn_seq(s, id, "`choices`", &items);

	for (int k = 0; k < n; k++) {
		uint64_t v;
		if (!scn_uint(s, items[k], "a choice", 0, 255, &v))
			return;
		sim_add_choice(s->prog, (uint8_t)v);
	}
}

static const struct scn_map_spec top_spec = {
	"the top level", top_keys, TOP_COUNT, SCN_BIT(TOP_COUNT) - 1, NULL,
};

static void translate(struct scn *s, int root)
{
	struct scn_field f[TOP_COUNT];
	char found[SCN_MSG_MAX];
	int handlers, steps;
	bool keys_ok, platform_ok, basis_ok, names_ok, handlers_first, ok;

	if (scn_is_null(s, root)) {
		scn_fail(s, root, "empty document: a scenario needs `name` and `steps`");
		return;
	}
	if (!scn_is(s, root, YAML_MAPPING_NODE)) {
		scn_fail(s, root, "a scenario is a map with `name` and `steps`, found %s",
			 scn_describe(s, root, found, sizeof found));
		return;
	}
	/* A key that is missing is often one misspelled (`stpes:`): the
	 * unknown key, at its place, says more than "missing `steps`" at the
	 * start of the file, which as the earlier error would win.  So the
	 * keys are checked first, and a missing one only when all are known. */
	keys_ok = scn_fields(s, root, &top_spec, f);
	if (keys_ok && !f[TOP_NAME].key)
		scn_fail(s, root, "missing `name`: a scenario needs `name` and `steps`");
	if (keys_ok && !f[TOP_STEPS].key)
		scn_fail(s, root, "missing `steps`: a scenario needs `name` and `steps` "
			 "(`steps: []` for none)");
	if (f[TOP_NAME].key && scn_string(s, f[TOP_NAME].value, "`name`", &s->prog->name) &&
	    s->prog->name[0] == '\0')
		scn_fail(s, f[TOP_NAME].value, "`name` must not be empty");
	if (f[TOP_DESCRIPTION].key)
		scn_string(s, f[TOP_DESCRIPTION].value, "`description`", &s->prog->description);
	/* Before the steps: a lenient file may use a $name nothing saves. */
	if (f[TOP_LENIENT].key)
		scn_bool(s, f[TOP_LENIENT].value, "`lenient`", &s->prog->lenient);
	if (f[TOP_CHOICES].key)
		choices(s, f[TOP_CHOICES].value);

	handlers = f[TOP_HANDLERS].value;
	steps = f[TOP_STEPS].value;
	/* Variables are numbered in file order (node ids are in file order). */
	handlers_first = handlers && handlers < steps;
	if (!handlers_first)
		declare_saves(s, steps);
	if (scn_is(s, handlers, YAML_MAPPING_NODE)) {
		const yaml_node_pair_t *pairs;
		int n = scn_map(s, handlers, "`handlers`", &pairs);
		for (int k = 0; k < n; k++)
			declare_saves(s, pairs[k].value);
	}
	if (handlers_first)
		declare_saves(s, steps);

	/* The platform and the handler names are independent; bodies and steps
	 * are checked against both, so only when both are usable. */
	platform_ok = scn_platform(s, f[TOP_PLATFORM].value, &basis_ok);
	names_ok = !handlers || scn_handler_names(s, handlers);
	ok = platform_ok;
	if (basis_ok && names_ok && !s->over_budget) {
		bool bodies_ok = !handlers || scn_handler_bodies(s, handlers);
		ok &= (!steps || scn_steps(s, steps)) && bodies_ok;
	} else {
		ok = false;
	}
	/* Every failure records its message; make sure of it rather than
	 * return a half-built program as a success. */
	if (!ok && !s->failed && !s->prog->oom)
		scn_fail(s, root, "internal error: the scenario was refused without a reason");
}

/* Parse text and translate its document. */
static void parse(struct scn *s, const unsigned char *text, size_t len)
{
	yaml_parser_t parser;
	enum prescan_result pre;

	/* Scenario files are UTF-8 (with or without a BOM).  libyaml would
	 * read UTF-16 too, but then its error offsets are not UTF-8 ones. */
	if (len >= 2 && ((text[0] == 0xFF && text[1] == 0xFE) || (text[0] == 0xFE && text[1] == 0xFF))) {
		scn_fail_at(s, file_start, "the file is UTF-16: scenario files are UTF-8");
		return;
	}
	if (!yaml_parser_initialize(&parser)) {
		scn_fail_at(s, file_start, "out of memory");
		return;
	}
	yaml_parser_set_input_string(&parser, text, len);

	pre = prescan(s, &parser, text, len);
	if (pre == PRE_EMPTY) {
		scn_fail_at(s, file_start, "empty file: a scenario needs `name` and `steps`");
	} else if (pre == PRE_DOCUMENT) {
		translate(s, 1);      /* node 1 is the root: a document has one */
		if (!s->failed)
			second_document(s, &parser, text, len);
	}
	scn_tree_free(&s->tree);
	yaml_parser_delete(&parser);
}

/* The directory part of name ("" for none), for relative ELF paths. */
static char *dir_of(const char *name)
{
	const char *slash = strrchr(name, '/');

	if (slash == NULL)
		return strdup("");
	return strndup(name, slash == name ? 1 : (size_t)(slash - name));
}

static int load(const char *name, const unsigned char *text, size_t len, const char *profile,
		struct sim_program *prog, char *err, size_t errlen)
{
	struct scn s;
	char *dir, choices[SCN_PROFILE_CHOICES_SIZE];

	memset(&s, 0, sizeof s);
	s.prog = prog;
	sim_program_reset(prog);
	prog->file = strdup(name);
	dir = dir_of(name);
	s.dir = dir ? dir : "";
	if (prog->file == NULL || dir == NULL)
		scn_fail_at(&s, file_start, "out of memory");
	else if (!sim_platform_profile(&prog->platform, profile ? profile : "default"))
		scn_fail_at(&s, file_start, "unknown platform profile '%s' (built-in: %s)",
			    SIM_QUOTED_STR(profile), scn_profile_choices(profile, choices, sizeof choices));
	else if (len > SCN_MAX_FILE_SIZE)
		scn_fail_at(&s, file_start, "the file is too large: more than %u bytes, the most a "
			    "scenario file may have", SCN_MAX_FILE_SIZE);
	else
		parse(&s, text, len);
	if (prog->oom) {
		/* The root cause of whatever else went wrong (a name not added, ...). */
		s.failed = false;
		scn_fail_at(&s, file_start, "out of memory");
	}
	free(dir);
	if (!s.failed)
		return 0;
	if (err && errlen) {
		/* another of the tool's inputs, given to the wrong command */
		enum sim_input_kind kind = sim_input_kind_of((const char *)text, len);
		snprintf(err, errlen, "%s:%u:%u: %s%s", name, s.err_loc.line, s.err_loc.col, s.msg,
			 kind == SIM_INPUT_SCENARIO ? "" : sim_input_hint(kind));
	}
	return -1;
}

/* see scn.h */
int scn_load_string(const char *name, const char *text, size_t len, const char *profile,
		    struct sim_program *prog, char *err, size_t errlen)
{
	/* libyaml wants a pointer even for no bytes. */
	return load(name, text ? (const unsigned char *)text : (const unsigned char *)"",
		    text ? len : 0, profile, prog, err, errlen);
}

/* see scn.h */
int scn_load_file(const char *path, const char *profile, struct sim_program *prog, char *err,
		  size_t errlen)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	size_t len;
	int rc, saved;

	if (f == NULL) {
		saved = errno;
		sim_program_reset(prog);
		if (err && errlen)
			snprintf(err, errlen, "%s:1:1: cannot open the file: %s", path, strerror(saved));
		return -1;
	}
	/* One byte more than the limit tells a file at the limit from a bigger one. */
	buf = malloc(SCN_MAX_FILE_SIZE + 1);
	if (buf == NULL) {
		fclose(f);
		if (err && errlen)
			snprintf(err, errlen, "%s:1:1: out of memory", path);
		return -1;
	}
	len = fread(buf, 1, SCN_MAX_FILE_SIZE + 1, f);
	if (ferror(f)) {
		saved = errno;
		fclose(f);
		free(buf);
		sim_program_reset(prog);
		if (err && errlen)
			snprintf(err, errlen, "%s:1:1: cannot read the file: %s", path, strerror(saved));
		return -1;
	}
	fclose(f);
	rc = load(path, buf, len, profile, prog, err, errlen);
	free(buf);
	return rc;
}
