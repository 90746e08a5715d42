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
	if (w->n <= w->cap && w->cap - w->n >= bytes) {
		for (unsigned k = 0; k < bytes; k++, v >>= 8)
			w->p[w->n + k] = (uint8_t)v;
	}
	w->n += bytes;     /* past cap: only counted (sdd_save checks the total) */
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

/* CRC-32 (IEEE 802.3, reflected), a byte at a time. */
static uint32_t crc32(const uint8_t *p, size_t n)
{
	static const uint32_t table[256] = {
		0x00000000, 0x77073096, 0xEE0E612C, 0x990951BA, 0x076DC419, 0x706AF48F,
		0xE963A535, 0x9E6495A3, 0x0EDB8832, 0x79DCB8A4, 0xE0D5E91E, 0x97D2D988,
		0x09B64C2B, 0x7EB17CBD, 0xE7B82D07, 0x90BF1D91, 0x1DB71064, 0x6AB020F2,
		0xF3B97148, 0x84BE41DE, 0x1ADAD47D, 0x6DDDE4EB, 0xF4D4B551, 0x83D385C7,
		0x136C9856, 0x646BA8C0, 0xFD62F97A, 0x8A65C9EC, 0x14015C4F, 0x63066CD9,
		0xFA0F3D63, 0x8D080DF5, 0x3B6E20C8, 0x4C69105E, 0xD56041E4, 0xA2677172,
		0x3C03E4D1, 0x4B04D447, 0xD20D85FD, 0xA50AB56B, 0x35B5A8FA, 0x42B2986C,
		0xDBBBC9D6, 0xACBCF940, 0x32D86CE3, 0x45DF5C75, 0xDCD60DCF, 0xABD13D59,
		0x26D930AC, 0x51DE003A, 0xC8D75180, 0xBFD06116, 0x21B4F4B5, 0x56B3C423,
		0xCFBA9599, 0xB8BDA50F, 0x2802B89E, 0x5F058808, 0xC60CD9B2, 0xB10BE924,
		0x2F6F7C87, 0x58684C11, 0xC1611DAB, 0xB6662D3D, 0x76DC4190, 0x01DB7106,
		0x98D220BC, 0xEFD5102A, 0x71B18589, 0x06B6B51F, 0x9FBFE4A5, 0xE8B8D433,
		0x7807C9A2, 0x0F00F934, 0x9609A88E, 0xE10E9818, 0x7F6A0DBB, 0x086D3D2D,
		0x91646C97, 0xE6635C01, 0x6B6B51F4, 0x1C6C6162, 0x856530D8, 0xF262004E,
		0x6C0695ED, 0x1B01A57B, 0x8208F4C1, 0xF50FC457, 0x65B0D9C6, 0x12B7E950,
		0x8BBEB8EA, 0xFCB9887C, 0x62DD1DDF, 0x15DA2D49, 0x8CD37CF3, 0xFBD44C65,
		0x4DB26158, 0x3AB551CE, 0xA3BC0074, 0xD4BB30E2, 0x4ADFA541, 0x3DD895D7,
		0xA4D1C46D, 0xD3D6F4FB, 0x4369E96A, 0x346ED9FC, 0xAD678846, 0xDA60B8D0,
		0x44042D73, 0x33031DE5, 0xAA0A4C5F, 0xDD0D7CC9, 0x5005713C, 0x270241AA,
		0xBE0B1010, 0xC90C2086, 0x5768B525, 0x206F85B3, 0xB966D409, 0xCE61E49F,
		0x5EDEF90E, 0x29D9C998, 0xB0D09822, 0xC7D7A8B4, 0x59B33D17, 0x2EB40D81,
		0xB7BD5C3B, 0xC0BA6CAD, 0xEDB88320, 0x9ABFB3B6, 0x03B6E20C, 0x74B1D29A,
		0xEAD54739, 0x9DD277AF, 0x04DB2615, 0x73DC1683, 0xE3630B12, 0x94643B84,
		0x0D6D6A3E, 0x7A6A5AA8, 0xE40ECF0B, 0x9309FF9D, 0x0A00AE27, 0x7D079EB1,
		0xF00F9344, 0x8708A3D2, 0x1E01F268, 0x6906C2FE, 0xF762575D, 0x806567CB,
		0x196C3671, 0x6E6B06E7, 0xFED41B76, 0x89D32BE0, 0x10DA7A5A, 0x67DD4ACC,
		0xF9B9DF6F, 0x8EBEEFF9, 0x17B7BE43, 0x60B08ED5, 0xD6D6A3E8, 0xA1D1937E,
		0x38D8C2C4, 0x4FDFF252, 0xD1BB67F1, 0xA6BC5767, 0x3FB506DD, 0x48B2364B,
		0xD80D2BDA, 0xAF0A1B4C, 0x36034AF6, 0x41047A60, 0xDF60EFC3, 0xA867DF55,
		0x316E8EEF, 0x4669BE79, 0xCB61B38C, 0xBC66831A, 0x256FD2A0, 0x5268E236,
		0xCC0C7795, 0xBB0B4703, 0x220216B9, 0x5505262F, 0xC5BA3BBE, 0xB2BD0B28,
		0x2BB45A92, 0x5CB36A04, 0xC2D7FFA7, 0xB5D0CF31, 0x2CD99E8B, 0x5BDEAE1D,
		0x9B64C2B0, 0xEC63F226, 0x756AA39C, 0x026D930A, 0x9C0906A9, 0xEB0E363F,
		0x72076785, 0x05005713, 0x95BF4A82, 0xE2B87A14, 0x7BB12BAE, 0x0CB61B38,
		0x92D28E9B, 0xE5D5BE0D, 0x7CDCEFB7, 0x0BDBDF21, 0x86D3D2D4, 0xF1D4E242,
		0x68DDB3F8, 0x1FDA836E, 0x81BE16CD, 0xF6B9265B, 0x6FB077E1, 0x18B74777,
		0x88085AE6, 0xFF0F6A70, 0x66063BCA, 0x11010B5C, 0x8F659EFF, 0xF862AE69,
		0x616BFFD3, 0x166CCF45, 0xA00AE278, 0xD70DD2EE, 0x4E048354, 0x3903B3C2,
		0xA7672661, 0xD06016F7, 0x4969474D, 0x3E6E77DB, 0xAED16A4A, 0xD9D65ADC,
		0x40DF0B66, 0x37D83BF0, 0xA9BCAE53, 0xDEBB9EC5, 0x47B2CF7F, 0x30B5FFE9,
		0xBDBDF21C, 0xCABAC28A, 0x53B39330, 0x24B4A3A6, 0xBAD03605, 0xCDD70693,
		0x54DE5729, 0x23D967BF, 0xB3667A2E, 0xC4614AB8, 0x5D681B02, 0x2A6F2B94,
		0xB40BBE37, 0xC30C8EA1, 0x5A05DF1B, 0x2D02EF8D,
	};
	uint32_t c = 0xFFFFFFFFu;

	for (size_t k = 0; k < n; k++)
		c = (c >> 8) ^ table[(c ^ p[k]) & 0xFF];
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
	put_le(&w, fingerprint(&d->plat), 4);
	put_le(&w, payload, 4);
	put_payload(&w, d);
	if (w.n != need - TRAILER_BYTES)
		return 0;          /* sdd_save_size and put_payload disagree: a bug */
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
