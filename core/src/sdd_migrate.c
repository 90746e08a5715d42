/*
 * sdd_migrate.c - saving the dispatcher's state to bytes and loading it
 * into another instance (live migration, snapshots, differential fuzzing).
 *
 * Format version 2 (little-endian, every field fixed-width, nothing padded):
 *
 *   "SDDS"  u16 format version  u16 0  u32 platform fingerprint  u32 payload length
 *   payload:
 *     u64 bound;  u16 intid[event_count]
 *     shared registrations:  u64 PRESENT (bit i: event index i), then
 *                            ENTRY of each event in PRESENT, in event order
 *     per PE: u8 masked, u8 depth, u64 deferred, depth x FRAME
 *     per PE, its private registrations:  u32 PRESENT (bit s: private
 *                            slot s, the s-th private event), then ENTRY
 *                            of each slot in PRESENT, in slot order
 *   u32 CRC-32 of everything before it
 *
 *   ENTRY = u64 ep, u64 arg, u8 state, u8 flags, u8 target, u8 running_pe
 *   FRAME = u8 event, u8 explicit, u8 priority, u16 intid, u64 pc, u64 pstate, u64 x[18]
 *
 * A registration is written when it is not in its cleared, unregistered
 * state (sdd_entry_clear): almost every one is cleared, and the CRC runs
 * over the image twice per migration.  Every state has exactly one image:
 * a PRESENT bit outside its table (a private event's bit in the shared
 * word, bits at or above event_count or the number of private events) and
 * a written ENTRY in the cleared state are refused (SDD_LOAD_BAD_STATE).
 *
 * Version 1, which earlier builds wrote, is still loaded: the same but
 * without the PRESENT words, every registration written:
 *     shared registrations, in event order:           ENTRY
 *     per PE: u8 masked, u8 depth, u64 deferred, depth x FRAME
 *     per PE, per private event:                       ENTRY
 *
 * The byte "masked" is masked | mask_depth << 1 (mask_depth is 0 in every
 * state saved before it existed).
 *
 * Only real state is saved; derived tables are rebuilt on load.  The
 * fingerprint covers the whole platform description, so a state can only
 * be loaded where every event, PE and policy is the same.  It is worked
 * out by each save and load, not kept by sdd_init: most dispatchers are
 * never saved (a fuzz input builds one or two, and migrates in about
 * half of the inputs), and the hash is a chain of dependent multiplies.
 */
#include <stddef.h>

#include "sdd_internal.h"

#define FORMAT_VERSION        2u   /* written; version 1 is still loaded */
#define HEADER_BYTES          16u
#define TRAILER_BYTES         4u
#define ENTRY_BYTES           20u
#define FRAME_BYTES           (5u + 8u * (2u + SDD_CONTEXT_REGS))
#define SHARED_PRESENT_BYTES  8u   /* a bit per event */
#define PRIVATE_PRESENT_BYTES 4u   /* a bit per private slot */

_Static_assert(SDD_MAX_EVENTS <= 8 * SHARED_PRESENT_BYTES, "a PRESENT bit per event");
_Static_assert(SDD_MAX_PRIVATE_EVENTS <= 8 * PRIVATE_PRESENT_BYTES, "a PRESENT bit per slot");

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
 * are only counted.  A writer without a buffer (p NULL, cap 0) counts
 * the bytes of an image: sdd_save_size. */
static uint8_t *wr_take(struct wr *w, size_t bytes)
{
	uint8_t *at = NULL;

	if (w->p != NULL && w->n <= w->cap && w->cap - w->n >= bytes)
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
 * multiplication by a power of it: the same hash in fewer steps. */
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

static uint32_t fingerprint(const struct sdd_platform *p)
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
	/* All uint8_t: no padding.  A policy added later counts only when it
	 * is not 0 (the specification's behaviour), so that every description
	 * from before it keeps its fingerprint, and its saved states load:
	 * mask_timing (SDD_MASK_AT_ONCE was every dispatcher's behaviour then,
	 * and their states are states of either timing) and, with its offset
	 * so that no two of them stand for each other, each one after it:
	 * reset_release (what SHARED_RESET leaves, not what a state can be). */
	for (unsigned k = 0; k < offsetof(struct sdd_policy, mask_timing); k++)
		h = fnv8(h, pol[k]);
	if (p->policy.mask_timing != SDD_MASK_AT_COMPLETION)
		h = fnv8(h, p->policy.mask_timing);
	for (unsigned k = offsetof(struct sdd_policy, mask_timing) + 1; k < sizeof p->policy; k++)
		if (pol[k] != 0)
			h = fnv8(fnv8(h, k), pol[k]);
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

/* False when the stream is short (e unchanged: the load fails and d is
 * reset). */
static bool get_entry(struct rd *r, struct sdd_entry *e)
{
	const uint8_t *p = rd_take(r, ENTRY_BYTES);

	if (p == NULL)
		return false;
	e->ep = ld64(p);
	e->arg = ld64(p + 8);
	e->state = p[16];
	e->flags = p[17];
	e->target = p[18];
	e->running_pe = p[19];
	return true;
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

/* ---- Registration tables ----
 *
 * A table is the shared registrations (entries by event index, the shared
 * events' bits in `row`) or one PE's private row (by slot, every bit
 * below npriv in `row`); n is how many entries it spans. */

static uint64_t shared_row(const struct sdd *d)
{
	unsigned n = d->plat.event_count;

	return (n < 64 ? SDD_BIT(n) - 1 : ~0ull) & ~sdd_private_mask(d);
}

static uint64_t private_row(const struct sdd *d)
{
	return SDD_BIT(d->npriv) - 1;      /* npriv <= 32 */
}

/* PRESENT, then the entries it names (version 2).  PRESENT is worked out
 * over all n entries without a test each and then cut to the row (the
 * shared table's slots of private events are never written); most tables
 * have no entry to write. */
static void put_table(struct wr *w, const struct sdd_entry *e, unsigned n, uint64_t row,
		      unsigned present_bytes)
{
	uint64_t present = 0, rest;

	for (unsigned i = 0; i < n; i++)
		present |= (uint64_t)(sdd_entry_residue(&e[i]) != 0) << i;
	present &= row;
	put_le(w, present, present_bytes);
	rest = present;
	for (unsigned i = 0; rest != 0; i++, rest >>= 1)
		if (rest & 1)
			put_entry(w, &e[i]);
}

/* A table as format `version` has it: every entry of the row (1), or
 * PRESENT and the entries it names, the others cleared (2).  False when
 * the image is malformed: a PRESENT bit outside the row, a written entry
 * in the cleared state (sdd_save leaves those out).  Every entry is
 * cleared first, without a test each: most are not in the image, and the
 * shared table's slots of private events are never anything else. */
static bool get_table(struct rd *r, struct sdd_entry *e, unsigned n, uint64_t row,
		      unsigned present_bytes, unsigned version)
{
	uint64_t present = version == 1 ? row : get_le(r, present_bytes), rest = present;

	if (present & ~row)
		return false;
	for (unsigned i = 0; i < n; i++)
		sdd_entry_clear(&e[i]);
	for (unsigned i = 0; rest != 0; i++, rest >>= 1)
		if ((rest & 1) && get_entry(r, &e[i]) && version != 1 && sdd_entry_residue(&e[i]) == 0)
			return false;
	return true;
}

/* ---- Payload ---- */

static void put_payload(struct wr *w, const struct sdd *d)
{
	uint8_t *at;

	put_le(w, d->bound, 8);
	at = wr_take(w, 2u * d->plat.event_count);
	for (unsigned i = 0; at != NULL && i < d->plat.event_count; i++)
		st16(at + 2 * i, d->intid[i]);
	put_table(w, d->shared, d->plat.event_count, shared_row(d), SHARED_PRESENT_BYTES);
	for (unsigned p = 0; p < d->plat.pe_count; p++) {
		const struct sdd_pe_state *s = &d->pe[p];
		put_le(w, (uint64_t)s->masked | (uint64_t)s->mask_depth << 1, 1);
		put_le(w, s->depth, 1);
		put_le(w, s->deferred, 8);
		for (unsigned k = 0; k < s->depth && k < 2; k++)
			put_frame(w, &s->frame[k]);
	}
	for (unsigned p = 0; p < d->plat.pe_count; p++)
		put_table(w, &d->priv[p * d->npriv], d->npriv, private_row(d), PRIVATE_PRESENT_BYTES);
}

/* The payload of a format `version` image.  Returns false when the image
 * is malformed in a way that decides what is read next: a depth above 2
 * (read field by field so that it is BAD_STATE whenever its byte is
 * there, as it always was) or a table's PRESENT word.  On a short stream
 * the fields not read keep any value: the load fails. */
static bool get_payload(struct rd *r, struct sdd *d, unsigned version)
{
	const uint8_t *at;

	d->bound = get_le(r, 8);
	at = rd_take(r, 2u * d->plat.event_count);
	for (unsigned i = 0; at != NULL && i < d->plat.event_count; i++)
		d->intid[i] = ld16(at + 2 * i);
	if (!get_table(r, d->shared, d->plat.event_count, shared_row(d), SHARED_PRESENT_BYTES, version))
		return false;
	for (unsigned p = 0; p < d->plat.pe_count; p++) {
		struct sdd_pe_state *s = &d->pe[p];
		uint8_t mask = (uint8_t)get_le(r, 1);
		s->masked = mask & 1u;
		s->mask_depth = mask >> 1;          /* sdd_check refuses what is out of range */
		s->depth = (uint8_t)get_le(r, 1);
		s->deferred = get_le(r, 8);
		if (s->depth > 2)
			return false;
		for (unsigned k = 0; k < s->depth; k++)
			get_frame(r, &s->frame[k]);
	}
	for (unsigned p = 0; p < d->plat.pe_count; p++)
		if (!get_table(r, &d->priv[p * d->npriv], d->npriv, private_row(d),
			       PRIVATE_PRESENT_BYTES, version))
			return false;
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

/* see sdd.h: put_payload, counted */
size_t sdd_save_size(const struct sdd *d)
{
	struct wr count = { NULL, 0, 0 };

	if (!sdd_lock(d))
		return 0;
	put_payload(&count, d);
	sdd_unlock(d);
	return HEADER_BYTES + count.n + TRAILER_BYTES;
}

/* Written in one walk, the payload length filled in after it (the image
 * is not counted first: callers have sized buf already).  0: too small. */
static size_t save(const struct sdd *d, uint8_t *buf, size_t cap)
{
	struct wr w;

	w.p = buf;
	w.n = 0;
	w.cap = cap;
	put_le(&w, 'S' | 'D' << 8 | 'D' << 16 | (uint32_t)'S' << 24, 4);
	put_le(&w, FORMAT_VERSION, 2);
	put_le(&w, 0, 2);
	put_le(&w, fingerprint(&d->plat), 4);
	put_le(&w, 0, 4);                    /* payload length, below */
	put_payload(&w, d);
	if (w.n > cap || cap - w.n < TRAILER_BYTES)
		return 0;
	sdd_st32(buf + 12, (uint32_t)(w.n - HEADER_BYTES));
	put_le(&w, sdd_crc32(buf, w.n), 4);
	return w.n;
}

/* see sdd.h: under the lock, so that no call on another PE tears the image */
size_t sdd_save(const struct sdd *d, uint8_t *buf, size_t cap)
{
	size_t n;

	if (buf == NULL || !sdd_lock(d))
		return 0;
	n = save(d, buf, cap);
	sdd_unlock(d);
	return n;
}

static int load(struct sdd *d, const uint8_t *buf, size_t len)
{
	struct rd r = { buf, 0, len, false };
	uint32_t payload;
	unsigned version;

	if (len < HEADER_BYTES + TRAILER_BYTES)
		return SDD_LOAD_TRUNCATED;
	if (get_le(&r, 4) != ('S' | 'D' << 8 | 'D' << 16 | (uint32_t)'S' << 24))
		return SDD_LOAD_BAD_MAGIC;
	version = (unsigned)get_le(&r, 2);
	if ((version != 1 && version != FORMAT_VERSION) || get_le(&r, 2) != 0)
		return SDD_LOAD_BAD_VERSION;
	(void)get_le(&r, 4);                 /* fingerprint: checked after the CRC */
	payload = (uint32_t)get_le(&r, 4);
	if (payload > len - HEADER_BYTES - TRAILER_BYTES)
		return SDD_LOAD_TRUNCATED;
	if (payload < len - HEADER_BYTES - TRAILER_BYTES)
		return SDD_LOAD_TRAILING;
	if (sdd_crc32(buf, len - TRAILER_BYTES) != sdd_ld32(buf + len - TRAILER_BYTES))
		return SDD_LOAD_BAD_CHECKSUM;
	if (sdd_ld32(buf + 8) != fingerprint(&d->plat))
		return SDD_LOAD_PLATFORM_MISMATCH;

	r.len = len - TRAILER_BYTES;
	if (!get_payload(&r, d, version))
		return SDD_LOAD_BAD_STATE;
	if (r.short_read)
		return SDD_LOAD_TRUNCATED;
	if (r.n != r.len)
		return SDD_LOAD_TRAILING;
	if (!intids_in_range(d))
		return SDD_LOAD_BAD_STATE;
	sdd_derive(d);
	if (sdd_check_locked(d) != 0)
		return SDD_LOAD_BAD_STATE;
	return SDD_LOAD_OK;
}

/* see sdd.h */
int sdd_load(struct sdd *d, const uint8_t *buf, size_t len)
{
	int err;

	if ((buf == NULL && len != 0) || !sdd_lock(d))
		return SDD_LOAD_UNUSABLE;
	err = load(d, buf, len);
	if (err != SDD_LOAD_OK)
		sdd_reset_state(d);
	sdd_unlock(d);
	return err;
}

static const char *const load_error_names[] = {
	[SDD_LOAD_OK]                = "no error",
	[SDD_LOAD_TRUNCATED]         = "the image is shorter than its contents",
	[SDD_LOAD_BAD_MAGIC]         = "not a saved dispatcher state",
	[SDD_LOAD_BAD_VERSION]       = "a format version this build does not read",
	[SDD_LOAD_BAD_CHECKSUM]      = "the image is damaged (checksum)",
	[SDD_LOAD_PLATFORM_MISMATCH] = "saved for another platform description",
	[SDD_LOAD_BAD_STATE]         = "a state no dispatcher can be in",
	[SDD_LOAD_TRAILING]          = "bytes after the end of the state",
	[SDD_LOAD_UNUSABLE]          = "the destination is not an initialised dispatcher",
};

/* see sdd.h */
const char *sdd_load_error_name(int err)
{
	return sdd_error_name(load_error_names, sizeof load_error_names / sizeof load_error_names[0], err);
}
