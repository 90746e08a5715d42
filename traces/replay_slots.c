/*
 * replay_slots.c - see replay_slots.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay_slots.h"
#include "grow.h"
#include "sdd/sdd_spec.h"
#include "trace.h"

#define ANY_PE 0xFFu

struct slot {
	int32_t  event;
	uint64_t ep;
	uint32_t line;
	bool     claimed;
	uint32_t passed;             /* 1 + the highest call position an invocation made */
	struct sim_op *ops;
	uint32_t *recs;              /* per action: the trace record it was made from */
	uint32_t nops, cap;
};

struct mapent { bool used; uint64_t key; uint32_t slot; };

/* The yield marks of one slot: bit k = a yield before call k. */
struct marks { uint64_t *w; uint32_t nw; };

struct slots {
	struct slot *v;
	uint32_t n, cap;
	struct mapent *map;          /* open addressing, power-of-two size */
	uint32_t map_n, map_cap;
	struct marks *marks;         /* by slot number; kept across restarts */
	uint32_t nmarks;
	bool oom;
};

struct slots *slots_new(void)
{
	return calloc(1, sizeof(struct slots));
}

void slots_restart(struct slots *sl)
{
	for (uint32_t k = 0; k < sl->n; k++) {
		free(sl->v[k].ops);
		free(sl->v[k].recs);
	}
	sl->n = 0;
	sl->map_n = 0;
	if (sl->map)
		memset(sl->map, 0, sl->map_cap * sizeof *sl->map);
}

void slots_free(struct slots *sl)
{
	if (!sl)
		return;
	slots_restart(sl);
	for (uint32_t k = 0; k < sl->nmarks; k++)
		free(sl->marks[k].w);
	free(sl->marks);
	free(sl->v);
	free(sl->map);
	free(sl);
}

bool slots_oom(const struct slots *sl)
{
	return sl->oom;
}

uint32_t slots_count(const struct slots *sl)
{
	return sl->n;
}

uint32_t slots_add(struct slots *sl, int32_t event, uint64_t ep, uint32_t line)
{
	struct slot *room = sim_grow(sl->v, sl->n, &sl->cap, sizeof *room, 16);

	if (!room)
		return UINT32_MAX;
	sl->v = room;
	sl->v[sl->n] = (struct slot){ .event = event, .ep = ep, .line = line };
	return sl->n++;
}

/* ---- Registrations: (event, PE) -> slot ---- */

static uint64_t key_of(int32_t event, unsigned pe)
{
	return ((uint64_t)(uint32_t)event << 8) | (pe & 0xFFu);
}

static uint32_t hash(uint64_t key)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdull;
	key ^= key >> 33;
	return (uint32_t)key;
}

static struct mapent *probe(const struct slots *sl, uint64_t key)
{
	uint32_t i = hash(key) & (sl->map_cap - 1);

	while (sl->map[i].used && sl->map[i].key != key)
		i = (i + 1) & (sl->map_cap - 1);
	return &sl->map[i];
}

static bool put(struct slots *sl, uint64_t key, uint32_t slot)
{
	struct mapent *e;

	if ((sl->map_n + 1) * 2 > sl->map_cap) {
		struct mapent *old = sl->map;
		uint32_t old_cap = sl->map_cap;
		sl->map_cap = old_cap ? old_cap * 2 : 64;
		sl->map = calloc(sl->map_cap, sizeof *sl->map);
		if (!sl->map) {
			sl->map = old;
			sl->map_cap = old_cap;
			return false;
		}
		sl->map_n = 0;
		for (uint32_t k = 0; k < old_cap; k++)
			if (old[k].used) {
				*probe(sl, old[k].key) = old[k];
				sl->map_n++;
			}
		free(old);
	}
	e = probe(sl, key);
	if (!e->used)
		sl->map_n++;
	*e = (struct mapent){ true, key, slot };
	return true;
}

static uint32_t get(const struct slots *sl, uint64_t key)
{
	const struct mapent *e;

	if (sl->map_cap == 0)
		return UINT32_MAX;
	e = probe(sl, key);
	return e->used ? e->slot : UINT32_MAX;
}

bool slots_register(struct slots *sl, int32_t event, unsigned pe, uint32_t slot)
{
	return put(sl, key_of(event, pe), slot) && put(sl, key_of(event, ANY_PE), slot);
}

uint32_t slots_find(const struct slots *sl, int32_t event, unsigned pe, uint64_t ep, bool shared)
{
	uint32_t mine = get(sl, key_of(event, pe)), any = get(sl, key_of(event, ANY_PE));

	/* a shared event has one registration, the latest on any PE (one PE
	 * may have registered it, another unregistered and registered it
	 * again with the same entry point); a private event one per PE */
	if (shared) {
		uint32_t t = mine;
		mine = any;
		any = t;
	}

	if (mine != UINT32_MAX && sl->v[mine].ep == ep)
		return mine;
	if (any != UINT32_MAX && sl->v[any].ep == ep)
		return any;
	return mine != UINT32_MAX ? mine : any;
}

/* ---- Action lists ---- */

bool slots_claim(struct slots *sl, uint32_t slot)
{
	bool first = !sl->v[slot].claimed;
	sl->v[slot].claimed = true;
	return first;
}

bool slots_append(struct slots *sl, uint32_t slot, const struct sim_op *op, uint32_t rec)
{
	struct slot *s = &sl->v[slot];
	uint32_t cap = s->cap, cap_recs = s->cap;      /* the two lists have the same room */
	struct sim_op *ops = sim_grow(s->ops, s->nops, &cap, sizeof *ops, 8);
	uint32_t *recs = ops ? sim_grow(s->recs, s->nops, &cap_recs, sizeof *recs, 8) : NULL;

	if (ops)
		s->ops = ops;
	if (!recs) {
		sl->oom = true;
		return false;
	}
	s->recs = recs;
	s->cap = cap;
	s->recs[s->nops] = rec;
	s->ops[s->nops++] = *op;
	return true;
}

bool slots_marked(const struct slots *sl, uint32_t slot, uint32_t k)
{
	const struct marks *m = slot < sl->nmarks ? &sl->marks[slot] : NULL;

	return m && k / 64 < m->nw && (m->w[k / 64] >> (k % 64)) & 1;
}

bool slots_mark(struct slots *sl, uint32_t slot, uint32_t k)
{
	struct marks *m;

	if (slots_marked(sl, slot, k))
		return false;
	if (slot >= sl->nmarks) {
		uint32_t n = slot + 1 > sl->nmarks * 2 ? slot + 1 : sl->nmarks * 2;
		struct marks *bigger = realloc(sl->marks, n * sizeof *bigger);
		if (!bigger) {
			sl->oom = true;
			return false;
		}
		memset(bigger + sl->nmarks, 0, (n - sl->nmarks) * sizeof *bigger);
		sl->marks = bigger;
		sl->nmarks = n;
	}
	m = &sl->marks[slot];
	if (k / 64 >= m->nw) {
		uint32_t nw = k / 64 + 1;
		uint64_t *bigger = realloc(m->w, nw * sizeof *bigger);
		if (!bigger) {
			sl->oom = true;
			return false;
		}
		memset(bigger + m->nw, 0, (nw - m->nw) * sizeof *bigger);
		m->w = bigger;
		m->nw = nw;
	}
	m->w[k / 64] |= 1ull << (k % 64);
	return sl->v[slot].passed > k;
}

void slots_passed(struct slots *sl, uint32_t slot, uint32_t k)
{
	if (sl->v[slot].passed < k + 1)
		sl->v[slot].passed = k + 1;
}

const struct sim_op *slots_actions(const struct slots *sl, uint32_t slot, uint32_t *n)
{
	*n = sl->v[slot].nops;
	return sl->v[slot].ops;
}

struct sim_op *slots_action_at(struct slots *sl, uint32_t slot, uint32_t k)
{
	return &sl->v[slot].ops[k];
}

uint32_t slots_action_rec(const struct slots *sl, uint32_t slot, uint32_t k)
{
	return sl->v[slot].recs[k];
}

/* ---- The program's handlers ---- */

/* What an action list does, as bytes: two slots are one handler when
 * their signatures are equal. */
struct sig { uint8_t *b; size_t n, cap; bool oom; };

static void put_bytes(struct sig *s, const void *p, size_t n)
{
	if (s->oom)
		return;
	if (s->n + n > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		uint8_t *bigger;
		while (cap < s->n + n)
			cap *= 2;
		bigger = realloc(s->b, cap);
		if (!bigger) {
			s->oom = true;
			return;
		}
		s->b = bigger;
		s->cap = cap;
	}
	memcpy(s->b + s->n, p, n);
	s->n += n;
}

static void put_value(struct sig *s, const struct sim_value *v)
{
	put_bytes(s, &v->kind, sizeof v->kind);
	put_bytes(s, &v->u, sizeof v->u);
}

static void put_op(struct sig *s, const struct sim_program *p, const struct sim_op *op)
{
	uint8_t head[6] = { op->kind, op->pe, op->from_el, op->psci_fn, op->target, op->state };

	put_bytes(s, head, sizeof head);
	put_bytes(s, &op->intid, sizeof op->intid);
	put_value(s, &op->fid);
	put_bytes(s, &op->nargs, sizeof op->nargs);
	for (uint32_t k = 0; k < op->nargs; k++)
		put_value(s, &p->values[op->args + k]);
	put_bytes(s, &op->nchecks, sizeof op->nchecks);
	for (uint32_t k = 0; k < op->nchecks; k++) {
		const struct sim_check *c = &p->checks[op->checks + k];
		uint8_t ch[3] = { c->reg, c->m.kind, c->m.width32 };
		put_bytes(s, ch, sizeof ch);
		put_value(s, &c->m.a);
		put_value(s, &c->m.b);
	}
}

/* An action the slot's list gets besides its recorded calls. */
static struct sim_op extra_op(const struct slot *s, unsigned kind, uint32_t line)
{
	struct sim_op op;

	memset(&op, 0, sizeof op);
	op.kind = (uint8_t)kind;
	op.pe = SIM_NONE;
	op.target = SIM_NONE;
	op.save = -1;
	op.loc.line = line ? line : s->line;
	op.loc.col = 1;
	if (kind == SIM_OP_COMPLETE)
		op.fid = sim_const(SDD_EV_HANDLED);
	return op;
}

/* The actions a slot's handler runs, into *list (grown as needed): its
 * recorded calls with a yield before each marked one, or (never entered
 * in the trace) EVENT_COMPLETE at once; then the final yield, which also
 * stands for every mark past the last call - but for a handler whose last
 * call is a PSCI one that never returns to it (SYSTEM_OFF, CPU_OFF ...),
 * where a yield could never run. */
static bool final_list(const struct slots *sl, uint32_t slot, struct sim_op **list, uint32_t *cap, uint32_t *n)
{
	const struct slot *s = &sl->v[slot];
	uint32_t need = 2 * s->nops + 2, k = 0;

	if (need > *cap) {
		struct sim_op *bigger = realloc(*list, need * sizeof *bigger);
		if (!bigger)
			return false;
		*list = bigger;
		*cap = need;
	}
	*n = 0;
	for (uint32_t a = 0; a < s->nops; a++) {
		if (s->ops[a].kind != SIM_OP_EXPECT_ENTRY && slots_marked(sl, slot, k++))
			(*list)[(*n)++] = extra_op(s, SIM_OP_YIELD, s->ops[a].loc.line);
		(*list)[(*n)++] = s->ops[a];
	}
	if (!s->claimed)
		(*list)[(*n)++] = extra_op(s, SIM_OP_COMPLETE, 0);
	if (*n == 0 || (*list)[*n - 1].kind != SIM_OP_PSCI || !sim_psci_leaves_handler((*list)[*n - 1].psci_fn))
		(*list)[(*n)++] = extra_op(s, SIM_OP_YIELD, 0);
	return true;
}

struct group { uint64_t hash; uint32_t first_slot, handler; uint8_t *sig; size_t n; };

static uint64_t fnv(const uint8_t *b, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

static int make_handler(struct sim_program *p, const struct slot *s, const struct sim_op *list, uint32_t n)
{
	struct sim_handler h;
	char name[64];
	size_t len;

	memset(&h, 0, sizeof h);
	/* named for the event as people read it (0, 5000, 0x40000010; a
	 * negative number, which a trace may claim registered, in hex: a name
	 * has no '-') and the line that registered it; a second handler of
	 * that event and line (--mid-run's assumed registration, whose line is
	 * that of the handler's call, and that call, a REGISTER of its own
	 * event) is _2, and so on: a scenario's handler names are unique */
	len = (size_t)snprintf(name, sizeof name, "ev%s_line%" PRIu32,
			       trace_event_str((char[TRACE_EVENT_STR]){ 0 }, TRACE_EVENT_STR, s->event), s->line);
	for (uint32_t k = 2; sim_find_handler(p, name) >= 0; k++)
		snprintf(name + len, sizeof name - len, "_%" PRIu32, k);
	h.name = sim_add_string(p, name);
	h.kind = SIM_H_ACTIONS;
	h.ops = p->nactions;
	h.loc.line = s->line;
	h.loc.col = 1;
	for (uint32_t k = 0; k < n; k++)
		sim_add_action(p, &list[k]);
	h.nops = n;
	return (int)sim_add_handler(p, &h);
}

/* Handler values name slots until slots_finish makes the handlers. */
struct renumber {
	const int32_t *handler_of;
	uint32_t n;
};

static void slot_to_handler(void *ctx, struct sim_value *v)
{
	const struct renumber *r = ctx;

	if ((v->kind == SIM_V_HANDLER || v->kind == SIM_V_HANDLER_OFF) && v->u < r->n)
		v->u = (uint64_t)r->handler_of[v->u];
}

int slots_finish(struct slots *sl, struct sim_program *p, int32_t *handler_of, char *err, size_t errlen)
{
	struct group *groups = calloc(sl->n ? sl->n : 1, sizeof *groups);
	uint32_t ngroups = 0, cap = 0;
	struct sig s = { NULL, 0, 0, false };
	struct sim_op *list = NULL;
	int rc = 0;

	if (!groups) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (uint32_t k = 0; k < sl->n && rc == 0; k++) {
		uint32_t n, g;
		uint64_t h;

		if (!final_list(sl, k, &list, &cap, &n)) {
			rc = -1;
			break;
		}
		s.n = 0;
		for (uint32_t a = 0; a < n; a++)
			put_op(&s, p, &list[a]);
		if (s.oom) {
			rc = -1;
			break;
		}
		h = fnv(s.b, s.n);
		for (g = 0; g < ngroups; g++)
			if (groups[g].hash == h && groups[g].n == s.n && memcmp(groups[g].sig, s.b, s.n) == 0)
				break;
		if (g == ngroups) {
			int hi = make_handler(p, &sl->v[k], list, n);
			groups[g] = (struct group){ h, k, (uint32_t)hi, malloc(s.n ? s.n : 1), s.n };
			if (hi < 0 || !groups[g].sig) {
				rc = -1;
				break;
			}
			memcpy(groups[g].sig, s.b, s.n);
			ngroups++;
		}
		handler_of[k] = (int32_t)groups[g].handler;
	}
	for (uint32_t g = 0; g < ngroups; g++)
		free(groups[g].sig);
	free(groups);
	free(s.b);
	free(list);
	if (rc || p->oom || sl->oom) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	sim_each_value(p, slot_to_handler, &(struct renumber){ handler_of, sl->n });
	return 0;
}
