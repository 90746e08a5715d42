/*
 * test_event_args.c - what the event arguments of decoded fuzz inputs
 * name, and how local the decoder's meanings are (fz_input.h, fz_vocab.c).
 *
 *   test_fz_event_args locality        the test, on random bytes
 *   test_fz_event_args --table DIR...  the figures below for random bytes,
 *                                      the shares for the inputs in each DIR
 *
 * An event argument is x1 of a call whose x1 is an event (fz_call_roles:
 * REGISTER, ENABLE, ... SIGNAL) and a dispatch step's event.  Decoded, it
 * is a constant (event 0, a platform event, a bind slot, another number)
 * or a $b variable, which a BIND before it in decode order saved or none
 * did (a variable no BIND saved reads 0 at run time).  Run, it carries
 * event 0, a platform event, a number an INTERRUPT_BIND returned earlier
 * in the run, another bind slot, or something else.
 *
 * Locality: a single-byte change of a record, or a record put in or
 * taken out, should change the meaning of few other records.  A record's
 * meaning is its op with each $b read taken as the meaning of the BIND
 * record whose result it is (the last one before it, in decode order,
 * that saved that variable; none: 0).
 *
 * The test: a mutation changes the meaning of under 2% of the other
 * records.  The figures are printed.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "fz_run.h"
#include "fz_vocab.h"
#include "sdd/sdd_spec.h"

#define MAX_IN (FZ_HEADER_BYTES + FZ_MAX_RECORDS * FZ_RECORD_BYTES)

/* ---- shares ---- */

enum {
	/* decoded */
	S_EVENT0 = 0, S_PLATFORM, S_SLOT, S_OTHER_CONST, S_VAR_SAVED, S_VAR_UNSAVED, S_STATIC,
	/* run */
	R_ZERO = S_STATIC, R_PLATFORM, R_BOUND, R_SLOT, R_OTHER, R_VIA_UNSET_VAR, R_VIA_BOUND_VAR, R_RUN,
	N_SHARES = R_RUN
};

static const char *const share_name[N_SHARES] = {
	"decoded: event 0", "decoded: a platform event", "decoded: a bind slot's number",
	"decoded: another number", "decoded: a $b a BIND before it saves", "decoded: a $b no BIND before it saves",
	"run: 0", "run: a platform event", "run: a number a BIND returned", "run: another bind slot",
	"run: something else", "run: 0 from a $b no BIND had set", "run: a BIND's number from a $b",
};

struct shares {
	unsigned long n[N_SHARES];
	unsigned long decoded, run, inputs;
};

static bool is_event_call(const struct sim_op *op)
{
	return op->kind == SIM_OP_CALL && !op->raw_fid && op->fid.kind == SIM_V_CONST &&
	       op->fid.u >= SDD_FID_FIRST && op->fid.u <= SDD_FID_LAST &&
	       fz_call_roles((unsigned)(op->fid.u - SDD_FID_FIRST))[0] == FZ_EVENT && op->nargs > 0;
}

static bool is_bind(const struct sim_op *op)
{
	return op->kind == SIM_OP_CALL && !op->raw_fid && op->fid.kind == SIM_V_CONST &&
	       op->fid.u == SDD_FID_INTERRUPT_BIND;
}

static bool is_slot(const struct sim_platform *pl, uint64_t v)
{
	return (v >= (uint32_t)pl->slot_private_base && v < (uint32_t)pl->slot_private_base + pl->bind_private) ||
	       (v >= (uint32_t)pl->slot_shared_base && v < (uint32_t)pl->slot_shared_base + pl->bind_shared);
}

static bool is_platform_event(const struct sim_platform *pl, uint64_t v)
{
	for (unsigned k = 0; k < pl->nevents; k++)
		if (v == (uint32_t)pl->events[k].number)
			return true;
	return false;
}

/* ---- records and their ops ---- */

/* The op record k of an input decoded to p made (NULL: none - a literal,
 * choices, an action past a full handler), and its handler (-1: a step);
 * n ops in a row (an episode record makes up to five steps). */
struct rec_op {
	const struct sim_op *op;
	int handler;
	unsigned n;
};

static size_t record_ops(const uint8_t *in, size_t len, const struct sim_program *p, struct rec_op *out)
{
	size_t nrec = len > FZ_HEADER_BYTES ? (len - FZ_HEADER_BYTES) / FZ_RECORD_BYTES : 0;
	unsigned nbody[FZ_HANDLERS] = { 0 };
	uint32_t step = 0;

	if (nrec > FZ_MAX_RECORDS)
		nrec = FZ_MAX_RECORDS;
	for (size_t k = 0; k < nrec; k++) {
		const uint8_t *r = in + FZ_HEADER_BYTES + k * FZ_RECORD_BYTES;
		unsigned kind = fz_record_kind(r[0]), h = r[1] % FZ_HANDLERS;
		out[k] = (struct rec_op){ NULL, -1, 0 };
		if (kind == FZ_R_LITERAL || kind == FZ_R_CHOICES)
			continue;
		if (kind != FZ_R_ACTION) {
			out[k].op = step < p->nsteps ? &p->steps[step] : NULL;
			while (step < p->nsteps && p->steps[step].loc.line == k + 1) {
				step++;
				out[k].n++;
			}
			continue;
		}
		out[k].handler = (int)h;
		out[k].n = 1;
		if (nbody[h] < FZ_MAX_BODY && h < p->nhandlers)
			out[k].op = &p->actions[p->handlers[h].ops + nbody[h]];
		nbody[h]++;
	}
	return nrec;
}

/* The decoded shares of the input's event arguments, in decode order. */
static void decoded_shares(const uint8_t *in, size_t len, const struct sim_program *p, struct shares *s)
{
	static struct rec_op ops[FZ_MAX_RECORDS];
	bool saved[64] = { false };
	size_t nrec = record_ops(in, len, p, ops);

	for (size_t k = 0; k < nrec; k++)
		for (unsigned i = 0; ops[k].op && i < ops[k].n; i++) {
			const struct sim_op *op = ops[k].op + i;
			struct sim_value v;
			if (!is_event_call(op) && op->kind != SIM_OP_DISPATCH)
				goto next;
			v = op->kind == SIM_OP_DISPATCH ? op->event : p->values[op->args];
			s->decoded++;
			if (v.kind == SIM_V_VAR)
				s->n[saved[v.u % 64] ? S_VAR_SAVED : S_VAR_UNSAVED]++;
			else if (v.kind != SIM_V_CONST)
				s->n[S_OTHER_CONST]++;
			else
				s->n[v.u == 0 ? S_EVENT0 : is_platform_event(&p->platform, v.u) ? S_PLATFORM :
				     is_slot(&p->platform, v.u) ? S_SLOT : S_OTHER_CONST]++;
		next:
			if (is_bind(op) && op->save >= 0)
				saved[op->save % 64] = true;
		}
}

/* At run time: what each event argument of a call carries. */
struct watch {
	const struct sim_program *p;
	struct shares *s;
	bool set[64];
	uint64_t value[64];
	uint64_t bound[64];            /* numbers BINDs returned, so far */
	unsigned nbound;
};

static void watch_call(void *ctx, const struct sim_obs *o)
{
	struct watch *w = ctx;
	const struct sim_program *p = w->p;
	const struct sim_op *op;
	struct sim_value v;
	bool bound = false;

	if (o->kind != SIM_OBS_CALL || o->op < 0)
		return;
	if ((uint32_t)o->op >= (o->from_handler ? p->nactions : p->nsteps))
		return;
	op = o->from_handler ? &p->actions[o->op] : &p->steps[o->op];
	if (is_event_call(op)) {
		uint64_t x1 = o->args[0];
		v = p->values[op->args];
		for (unsigned k = 0; k < w->nbound; k++)
			bound |= w->bound[k] == x1;
		w->s->run++;
		w->s->n[x1 == 0 ? R_ZERO : is_platform_event(&p->platform, x1) ? R_PLATFORM : bound ? R_BOUND :
			is_slot(&p->platform, x1) ? R_SLOT : R_OTHER]++;
		if (v.kind == SIM_V_VAR && !w->set[v.u % 64])
			w->s->n[R_VIA_UNSET_VAR]++;
		if (v.kind == SIM_V_VAR && w->set[v.u % 64] && bound)
			w->s->n[R_VIA_BOUND_VAR]++;
	}
	if (is_bind(op) && o->status == 0) {
		if (o->result >= 0 && w->nbound < 64)
			w->bound[w->nbound++] = (uint64_t)o->result;
		if (op->save >= 0) {
			w->set[op->save % 64] = true;
			w->value[op->save % 64] = (uint64_t)o->result;
		}
	}
}

static struct fz_run run;

static void measure(const uint8_t *in, size_t len, struct shares *s)
{
	struct watch w;

	memset(&w, 0, sizeof w);
	w.p = &run.prog;
	w.s = s;
	run.also = (struct sim_observer){ watch_call, &w };
	assert_int_equal(fz_decode(in, len, &run.prog, &run.choices), 0);
	decoded_shares(in, len, &run.prog, s);
	fz_run_program(&run, false);
	run.also = (struct sim_observer){ NULL, NULL };
	s->inputs++;
}

/* ---- random inputs ---- */

static uint64_t rng;

static uint8_t next_byte(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint8_t)(rng >> 32);
}

/* Input i of the fixed random sequence: a header and 1 to 64 records. */
static size_t random_input(uint8_t *in)
{
	size_t len = FZ_HEADER_BYTES + (1 + next_byte() % 64) * FZ_RECORD_BYTES;

	for (size_t b = 0; b < len; b++)
		in[b] = next_byte();
	return len;
}

static void print_shares(const char *what, const struct shares *s)
{
	printf("%s: %lu inputs, %lu event arguments decoded, %lu made at run time\n", what, s->inputs, s->decoded,
	       s->run);
	for (unsigned k = 0; k < N_SHARES; k++) {
		unsigned long of = k < S_STATIC ? s->decoded : s->run;
		printf("  %-42s %7lu  %5.1f%%\n", share_name[k], s->n[k], of ? 100.0 * (double)s->n[k] / (double)of : 0.0);
	}
}

enum { RANDOM_INPUTS = 3000 };

static void random_shares(struct shares *s)
{
	static uint8_t in[MAX_IN];

	memset(s, 0, sizeof *s);
	rng = 0x5DEECE66Dull;
	for (unsigned i = 0; i < RANDOM_INPUTS; i++)
		measure(in, random_input(in), s);
}

/* ---- locality ---- */

static uint64_t mix(uint64_t h, uint64_t x)
{
	return (h ^ x) * 0x100000001b3ull;
}

/* h with the meaning of op (of handler, -1: a step) mixed in; saver: the
 * meaning of the record that saved each variable. */
static uint64_t op_meaning(const struct sim_program *p, const struct sim_op *op, int handler,
			   const uint64_t *saver, uint64_t h)
{
	struct sim_value vals[8];
	unsigned nv = 0;

	h = mix(h, (uint64_t)handler);
	h = mix(h, (uint64_t)op->kind << 8 | op->pe);
	h = mix(h, (uint64_t)op->from_el << 32 | (uint64_t)op->psci_fn << 24 | (uint64_t)op->target << 16 |
		   (uint64_t)op->state << 8 | op->raw_fid);
	h = mix(h, (uint64_t)op->aarch32 << 8 | op->secure);
	h = mix(h, op->intid);
	h = mix(h, op->save >= 0);
	vals[nv++] = op->fid;
	vals[nv++] = op->event;
	for (uint32_t a = 0; a < op->nargs && nv < 7; a++)
		vals[nv++] = p->values[op->args + a];
	if (op->kind == SIM_OP_SET && op->nsets) {
		h = mix(h, p->assigns[op->sets].reg);
		vals[nv++] = p->assigns[op->sets].v;
	}
	for (unsigned a = 0; a < nv; a++) {
		h = mix(h, vals[a].kind);
		h = mix(h, vals[a].kind == SIM_V_VAR ? saver[vals[a].u % 64] : vals[a].u);
	}
	return h;
}


/* The meanings of the records of in (decoded into p): a hash each, 0 for
 * a record that makes no op. */
static size_t meanings(const uint8_t *in, size_t len, struct sim_program *p, uint64_t *out)
{
	static struct rec_op ops[FZ_MAX_RECORDS];
	struct fz_choices ch;
	uint64_t saver[64];
	size_t nrec;

	assert_int_equal(fz_decode(in, len, p, &ch), 0);
	nrec = record_ops(in, len, p, ops);
	for (unsigned k = 0; k < 64; k++)
		saver[k] = 0;
	for (size_t k = 0; k < nrec; k++) {
		uint64_t h = 0xcbf29ce484222325ull;
		int32_t saves = -1;
		if (ops[k].op == NULL) {
			out[k] = 0;
			continue;
		}
		for (unsigned i = 0; i < ops[k].n; i++) {
			h = op_meaning(p, ops[k].op + i, ops[k].handler, saver, h);
			if (is_bind(ops[k].op + i) && ops[k].op[i].save >= 0)
				saver[(saves = ops[k].op[i].save) % 64] = h | 1;   /* for the rest of the record */
		}
		out[k] = h | 1;
		if (saves >= 0)
			saver[saves % 64] = out[k];
	}
	return nrec;
}

struct locality {
	unsigned long changed, compared, mutations, touching;
};

/* Records other than the one changed whose meaning differs between a
 * (na records) and b, a mutant of a at record `at`: changed there (shift
 * 0), one put in before it (1), or it taken out (-1); b's record k + shift
 * stands for a's k from `at` on (past it, taken out). */
static void compare(const uint64_t *a, size_t na, const uint64_t *b, size_t nb, size_t at, int shift,
		    struct locality *l)
{
	unsigned long changed = 0;

	for (size_t k = 0; k < na; k++) {
		size_t j = k < at ? k : (size_t)((long)k + shift);
		if (k == at && shift <= 0)
			continue;                       /* the record changed, or taken out */
		if (j >= nb || (a[k] == 0 && b[j] == 0))
			continue;
		l->compared++;
		changed += a[k] != b[j];
	}
	l->changed += changed;
	l->touching += changed > 0;
	l->mutations++;
}

/* Mutations of RANDOM_INPUTS / 10 random inputs: a random byte of a random
 * record set to a random value (change), a random record put in before a
 * random one (insert), one taken out (remove). */
static void measure_locality(struct locality l[3])
{
	static uint8_t in[MAX_IN], m[MAX_IN];
	static uint64_t ma[FZ_MAX_RECORDS], mb[FZ_MAX_RECORDS];
	static struct sim_program b;
	size_t na, nb, len;

	memset(l, 0, 3 * sizeof *l);
	rng = 0x9E3779B97F4A7C15ull;
	sim_program_init(&b);
	for (unsigned i = 0; i < RANDOM_INPUTS / 10; i++) {
		len = random_input(in);
		na = meanings(in, len, &run.prog, ma);
		for (unsigned t = 0; t < 20; t++) {
			size_t at = next_byte() % na, byte = FZ_HEADER_BYTES + at * FZ_RECORD_BYTES;
			/* change */
			memcpy(m, in, len);
			m[byte + next_byte() % FZ_RECORD_BYTES] = next_byte();
			nb = meanings(m, len, &b, mb);
			compare(ma, na, mb, nb, at, 0, &l[0]);
			/* insert before record at */
			if (len + FZ_RECORD_BYTES <= MAX_IN) {
				memcpy(m, in, byte);
				for (unsigned k = 0; k < FZ_RECORD_BYTES; k++)
					m[byte + k] = next_byte();
				memcpy(m + byte + FZ_RECORD_BYTES, in + byte, len - byte);
				nb = meanings(m, len + FZ_RECORD_BYTES, &b, mb);
				compare(ma, na, mb, nb, at, 1, &l[1]);
			}
			/* remove record at */
			memcpy(m, in, byte);
			memcpy(m + byte, in + byte + FZ_RECORD_BYTES, len - byte - FZ_RECORD_BYTES);
			nb = meanings(m, len - FZ_RECORD_BYTES, &b, mb);
			compare(ma, na, mb, nb, at, -1, &l[2]);
		}
	}
	sim_program_free(&b);
}

static void print_locality(const struct locality l[3])
{
	static const char *const what[3] = { "a byte changed", "a record put in", "a record taken out" };

	printf("locality: records (other than the one changed) whose meaning changes\n");
	for (unsigned k = 0; k < 3; k++)
		printf("  %-20s %6lu mutations: %5.2f%% of the records compared (%lu of %lu); "
		       "%5.1f%% of the mutations change another record\n",
		       what[k], l[k].mutations, l[k].compared ? 100.0 * (double)l[k].changed / (double)l[k].compared : 0.0,
		       l[k].changed, l[k].compared,
		       l[k].mutations ? 100.0 * (double)l[k].touching / (double)l[k].mutations : 0.0);
}

/* ---- the test ---- */

static void mutations_change_few_meanings(void **state)
{
	struct locality l[3];
	(void)state;

	measure_locality(l);
	print_locality(l);
	/* a change of one record changes on average under 2% of the others */
	for (unsigned k = 0; k < 3; k++)
		assert_true(l[k].changed * 50 < l[k].compared);
}

/* ---- --table ---- */

static void dir_shares(const char *dir, struct shares *s)
{
	static uint8_t in[FZ_MAX_INPUT];
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);

	if (n < 0) {
		fprintf(stderr, "test_fz_event_args: %s: cannot read\n", dir);
		exit(2);
	}
	for (int k = 0; k < n; k++) {
		char path[4096];
		FILE *f;
		size_t len;
		snprintf(path, sizeof path, "%s/%s", dir, names[k]->d_name);
		free(names[k]);
		if (path[strlen(dir) + 1] == '.' || (f = fopen(path, "rb")) == NULL)
			continue;
		len = fread(in, 1, sizeof in, f);
		fclose(f);
		measure(in, len, s);
	}
	free(names);
}

static int table(int argc, char **argv)
{
	struct shares s;
	struct locality l[3];

	random_shares(&s);
	print_shares("random inputs", &s);
	for (int k = 0; k < argc; k++) {
		memset(&s, 0, sizeof s);
		dir_shares(argv[k], &s);
		print_shares(argv[k], &s);
	}
	measure_locality(l);
	print_locality(l);
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest locality[] = { cmocka_unit_test(mutations_change_few_meanings) };
	char err[200];
	int rc = 2;

	if (argc < 2) {
		fprintf(stderr, "usage: test_fz_event_args locality | --table [DIR...]\n");
		return 2;
	}
	if (fz_run_init(&run, err, sizeof err)) {
		fprintf(stderr, "test_fz_event_args: %s\n", err);
		return 2;
	}
	if (strcmp(argv[1], "--table") == 0)
		rc = table(argc - 2, argv + 2);
	else if (strcmp(argv[1], "locality") == 0)
		rc = cmocka_run_group_tests(locality, NULL, NULL);
	fz_run_free(&run);
	return rc;
}
