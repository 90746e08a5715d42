/*
 * view.c - the expect_view step: checks on the dispatcher's register view
 * of one PE, in the style of KVM's SDEI firmware registers.
 *
 * The view is read through the core's public interface only
 * (sdd_reg_read, sdd_event_index), never from struct sdd's fields: the
 * step checks what a hypervisor migrating the state would read.  Event
 * numbers become indices with sdd_event_index; indices become numbers
 * again, for messages, through the platform description the machine gave
 * the core.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sim_internal.h"

/* What a part sees, by register (enum sim_reg). */
struct seen {
	uint64_t v[SIM_R_COUNT];
};

static uint64_t seen_value(const void *src, unsigned reg)
{
	return reg < SIM_R_COUNT ? ((const struct seen *)src)->v[reg] : 0;
}

/* The number of event index i, or -1. */
static int64_t event_number(const struct sim_machine *m, unsigned i)
{
	for (unsigned k = 0; k < m->splat.event_count; k++)
		if (sdd_event_index(&m->core, m->splat.events[k].number) == (int)i)
			return m->splat.events[k].number;
	return -1;
}

/* see sim_internal.h */
void sim_show_events(const struct sim_machine *m, uint64_t bits, char *buf, size_t n)
{
	size_t used = (size_t)snprintf(buf, n, "{");

	for (unsigned i = 0; i < 64 && used < n; i++) {
		int64_t ev;
		if (!((bits >> i) & 1))
			continue;
		ev = event_number(m, i);
		used += (size_t)snprintf(buf + used, n - used, "%s0x%" PRIx32, used > 1 ? ", " : "",
					 (uint32_t)ev);
	}
	if (used < n)
		snprintf(buf + used, n - used, "}");
}

/* see sim_internal.h */
void sim_masked_waiting(struct sim_machine *m, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (unsigned pe = 0; pe < m->npe && used < n; pe++) {
		uint64_t st = 0, pending = 0, enabled = 0;
		char evs[120];
		if (m->pe[pe].power != SIM_PE_ON || sdd_reg_read(&m->core, pe, SDD_REG_PE_STATE, &st, 1) != 1 ||
		    !(st & 1) || sdd_reg_read(&m->core, pe, SDD_REG_PENDING, &pending, 1) != 1 ||
		    sdd_reg_read(&m->core, pe, SDD_REG_ENABLED, &enabled, 1) != 1 || (pending &= enabled) == 0)
			continue;
		sim_show_events(m, pending, evs, sizeof evs);
		used += (size_t)snprintf(buf + used, n - used, "; PE %u masked, with %s pending there (waiting for "
					 "PE_UNMASK)", pe, evs);
	}
}

/* see sim_internal.h */
bool sim_event_set(struct sim_machine *m, const struct sim_match *mt, uint64_t *bits)
{
	*bits = 0;
	for (uint32_t k = 0; k < mt->count; k++) {
		uint64_t ev;
		int i;
		if (!sim_resolve(m, &m->prog->values[mt->list + k], 0, 0, mt->loc, &ev))
			return false;
		i = ev <= UINT32_MAX ? sdd_event_index(&m->core, (int32_t)(uint32_t)ev) : -1;
		if (i < 0 || i >= 64) {
			sim_fail(m, SIM_FAIL_SCENARIO, mt->loc, "0x%" PRIx64 " is not an event of this "
				 "platform", ev);
			return false;
		}
		*bits |= UINT64_C(1) << i;
	}
	return true;
}

/* Does the value compare with the interrupted context? */
static bool interrupted(const struct sim_value *v)
{
	return v->kind == SIM_V_INT_PC || v->kind == SIM_V_INT_PSTATE;
}

/* The interrupted context of dispatch level (-1: the innermost) on pe, for
 * interrupted_pc / interrupted_pstate.  When there is none, a check that
 * uses them fails the scenario (rather than compare with a made-up 0). */
static bool context_of(struct sim_machine *m, unsigned pe, int level, uint32_t first, uint32_t n,
		       uint64_t *pc, uint64_t *pstate)
{
	const struct sim_pe *p = &m->pe[pe];
	const struct sim_program *prog = m->prog;

	if (level < 0)
		level = (int)p->depth - 1;
	*pc = *pstate = 0;
	if (level >= 0 && level < (int)p->depth) {
		*pc = p->disp[level].int_pc;
		*pstate = p->disp[level].int_pstate;
		return true;
	}
	for (uint32_t k = 0; k < n; k++) {
		const struct sim_match *mt = &prog->checks[first + k].m;
		bool uses = mt->kind != SIM_M_ONE_OF && !sim_match_is_set(mt) && interrupted(&mt->a);
		uses |= mt->kind == SIM_M_MASK && interrupted(&mt->b);
		for (uint32_t j = 0; mt->kind == SIM_M_ONE_OF && j < mt->count; j++)
			uses |= interrupted(&prog->values[mt->list + j]);
		if (uses) {
			sim_fail(m, SIM_FAIL_SCENARIO, mt->loc, "interrupted_pc and interrupted_pstate "
				 "need a handler running on PE %u, none is", pe);
			return false;
		}
	}
	return true;
}

/* Register id of pe into vals (n of them); false (failure recorded at loc)
 * when the view has no such register. */
static bool view_read(struct sim_machine *m, unsigned pe, uint32_t id, uint64_t *vals, unsigned n,
		 struct sim_loc loc, const char *what)
{
	int got = sdd_reg_read(&m->core, pe, id, vals, n);

	if (got == (int)n)
		return true;
	sim_fail(m, SIM_FAIL_EXPECT, loc, "view of PE %u: %s", pe, what);
	return false;
}

static void pe_part(struct sim_machine *m, unsigned pe, const struct sim_expect_view *v)
{
	struct seen s;
	uint64_t state, ipc, ips;
	char what[32];

	memset(&s, 0, sizeof s);
	if (!view_read(m, pe, SDD_REG_PE_STATE, &state, 1, v->loc, "the dispatcher has no PE state"))
		return;
	s.v[SIM_R_VIEW_MASKED] = state & 1;
	s.v[SIM_R_VIEW_DEPTH] = (state >> 1) & 3;
	for (unsigned k = 0; k <= SIM_R_VIEW_BOUND - SIM_R_VIEW_REGISTERED; k++)
		if (!view_read(m, pe, SDD_REG_REGISTERED + k, &s.v[SIM_R_VIEW_REGISTERED + k], 1, v->loc,
			  "the dispatcher has no event bitmaps"))
			return;
	if (!context_of(m, pe, -1, v->checks, v->nchecks, &ipc, &ips))
		return;
	snprintf(what, sizeof what, "view of PE %u", pe);
	sim_check_list(m, v->checks, v->nchecks, seen_value, &s, ipc, ips, what);
}

static void context_part(struct sim_machine *m, unsigned pe, const struct sim_expect_view *v)
{
	unsigned level = v->part == SIM_VIEW_CONTEXT ? 0 : 1;
	const char *name = level ? "nested_context" : "context";
	uint64_t vals[SDD_CONTEXT_REGS + 2], ipc, ips;
	struct sim_ctx c;
	char what[64];

	snprintf(what, sizeof what, "no %s: %s handler is running there", name,
		 level ? "no second" : "no");
	if (!view_read(m, pe, SDD_REG_CONTEXT0 + level, vals, SDD_CONTEXT_REGS + 2, v->loc, what) ||
	    !context_of(m, pe, (int)level, v->checks, v->nchecks, &ipc, &ips))
		return;
	memset(&c, 0, sizeof c);
	c.pc = vals[0];
	c.pstate = vals[1];
	memcpy(c.x, &vals[2], SDD_CONTEXT_REGS * sizeof vals[0]);
	snprintf(what, sizeof what, "view of PE %u, %s", pe, name);
	sim_check_regs(m, v->checks, v->nchecks, &c, ipc, ips, what);
}

static void event_part(struct sim_machine *m, unsigned pe, const struct sim_expect_view *v)
{
	uint64_t ev, vals[5], ipc, ips;
	struct seen s;
	char what[64];
	int i;

	if (!sim_resolve(m, &v->event, 0, 0, v->loc, &ev))
		return;
	i = ev <= UINT32_MAX ? sdd_event_index(&m->core, (int32_t)(uint32_t)ev) : -1;
	if (i < 0) {
		sim_fail(m, SIM_FAIL_SCENARIO, v->loc, "view of PE %u: 0x%" PRIx64 " is not an event "
			 "of this platform", pe, ev);
		return;
	}
	if (!view_read(m, pe, SDD_REG_HANDLER_BASE + (uint32_t)i, vals, 5, v->loc,
		  "the dispatcher has no handler registers for it") ||
	    !context_of(m, pe, -1, v->checks, v->nchecks, &ipc, &ips))
		return;
	memset(&s, 0, sizeof s);
	for (unsigned k = 0; k < 4; k++)
		s.v[SIM_R_VIEW_EP + k] = vals[k];
	snprintf(what, sizeof what, "view of PE %u, event 0x%" PRIx64, pe, ev);
	sim_check_list(m, v->checks, v->nchecks, seen_value, &s, ipc, ips, what);
}

/* see sim_internal.h */
void sim_expect_view(struct sim_machine *m, const struct sim_op *op)
{
	for (uint32_t k = 0; k < op->nlist && !m->failed; k++) {
		const struct sim_expect_view *v = &m->prog->views[op->list + k];
		switch (v->part) {
		case SIM_VIEW_PE:
			pe_part(m, op->pe, v);
			break;
		case SIM_VIEW_CONTEXT:
		case SIM_VIEW_NESTED_CONTEXT:
			context_part(m, op->pe, v);
			break;
		default:
			event_part(m, op->pe, v);
			break;
		}
	}
}
