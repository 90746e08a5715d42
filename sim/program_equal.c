/*
 * program_equal.c - are two scenario programs the same program?
 *
 * Structurally: element by element, what each one says, never where it is
 * kept.  Pool indices and string offsets differ between two builds of the
 * same program (a loader appends in file order, the fuzz decoder in record
 * order), so ranges are compared by content, variables by name (their
 * numbering follows whoever declared them first) and handlers by position
 * and name.  Source locations and `file` say where a program came from,
 * not what it is: they are not compared.  Of an operation, only the fields
 * its kind uses are compared (program.h: a `migrate` has no PE to speak
 * of, a `call` no INTID).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "program.h"
#include "sdd/sdd_spec.h"

/* The two programs and where the first difference was found. */
struct eq {
	const struct sim_program *a, *b;
	char *why;
	size_t n;
	char where[96];             /* "step 3", "handler 'h' action 2" */
};

static bool differ(struct eq *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool differ(struct eq *q, const char *fmt, ...)
{
	char what[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (q->n)
		snprintf(q->why, q->n, "%s%s%s", q->where, q->where[0] ? ": " : "", what);
	return false;
}

#define SAME(q, x, y, what) \
	((x) == (y) || differ((q), "%s: %" PRIu64 " / %" PRIu64, (what), (uint64_t)(x), (uint64_t)(y)))

static bool same_str(struct eq *q, const char *x, const char *y, const char *what)
{
	if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0))
		return differ(q, "%s: '%s' / '%s'", what, x ? x : "(none)", y ? y : "(none)");
	return true;
}

/* ---- Values and expectations ---- */

static const char *var_name(const struct sim_program *p, uint64_t k)
{
	return k < p->nvars ? sim_str(p, p->vars[k]) : "(no such variable)";
}

static const char *handler_name(const struct sim_program *p, uint64_t k)
{
	return k < p->nhandlers ? sim_str(p, p->handlers[k].name) : "(no such handler)";
}

static bool same_value(struct eq *q, struct sim_value x, struct sim_value y, const char *what)
{
	if (x.kind != y.kind)
		return differ(q, "%s: a value of kind %u / %u", what, x.kind, y.kind);
	switch (x.kind) {
	case SIM_V_VAR:
		return same_str(q, var_name(q->a, x.u), var_name(q->b, y.u), what);
	case SIM_V_HANDLER:
	case SIM_V_HANDLER_OFF:
		return SAME(q, x.u, y.u, what) &&
		       same_str(q, handler_name(q->a, x.u), handler_name(q->b, y.u), what);
	case SIM_V_RESUME_PAD:
	case SIM_V_INT_PC:
	case SIM_V_INT_PSTATE:
		return true;                 /* u is not used */
	default:                         /* CONST, MPIDR */
		if (x.u != y.u)
			return differ(q, "%s: 0x%" PRIx64 " / 0x%" PRIx64, what, x.u, y.u);
		return true;
	}
}

/* values[xa .. xa+n) of a and values[xb .. xb+n) of b. */
static bool same_values(struct eq *q, uint32_t xa, uint32_t xb, uint32_t n, const char *what)
{
	char item[64];

	for (uint32_t k = 0; k < n; k++) {
		snprintf(item, sizeof item, "%.40s[%u]", what, k);     /* (what: a path, shorter) */
		if (!same_value(q, q->a->values[xa + k], q->b->values[xb + k], item))
			return false;
	}
	return true;
}

static bool same_match(struct eq *q, const struct sim_match *x, const struct sim_match *y,
		       const char *what)
{
	if (!SAME(q, x->kind, y->kind, what) || !SAME(q, x->width32, y->width32, what))
		return false;
	switch (x->kind) {
	case SIM_M_MASK:
		return same_value(q, x->a, y->a, what) && same_value(q, x->b, y->b, what);
	case SIM_M_ONE_OF:
	case SIM_M_SET:
	case SIM_M_INCLUDES:
		return SAME(q, x->count, y->count, what) &&
		       same_values(q, x->list, y->list, x->count, what);
	default:
		return same_value(q, x->a, y->a, what);
	}
}

/* A field checked only when its flag is set (expect_dispatches and
 * expect_resumes entries). */
static bool same_optional(struct eq *q, uint8_t hx, uint8_t hy, const struct sim_match *x,
			  const struct sim_match *y, const char *what)
{
	return SAME(q, hx, hy, what) && (!hx || same_match(q, x, y, what));
}

static bool same_checks(struct eq *q, uint32_t xa, uint32_t na, uint32_t xb, uint32_t nb,
			const char *what)
{
	char item[64];

	if (na != nb)
		return differ(q, "%s: %u / %u checks", what, na, nb);
	for (uint32_t k = 0; k < na; k++) {
		const struct sim_check *x = &q->a->checks[xa + k], *y = &q->b->checks[xb + k];
		snprintf(item, sizeof item, "%s: check %u (%s)", what, k, sim_reg_name(x->reg));
		if (!SAME(q, x->reg, y->reg, item) || !same_match(q, &x->m, &y->m, item))
			return false;
	}
	return true;
}

/* ---- Operations ---- */

enum {
	F_PE = 1 << 0, F_FROM_EL = 1 << 1, F_PSCI = 1 << 2, F_TARGET = 1 << 3, F_STATE = 1 << 4,
	F_RAW = 1 << 5, F_SAVE = 1 << 6, F_INTID = 1 << 7, F_FID = 1 << 8, F_EVENT = 1 << 9,
	F_ARGS = 1 << 10, F_CHECKS = 1 << 11, F_SETS = 1 << 12, F_LIST = 1 << 13
};

/* The fields each kind of operation uses (program.h). */
static const uint16_t kind_fields[SIM_OP_KIND_COUNT] = {
	[SIM_OP_CALL] = F_PE | F_FROM_EL | F_RAW | F_SAVE | F_FID | F_ARGS | F_CHECKS,
	[SIM_OP_PSCI] = F_PE | F_FROM_EL | F_PSCI | F_TARGET | F_STATE | F_SAVE | F_ARGS | F_CHECKS,
	[SIM_OP_INTERRUPT] = F_PE | F_INTID,
	[SIM_OP_SET] = F_PE | F_SETS,
	[SIM_OP_WAKE] = F_PE,
	[SIM_OP_DISPATCH] = F_PE | F_EVENT | F_CHECKS,
	[SIM_OP_MIGRATE] = F_PE,
	[SIM_OP_RESUME] = F_PE,
	[SIM_OP_EXPECT_DISPATCHES] = F_PE | F_LIST,
	[SIM_OP_EXPECT_RESUMES] = F_PE | F_LIST,
	[SIM_OP_EXPECT_ENTRY] = F_CHECKS,
	[SIM_OP_YIELD] = 0,
	[SIM_OP_COMPLETE] = F_FID,
	[SIM_OP_COMPLETE_AND_RESUME] = F_FID,
	[SIM_OP_EXPECT_VIEW] = F_PE | F_LIST,
	[SIM_OP_HOLD] = F_PE,
	[SIM_OP_HAND_OVER] = F_PE,
};

static bool same_save(struct eq *q, int32_t x, int32_t y)
{
	if ((x < 0) != (y < 0))
		return differ(q, "save: %s / %s", x < 0 ? "(none)" : var_name(q->a, (uint32_t)x),
			      y < 0 ? "(none)" : var_name(q->b, (uint32_t)y));
	return x < 0 || same_str(q, var_name(q->a, (uint32_t)x), var_name(q->b, (uint32_t)y), "save");
}

static bool same_assigns(struct eq *q, const struct sim_op *x, const struct sim_op *y)
{
	if (!SAME(q, x->nsets, y->nsets, "registers set"))
		return false;
	for (uint32_t k = 0; k < x->nsets; k++) {
		const struct sim_assign *u = &q->a->assigns[x->sets + k], *v = &q->b->assigns[y->sets + k];
		if (!SAME(q, u->reg, v->reg, "register set") ||
		    !same_value(q, u->v, v->v, sim_reg_name(u->reg)))
			return false;
	}
	return true;
}

static bool same_dispatches(struct eq *q, uint32_t xa, uint32_t xb, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++) {
		const struct sim_expect_dispatch *x = &q->a->dispatches[xa + k];
		const struct sim_expect_dispatch *y = &q->b->dispatches[xb + k];
		const struct { const char *name; uint8_t hx, hy; const struct sim_match *mx, *my; } f[] = {
			{ "pe", x->has_pe, y->has_pe, &x->pe, &y->pe },
			{ "event", x->has_event, y->has_event, &x->event, &y->event },
			{ "handler", x->has_handler, y->has_handler, &x->handler, &y->handler },
			{ "arg", x->has_arg, y->has_arg, &x->arg, &y->arg },
			{ "depth", x->has_depth, y->has_depth, &x->depth, &y->depth },
		};
		for (unsigned j = 0; j < sizeof f / sizeof f[0]; j++) {
			char item[48];
			snprintf(item, sizeof item, "entry %u %s", k, f[j].name);
			if (!same_optional(q, f[j].hx, f[j].hy, f[j].mx, f[j].my, item))
				return false;
		}
	}
	return true;
}

static bool same_resumes(struct eq *q, uint32_t xa, uint32_t xb, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++) {
		const struct sim_expect_resume *x = &q->a->resumes[xa + k], *y = &q->b->resumes[xb + k];
		char item[48];
		snprintf(item, sizeof item, "landing %u", k);
		if (!same_optional(q, x->has_pe, y->has_pe, &x->pe, &y->pe, item) ||
		    !same_checks(q, x->checks, x->nchecks, y->checks, y->nchecks, item))
			return false;
	}
	return true;
}

static bool same_views(struct eq *q, uint32_t xa, uint32_t xb, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++) {
		const struct sim_expect_view *x = &q->a->views[xa + k], *y = &q->b->views[xb + k];
		char item[48];
		snprintf(item, sizeof item, "view part %u", k);
		if (!SAME(q, x->part, y->part, item) ||
		    (x->part == SIM_VIEW_EVENT && !same_value(q, x->event, y->event, item)) ||
		    !same_checks(q, x->checks, x->nchecks, y->checks, y->nchecks, item))
			return false;
	}
	return true;
}

static bool same_list(struct eq *q, const struct sim_op *x, const struct sim_op *y)
{
	if (!SAME(q, x->nlist, y->nlist, "entries") ||
	    (x->kind == SIM_OP_EXPECT_DISPATCHES && !SAME(q, x->form, y->form, "form")))
		return false;
	switch (x->kind) {
	case SIM_OP_EXPECT_DISPATCHES: return same_dispatches(q, x->list, y->list, x->nlist);
	case SIM_OP_EXPECT_RESUMES:    return same_resumes(q, x->list, y->list, x->nlist);
	default:                       return same_views(q, x->list, y->list, x->nlist);
	}
}

static bool same_op(struct eq *q, const struct sim_op *x, const struct sim_op *y)
{
	unsigned f;

	if (x->kind != y->kind)
		return differ(q, "'%s' / '%s'", sim_op_name(x->kind), sim_op_name(y->kind));
	f = x->kind < SIM_OP_KIND_COUNT ? kind_fields[x->kind] : 0xFFFF;
	return (!(f & F_PE) || SAME(q, x->pe, y->pe, "pe")) &&
	       (!(f & F_FROM_EL) || SAME(q, x->from_el, y->from_el, "from_el")) &&
	       (!(f & F_FROM_EL) || SAME(q, x->aarch32, y->aarch32, "aarch32")) &&
	       (!(f & F_FROM_EL) || SAME(q, x->secure, y->secure, "secure")) &&
	       (!(f & F_PSCI) || SAME(q, x->psci_fn, y->psci_fn, "PSCI function")) &&
	       (!(f & F_TARGET) || SAME(q, x->target, y->target, "target")) &&
	       (!(f & F_STATE) || SAME(q, x->state, y->state, "state")) &&
	       (!(f & F_RAW) || SAME(q, x->raw_fid, y->raw_fid, "raw fid")) &&
	       (!(f & F_SAVE) || same_save(q, x->save, y->save)) &&
	       (!(f & F_INTID) || SAME(q, x->intid, y->intid, "intid")) &&
	       (!(f & F_FID) || same_value(q, x->fid, y->fid, "fid/value")) &&
	       (!(f & F_EVENT) || same_value(q, x->event, y->event, "event")) &&
	       (!(f & F_ARGS) || (SAME(q, sim_args_used(q->a, x), sim_args_used(q->b, y), "argument count") &&
				  same_values(q, x->args, y->args, sim_args_used(q->a, x), "args"))) &&
	       (!(f & F_CHECKS) || same_checks(q, x->checks, x->nchecks, y->checks, y->nchecks,
					       "expect")) &&
	       (!(f & F_SETS) || same_assigns(q, x, y)) &&
	       (!(f & F_LIST) || same_list(q, x, y));
}

/* ---- Platform, handlers, the whole ---- */

static bool same_platform(struct eq *q, const struct sim_platform *x, const struct sim_platform *y)
{
	snprintf(q->where, sizeof q->where, "platform");
	if (!same_str(q, x->profile, y->profile, "profile") || !SAME(q, x->pes, y->pes, "pes") ||
	    !SAME(q, x->client_el, y->client_el, "client_el") ||
	    !SAME(q, x->conduit, y->conduit, "conduit") ||
	    !SAME(q, x->version_minor, y->version_minor, "version") ||
	    !SAME(q, x->relative_mode, y->relative_mode, "relative_mode") ||
	    !SAME(q, x->vendor_version, y->vendor_version, "vendor version") ||
	    !SAME(q, x->bind_private, y->bind_private, "private bind slots") ||
	    !SAME(q, x->bind_shared, y->bind_shared, "shared bind slots") ||
	    !SAME(q, x->slot_private_base, y->slot_private_base, "first private bind slot") ||
	    !SAME(q, x->slot_shared_base, y->slot_shared_base, "first shared bind slot") ||
	    !SAME(q, x->spis, y->spis, "spis") || !SAME(q, x->event0_sgi, y->event0_sgi, "event 0 SGI") ||
	    !SAME(q, x->event0_priority, y->event0_priority, "event 0 priority") ||
	    !SAME(q, x->features, y->features, "features") ||
	    !SAME(q, x->sctlr_elc, y->sctlr_elc, "sctlr") || !SAME(q, x->hcr_el2, y->hcr_el2, "hcr_el2") ||
	    !SAME(q, x->nsecure, y->nsecure, "secure INTIDs") || !SAME(q, x->nevents, y->nevents, "events"))
		return false;
	/* Only the first pes MPIDRs are the machine's. */
	for (uint32_t k = 0; k < x->pes && k < SIM_MAX_PES; k++)
		if (!SAME(q, x->mpidr[k], y->mpidr[k], "mpidr"))
			return false;
	/* struct sdd_policy is bytes only: no padding to tell them apart. */
	if (memcmp(&x->policy, &y->policy, sizeof x->policy) != 0)
		return differ(q, "dispatcher policies differ");
	for (uint32_t k = 0; k < x->nsecure; k++)
		if (!SAME(q, x->secure_intids[k], y->secure_intids[k], "secure INTID") ||
		    !SAME(q, x->secure_pes[k], y->secure_pes[k], "PEs of a secure INTID"))
			return false;
	for (uint32_t k = 0; k < x->nevents; k++) {
		const struct sim_event *u = &x->events[k], *v = &y->events[k];
		if (!SAME(q, u->number, v->number, "event number") || !SAME(q, u->type, v->type, "event type") ||
		    !SAME(q, u->priority, v->priority, "event priority") ||
		    !SAME(q, u->explicit_event, v->explicit_event, "explicit event") ||
		    (!u->explicit_event && !SAME(q, u->intid, v->intid, "event intid")))
			return false;
	}
	return true;
}

/* Handler x of a and handler y of b: what they run (an image, or the
 * same actions), whatever their names. */
static bool same_body(struct eq *q, const struct sim_handler *x, const struct sim_handler *y)
{
	if (!SAME(q, x->kind, y->kind, "kind"))
		return false;
	if (x->kind == SIM_H_ELF)
		return same_str(q, sim_str(q->a, x->elf_path), sim_str(q->b, y->elf_path), "elf") &&
		       same_str(q, sim_str(q->a, x->symbol), sim_str(q->b, y->symbol), "symbol");
	if (!SAME(q, x->nops, y->nops, "actions"))
		return false;
	for (uint32_t j = 0; j < x->nops; j++) {
		snprintf(q->where, sizeof q->where, "handler '%s' action %u", sim_str(q->a, x->name), j + 1);
		if (!same_op(q, &q->a->actions[x->ops + j], &q->b->actions[y->ops + j]))
			return false;
	}
	return true;
}

static bool same_handler(struct eq *q, uint32_t k)
{
	const struct sim_handler *x = &q->a->handlers[k], *y = &q->b->handlers[k];

	snprintf(q->where, sizeof q->where, "handler %u", k);
	return same_str(q, sim_str(q->a, x->name), sim_str(q->b, y->name), "name") && same_body(q, x, y);
}

/* see program.h */
bool sim_handler_body_equal(const struct sim_program *a, uint32_t ha, const struct sim_program *b, uint32_t hb)
{
	struct eq q = { a, b, NULL, 0, "" };

	return ha < a->nhandlers && hb < b->nhandlers && same_body(&q, &a->handlers[ha], &b->handlers[hb]);
}

/* see program.h */
bool sim_handler_body_within(const struct sim_program *a, uint32_t ha, const struct sim_program *b, uint32_t hb)
{
	struct eq q = { a, b, NULL, 0, "" };
	const struct sim_handler *x, *y;
	const struct sim_op *last;

	if (ha >= a->nhandlers || hb >= b->nhandlers)
		return false;
	x = &a->handlers[ha];
	y = &b->handlers[hb];
	if (same_body(&q, x, y))
		return true;
	if (x->kind != SIM_H_ACTIONS || y->kind != SIM_H_ACTIONS || x->nops == 0 || x->nops > y->nops)
		return false;
	/* (EVENT_COMPLETE(HANDLED): back to the interrupted context, wherever
	 * that was - where a resume, or another status, may go wrong) */
	last = &a->actions[x->ops + x->nops - 1];
	if (last->kind != SIM_OP_COMPLETE || last->fid.kind != SIM_V_CONST || last->fid.u != SDD_EV_HANDLED)
		return false;
	for (uint32_t j = 0; j + 1 < x->nops; j++)
		if (!same_op(&q, &a->actions[x->ops + j], &b->actions[y->ops + j]))
			return false;
	return true;
}

bool sim_platform_equal(const struct sim_platform *a, const struct sim_platform *b, char *why, size_t n)
{
	struct eq q = { NULL, NULL, why, n, "" };

	if (n)
		why[0] = '\0';
	return same_platform(&q, a, b);
}

bool sim_program_equal(const struct sim_program *a, const struct sim_program *b, char *why, size_t n)
{
	struct eq q = { a, b, why, n, "" };

	if (n)
		why[0] = '\0';
	if (!same_str(&q, a->name, b->name, "name") ||
	    !same_str(&q, a->description, b->description, "description") ||
	    !SAME(&q, a->lenient, b->lenient, "lenient") ||
	    !SAME(&q, a->nchoices, b->nchoices, "choices") ||
	    (a->nchoices && memcmp(a->choices, b->choices, a->nchoices) != 0 &&
	     !differ(&q, "choices differ")) ||
	    !same_platform(&q, &a->platform, &b->platform))
		return false;
	q.where[0] = '\0';
	if (!SAME(&q, a->nhandlers, b->nhandlers, "handlers"))
		return false;
	for (uint32_t k = 0; k < a->nhandlers; k++)
		if (!same_handler(&q, k))
			return false;
	snprintf(q.where, sizeof q.where, "steps");
	if (!SAME(&q, a->nsteps, b->nsteps, "count"))
		return false;
	for (uint32_t k = 0; k < a->nsteps; k++) {
		snprintf(q.where, sizeof q.where, "step %u", k + 1);
		if (!same_op(&q, &a->steps[k], &b->steps[k]))
			return false;
	}
	return true;
}
