/*
 * fz_encode_names.c - the names a scenario's seed gives to what its
 * program names and the input format cannot say (fz_encode's renaming,
 * fz_input.h): platform event numbers.  Renamed, the program does what it
 * did, under other names (fz_encode_renaming says which).
 *
 * A header's event numbers are 0x40000000 + b * 0x100 (fz_event_byte).
 */
#include "fz_encode_names.h"

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
