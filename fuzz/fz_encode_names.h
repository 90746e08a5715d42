/*
 * fz_encode_names.h - the platform event numbers and INTIDs fz_encode
 * renames (fz_encode_names.c says why and how).  Internal to fuzz/.
 */
#ifndef FZ_ENCODE_NAMES_H
#define FZ_ENCODE_NAMES_H

#include <stdbool.h>
#include <stdint.h>

#include "fz_input.h"

/* The header's number byte for src's platform event `number`, the ne-th
 * event of header h (whose earlier events' bytes are set); a number the
 * header cannot say, or one an earlier event took, is renamed in r. */
uint8_t fz_event_byte(struct fz_renaming *r, const struct sim_program *src, int32_t number, const uint8_t *h,
		      unsigned ne);

/* The renaming of p's INTIDs, into r, for a seed whose platform has spis
 * SPIs (32..96) and, when secure, PPI 27 and SPI 33 firmware-owned: each
 * INTID the seed cannot have, raise or own as p does to one of the same
 * kind p does not use.  Always the same for the same program. */
void fz_intid_renaming(struct fz_renaming *r, const struct sim_program *p, unsigned spis, bool secure);

/* intid as the seed says it (r: as fz_intid_renaming made it). */
uint32_t fz_intid_renamed(const struct fz_renaming *r, uint32_t intid);

#endif /* FZ_ENCODE_NAMES_H */
