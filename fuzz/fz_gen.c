/*
 * fz_gen.c - see fz_gen.h.
 */
#include <string.h>

#include "fz_gen.h"
#include "fz_vocab.h"

struct gen {
	struct fz_gen *g;
	uint8_t *buf;
	size_t len, cap;
};

static uint8_t rnd(struct gen *x)
{
	uint64_t s = x->g->state;
	s ^= s << 13;
	s ^= s >> 7;
	s ^= s << 17;
	x->g->state = s;
	return (uint8_t)(s >> 24);
}

/* The next record, random bytes; NULL when the buffer is full. */
static uint8_t *record(struct gen *x)
{
	uint8_t *r;

	if (x->cap - x->len < FZ_RECORD_BYTES)
		return NULL;
	r = x->buf + x->len;
	for (unsigned k = 0; k < FZ_RECORD_BYTES; k++)
		r[k] = rnd(x);
	x->len += FZ_RECORD_BYTES;
	return r;
}

/* The header's first 16 bytes; the rest (fz_input.h: more policy bits)
 * are a hash of the input once written (tail_of_header), so that the
 * generator draws what it drew before the header grew: the same seed
 * gives the same records and first 16 header bytes as then. */
static void header(struct gen *x)
{
	for (unsigned k = 0; k < 16; k++)
		x->buf[x->len++] = rnd(x);
	memset(x->buf + x->len, 0, FZ_HEADER_BYTES - 16);
	x->len = FZ_HEADER_BYTES;
}

static void tail_of_header(struct gen *x)
{
	uint64_t h = 0xcbf29ce484222325ull;       /* FNV-1a */

	for (size_t k = 0; k < x->len; k++)
		h = (h ^ x->buf[k]) * 0x100000001b3ull;
	for (unsigned k = 16; k < FZ_HEADER_BYTES; k++, h >>= 8)
		x->buf[k] = (uint8_t)h;
}

static bool is_op(unsigned kind)
{
	return kind != FZ_R_LITERAL && kind != FZ_R_CHOICES;
}

static void gen_random(struct gen *x, unsigned nops)
{
	unsigned ops = 0;
	uint8_t *r;

	header(x);
	while (ops < nops && (r = record(x)) != NULL)
		ops += is_op(fz_record_kind(r[0]));
}

/* Calls a working client makes, by selector (see sdd_spec.h order). */
static const uint8_t driven_calls[] = {
	1, 1, 1, 2, 2, 2, 15, 15, 11, 12, 8, 9, 4, 3, 7, 13, 10, 17, 0, 16,
};

static void good_args(uint8_t *r)
{
	for (unsigned k = 3; k < FZ_RECORD_BYTES; k++)
		r[k] %= FZ_ROLE_ESCAPE;
}

/* A call record from PE pe (below 8): selector sel, argument bytes a1..a5. */
static void call_on(struct gen *x, uint8_t pe, uint8_t sel, uint8_t a1, uint8_t a2, uint8_t a3, uint8_t a4,
		    uint8_t a5)
{
	uint8_t *r = record(x);

	if (r == NULL)
		return;
	r[0] = fz_record_byte(FZ_R_CALL);
	r[1] = pe;
	r[2] = sel;
	r[3] = a1, r[4] = a2, r[5] = a3, r[6] = a4, r[7] = a5;
}

static void call(struct gen *x, uint8_t sel, uint8_t a1, uint8_t a2, uint8_t a3, uint8_t a4,
		 uint8_t a5)
{
	call_on(x, 0, sel, a1, a2, a3, a4, a5);
}

/* A step record of kind on PE pe (below 8) with operand bytes b2, b3. */
static void step_on(struct gen *x, uint8_t pe, unsigned kind, uint8_t b2, uint8_t b3)
{
	uint8_t *r = record(x);

	if (r == NULL)
		return;
	r[0] = fz_record_byte(kind);
	r[1] = pe;
	r[2] = b2;
	r[3] = b3;
}

static void step(struct gen *x, unsigned kind, uint8_t b2, uint8_t b3)
{
	step_on(x, 0, kind, b2, b3);
}

/* An action record for handler h: kind (see fz_decode.c add_action) and
 * operand bytes b2, b3 (the rest good argument bytes). */
static void action(struct gen *x, unsigned h, unsigned kind, uint8_t b2, uint8_t b3)
{
	uint8_t *r = record(x);

	if (r == NULL)
		return;
	good_args(r);
	r[0] = fz_record_byte(FZ_R_ACTION);
	r[1] = (uint8_t)(h | kind << 3);
	r[2] = b2;
	r[3] = b3;
}

enum { ACT_CALL = 0, ACT_YIELD = 4, ACT_INTERRUPT = 5 };

/* Vocabulary indices of the events (fz_vocab.c): 0 is event 0, then the
 * platform's in header order.  Platform event k (index k + 1) fires by
 * interrupt byte k << 2 (its INTID in the vocabulary). */
#define EXPLICIT_FIRST 3                 /* nesting family: indices 3, 4 are explicit */

struct episode_state {
	uint8_t seen;                       /* vocabulary indices registered so far */
};

/* What a working client does with one event: register it with a handler,
 * enable it, unmask, make it fire (its interrupt, or SIGNAL for event 0),
 * with a handler action and another call mixed in.  nesting: the handler
 * fires another event registered before on this PE. */
static unsigned episode_fire(struct gen *x, struct episode_state *st, uint8_t ev, bool nesting)
{
	uint8_t h = rnd(x) % FZ_HANDLERS, other = (uint8_t)(1 + rnd(x) % (EXPLICIT_FIRST - 1));
	uint8_t *r;

	call(x, 1, ev, h, rnd(x), 0, 0);
	call(x, 2, ev, 0, 0, 0, 0);
	call(x, 12, 0, 0, 0, 0, 0);
	if (nesting && other != ev && (st->seen >> other & 1))
		action(x, h, ACT_INTERRUPT, (uint8_t)((other - 1) << 2), 0);
	else {
		/* one rnd() per statement: the order of a call's arguments is
		 * unspecified, and gcc and clang differ */
		uint8_t kind = (uint8_t)(ACT_CALL + rnd(x) % 4);
		uint8_t fn = driven_calls[rnd(x) % sizeof driven_calls];
		action(x, h, kind, fn, rnd(x) % 5);
	}
	if (ev == 0)
		call(x, 15, 0, 0, 0, 0, 0);
	else
		step(x, FZ_R_INTERRUPT, (uint8_t)((ev - 1) << 2), 0);
	r = record(x);                          /* one more call or step of any kind */
	if (r && (rnd(x) & 1)) {
		r[0] = fz_record_byte(FZ_R_CALL);
		r[1] &= 0x01;
		r[2] = driven_calls[rnd(x) % sizeof driven_calls];
		good_args(r);
	}
	st->seen = (uint8_t)(st->seen | 1u << ev);
	return 5 + (r && is_op(fz_record_kind(r[0])));
}

/* Explicit dispatch with nesting: register an explicit event whose
 * handler yields, dispatch it, then (handler paused) dispatch the other
 * explicit event on the same PE, and resume. */
static unsigned episode_explicit(struct gen *x, struct episode_state *st)
{
	uint8_t ev = (uint8_t)(EXPLICIT_FIRST + rnd(x) % 2), other = ev == EXPLICIT_FIRST ? ev + 1 : EXPLICIT_FIRST;
	uint8_t h = rnd(x) % FZ_HANDLERS;

	call(x, 1, ev, h, rnd(x), 0, 0);
	call(x, 2, ev, 0, 0, 0, 0);
	call(x, 12, 0, 0, 0, 0, 0);
	action(x, h, ACT_YIELD, 0, 0);
	step(x, FZ_R_DISPATCH, ev, 0);
	step(x, FZ_R_DISPATCH, other, 0);
	step(x, FZ_R_RESUME, 0, 0);
	st->seen = (uint8_t)(st->seen | 1u << ev);
	return 7;
}

static void gen_driven(struct gen *x, unsigned nops, bool nesting)
{
	struct episode_state st = { 0 };
	unsigned ops = 0;

	header(x);
	x->buf[0] = 3;                          /* 4 PEs */
	x->buf[1] &= 0x23;                      /* default profile, v1.1 */
	for (unsigned e = 0; e < 4; e++) {      /* four events with a number each */
		uint8_t *d = &x->buf[4 + 3 * e];
		bool explicit_event = nesting && e + 1 >= EXPLICIT_FIRST;
		d[0] = (uint8_t)((d[0] & 0x06) | 1 | (explicit_event ? 8 : 0));
		d[1] = (uint8_t)(e * 64 + d[1] % 64);   /* never the same number */
	}
	while (ops + 7 <= nops && x->cap - x->len >= 7 * FZ_RECORD_BYTES) {
		if (nesting && (rnd(x) & 1))
			ops += episode_explicit(x, &st);
		else
			ops += episode_fire(x, &st, rnd(x) % (nesting ? EXPLICIT_FIRST : 5), nesting);
	}
	for (; ops < nops && x->cap - x->len >= FZ_RECORD_BYTES; ops++) {   /* the rest: calls from PE 0 */
		uint8_t fn = driven_calls[rnd(x) % sizeof driven_calls];
		uint8_t arg = rnd(x) % 5;
		call(x, fn, arg, rnd(x) % FZ_HANDLERS, 0, 0, 0);
	}
}

/* Calls another PE makes while an interrupt is in flight (sdd_spec.h
 * selectors): DISABLE, UNREGISTER, ROUTING_SET, ENABLE, REGISTER,
 * SHARED_RESET, PE_MASK, INTERRUPT_RELEASE, STATUS, INTERRUPT_BIND. */
static const uint8_t racing_calls[] = { 3, 3, 7, 7, 10, 10, 2, 2, 1, 18, 11, 14, 14, 8, 13 };

/* The race family's platform (gen_race): four shared events on distinct
 * SPIs 34..61, none the secure SPI 33; SPIs 62 and 63 are free to bind. */
#define RACE_FREE_SPI 30                /* index of SPI 62 in fz_intid's SPI class */

struct race {
	unsigned pes;
	unsigned nvalid;                    /* the vocabulary's valid events (fz_vocab.c) */
	unsigned nbinds;                    /* INTERRUPT_BINDs so far: the next saves $b(nbinds % 8) */
};

/* An INTERRUPT_BIND of the interrupt byte intid on PE pe: the event byte
 * (FZ_EVENT role) of the $b variable its result is saved to. */
static uint8_t bind_on(struct gen *x, struct race *rc, uint8_t pe, uint8_t intid)
{
	call_on(x, pe, 13, intid, 0, 0, 0, 0);
	return (uint8_t)(rc->nvalid + rc->nbinds++ % FZ_VARS);
}

/* One of the pes PEs that is neither p nor q (pes > 2, p != q), at random. */
static uint8_t third_pe(struct gen *x, unsigned pes, uint8_t p, uint8_t q)
{
	unsigned r = rnd(x) % (pes - 2);

	for (unsigned k = 0; k < pes; k++)
		if (k != p && k != q && r-- == 0)
			return (uint8_t)k;
	return q;                               /* not reached */
}

/* A race: PE p registers a shared event (routed RM_PE to itself, or
 * RM_ANY) and enables it - a platform event, or half the time an SPI it
 * binds first - and unmasks; p's firmware holds the event's interrupt
 * (hold, then the interrupt: p is the only PE taking part in 1-of-N
 * routing, so an RM_ANY SPI goes to it too); q unmasks and makes one to
 * three calls on the event (with three PEs or more, each of them half the
 * time from a PE other than p and q) - half the time between a DISABLE and an
 * ENABLE, as a client changes a registered event's routing - p hands the
 * interrupt over, and q enables the event again.  A quarter of the time p
 * stays masked until after the hand-over (the event routed RM_PE to p:
 * the dispatcher defers the trigger).  Half the races on a bound SPI
 * start q's calls with UNREGISTER, RELEASE and BIND (DENIED while the
 * interrupt is held).  A bound SPI is bound again by q after the
 * hand-over (released meanwhile, or the same binding), and
 * that binding registered, enabled and fired once more.  Both PEs mask at
 * the end, so that the next race starts as this one did. */
static unsigned episode_race(struct gen *x, struct race *rc)
{
	unsigned pes = rc->pes, ops = 10;
	uint8_t ev = (uint8_t)(1 + rnd(x) % 4), h = rnd(x) % FZ_HANDLERS;
	uint8_t p = rnd(x) % pes, q = (uint8_t)((p + 1 + rnd(x) % (pes - 1)) % pes);
	uint8_t rm_pe = rnd(x) & 1, n = (uint8_t)(1 + rnd(x) % 3);
	bool bound = rnd(x) & 1, masked = (rnd(x) & 3) == 0;
	uint8_t intid = (uint8_t)((ev - 1) << 2);

	if (masked)
		rm_pe = 1;
	if (bound) {
		intid = (uint8_t)((RACE_FREE_SPI + rnd(x) % 2) << 2 | 2);
		ev = bind_on(x, rc, p, intid);
		ops++;
	}
	call_on(x, p, 1, ev, h, rnd(x), rm_pe, p);
	call_on(x, p, 2, ev, 0, 0, 0, 0);
	if (!masked)
		call_on(x, p, 12, 0, 0, 0, 0, 0);
	step_on(x, p, FZ_R_RESUME, 2, 0);               /* hold */
	step(x, FZ_R_INTERRUPT, intid, 0);
	call_on(x, q, 12, 0, 0, 0, 0, 0);
	bool bracket = rnd(x) & 1;
	if (bracket)
		call_on(x, q, 3, ev, 0, 0, 0, 0);
	if (bound && (rnd(x) & 1)) {                    /* give the binding up, and bind again */
		call_on(x, q, 7, ev, 0, 0, 0, 0);
		call_on(x, q, 14, ev, 0, 0, 0, 0);
		bind_on(x, rc, q, intid);
		ops += 3;
	}
	for (unsigned k = 0; k < n; k++) {
		uint8_t sel = racing_calls[rnd(x) % sizeof racing_calls];
		uint8_t mode = rnd(x) & 1, target = rnd(x) % pes, by = q;
		if (pes > 2 && (rnd(x) & 1))
			by = third_pe(x, pes, p, q);
		if (sel == 10)                          /* ROUTING_SET(ev, mode, affinity) */
			call_on(x, by, sel, ev, mode, target, 0, 0);
		else if (sel == 1)                      /* REGISTER(ev, handler, 0, mode, affinity) */
			call_on(x, by, sel, ev, h, 0, mode, target);
		else if (sel == 13)                     /* BIND(the interrupt) */
			bind_on(x, rc, by, intid);
		else
			call_on(x, by, sel, ev, 0, 0, 0, 0);
	}
	if (bracket)
		call_on(x, q, 2, ev, 0, 0, 0, 0);
	step_on(x, p, FZ_R_RESUME, 3, 0);               /* hand_over */
	if (masked)
		call_on(x, p, 12, 0, 0, 0, 0, 0);
	call_on(x, q, 2, ev, 0, 0, 0, 0);
	if (bound) {
		uint8_t again = bind_on(x, rc, q, intid);
		call_on(x, q, 1, again, h, 0, rm_pe, q);
		call_on(x, q, 2, again, 0, 0, 0, 0);
		step(x, FZ_R_INTERRUPT, intid, 0);
		ops += 4;
	}
	call_on(x, p, 11, 0, 0, 0, 0, 0);
	call_on(x, q, 11, 0, 0, 0, 0, 0);
	return ops + n + 2u * bracket;
}

static void gen_race(struct gen *x, unsigned nops)
{
	struct race rc = { 0 };
	unsigned ops = 0;

	header(x);
	x->buf[0] = (uint8_t)((x->buf[0] & 0xF8) | (1 + rnd(x) % 3));   /* 2 to 4 PEs */
	rc.pes = 1u + (x->buf[0] & 7);
	x->buf[1] &= 0x33;                      /* v1.1; the tf-a-fvp policies half the time */
	if ((x->buf[2] >> 3 & 7) == 0)
		x->buf[2] |= 1 << 3;                 /* a shared bind slot at least */
	rc.nvalid = 1 + 4 + (x->buf[2] & 7) + (x->buf[2] >> 3 & 7);
	for (unsigned e = 0; e < 4; e++) {      /* four shared events with a number each */
		uint8_t *d = &x->buf[4 + 3 * e];
		d[0] = (uint8_t)((d[0] & 0xF4) | 3);
		d[1] = (uint8_t)(e * 64 + d[1] % 64);
		d[2] = (uint8_t)(2 + e * 7 + d[2] % 7);   /* SPI 34..61, no two alike */
	}
	while (ops + 11 <= nops && x->cap - x->len >= 23 * FZ_RECORD_BYTES)   /* 11 to 23 ops each */
		ops += episode_race(x, &rc);
}

size_t fz_gen_input(struct fz_gen *g, enum fz_gen_family family, unsigned ops, uint8_t *buf, size_t cap)
{
	struct gen x = { g, buf, 0, cap };

	if (cap < FZ_HEADER_BYTES)
		return 0;
	if (family == FZ_GEN_RANDOM)
		gen_random(&x, ops);
	else if (family == FZ_GEN_RACE)
		gen_race(&x, ops);
	else
		gen_driven(&x, ops, family == FZ_GEN_NESTING);
	tail_of_header(&x);
	return x.len;
}
