/*
 * fz_vocab.c - the value vocabulary of fuzz inputs (see fz_input.h).
 *
 * A value byte b picks a class (b >> 6) and an index (b & 63):
 *   0  the small number b & 63 (PE indices, info and feature ids, flags,
 *      status codes, param ids ...);
 *   1  an event number: event 0, the platform's events, the bind slots,
 *      the results of earlier INTERRUPT_BINDs ($b0..$b7), then invalid
 *      ones (bit 31, reserved bits, upper 32 bits, unknown numbers);
 *   2  an address or affinity: handler entry points, VBAR offsets, the
 *      resume pad, the IRQ vector, MPIDRs, bad addresses and affinities;
 *   3  INTIDs, the input's literals, and boundary values.
 *
 * An INTID byte (fz_intid) picks a class (b & 3) and an index (b >> 2):
 * the platform events' interrupts and event 0's SGI - or, index 32 and
 * up once an episode record bound an interrupt, those bound so far -,
 * a PPI, an SPI, an SGI.
 */
#include <string.h>

#include "fz_vocab.h"
#include "runtime/rt_layout.h"
#include "sdd/sdd_spec.h"

static const uint64_t boundary[16] = {
	0xFFFFFFFFFFFFFFFFull, 0x8000000000000000ull, 0x7FFFFFFFull, 0x80000000ull,
	0xFFFFFFFFull, 0x100000000ull, 0x1FFFFFFFFull, 0xC4000020ull,
	1020, 1023, 1019, 8192, 15, 16, 31, 32,
};

static const uint64_t bad_events[] = {
	0x80000000ull, 0x41000000ull, 0x40FFFFFFull, 0x100000000ull, 0xFFFFFFFFull, 1, 0x00FFFFFFull,
};

void fz_vocab_init(struct fz_ctx *c)
{
	const struct sim_platform *p = &c->prog->platform;
	static const char *const names[FZ_VARS] = { "b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7" };
	/* A fresh program (the decoder's) has no variables to look through:
	 * every input would pay for the name compares. */
	bool fresh = c->prog->nvars == 0;

	c->nevents = 0;
	c->events[c->nevents++] = 0;
	for (unsigned k = 0; k < p->nevents; k++)
		c->events[c->nevents++] = p->events[k].number;
	for (unsigned k = 0; k < p->bind_private && c->nevents < 40; k++)
		c->events[c->nevents++] = p->slot_private_base + (int32_t)k;
	for (unsigned k = 0; k < p->bind_shared && c->nevents < 40; k++)
		c->events[c->nevents++] = p->slot_shared_base + (int32_t)k;
	c->nvalid = c->nevents;
	c->nintids = 0;
	for (unsigned k = 0; k < p->nevents && c->nintids < 7; k++)
		if (!p->events[k].explicit_event)
			c->intids[c->nintids++] = p->events[k].intid;
	c->intids[c->nintids++] = p->event0_sgi;
	c->nbound = 0;
	for (unsigned k = 0; k < FZ_VARS; k++)
		c->var[k] = fresh ? sim_add_var(c->prog, names[k]) : sim_var(c->prog, names[k]);
}

void fz_add_literal(struct fz_ctx *c, const uint8_t seven[7])
{
	uint64_t v = 0;

	if (c->nliterals >= FZ_MAX_LITERALS)
		return;
	for (unsigned k = 0; k < 7; k++)
		v |= (uint64_t)seven[k] << (8 * k);
	if (v & (1ull << 55))
		v |= 0xFF00000000000000ull;          /* 56 bits, sign-extended */
	c->literal[c->nliterals++] = v;
}

unsigned fz_bind_var(struct fz_ctx *c)
{
	return c->var[c->nbinds++ % FZ_VARS];
}

struct sim_value fz_event_value(const struct fz_ctx *c, uint8_t b)
{
	unsigned n = c->nvalid + FZ_VARS + (unsigned)(sizeof bad_events / sizeof bad_events[0]);
	unsigned i = (b & 63) % n;

	if (i < c->nvalid)
		return sim_const((uint32_t)c->events[i]);
	i -= c->nvalid;
	if (i < FZ_VARS)
		return (struct sim_value){ SIM_V_VAR, c->var[i] };
	return sim_const(bad_events[i - FZ_VARS]);
}

uint32_t fz_intid(const struct fz_ctx *c, uint8_t b)
{
	unsigned spis = c->prog->platform.spis;

	switch (b & 3) {
	case 0:  /* half of them the interrupts episodes bound (none: as before
		  * episodes came), so that a handler's action can raise one */
		return c->nbound && b >= 128 ? c->bound[(b >> 2) % c->nbound] : c->intids[(b >> 2) % c->nintids];
	case 1:  return 16 + (b >> 2) % 16;
	case 2:  return spis ? 32u + (b >> 2) % spis : 16u + (b >> 2) % 16u;
	default: return (b >> 2) % 16;
	}
}

/* A raw call's x0.  The SDEI calls named with more than W0 set - bits
 * 63:32 (SMCCC: the function ID is W0, the rest ignored) or the SVE hint,
 * bit 16 (SMCCC v1.3: the firmware's entry clears it) - came after the
 * other classes, in the bytes class 1 repeated its 13 values with. */
uint64_t fz_raw_fid(uint8_t b)
{
	static const uint32_t psci[4] = { 0x84000000, 0xC4000003, 0x84000002, 0xC4000001 };
	static const uint64_t above_w0[3] = { 0xFFFFFFFF00000000ull, 0x10000, 0x100000000ull };
	unsigned i = b >> 2;

	switch (b & 3) {
	case 0:  return 0x84000020u + i % 32;                  /* SMC32 forms: not SDEI */
	case 1:                                                  /* unassigned SDEI IDs, */
		if (i < 13)
			return 0xC4000033u + i;
		i -= 13;                                         /* or SDEI calls with more */
		return above_w0[i / SDD_CALL_COUNT] | (SDD_FID_FIRST + i % SDD_CALL_COUNT);
	case 2:  return psci[i % 4];
	default: return 0xC2000000u | ((uint32_t)b << 4);      /* other services */
	}
}

struct sim_value fz_value(const struct fz_ctx *c, uint8_t b)
{
	unsigned i = b & 63, pes = c->prog->platform.pes;

	switch (b >> 6) {
	case 0:
		return sim_const(i);
	case 1:
		return fz_event_value(c, b);
	case 2:
		if (i < 8)
			return (struct sim_value){ SIM_V_HANDLER, i };
		if (i < 16)
			return (struct sim_value){ SIM_V_HANDLER_OFF, i - 8 };
		if (i == 16)
			return (struct sim_value){ SIM_V_RESUME_PAD, 0 };
		if (i < 25 || i >= 32)
			return (struct sim_value){ SIM_V_MPIDR, i % pes };
		switch (i) {
		case 25: return sim_const(RT_VECTORS + 0x280);   /* the IRQ vector (Linux's CAR target) */
		case 26: return sim_const(RT_STUBS + 2);         /* misaligned */
		case 27: return sim_const(RT_DEVICE_BASE);       /* not client code */
		case 28: return sim_const(0x80000000ull);        /* MPIDR bit 31 */
		case 29: return sim_const(0xFF00FFFFFFull);      /* no such PE */
		case 30: return sim_const(pes);                  /* one past the last PE */
		default: return sim_const(0x100);                /* cluster 1, PE 0 */
		}
	default:
		if (i < 16)
			return sim_const(fz_intid(c, (uint8_t)i));
		if (i < 48)
			return sim_const(c->nliterals ? c->literal[(i - 16) % c->nliterals] : boundary[i % 16]);
		return sim_const(boundary[i - 48]);
	}
}

/* ---- roles ---- */

static const uint8_t call_roles[SDD_CALL_COUNT][5] = {
	/* VERSION */             { FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY },
	/* EVENT_REGISTER */      { FZ_EVENT, FZ_ADDR,  FZ_ANY,   FZ_SMALL, FZ_MPIDR },
	/* EVENT_ENABLE */        { FZ_EVENT, FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY },
	/* EVENT_DISABLE */       { FZ_EVENT, FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY },
	/* EVENT_CONTEXT */       { FZ_SMALL, FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY },
	/* EVENT_COMPLETE */      { FZ_SMALL, FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY },
	/* COMPLETE_AND_RESUME */ { FZ_ADDR,  FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY },
	/* EVENT_UNREGISTER */    { FZ_EVENT, FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY },
	/* EVENT_STATUS */        { FZ_EVENT, FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY },
	/* EVENT_GET_INFO */      { FZ_EVENT, FZ_SMALL, FZ_ANY,   FZ_ANY,   FZ_ANY },
	/* EVENT_ROUTING_SET */   { FZ_EVENT, FZ_SMALL, FZ_MPIDR, FZ_ANY,   FZ_ANY },
	/* PE_MASK */             { FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY },
	/* PE_UNMASK */           { FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY },
	/* INTERRUPT_BIND */      { FZ_INTID, FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY },
	/* INTERRUPT_RELEASE */   { FZ_EVENT, FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY },
	/* EVENT_SIGNAL */        { FZ_EVENT, FZ_MPIDR, FZ_ANY,   FZ_ANY,   FZ_ANY },
	/* FEATURES */            { FZ_SMALL, FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY },
	/* PRIVATE_RESET */       { FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY },
	/* SHARED_RESET */        { FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY,   FZ_ANY },
};

const uint8_t *fz_call_roles(unsigned n)
{
	return call_roles[n % SDD_CALL_COUNT];
}

struct sim_value fz_role_value(const struct fz_ctx *c, unsigned role, uint8_t b)
{
	unsigned pes = c->prog->platform.pes;

	if (role == FZ_ANY || b >= FZ_ROLE_ESCAPE)
		return fz_value(c, b);
	switch (role) {
	case FZ_EVENT:               /* the valid events and the bind results */
		if (b % (c->nvalid + FZ_VARS) < c->nvalid)
			return sim_const((uint32_t)c->events[b % (c->nvalid + FZ_VARS)]);
		return (struct sim_value){ SIM_V_VAR, c->var[b % (c->nvalid + FZ_VARS) - c->nvalid] };
	case FZ_ADDR:                /* mostly handlers; some offsets, the resume pad */
		if (b < 128)
			return (struct sim_value){ SIM_V_HANDLER, b % FZ_HANDLERS };
		if (b < 160)
			return (struct sim_value){ SIM_V_HANDLER_OFF, b % FZ_HANDLERS };
		return (struct sim_value){ SIM_V_RESUME_PAD, 0 };
	case FZ_MPIDR:
		return (struct sim_value){ SIM_V_MPIDR, b % pes };
	case FZ_SMALL:
		return sim_const(b % 8);
	default:                     /* FZ_INTID */
		return sim_const(fz_intid(c, b));
	}
}
