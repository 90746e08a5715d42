/*
 * fuzz_load - the dispatcher's saved-state loader (sdd_load) on arbitrary
 * bytes: the parser a live migration or a restored snapshot feeds from
 * outside the firmware.
 *
 * Input: one mode byte, the platform header of the program harnesses
 * (FZ_HEADER_BYTES, decoded as fz_decode does: the same platforms), then
 * the image.  Mode bits 0-2 have the harness make the image's payload
 * length, platform fingerprint and CRC-32 right before loading, so that
 * mutations reach the payload reader; with a bit clear the check itself
 * is what is fuzzed.
 *
 * Findings (besides the sanitizers'):
 *   - a refused image leaves anything but a freshly initialised dispatcher
 *     (sdd_load's contract: it saves as a fresh one does);
 *   - an accepted one breaks the dispatcher's invariants, cannot be saved,
 *     or saves to an image that does not load to the same state;
 *   - an accepted version-2 image is not the one sdd_save writes for the
 *     state it loaded (every state has exactly one version-2 image);
 *   - an accepted version-1 image is not the version-1 form (fz_image_v1)
 *     of the image its state saves as: version 1 kept every field as
 *     it is, so each state had exactly one version-1 image too.
 * The seeds (fuzz_seeds --images) are the states of generated programs
 * run by fuzz_core's machine, saved in both versions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "fz_image.h"
#include "fz_input.h"
#include "sdd/sdd.h"
#include "sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { FIX_LENGTH = 1, FIX_FINGERPRINT = 2, FIX_CRC = 4 };
#define IMAGE_MAX (64u * 1024u)
#define HEADER    16u                 /* the image's: magic, version, 0, fingerprint, length */

static void broken(const char *what, int code)
{
	fprintf(stderr, "fuzz_load: FINDING: %s (sdd_load %d)\n", what, code);
	abort();
}

static void put32(uint8_t *p, uint32_t v)
{
	for (unsigned k = 0; k < 4; k++)
		p[k] = (uint8_t)(v >> (8 * k));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sim_program prog;
	static struct sdd d, again;
	static uint8_t img[IMAGE_MAX], fresh[IMAGE_MAX], out[IMAGE_MAX], out2[IMAGE_MAX], v1[IMAGE_MAX];
	static bool ready;
	struct sdd_platform plat;
	struct fz_choices choices;
	size_t n, nfresh, m;
	unsigned mode;
	int e;

	if (!ready) {
		sim_program_init(&prog);
		ready = true;
	}
	if (size < 1 + FZ_HEADER_BYTES || size - 1 - FZ_HEADER_BYTES > IMAGE_MAX)
		return 0;
	mode = data[0];
	if (fz_decode(data + 1, FZ_HEADER_BYTES, &prog, &choices) != 0 ||
	    sim_platform_to_sdd(&prog.platform, &plat) != SDD_INIT_OK ||
	    sdd_init(&d, &plat, &fz_image_port, NULL) != SDD_INIT_OK)
		return 0;                  /* a platform the machine would refuse too */
	nfresh = sdd_save(&d, fresh, sizeof fresh);
	if (nfresh < HEADER + 4)
		broken("a fresh dispatcher cannot be saved", 0);

	n = size - 1 - FZ_HEADER_BYTES;
	memcpy(img, data + 1 + FZ_HEADER_BYTES, n);
	if (n >= HEADER + 4) {
		if (mode & FIX_LENGTH)
			put32(img + 12, (uint32_t)(n - HEADER - 4));
		if (mode & FIX_FINGERPRINT)
			memcpy(img + 8, fresh + 8, 4);
		if (mode & FIX_CRC)
			put32(img + n - 4, (uint32_t)crc32(0L, img, (uInt)(n - 4)));
	}

	e = sdd_load(&d, img, n);
	if (e != SDD_LOAD_OK) {
		if (sdd_save(&d, out, sizeof out) != nfresh || memcmp(out, fresh, nfresh) != 0)
			broken("a refused image left the dispatcher changed", e);
		return 0;
	}
	if (sdd_check(&d) != 0)
		broken("an accepted image breaks the dispatcher's invariants", e);
	m = sdd_save(&d, out, sizeof out);
	if (m == 0 || m != sdd_save_size(&d))
		broken("an accepted state cannot be saved", e);
	if (img[4] == 2 && (m != n || memcmp(out, img, n) != 0))
		broken("an accepted version-2 image is not the one its state saves as", e);
	if (img[4] == 1 && (fz_image_v1(&plat, out, m, v1, sizeof v1) != n || memcmp(v1, img, n) != 0))
		broken("an accepted version-1 image is not the version-1 form of its state", e);
	if (sdd_init(&again, &plat, &fz_image_port, NULL) != SDD_INIT_OK || (e = sdd_load(&again, out, m)) != SDD_LOAD_OK)
		broken("the image an accepted state saves as does not load", e);
	if (sdd_save(&again, out2, sizeof out2) != m || memcmp(out, out2, m) != 0)
		broken("an accepted state changes through a save and a load", e);
	return 0;
}
