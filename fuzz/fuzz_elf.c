/*
 * fuzz_elf - the loader of users' handler images (sim/elf.c: a scenario's
 * `{elf: PATH, symbol: SYMBOL}`) on raw bytes.  Byte 0 picks the entry
 * symbol's name (those of the scenarios' images, and one no image has);
 * the rest is the image, given to sim_elf_check in a buffer of its exact
 * size.
 *
 * A refusal must be one line naming the image.  An image accepted must be
 * what scenarios/FORMAT.md promises - checked here from the bytes, not
 * through libelf: an ELF64 little-endian AArch64 file whose program header
 * table is in the file, every loadable segment of which has its file bytes
 * in the file, no more of them than it occupies in memory, and lies in the
 * user area below the PEs' stacks; and an entry point that is aligned code
 * in that area, in the file bytes of one of those segments.
 *
 * Seeds: fuzz/seeds-elf/ (the scenarios' images, each behind a byte that
 * names a symbol it has).
 */
#include <elf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/rt_layout.h"
#include "sim_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const symbols[] = { "pulse_then_complete", "hvc_probe", "smc_probe", "h" };
#define NSYMBOLS (sizeof symbols / sizeof symbols[0])

static void finding(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_elf: FINDING: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	abort();
}

/* Copy n bytes at off of the image into out; false when they are not all in it. */
static bool bytes_at(const uint8_t *img, size_t size, uint64_t off, void *out, size_t n)
{
	if (off > size || n > size - off)
		return false;
	memcpy(out, img + off, n);
	return true;
}

static bool in_user_area(uint64_t addr, uint64_t size)
{
	uint64_t limit = RT_USER_BASE + RT_USER_SIZE - (uint64_t)RT_STACK_SIZE * SIM_MAX_PES;

	return addr >= RT_USER_BASE && addr <= limit && size <= limit - addr;
}

/* The program headers' count: none when e_phoff is 0 (the gABI: no
 * program header table), else e_phnum, or past 0xFFFF the first section
 * header's sh_info (PN_XNUM).  False when it cannot be read. */
static bool phdr_count(const uint8_t *img, size_t size, const Elf64_Ehdr *eh, uint64_t *n)
{
	Elf64_Shdr sh0;

	*n = eh->e_phoff == 0 ? 0 : eh->e_phnum;
	if (*n != PN_XNUM)
		return true;
	if (!bytes_at(img, size, eh->e_shoff, &sh0, sizeof sh0))
		return false;
	*n = sh0.sh_info;
	return true;
}

/* What an accepted image must be. */
static void check_accepted(const uint8_t *img, size_t size, uint64_t entry)
{
	Elf64_Ehdr eh;
	uint64_t n;
	bool entry_loaded = false;
	char at[64];

	if (!bytes_at(img, size, 0, &eh, sizeof eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0)
		finding("accepted an image without an ELF header", NULL);
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_AARCH64)
		finding("accepted an image that is not ELF64 little-endian AArch64", NULL);
	if (!phdr_count(img, size, &eh, &n))
		finding("accepted an image whose program header count is not in the file", NULL);
	if (n > 0 && (eh.e_phoff > size || n > (size - eh.e_phoff) / sizeof(Elf64_Phdr)))
		finding("accepted an image whose program headers are not in the file", NULL);
	for (uint64_t k = 0; k < n; k++) {
		Elf64_Phdr ph;
		memcpy(&ph, img + eh.e_phoff + k * sizeof ph, sizeof ph);
		if (ph.p_type != PT_LOAD)
			continue;
		if (entry >= ph.p_vaddr && entry - ph.p_vaddr < ph.p_filesz && ph.p_filesz - (entry - ph.p_vaddr) >= 4)
			entry_loaded = true;
		snprintf(at, sizeof at, "program header %llu", (unsigned long long)k);
		if (ph.p_offset > size || ph.p_filesz > size - ph.p_offset)
			finding("accepted a segment whose bytes are not in the file", at);
		if (ph.p_filesz > ph.p_memsz)
			finding("accepted a segment of more file bytes than memory", at);
		if (!in_user_area(ph.p_vaddr, ph.p_memsz))
			finding("accepted a segment outside the user area", at);
	}
	if (!in_user_area(entry, 4) || (entry & 3) || !entry_loaded)
		finding("accepted an entry point that is not aligned code the image loads in the user area", NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[400];
	const char *symbol;
	uint64_t entry = 0;
	char *img;

	if (size == 0)
		return 0;
	symbol = symbols[data[0] % NSYMBOLS];
	/* libelf reads the image in place (and may write to it): a copy of
	 * the exact size, so that the sanitizer sees any read past its end */
	img = malloc(size - 1 ? size - 1 : 1);
	if (img == NULL)
		return 0;
	memcpy(img, data + 1, size - 1);
	err[0] = '\0';
	if (sim_elf_check(img, size - 1, "image", symbol, &entry, err, sizeof err) == 0) {
		check_accepted(data + 1, size - 1, entry);
	} else {
		if (strncmp(err, "image: ", 7) != 0 && strncmp(err, "libelf: ", 8) != 0)
			finding("a refusal that does not name the image", err);
		if (strchr(err, '\n') != NULL)
			finding("a refusal of more than one line", err);
	}
	free(img);
	return 0;
}
