/*
 * match.c - the values and matches of a scenario's expectations: a value
 * resolved as the run sees it now ($names saved, handlers' entry points,
 * MPIDRs, the interrupted context), a match evaluated against what was
 * seen, and a failed one said as "expected ..., got ..." with the values
 * shown the way the scenario writes them.
 */
#include <inttypes.h>

#include "call_rules.h"
#include "sim_internal.h"
#include "utf8.h"

/* see sim_internal.h */
bool sim_resolve(struct sim_machine *m, const struct sim_value *v, uint64_t int_pc,
		 uint64_t int_pstate, struct sim_loc loc, uint64_t *out)
{
	const struct sim_program *p = m->prog;
	const struct sim_value_env env = { p, m->var_value, m->var_set, m->handler_entry, m->plat.mpidr,
					   m->npe, int_pc, int_pstate };

	switch (sim_value_of(v, &env, out)) {
	case SIM_VALUE_OK:
		return true;
	case SIM_VALUE_UNSET:
		sim_fail(m, SIM_FAIL_SCENARIO, loc, "$%s is used before any step saved it",
			 v->u < p->nvars ? sim_str(p, p->vars[v->u]) : "?");
		return false;
	default:
		sim_fail(m, SIM_FAIL_SCENARIO, loc, "a value that cannot be resolved (kind %u)", v->kind);
		return false;
	}
}

/* see sim_internal.h */
const char *sim_show_value(char *buf, size_t n, uint64_t v)
{
	const char *name = sim_sdei_error_name((int64_t)v);
	if (name)
		snprintf(buf, n, "%s (%" PRId64 ")", name, (int64_t)v);
	else
		snprintf(buf, n, "0x%" PRIx64, v);
	return buf;
}

const char *sim_show_number(const struct sim_machine *m, char *buf, size_t n, uint64_t v)
{
	(void)m;
	return sim_show_value(buf, n, v);
}

const char *sim_show_index(const struct sim_machine *m, char *buf, size_t n, uint64_t v)
{
	(void)m;
	snprintf(buf, n, "%" PRIu64, v);
	return buf;
}

const char *sim_show_handler(const struct sim_machine *m, char *buf, size_t n, uint64_t v)
{
	int h = sim_handler_at(m, v);

	if (h >= 0)
		snprintf(buf, n, "'%s'", sim_str(m->prog, m->prog->handlers[h].name));
	else
		snprintf(buf, n, "0x%" PRIx64, v);
	return buf;
}

/* see sim_internal.h */
int sim_match_eval(struct sim_machine *m, const struct sim_match *mt, uint64_t seen, uint64_t int_pc,
		 uint64_t int_pstate, sim_show_fn *how, char *desc, size_t n)
{
	const struct sim_program *p = m->prog;
	uint64_t a = 0, b = 0;
	char sa[80], sb[80], sc[80];

	if (mt->width32)
		seen = (uint64_t)(int64_t)(int32_t)seen;
	if (mt->kind != SIM_M_ONE_OF && !sim_match_is_set(mt) &&
	    !sim_resolve(m, &mt->a, int_pc, int_pstate, mt->loc, &a))
		return -1;
	switch (mt->kind) {
	case SIM_M_EQ:
		snprintf(desc, n, "%s", how(m, sa, sizeof sa, a));
		return seen == a;
	case SIM_M_NOT:
		snprintf(desc, n, "anything but %s", how(m, sa, sizeof sa, a));
		return seen != a;
	case SIM_M_MASK:
		if (!sim_resolve(m, &mt->b, int_pc, int_pstate, mt->loc, &b))
			return -1;
		/* with what the mask leaves of the value: the value itself is
		 * shown whole, which differs from b in the bits masked off too */
		snprintf(desc, n, "(value & %s) == %s (value & mask is %s)", how(m, sa, sizeof sa, a),
			 how(m, sb, sizeof sb, b), how(m, sc, sizeof sc, seen & a));
		return (seen & a) == b;
	case SIM_M_SET:
	case SIM_M_INCLUDES:
		if (!sim_event_set(m, mt, &a))
			return -1;
		sim_show_events(m, a, desc, n);
		return mt->kind == SIM_M_SET ? seen == a : (seen & a) == a;
	default: {
		size_t used = (size_t)snprintf(desc, n, "one of");
		int hit = 0;
		for (uint32_t k = 0; k < mt->count; k++) {
			uint64_t v;
			if (!sim_resolve(m, &p->values[mt->list + k], int_pc, int_pstate, mt->loc, &v))
				return -1;
			if (used < n)
				used += (size_t)snprintf(desc + used, n - used, "%s %s", k ? "," : "",
							 how(m, sa, sizeof sa, v));
			hit |= seen == v;
		}
		if (used >= n)          /* a list cut short says so */
			sim_utf8_mark_cut(desc, n);
		return hit;
	}
	}
}

static uint64_t reg_value(const void *src, unsigned reg)
{
	const struct sim_ctx *c = src;

	if (reg < SIM_R_SP)
		return c->x[reg];
	switch (reg) {
	case SIM_R_SP:           return (c->pstate & 1) ? c->sp_elc : c->sp_el0;
	case SIM_R_PC:           return c->pc;
	case SIM_R_PSTATE:       return c->pstate;
	case SIM_R_PSTATE_EL:    return (c->pstate >> 2) & 3;
	case SIM_R_PSTATE_DAIF:  return (c->pstate >> 6) & 0xF;
	case SIM_R_PSTATE_SPSEL: return c->pstate & 1;
	case SIM_R_PSTATE_PAN:   return (c->pstate >> 22) & 1;
	case SIM_R_PSTATE_DIT:   return (c->pstate >> 24) & 1;
	case SIM_R_PSTATE_NZCV:  return (c->pstate >> 28) & 0xF;
	case SIM_R_ELR:          return c->elr_elc;
	case SIM_R_SPSR:         return c->spsr_elc;
	default:                 return 0;
	}
}

/* see sim_internal.h */
bool sim_check_list(struct sim_machine *m, uint32_t first, uint32_t n,
		    uint64_t (*get)(const void *src, unsigned reg), const void *src,
		    uint64_t int_pc, uint64_t int_pstate, const char *describe)
{
	for (uint32_t k = 0; k < n && !m->failed; k++) {
		const struct sim_check *ck = &m->prog->checks[first + k];
		uint64_t seen = get(src, ck->reg);
		char desc[300], s[300];
		int r = sim_match_eval(m, &ck->m, seen, int_pc, int_pstate, sim_show_number, desc, sizeof desc);
		if (r == 0) {
			if (sim_match_is_set(&ck->m))
				sim_show_events(m, seen, s, sizeof s);
			else
				sim_show_value(s, sizeof s, seen);
			sim_fail(m, SIM_FAIL_EXPECT, ck->m.loc, "%s: expected %s %s %s, got %s", describe,
				 sim_reg_name(ck->reg), ck->m.kind == SIM_M_INCLUDES ? "to hold" : "==", desc, s);
		}
		if (r != 1)
			return false;
	}
	return !m->failed;
}

/* see sim_internal.h */
bool sim_check_regs(struct sim_machine *m, uint32_t first, uint32_t n, const struct sim_ctx *c,
		    uint64_t int_pc, uint64_t int_pstate, const char *describe)
{
	return sim_check_list(m, first, n, reg_value, c, int_pc, int_pstate, describe);
}
