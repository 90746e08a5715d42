/*
 * scn_handlers.c - `handlers` (contract "handlers"): names first, so that
 * any step or action may name any handler (forward references), then the
 * bodies - lists of actions, or {elf: PATH, symbol: NAME} - and the kinds
 * only actions have: expect_entry, complete, complete_and_resume.
 *
 * The actions of one handler are contiguous in prog->actions: handlers
 * are parsed one after the other and nothing else adds actions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_internal.h"

/* see scn_internal.h */
bool scn_handler_names(struct scn *s, int id)
{
	const yaml_node_pair_t *pairs;
	char text[SIM_QUOTE_SIZE], found[SCN_MSG_MAX];
	int n = scn_map(s, id, "`handlers`", &pairs);

	for (int k = 0; k < n; k++) {
		const yaml_node_t *key = scn_node(s, pairs[k].key);
		bool scalar = key->type == YAML_SCALAR_NODE;
		const char *name = scalar ? (const char *)key->data.scalar.value : "";
		struct sim_handler h;
		int other;

		if (!scalar || !scn_is_ident(name, key->data.scalar.length))
			return scn_fail(s, pairs[k].key, "a handler name is letters, digits and _, not "
					"starting with a digit; found %s",
					scn_describe(s, pairs[k].key, found, sizeof found));
		/* An identifier has no NUL: name is the whole C string. */
		if (scn_is_reserved(name, key->data.scalar.length))
			return scn_fail(s, pairs[k].key, "'%s' cannot name a handler: it already means "
					"something as a value", scn_show(s, pairs[k].key, text));
		other = sim_find_handler(s->prog, name);
		if (other >= 0)
			return scn_fail(s, pairs[k].key, "duplicate handler '%s' (first at %u:%u)",
					scn_show(s, pairs[k].key, text),
					s->prog->handlers[other].loc.line, s->prog->handlers[other].loc.col);
		if (s->prog->nhandlers >= SCN_MAX_HANDLERS)
			return scn_fail(s, pairs[k].key, "too many handlers: at most %u", SCN_MAX_HANDLERS);
		memset(&h, 0, sizeof h);
		if (scn_is(s, pairs[k].value, YAML_SEQUENCE_NODE))
			h.kind = SIM_H_ACTIONS;
		else if (scn_is(s, pairs[k].value, YAML_MAPPING_NODE))
			h.kind = SIM_H_ELF;
		else
			return scn_fail(s, pairs[k].value, "handler '%s' is a list of actions or {elf: "
					"PATH, symbol: NAME}, found %s",
					scn_show(s, pairs[k].key, text),
					scn_describe(s, pairs[k].value, found, sizeof found));
		h.name = sim_add_string(s->prog, name);
		h.loc = scn_loc(s, pairs[k].key);
		if (sim_add_handler(s->prog, &h) == UINT32_MAX)
			return false;      /* out of memory: reported at the end */
	}
	return n >= 0;
}

/* {elf: PATH, symbol: NAME}, PATH relative to the scenario's directory. */
static bool elf_handler(struct scn *s, int id, uint32_t h)
{
	static const char *const keys[] = { "elf", "symbol" };
	static const struct scn_map_spec spec = { "an ELF handler", keys, 2, 3, NULL };
	struct scn_field f[2];
	char *path = NULL, *symbol = NULL, *full = NULL;
	bool ok = scn_fields(s, id, &spec, f);

	if (!f[0].key || !f[1].key)
		ok = scn_fail(s, id, "an ELF handler needs `elf: PATH` and `symbol: NAME`");
	if (f[0].key)
		ok &= scn_string(s, f[0].value, "`elf`", &path);
	if (f[1].key)
		ok &= scn_string(s, f[1].value, "`symbol`", &symbol);
	if (ok && path[0] != '/' && s->dir[0] != '\0') {
		size_t len = strlen(s->dir) + strlen(path) + 2;
		full = malloc(len);
		if (full)
			snprintf(full, len, "%s%s%s", s->dir,
				 s->dir[strlen(s->dir) - 1] == '/' ? "" : "/", path);
		else
			s->prog->oom = true;
	}
	if (ok) {
		s->prog->handlers[h].elf_path = sim_add_string(s->prog, full ? full : path);
		s->prog->handlers[h].symbol = sim_add_string(s->prog, symbol);
	}
	free(full);
	free(symbol);
	free(path);
	return ok;
}

static bool action_list(struct scn *s, int id, uint32_t h)
{
	const yaml_node_item_t *items;
	uint32_t first = s->prog->nactions;
	int n = scn_seq(s, id, "a handler", &items);

	if (n < 0)
		return false;
	for (int k = 0; k < n; k++) {
		struct sim_op op;
		if (!scn_op(s, items[k], true, &op))
			return false;
		sim_add_action(s->prog, &op);
	}
	s->prog->handlers[h].ops = first;
	s->prog->handlers[h].nops = s->prog->nactions - first;
	return true;
}

/* see scn_internal.h */
bool scn_handler_bodies(struct scn *s, int id)
{
	const yaml_node_pair_t *pairs;
	int n = scn_map(s, id, "`handlers`", &pairs);

	/* Handler k is pair k: scn_handler_names() took them all, in order. */
	for (int k = 0; k < n && (uint32_t)k < s->prog->nhandlers; k++) {
		bool ok = s->prog->handlers[k].kind == SIM_H_ACTIONS ?
			  action_list(s, pairs[k].value, (uint32_t)k) :
			  elf_handler(s, pairs[k].value, (uint32_t)k);
		if (!ok)
			return false;
	}
	return n >= 0;
}

/* see scn_internal.h */
bool scn_parse_expect_entry(struct scn *s, const struct scn_opin *in, struct sim_op *op)
{
	return scn_entry_checks(s, in->f[SCN_OK_EXPECT_ENTRY].value, &op->checks, &op->nchecks);
}

/* see scn_internal.h */
bool scn_parse_complete(struct scn *s, const struct scn_opin *in, struct sim_op *op)
{
	/* The status (complete) or resume address (complete_and_resume) goes in op->fid. */
	return scn_value(s, in->f[in->kind].value, SCN_V_RUNTIME,
			 in->kind == SCN_OK_COMPLETE ? "`complete`" : "`complete_and_resume`", &op->fid);
}
