/*
 * handlers.c - putting a program's handlers into client memory.
 *
 * A handler made of actions is entered at its stub (RT_STUBS + slot *
 * RT_STUB_SIZE, slot = handler index); the stub hands the slot to the
 * runtime's interpreter, which finds the handler's first action record in
 * RT_HANDLER_TABLE.  Each action becomes one RT_ACTION_SIZE record and
 * each handler's list ends with an RT_OP_END record.  Records carry
 * constants; values known only when the action runs ($name, handler
 * addresses, ...) are placed in the registers by the simulator when the
 * action traps (it knows which action from x16).
 */
#include <stdlib.h>
#include <string.h>

#include "call_rules.h"
#include "runtime/rt_layout.h"
#include "sdd/sdd_spec.h"
#include "sim_internal.h"

struct record {
	uint32_t op, flags;
	uint64_t a[7];
};

_Static_assert(sizeof(struct record) == RT_ACTION_SIZE, "record layout is the runtime's");
_Static_assert(RT_MAX_HANDLERS == SIM_MAX_HANDLERS, "a program's handlers are the runtime's, each with its entries in the machine");
_Static_assert(RT_MAX_ACTIONS == SIM_MAX_ACTION_RECORDS, "a program's action records are the runtime's");

static uint64_t const_or_zero(const struct sim_value *v)
{
	return v->kind == SIM_V_CONST ? v->u : 0;
}

/* r as op with no flags and no arguments.  Every field set, one by one: a
 * memset of the record is a call the sanitizers intercept, once per
 * action of every run.  And every field: the records are client-readable
 * data, and their buffer is the last scenario's (sim_cpu_buffer). */
static void blank(struct record *r, uint32_t op)
{
	r->op = op;
	r->flags = 0;
	r->a[0] = 0;
	r->a[1] = 0;
	r->a[2] = 0;
	r->a[3] = 0;
	r->a[4] = 0;
	r->a[5] = 0;
	r->a[6] = 0;
}

static void encode(const struct sim_machine *m, const struct sim_op *op, struct record *r)
{
	const struct sim_program *p = m->prog;

	blank(r, RT_OP_NOP);
	r->flags = m->plat.conduit == SIM_CONDUIT_HVC ? RT_FLAG_HVC : 0;
	switch (op->kind) {
	case SIM_OP_CALL:
		r->op = RT_OP_CALL;
		r->a[0] = const_or_zero(&op->fid);
		for (uint32_t k = 0; k < op->nargs && k < 5; k++)
			r->a[1 + k] = const_or_zero(&p->values[op->args + k]);
		break;
	case SIM_OP_PSCI:
		r->op = RT_OP_CALL;
		r->a[0] = sim_psci_fid(op->psci_fn);
		break;
	case SIM_OP_COMPLETE:
		r->op = RT_OP_CALL;
		r->a[0] = SDD_FID_EVENT_COMPLETE;
		r->a[1] = const_or_zero(&op->fid);
		break;
	case SIM_OP_COMPLETE_AND_RESUME:
		r->op = RT_OP_CALL;
		r->a[0] = SDD_FID_EVENT_COMPLETE_AND_RESUME;
		r->a[1] = const_or_zero(&op->fid);
		break;
	case SIM_OP_INTERRUPT:
		r->op = RT_OP_IRQ;
		r->a[0] = op->intid;
		r->a[1] = op->pe;        /* SIM_NONE: the PE running the handler */
		break;
	case SIM_OP_YIELD:
		r->op = RT_OP_YIELD;
		break;
	default:                     /* checked by the simulator alone */
		r->op = RT_OP_NOP;
		break;
	}
}

int sim_handlers_load(struct sim_machine *m, char *err, size_t errlen)
{
	const struct sim_program *p = m->prog;
	uint64_t table[RT_MAX_HANDLERS];
	struct record *recs;
	uint32_t n = 0, total, over;

	if (p->nhandlers > RT_MAX_HANDLERS) {
		snprintf(err, errlen, "too many handlers (%u, at most %u)", p->nhandlers, RT_MAX_HANDLERS);
		return -1;
	}
	/* Every handler's entries are defined, an ELF handler's record index
	 * too (sim_action_of_record looks at it): the machine's memory holds
	 * whatever the last run left there. */
	memset(m->handler_entry, 0, p->nhandlers * sizeof m->handler_entry[0]);
	memset(m->handler_rec, 0, p->nhandlers * sizeof m->handler_rec[0]);
	for (uint32_t h = 0; h < p->nhandlers; h++) {
		const struct sim_handler *hd = &p->handlers[h];
		char why[300];

		if (hd->kind == SIM_H_ELF && sim_elf_load(m, sim_str(p, hd->elf_path), sim_str(p, hd->symbol),
							  &m->handler_entry[h], why, sizeof why)) {
			snprintf(err, errlen, "handler '%s': %s", sim_str(p, hd->name), why);
			m->fail_loc = hd->loc;
			return -1;
		}
	}
	total = sim_action_records(p, &over);
	if (over < p->nhandlers) {
		snprintf(err, errlen, "handler '%s': too many handler actions: the handlers take %u records (one "
			 "per action, one more per handler), at most %u", sim_str(p, p->handlers[over].name), total,
			 (unsigned)RT_MAX_ACTIONS);
		m->fail_loc = p->handlers[over].loc;
		return -1;
	}
	recs = sim_cpu_buffer(m->cpu, SIM_BUF_RECORDS, (total ? total : 1) * sizeof *recs, NULL);
	if (recs == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memset(table, 0, sizeof table);
	for (uint32_t h = 0; h < p->nhandlers; h++) {
		const struct sim_handler *hd = &p->handlers[h];
		if (hd->kind != SIM_H_ACTIONS)
			continue;
		m->handler_entry[h] = RT_STUBS + (uint64_t)h * RT_STUB_SIZE;
		m->handler_rec[h] = n;
		table[h] = RT_ACTIONS + (uint64_t)n * RT_ACTION_SIZE;
		for (uint32_t k = 0; k < hd->nops; k++)
			encode(m, &p->actions[hd->ops + k], &recs[n++]);
		blank(&recs[n++], RT_OP_END);
	}
	m->nrecs = n;
	if (sim_cpu_write(m->cpu, RT_HANDLER_TABLE, table, sizeof table) ||
	    (n && sim_cpu_write(m->cpu, RT_ACTIONS, recs, (size_t)n * sizeof *recs))) {
		snprintf(err, errlen, "cannot write handler records");
		return -1;
	}
	return 0;
}

int sim_handler_at(const struct sim_machine *m, uint64_t pc)
{
	const struct sim_program *p = m->prog;

	if (pc >= RT_STUBS && pc < RT_STUBS + RT_STUB_SIZE * RT_MAX_HANDLERS)
		return sim_stub_handler(p, pc);
	for (uint32_t h = 0; h < p->nhandlers; h++)
		if (p->handlers[h].kind == SIM_H_ELF && m->handler_entry[h] == pc)
			return (int)h;
	return -1;
}

int sim_action_of_record(const struct sim_machine *m, uint64_t rec, int *handler)
{
	const struct sim_program *p = m->prog;
	uint64_t idx;

	if (rec < RT_ACTIONS || (rec - RT_ACTIONS) % RT_ACTION_SIZE != 0)
		return -1;
	idx = (rec - RT_ACTIONS) / RT_ACTION_SIZE;
	if (idx >= m->nrecs)
		return -1;
	for (uint32_t h = 0; h < p->nhandlers; h++) {
		uint32_t first = m->handler_rec[h];
		if (idx >= first && idx < first + p->handlers[h].nops) {
			*handler = (int)h;
			return (int)(p->handlers[h].ops + (idx - first));
		}
	}
	return -1;
}
