/*
 * scn_tree.c - the document the loader reads, built from libyaml's events.
 *
 * libyaml's own document model (yaml_parser_load) makes an alias the very
 * node its anchor names, so a message about a value written `*a` would
 * point at the `&a`, which may be a line that is right.  Here a node id is
 * a use of a node: each alias is a use of its own, at the `*a`, and what
 * lies inside a collection reached through an alias is used there too: its
 * items get ids of their own, made when the loader first looks at them
 * (scn_tree_kids), located at the alias.  An alias inside an alias is
 * located at the outer one, the one written where the value is used.
 *
 * Nothing of a value is copied for an alias, only ids: an alias "bomb"
 * costs what the loader looks at, which the budget (SCN_MAX_VISITS) bounds, not what it could expand
 * to; and an alias to a collection not yet closed (a cycle) is an id like
 * another, read only as deep as the format goes.
 */
#include <stdlib.h>
#include <string.h>

#include "scn_internal.h"

/* An anchor: its name and the node it names (index into nodes). */
struct scn_anchor {
	char *name;
	uint32_t node;
};

static bool out_of_memory(struct scn *s)
{
	s->prog->oom = true;
	return false;
}

/* The array at start (elements of size bytes, *cap of them, used in use)
 * with room for one more: start itself, or where it moved; NULL when
 * memory ran out (start is still there). */
static void *room(void *start, uint32_t used, uint32_t *cap, size_t size)
{
	void *bigger;
	uint32_t want;

	if (used < *cap)
		return start;
	want = *cap ? *cap * 2 : 4;
	bigger = realloc(start, (size_t)want * size);
	if (bigger)
		*cap = want;
	return bigger;
}

/* A new use of node at `at` (via: through an alias): its id, or 0 when
 * memory ran out. */
static int new_use(struct scn *s, uint32_t node, struct sim_loc at, bool via)
{
	struct scn_tree *t = &s->tree;
	struct scn_use *uses = room(t->uses, t->nuses, &t->uses_cap, sizeof *uses);

	if (uses == NULL) {
		out_of_memory(s);
		return 0;
	}
	t->uses = uses;
	t->uses[t->nuses] = (struct scn_use){ node, at, via, NULL };
	return (int)++t->nuses;
}

/* ---- Anchors: open addressing, so that many anchors stay cheap ---- */

static uint32_t hash(const char *name)
{
	uint32_t h = 2166136261u;     /* FNV-1a */

	while (*name)
		h = (h ^ (unsigned char)*name++) * 16777619u;
	return h;
}

/* The slot of name: where it is, or the empty one where it would go. */
static struct scn_anchor *slot(const struct scn_tree *t, const char *name)
{
	uint32_t k = hash(name) & (t->anchor_cap - 1);

	while (t->anchors[k].name && strcmp(t->anchors[k].name, name) != 0)
		k = (k + 1) & (t->anchor_cap - 1);
	return &t->anchors[k];
}

static bool grow_anchors(struct scn_tree *t)
{
	uint32_t old_cap = t->anchor_cap, cap = old_cap ? old_cap * 2 : 64;
	struct scn_anchor *old = t->anchors, *fresh = calloc(cap, sizeof *fresh);

	if (fresh == NULL)
		return false;
	t->anchors = fresh;
	t->anchor_cap = cap;
	for (uint32_t k = 0; k < old_cap; k++)
		if (old[k].name)
			*slot(t, old[k].name) = old[k];
	free(old);
	return true;
}

/* libyaml refuses an anchor given twice ("second occurrence"), where YAML
 * 1.2 would take the later one: kept, as every file so far was read so,
 * and said with the name and the first one's place. */
static bool add_anchor(struct scn *s, const yaml_char_t *name, uint32_t node, struct sim_loc at)
{
	struct scn_tree *t = &s->tree;
	struct scn_anchor *a;

	if (2 * (t->nanchors + 1) > t->anchor_cap && !grow_anchors(t))
		return out_of_memory(s);
	a = slot(t, (const char *)name);
	if (a->name) {
		yaml_mark_t first = t->nodes[a->node].start_mark;
		return scn_fail_at(s, at, "anchor '&%s' is given a second time (first at %u:%u): an "
				   "anchor name may be given once per file",
				   SIM_QUOTED_STR((const char *)name), (unsigned)first.line + 1,
				   (unsigned)first.column + 1);
	}
	a->name = strdup((const char *)name);
	if (a->name == NULL)
		return out_of_memory(s);
	a->node = node;
	t->nanchors++;
	return true;
}

/* ---- Building ---- */

/* A new use of node at `at`; it becomes an item of the innermost open
 * collection.  via: the use is an alias (see the top of the file). */
static bool add_use(struct scn *s, uint32_t node, struct sim_loc at, bool via)
{
	struct scn_tree *t = &s->tree;
	int id = new_use(s, node, at, via);
	yaml_node_t *p;
	uint32_t used, cap;

	if (id == 0)
		return false;
	if (t->depth == 0)
		return true;
	p = &t->nodes[t->open[t->depth - 1]];
	if (p->type == YAML_SEQUENCE_NODE) {
		yaml_node_item_t *items = p->data.sequence.items.start;
		used = (uint32_t)(p->data.sequence.items.top - items);
		cap = (uint32_t)(p->data.sequence.items.end - items);
		items = room(items, used, &cap, sizeof *items);
		if (items == NULL)
			return out_of_memory(s);
		p->data.sequence.items.start = items;
		p->data.sequence.items.start[used] = id;
		p->data.sequence.items.top = p->data.sequence.items.start + used + 1;
		p->data.sequence.items.end = p->data.sequence.items.start + cap;
		return true;
	}
	used = (uint32_t)(p->data.mapping.pairs.top - p->data.mapping.pairs.start);
	if (used && p->data.mapping.pairs.top[-1].value == 0) {
		p->data.mapping.pairs.top[-1].value = id;       /* ids are never 0 */
	} else {
		yaml_node_pair_t *pairs = p->data.mapping.pairs.start;
		cap = (uint32_t)(p->data.mapping.pairs.end - pairs);
		pairs = room(pairs, used, &cap, sizeof *pairs);
		if (pairs == NULL)
			return out_of_memory(s);
		p->data.mapping.pairs.start = pairs;
		p->data.mapping.pairs.start[used] = (yaml_node_pair_t){ id, 0 };
		p->data.mapping.pairs.top = p->data.mapping.pairs.start + used + 1;
		p->data.mapping.pairs.end = p->data.mapping.pairs.start + cap;
	}
	return true;
}

/* The node a scalar or collection start event begins; its anchor. */
static bool add_node(struct scn *s, const yaml_event_t *ev, struct sim_loc at)
{
	struct scn_tree *t = &s->tree;
	const yaml_char_t *anchor;
	yaml_node_t *n;
	uint32_t index = t->nnodes, cap = 0;

	n = room(t->nodes, t->nnodes, &t->nodes_cap, sizeof *n);
	if (n == NULL)
		return out_of_memory(s);
	t->nodes = n;
	n = &t->nodes[t->nnodes++];
	memset(n, 0, sizeof *n);
	n->start_mark = ev->start_mark;
	if (ev->type == YAML_SCALAR_EVENT) {
		size_t len = ev->data.scalar.length;
		anchor = ev->data.scalar.anchor;
		n->type = YAML_SCALAR_NODE;
		n->data.scalar.style = ev->data.scalar.style;
		/* NUL-terminated, as libyaml's are: some readers take it as a C string */
		n->data.scalar.value = malloc(len + 1);
		if (n->data.scalar.value == NULL)
			return out_of_memory(s);
		memcpy(n->data.scalar.value, ev->data.scalar.value, len);
		n->data.scalar.value[len] = '\0';
		n->data.scalar.length = len;
	} else {
		bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
		void *stack = room(NULL, 0, &cap, seq ? sizeof(yaml_node_item_t) : sizeof(yaml_node_pair_t));

		anchor = seq ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor;
		n->type = seq ? YAML_SEQUENCE_NODE : YAML_MAPPING_NODE;
		/* Never NULL, as libyaml's are: readers count items by
		 * subtracting pointers, which NULLs do not allow. */
		if (stack == NULL)
			return out_of_memory(s);
		if (seq) {
			n->data.sequence.items.start = n->data.sequence.items.top = stack;
			n->data.sequence.items.end = n->data.sequence.items.start + cap;
		} else {
			n->data.mapping.pairs.start = n->data.mapping.pairs.top = stack;
			n->data.mapping.pairs.end = n->data.mapping.pairs.start + cap;
		}
	}
	/* Registered before the items are read, as libyaml does: an alias
	 * inside the collection may name it (a cycle). */
	if (anchor && !add_anchor(s, anchor, index, at))
		return false;
	if (!add_use(s, index, at, false))
		return false;
	if (n->type != YAML_SCALAR_NODE)
		t->open[t->depth++] = index;    /* the caller keeps depth <= SCN_MAX_DEPTH */
	return true;
}

/* see scn_internal.h */
bool scn_tree_add(struct scn *s, const yaml_event_t *ev)
{
	struct scn_tree *t = &s->tree;
	struct sim_loc at = { (uint32_t)ev->start_mark.line + 1, (uint32_t)ev->start_mark.column + 1 };
	struct scn_anchor *a;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return add_node(s, ev, at);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		t->depth--;
		return true;
	case YAML_ALIAS_EVENT:
		a = t->anchor_cap ? slot(t, (const char *)ev->data.alias.anchor) : NULL;
		/* libyaml's "found undefined alias" names neither the alias nor
		 * why; an anchor later in the file does not count (YAML reads
		 * them in order), which a writer may not know. */
		if (a == NULL || a->name == NULL)
			return scn_fail_at(s, at, "undefined alias '*%s': no anchor '&%s' before it",
					   SIM_QUOTED_STR((const char *)ev->data.alias.anchor),
					   SIM_QUOTED_STR((const char *)ev->data.alias.anchor));
		return add_use(s, a->node, at, true);
	default:            /* stream and document events */
		return true;
	}
}

/* see scn_internal.h */
void scn_tree_free(struct scn_tree *t)
{
	for (uint32_t k = 0; k < t->nnodes; k++) {
		yaml_node_t *n = &t->nodes[k];
		if (n->type == YAML_SCALAR_NODE)
			free(n->data.scalar.value);
		else if (n->type == YAML_SEQUENCE_NODE)
			free(n->data.sequence.items.start);
		else
			free(n->data.mapping.pairs.start);
	}
	for (uint32_t k = 0; k < t->nuses; k++)
		free(t->uses[k].kids);
	for (uint32_t k = 0; k < t->anchor_cap; k++)
		free(t->anchors[k].name);
	free(t->nodes);
	free(t->uses);
	free(t->anchors);
	memset(t, 0, sizeof *t);
}

/* ---- Reading ---- */

static const struct scn_use *use_of(const struct scn *s, int id)
{
	if (id < 1 || (uint32_t)id > s->tree.nuses)
		return NULL;
	return &s->tree.uses[id - 1];
}

/* see scn_internal.h */
const yaml_node_t *scn_node(const struct scn *s, int id)
{
	const struct scn_use *u = use_of(s, id);

	return u ? &s->tree.nodes[u->node] : NULL;
}

/* see scn_internal.h */
struct sim_loc scn_loc(const struct scn *s, int id)
{
	const struct scn_use *u = use_of(s, id);

	return u ? u->loc : (struct sim_loc){ 1, 1 };
}

/* A use, at `at` through an alias, of what use `of` is a use of: 0 when
 * out of memory. */
static int use_through(struct scn *s, int of, struct sim_loc at)
{
	return new_use(s, s->tree.uses[of - 1].node, at, true);
}

/* see scn_internal.h */
bool scn_tree_kids(struct scn *s, int id, const void **kids)
{
	struct scn_tree *t = &s->tree;
	const yaml_node_t *n = scn_node(s, id);
	struct sim_loc at = t->uses[id - 1].loc;
	void *made;
	bool ok = true;

	if (!t->uses[id - 1].via || t->uses[id - 1].kids) {
		*kids = t->uses[id - 1].via ? t->uses[id - 1].kids :
			n->type == YAML_SEQUENCE_NODE ? (const void *)n->data.sequence.items.start :
			(const void *)n->data.mapping.pairs.start;
		return true;
	}
	/* One more than needed: malloc(0) may be NULL, which is no error, and
	 * an empty collection has an array too (see add_node). */
	if (n->type == YAML_SEQUENCE_NODE) {
		const yaml_node_item_t *from = n->data.sequence.items.start;
		size_t count = (size_t)(n->data.sequence.items.top - from);
		yaml_node_item_t *items = malloc((count + 1) * sizeof *items);
		for (size_t k = 0; items && ok && k < count; k++)
			ok = (items[k] = use_through(s, from[k], at)) != 0;
		made = items;
	} else {
		const yaml_node_pair_t *from = n->data.mapping.pairs.start;
		size_t count = (size_t)(n->data.mapping.pairs.top - from);
		yaml_node_pair_t *pairs = malloc((count + 1) * sizeof *pairs);
		for (size_t k = 0; pairs && ok && k < count; k++)
			ok = (pairs[k].key = use_through(s, from[k].key, at)) != 0 &&
			     (pairs[k].value = use_through(s, from[k].value, at)) != 0;
		made = pairs;
	}
	/* Kept after the uses above are made: they may move the array. */
	t->uses[id - 1].kids = made;
	*kids = made;
	if (made == NULL)
		ok = out_of_memory(s);
	return ok;
}
