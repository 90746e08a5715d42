/*
 * fz_gen.c - see fz_gen.h.
 */
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

static void header(struct gen *x)
{
	for (unsigned k = 0; k < FZ_HEADER_BYTES; k++)
		x->buf[x->len++] = rnd(x);
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

/* A call record from PE 0: selector sel, argument bytes a1..a5. */
static void call(struct gen *x, uint8_t sel, uint8_t a1, uint8_t a2, uint8_t a3, uint8_t a4,
		 uint8_t a5)
{
	uint8_t *r = record(x);

	if (r == NULL)
		return;
	r[0] = fz_record_byte(FZ_R_CALL);
	r[1] = 0;
	r[2] = sel;
	r[3] = a1, r[4] = a2, r[5] = a3, r[6] = a4, r[7] = a5;
}

/* Episodes of what a working client does with one event: register it
 * with a handler, enable it, unmask, make it fire (its interrupt, or
 * SIGNAL for event 0), with other calls and handler actions mixed in. */
static void gen_driven(struct gen *x, unsigned nops)
{
	unsigned ops = 0;

	header(x);
	x->buf[0] = 3;                          /* 4 PEs */
	x->buf[1] &= 0x23;                      /* default profile, v1.1 */
	for (unsigned e = 0; e < 4; e++)        /* four bound, non-explicit events */
		x->buf[4 + 3 * e] = (uint8_t)((x->buf[4 + 3 * e] & 0x06) | 1);
	while (ops + 6 <= nops && x->cap - x->len >= 6 * FZ_RECORD_BYTES) {
		uint8_t ev = rnd(x) % 5, *r;      /* vocabulary index: event 0, then the platform's */
		call(x, 1, ev, rnd(x) % FZ_HANDLERS, rnd(x), 0, 0);
		call(x, 2, ev, 0, 0, 0, 0);
		call(x, 12, 0, 0, 0, 0, 0);
		r = record(x);
		r[0] = fz_record_byte(FZ_R_ACTION);
		r[2] = driven_calls[rnd(x) % sizeof driven_calls];
		good_args(r);
		if (ev == 0) {
			call(x, 15, 0, 0, 0, 0, 0);
		} else {
			r = record(x);
			r[0] = fz_record_byte(FZ_R_INTERRUPT);
			r[1] = 0;
			r[2] = (uint8_t)((ev - 1) << 2);
		}
		r = record(x);                  /* one more call or step of any kind */
		if (rnd(x) & 1) {
			r[0] = fz_record_byte(FZ_R_CALL);
			r[1] &= 0x01;
			r[2] = driven_calls[rnd(x) % sizeof driven_calls];
			good_args(r);
		}
		ops += 5 + is_op(fz_record_kind(r[0]));
	}
	for (; ops < nops && x->cap - x->len >= FZ_RECORD_BYTES; ops++)   /* the rest: calls from PE 0 */
		call(x, driven_calls[rnd(x) % sizeof driven_calls], rnd(x) % 5, rnd(x) % FZ_HANDLERS, 0, 0, 0);
}

size_t fz_gen_input(struct fz_gen *g, enum fz_gen_family family, unsigned ops, uint8_t *buf, size_t cap)
{
	struct gen x = { g, buf, 0, cap };

	if (cap < FZ_HEADER_BYTES)
		return 0;
	if (family == FZ_GEN_DRIVEN)
		gen_driven(&x, ops);
	else
		gen_random(&x, ops);
	return x.len;
}
