/*
 * fz_image.c - see fz_image.h.  The two layouts (core/src/sdd_migrate.c):
 *
 *   header (16 bytes: "SDDS", u16 version, u16 0, u32 fingerprint,
 *   u32 payload length), payload, u32 CRC-32 of everything before it;
 *   payload: u64 bound, u16 intid[events], the shared registrations,
 *   per PE: u8 masked, u8 depth, u64 deferred, depth frames; then per PE
 *   its private registrations.
 *
 * A registration table is, in version 2, a PRESENT word and the entries
 * it names; in version 1, an entry for every event (slot) of the table,
 * those not in use in their cleared state.  Everything else is the same
 * bytes in both, as is the fingerprint.
 */
#include <stdbool.h>
#include <string.h>

#include <zlib.h>

#include "fz_image.h"
#include "sdd/sdd_spec.h"

/* Loading and saving call no port operation; sdd_init programs the
 * interrupt controller, which here is nowhere. */
static void p_void(void *ctx) { (void)ctx; }
static bool p_no(void *ctx, unsigned pe, uint32_t intid) { (void)ctx; (void)pe; (void)intid; return false; }
static void p_claim(void *ctx, unsigned pe, uint32_t intid, enum sdd_priority pri)
{
	(void)ctx; (void)pe; (void)intid; (void)pri;
}
static void p_intid(void *ctx, unsigned pe, uint32_t intid) { (void)ctx; (void)pe; (void)intid; }
static void p_flag(void *ctx, unsigned pe, uint32_t intid, bool on) { (void)ctx; (void)pe; (void)intid; (void)on; }
static void p_route(void *ctx, uint32_t intid, bool any, unsigned target)
{
	(void)ctx; (void)intid; (void)any; (void)target;
}
static void p_sgi(void *ctx, unsigned to, uint32_t intid) { (void)ctx; (void)to; (void)intid; }
static void p_pe(void *ctx, unsigned pe, bool on) { (void)ctx; (void)pe; (void)on; }
static void p_pri(void *ctx, unsigned pe, enum sdd_priority pri) { (void)ctx; (void)pe; (void)pri; }
static bool p_ep(void *ctx, unsigned pe, uint64_t addr) { (void)ctx; (void)pe; (void)addr; return true; }
static void p_fault(void *ctx, int code) { (void)ctx; (void)code; }

const struct sdd_port fz_image_port = {
	.irq_is_client_owned = p_no, .irq_is_active = p_no, .irq_is_pending = p_no,
	.irq_claim = p_claim, .irq_unclaim = p_intid, .irq_enable = p_flag, .irq_set_pending = p_flag,
	.irq_route = p_route, .irq_eoi = p_intid, .sgi_raise = p_sgi, .pe_participate = p_pe,
	.pri_activate = p_pri, .pri_deactivate = p_pri, .ep_valid = p_ep, .lock = p_void,
	.unlock = p_void, .fault = p_fault,
};

#define HEADER_BYTES  16u
#define TRAILER_BYTES 4u
#define ENTRY_BYTES   20u                               /* ep, arg, state, flags, target, running_pe */
#define FRAME_BYTES   (5u + 8u * (2u + SDD_CONTEXT_REGS))
#define PE_BYTES      10u                               /* masked, depth, deferred */

struct cursor { const uint8_t *p; size_t n, len; };
struct sink { uint8_t *p; size_t n, cap; };

/* The next `bytes` of c, or NULL when fewer are left. */
static const uint8_t *take(struct cursor *c, size_t bytes)
{
	const uint8_t *at = c->p + c->n;

	if (c->len - c->n < bytes)
		return NULL;
	c->n += bytes;
	return at;
}

static bool put(struct sink *s, const uint8_t *from, size_t bytes)
{
	if (s->cap - s->n < bytes)
		return false;
	memcpy(s->p + s->n, from, bytes);
	s->n += bytes;
	return true;
}

static bool copy(struct cursor *c, struct sink *s, size_t bytes)
{
	const uint8_t *at = take(c, bytes);

	return at != NULL && put(s, at, bytes);
}

static uint64_t le(const uint8_t *p, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned k = 0; k < bytes; k++)
		v |= (uint64_t)p[k] << (8 * k);
	return v;
}

static void st32(uint8_t *p, uint32_t v)
{
	for (unsigned k = 0; k < 4; k++)
		p[k] = (uint8_t)(v >> (8 * k));
}

/* One registration table: row has a bit per entry of the table (event
 * index or private slot). */
static bool table(struct cursor *c, struct sink *s, uint64_t row, unsigned present_bytes)
{
	static const uint8_t cleared[ENTRY_BYTES] = { [ENTRY_BYTES - 1] = 0xFF };  /* running on no PE */
	const uint8_t *at = take(c, present_bytes);
	uint64_t present;

	if (at == NULL || ((present = le(at, present_bytes)) & ~row) != 0)
		return false;
	for (unsigned i = 0; i < 64; i++)
		if (((row >> i) & 1) && !((present >> i) & 1 ? copy(c, s, ENTRY_BYTES) : put(s, cleared, ENTRY_BYTES)))
			return false;
	return true;
}

size_t fz_image_v1(const struct sdd_platform *plat, const uint8_t *v2, size_t len, uint8_t *out, size_t cap)
{
	struct cursor c = { v2, 0, 0 };
	struct sink s = { out, 0, cap };
	uint64_t shared = 0, priv_row;
	unsigned npriv = 0, nev = plat->event_count, npe = plat->pe_count;

	if (nev > SDD_MAX_EVENTS || npe > SDD_MAX_PES || len < HEADER_BYTES + TRAILER_BYTES
	    || le(v2 + 4, 2) != 2)
		return 0;
	for (unsigned i = 0; i < nev; i++) {
		if (plat->events[i].type == SDD_PRIVATE)
			npriv++;
		else
			shared |= 1ull << i;
	}
	if (npriv > SDD_MAX_PRIVATE_EVENTS)
		return 0;
	priv_row = (1ull << npriv) - 1;
	c.len = len - TRAILER_BYTES;
	if (!copy(&c, &s, HEADER_BYTES) || !copy(&c, &s, 8u + 2u * nev) || !table(&c, &s, shared, 8))
		return 0;
	out[4] = 1;                                   /* the version; its high byte stays 0 */
	for (unsigned pe = 0; pe < npe; pe++) {
		const uint8_t *rec = take(&c, PE_BYTES);

		if (rec == NULL || rec[1] > 2 || !put(&s, rec, PE_BYTES) || !copy(&c, &s, rec[1] * FRAME_BYTES))
			return 0;
	}
	for (unsigned pe = 0; pe < npe; pe++)
		if (!table(&c, &s, priv_row, 4))
			return 0;
	if (c.n != c.len || s.cap - s.n < TRAILER_BYTES)
		return 0;
	st32(out + 12, (uint32_t)(s.n - HEADER_BYTES));
	st32(out + s.n, (uint32_t)crc32(0L, out, (uInt)s.n));
	return s.n + TRAILER_BYTES;
}
