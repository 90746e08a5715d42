/*
 * fz_encode_names.h - the platform event numbers fz_encode renames
 * (fz_encode_names.c says why and how).  Internal to fuzz/.
 */
#ifndef FZ_ENCODE_NAMES_H
#define FZ_ENCODE_NAMES_H

#include <stdint.h>

#include "fz_input.h"

/* The header's number byte for src's platform event `number`, the ne-th
 * event of header h (whose earlier events' bytes are set); a number the
 * header cannot say, or one an earlier event took, is renamed in r. */
uint8_t fz_event_byte(struct fz_renaming *r, const struct sim_program *src, int32_t number, const uint8_t *h,
		      unsigned ne);

#endif /* FZ_ENCODE_NAMES_H */
