/*
 * scn_test_util.c - see scn_test.h.
 */
#include "scn_test.h"

int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (f == NULL)
		return -1;
	sim_program_init(&f->p);
	*state = f;
	return 0;
}

int teardown(void **state)
{
	struct fx *f = *state;

	sim_program_free(&f->p);
	free(f);
	return 0;
}

int load(struct fx *f, const char *name, const char *text, const char *profile)
{
	return scn_load_string(name, text, strlen(text), profile, &f->p, f->err, sizeof f->err);
}

void load_ok(struct fx *f, const char *text)
{
	if (load(f, "t.yaml", text, NULL) != 0)
		fail_msg("unexpected error: %s", f->err);
}

void load_fails(struct fx *f, const char *text, const char *expected)
{
	assert_int_equal(load(f, "t.yaml", text, NULL), -1);
	assert_string_equal(f->err, expected);
}

/* ---- Comparing program elements ---- */

void loc_is(struct sim_loc loc, uint32_t line, uint32_t col)
{
	assert_int_equal(loc.line, line);
	assert_int_equal(loc.col, col);
}

void value_is(struct sim_value v, unsigned kind, uint64_t u)
{
	assert_int_equal(v.kind, kind);
	assert_int_equal(v.u, u);
}

/* An EQ (or NOT) match of a value of kind akind. */
void match_is(const struct sim_match *m, unsigned kind, unsigned akind, uint64_t a,
		     unsigned width32, uint32_t line, uint32_t col)
{
	assert_int_equal(m->kind, kind);
	value_is(m->a, akind, a);
	assert_int_equal(m->width32, width32);
	loc_is(m->loc, line, col);
}

/* Check k of a range starting at first: register reg, match of a constant. */
void check_is(const struct sim_program *p, uint32_t first, uint32_t k, unsigned reg,
		     unsigned kind, unsigned akind, uint64_t a, unsigned width32, uint32_t line,
		     uint32_t col)
{
	const struct sim_check *c = &p->checks[first + k];

	assert_int_equal(c->reg, reg);
	match_is(&c->m, kind, akind, a, width32, line, col);
}

/* The fields every op has. */
void op_is(const struct sim_op *op, unsigned kind, unsigned pe, uint32_t line, uint32_t col)
{
	assert_int_equal(op->kind, kind);
	assert_int_equal(op->pe, pe);
	loc_is(op->loc, line, col);
}

/* A call: fid, raw_fid, save, and nargs constant arguments. */
void call_is(const struct sim_program *p, const struct sim_op *op, uint64_t fid, int raw,
		    int save, unsigned nargs, const uint64_t *args, uint32_t nchecks)
{
	value_is(op->fid, SIM_V_CONST, fid);
	assert_int_equal(op->raw_fid, raw);
	assert_int_equal(op->save, save);
	assert_int_equal(op->target, SIM_NONE);
	assert_int_equal(op->from_el, 0);
	assert_int_equal(op->nargs, nargs);
	for (unsigned k = 0; k < nargs; k++)
		value_is(p->values[op->args + k], SIM_V_CONST, args[k]);
	assert_int_equal(op->nchecks, nchecks);
}

const char *var_name(const struct sim_program *p, uint32_t k)
{
	return sim_str(p, p->vars[k]);
}

