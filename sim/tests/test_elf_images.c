/*
 * test_elf_images.c - users' handler images of many segments: every
 * segment an image loads is user memory a migration carries over (the
 * memory its code writes), an image set with more distinct segments than
 * a machine keeps account of is refused, not loaded with some forgotten,
 * one image named by several handlers counts once, and an image whose
 * entry point it does not load, or whose program headers cannot be read,
 * or that is no regular file, is refused.
 *
 * The images are written here (write_image): N PT_LOAD segments, one a
 * page, from the start of the user area; the first holds a handler that
 * adds one to a counter in the last (or in the first, after the code)
 * and completes; a symbol table names it `h`.
 */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "cpu.h"
#include "mt.h"
#include "runtime/rt_layout.h"
#include "sim_internal.h"

#define SEG_STRIDE 0x1000u

#define CODE_SIZE  40u      /* handler_code's 10 instructions */

/* The counter: in the last segment, or (in_first) just after the code,
 * in the first segment's zero-filled tail. */
static uint64_t counter_addr(unsigned nseg, bool in_first)
{
	return in_first ? RT_USER_BASE + CODE_SIZE : RT_USER_BASE + (uint64_t)(nseg - 1) * SEG_STRIDE;
}

/* h: x9 = the counter; *x9 += 1; EVENT_COMPLETE(HANDLED). */
static void handler_code(uint64_t c, uint32_t code[10])
{
	uint32_t k = 0;

	code[k++] = 0xD2A00009u | (uint32_t)((c >> 16) & 0xFFFF) << 5;   /* movz x9, #hi, lsl #16 */
	code[k++] = 0xF2800009u | (uint32_t)(c & 0xFFFF) << 5;           /* movk x9, #lo */
	code[k++] = 0xF940012Au;                                         /* ldr  x10, [x9] */
	code[k++] = 0x9100054Au;                                         /* add  x10, x10, #1 */
	code[k++] = 0xF900012Au;                                         /* str  x10, [x9] */
	code[k++] = 0x528004A0u;                                         /* mov  w0, #0x25 */
	code[k++] = 0x72B88000u;                                         /* movk w0, #0xC400, lsl #16 */
	code[k++] = 0xD2800001u;                                         /* mov  x1, #0 */
	code[k++] = 0xD4000003u;                                         /* smc  #0 */
	code[k++] = 0x14000000u;                                         /* b    . */
}

/* What write_image writes besides the segments: the value of `h` (0: the
 * handler's address); with cut_phdrs, a program header table said to be
 * at the end of the file, its second header cut by the end; with
 * counter_in_first, the counter in the first segment (counter_addr). */
struct image_opts {
	uint64_t sym_value;
	bool cut_phdrs;
	bool counter_in_first;
};

/* Write an image of nseg segments to a new file; its path into path. */
static void write_image_with(unsigned nseg, const struct image_opts *o, char path[64])
{
	static const char strtab[] = "\0h";
	uint32_t code[CODE_SIZE / 4];
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	Elf64_Sym sym[2];
	Elf64_Shdr sh[3];
	/* file: header, program headers, the segments' bytes (the code, then
	 * 8 bytes each), the symbols, the strings, the section headers */
	uint64_t seg_off = sizeof eh + (uint64_t)nseg * sizeof ph;
	uint64_t sym_off = seg_off + sizeof code + (uint64_t)(nseg - 1) * 8;
	uint64_t str_off = sym_off + sizeof sym;
	uint64_t sh_off = (str_off + sizeof strtab + 7) & ~7ull;
	uint8_t zero[8] = { 0 };
	FILE *f;
	int fd;

	snprintf(path, 64, "%s/sdeisim-elf-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);

	memset(&eh, 0, sizeof eh);
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_EXEC;
	eh.e_machine = EM_AARCH64;
	eh.e_version = EV_CURRENT;
	eh.e_entry = RT_USER_BASE;
	eh.e_phoff = o->cut_phdrs ? sh_off + sizeof sh - sizeof ph - 20 : sizeof eh;
	eh.e_shoff = sh_off;
	eh.e_ehsize = sizeof eh;
	eh.e_phentsize = sizeof ph;
	eh.e_phnum = (Elf64_Half)nseg;
	eh.e_shentsize = sizeof sh[0];
	eh.e_shnum = 3;
	fwrite(&eh, sizeof eh, 1, f);

	for (unsigned k = 0; k < nseg; k++) {
		memset(&ph, 0, sizeof ph);
		ph.p_type = PT_LOAD;
		ph.p_flags = PF_R | PF_W | PF_X;
		ph.p_offset = k == 0 ? seg_off : seg_off + sizeof code + (uint64_t)(k - 1) * 8;
		ph.p_vaddr = ph.p_paddr = RT_USER_BASE + (uint64_t)k * SEG_STRIDE;
		ph.p_filesz = ph.p_memsz = k == 0 ? sizeof code : 8;
		if (k == 0 && o->counter_in_first)
			ph.p_memsz += 8;

		ph.p_align = 4;
		fwrite(&ph, sizeof ph, 1, f);
	}
	handler_code(counter_addr(nseg, o->counter_in_first), code);
	fwrite(code, sizeof code, 1, f);
	for (unsigned k = 1; k < nseg; k++)
		fwrite(zero, 8, 1, f);

	memset(sym, 0, sizeof sym);
	sym[1].st_name = 1;
	sym[1].st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC);
	sym[1].st_shndx = SHN_ABS;
	sym[1].st_value = o->sym_value ? o->sym_value : RT_USER_BASE;
	fwrite(sym, sizeof sym, 1, f);
	fwrite(strtab, sizeof strtab, 1, f);
	fwrite(zero, sh_off - (str_off + sizeof strtab), 1, f);

	memset(sh, 0, sizeof sh);
	sh[1].sh_type = SHT_SYMTAB;
	sh[1].sh_offset = sym_off;
	sh[1].sh_size = sizeof sym;
	sh[1].sh_link = 2;
	sh[1].sh_info = 1;
	sh[1].sh_entsize = sizeof sym[0];
	sh[1].sh_addralign = 8;
	sh[2].sh_type = SHT_STRTAB;
	sh[2].sh_offset = str_off;
	sh[2].sh_size = sizeof strtab;
	sh[2].sh_addralign = 1;
	fwrite(sh, sizeof sh, 1, f);
	assert_int_equal(fclose(f), 0);
}

static void write_image(unsigned nseg, char path[64])
{
	static const struct image_opts plain;
	write_image_with(nseg, &plain, path);
}

/* nhandlers handlers naming the image at path (after a handler of
 * actions when plain_first); EV_SHARED registered to the first image's,
 * fired, the machine migrated, fired again: the run must pass. */
static void run_across_a_migration(const char *path, unsigned nhandlers, bool plain_first)
{
	struct pb b;
	int h = -1;

	pb_init(&b);
	mt_setup_platform(&b);
	if (plain_first) {
		pb_handler(&b, "plain");
		pb_complete(&b, 0);
		pb_end(&b);
	}
	for (unsigned k = 0; k < nhandlers; k++) {
		int this = mt_elf_handler(&b, path, "h");
		if (h < 0)
			h = this;
	}
	mt_fire_around_a_migration(&b, h, 0);
	mt_assert_passes(&b);
	pb_free(&b);
}

/* The handler's counter after run_across_a_migration: 2 when the memory
 * it wrote before the migration came across. */
static uint64_t counter_after(const char *path, unsigned nseg, bool in_first, unsigned nhandlers,
			      bool plain_first)
{
	uint64_t count = 0;

	run_across_a_migration(path, nhandlers, plain_first);
	assert_int_equal(sim_cpu_read(mt_cpu, counter_addr(nseg, in_first), &count, sizeof count), 0);
	return count;
}

/* Before: a machine kept account of 16 segments; those after the 16th
 * were reloaded from the file at a migration, the counter with them. */
static void every_segment_of_an_image_is_carried_across_a_migration(void **state)
{
	char path[64];
	(void)state;

	write_image(17, path);
	assert_int_equal(counter_after(path, 17, false, 1, false), 2);
	unlink(path);
}

/* The first segment too (the code's, here with the counter in its
 * zero-filled tail): a migration that carried all but the first passed
 * the test above. */
static void the_first_segment_is_carried_across_a_migration(void **state)
{
	struct image_opts o = { .sym_value = 0, .cut_phdrs = false, .counter_in_first = true };
	char path[64];
	(void)state;

	write_image_with(2, &o, path);
	assert_int_equal(counter_after(path, 2, true, 1, false), 2);
	unlink(path);
}

/* A program has handler images whichever handler is one: the client
 * memory is made writable for an image's stores when the first handler
 * is a list of actions too. */
static void an_image_handler_after_a_plain_one_stores_into_its_memory(void **state)
{
	char path[64];
	(void)state;

	write_image(2, path);
	assert_int_equal(counter_after(path, 2, false, 1, true), 2);
	unlink(path);
}

static void one_image_named_by_several_handlers_counts_once(void **state)
{
	char path[64];
	unsigned nseg = SIM_MAX_USER_RANGES / 2 + 1;
	(void)state;

	/* three handlers of one image: three times the segments the machine
	 * keeps, if each load counted */
	write_image(nseg, path);
	assert_int_equal(counter_after(path, nseg, false, 3, false), 2);
	unlink(path);
}

/* The image at path refused (mt_assert_image_refused), then removed. */
static void assert_image_refused(const char *path, const char *want)
{
	mt_assert_image_refused(path, "h", want);
	unlink(path);
}

static void more_segments_than_a_machine_keeps_are_refused(void **state)
{
	char path[64], want[80];
	(void)state;

	write_image(SIM_MAX_USER_RANGES + 1, path);
	snprintf(want, sizeof want, "more than %u distinct loadable segments", SIM_MAX_USER_RANGES);
	assert_image_refused(path, want);
}

/* Before: an entry point anywhere in the user area was accepted - another
 * image's code, or zeros - and program headers libelf could not read were
 * passed over, their segments not loaded (fuzz_elf). */
static void an_entry_point_the_image_does_not_load_is_refused(void **state)
{
	struct image_opts o = { .sym_value = RT_USER_BASE + 0x100000, .cut_phdrs = false };
	char path[64];
	(void)state;

	write_image_with(2, &o, path);
	assert_image_refused(path, "is not code the image loads in the user area");
}

static void program_headers_cut_by_the_end_of_the_file_are_refused(void **state)
{
	struct image_opts o = { .sym_value = 0, .cut_phdrs = true };
	char path[64];
	(void)state;

	write_image_with(2, &o, path);
	assert_image_refused(path, "cannot read program header");
}

/* A FIFO is refused at once (open() waited for a writer: a scenario
 * naming one hung `sdeisim run`, found by an adversarial review; alarm
 * ends a test that hangs), and so is a directory. */
static void an_image_that_is_no_regular_file_is_refused(void **state)
{
	char path[64];
	(void)state;

	snprintf(path, sizeof path, "/tmp/sdeisim-elf-fifo-%ld", (long)getpid());
	unlink(path);
	assert_int_equal(mkfifo(path, 0600), 0);
	alarm(20);
	assert_image_refused(path, "not a regular file");
	alarm(0);
	mt_assert_image_refused("/tmp", "h", "/tmp: not a regular file");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_segment_of_an_image_is_carried_across_a_migration),
		cmocka_unit_test(the_first_segment_is_carried_across_a_migration),
		cmocka_unit_test(an_image_handler_after_a_plain_one_stores_into_its_memory),
		cmocka_unit_test(one_image_named_by_several_handlers_counts_once),
		cmocka_unit_test(more_segments_than_a_machine_keeps_are_refused),
		cmocka_unit_test(an_entry_point_the_image_does_not_load_is_refused),
		cmocka_unit_test(program_headers_cut_by_the_end_of_the_file_are_refused),
		cmocka_unit_test(an_image_that_is_no_regular_file_is_refused),
	};
	return cmocka_run_group_tests(tests, mt_group_setup, mt_group_teardown);
}
