/*
 * elf.c - loading a user's own AArch64 handler image (an ELF executable
 * linked to run inside the user area of client memory) so that real
 * client entry code can be run as an SDEI handler.  Uses elfutils'
 * libelf.
 *
 * Rules: ELF64, little-endian, EM_AARCH64; every PT_LOAD segment must lie
 * inside [RT_USER_BASE, RT_USER_BASE + RT_USER_SIZE - stacks), where the
 * top of the user area holds each PE's stack, every program header must be
 * readable, and a machine keeps account of SIM_MAX_USER_RANGES distinct
 * segments (what a migration carries over); the entry point is the value
 * of the named symbol (from .symtab), aligned code in the file bytes of one
 * of the image's segments.  sim_elf_check applies the same rules to an
 * image in memory, loading nothing (fuzz_elf).
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/rt_layout.h"
#include "sim_internal.h"

static bool in_user_area(uint64_t addr, uint64_t size, uint64_t limit)
{
	return addr >= RT_USER_BASE && size <= limit - RT_USER_BASE && addr - RT_USER_BASE <= limit - RT_USER_BASE - size;
}

/* Keep account of a loaded segment as user memory, which a migration
 * carries over (snapshot.c): one inside a range kept already - the same
 * image named by another handler - counts once.  False when the machine
 * keeps no more ranges. */
static bool keep_user_range(struct sim_machine *m, uint64_t addr, uint64_t size)
{
	for (unsigned k = 0; k < m->nuser; k++) {
		const struct sim_range *r = &m->user[k];
		if (addr >= r->addr && addr - r->addr <= r->size && size <= r->size - (addr - r->addr))
			return true;
	}
	if (m->nuser == SIM_MAX_USER_RANGES)
		return false;
	m->user[m->nuser].addr = addr;
	m->user[m->nuser].size = size;
	m->nuser++;
	return true;
}

/* Check every loadable segment of e against the user area and, with a
 * machine (m not NULL), load it there. */
static int load_segments(struct sim_machine *m, Elf *e, const char *path, uint64_t limit,
			 char *err, size_t errlen)
{
	size_t n, filesize;
	char *raw = elf_rawfile(e, &filesize);

	if (raw == NULL || elf_getphdrnum(e, &n) != 0) {
		snprintf(err, errlen, "%s: cannot read program headers: %s", path, elf_errmsg(-1));
		return -1;
	}
	for (size_t k = 0; k < n; k++) {
		GElf_Phdr ph;
		/* one unread could be a segment left out */
		if (gelf_getphdr(e, (int)k, &ph) == NULL) {
			snprintf(err, errlen, "%s: cannot read program header %zu: %s", path, k, elf_errmsg(-1));
			return -1;
		}
		if (ph.p_type != PT_LOAD)
			continue;
		if (ph.p_filesz > ph.p_memsz || ph.p_offset > filesize || ph.p_filesz > filesize - ph.p_offset ||
		    !in_user_area(ph.p_vaddr, ph.p_memsz, limit)) {
			snprintf(err, errlen, "%s: segment at 0x%llx (+0x%llx) is outside the user area "
				 "0x%x-0x%llx or malformed", path, (unsigned long long)ph.p_vaddr,
				 (unsigned long long)ph.p_memsz, RT_USER_BASE, (unsigned long long)limit);
			return -1;
		}
		if (m == NULL)
			continue;
		/* Not one forgotten: a migration would bring back the file's
		 * bytes in place of what the image's code wrote there. */
		if (!keep_user_range(m, ph.p_vaddr, ph.p_memsz)) {
			snprintf(err, errlen, "%s: more than %u distinct loadable segments in the handler images "
				 "(a machine keeps account of %u)", path, SIM_MAX_USER_RANGES, SIM_MAX_USER_RANGES);
			return -1;
		}
		if (sim_cpu_write(m->cpu, ph.p_vaddr, raw + ph.p_offset, ph.p_filesz)) {
			snprintf(err, errlen, "%s: cannot write segment", path);
			return -1;
		}
		for (uint64_t z = ph.p_filesz; z < ph.p_memsz; z += 4096) {
			static const uint8_t zeros[4096];
			uint64_t len = ph.p_memsz - z < sizeof zeros ? ph.p_memsz - z : sizeof zeros;
			sim_cpu_write(m->cpu, ph.p_vaddr + z, zeros, len);
		}
		sim_cpu_flush_code(m->cpu, ph.p_vaddr, ph.p_memsz);
	}
	return 0;
}

static int find_symbol(Elf *e, const char *path, const char *name, uint64_t *value,
		       char *err, size_t errlen)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(e, scn)) != NULL) {
		GElf_Shdr sh;
		Elf_Data *data;
		if (gelf_getshdr(scn, &sh) == NULL || sh.sh_type != SHT_SYMTAB || sh.sh_entsize == 0)
			continue;
		data = elf_getdata(scn, NULL);
		for (size_t k = 0; data && k < sh.sh_size / sh.sh_entsize; k++) {
			GElf_Sym sym;
			const char *s;
			if (gelf_getsym(data, (int)k, &sym) == NULL)
				continue;
			s = elf_strptr(e, sh.sh_link, sym.st_name);
			if (s && strcmp(s, name) == 0 && sym.st_shndx != SHN_UNDEF) {
				*value = sym.st_value;
				return 0;
			}
		}
	}
	snprintf(err, errlen, "%s: no symbol '%s'", path, name);
	return -1;
}

/* Whether the 4 bytes at addr are file bytes of one of e's loadable
 * segments: what the image itself puts there (not another image's code,
 * nor zeros). */
static bool loaded_by(Elf *e, uint64_t addr)
{
	size_t n;

	if (elf_getphdrnum(e, &n) != 0)
		return false;
	for (size_t k = 0; k < n; k++) {
		GElf_Phdr ph;
		if (gelf_getphdr(e, (int)k, &ph) != NULL && ph.p_type == PT_LOAD && addr >= ph.p_vaddr &&
		    addr - ph.p_vaddr < ph.p_filesz && ph.p_filesz - (addr - ph.p_vaddr) >= 4)
			return true;
	}
	return false;
}

_Static_assert(RT_STACKS_SIZE == RT_STACK_SIZE * SIM_MAX_PES, "a stack for every PE a machine may have");

/* The image e (named name in messages): an AArch64 ELF64 executable whose
 * loadable segments lie in the user area, loaded into m unless m is NULL,
 * with *entry the value of symbol, aligned code one of them loads. */
static int read_image(struct sim_machine *m, Elf *e, const char *name, const char *symbol,
		      uint64_t *entry, char *err, size_t errlen)
{
	/* the top of the user area holds the PEs' stacks (sim_main_context) */
	uint64_t limit = RT_USER_BASE + RT_USER_SIZE - (uint64_t)RT_STACK_SIZE * SIM_MAX_PES;
	GElf_Ehdr eh;

	if (e == NULL || elf_kind(e) != ELF_K_ELF || gelf_getehdr(e, &eh) == NULL) {
		snprintf(err, errlen, "%s: not an ELF file", name);
		return -1;
	}
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh.e_machine != EM_AARCH64) {
		snprintf(err, errlen, "%s: not a 64-bit little-endian AArch64 image", name);
		return -1;
	}
	if (load_segments(m, e, name, limit, err, errlen) || find_symbol(e, name, symbol, entry, err, errlen))
		return -1;
	if (!in_user_area(*entry, 4, limit) || (*entry & 3) || !loaded_by(e, *entry)) {
		snprintf(err, errlen, "%s: symbol '%s' (0x%llx) is not code the image loads in the user area",
			 name, symbol, (unsigned long long)*entry);
		return -1;
	}
	return 0;
}

static bool libelf_ready(char *err, size_t errlen)
{
	if (elf_version(EV_CURRENT) != EV_NONE)
		return true;
	snprintf(err, errlen, "libelf: %s", elf_errmsg(-1));
	return false;
}

int sim_elf_load(struct sim_machine *m, const char *path, const char *symbol, uint64_t *entry,
		 char *err, size_t errlen)
{
	struct stat st;
	Elf *e;
	int fd, res;

	if (!libelf_ready(err, errlen))
		return -1;
	/* Not blocking in open(): a FIFO waits there for a writer, and an
	 * image is a regular file (libelf reads it at its offsets) */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot open the file: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file (a directory, FIFO, socket or device): not an ELF image",
			 path);
		close(fd);
		return -1;
	}
	e = elf_begin(fd, ELF_C_READ, NULL);
	res = read_image(m, e, path, symbol, entry, err, errlen);
	if (e)
		elf_end(e);
	close(fd);
	return res;
}

int sim_elf_check(char *image, size_t size, const char *name, const char *symbol, uint64_t *entry,
		  char *err, size_t errlen)
{
	Elf *e;
	int res;

	if (!libelf_ready(err, errlen))
		return -1;
	e = elf_memory(image, size);
	res = read_image(NULL, e, name, symbol, entry, err, errlen);
	if (e)
		elf_end(e);
	return res;
}
