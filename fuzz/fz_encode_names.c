/*
 * fz_encode_names.c - the names a scenario's seed gives to what its
 * program names and the input format cannot say (fz_encode's renaming,
 * fz_input.h): platform event numbers and INTIDs.  Renamed, the
 * program does what it did, under other names (fz_encode_renaming says
 * which; fuzz.seeds_run_as_their_scenarios holds every scenario to it).
 *
 * A header's event numbers are 0x40000000 + b * 0x100 (fz_event_byte).
 * A seed's platform has at most 96 SPIs, its firmware-owned interrupts
 * are PPI 27 and SPI 33 or none, and an INTID byte names only SPIs 32..95
 * besides the platform events' interrupts (fz_vocab.c fz_intid).  Where a
 * program uses an INTID the seed cannot have, own or raise as it does,
 * the seed uses another of the same kind that the program does not use,
 * the same one everywhere (platform events, interrupt steps and actions,
 * BIND arguments; fz_intid_renaming), where falling back to INTID byte 0
 * raised event 0's SGI or a platform event's interrupt instead (TF-A
 * FB10's scenario bound SPI 99 and fired SGI 8).
 */
#include <string.h>

#include "fz_encode_names.h"
#include "smccc.h"
#include "sdd/sdd_spec.h"

/* ---- platform event numbers ---- */

#define HEADER_EVENT(b) (0x40000000u + ((uint32_t)(b) << 8))   /* fz_input.h: byte b */

/* Does the source program name the number anywhere (a platform event, a
 * constant)?  A number it does cannot stand for another of its events. */
static bool source_names(const struct sim_program *p, uint32_t number)
{
	for (unsigned k = 0; k < p->platform.nevents; k++)
		if ((uint32_t)p->platform.events[k].number == number)
			return true;
	for (uint32_t k = 0; k < p->nvalues; k++)
		if (p->values[k].kind == SIM_V_CONST && p->values[k].u == number)
			return true;
	return false;
}

/* The header's number byte for platform event `number`, the ne-th of
 * the header (d: the bytes of those before it).  A number the header can
 * say (0x40000000 + b * 0x100, b not taken) keeps its byte; another one
 * (0x40000210, 100, or a byte an earlier event took) gets a free byte
 * whose number the program does not name (if any; else the number's
 * bits 15:8), and is renamed in every value
 * (fz_encode.c translate): the events keep apart and their calls keep reaching them,
 * where the byte of bits 15:8 alone made two events one and every call
 * of the other an unknown number. */
uint8_t fz_event_byte(struct fz_renaming *r, const struct sim_program *src, int32_t number, const uint8_t *h,
		      unsigned ne)
{
	uint32_t n = (uint32_t)number;
	unsigned b = (n >> 8) & 0xFF;
	bool taken = false;

	for (unsigned k = 0; k < ne; k++)
		taken |= h[4 + 3 * k + 1] == b;
	if (n == HEADER_EVENT(b) && !taken)
		return (uint8_t)b;
	/* the free byte at or above the number first: the dispatcher keeps
	 * its events sorted by number, and a call that walks them (a reset)
	 * must meet them in the order it met them in */
	unsigned from = n >> 16 != 0x4000 ? 0 : b + (HEADER_EVENT(b) < n);
	for (unsigned k = 0; k < 256; k++) {
		bool used = source_names(src, HEADER_EVENT((from + k) & 0xFF));
		for (unsigned j = 0; j < ne && !used; j++)
			used = h[4 + 3 * j + 1] == ((from + k) & 0xFF);
		if (!used) {
			b = (from + k) & 0xFF;
			break;
		}
	}
	if (r->nevents < sizeof r->event / sizeof r->event[0]) {
		r->event[r->nevents].from = n;
		r->event[r->nevents++].to = HEADER_EVENT(b);
	}
	return (uint8_t)b;
}

/* ---- INTIDs ---- */

#define SPI_FIRST    32u
#define BYTE_SPIS    64u       /* SPIs an INTID byte names: 32 + (b >> 2) % spis */
#define SECURE_PPI   27u       /* the seed's firmware-owned interrupts (fz_input.h) */
#define SECURE_SPI   33u
#define MAX_INTID    1024u
#define WORDS        (MAX_INTID / 64)

/* INTIDs as bit sets. */
struct used {
	uint64_t any[WORDS];       /* named by the program anywhere */
	uint64_t raised[WORDS];    /* raised by an interrupt step or action */
	uint64_t event[WORDS];     /* a platform event's */
};

static void mark(uint64_t *set, uint64_t intid)
{
	if (intid < MAX_INTID)
		set[intid / 64] |= 1ull << (intid % 64);
}

static bool has(const uint64_t *set, uint32_t intid)
{
	return intid < MAX_INTID && (set[intid / 64] >> (intid % 64) & 1);
}

static void note_op(struct used *u, const struct sim_program *p, const struct sim_op *op)
{
	if (op->kind == SIM_OP_INTERRUPT) {
		mark(u->any, op->intid);
		mark(u->raised, op->intid);
	} else if (op->kind == SIM_OP_CALL && op->fid.kind == SIM_V_CONST &&
		   sim_smccc_fid(op->fid.u) == SDD_FID_INTERRUPT_BIND && op->nargs > 0 &&
		   p->values[op->args].kind == SIM_V_CONST) {
		mark(u->any, p->values[op->args].u);
	}
}

static void gather(struct used *u, const struct sim_program *p)
{
	const struct sim_platform *pl = &p->platform;

	memset(u, 0, sizeof *u);
	mark(u->any, pl->event0_sgi);
	for (unsigned k = 0; k < pl->nevents; k++)
		if (!pl->events[k].explicit_event) {
			mark(u->any, pl->events[k].intid);
			mark(u->event, pl->events[k].intid);
		}
	for (unsigned k = 0; k < pl->nsecure; k++)
		mark(u->any, pl->secure_intids[k]);
	for (uint32_t k = 0; k < p->nsteps; k++)
		note_op(u, p, &p->steps[k]);
	for (uint32_t h = 0; h < p->nhandlers; h++)
		for (uint32_t k = 0; p->handlers[h].kind == SIM_H_ACTIONS && k < p->handlers[h].nops; k++)
			note_op(u, p, &p->actions[p->handlers[h].ops + k]);
}

static bool is_target(const struct fz_renaming *m, uint32_t intid)
{
	for (unsigned k = 0; k < m->nintids; k++)
		if (m->intid[k].to == intid)
			return true;
	return false;
}

static void add(struct fz_renaming *m, uint32_t from, uint32_t to)
{
	if (from != to && m->nintids < FZ_MAX_INTID_RENAMES && fz_intid_renamed(m, from) == from) {
		m->intid[m->nintids].from = from;
		m->intid[m->nintids++].to = to;
	}
}

/* The highest INTID of [lo, hi] no one uses and no renaming takes (the
 * highest: a renamed SPI is beyond those an INTID byte names, so it keeps
 * its place above them, where the GIC's order among equals puts it), or
 * 0 when there is none. */
static uint32_t free_intid(const struct used *u, const struct fz_renaming *m, uint32_t lo, uint32_t hi,
			   bool secure)
{
	for (uint32_t x = hi + 1; x-- > lo;)
		if (!has(u->any, x) && !is_target(m, x) && !(secure && (x == SECURE_PPI || x == SECURE_SPI)))
			return x;
	return 0;
}

/* Where the program's firmware-owned interrupts of a kind ([lo, hi])
 * go: one of them to the seed's (seed_one), and a non-secure use of
 * seed_one out of its way, to a free one up to free_hi.  Two or more of a
 * kind the header cannot say. */
static void secure_kind(struct fz_renaming *m, const struct used *u, const struct sim_platform *p, uint32_t lo,
			uint32_t hi, uint32_t free_hi, uint32_t seed_one)
{
	unsigned n = 0;
	uint32_t one = 0;
	bool seed_one_secure = false;

	for (unsigned k = 0; k < p->nsecure; k++)
		if (p->secure_intids[k] >= lo && p->secure_intids[k] <= hi) {
			n++;
			one = p->secure_intids[k];
			seed_one_secure |= one == seed_one;
		}
	if (n > 1)
		return;
	if (has(u->any, seed_one) && !seed_one_secure) {
		uint32_t to = free_intid(u, m, lo, free_hi, true);
		if (to)
			add(m, seed_one, to);
	}
	if (n == 1)
		add(m, one, seed_one);
}

void fz_intid_renaming(struct fz_renaming *m, const struct sim_program *p, unsigned spis, bool secure)
{
	struct used u;
	uint32_t last_spi = SPI_FIRST + spis - 1, own_spis = SPI_FIRST + p->platform.spis;
	uint32_t last_byte_spi = SPI_FIRST + (spis < BYTE_SPIS ? spis : BYTE_SPIS) - 1;

	m->nintids = 0;
	gather(&u, p);
	if (secure) {
		secure_kind(m, &u, &p->platform, 16, 31, 31, SECURE_PPI);
		secure_kind(m, &u, &p->platform, SPI_FIRST, MAX_INTID - 1, last_byte_spi, SECURE_SPI);
	}
	/* SPIs the program's platform has and the seed's lacks, or that a
	 * step raises and no INTID byte names, highest first (an SPI neither
	 * platform has stays: a BIND of it is refused on both) */
	for (uint32_t x = MAX_INTID; x-- > last_byte_spi + 1;) {
		uint32_t to;
		if (!has(u.any, x) || x >= own_spis || (x <= last_spi && (has(u.event, x) || !has(u.raised, x))))
			continue;
		to = free_intid(&u, m, SPI_FIRST, last_byte_spi, secure);
		if (to)
			add(m, x, to);
	}
}

uint64_t fz_renamed(const struct fz_rename *r, unsigned n, uint64_t v)
{
	for (unsigned k = 0; k < n; k++)
		if (r[k].from == v)
			return r[k].to;
	return v;
}

uint32_t fz_intid_renamed(const struct fz_renaming *m, uint32_t intid)
{
	return (uint32_t)fz_renamed(m->intid, m->nintids, intid);
}
