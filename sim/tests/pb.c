/*
 * pb.c - see pb.h.
 */
#include <stdlib.h>
#include <string.h>

#include "pb.h"

enum { T_OP = 0, T_RESUME };

void pb_init(struct pb *b)
{
	memset(b, 0, sizeof *b);
	sim_program_init(&b->p);
	b->p.file = strdup("test.c");
	b->p.name = strdup("test");
	b->in_handler = -1;
	b->line = 1;
}

void pb_free(struct pb *b)
{
	sim_program_free(&b->p);
}

static struct sim_op *last_op(struct pb *b)
{
	return b->last_is_action ? &b->p.actions[b->last_index] : &b->p.steps[b->last_index];
}

static void add(struct pb *b, struct sim_op *op)
{
	op->loc.line = b->line++;
	op->loc.col = 1;
	op->save = -1;
	if (b->in_handler >= 0) {
		b->last_index = sim_add_action(&b->p, op);
		b->last_is_action = 1;
		b->p.handlers[b->in_handler].nops++;
	} else {
		b->last_index = sim_add_step(&b->p, op);
		b->last_is_action = 0;
	}
	b->target_kind = T_OP;
}

int pb_handler(struct pb *b, const char *name)
{
	struct sim_handler h;

	memset(&h, 0, sizeof h);
	h.name = sim_add_string(&b->p, name);
	h.kind = SIM_H_ACTIONS;
	h.ops = b->p.nactions;
	h.loc.line = b->line++;
	h.loc.col = 1;
	b->in_handler = (int)sim_add_handler(&b->p, &h);
	return b->in_handler;
}

void pb_end(struct pb *b)
{
	b->in_handler = -1;
}

static struct sim_op op_of(unsigned kind, unsigned pe)
{
	struct sim_op op;
	memset(&op, 0, sizeof op);
	op.kind = (uint8_t)kind;
	op.pe = (uint8_t)pe;
	op.target = SIM_NONE;
	return op;
}

void pb_call(struct pb *b, unsigned pe, uint32_t fid, unsigned nargs, const struct sim_value *args)
{
	struct sim_op op = op_of(SIM_OP_CALL, pe);
	op.fid = V(fid);
	op.args = b->p.nvalues;
	op.nargs = nargs;
	for (unsigned k = 0; k < nargs; k++)
		sim_add_value(&b->p, args[k]);
	add(b, &op);
}

void pb_call0(struct pb *b, unsigned pe, uint32_t fid)
{
	pb_call(b, pe, fid, 0, NULL);
}

void pb_call1(struct pb *b, unsigned pe, uint32_t fid, struct sim_value a)
{
	pb_call(b, pe, fid, 1, &a);
}

void pb_call2(struct pb *b, unsigned pe, uint32_t fid, struct sim_value a, struct sim_value c)
{
	struct sim_value v[2] = { a, c };
	pb_call(b, pe, fid, 2, v);
}

void pb_register(struct pb *b, unsigned pe, uint32_t ev, int handler, uint64_t arg,
		 uint64_t flags, struct sim_value affinity)
{
	struct sim_value v[5] = { V(ev), VHANDLER(handler), V(arg), V(flags), affinity };
	if (flags & SDD_REGFLAG_RELATIVE)
		v[1] = VOFFSET(handler);
	pb_call(b, pe, SDD_FID_EVENT_REGISTER, 5, v);
}

void pb_psci(struct pb *b, unsigned pe, unsigned fn, unsigned target)
{
	struct sim_op op = op_of(SIM_OP_PSCI, pe);
	op.psci_fn = (uint8_t)fn;
	op.target = (uint8_t)target;
	add(b, &op);
}

void pb_interrupt(struct pb *b, unsigned pe, uint32_t intid)
{
	struct sim_op op = op_of(SIM_OP_INTERRUPT, pe);
	op.intid = intid;
	add(b, &op);
}

void pb_complete(struct pb *b, uint64_t status)
{
	struct sim_op op = op_of(SIM_OP_COMPLETE, SIM_NONE);
	op.fid = V(status);
	add(b, &op);
}

void pb_complete_and_resume(struct pb *b, struct sim_value addr)
{
	struct sim_op op = op_of(SIM_OP_COMPLETE_AND_RESUME, SIM_NONE);
	op.fid = addr;
	add(b, &op);
}

void pb_yield(struct pb *b)
{
	struct sim_op op = op_of(SIM_OP_YIELD, SIM_NONE);
	add(b, &op);
}

void pb_expect_entry(struct pb *b)
{
	struct sim_op op = op_of(SIM_OP_EXPECT_ENTRY, SIM_NONE);
	add(b, &op);
}

void pb_set(struct pb *b, unsigned pe, unsigned reg, uint64_t value)
{
	struct sim_op op = op_of(SIM_OP_SET, pe);
	struct sim_assign a = { (uint8_t)reg, V(value), { b->line, 1 } };
	op.sets = sim_add_assign(&b->p, &a);
	op.nsets = 1;
	add(b, &op);
}

void pb_wake(struct pb *b, unsigned pe)
{
	struct sim_op op = op_of(SIM_OP_WAKE, pe);
	add(b, &op);
}

void pb_dispatch(struct pb *b, unsigned pe, uint32_t ev)
{
	struct sim_op op = op_of(SIM_OP_DISPATCH, pe);
	op.event = V(ev);
	add(b, &op);
}

void pb_migrate(struct pb *b)
{
	struct sim_op op = op_of(SIM_OP_MIGRATE, SIM_NONE);
	add(b, &op);
}

void pb_resume(struct pb *b, unsigned pe)
{
	struct sim_op op = op_of(SIM_OP_RESUME, pe);
	add(b, &op);
}

void pb_expect_dispatches(struct pb *b)
{
	struct sim_op op = op_of(SIM_OP_EXPECT_DISPATCHES, SIM_NONE);
	op.list = b->p.ndispatches;
	add(b, &op);
}

void pb_expect_resumes(struct pb *b)
{
	struct sim_op op = op_of(SIM_OP_EXPECT_RESUMES, SIM_NONE);
	op.list = b->p.nresumes;
	add(b, &op);
}

static void attach(struct pb *b, struct sim_check *c)
{
	uint32_t idx;

	c->m.loc.line = b->line++;
	c->m.loc.col = 1;
	idx = sim_add_check(&b->p, c);
	if (b->target_kind == T_RESUME) {
		struct sim_expect_resume *r = &b->p.resumes[b->p.nresumes - 1];
		if (r->nchecks == 0)
			r->checks = idx;
		r->nchecks++;
	} else {
		struct sim_op *op = last_op(b);
		if (op->nchecks == 0)
			op->checks = idx;
		op->nchecks++;
	}
}

void pb_check(struct pb *b, unsigned reg, struct sim_value want)
{
	struct sim_check c;
	memset(&c, 0, sizeof c);
	c.reg = (uint8_t)reg;
	c.m.kind = SIM_M_EQ;
	c.m.a = want;
	c.m.width32 = b->target_kind == T_OP && last_op(b)->kind == SIM_OP_PSCI && reg == SIM_R_X0;
	attach(b, &c);
}

void pb_check_not(struct pb *b, unsigned reg, struct sim_value not_this)
{
	struct sim_check c;
	memset(&c, 0, sizeof c);
	c.reg = (uint8_t)reg;
	c.m.kind = SIM_M_NOT;
	c.m.a = not_this;
	attach(b, &c);
}

void pb_expect(struct pb *b, int64_t x0)
{
	pb_check(b, SIM_R_X0, V(x0));
}

void pb_save(struct pb *b, const char *var)
{
	last_op(b)->save = (int32_t)sim_var(&b->p, var);
}

void pb_dispatch_is(struct pb *b, unsigned pe, uint32_t ev, int handler, int has_arg, uint64_t arg)
{
	struct sim_expect_dispatch e;
	memset(&e, 0, sizeof e);
	e.has_pe = 1;
	e.pe = sim_match_eq(V(pe));
	e.has_event = 1;
	e.event = sim_match_eq(V(ev));
	e.has_handler = handler >= 0;
	e.handler = sim_match_eq(VHANDLER(handler));
	e.has_arg = (uint8_t)has_arg;
	e.arg = sim_match_eq(V(arg));
	e.loc.line = b->line++;
	e.loc.col = 1;
	sim_add_dispatch(&b->p, &e);
	last_op(b)->nlist++;
}

void pb_resume_is(struct pb *b, unsigned pe)
{
	struct sim_expect_resume e;
	memset(&e, 0, sizeof e);
	e.has_pe = 1;
	e.pe = sim_match_eq(V(pe));
	e.loc.line = b->line++;
	e.loc.col = 1;
	sim_add_resume(&b->p, &e);
	last_op(b)->nlist++;
	b->target_kind = T_RESUME;
}
