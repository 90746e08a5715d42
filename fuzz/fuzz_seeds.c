/*
 * fuzz_seeds - write a seed corpus for the harnesses.
 *
 *   fuzz_seeds DIR [COUNT] [SCENARIO...]
 *   fuzz_seeds --dict FILE
 *   fuzz_seeds --images DIR [COUNT]
 *
 * Writes COUNT (default 64) generated inputs of each family of fz_gen.h,
 * 32 operations each, as DIR/gen-FAMILY-NNN (creating DIR), and every
 * SCENARIO file (YAML) encoded as an input (fz_encode), as DIR/scn-NAME:
 * the regression suite becomes seeds.  Always the same bytes (fixed seed),
 * so a corpus can be rebuilt.  A scenario that does not load is an error.
 *
 * --dict writes the harnesses' dictionary (AFL/libFuzzer syntax): whole
 * records, since that is what a mutation should insert - a call of each
 * SDEI function with well-chosen arguments, from PE 0 and from a handler,
 * an interrupt of each platform event, episodes (an event registered,
 * enabled, unmasked and fired on PE 0; a PPI and an SPI bound so), each
 * handler's yield and raise of the interrupt an episode bound, and
 * literal records carrying the magic values (function IDs, event
 * numbers, MPIDR and bit-31 patterns).
 *
 * --images writes fuzz_load's seeds: COUNT (default 64) generated inputs
 * of each family run on fuzz_core's machine, the dispatcher's state at the
 * end saved (sdd_save), each as DIR/img-FAMILY-NNN: a mode byte with every
 * fix-up on, the input's platform header, the image; and the same state in
 * format version 1 (fz_image_v1), which nothing writes any more but
 * sdd_load still reads, as DIR/img1-FAMILY-NNN.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fz_core.h"
#include "fz_gen.h"
#include "fz_image.h"
#include "fz_vocab.h"
#include "scn.h"
#include "sdd/sdd.h"
#include "writefile.h"

static void dict_entry(FILE *f, const char *name, unsigned n, const uint8_t rec[FZ_RECORD_BYTES])
{
	fprintf(f, "%s_%u=\"", name, n);
	for (unsigned k = 0; k < FZ_RECORD_BYTES; k++)
		fprintf(f, "\\x%02X", rec[k]);
	fprintf(f, "\"\n");
}

static int write_dict(const char *path)
{
	static const uint64_t magic[] = {
		0xC4000020, 0xC4000021, 0xC4000025, 0xC4000026, 0xC400002F, 0x84000020, 0x84000000,
		0xC4000003, 0x40000000, 0x40FF0000, 0x40FF8000, 0x80000000, 0xFFFFFFFF, 0x100000000ull,
		0x8000000000000000ull, 0xFF00000000ull, 0x100, 0x10000, 0x1000000,
	};
	FILE *f = fopen(path, "w");
	uint8_t rec[FZ_RECORD_BYTES];

	if (f == NULL)
		return writefile_failed("fuzz_seeds", path, errno) ? 1 : 0;
	fprintf(f, "# sdeisim program harnesses: whole 8-byte records (see fuzz/fz_input.h)\n");
	for (unsigned sel = 0; sel < SDD_CALL_COUNT; sel++) {
		/* a step: PE 0, the first good value of each argument's role */
		memset(rec, 0, sizeof rec);
		rec[0] = fz_record_byte(FZ_R_CALL);
		rec[2] = (uint8_t)sel;
		dict_entry(f, "call", sel, rec);
		/* the same from handler 0 */
		rec[0] = fz_record_byte(FZ_R_ACTION);
		rec[1] = 0;
		dict_entry(f, "action", sel, rec);
	}
	for (unsigned e = 0; e < 5; e++) {           /* the platform events' interrupts */
		memset(rec, 0, sizeof rec);
		rec[0] = fz_record_byte(FZ_R_INTERRUPT);
		rec[2] = (uint8_t)(e << 2);
		dict_entry(f, "interrupt", e, rec);
	}
	/* episodes (fz_input.h) on PE 0: event 0 and each platform event
	 * fired, each with a handler of its own; a PPI and an SPI bound,
	 * fired and not */
	for (unsigned e = 0; e < 9; e++) {
		static const uint8_t bind[4][2] = { { 0x30, 0 }, { 0x30, 2 }, { 0x79, 0 }, { 0x79, 2 } };
		memset(rec, 0, sizeof rec);
		rec[0] = fz_record_byte(FZ_R_EPISODE);
		rec[2] = (uint8_t)(e < 5 ? e : 0x80);
		rec[3] = (uint8_t)e;
		rec[6] = e < 5 ? 0 : bind[e - 5][1];
		rec[7] = e < 5 ? 0 : bind[e - 5][0];
		dict_entry(f, "episode", e, rec);
	}
	/* in each handler: yield (the handler stays running while the steps
	 * go on), and raise the first interrupt an episode bound on PE 0 */
	for (unsigned h = 0; h < FZ_HANDLERS; h++) {
		memset(rec, 0, sizeof rec);
		rec[0] = fz_record_byte(FZ_R_ACTION);
		rec[1] = (uint8_t)(h | 4 << 3);
		dict_entry(f, "yield", h, rec);
		rec[1] = (uint8_t)(h | 5 << 3);
		rec[2] = 128;
		dict_entry(f, "raise_bound", h, rec);
	}
	for (unsigned k = 0; k < sizeof magic / sizeof magic[0]; k++) {
		memset(rec, 0, sizeof rec);
		rec[0] = fz_record_byte(FZ_R_LITERAL);
		for (unsigned b = 0; b < 7; b++)
			rec[1 + b] = (uint8_t)(magic[k] >> (8 * b));
		dict_entry(f, "literal", k, rec);
	}
	return writefile_close("fuzz_seeds", f, path) ? 1 : 0;
}

/* SCENARIO as DIR/scn-NAME, NAME its path with '/' as '_'. */
static int write_scenario(const char *dir, const char *file, struct sim_program *prog)
{
	static uint8_t buf[FZ_HEADER_BYTES + FZ_MAX_RECORDS * FZ_RECORD_BYTES];
	char err[600], path[4096];
	size_t n, at;

	if (scn_load_file(file, NULL, prog, err, sizeof err)) {
		fprintf(stderr, "fuzz_seeds: %s\n", err);
		return -1;
	}
	n = fz_encode(prog, buf, sizeof buf);
	at = (size_t)snprintf(path, sizeof path, "%s/scn-", dir);
	for (const char *c = file; *c && at + 1 < sizeof path; c++)
		path[at++] = *c == '/' ? '_' : *c;
	path[at] = '\0';
	return n ? writefile_bytes("fuzz_seeds", path, buf, n) : (fprintf(stderr, "fuzz_seeds: %s: cannot encode\n", file), -1);
}

static int make_dir(const char *dir)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "fuzz_seeds: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	return 0;
}

/* One of fuzz_load's seeds: the mode byte (every fix-up on), the platform
 * header (hdr), then the image, as DIR/NAME-FAMILY-NNN. */
static int write_image(const char *dir, const char *name, const char *family, long k, const uint8_t *hdr,
		       const uint8_t *img, size_t n)
{
	static uint8_t seed[1 + FZ_HEADER_BYTES + 65536];
	char path[4096];

	if (n > sizeof seed - 1 - FZ_HEADER_BYTES)
		return -1;
	seed[0] = 7;                       /* length, fingerprint and CRC made right */
	memcpy(seed + 1, hdr, FZ_HEADER_BYTES);
	memcpy(seed + 1 + FZ_HEADER_BYTES, img, n);
	snprintf(path, sizeof path, "%s/%s-%s-%03ld", dir, name, family, k);
	return writefile_bytes("fuzz_seeds", path, seed, 1 + FZ_HEADER_BYTES + n);
}

/* fuzz_load's seeds (see the top of this file). */
static int write_images(const char *dir, long count, const char *const family[FZ_GEN_FAMILIES])
{
	static struct fz_core core;
	static struct sim_program prog;
	static uint8_t img[65536], v1[65536];
	struct fz_gen g = { 0x5DEECE66Dull };
	int bad = 0;

	if (make_dir(dir) || fz_core_init(&core) != 0)
		return 1;
	sim_program_init(&prog);
	for (long k = 0; k < count && !bad; k++)
		for (unsigned f = 0; f < FZ_GEN_FAMILIES && !bad; f++) {
			uint8_t buf[FZ_HEADER_BYTES + 64 * FZ_RECORD_BYTES];
			size_t n = fz_gen_input(&g, (enum fz_gen_family)f, 32, buf, sizeof buf), size, size1;
			struct sdd_platform plat;
			struct fz_choices choices;

			(void)fz_core_run_one(&core, buf, n);    /* a finding's state is a seed all the same */
			size = sdd_save(fz_core_dispatcher(&core), img, sizeof img);
			if (size == 0)
				continue;                         /* a failed dispatcher saves nothing */
			if (fz_decode(buf, FZ_HEADER_BYTES, &prog, &choices) != 0
			    || sim_platform_to_sdd(&prog.platform, &plat) != SDD_INIT_OK
			    || (size1 = fz_image_v1(&plat, img, size, v1, sizeof v1)) == 0) {
				fprintf(stderr, "fuzz_seeds: img-%s-%03ld: no version-1 form\n", family[f], k);
				bad = 1;
				break;
			}
			bad = write_image(dir, "img", family[f], k, buf, img, size) != 0
			      || write_image(dir, "img1", family[f], k, buf, v1, size1) != 0;
		}
	sim_program_free(&prog);
	fz_core_free(&core);
	return bad;
}

int main(int argc, char **argv)
{
	static const char *const family[FZ_GEN_FAMILIES] = { "random", "driven", "nesting", "race" };
	struct fz_gen g = { 0x5DEECE66Dull };
	long count = argc > 2 ? strtol(argv[2], NULL, 10) : 64;
	struct sim_program prog;
	int bad = 0;

	if (argc == 3 && strcmp(argv[1], "--dict") == 0)
		return write_dict(argv[2]);
	if ((argc == 3 || argc == 4) && strcmp(argv[1], "--images") == 0) {
		count = argc == 4 ? strtol(argv[3], NULL, 10) : 64;
		if (count > 0 && count <= 100000)
			return write_images(argv[2], count, family);
	}
	if (argc < 2 || count <= 0 || count > 100000 || argv[1][0] == '-') {
		fprintf(stderr, "usage: fuzz_seeds DIR [COUNT] [SCENARIO...] | fuzz_seeds --dict FILE | "
			"fuzz_seeds --images DIR [COUNT]\n");
		return 2;
	}
	if (make_dir(argv[1]))
		return 1;
	for (long k = 0; k < count; k++)
		for (unsigned f = 0; f < FZ_GEN_FAMILIES; f++) {
			uint8_t buf[FZ_HEADER_BYTES + 64 * FZ_RECORD_BYTES];
			char path[4096];
			size_t n = fz_gen_input(&g, (enum fz_gen_family)f, 32, buf, sizeof buf);

			snprintf(path, sizeof path, "%s/gen-%s-%03ld", argv[1], family[f], k);
			if (writefile_bytes("fuzz_seeds", path, buf, n))
				return 1;
		}
	sim_program_init(&prog);
	for (int k = 3; k < argc; k++)
		bad |= write_scenario(argv[1], argv[k], &prog) != 0;
	sim_program_free(&prog);
	return bad;
}
