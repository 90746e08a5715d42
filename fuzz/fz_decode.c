/*
 * fz_decode.c - fuzz bytes -> scenario program (format in fz_input.h).
 */
#include <stddef.h>
#include <string.h>

#include "call_rules.h"        /* sim_aarch32_modes */
#include "fz_input.h"
#include "fz_vocab.h"
#include "runtime/rt_layout.h"
#include "sim.h"
#include "sdd/sdd_spec.h"

/* Record kinds, weighted: kind = kind_of[byte].  Episodes came last,
 * in the top quarter of the interrupts' bytes, which no input kept in
 * the repository uses (fz_input.h). */
static const struct { uint8_t kind, weight; } weights[] = {
	{ FZ_R_CALL, 70 }, { FZ_R_CALL_RAW, 6 }, { FZ_R_INTERRUPT, 30 }, { FZ_R_EPISODE, 10 }, { FZ_R_PSCI, 12 },
	{ FZ_R_SET, 8 }, { FZ_R_WAKE, 4 }, { FZ_R_DISPATCH, 10 }, { FZ_R_MIGRATE, 4 },
	{ FZ_R_RESUME, 12 }, { FZ_R_ACTION, 70 }, { FZ_R_LITERAL, 10 }, { FZ_R_CHOICES, 10 },
};

unsigned fz_record_kind(uint8_t byte)
{
	unsigned acc = 0;
	for (unsigned k = 0; k < sizeof weights / sizeof weights[0]; k++) {
		acc += weights[k].weight;
		if (byte < acc)
			return weights[k].kind;
	}
	return FZ_R_CHOICES;
}

uint8_t fz_record_byte(unsigned kind)
{
	unsigned acc = 0;
	for (unsigned k = 0; k < sizeof weights / sizeof weights[0]; k++) {
		if (weights[k].kind == kind)
			return (uint8_t)acc;
		acc += weights[k].weight;
	}
	return 0;
}

_Static_assert(70 + 6 + 30 + 10 + 12 + 8 + 4 + 10 + 4 + 12 + 70 + 10 + 10 == 256, "weights cover every byte");

/* ---- platform ---- */

const uint32_t fz_feature_sets[FZ_FEATURE_SETS] = {
	0,                                  /* the profile's */
	0,                                  /* none */
	SDD_FEAT_PAN | SDD_FEAT_UAO,
	SDD_FEAT_PAN | SDD_FEAT_SSBS | SDD_FEAT_BTI,
	SDD_FEAT_PAN | SDD_FEAT_MTE2,
	SDD_FEAT_PAN | SDD_FEAT_NMI,
	SDD_FEAT_PAN | SDD_FEAT_VHE,
	SDD_FEAT_ALL,
};

#define FLIP(field, v) { offsetof(struct sdd_policy, field), v }
const struct fz_policy_flip fz_policy_flips[FZ_POLICY_FLIPS] = {
	FLIP(entry_pstate, SDD_PSTATE_INHERIT),  FLIP(resume_pstate, SDD_PSTATE_INHERIT),
	FLIP(entry_regs, SDD_ENTRY_REGS_ZERO),   FLIP(signaled, SDD_SIGNALED_INVERTED),
	FLIP(mask_result, SDD_MASK_RESULT_ZERO), FLIP(ctx_order, SDD_CTX_RUNNING_FIRST),
	FLIP(cpu_on, SDD_CPU_ON_KEEP_PRIVATE),   FLIP(rel_vbar, SDD_REL_VBAR_AT_REGISTER),
	FLIP(mask_timing, SDD_MASK_AT_ONCE),     FLIP(upper_bits, SDD_UPPER_TRUNCATE),
	FLIP(signal, SDD_SIGNAL_TFA_STRICT),     FLIP(bind, SDD_BIND_TFA),
	FLIP(resume_error, SDD_RESUME_ERR_DENIED), FLIP(unbound, SDD_UNBOUND_TFA),
	FLIP(priv_route, SDD_PRIV_ROUTE_VALIDATE), FLIP(mpidr, SDD_MPIDR_IGNORE_OTHER_BITS),
	FLIP(reset_release, SDD_RESET_RELEASE_UNUSED), FLIP(unreg_trigger, SDD_UNREG_TRIGGER_KEEP),
	FLIP(bound_active, SDD_BOUND_ACTIVE_DENIED),    FLIP(reset_signal, SDD_RESET_SIGNAL_KEEP),
};

/* The 17th came when header byte 2 had a bit to spare; the header grew by
 * four bytes for the 18th and those after it. */
struct fz_header_bit fz_policy_bit(unsigned k)
{
	if (k >= 17)
		return (struct fz_header_bit){ (uint8_t)(16 + (k - 17) / 8), (uint8_t)(1u << ((k - 17) % 8)) };
	if (k == 16)
		return (struct fz_header_bit){ 2, 0x80 };
	return (struct fz_header_bit){ (uint8_t)(4 + 3 * (k / 4)), (uint8_t)(1u << (4 + k % 4)) };
}
_Static_assert(FZ_POLICY_FLIPS <= 17 + 8 * (FZ_HEADER_BYTES - 16), "a header bit for every policy flip");

/* The variants came when byte 3 had values to spare: the shapes of the
 * scenario rule and of TF-A's reading to tell apart (a PPI the firmware
 * owns on some PEs: INTERRUPT_BIND asks every PE's redistributor, or
 * the caller's), PE 0 on either side. */
uint64_t fz_secure_ppi_pes(unsigned variant, unsigned pes)
{
	uint64_t all = pes >= 64 ? ~0ull : (1ull << pes) - 1;
	static const uint64_t shapes[FZ_SECURE_PPI_VARIANTS] = { 0, 1, ~1ull, 0xAAAAAAAAAAAAAAAAull };
	uint64_t on = shapes[variant % FZ_SECURE_PPI_VARIANTS] & all;

	return on == all ? 0 : on;
}

/* The platform of header h, into a program just reset (fz_decode). */
static void decode_platform(const uint8_t *h, struct fz_ctx *c)
{
	struct sim_platform *p = &c->prog->platform;
	unsigned pes = 1u + h[0] % 8;

	/* The program was just reset to the default platform: only the other
	 * profile is made anew (clearing a platform, 1.8 KB, is a call the
	 * sanitizers intercept). */
	if (h[1] & 0x10)
		sim_platform_profile(p, "tf-a-fvp");
	p->pes = pes;
	for (unsigned k = 0; k < pes; k++)
		p->mpidr[k] = (h[1] & 0x10) ? ((uint64_t)(k / 4) << 8) | (k % 4) : k;
	p->conduit = (h[1] & 0x01) ? SIM_CONDUIT_HVC : SIM_CONDUIT_SMC;
	p->client_el = (h[1] & 0x02) ? 1 : 2;
	if (h[1] & 0x04) {
		p->version_minor = 0;
		p->relative_mode = 0;
	} else if (!(h[1] & 0x10)) {
		p->version_minor = 1;
		p->relative_mode = !(h[1] & 0x08);
	}
	/* The controls an emulated exception's PSTATE depends on. */
	if ((h[0] >> 3) & 7)
		p->features = fz_feature_sets[(h[0] >> 3) & 7];
	p->sctlr_elc = ((h[0] & 0x40) ? 0 : SDD_SCTLR_SPAN) | ((h[0] & 0x80) ? SDD_SCTLR_DSSBS : 0) |
		       ((h[1] & 0x40) ? SDD_SCTLR_SPINTMASK : 0);
	p->hcr_el2 = p->client_el != 2 ? 0 :
		     ((h[1] & 0x80) ? SDD_HCR_E2H : 0) | ((h[2] & 0x40) ? SDD_HCR_TGE : 0);
	for (unsigned k = 0; k < FZ_POLICY_FLIPS; k++) {
		struct fz_header_bit b = fz_policy_bit(k);
		if (h[b.byte] & b.mask)
			((uint8_t *)&p->policy)[fz_policy_flips[k].offset] = fz_policy_flips[k].value;
	}
	p->bind_private = h[2] & 7;
	p->bind_shared = (h[2] >> 3) & 7;
	p->spis = 32 + h[3] % 65;
	p->nsecure = 0;
	if (h[1] & 0x20) {
		p->secure_pes[p->nsecure] = fz_secure_ppi_pes(h[3] / 65, p->pes);
		p->secure_intids[p->nsecure++] = 27;
		p->secure_intids[p->nsecure++] = 33;
	}
	for (unsigned e = 0; e < 4; e++) {
		const uint8_t *d = h + 4 + 3 * e;
		struct sim_event ev;
		bool clash = false;

		if (!(d[0] & 1) || p->nevents >= SIM_MAX_EVENTS)
			continue;
		memset(&ev, 0, sizeof ev);
		ev.number = (int32_t)(0x40000000u + ((uint32_t)d[1] << 8));
		ev.explicit_event = (d[0] >> 3) & 1;
		ev.type = ev.explicit_event ? SDD_PRIVATE : (d[0] >> 1) & 1;
		ev.priority = (d[0] >> 2) & 1;
		if (!ev.explicit_event)
			ev.intid = ev.type == SDD_PRIVATE ? 16u + d[2] % 16u : 32u + d[2] % p->spis;
		for (unsigned k = 0; k < p->nevents; k++)
			clash |= p->events[k].number == ev.number ||
				 (!ev.explicit_event && !p->events[k].explicit_event &&
				  p->events[k].intid == ev.intid);
		for (unsigned k = 0; k < p->nsecure; k++)
			clash |= !ev.explicit_event && p->secure_intids[k] == ev.intid;
		if (!clash)
			p->events[p->nevents++] = ev;
	}
	fz_vocab_init(c);
}

/* ---- records ---- */

/* Ops are built in place - steps in the program, actions in their
 * handler's body (fz_ctx) - each by sim_op_init: a struct sim_op is 88
 * bytes, and every copy of one is a call the sanitizers intercept. */

/* Fill in *op, a call (step or action) of the function of selector sel
 * with 5 args. */
static void call_op(struct fz_ctx *c, struct sim_op *op, uint8_t sel, bool raw, const uint8_t *args)
{
	struct sim_program *p = c->prog;
	const uint8_t *roles = fz_call_roles(sel);

	op->fid = sim_const(raw ? fz_raw_fid(sel) : SDD_FID_FIRST + sel % SDD_CALL_COUNT);
	op->raw_fid = raw;
	op->args = p->nvalues;
	op->nargs = 5;
	for (unsigned k = 0; k < 5; k++)
		sim_add_value(p, fz_role_value(c, raw ? FZ_ANY : roles[k], args[k]));
	if (!raw && SDD_FID_FIRST + sel % SDD_CALL_COUNT == SDD_FID_INTERRUPT_BIND)
		op->save = (int32_t)fz_bind_var(c);
}

/* The AArch32 callers, by (PE byte - FZ_PE_AARCH32) / 2: the client EL's
 * usual mode (Supervisor, Hyp), and modes whose M[3:2] reads as another
 * EL than theirs (Abort: EL1, Undefined: EL2, System: EL3; FIQ and IRQ:
 * EL0) or that are the other EL's (svc, hyp).  A dispatcher must tell
 * them all from its client (nRW). */
static const uint8_t a32_callers[8] = {
	SIM_A32_EL_MODE, SIM_A32_MODE(0x7), SIM_A32_MODE(0xB), SIM_A32_MODE(0xF),
	SIM_A32_MODE(0x1), SIM_A32_MODE(0x2), SIM_A32_MODE(0x3), SIM_A32_MODE(0xA),
};

void fz_caller(uint8_t b, unsigned client_el, struct sim_op *op)
{
	unsigned el;

	op->from_el = 0;
	op->aarch32 = 0;
	op->secure = 0;
	if (b < FZ_PE_WRONG_EL) {
		op->secure = b >= FZ_PE_SECURE;
		return;
	}
	if (b < FZ_PE_AARCH32) {
		op->from_el = client_el == 2 ? 1 : 2;
		return;
	}
	op->aarch32 = a32_callers[(b - FZ_PE_AARCH32) / 2];
	el = op->aarch32 == SIM_A32_EL_MODE ? client_el : sim_aarch32_modes[op->aarch32 & 0xF].el;
	op->from_el = (uint8_t)(el == client_el ? 0 : el);
}

static const uint8_t psci_fns[16] = {
	SIM_PSCI_VERSION, SIM_PSCI_FEATURES, SIM_PSCI_CPU_ON, SIM_PSCI_CPU_ON, SIM_PSCI_CPU_ON,
	SIM_PSCI_CPU_OFF, SIM_PSCI_CPU_OFF, SIM_PSCI_CPU_SUSPEND, SIM_PSCI_CPU_SUSPEND,
	SIM_PSCI_CPU_SUSPEND, SIM_PSCI_AFFINITY_INFO, SIM_PSCI_AFFINITY_INFO, SIM_PSCI_SYSTEM_RESET,
	SIM_PSCI_FEATURES, SIM_PSCI_SYSTEM_OFF, SIM_PSCI_CPU_FREEZE,
};

uint8_t fz_psci_byte(unsigned fn)
{
	for (unsigned k = 0; k < 16; k++)
		if (psci_fns[k] == fn)
			return (uint8_t)k;
	return 0;
}

/* Fill in *op, a PSCI call. */
static void psci_op(struct fz_ctx *c, struct sim_op *op, const uint8_t *r)
{
	op->psci_fn = psci_fns[r[0] % 16];
	op->target = (uint8_t)(r[1] % c->prog->platform.pes);
	op->state = r[2] & 1;
	if (op->psci_fn == SIM_PSCI_FEATURES) {
		op->args = c->prog->nvalues;
		op->nargs = 1;
		sim_add_value(c->prog, fz_value(c, r[3]));
	}
}

static void add_action(struct fz_ctx *c, const uint8_t *r)
{
	unsigned h = r[1] % FZ_HANDLERS, kind = (r[1] >> 3) % 8;
	unsigned pes = c->prog->platform.pes;
	/* An action past a full body is decoded all the same (the values and
	 * the BIND variable it takes are the input's), into spare. */
	struct sim_op *op = c->nbody[h] < FZ_MAX_BODY ? &c->body[h][c->nbody[h]++] : &c->spare;

	switch (kind) {
	case 0: case 1: case 2: case 3:
		sim_op_init(op, SIM_OP_CALL, SIM_NONE);
		call_op(c, op, r[2], false, r + 3);
		break;
	case 4:
		sim_op_init(op, SIM_OP_YIELD, SIM_NONE);
		break;
	case 5:
		sim_op_init(op, SIM_OP_INTERRUPT, r[3] % (pes + 1) == pes ? SIM_NONE : r[3] % (pes + 1));
		op->intid = fz_intid(c, r[2]);
		break;
	case 6:
		sim_op_init(op, SIM_OP_PSCI, SIM_NONE);
		psci_op(c, op, r + 2);
		break;
	default:
		sim_op_init(op, (r[2] & 1) ? SIM_OP_COMPLETE_AND_RESUME : SIM_OP_COMPLETE, SIM_NONE);
		op->fid = (r[2] & 1) ? fz_role_value(c, FZ_ADDR, r[3]) : sim_const(r[3] % 3);
		break;
	}
}

static void add_step(struct fz_ctx *c, unsigned kind, const uint8_t *r)
{
	static const uint8_t op_kind[] = {
		[FZ_R_CALL] = SIM_OP_CALL, [FZ_R_CALL_RAW] = SIM_OP_CALL,
		[FZ_R_INTERRUPT] = SIM_OP_INTERRUPT, [FZ_R_PSCI] = SIM_OP_PSCI, [FZ_R_SET] = SIM_OP_SET,
		[FZ_R_WAKE] = SIM_OP_WAKE, [FZ_R_DISPATCH] = SIM_OP_DISPATCH,
		[FZ_R_MIGRATE] = SIM_OP_MIGRATE, [FZ_R_RESUME] = SIM_OP_RESUME,
	};
	/* A resume record's byte 2 makes it a hold or a hand_over now and then
	 * (fz_input.h): the steps came after the weight table. */
	static const uint8_t resume_kind[4] = { SIM_OP_RESUME, SIM_OP_RESUME, SIM_OP_HOLD, SIM_OP_HAND_OVER };
	struct sim_program *p = c->prog;
	unsigned pes = p->platform.pes, pe = r[1] % pes;
	bool no_pe = kind == FZ_R_INTERRUPT || kind == FZ_R_MIGRATE;
	struct sim_op *op = sim_new_step(p, kind == FZ_R_RESUME ? resume_kind[r[2] % 4] : op_kind[kind],
					 no_pe ? SIM_NONE : pe);

	if (op == NULL)                    /* out of memory: p->oom says so */
		return;
	op->loc.line = c->record + 1;
	switch (kind) {
	case FZ_R_CALL:
	case FZ_R_CALL_RAW:
		call_op(c, op, r[2], kind == FZ_R_CALL_RAW, r + 3);
		fz_caller(r[1], p->platform.client_el, op);
		break;
	case FZ_R_INTERRUPT:
		op->intid = fz_intid(c, r[2]);
		if (op->intid < 32)
			op->pe = (uint8_t)pe;
		break;
	case FZ_R_PSCI:
		psci_op(c, op, r + 2);
		break;
	case FZ_R_SET: {
		struct sim_assign a;
		unsigned reg = r[2] % 34;
		memset(&a, 0, sizeof a);
		/* The PSTATE bits a handler's entry carries over: register 32 is
		 * PAN, or DIT when bit 1 of the value is set (DIT came after
		 * the register numbers were fixed; without it no input could
		 * tell a dispatcher that drops DIT at entry). */
		a.reg = reg < 31 ? reg : reg == 31 ? SIM_R_SP : reg == 33 ? SIM_R_PSTATE_NZCV :
			(r[3] & 2) ? SIM_R_PSTATE_DIT : SIM_R_PSTATE_PAN;
		a.v = reg == 32 ? sim_const(r[3] & 1) : reg == 33 ? sim_const(r[3] & 15) : fz_value(c, r[3]);
		op->sets = sim_add_assign(p, &a);
		op->nsets = 1;
		break;
	}
	case FZ_R_DISPATCH:
		op->event = fz_role_value(c, FZ_EVENT, r[2]);
		break;
	default:                           /* WAKE, MIGRATE, RESUME: nothing more */
		break;
	}
}

/* A call step from pe's client with x1..x5, the call's result saved in
 * variable save (or not: -1). */
static void episode_call(struct fz_ctx *c, unsigned pe, uint32_t fid, const struct sim_value x[5], int32_t save)
{
	struct sim_op *op = sim_new_step(c->prog, SIM_OP_CALL, pe);

	if (op == NULL)                    /* out of memory: p->oom says so */
		return;
	op->loc.line = c->record + 1;
	op->fid = sim_const(fid);
	op->args = c->prog->nvalues;
	op->nargs = 5;
	op->save = save;
	for (unsigned k = 0; k < 5; k++)
		sim_add_value(c->prog, x[k]);
}

/* How an episode makes its event fire on pe: its interrupt (event 0's
 * SGI, a platform event's, the one bound), or an explicit dispatch. */
static void episode_trigger(struct fz_ctx *c, unsigned pe, const struct sim_event *ev, uint32_t intid)
{
	struct sim_op *op;

	if (ev != NULL && ev->explicit_event) {
		if ((op = sim_new_step(c->prog, SIM_OP_DISPATCH, pe)) != NULL)
			op->event = sim_const((uint32_t)ev->number);
	} else {
		intid = ev != NULL ? ev->intid : intid;
		if ((op = sim_new_step(c->prog, SIM_OP_INTERRUPT, intid < 32 ? pe : SIM_NONE)) != NULL)
			op->intid = intid;
	}
	if (op != NULL)
		op->loc.line = c->record + 1;
}

/* An episode (fz_input.h): what a working client does with one event,
 * in one record - the chain of REGISTER, ENABLE, PE_UNMASK and a
 * trigger on one PE that records drawn one by one almost never make
 * (from random bytes not one input in 10,000 dispatched a handler). */
static void add_episode(struct fz_ctx *c, const uint8_t *r)
{
	/* the order of the steps after REGISTER and ENABLE, by r[6] % 4 */
	static const uint8_t tails[4][2] = {
		{ 'u', 't' }, { 't', 'u' }, { 'u', 0 }, { 't', 0 },
	};
	const struct sim_platform *p = &c->prog->platform;
	unsigned pe = r[1] % p->pes, e = (r[2] & 0x7F) % (1u + p->nevents);
	const struct sim_event *ev = NULL;
	struct sim_value event = sim_const(0), x[5];
	uint32_t intid = p->event0_sgi;
	bool relative = (r[3] & 0xC0) == 0xC0;

	if (r[2] & 0x80) {                 /* an interrupt bound for it */
		/* the PPI or SPI an INTID byte of index [7] bits 7:2 names,
		 * which an interrupt record can name too (fz_encode) */
		intid = fz_intid(c, (uint8_t)((r[7] & 0xFCu) | (1u + (r[7] & 1u))));
		memset(x, 0, sizeof x);
		x[0] = sim_const(intid);
		event = (struct sim_value){ SIM_V_VAR, fz_bind_var(c) };
		episode_call(c, pe, SDD_FID_INTERRUPT_BIND, x, (int32_t)event.u);
		if (c->nbound < FZ_VARS)
			c->bound[c->nbound++] = intid;
	} else if (e > 0) {                /* a platform event */
		ev = &p->events[e - 1];
		event = sim_const((uint32_t)ev->number);
	}
	x[0] = event;
	x[1] = (struct sim_value){ relative ? SIM_V_HANDLER_OFF : SIM_V_HANDLER, r[3] % FZ_HANDLERS };
	x[2] = fz_value(c, r[4]);
	x[3] = sim_const((r[5] & 1) | (relative ? 2u : 0u));       /* RM_PE, relative */
	x[4] = (struct sim_value){ SIM_V_MPIDR, (r[5] >> 1) % p->pes };
	episode_call(c, pe, SDD_FID_EVENT_REGISTER, x, -1);
	memset(x + 1, 0, 4 * sizeof x[0]);
	episode_call(c, pe, SDD_FID_EVENT_ENABLE, x, -1);
	for (unsigned k = 0; k < 2; k++) {
		if (tails[r[6] % 4][k] == 'u') {
			memset(x, 0, sizeof x);
			episode_call(c, pe, SDD_FID_PE_UNMASK, x, -1);
		} else if (tails[r[6] % 4][k] == 't') {
			episode_trigger(c, pe, ev, intid);
		}
	}
}

/* Handlers: their bodies, each closed by a completion. */
static void add_handlers(struct fz_ctx *c)
{
	struct sim_program *p = c->prog;
	static const char *const names[FZ_HANDLERS] = { "h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7" };

	for (unsigned h = 0; h < FZ_HANDLERS; h++) {
		uint32_t name = sim_add_string(p, names[h]), ops = p->nactions;
		struct sim_op *end;
		struct sim_handler *hd;

		for (unsigned k = 0; k < c->nbody[h]; k++)
			sim_add_action(p, &c->body[h][k]);
		end = sim_new_action(p, h & 1 ? SIM_OP_COMPLETE_AND_RESUME : SIM_OP_COMPLETE, SIM_NONE);
		hd = sim_new_handler(p);
		if (end == NULL || hd == NULL)     /* out of memory: p->oom says so */
			return;
		end->fid = h & 1 ? (struct sim_value){ SIM_V_RESUME_PAD, 0 } : sim_const(SDD_EV_HANDLED);
		hd->name = name;
		hd->ops = ops;
		hd->nops = c->nbody[h] + 1;
	}
}

int fz_decode(const uint8_t *data, size_t len, struct sim_program *prog, struct fz_choices *ch)
{
	uint8_t header[FZ_HEADER_BYTES] = { 0 }, kinds[FZ_MAX_RECORDS];
	size_t nrec;
	struct fz_ctx c;

	sim_program_reset(prog);
	prog->lenient = true;
	memset(&c, 0, offsetof(struct fz_ctx, body));
	c.prog = prog;
	memcpy(header, data, len < FZ_HEADER_BYTES ? len : FZ_HEADER_BYTES);
	decode_platform(header, &c);

	nrec = len > FZ_HEADER_BYTES ? (len - FZ_HEADER_BYTES) / FZ_RECORD_BYTES : 0;
	if (nrec > FZ_MAX_RECORDS)
		nrec = FZ_MAX_RECORDS;
	/* Literals and choices first, so that every record sees them all. */
	for (size_t k = 0; k < nrec; k++) {
		const uint8_t *r = data + FZ_HEADER_BYTES + k * FZ_RECORD_BYTES;
		unsigned kind = kinds[k] = (uint8_t)fz_record_kind(r[0]);
		if (kind == FZ_R_LITERAL)
			fz_add_literal(&c, r + 1);
		else if (kind == FZ_R_CHOICES)
			for (unsigned b = 1; b < FZ_RECORD_BYTES && prog->nchoices < FZ_MAX_CHOICES; b++)
				sim_add_choice(prog, r[b]);
	}
	for (size_t k = 0; k < nrec; k++) {
		const uint8_t *r = data + FZ_HEADER_BYTES + k * FZ_RECORD_BYTES;
		unsigned kind = kinds[k];
		c.record = (uint32_t)k;
		if (kind == FZ_R_ACTION)
			add_action(&c, r);
		else if (kind == FZ_R_EPISODE)
			add_episode(&c, r);
		else if (kind != FZ_R_LITERAL && kind != FZ_R_CHOICES)
			add_step(&c, kind, r);
	}
	add_handlers(&c);
	ch->bytes = prog->choices;
	ch->n = prog->nchoices;
	ch->next = 0;
	return prog->oom ? -1 : 0;
}

unsigned fz_pick(void *choices, unsigned kind, unsigned n)
{
	struct fz_choices *ch = choices;

	(void)kind;
	return sim_choice_take(ch->bytes, ch->n, &ch->next, n);
}

void fz_choices_to_program(const struct fz_choices *ch, struct sim_program *prog)
{
	uint8_t keep[FZ_MAX_CHOICES];
	unsigned n = ch->n < FZ_MAX_CHOICES ? ch->n : FZ_MAX_CHOICES;

	if (ch->bytes == prog->choices && ch->n == prog->nchoices)
		return;
	/* ch may point into prog's own choices: keep the bytes first. */
	if (n)
		memcpy(keep, ch->bytes, n);
	prog->nchoices = 0;
	for (unsigned k = 0; k < n; k++)
		sim_add_choice(prog, keep[k]);
}
