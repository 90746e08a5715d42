/*
 * fz_image.h - saved dispatcher states in the format earlier builds wrote.
 *
 * sdd_save writes format version 2; sdd_load still reads version 1, which
 * builds before 35a95ea wrote (live migration from older firmware).
 * Nothing in the tree writes version 1 any more, so its reader would get
 * no seeds and no realistic test states: this rewrites a version-2 image
 * as the version-1 image of the same state.  It is test tooling, written
 * from the format description at the top of core/src/sdd_migrate.c, not
 * from the dispatcher's code.
 */
#ifndef FZ_IMAGE_H
#define FZ_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "sdd/sdd.h"

/* The port of a dispatcher that only loads and saves images: every
 * operation does nothing (a query answers false, an entry point is
 * valid).  sdd_load and sdd_save call none; sdd_init programs the
 * interrupt controller through it. */
extern const struct sdd_port fz_image_port;

/* Rewrite v2 (len bytes, a version-2 image saved by a dispatcher of plat)
 * as version 1 into out (cap bytes), its payload length and CRC-32 made
 * right.  Returns the length written, or 0 when v2 is not laid out as a
 * version-2 image of plat (a short or long payload, a PRESENT bit outside
 * its table, a depth above 2) or out is too small.  Only the layout is
 * checked: the values are copied as they are. */
size_t fz_image_v1(const struct sdd_platform *plat, const uint8_t *v2, size_t len, uint8_t *out, size_t cap);

#endif /* FZ_IMAGE_H */
