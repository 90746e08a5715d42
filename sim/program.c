/*
 * program.c - building scenario programs, and the built-in platforms.
 */
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "program.h"
#include "sdd/sdd_spec.h"

/* ---- Built-in platforms ---- */

/* Bind slots are numbered in the vendor space, far from where platforms
 * put their own events: private slot i is 0x40FF0000 + i, shared 0x40FF8000 + i. */
#define DEFAULT_SLOT_PRIVATE 0x40FF0000
#define DEFAULT_SLOT_SHARED  0x40FF8000

static void platform_default(struct sim_platform *p)
{
	memset(p, 0, sizeof *p);
	strcpy(p->profile, "default");
	p->pes = 4;
	for (unsigned k = 0; k < SIM_MAX_PES; k++)
		p->mpidr[k] = k;               /* Aff0 = PE index */
	p->client_el = 2;
	p->conduit = SIM_CONDUIT_SMC;
	p->version_minor = 1;
	p->relative_mode = 1;
	p->vendor_version = 0;
	p->bind_private = 4;
	p->bind_shared = 4;
	p->slot_private_base = DEFAULT_SLOT_PRIVATE;
	p->slot_shared_base = DEFAULT_SLOT_SHARED;
	p->spis = 96;
	p->event0_sgi = 8;                 /* a firmware SGI, as on Arm platforms */
	p->event0_priority = SDD_PRI_NORMAL;
	p->features = SDD_FEAT_PAN;
	p->sctlr_elc = SDD_SCTLR_SPAN;     /* PAN is kept, not set, on exception entry */
}

static void add_event(struct sim_platform *p, int32_t n, unsigned type, unsigned pri,
		      bool explicit_event, uint32_t intid)
{
	struct sim_event *e = &p->events[p->nevents++];
	memset(e, 0, sizeof *e);
	e->number = n;
	e->type = (uint8_t)type;
	e->priority = (uint8_t)pri;
	e->explicit_event = explicit_event;
	e->intid = intid;
}

/* TF-A on the Arm FVP base platform (reference/tf-a-dispatcher.md §1.2,
 * §2.1): 2 clusters of 4 PEs, SDEI 1.0 without relative mode, event 0 on
 * SGI 8, private bind slots 1000-1002, shared 2000-2002, explicit RAS
 * events 5000-5002 (normal) and 5003-5004 (critical), and every TF-A
 * divergence from the specification as its named policy. */
static void platform_tfa_fvp(struct sim_platform *p)
{
	platform_default(p);
	strcpy(p->profile, "tf-a-fvp");
	p->pes = 8;
	for (unsigned k = 0; k < SIM_MAX_PES; k++)
		p->mpidr[k] = ((uint64_t)(k / 4) << 8) | (k % 4);
	p->version_minor = 0;
	p->relative_mode = 0;
	p->bind_private = 3;
	p->bind_shared = 3;
	p->slot_private_base = 1000;
	p->slot_shared_base = 2000;
	p->spis = 224;
	p->features = SDD_FEAT_PAN | SDD_FEAT_UAO | SDD_FEAT_SSBS;
	p->secure_intids[p->nsecure++] = 29;   /* ARM_IRQ_SEC_PHY_TIMER */
	p->secure_intids[p->nsecure++] = 56;   /* ARM_IRQ_SEC_WDOG (trusted watchdog) */
	for (int i = 0; i < 3; i++)
		add_event(p, 5000 + i, SDD_PRIVATE, SDD_PRI_NORMAL, true, 0);
	for (int i = 3; i < 5; i++)
		add_event(p, 5000 + i, SDD_PRIVATE, SDD_PRI_CRITICAL, true, 0);
	p->policy.upper_bits = SDD_UPPER_TRUNCATE;
	p->policy.signal = SDD_SIGNAL_TFA_STRICT;
	p->policy.bind = SDD_BIND_TFA;
	p->policy.resume_error = SDD_RESUME_ERR_DENIED;
	p->policy.resume_pstate = SDD_PSTATE_TFA_PLAIN;
	p->policy.unbound = SDD_UNBOUND_TFA;
	p->policy.priv_route = SDD_PRIV_ROUTE_VALIDATE;
	p->policy.mpidr = SDD_MPIDR_IGNORE_OTHER_BITS;
	p->policy.explicit_err = SDD_EXPLICIT_MINUS_ONE;
	p->policy.number_space = SDD_BOUND_ANY_SPACE;
	p->policy.mask_timing = SDD_MASK_AT_ONCE;
	p->policy.reset_release = SDD_RESET_RELEASE_UNUSED;
	p->policy.bound_active = SDD_BOUND_ACTIVE_DENIED;
	p->policy.reset_signal = SDD_RESET_SIGNAL_KEEP;
}

static const char *const profile_names[] = { "default", "tf-a-fvp" };

const char *sim_profile_name(unsigned k)
{
	return k < sizeof profile_names / sizeof profile_names[0] ? profile_names[k] : NULL;
}

bool sim_platform_profile(struct sim_platform *p, const char *name)
{
	if (strcmp(name, "default") == 0) {
		platform_default(p);
		return true;
	}
	if (strcmp(name, "tf-a-fvp") == 0) {
		platform_tfa_fvp(p);
		return true;
	}
	return false;
}

/* Every field of *e (not its padding). */
static void set_sdd_event(struct sdd_event_desc *e, int32_t n, unsigned kind, unsigned type,
			  unsigned pri, uint32_t intid)
{
	e->number = n;
	e->kind = (uint8_t)kind;
	e->type = (uint8_t)type;
	e->priority = (uint8_t)pri;
	e->intid = intid;
}

static void add_sdd_event(struct sdd_platform *o, int32_t n, unsigned kind, unsigned type,
			  unsigned pri, uint32_t intid)
{
	set_sdd_event(&o->events[o->event_count++], n, kind, type, pri, intid);
}

/* *to = *from, field by field: a struct copy is a call the sanitizers
 * intercept, and the sort below moves events for every fuzz input. */
static void move_sdd_event(struct sdd_event_desc *to, const struct sdd_event_desc *from)
{
	set_sdd_event(to, from->number, from->kind, from->type, from->priority, from->intid);
}

int sim_platform_to_sdd(const struct sim_platform *p, struct sdd_platform *o)
{
	memset(o, 0, sizeof *o);
	if (p->pes == 0 || p->pes > SDD_MAX_PES)
		return SDD_INIT_PE_COUNT;
	if (1u + p->nevents + p->bind_private + p->bind_shared > SDD_MAX_EVENTS)
		return SDD_INIT_EVENT_COUNT;
	o->pe_count = p->pes;
	memcpy(o->mpidr, p->mpidr, p->pes * sizeof p->mpidr[0]);
	o->client_el = p->client_el;
	o->version_minor = p->version_minor;
	o->relative_mode = p->relative_mode;
	o->vendor_version = p->vendor_version;
	o->spi_count = p->spis;
	o->features = p->features;
	o->policy = p->policy;

	add_sdd_event(o, 0, SDD_EVK_EVENT0, SDD_PRIVATE, p->event0_priority, p->event0_sgi);
	for (unsigned i = 0; i < p->nevents; i++) {
		const struct sim_event *e = &p->events[i];
		add_sdd_event(o, e->number, e->explicit_event ? SDD_EVK_EXPLICIT : SDD_EVK_STATIC,
			      e->type, e->priority, e->explicit_event ? 0 : e->intid);
	}
	for (unsigned i = 0; i < p->bind_private; i++)
		add_sdd_event(o, p->slot_private_base + (int32_t)i, SDD_EVK_DYNAMIC, SDD_PRIVATE,
			      SDD_PRI_NORMAL, 0);
	for (unsigned i = 0; i < p->bind_shared; i++)
		add_sdd_event(o, p->slot_shared_base + (int32_t)i, SDD_EVK_DYNAMIC, SDD_SHARED,
			      SDD_PRI_NORMAL, 0);
	/* The core wants them sorted by number: insertion sort, stable.  One
	 * already in place is not moved (they mostly are). */
	for (unsigned i = 1; i < o->event_count; i++) {
		struct sdd_event_desc e;
		unsigned j = i;

		if (o->events[i - 1].number <= o->events[i].number)
			continue;
		move_sdd_event(&e, &o->events[i]);
		while (j > 0 && o->events[j - 1].number > e.number) {
			move_sdd_event(&o->events[j], &o->events[j - 1]);
			j--;
		}
		move_sdd_event(&o->events[j], &e);
	}
	return sdd_validate_platform(o);
}

/* ---- Pools ---- */

/* Make room for one more element in a pool; false when out of memory. */
static bool grow(void **arr, uint32_t n, uint32_t *cap, size_t elem, bool *oom)
{
	void *room = *oom ? NULL : sim_grow(*arr, n, cap, elem, 16);

	if (room == NULL) {
		*oom = true;
		return false;
	}
	*arr = room;
	return true;
}

#define POOL_ADD(p, arr, n, cap, item)                                              \
	(grow((void **)&(p)->arr, (p)->n, &(p)->cap, sizeof *(p)->arr, &(p)->oom) ?      \
	 ((p)->arr[(p)->n] = (item), (p)->n++) : UINT32_MAX)

/* The next element of a pool, not initialised; NULL when out of memory. */
#define POOL_NEW(p, arr, n, cap)                                                    \
	(grow((void **)&(p)->arr, (p)->n, &(p)->cap, sizeof *(p)->arr, &(p)->oom) ?      \
	 &(p)->arr[(p)->n++] : NULL)

/* Field by field: a memset or a struct copy is a call the sanitizers
 * intercept, and the fuzz decoder makes an op for every record. */
void sim_op_init(struct sim_op *op, unsigned kind, unsigned pe)
{
	op->kind = (uint8_t)kind;
	op->pe = (uint8_t)pe;
	op->from_el = 0;
	op->psci_fn = 0;
	op->target = SIM_NONE;
	op->state = 0;
	op->raw_fid = 0;
	op->aarch32 = 0;
	op->secure = 0;
	op->save = -1;
	op->intid = 0;
	op->fid.kind = op->event.kind = SIM_V_CONST;
	op->fid.u = op->event.u = 0;
	op->args = op->nargs = 0;
	op->checks = op->nchecks = 0;
	op->sets = op->nsets = 0;
	op->list = op->nlist = 0;
	op->loc.line = op->loc.col = 0;
}

struct sim_op sim_op_new(unsigned kind, unsigned pe)
{
	struct sim_op op;

	memset(&op, 0, sizeof op);     /* the padding too */
	sim_op_init(&op, kind, pe);
	return op;
}

uint32_t sim_add_step(struct sim_program *p, const struct sim_op *op)
{
	return POOL_ADD(p, steps, nsteps, cap_steps, *op);
}

uint32_t sim_add_action(struct sim_program *p, const struct sim_op *op)
{
	return POOL_ADD(p, actions, nactions, cap_actions, *op);
}

struct sim_op *sim_new_step(struct sim_program *p, unsigned kind, unsigned pe)
{
	struct sim_op *op = POOL_NEW(p, steps, nsteps, cap_steps);

	if (op)
		sim_op_init(op, kind, pe);
	return op;
}

struct sim_op *sim_new_action(struct sim_program *p, unsigned kind, unsigned pe)
{
	struct sim_op *op = POOL_NEW(p, actions, nactions, cap_actions);

	if (op)
		sim_op_init(op, kind, pe);
	return op;
}

uint32_t sim_add_handler(struct sim_program *p, const struct sim_handler *h)
{
	return POOL_ADD(p, handlers, nhandlers, cap_handlers, *h);
}

struct sim_handler *sim_new_handler(struct sim_program *p)
{
	struct sim_handler *h = POOL_NEW(p, handlers, nhandlers, cap_handlers);

	if (h == NULL)
		return NULL;
	h->name = 0;
	h->kind = SIM_H_ACTIONS;
	h->ops = h->nops = 0;
	h->elf_path = h->symbol = 0;
	h->loc.line = h->loc.col = 0;
	return h;
}

uint32_t sim_add_value(struct sim_program *p, struct sim_value v)
{
	return POOL_ADD(p, values, nvalues, cap_values, v);
}

uint32_t sim_add_check(struct sim_program *p, const struct sim_check *c)
{
	return POOL_ADD(p, checks, nchecks, cap_checks, *c);
}

uint32_t sim_add_assign(struct sim_program *p, const struct sim_assign *a)
{
	return POOL_ADD(p, assigns, nassigns, cap_assigns, *a);
}

uint32_t sim_add_dispatch(struct sim_program *p, const struct sim_expect_dispatch *e)
{
	return POOL_ADD(p, dispatches, ndispatches, cap_dispatches, *e);
}

uint32_t sim_add_resume(struct sim_program *p, const struct sim_expect_resume *e)
{
	return POOL_ADD(p, resumes, nresumes, cap_resumes, *e);
}

uint32_t sim_add_view(struct sim_program *p, const struct sim_expect_view *e)
{
	return POOL_ADD(p, views, nviews, cap_views, *e);
}

uint32_t sim_add_choice(struct sim_program *p, uint8_t answer)
{
	return POOL_ADD(p, choices, nchoices, cap_choices, answer);
}

/* Room for n more bytes of strings; false (and oom set) when there is none. */
static bool strings_room(struct sim_program *p, size_t n)
{
	if (p->oom || n > UINT32_MAX / 2 - p->nstrings) {
		p->oom = true;
		return false;
	}
	while (p->nstrings + n > p->cap_strings) {
		uint32_t want = p->cap_strings ? p->cap_strings * 2 : 256;
		char *bigger = realloc(p->strings, want);
		if (bigger == NULL) {
			p->oom = true;
			return false;
		}
		p->strings = bigger;
		p->cap_strings = want;
	}
	return true;
}

uint32_t sim_add_string(struct sim_program *p, const char *s)
{
	uint32_t off = p->nstrings;
	size_t k = 0;

	/* Byte by byte, making room as it goes: strlen and memcpy are calls
	 * the sanitizers intercept, and the fuzz decoder adds 16 names to
	 * every program. */
	do {
		if (!strings_room(p, k + 1))
			return UINT32_MAX;
		p->strings[off + k] = s[k];
	} while (s[k++] != '\0');
	p->nstrings += (uint32_t)k;
	return off;
}

uint32_t sim_add_var(struct sim_program *p, const char *name)
{
	uint32_t off = sim_add_string(p, name);

	if (off == UINT32_MAX)
		return UINT32_MAX;
	return POOL_ADD(p, vars, nvars, cap_vars, off);
}

uint32_t sim_var(struct sim_program *p, const char *name)
{
	for (uint32_t k = 0; k < p->nvars; k++)
		if (strcmp(sim_str(p, p->vars[k]), name) == 0)
			return k;
	return sim_add_var(p, name);
}

int sim_find_handler(const struct sim_program *p, const char *name)
{
	for (uint32_t k = 0; k < p->nhandlers; k++)
		if (strcmp(sim_str(p, p->handlers[k].name), name) == 0)
			return (int)k;
	return -1;
}

uint32_t sim_action_records(const struct sim_program *p, uint32_t *over)
{
	uint32_t total = 0, first = p->nhandlers;

	for (uint32_t h = 0; h < p->nhandlers; h++) {
		if (p->handlers[h].kind == SIM_H_ELF)
			continue;
		total += p->handlers[h].nops + 1;
		if (total > SIM_MAX_ACTION_RECORDS && first == p->nhandlers)
			first = h;             /* where the limit is passed */
	}
	if (over)
		*over = first;
	return total;
}

static void each_match_value(struct sim_match *m, void (*fn)(void *ctx, struct sim_value *v),
			     void *ctx)
{
	fn(ctx, &m->a);
	fn(ctx, &m->b);
}

static void each_op_value(struct sim_op *ops, uint32_t n, void (*fn)(void *ctx, struct sim_value *v),
			  void *ctx)
{
	for (uint32_t k = 0; k < n; k++) {
		fn(ctx, &ops[k].fid);
		fn(ctx, &ops[k].event);
	}
}

void sim_each_value(struct sim_program *p, void (*fn)(void *ctx, struct sim_value *v), void *ctx)
{
	for (uint32_t k = 0; k < p->nvalues; k++)
		fn(ctx, &p->values[k]);
	each_op_value(p->steps, p->nsteps, fn, ctx);
	each_op_value(p->actions, p->nactions, fn, ctx);
	for (uint32_t k = 0; k < p->nchecks; k++)
		each_match_value(&p->checks[k].m, fn, ctx);
	for (uint32_t k = 0; k < p->nassigns; k++)
		fn(ctx, &p->assigns[k].v);
	for (uint32_t k = 0; k < p->ndispatches; k++) {
		struct sim_expect_dispatch *e = &p->dispatches[k];
		each_match_value(&e->pe, fn, ctx);
		each_match_value(&e->event, fn, ctx);
		each_match_value(&e->handler, fn, ctx);
		each_match_value(&e->arg, fn, ctx);
	}
	for (uint32_t k = 0; k < p->nresumes; k++)
		each_match_value(&p->resumes[k].pe, fn, ctx);
	for (uint32_t k = 0; k < p->nviews; k++)
		fn(ctx, &p->views[k].event);
}

/* ---- Life cycle ---- */

void sim_program_init(struct sim_program *p)
{
	memset(p, 0, sizeof *p);
	platform_default(&p->platform);
}

void sim_program_reset(struct sim_program *p)
{
	free(p->file);
	free(p->name);
	free(p->description);
	p->file = p->name = p->description = NULL;
	platform_default(&p->platform);
	p->nsteps = p->nactions = p->nhandlers = p->nvalues = p->nchecks = 0;
	p->nassigns = p->ndispatches = p->nresumes = p->nviews = p->nstrings = p->nvars = 0;
	p->nchoices = 0;
	p->oom = false;
	p->lenient = false;
}

void sim_program_free(struct sim_program *p)
{
	sim_program_reset(p);
	free(p->steps);
	free(p->actions);
	free(p->handlers);
	free(p->values);
	free(p->checks);
	free(p->assigns);
	free(p->dispatches);
	free(p->resumes);
	free(p->views);
	free(p->strings);
	free(p->vars);
	free(p->choices);
	memset(p, 0, sizeof *p);
}

/* ---- Names ---- */

static const char *const op_names[SIM_OP_KIND_COUNT] = {
	"call", "psci", "interrupt", "set", "wake", "dispatch", "migrate", "resume",
	"expect_dispatches", "expect_resumes", "expect_entry", "yield", "complete",
	"complete_and_resume", "expect_view", "hold", "hand_over",
};

static const char *const psci_names[SIM_PSCI_FN_COUNT] = {
	"PSCI_VERSION", "PSCI_FEATURES", "CPU_ON", "CPU_OFF", "CPU_SUSPEND",
	"AFFINITY_INFO", "SYSTEM_OFF", "SYSTEM_RESET", "CPU_FREEZE",
};

static const char *const reg_names[SIM_R_COUNT - SIM_R_SP] = {
	"sp", "pc", "pstate", "pstate.el", "pstate.daif", "pstate.spsel", "pstate.pan",
	"pstate.dit", "pstate.nzcv", "elr", "spsr", "masked", "depth", "registered", "enabled",
	"running", "pending", "bound", "ep", "arg", "flags", "state", "returns",
};

const char *sim_op_name(unsigned kind)
{
	return kind < SIM_OP_KIND_COUNT ? op_names[kind] : "?";
}

const char *sim_psci_name(unsigned fn)
{
	return fn < SIM_PSCI_FN_COUNT ? psci_names[fn] : "?";
}

int sim_psci_fn_of_fid(uint32_t fid)
{
	/* SMC32 and SMC64 differ in bit 30 (SMCCC) */
	for (unsigned fn = 0; fn < SIM_PSCI_FN_COUNT; fn++)
		if (fid == sim_psci_fid(fn) || (fid | 0x40000000u) == sim_psci_fid(fn))
			return (int)fn;
	return -1;
}

const char *sim_reg_name(unsigned reg)
{
	static const char *const xn[31] = {
		"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
		"x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21", "x22",
		"x23", "x24", "x25", "x26", "x27", "x28", "x29", "x30",
	};
	if (reg < SIM_R_SP)
		return xn[reg];
	return reg < SIM_R_COUNT ? reg_names[reg - SIM_R_SP] : "?";
}

/* Parameters of each SDEI call (DEN0054C §5.1), by function number - 0x20. */
static const uint8_t sdei_params[SDD_CALL_COUNT] = {
	0, 5, 1, 1, 1, 1, 1, 1, 1, 2, 3,   /* VERSION .. EVENT_ROUTING_SET */
	0, 0, 1, 1, 2, 1, 0, 0,            /* PE_MASK .. SHARED_RESET */
};

/* see program.h */
uint32_t sim_args_used(const struct sim_program *p, const struct sim_op *op)
{
	const struct sim_value *fid = &op->fid;
	uint32_t n = op->nargs, keep = 0;

	if (op->kind != SIM_OP_CALL)
		return n;
	if (fid->kind == SIM_V_CONST && fid->u >= SDD_FID_FIRST && fid->u <= SDD_FID_LAST)
		keep = sdei_params[fid->u - SDD_FID_FIRST];
	while (n > keep && p->values[op->args + n - 1].kind == SIM_V_CONST && p->values[op->args + n - 1].u == 0)
		n--;
	return n;
}
