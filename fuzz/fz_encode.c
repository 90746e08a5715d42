/*
 * fz_encode.c - scenario program -> fuzz input (the inverse of fz_decode
 * where the format can say it; see fz_input.h for what is approximated).
 * Seeds for the fuzzers are made this way from the scenario suite.
 *
 * The encoder builds the input's header first and decodes it, so that it
 * works with exactly the vocabulary the decoder will see, then looks up a
 * byte for every value; values the vocabulary cannot name become literals.
 */
#include <stdlib.h>
#include <string.h>

#include "call_rules.h"        /* sim_a32_mode_of */
#include "fz_encode_names.h"
#include "fz_vocab.h"
#include "smccc.h"
#include "sdd/sdd_spec.h"

struct enc {
	uint8_t *buf;
	size_t   n, cap;
	struct fz_ctx c;                 /* the vocabulary, as decoded from our header */
	struct sim_program shadow;       /* the program the header decodes to */
	const struct sim_program *src;
	int32_t  var_map[64];            /* source $var -> decoder var index, -1 unknown */
	int32_t  step_var[64];           /* ... as the first step BIND saving it saves it, -1 none */
	bool     in_handlers;            /* encoding handler actions */
	unsigned nbinds;
	uint64_t literal[FZ_MAX_LITERALS];
	unsigned nliterals;
	bool     collecting;             /* first pass: gather literals only */
	struct fz_renaming names;        /* what the seed names otherwise (fz_encode_names.c) */
};

static void emit(struct enc *e, const uint8_t *rec, size_t n)
{
	if (e->collecting)
		return;
	for (size_t k = 0; k < n && e->n < e->cap; k++)
		e->buf[e->n++] = rec[k];
}

/* ---- header ---- */

/* The header bits of p's features, SCTLR and HCR (fz_input.h), into h
 * (a feature set no header can pick becomes the profile's). */
static void controls(const struct sim_platform *p, uint8_t h[FZ_HEADER_BYTES])
{
	struct sim_platform profile;
	unsigned set = 0;

	if (!sim_platform_profile(&profile, p->profile) || profile.features != p->features)
		for (unsigned k = 1; k < FZ_FEATURE_SETS && !set; k++)
			set = fz_feature_sets[k] == p->features ? k : 0;
	h[0] |= (uint8_t)(set << 3 | (p->sctlr_elc & SDD_SCTLR_SPAN ? 0 : 0x40) |
			  (p->sctlr_elc & SDD_SCTLR_DSSBS ? 0x80 : 0));
	h[1] |= (uint8_t)((p->sctlr_elc & SDD_SCTLR_SPINTMASK ? 0x40 : 0) | (p->hcr_el2 & SDD_HCR_E2H ? 0x80 : 0));
	h[2] |= (uint8_t)(p->hcr_el2 & SDD_HCR_TGE ? 0x40 : 0);
}

/* The header's policy bits of p (fz_input.h): each policy p sets to a
 * value fz_policy_flips has, where its profile's is another (a value no
 * bit sets becomes the profile's). */
static void policies(const struct sim_platform *p, uint8_t h[FZ_HEADER_BYTES])
{
	struct sim_platform profile;
	const uint8_t *now = (const uint8_t *)&p->policy, *was = (const uint8_t *)&profile.policy;

	if (!sim_platform_profile(&profile, p->profile))
		sim_platform_profile(&profile, "default");
	for (unsigned k = 0; k < FZ_POLICY_FLIPS; k++) {
		const struct fz_policy_flip *f = &fz_policy_flips[k];
		struct fz_header_bit b = fz_policy_bit(k);
		if (now[f->offset] == f->value && was[f->offset] != f->value)
			h[b.byte] |= b.mask;
	}
}

/* The decoder's variant of the secure PPI's PEs (fz_secure_ppi_pes) that
 * a secure PPI of p owned PE by PE has, when one has it and byte 3 (spis,
 * below 65) can carry it; 0 (every PE) otherwise. */
static unsigned secure_ppi_variant(const struct sim_platform *p, unsigned spis)
{
	for (unsigned k = 0; k < p->nsecure; k++)
		for (unsigned v = 1; p->secure_pes[k] && v < FZ_SECURE_PPI_VARIANTS; v++)
			if (spis + 65 * v <= 255 && fz_secure_ppi_pes(v, p->pes) == p->secure_pes[k])
				return v;
	return 0;
}

static void header(struct enc *e, uint8_t h[FZ_HEADER_BYTES])
{
	const struct sim_platform *p = &e->src->platform;
	unsigned ne = 0;

	memset(h, 0, FZ_HEADER_BYTES);
	h[0] = (uint8_t)((p->pes > 8 ? 8 : p->pes ? p->pes : 1) - 1);
	h[1] = (uint8_t)((p->conduit == SIM_CONDUIT_HVC ? 0x01 : 0) | (p->client_el == 1 ? 0x02 : 0) |
			 (p->version_minor == 0 ? 0x04 : 0) |
			 (p->version_minor == 1 && !p->relative_mode ? 0x08 : 0) |
			 (strcmp(p->profile, "tf-a-fvp") == 0 ? 0x10 : 0) | (p->nsecure ? 0x20 : 0));
	h[2] = (uint8_t)((p->bind_private > 7 ? 7 : p->bind_private) |
			 (p->bind_shared > 7 ? 7 : p->bind_shared) << 3);
	controls(p, h);
	h[3] = (uint8_t)(p->spis >= 32 && p->spis <= 96 ? p->spis - 32 : 64);
	h[3] = (uint8_t)(h[3] + 65 * secure_ppi_variant(p, h[3]));
	fz_intid_renaming(&e->names, e->src, 32 + h[3] % 65, p->nsecure != 0);
	for (unsigned k = 0; k < p->nevents && ne < 4; k++) {
		const struct sim_event *ev = &p->events[k];
		uint8_t *d = h + 4 + 3 * ne;
		uint32_t intid;
		if (ev->number >= 5000 && ev->number <= 5004 && (h[1] & 0x10))
			continue;                    /* comes with the profile */
		d[0] = (uint8_t)(1 | (ev->type == SDD_SHARED) << 1 | (ev->priority == SDD_PRI_CRITICAL) << 2 |
				 (ev->explicit_event ? 8 : 0));
		d[1] = fz_event_byte(&e->names, e->src, ev->number, h, ne);
		intid = fz_intid_renamed(&e->names, ev->intid);
		d[2] = (uint8_t)(ev->type == SDD_SHARED ? (intid - 32) % 256 : (intid - 16) % 16);
		ne++;
	}
	policies(p, h);
}

/* ---- values ---- */

static bool same(struct sim_value a, struct sim_value b)
{
	return a.kind == b.kind && a.u == b.u;
}

/* The value as the decoded program will spell it ($vars renamed). */
static struct sim_value translate(struct enc *e, struct sim_value v)
{
	if (v.kind == SIM_V_VAR) {
		const char *name = v.u < e->src->nvars ? sim_str(e->src, e->src->vars[v.u]) : "";
		if (v.u < 64 && e->var_map[v.u] >= 0)
			return (struct sim_value){ SIM_V_VAR, (uint64_t)e->var_map[v.u] };
		/* a handler's read of what a step's BIND saves */
		if (v.u < 64 && e->in_handlers && e->step_var[v.u] >= 0)
			return (struct sim_value){ SIM_V_VAR, (uint64_t)e->step_var[v.u] };
		/* not saved by a BIND encoded so far: the decoder's own $b0..$b7
		 * keep their number (read before any BIND, they are 0) */
		if (name[0] == 'b' && name[1] >= '0' && name[1] < '0' + FZ_VARS && name[2] == '\0')
			return (struct sim_value){ SIM_V_VAR, e->c.var[name[1] - '0'] };
		return sim_const(0);
	}
	if ((v.kind == SIM_V_HANDLER || v.kind == SIM_V_HANDLER_OFF) && v.u >= FZ_HANDLERS)
		return sim_const(0);
	if (v.kind == SIM_V_CONST)
		return sim_const(fz_renamed(e->names.event, e->names.nevents, v.u));
	return v;
}

static unsigned literal_index(struct enc *e, uint64_t v)
{
	for (unsigned k = 0; k < e->nliterals; k++)
		if (e->literal[k] == v)
			return k;
	if (e->nliterals < FZ_MAX_LITERALS)
		e->literal[e->nliterals++] = v;
	return e->nliterals - 1;
}

/* A byte that decodes (in role) to v, or a literal reference. */
static uint8_t value_byte(struct enc *e, unsigned role, struct sim_value v)
{
	v = translate(e, v);
	for (unsigned b = 0; b < 256; b++)
		if (same(fz_role_value(&e->c, role, (uint8_t)b), v))
			return (uint8_t)b;
	if (v.kind != SIM_V_CONST)
		return 0;
	/* class 3, index 16..47: literal[(index - 16) % nliterals] */
	return (uint8_t)(0xC0 | (16 + literal_index(e, v.u)));
}

/* The AArch32 mode (PSTATE.M[3:0]) a call from AArch32 is made in, on a
 * platform whose client is at client_el. */
static uint8_t a32_mode(const struct sim_op *call, unsigned client_el)
{
	return sim_a32_mode_of(call->aarch32, call->from_el ? call->from_el : client_el);
}

/* How well a PE byte's caller, as, stands for call's, both from AArch32:
 * 2 the same, 1 the same mode (the EL's usual one said either way), 0 another. */
static unsigned a32_match(const struct sim_op *as, const struct sim_op *call, unsigned client_el)
{
	if (as->aarch32 == call->aarch32 && as->from_el == call->from_el)
		return 2;
	return a32_mode(as, client_el) == a32_mode(call, client_el);
}

/* The PE byte of a record for pe (b % pes == pe); a call step's also says
 * who calls (fz_input.h): the client, Secure state, another EL, or AArch32
 * in a mode, the call's if a byte for pe has it (two bytes have each mode),
 * another otherwise (a call from Secure state and another EL or AArch32 is
 * approximated as the latter). */
static uint8_t pe_byte(const struct enc *e, unsigned pe, const struct sim_op *call)
{
	/* the ranges of PE bytes by who calls: the client, Secure state,
	 * another EL, AArch32 */
	static const unsigned range[5] = { 0, FZ_PE_SECURE, FZ_PE_WRONG_EL, FZ_PE_AARCH32, 0x100 };
	unsigned pes = e->c.prog->platform.pes, client = e->c.prog->platform.client_el;
	unsigned who = !call ? 0 : call->aarch32 ? 3 : call->from_el ? 2 : call->secure ? 1 : 0;
	unsigned best = 0, best_match = 0;

	for (unsigned b = range[who]; b < range[who + 1]; b++) {
		struct sim_op as = { 0 };
		unsigned match;
		if (b % pes != pe % pes)
			continue;
		if (who != 3)
			return (uint8_t)b;
		fz_caller((uint8_t)b, client, &as);
		match = a32_match(&as, call, client);
		if (match == 2)
			return (uint8_t)b;
		if (best == 0 || match > best_match) {
			best = b;
			best_match = match;
		}
	}
	return (uint8_t)best;
}

static uint8_t intid_byte(const struct enc *e, uint32_t intid)
{
	intid = fz_intid_renamed(&e->names, intid);
	for (unsigned b = 0; b < 256; b++)
		if (fz_intid(&e->c, (uint8_t)b) == intid)
			return (uint8_t)b;
	return 0;
}

/* ---- records ---- */

static void call_args(struct enc *e, const struct sim_op *op, unsigned sel, bool raw, uint8_t *out)
{
	const uint8_t *roles = fz_call_roles(sel);
	bool bind = sim_smccc_fid(op->fid.u) == SDD_FID_INTERRUPT_BIND;

	for (unsigned k = 0; k < 5; k++) {
		struct sim_value v = k < op->nargs ? e->src->values[op->args + k] : sim_const(0);
		if (bind && k == 0 && v.kind == SIM_V_CONST && v.u <= UINT32_MAX)
			v.u = fz_intid_renamed(&e->names, (uint32_t)v.u);   /* the INTID it binds */
		out[k] = value_byte(e, raw ? FZ_ANY : roles[k], v);
	}
}

/* How well raw x0 v stands for a call's x0 fid: 3 the same, 2 the same
 * function (W0 without the SVE hint) with the same kind of bits beyond it
 * (above W0, the hint), 1 the same function, 0 another. */
static unsigned fid_likeness(uint64_t v, uint64_t fid)
{
	if (v == fid)
		return 3;
	if (sim_smccc_fid(v) != sim_smccc_fid(fid))
		return 0;
	return ((v >> 32 != 0) == (fid >> 32 != 0) && (v & SIM_SMCCC_SVE_HINT) == (fid & SIM_SMCCC_SVE_HINT)) ? 2 : 1;
}

/* Call selector: SDEI call index, or a raw byte (when raw_ok: handler
 * actions have none); false if not encodable.  An SDEI call whose x0 has
 * more than its function ID set stays a raw call that has such bits too
 * (a dispatcher must ignore them). */
static bool call_selector(const struct sim_op *op, bool raw_ok, uint8_t *sel, bool *raw)
{
	uint64_t fid = op->fid.kind == SIM_V_CONST ? op->fid.u : 0;
	uint32_t fn = sim_smccc_fid(fid);
	unsigned best = 0;

	if (op->fid.kind != SIM_V_CONST)
		return false;
	*raw = raw_ok && (fid != fn || fn < SDD_FID_FIRST || fn > SDD_FID_LAST);
	*sel = (uint8_t)(fn - SDD_FID_FIRST);
	for (unsigned b = 0; *raw && b < 256 && best < 3; b++) {
		unsigned like = fid_likeness(fz_raw_fid((uint8_t)b), fid);
		if (like > best) {
			best = like;
			*sel = (uint8_t)b;
		}
	}
	if (*raw && best == 0) {
		*raw = false;                  /* no raw byte names it: the call */
		*sel = (uint8_t)(fn - SDD_FID_FIRST);
	}
	return *raw || (fn >= SDD_FID_FIRST && fn <= SDD_FID_LAST);
}

static void note_bind(struct enc *e, const struct sim_op *op, uint8_t sel, bool raw)
{
	if (!raw && sel == SDD_FID_INTERRUPT_BIND - SDD_FID_FIRST) {
		if (op->save >= 0 && op->save < 64)
			e->var_map[op->save] = (int32_t)e->c.var[e->nbinds % FZ_VARS];
		e->nbinds++;
	}
}

/* A PSCI op's operand bytes, as fz_decode.c psci_op reads them (the same
 * in a step and in a handler action). */
static void psci_bytes(struct enc *e, const struct sim_op *op, uint8_t b[4])
{
	b[0] = fz_psci_byte(op->psci_fn);
	b[1] = op->target == SIM_NONE ? 0 : op->target;
	b[2] = op->state;
	b[3] = op->nargs ? value_byte(e, FZ_ANY, e->src->values[op->args]) : 0;
}

static void encode_action(struct enc *e, unsigned h, const struct sim_op *op)
{
	uint8_t r[FZ_RECORD_BYTES] = { fz_record_byte(FZ_R_ACTION), 0 };
	uint8_t sel;
	bool raw;

	switch (op->kind) {
	case SIM_OP_CALL:
		if (!call_selector(op, false, &sel, &raw))
			return;
		r[1] = (uint8_t)h;                             /* kind 0: a call */
		r[2] = sel;
		call_args(e, op, sel, false, r + 3);
		note_bind(e, op, sel, false);
		break;
	case SIM_OP_YIELD:
		r[1] = (uint8_t)(h | 4 << 3);
		break;
	case SIM_OP_INTERRUPT:
		r[1] = (uint8_t)(h | 5 << 3);
		r[2] = intid_byte(e, op->intid);
		r[3] = op->pe == SIM_NONE ? (uint8_t)e->c.prog->platform.pes : op->pe;
		break;
	case SIM_OP_PSCI:
		r[1] = (uint8_t)(h | 6 << 3);
		psci_bytes(e, op, r + 2);
		break;
	case SIM_OP_COMPLETE:
		r[1] = (uint8_t)(h | 7 << 3);
		r[2] = 0;
		r[3] = (uint8_t)(op->fid.kind == SIM_V_CONST ? op->fid.u % 3 : 0);
		break;
	case SIM_OP_COMPLETE_AND_RESUME:
		r[1] = (uint8_t)(h | 7 << 3);
		r[2] = 1;
		r[3] = value_byte(e, FZ_ADDR, op->fid);
		break;
	default:
		return;                                        /* checks are the model's job */
	}
	emit(e, r, sizeof r);
}

static void encode_step(struct enc *e, const struct sim_op *op)
{
	unsigned pes = e->c.prog->platform.pes;
	uint8_t r[FZ_RECORD_BYTES] = { 0 };
	unsigned pe = op->pe == SIM_NONE ? 0 : op->pe % pes;
	uint8_t sel;
	bool raw;

	switch (op->kind) {
	case SIM_OP_CALL:
		if (!call_selector(op, true, &sel, &raw))
			return;
		r[0] = fz_record_byte(raw ? FZ_R_CALL_RAW : FZ_R_CALL);
		r[1] = pe_byte(e, pe, op);
		r[2] = sel;
		call_args(e, op, sel, raw, r + 3);
		note_bind(e, op, sel, raw);
		break;
	case SIM_OP_COMPLETE:
	case SIM_OP_COMPLETE_AND_RESUME:
		return;
	case SIM_OP_INTERRUPT:
		r[0] = fz_record_byte(FZ_R_INTERRUPT);
		r[1] = pe_byte(e, pe, NULL);
		r[2] = intid_byte(e, op->intid);
		break;
	case SIM_OP_PSCI:
		r[0] = fz_record_byte(FZ_R_PSCI);
		r[1] = pe_byte(e, pe, NULL);
		psci_bytes(e, op, r + 2);
		break;
	case SIM_OP_SET:
		for (uint32_t k = 0; k < op->nsets; k++) {
			const struct sim_assign *a = &e->src->assigns[op->sets + k];
			uint8_t s[FZ_RECORD_BYTES] = { fz_record_byte(FZ_R_SET), pe_byte(e, pe, NULL) };
			if (a->reg < 31)
				s[2] = a->reg;
			else if (a->reg == SIM_R_SP)
				s[2] = 31;
			else if (a->reg == SIM_R_PSTATE_PAN || a->reg == SIM_R_PSTATE_DIT)
				s[2] = 32;
			else if (a->reg == SIM_R_PSTATE_NZCV)
				s[2] = 33;
			else
				continue;
			if (s[2] < 32)
				s[3] = value_byte(e, FZ_ANY, a->v);
			else      /* the bits the simulator sets; DIT: bit 1 too (fz_decode.c) */
				s[3] = (uint8_t)((a->v.kind == SIM_V_CONST ? a->v.u : 0) & (s[2] == 33 ? 15 : 1)) |
				       (a->reg == SIM_R_PSTATE_DIT ? 2 : 0);
			emit(e, s, sizeof s);
		}
		return;
	case SIM_OP_WAKE:
		r[0] = fz_record_byte(FZ_R_WAKE);
		r[1] = pe_byte(e, pe, NULL);
		break;
	case SIM_OP_DISPATCH:
		r[0] = fz_record_byte(FZ_R_DISPATCH);
		r[1] = pe_byte(e, pe, NULL);
		r[2] = value_byte(e, FZ_EVENT, op->event);
		break;
	case SIM_OP_MIGRATE:
		r[0] = fz_record_byte(FZ_R_MIGRATE);
		break;
	case SIM_OP_RESUME:
	case SIM_OP_HOLD:
	case SIM_OP_HAND_OVER:
		/* one record kind, told apart by byte 2 (fz_input.h) */
		r[0] = fz_record_byte(FZ_R_RESUME);
		r[1] = pe_byte(e, pe, NULL);
		r[2] = op->kind == SIM_OP_HOLD ? 2 : op->kind == SIM_OP_HAND_OVER ? 3 : 0;
		break;
	default:
		return;                                        /* expectations: the model's job */
	}
	emit(e, r, sizeof r);
}

/* Is op the completion the decoder closes handler h with (fz_decode.c
 * add_handlers: COMPLETE(HANDLED) for even handlers, COMPLETE_AND_RESUME
 * to the resume pad for odd ones)? */
static bool is_closing(uint32_t h, const struct sim_op *op)
{
	if (h & 1)
		return op->kind == SIM_OP_COMPLETE_AND_RESUME && op->fid.kind == SIM_V_RESUME_PAD;
	return op->kind == SIM_OP_COMPLETE && op->fid.kind == SIM_V_CONST && op->fid.u == SDD_EV_HANDLED;
}

/* The handler actions of p the encoding keeps: handler h's first *n. */
static const struct sim_op *kept_actions(const struct sim_program *p, uint32_t h, uint32_t *n)
{
	*n = p->handlers[h].nops;
	if (p->handlers[h].kind != SIM_H_ACTIONS) {
		*n = 0;
		return NULL;
	}
	if (*n > 0 && is_closing(h, &p->actions[p->handlers[h].ops + *n - 1]))
		(*n)--;                      /* the decoder adds it back */
	if (*n > FZ_MAX_BODY)
		*n = FZ_MAX_BODY;
	return &p->actions[p->handlers[h].ops];
}

static bool is_bind(const struct sim_op *op, bool step)
{
	uint8_t sel;
	bool raw;

	return op->kind == SIM_OP_CALL && call_selector(op, step, &sel, &raw) && !raw &&
	       sel == SDD_FID_INTERRUPT_BIND - SDD_FID_FIRST;
}

/* step_var: the decoder's variable each $var a step's BIND saves gets
 * from the first such BIND (the decoder numbers BINDs in record order:
 * the handlers' actions, then the steps), so that a handler reading it -
 * run after that step, or there is nothing to read - reads what the step
 * saved, not 0 (handler actions are encoded before any step). */
static void plan_step_vars(struct enc *e)
{
	const struct sim_program *p = e->src;
	unsigned nb = 0;

	for (unsigned k = 0; k < 64; k++)
		e->step_var[k] = -1;
	for (uint32_t h = 0; h < p->nhandlers && h < FZ_HANDLERS; h++) {
		uint32_t n;
		const struct sim_op *ops = kept_actions(p, h, &n);
		for (uint32_t k = 0; k < n; k++)
			nb += is_bind(&ops[k], false);
	}
	for (uint32_t k = 0; k < p->nsteps; k++) {
		const struct sim_op *op = &p->steps[k];
		if (!is_bind(op, true))
			continue;
		if (op->save >= 0 && op->save < 64 && e->step_var[op->save] < 0)
			e->step_var[op->save] = (int32_t)e->c.var[nb % FZ_VARS];
		nb++;
	}
}

static void encode_body(struct enc *e)
{
	const struct sim_program *p = e->src;

	e->nbinds = 0;
	for (unsigned k = 0; k < 64; k++)
		e->var_map[k] = -1;
	plan_step_vars(e);
	/* Handler actions first: a BIND in a handler runs later, but its
	 * $var mapping must be known when steps that use it are encoded. */
	e->in_handlers = true;
	for (uint32_t h = 0; h < p->nhandlers && h < FZ_HANDLERS; h++) {
		uint32_t n;
		const struct sim_op *ops = kept_actions(p, h, &n);
		for (uint32_t k = 0; k < n; k++)
			encode_action(e, h, &ops[k]);
	}
	e->in_handlers = false;
	for (uint32_t k = 0; k < p->nsteps; k++)
		encode_step(e, &p->steps[k]);
}

/* Encode into e->buf: header, literals, then the handlers' actions and
 * the steps. */
static size_t encode(struct enc *e)
{
	uint8_t h[FZ_HEADER_BYTES];
	struct fz_choices ch;

	header(e, h);
	sim_program_init(&e->shadow);
	if (fz_decode(h, sizeof h, &e->shadow, &ch) != 0) {
		sim_program_free(&e->shadow);
		return 0;
	}
	e->c.prog = &e->shadow;
	fz_vocab_init(&e->c);

	/* pass 1 finds the literals; pass 2 writes, literals first, since the
	 * decoder reads them all before any step */
	e->collecting = true;
	encode_body(e);
	memcpy(e->c.literal, e->literal, sizeof e->literal);
	e->c.nliterals = e->nliterals;
	e->collecting = false;
	emit(e, h, sizeof h);
	for (unsigned k = 0; k < e->nliterals; k++) {
		uint8_t r[FZ_RECORD_BYTES] = { fz_record_byte(FZ_R_LITERAL) };
		for (unsigned b = 0; b < 7; b++)
			r[1 + b] = (uint8_t)(e->literal[k] >> (8 * b));
		emit(e, r, sizeof r);
	}
	encode_body(e);
	/* the program's choices, 7 to a record (the decoder gathers them all
	 * before the steps, in record order) */
	for (uint32_t k = 0; k < e->src->nchoices; k += 7) {
		uint8_t r[FZ_RECORD_BYTES] = { fz_record_byte(FZ_R_CHOICES) };
		for (unsigned b = 0; b < 7; b++)
			r[1 + b] = k + b < e->src->nchoices ? e->src->choices[k + b] : 0;
		emit(e, r, sizeof r);
	}
	sim_program_free(&e->shadow);
	return e->n;
}

size_t fz_encode(const struct sim_program *prog, uint8_t *buf, size_t cap)
{
	return fz_encode_renaming(prog, buf, cap, NULL);
}

size_t fz_encode_renaming(const struct sim_program *prog, uint8_t *buf, size_t cap, struct fz_renaming *r)
{
	struct enc *e = calloc(1, sizeof *e);   /* large: keep it off the stack */
	size_t n;

	if (e == NULL)
		return 0;
	e->src = prog;
	e->buf = buf;
	e->cap = cap;
	n = encode(e);
	if (r != NULL)
		*r = e->names;
	free(e);
	return n;
}
