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
 * be loaded where every event, PE and policy is the same.
 */
#include "sdd_internal.h"

#define FORMAT_VERSION 1u
#define HEADER_BYTES   16u
#define TRAILER_BYTES  4u
#define ENTRY_BYTES    20u
#define FRAME_BYTES    (5u + 8u * (2u + SDD_CONTEXT_REGS))

/* ---- Byte streams ---- */

struct wr { uint8_t *p; size_t n, cap; };
struct rd { const uint8_t *p; size_t n, len; bool short_read; };

static void put_le(struct wr *w, uint64_t v, unsigned bytes)
{
	for (unsigned k = 0; k < bytes; k++, v >>= 8) {
		if (w->n < w->cap)
			w->p[w->n] = (uint8_t)v;
		w->n++;
	}
}

static uint64_t get_le(struct rd *r, unsigned bytes)
{
	uint64_t v = 0;

	if (r->len - r->n < bytes) {
		r->short_read = true;
		r->n = r->len;
		return 0;
	}
	for (unsigned k = 0; k < bytes; k++)
		v |= (uint64_t)r->p[r->n + k] << (8 * k);
	r->n += bytes;
	return v;
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* CRC-32 (IEEE 802.3, reflected), four bits at a time. */
static uint32_t crc32(const uint8_t *p, size_t n)
{
	static const uint32_t nibble[16] = {
		0x00000000, 0x1DB71064, 0x3B6E20C8, 0x26D930AC, 0x76DC4190, 0x6B6B51F4,
		0x4DB26158, 0x5005713C, 0xEDB88320, 0xF00F9344, 0xD6D6A3E8, 0xCB61B38C,
		0x9B64C2B0, 0x86D3D2D4, 0xA00AE278, 0xBDBDF21C,
	};
	uint32_t c = 0xFFFFFFFFu;

	for (size_t k = 0; k < n; k++) {
		c ^= p[k];
		c = (c >> 4) ^ nibble[c & 15];
		c = (c >> 4) ^ nibble[c & 15];
	}
	return ~c;
}

/* FNV-1a over a canonical encoding of the platform description. */
static void fnv(uint32_t *h, uint64_t v, unsigned bytes)
{
	for (unsigned k = 0; k < bytes; k++, v >>= 8) {
		*h ^= (uint8_t)v;
		*h *= 16777619u;
	}
}

static uint32_t fingerprint(const struct sdd_platform *p)
{
	const uint8_t *pol = (const uint8_t *)&p->policy;
	uint32_t h = 2166136261u;

	fnv(&h, p->pe_count, 4);
	for (unsigned i = 0; i < p->pe_count; i++)
		fnv(&h, p->mpidr[i], 8);
	fnv(&h, p->client_el, 1);
	fnv(&h, p->version_minor, 1);
	fnv(&h, p->relative_mode, 1);
	fnv(&h, p->vendor_version, 4);
	fnv(&h, p->spi_count, 4);
	fnv(&h, p->features, 4);
	for (unsigned k = 0; k < sizeof p->policy; k++)   /* all uint8_t: no padding */
		fnv(&h, pol[k], 1);
	fnv(&h, p->event_count, 4);
	for (unsigned i = 0; i < p->event_count; i++) {
		const struct sdd_event_desc *ev = &p->events[i];
		fnv(&h, (uint32_t)ev->number, 4);
		fnv(&h, ev->kind, 1);
		fnv(&h, ev->type, 1);
		fnv(&h, ev->priority, 1);
		fnv(&h, ev->intid, 4);
	}
	return h;
}

/* ---- Fields ---- */

static void put_entry(struct wr *w, const struct sdd_entry *e)
{
	put_le(w, e->ep, 8);
	put_le(w, e->arg, 8);
	put_le(w, e->state, 1);
	put_le(w, e->flags, 1);
	put_le(w, e->target, 1);
	put_le(w, e->running_pe, 1);
}

static void get_entry(struct rd *r, struct sdd_entry *e)
{
	e->ep = get_le(r, 8);
	e->arg = get_le(r, 8);
	e->state = (uint8_t)get_le(r, 1);
	e->flags = (uint8_t)get_le(r, 1);
	e->target = (uint8_t)get_le(r, 1);
	e->running_pe = (uint8_t)get_le(r, 1);
}

static void put_frame(struct wr *w, const struct sdd_frame *f)
{
	put_le(w, f->event, 1);
	put_le(w, f->explicit_dispatch, 1);
	put_le(w, f->priority, 1);
	put_le(w, f->intid, 2);
	put_le(w, f->pc, 8);
	put_le(w, f->pstate, 8);
	for (unsigned k = 0; k < SDD_CONTEXT_REGS; k++)
		put_le(w, f->x[k], 8);
}

static void get_frame(struct rd *r, struct sdd_frame *f)
{
	f->event = (uint8_t)get_le(r, 1);
	f->explicit_dispatch = (uint8_t)get_le(r, 1);
	f->priority = (uint8_t)get_le(r, 1);
	f->intid = (uint16_t)get_le(r, 2);
	f->pc = get_le(r, 8);
	f->pstate = get_le(r, 8);
	for (unsigned k = 0; k < SDD_CONTEXT_REGS; k++)
		f->x[k] = get_le(r, 8);
}

static void put_payload(struct wr *w, const struct sdd *d)
{
	put_le(w, d->bound, 8);
	for (unsigned i = 0; i < d->plat.event_count; i++)
		put_le(w, d->intid[i], 2);
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

/* Returns false when a count read from the buffer is out of range. */
static bool get_payload(struct rd *r, struct sdd *d)
{
	d->bound = get_le(r, 8);
	for (unsigned i = 0; i < d->plat.event_count; i++)
		d->intid[i] = (uint16_t)get_le(r, 2);
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

/* see sdd.h */
size_t sdd_save_size(const struct sdd *d)
{
	struct wr w = { NULL, 0, 0 };

	if (d == NULL || d->failed)
		return 0;
	put_payload(&w, d);
	return HEADER_BYTES + w.n + TRAILER_BYTES;
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
	put_le(&w, fingerprint(&d->plat), 4);
	put_le(&w, payload, 4);
	put_payload(&w, d);
	put_le(&w, crc32(buf, w.n), 4);
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
	if (crc32(buf, len - TRAILER_BYTES) != le32(buf + len - TRAILER_BYTES))
		return SDD_LOAD_BAD_CHECKSUM;
	if (le32(buf + 8) != fingerprint(&d->plat))
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
