/*
 * sdd_migrate.c - saving the dispatcher's state to bytes and loading it
 * into another instance (live migration, snapshots, differential fuzzing).
 *
 * Format (little-endian, every field fixed-width, nothing padded):
 *
 *   "SDDS"  u16 format version  u16 0  u32 platform fingerprint  u32 payload length
 *   payload:
 *     u64 bound;  u16 intid[event_count]
 *     shared registrations, in event order:           ENTRY
 *     per PE: u8 masked, u8 depth, u64 deferred, depth x FRAME
 *     per PE, per private event:                       ENTRY
 *   u32 CRC-32 of everything before it
 *
 *   ENTRY = u64 ep, u64 arg, u8 state, u8 flags, u8 target, u8 running_pe
 *   FRAME = u8 event, u8 explicit, u8 priority, u16 intid, u64 pc, u64 pstate, u64 x[18]
 *
 * Only real state is saved; derived tables are rebuilt on load.  The
 * fingerprint covers the whole platform description, so a state can only
 * be loaded where every event, PE and policy is the same.  sdd_init
 * computes it once (struct sdd's fingerprint): the platform copy never
 * changes, and save and load run in most fuzz inputs.
 */
#include "sdd_internal.h"

#define FORMAT_VERSION 1u
#define HEADER_BYTES   16u
#define TRAILER_BYTES  4u
#define ENTRY_BYTES    20u
#define FRAME_BYTES    (5u + 8u * (2u + SDD_CONTEXT_REGS))

/* ---- Byte streams ----
 *
 * Fields are written and read in fixed-size blocks (an entry, a frame, the
 * interrupt table): one bounds check per block, then stores and loads the
 * compiler turns into whole words.  Migration runs in most fuzz inputs. */

struct wr { uint8_t *p; size_t n, cap; };
struct rd { const uint8_t *p; size_t n, len; bool short_read; };

static inline void st16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void st64(uint8_t *p, uint64_t v)
{
	sdd_st32(p, (uint32_t)v);
	sdd_st32(p + 4, (uint32_t)(v >> 32));
}

static inline uint16_t ld16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint64_t ld64(const uint8_t *p)
{
	return (uint64_t)sdd_ld32(p) | (uint64_t)sdd_ld32(p + 4) << 32;
}

/* Where the next `bytes` go, or NULL when they would pass cap: then they
 * are only counted (sdd_save checks the total). */
static uint8_t *wr_take(struct wr *w, size_t bytes)
{
	uint8_t *at = NULL;

	if (w->n <= w->cap && w->cap - w->n >= bytes)
		at = w->p + w->n;
	w->n += bytes;
	return at;
}

/* The next `bytes` of the stream, or NULL when fewer are left: then the
 * stream is short and read to its end. */
static const uint8_t *rd_take(struct rd *r, size_t bytes)
{
	const uint8_t *at;

	if (r->len - r->n < bytes) {
		r->short_read = true;
		r->n = r->len;
		return NULL;
	}
	at = r->p + r->n;
	r->n += bytes;
	return at;
}

/* A single field of 1, 2, 4 or 8 bytes (header, PE record). */
static void put_le(struct wr *w, uint64_t v, unsigned bytes)
{
	uint8_t *at = wr_take(w, bytes);

	for (unsigned k = 0; at != NULL && k < bytes; k++, v >>= 8)
		at[k] = (uint8_t)v;
}

/* A single field; 0 once the stream is short. */
static uint64_t get_le(struct rd *r, unsigned bytes)
{
	const uint8_t *at = rd_take(r, bytes);
	uint64_t v = 0;

	for (unsigned k = 0; at != NULL && k < bytes; k++)
		v |= (uint64_t)at[k] << (8 * k);
	return v;
}

/* FNV-1a over a canonical encoding of the platform description: each
 * field little-endian at its width, a byte at a time.  A zero byte only
 * multiplies by the prime, so the zero bytes above a field's highest
 * non-zero one (most of an MPIDR, a count, an INTID) are one
 * multiplication by a power of it: the same hash in fewer steps (sdd_init
 * computes it for every dispatcher, most of which are never saved). */
#define FNV_PRIME 16777619u
#define FNV_P2    (FNV_PRIME * FNV_PRIME)     /* unsigned: wraps as the hash does */
#define FNV_P4    (FNV_P2 * FNV_P2)

static const uint32_t fnv_prime_pow[9] = {     /* FNV_PRIME^k, k = 0..8 */
	1u, FNV_PRIME, FNV_P2, FNV_P2 * FNV_PRIME, FNV_P4, FNV_P4 * FNV_PRIME,
	FNV_P4 * FNV_P2, FNV_P4 * FNV_P2 * FNV_PRIME, FNV_P4 * FNV_P4,
};

static uint32_t fnv8(uint32_t h, uint32_t byte)
{
	return (h ^ (byte & 0xFF)) * FNV_PRIME;
}

/* A field of `bytes` (at most 8) little-endian bytes holding v. */
static uint32_t fnv_le(uint32_t h, uint64_t v, unsigned bytes)
{
	unsigned k = 0;

	for (; k < bytes && v != 0; k++, v >>= 8)
		h = fnv8(h, (uint32_t)v);
	return h * fnv_prime_pow[bytes - k];
}

/* see sdd_internal.h */
uint32_t sdd_fingerprint(const struct sdd_platform *p)
{
	const uint8_t *pol = (const uint8_t *)&p->policy;
	uint32_t h = 2166136261u;

	h = fnv_le(h, p->pe_count, 4);
	for (unsigned i = 0; i < p->pe_count; i++)
		h = fnv_le(h, p->mpidr[i], 8);
	h = fnv8(h, p->client_el);
	h = fnv8(h, p->version_minor);
	h = fnv8(h, p->relative_mode);
	h = fnv_le(h, p->vendor_version, 4);
	h = fnv_le(h, p->spi_count, 4);
	h = fnv_le(h, p->features, 4);
	for (unsigned k = 0; k < sizeof p->policy; k++)   /* all uint8_t: no padding */
		h = fnv8(h, pol[k]);
	h = fnv_le(h, p->event_count, 4);
	for (unsigned i = 0; i < p->event_count; i++) {
		const struct sdd_event_desc *ev = &p->events[i];
		h = fnv_le(h, (uint32_t)ev->number, 4);
		h = fnv8(h, ev->kind);
		h = fnv8(h, ev->type);
		h = fnv8(h, ev->priority);
		h = fnv_le(h, ev->intid, 4);
	}
	return h;
}

/* ---- Fields ---- */

static void put_entry(struct wr *w, const struct sdd_entry *e)
{
	uint8_t *p = wr_take(w, ENTRY_BYTES);

	if (p == NULL)
		return;
	st64(p, e->ep);
	st64(p + 8, e->arg);
	p[16] = e->state;
	p[17] = e->flags;
	p[18] = e->target;
	p[19] = e->running_pe;
}

static void get_entry(struct rd *r, struct sdd_entry *e)
{
	const uint8_t *p = rd_take(r, ENTRY_BYTES);

	if (p == NULL)
		return;    /* short: the load fails and d is reset */
	e->ep = ld64(p);
	e->arg = ld64(p + 8);
	e->state = p[16];
	e->flags = p[17];
	e->target = p[18];
	e->running_pe = p[19];
}

static void put_frame(struct wr *w, const struct sdd_frame *f)
{
	uint8_t *p = wr_take(w, FRAME_BYTES);

	if (p == NULL)
		return;
	p[0] = f->event;
	p[1] = f->explicit_dispatch;
	p[2] = f->priority;
	st16(p + 3, f->intid);
	st64(p + 5, f->pc);
	st64(p + 13, f->pstate);
	for (unsigned k = 0; k < SDD_CONTEXT_REGS; k++)
		st64(p + 21 + 8 * k, f->x[k]);
}

static void get_frame(struct rd *r, struct sdd_frame *f)
{
	const uint8_t *p = rd_take(r, FRAME_BYTES);

	if (p == NULL)
		return;
	f->event = p[0];
	f->explicit_dispatch = p[1];
	f->priority = p[2];
	f->intid = ld16(p + 3);
	f->pc = ld64(p + 5);
	f->pstate = ld64(p + 13);
	for (unsigned k = 0; k < SDD_CONTEXT_REGS; k++)
		f->x[k] = ld64(p + 21 + 8 * k);
}

static void put_payload(struct wr *w, const struct sdd *d)
{
	uint8_t *at;

	put_le(w, d->bound, 8);
	at = wr_take(w, 2u * d->plat.event_count);
	for (unsigned i = 0; at != NULL && i < d->plat.event_count; i++)
		st16(at + 2 * i, d->intid[i]);
	for (unsigned i = 0; i < d->plat.event_count; i++)
		if (!sdd_is_private(d, i))
			put_entry(w, &d->shared[i]);
	for (unsigned p = 0; p < d->plat.pe_count; p++) {
		const struct sdd_pe_state *s = &d->pe[p];
		put_le(w, s->masked, 1);
		put_le(w, s->depth, 1);
		put_le(w, s->deferred, 8);
		for (unsigned k = 0; k < s->depth && k < 2; k++)
			put_frame(w, &s->frame[k]);
	}
	for (unsigned k = 0; k < d->plat.pe_count * d->npriv; k++)
		put_entry(w, &d->priv[k]);
}

/* Returns false when a count read from the buffer is out of range.  On a
 * short stream the fields not read keep any value: the load fails (the
 * depth, the one count, is read field by field so that a depth above 2
 * is BAD_STATE whenever its byte is there, as it always was). */
static bool get_payload(struct rd *r, struct sdd *d)
{
	const uint8_t *at;

	d->bound = get_le(r, 8);
	at = rd_take(r, 2u * d->plat.event_count);
	for (unsigned i = 0; at != NULL && i < d->plat.event_count; i++)
		d->intid[i] = ld16(at + 2 * i);
	for (unsigned i = 0; i < d->plat.event_count; i++)
		if (!sdd_is_private(d, i))
			get_entry(r, &d->shared[i]);
	for (unsigned p = 0; p < d->plat.pe_count; p++) {
		struct sdd_pe_state *s = &d->pe[p];
		s->masked = (uint8_t)get_le(r, 1);
		s->depth = (uint8_t)get_le(r, 1);
		s->deferred = get_le(r, 8);
		if (s->depth > 2)
			return false;
		for (unsigned k = 0; k < s->depth; k++)
			get_frame(r, &s->frame[k]);
	}
	for (unsigned k = 0; k < d->plat.pe_count * d->npriv; k++)
		get_entry(r, &d->priv[k]);
	return true;
}

/* Interrupt numbers must be in range before the derived intid->event table
 * is rebuilt from them. */
static bool intids_in_range(const struct sdd *d)
{
	for (unsigned i = 0; i < d->plat.event_count; i++)
		if (d->intid[i] >= SDD_INTID_SPI_LIMIT)
			return false;
	return true;
}

/* ---- Entry points ---- */

/* see sdd.h; the layout put_payload writes, counted */
size_t sdd_save_size(const struct sdd *d)
{
	size_t n;

	if (d == NULL || d->failed)
		return 0;
	n = 8u + 2u * d->plat.event_count;
	for (unsigned i = 0; i < d->plat.event_count; i++)
		n += sdd_is_private(d, i) ? 0u : ENTRY_BYTES;
	for (unsigned p = 0; p < d->plat.pe_count; p++)
		n += 10u + (d->pe[p].depth < 2 ? d->pe[p].depth : 2u) * FRAME_BYTES;
	n += (size_t)d->plat.pe_count * d->npriv * ENTRY_BYTES;
	return HEADER_BYTES + n + TRAILER_BYTES;
}

/* see sdd.h */
size_t sdd_save(const struct sdd *d, uint8_t *buf, size_t cap)
{
	size_t need = sdd_save_size(d), payload;
	struct wr w;

	if (need == 0 || buf == NULL || cap < need)
		return 0;
	payload = need - HEADER_BYTES - TRAILER_BYTES;
	w.p = buf;
	w.n = 0;
	w.cap = cap;
	put_le(&w, 'S' | 'D' << 8 | 'D' << 16 | (uint32_t)'S' << 24, 4);
	put_le(&w, FORMAT_VERSION, 2);
	put_le(&w, 0, 2);
	put_le(&w, d->fingerprint, 4);
	put_le(&w, payload, 4);
	put_payload(&w, d);
	if (w.n != need - TRAILER_BYTES)
		return 0;          /* sdd_save_size and put_payload disagree: a bug */
	put_le(&w, sdd_crc32(buf, w.n), 4);
	return w.n;
}

static int load(struct sdd *d, const uint8_t *buf, size_t len)
{
	struct rd r = { buf, 0, len, false };
	uint32_t payload;

	if (len < HEADER_BYTES + TRAILER_BYTES)
		return SDD_LOAD_TRUNCATED;
	if (get_le(&r, 4) != ('S' | 'D' << 8 | 'D' << 16 | (uint32_t)'S' << 24))
		return SDD_LOAD_BAD_MAGIC;
	if (get_le(&r, 2) != FORMAT_VERSION || get_le(&r, 2) != 0)
		return SDD_LOAD_BAD_VERSION;
	(void)get_le(&r, 4);                 /* fingerprint: checked after the CRC */
	payload = (uint32_t)get_le(&r, 4);
	if (payload > len - HEADER_BYTES - TRAILER_BYTES)
		return SDD_LOAD_TRUNCATED;
	if (payload < len - HEADER_BYTES - TRAILER_BYTES)
		return SDD_LOAD_TRAILING;
	if (sdd_crc32(buf, len - TRAILER_BYTES) != sdd_ld32(buf + len - TRAILER_BYTES))
		return SDD_LOAD_BAD_CHECKSUM;
	if (sdd_ld32(buf + 8) != d->fingerprint)
		return SDD_LOAD_PLATFORM_MISMATCH;

	r.len = len - TRAILER_BYTES;
	if (!get_payload(&r, d))
		return SDD_LOAD_BAD_STATE;
	if (r.short_read)
		return SDD_LOAD_TRUNCATED;
	if (r.n != r.len)
		return SDD_LOAD_TRAILING;
	if (!intids_in_range(d))
		return SDD_LOAD_BAD_STATE;
	sdd_derive(d);
	if (sdd_check(d) != 0)
		return SDD_LOAD_BAD_STATE;
	return SDD_LOAD_OK;
}

/* see sdd.h */
int sdd_load(struct sdd *d, const uint8_t *buf, size_t len)
{
	int err;

	if (d == NULL || d->failed || (buf == NULL && len != 0))
		return SDD_LOAD_UNUSABLE;
	err = load(d, buf, len);
	if (err != SDD_LOAD_OK)
		sdd_reset_state(d);
	return err;
}
