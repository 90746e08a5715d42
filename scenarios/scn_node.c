/*
 * scn_node.c - looking at YAML nodes: types, texts, the budget, and the
 * one check of a map's keys every map of the format goes through.
 *
 * Scalars are (bytes, length): a quoted scalar may hold "\0", so texts
 * are compared with their length, never with strcmp.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_internal.h"

/* see scn_internal.h */
bool scn_is(const struct scn *s, int id, yaml_node_type_t type)
{
	const yaml_node_t *n = scn_node(s, id);
	return n && n->type == type;
}

/* see scn_internal.h */
bool scn_is_keyed_map(const struct scn *s, int id)
{
	const yaml_node_t *n = scn_node(s, id);
	return n && n->type == YAML_MAPPING_NODE && n->data.mapping.pairs.top != n->data.mapping.pairs.start;
}

static bool text_eq(const yaml_node_t *n, const char *lit)
{
	size_t len = strlen(lit);
	return n && n->type == YAML_SCALAR_NODE && n->data.scalar.length == len &&
	       memcmp(n->data.scalar.value, lit, len) == 0;
}

/* see scn_internal.h */
bool scn_text_is(const struct scn *s, int id, const char *lit)
{
	return text_eq(scn_node(s, id), lit);
}

static bool plain_one_of(const yaml_node_t *n, const char *const *words, unsigned count)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	for (unsigned k = 0; k < count; k++)
		if (text_eq(n, words[k]))
			return true;
	return false;
}

/* The YAML 1.2 core schema's words. */
static const char *const null_words[] = { "", "~", "null", "Null", "NULL" };
static const char *const true_words[] = { "true", "True", "TRUE" };
static const char *const false_words[] = { "false", "False", "FALSE" };

/* see scn_internal.h */
bool scn_is_yaml_word(const char *text, size_t len)
{
	const char *const *lists[3] = { null_words + 1, true_words, false_words };
	const unsigned counts[3] = { 4, 3, 3 };

	for (unsigned l = 0; l < 3; l++)
		for (unsigned k = 0; k < counts[l]; k++)
			if (strlen(lists[l][k]) == len && memcmp(lists[l][k], text, len) == 0)
				return true;
	return false;
}

/* see scn_internal.h */
bool scn_is_null(const struct scn *s, int id)
{
	return plain_one_of(scn_node(s, id), null_words, 5);
}

static size_t digits(const unsigned char *t, size_t len, size_t k, bool hex)
{
	while (k < len && ((t[k] >= '0' && t[k] <= '9') ||
			   (hex && ((t[k] | 0x20) >= 'a' && (t[k] | 0x20) <= 'f'))))
		k++;
	return k;
}

/* A plain scalar YAML reads as a number (only to say so in messages):
 * [-+] then 0x hex, or digits with an optional fraction and exponent. */
static bool looks_numeric(const yaml_node_t *n)
{
	const unsigned char *t = n->data.scalar.value;
	size_t len = n->data.scalar.length, k = 0, start;

	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	if (k < len && (t[k] == '-' || t[k] == '+'))
		k++;
	if (len - k > 2 && t[k] == '0' && (t[k + 1] | 0x20) == 'x')
		return digits(t, len, k + 2, true) == len;
	start = k;
	k = digits(t, len, k, false);
	if (k < len && t[k] == '.')
		k = digits(t, len, k + 1, false);
	if (k == start || (k == start + 1 && t[start] == '.'))
		return false;
	if (k < len && (t[k] | 0x20) == 'e') {
		k++;
		if (k < len && (t[k] == '-' || t[k] == '+'))
			k++;
		start = k;
		k = digits(t, len, k, false);
		if (k == start)
			return false;
	}
	return k == len;
}

/* see scn_internal.h */
const char *scn_show(const struct scn *s, int id, char buf[SIM_QUOTE_SIZE])
{
	const yaml_node_t *node = scn_node(s, id);

	if (node == NULL || node->type != YAML_SCALAR_NODE)
		return sim_quote(buf, "", 0);
	return sim_quote(buf, (const char *)node->data.scalar.value, node->data.scalar.length);
}

/* see scn_internal.h */
const char *scn_describe(const struct scn *s, int id, char *buf, size_t n)
{
	const yaml_node_t *node = scn_node(s, id);
	char text[SIM_QUOTE_SIZE];

	if (node == NULL)
		snprintf(buf, n, "nothing");
	else if (node->type == YAML_MAPPING_NODE)
		snprintf(buf, n, "a map");
	else if (node->type == YAML_SEQUENCE_NODE)
		snprintf(buf, n, "a sequence");
	else if (plain_one_of(node, null_words, 5))
		snprintf(buf, n, "an empty value");
	else if (plain_one_of(node, true_words, 3) || plain_one_of(node, false_words, 3))
		snprintf(buf, n, "the boolean %s", scn_show(s, id, text));
	else if (looks_numeric(node))
		snprintf(buf, n, "the number %s", scn_show(s, id, text));
	else
		snprintf(buf, n, "the string '%s'", scn_show(s, id, text));
	return buf;
}

/* see scn_internal.h */
bool scn_is_ident(const char *text, size_t len)
{
	if (len == 0)
		return false;
	for (size_t k = 0; k < len; k++) {
		char c = text[k];
		bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
		if (!letter && (k == 0 || c < '0' || c > '9'))
			return false;
	}
	return true;
}

/* ---- Collections and the budget ---- */

static bool pay(struct scn *s, int id, size_t items)
{
	if (s->over_budget)
		return false;
	if (items > SCN_MAX_VISITS - s->visits) {
		s->over_budget = true;
		return scn_fail(s, id, "the file is too big once its aliases are expanded: more "
				"than %u items", SCN_MAX_VISITS);
	}
	s->visits += (uint32_t)items;
	return true;
}

static bool expect_type(struct scn *s, int id, yaml_node_type_t type, const char *what)
{
	char found[SCN_MSG_MAX];

	if (scn_is(s, id, type))
		return true;
	return scn_fail(s, id, "%s must be %s, found %s", what,
			type == YAML_SEQUENCE_NODE ? "a sequence" : "a map",
			scn_describe(s, id, found, sizeof found));
}

/* see scn_internal.h */
int scn_seq(struct scn *s, int id, const char *what, const yaml_node_item_t **items)
{
	const yaml_node_t *n;
	const void *kids;

	if (!expect_type(s, id, YAML_SEQUENCE_NODE, what))
		return -1;
	n = scn_node(s, id);
	if (!pay(s, id, (size_t)(n->data.sequence.items.top - n->data.sequence.items.start)) ||
	    !scn_tree_kids(s, id, &kids))
		return -1;
	*items = kids;
	return (int)(n->data.sequence.items.top - n->data.sequence.items.start);
}

/* see scn_internal.h */
int scn_map(struct scn *s, int id, const char *what, const yaml_node_pair_t **pairs)
{
	const yaml_node_t *n;
	const void *kids;

	if (!expect_type(s, id, YAML_MAPPING_NODE, what))
		return -1;
	n = scn_node(s, id);
	if (!pay(s, id, (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start)) ||
	    !scn_tree_kids(s, id, &kids))
		return -1;
	*pairs = kids;
	return (int)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
}

/* see scn_internal.h */
bool scn_has_key(struct scn *s, int id, const char *const *names, unsigned n, uint64_t mask)
{
	const yaml_node_pair_t *pairs;
	int np;

	if (!scn_is(s, id, YAML_MAPPING_NODE) || (np = scn_map(s, id, "a map", &pairs)) < 0)
		return false;
	for (int j = 0; j < np; j++)
		for (unsigned k = 0; k < n; k++)
			if (((mask >> k) & 1) && scn_text_is(s, pairs[j].key, names[k]))
				return true;
	return false;
}

/* "a, b or c" of the names[] whose bit is set in mask. */
static const char *list_names(const char *const *names, unsigned n, uint64_t mask, char *buf,
			      size_t size)
{
	unsigned total = 0, done = 0;
	size_t used = 0;

	buf[0] = '\0';
	for (unsigned k = 0; k < n; k++)
		total += (mask >> k) & 1;
	for (unsigned k = 0; k < n && used < size; k++) {
		if (!((mask >> k) & 1))
			continue;
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
					 done == 0 ? "" : done + 1 == total ? " or " : ", ", names[k]);
		done++;
	}
	return buf;
}

/* see scn_internal.h */
const char *scn_suggest(const struct scn *s, int id, const char *const *names, unsigned n,
			uint64_t mask, struct scn_near *nr)
{
	const yaml_node_t *node = scn_node(s, id);

	if (node == NULL || node->type != YAML_SCALAR_NODE)
		return NULL;
	for (unsigned k = 0; k < n; k++)
		if ((mask >> k) & 1)
			scn_near(nr, (const char *)node->data.scalar.value, node->data.scalar.length,
				 names[k]);
	return scn_near_said(nr, "");
}

/* see scn_internal.h */
bool scn_fields(struct scn *s, int map, const struct scn_map_spec *spec, struct scn_field *f)
{
	const yaml_node_pair_t *pairs;
	char text[SIM_QUOTE_SIZE], found[SCN_MSG_MAX], allowed[SCN_MSG_MAX / 2];
	int np = scn_map(s, map, spec->what, &pairs);
	bool ok = np >= 0;

	memset(f, 0, spec->n * sizeof *f);
	for (int j = 0; j < np; j++) {
		const yaml_node_t *key = scn_node(s, pairs[j].key);
		unsigned k = 0;

		if (key->type != YAML_SCALAR_NODE) {
			ok = scn_fail(s, pairs[j].key, "a key in %s must be a name, found %s", spec->what,
				      scn_describe(s, pairs[j].key, found, sizeof found));
			continue;
		}
		while (k < spec->n && !text_eq(key, spec->names[k]))
			k++;
		if (k == spec->n || !((spec->allowed >> k) & 1)) {
			/* a map with a hint (registers x0..x30) takes more than
			 * its names say: x31 is no slip of x30 */
			struct scn_near nr = { 0 };
			const char *near = k == spec->n && !spec->hint ?
				scn_suggest(s, pairs[j].key, spec->names, spec->n, spec->allowed, &nr) : NULL;
			const char *hint = spec->hint ? spec->hint :
				list_names(spec->names, spec->n, spec->allowed, allowed, sizeof allowed);
			if (near) {
				ok = scn_fail(s, pairs[j].key, "unknown key '%s' in %s (did you mean %s?)",
					      scn_show(s, pairs[j].key, text), spec->what, near);
				continue;
			}
			ok = scn_fail(s, pairs[j].key, "%s '%s' %s %s (allowed: %s)",
				      k == spec->n ? "unknown key" : "key",
				      scn_show(s, pairs[j].key, text),
				      k == spec->n ? "in" : "is not allowed in", spec->what, hint);
		} else if (f[k].key) {
			struct sim_loc first = scn_loc(s, f[k].key);
			ok = scn_fail(s, pairs[j].key, "duplicate key '%s' in %s (first at %u:%u)",
				      spec->names[k], spec->what, first.line, first.col);
		} else {
			f[k].key = pairs[j].key;
			f[k].value = pairs[j].value;
		}
	}
	return ok;
}

/* ---- Scalars ---- */

/* see scn_internal.h */
bool scn_bool_word(const struct scn *s, int id, bool *out)
{
	const yaml_node_t *n = scn_node(s, id);

	*out = plain_one_of(n, true_words, 3);
	return *out || plain_one_of(n, false_words, 3);
}

/* see scn_internal.h */
bool scn_bool(struct scn *s, int id, const char *what, bool *out)
{
	char found[SCN_MSG_MAX];

	if (scn_bool_word(s, id, out))
		return true;
	return scn_fail(s, id, "%s must be true or false, found %s", what,
			scn_describe(s, id, found, sizeof found));
}

/* see scn_internal.h */
bool scn_string(struct scn *s, int id, const char *what, char **out)
{
	const yaml_node_t *n = scn_node(s, id);
	char found[SCN_MSG_MAX];

	if (n == NULL || n->type != YAML_SCALAR_NODE || scn_is_null(s, id))
		return scn_fail(s, id, "%s must be a string, found %s", what,
				scn_describe(s, id, found, sizeof found));
	if (memchr(n->data.scalar.value, '\0', n->data.scalar.length))
		return scn_fail(s, id, "%s must not contain a NUL character", what);
	free(*out);
	*out = strndup((const char *)n->data.scalar.value, n->data.scalar.length);
	if (*out == NULL)
		s->prog->oom = true;
	return *out != NULL;
}

/* see scn_internal.h */
bool scn_choice(struct scn *s, int id, const char *what, const char *const *names, unsigned n,
		unsigned *out)
{
	const yaml_node_t *node = scn_node(s, id);
	struct scn_near nr = { 0 };
	char found[SCN_MSG_MAX], choices[SCN_MSG_MAX / 2], hint[sizeof nr.said + 20] = "";
	const char *near;

	for (unsigned k = 0; k < n; k++) {
		if (text_eq(node, names[k])) {
			*out = k;
			return true;
		}
	}
	/* A slip of a word, as of a key (scn_fields): the nearest, unless it
	 * is every choice there is, which the list says already.  A number
	 * is no slip (`version: 2.0` is not one of 1.0). */
	near = node && node->type == YAML_SCALAR_NODE && node->data.scalar.length &&
	       (node->data.scalar.value[0] < '0' || node->data.scalar.value[0] > '9') ?
	       scn_suggest(s, id, names, n, SCN_BIT(n) - 1, &nr) : NULL;
	if (near && (n > 2 || nr.also == NULL))
		snprintf(hint, sizeof hint, " (did you mean %s?)", near);
	return scn_fail(s, id, "%s must be %s, found %s%s", what,
			list_names(names, n, SCN_BIT(n) - 1, choices, sizeof choices),
			scn_describe(s, id, found, sizeof found), hint);
}
