/*
 * test_fz_core.c - fuzz_core's executor (fz_core.h).
 *
 *   test_fz_core [SCENARIO.yaml | DIR | --raw DIR]...
 *
 * The inputs are the program harnesses' seed corpus, made the way
 * fuzz_seeds makes it: 64 generated inputs of each fz_gen family (the
 * same fixed seed) and every scenario named on the command line (or found
 * below a directory) encoded with fz_encode; --raw DIR adds every file of
 * DIR as an input as it is (a fuzzer's corpus, by hand).
 *
 *   runtime_layout      the interpreter addresses fz_core_client.c names are
 *                       the runtime's (the assembled image has the
 *                       instructions there that make them what they are);
 *   builders_in_place   sim_op_init, and the in-place builders fz_decode
 *                       makes its steps, actions and handlers with, write
 *                       every field (whatever the memory held before);
 *   seeds_no_finding    every seed runs on fz_core with no finding and is
 *                       not skipped;
 *   agrees_with_sim     every seed makes on fz_core the observations it
 *                       makes on the simulator (fz_run, Unicorn): the same
 *                       calls with the same arguments and results, the same
 *                       interrupts, dispatches with the same entry
 *                       registers, completions, landings, power changes, in
 *                       the same order - up to where fz_core stops at client
 *                       code it does not model - and the same verdict.
 *
 * Built with FZ_CORE_PLANTED="NAME" against a core with fuzz/planted/NAME.patch
 * applied, it runs one test instead:
 *
 *   finds_planted_bug   fz_core reports a finding on the seeds or on
 *                       mutants of them (at most 50 per seed).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "fz_core.h"
#include "fz_gen.h"
#include "fz_run.h"
#include "obs_log.h"
#include "runtime/rt_layout.h"
#include "scn.h"

extern const unsigned char rt_image[];
extern const size_t rt_image_size;

#define CAP (FZ_HEADER_BYTES + FZ_MAX_RECORDS * FZ_RECORD_BYTES)

struct input {
	char name[160];
	uint8_t *bytes;
	size_t len;
};

static struct input *inputs;
static unsigned ninputs, cap_inputs;
static struct fz_core core;

static _Noreturn void die(const char *what, const char *why)
{
	fprintf(stderr, "test_fz_core: %s: %s\n", what, why);
	exit(1);
}

static void add_input(const char *name, const uint8_t *p, size_t n)
{
	if (ninputs == cap_inputs) {
		cap_inputs = cap_inputs ? 2 * cap_inputs : 256;
		inputs = realloc(inputs, cap_inputs * sizeof *inputs);
		if (inputs == NULL)
			die(name, "out of memory");
	}
	snprintf(inputs[ninputs].name, sizeof inputs[ninputs].name, "%s", name);
	inputs[ninputs].bytes = malloc(n ? n : 1);
	if (inputs[ninputs].bytes == NULL)
		die(name, "out of memory");
	memcpy(inputs[ninputs].bytes, p, n);
	inputs[ninputs++].len = n;
}

static void add_scenario(const char *file, struct sim_program *prog)
{
	static uint8_t buf[CAP];
	char err[600];
	size_t n;

	if (scn_load_file(file, NULL, prog, err, sizeof err))
		die(file, err);
	n = fz_encode(prog, buf, sizeof buf);
	if (n == 0)
		die(file, "cannot encode");
	add_input(file, buf, n);
}

static void add_path(const char *path, struct sim_program *prog)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	if (stat(path, &st) != 0)
		die(path, "cannot stat");
	if (!S_ISDIR(st.st_mode)) {
		add_scenario(path, prog);
		return;
	}
	d = opendir(path);
	if (d == NULL)
		die(path, "cannot open");
	while ((e = readdir(d)) != NULL) {
		char sub[4096];
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			add_path(sub, prog);
		else if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0)
			add_scenario(sub, prog);
	}
	closedir(d);
}

static void add_raw(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	static uint8_t buf[1 << 16];

	if (d == NULL)
		die(dir, "cannot open");
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		FILE *f;
		size_t n;
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		f = fopen(path, "rb");
		if (f == NULL)
			continue;
		n = fread(buf, 1, sizeof buf, f);
		fclose(f);
		add_input(path, buf, n < CAP ? n : CAP);   /* the decoder reads no more */
	}
	closedir(d);
}

static int make_inputs(int argc, char **argv)
{
	static const char *const family[FZ_GEN_FAMILIES] = { "random", "driven", "nesting", "race" };
	struct fz_gen g = { 0x5DEECE66Dull };      /* fuzz_seeds' seed */
	struct sim_program prog;

	for (unsigned k = 0; k < 64; k++)
		for (unsigned f = 0; f < FZ_GEN_FAMILIES; f++) {
			uint8_t buf[FZ_HEADER_BYTES + 64 * FZ_RECORD_BYTES];
			char name[64];
			size_t n = fz_gen_input(&g, (enum fz_gen_family)f, 32, buf, sizeof buf);
			snprintf(name, sizeof name, "gen-%s-%03u", family[f], k);
			add_input(name, buf, n);
		}
	sim_program_init(&prog);
	for (int k = 1; k < argc; k++) {
		if (strcmp(argv[k], "--raw") == 0 && k + 1 < argc)
			add_raw(argv[++k]);
		else
			add_path(argv[k], &prog);
	}
	sim_program_free(&prog);
	return 0;
}

#ifndef FZ_CORE_PLANTED
/* ---- runtime_layout ---- */

static uint32_t insn_at(uint64_t addr)
{
	uint64_t off = addr - RT_CODE_BASE;

	assert_true(off + 4 <= rt_image_size);
	return (uint32_t)rt_image[off] | (uint32_t)rt_image[off + 1] << 8 |
	       (uint32_t)rt_image[off + 2] << 16 | (uint32_t)rt_image[off + 3] << 24;
}

static uint32_t svc(uint32_t imm)
{
	return 0xD4000001u | imm << 5;
}

static void runtime_layout(void **state)
{
	(void)state;
	assert_int_equal(insn_at(RT_INTERP + 0x08), 0xB9400209u);          /* next_action: ldr w9, [x16] */
	assert_int_equal(insn_at(RT_INTERP + 0x0c), 0x7100153Fu);          /* cmp w9, #RT_OP_COUNT */
	assert_int_equal(insn_at(RT_INTERP + 0x48), 0xD4000003u);          /* smc #0 */
	assert_int_equal(insn_at(RT_INTERP + 0x50), 0xD4000002u);          /* hvc #0 */
	assert_int_equal(insn_at(RT_INTERP + 0x68), svc(RT_SVC_SYNC));
	assert_int_equal(insn_at(RT_INTERP + 0x70), svc(RT_SVC_YIELD));
	assert_int_equal(insn_at(RT_INTERP + 0x74), 0x91010210u);          /* op_nop: add x16, x16, #64 */
	assert_int_equal(insn_at(RT_INTERP + 0x7c), svc(RT_SVC_END));
	/* op_table at +0x20: adr x10, op_table (at +0x14) is "adr x10, #12" */
	assert_int_equal(insn_at(RT_INTERP + 0x14), 0x1000006Au);
	assert_int_equal(insn_at(RT_MAIN_IDLE), svc(RT_SVC_PARK));
	assert_int_equal(insn_at(RT_RESUME_PAD), svc(RT_SVC_PAD));
	assert_int_equal(insn_at(RT_STUBS), svc(RT_SVC_ENTER));
	assert_int_equal(insn_at(RT_VECTORS + 0x280), svc(RT_SVC_VECTOR + 5));
}

/* ---- builders_in_place ---- */

/* Bytes in which a and b (n bytes) differ outside the padding, the ranges
 * pad[0 .. npad) ([from, to) offsets). */
static unsigned differ_outside(const void *a, const void *b, size_t n, const size_t (*pad)[2], unsigned npad)
{
	unsigned bad = 0;

	for (size_t k = 0; k < n; k++) {
		bool padding = false;
		for (unsigned i = 0; i < npad; i++)
			padding |= k >= pad[i][0] && k < pad[i][1];
		bad += !padding && ((const uint8_t *)a)[k] != ((const uint8_t *)b)[k];
	}
	return bad;
}

static const size_t op_pad[][2] = {
	{ offsetof(struct sim_op, secure) + 1, offsetof(struct sim_op, save) },
	{ offsetof(struct sim_op, intid) + sizeof(uint32_t), offsetof(struct sim_op, fid) },
	{ offsetof(struct sim_op, fid) + 1, offsetof(struct sim_op, fid) + offsetof(struct sim_value, u) },
	{ offsetof(struct sim_op, event) + 1, offsetof(struct sim_op, event) + offsetof(struct sim_value, u) },
};
static const size_t handler_pad[][2] = {
	{ offsetof(struct sim_handler, kind) + 1, offsetof(struct sim_handler, ops) },
};

static void builders_in_place(void **state)
{
	struct sim_op zeros, ones, made = sim_op_new(SIM_OP_PSCI, 3);
	struct sim_handler empty;
	struct sim_program p;

	(void)state;
	/* made on memory of 0x00 bytes and of 0xFF bytes, ops differ only in
	 * their padding: every field is written */
	memset(&zeros, 0, sizeof zeros);
	memset(&ones, 0xFF, sizeof ones);
	sim_op_init(&zeros, SIM_OP_PSCI, 3);
	sim_op_init(&ones, SIM_OP_PSCI, 3);
	assert_int_equal(differ_outside(&zeros, &ones, sizeof zeros, op_pad, 4), 0);
	assert_memory_equal(&made, &zeros, sizeof made);

	/* in a program's pools, over what an earlier program left there */
	sim_program_init(&p);
	memset(sim_new_step(&p, SIM_OP_CALL, 0), 0xFF, sizeof ones);
	memset(sim_new_action(&p, SIM_OP_CALL, 0), 0xFF, sizeof ones);
	memset(sim_new_handler(&p), 0xFF, sizeof empty);
	sim_program_reset(&p);
	assert_int_equal(differ_outside(sim_new_step(&p, SIM_OP_PSCI, 3), &zeros, sizeof zeros, op_pad, 4), 0);
	assert_int_equal(differ_outside(sim_new_action(&p, SIM_OP_PSCI, 3), &zeros, sizeof zeros, op_pad, 4), 0);
	memset(&empty, 0, sizeof empty);
	empty.kind = SIM_H_ACTIONS;
	assert_int_equal(differ_outside(sim_new_handler(&p), &empty, sizeof empty, handler_pad, 1), 0);
	assert_int_equal(p.nsteps + p.nactions + p.nhandlers, 3);
	sim_program_free(&p);
}

/* ---- seeds_no_finding ---- */

static void seeds_no_finding(void **state)
{
	unsigned bad = 0;

	(void)state;
	for (unsigned k = 0; k < ninputs; k++) {
		bool ok = fz_core_run_one(&core, inputs[k].bytes, inputs[k].len);
		if (!ok || core.skipped) {
			fprintf(stderr, "%s: %s\n", inputs[k].name, ok ? "skipped" : core.finding);
			bad++;
		}
	}
	printf("%u seeds run on fz_core, %u with a finding or skipped\n", ninputs, bad);
	assert_int_equal(bad, 0);
}

#endif /* FZ_CORE_PLANTED */

/* ---- agrees_with_sim ---- */

#ifndef FZ_CORE_PLANTED
static void show(const char *who, const struct sim_obs *o)
{
	fprintf(stderr, "  %s: kind %u pe %u depth %u step %u fid 0x%x args 0x%llx 0x%llx result %lld event 0x%x "
		"handler %d intid %u status %d op %d pc 0x%llx pstate 0x%llx regs 0x%llx 0x%llx 0x%llx 0x%llx %s\n",
		who, o->kind, o->pe, o->depth, o->step, o->fid, (unsigned long long)o->args[0],
		(unsigned long long)o->args[1], (long long)o->result, (unsigned)o->event, o->handler, o->intid,
		o->status, o->op, (unsigned long long)o->pc, (unsigned long long)o->pstate,
		(unsigned long long)o->regs[0], (unsigned long long)o->regs[1], (unsigned long long)o->regs[2],
		(unsigned long long)o->regs[3], o->text ? o->text : "");
}

#endif

/* xorshift64: the mutants are the same in every run */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* A mutant of in the way a fuzzer makes them: bytes changed, records
 * copied over others, the tail cut. */
static size_t mutate(const struct input *in, uint64_t *seed, uint8_t *out)
{
	size_t len = in->len;
	unsigned edits = 1 + (unsigned)(next_rand(seed) % 8);

	memcpy(out, in->bytes, len);
	for (unsigned e = 0; e < edits && len > 0; e++) {
		uint64_t r = next_rand(seed);
		size_t at = (size_t)(r >> 8) % len;
		switch (r % 4) {
		case 0:
		case 1:
			out[at] = (uint8_t)(r >> 40);
			break;
		case 2:
			if (len >= FZ_HEADER_BYTES + 2 * FZ_RECORD_BYTES) {
				size_t nrec = (len - FZ_HEADER_BYTES) / FZ_RECORD_BYTES;
				size_t a = (size_t)(r >> 16) % nrec, b = (size_t)(r >> 32) % nrec;
				memcpy(out + FZ_HEADER_BYTES + a * FZ_RECORD_BYTES,
				       out + FZ_HEADER_BYTES + b * FZ_RECORD_BYTES, FZ_RECORD_BYTES);
			}
			break;
		default:
			if (at > FZ_HEADER_BYTES)
				len = at;
			break;
		}
	}
	return len;
}

#ifndef FZ_CORE_PLANTED
/* Mutants per seed (FZ_CORE_MUTANTS in the environment: more, by hand). */
static unsigned mutants(void)
{
	const char *env = getenv("FZ_CORE_MUTANTS");

	return env ? (unsigned)strtoul(env, NULL, 10) : 8;
}

static void agrees_with_sim(void **state)
{
	static struct obs_log ls, lc;
	static struct fz_run run;
	static uint8_t buf[CAP];
	char err[200];
	unsigned differ = 0, unmodelled = 0, compared = 0, per = mutants();
	unsigned long observations = 0;
	uint64_t seed = 0x9E3779B97F4A7C15ull;

	(void)state;
	assert_int_equal(fz_run_init(&run, err, sizeof err), 0);
	run.also = (struct sim_observer){ obs_log_record, &ls };
	core.also = (struct sim_observer){ obs_log_record, &lc };
	for (unsigned k = 0; k < ninputs * (1 + per); k++) {
		const struct input *in = &inputs[k % ninputs];
		bool ok_sim, ok_core, cut = false;
		size_t len = k < ninputs ? in->len : mutate(in, &seed, buf);
		const uint8_t *bytes = k < ninputs ? in->bytes : buf;
		char name[200];
		unsigned n;

		snprintf(name, sizeof name, "%s%s", in->name, k < ninputs ? "" : " (mutant)");
		ls.n = lc.n = 0;
		ok_sim = fz_run_one(&run, bytes, len);
		ok_core = fz_core_run_one(&core, bytes, len);
		n = lc.n;
		observations += ls.n;
		/* fz_core stops where the client reaches code it does not model */
		if (lc.n && lc.o[lc.n - 1].kind == SIM_OBS_FAIL && lc.o[lc.n - 1].text &&
		    strstr(lc.o[lc.n - 1].text, "not modelled by fuzz_core")) {
			n = lc.n - 1;
			cut = true;
			unmodelled++;
		}
		if (!cut && (ls.n != lc.n || ok_sim != ok_core)) {
			fprintf(stderr, "%s: %u observations on the simulator (%s), %u on fz_core (%s)\n",
				name, ls.n, ok_sim ? "no finding" : run.finding, lc.n,
				ok_core ? "no finding" : core.finding);
		}
		for (unsigned i = 0; i < n; i++) {
			if (i >= ls.n || !obs_log_same(&ls.o[i], &lc.o[i])) {
				fprintf(stderr, "%s: observation %u differs\n", name, i);
				if (i < ls.n)
					show("sim ", &ls.o[i]);
				show("core", &lc.o[i]);
				differ++;
				goto next;
			}
		}
		if (!cut && (ls.n != lc.n || ok_sim != ok_core)) {
			if (lc.n < ls.n)
				show("sim ", &ls.o[lc.n]);
			differ++;
		}
next:
		compared++;
	}
	core.also = (struct sim_observer){ NULL, NULL };
	fz_run_free(&run);
	printf("%u seeds and mutants compared with the simulator (%lu observations): %u differ, %u stop at "
	       "client code fz_core does not model\n", compared, observations, differ, unmodelled);
	assert_int_equal(differ, 0);
}

#endif

/* ---- finds_planted_bug (built against a core with FZ_CORE_PLANTED applied) ---- */

#ifdef FZ_CORE_PLANTED
static void finds_planted_bug(void **state)
{
	static uint8_t buf[CAP];
	uint64_t seed = 0x9E3779B97F4A7C15ull;
	unsigned k;

	(void)state;
	for (k = 0; k < ninputs * 50; k++) {
		const struct input *in = &inputs[k % ninputs];
		size_t len = k < ninputs ? in->len : mutate(in, &seed, buf);
		if (!fz_core_run_one(&core, k < ninputs ? in->bytes : buf, len)) {
			printf("%s: found by %s%s after %u inputs: %s\n", FZ_CORE_PLANTED, in->name,
			       k < ninputs ? "" : " (mutant)", k + 1, core.finding);
			return;
		}
	}
	fprintf(stderr, "%s: not found in %u inputs\n", FZ_CORE_PLANTED, k);
	fail();
}
#endif

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
#ifdef FZ_CORE_PLANTED
		cmocka_unit_test(finds_planted_bug),
#else
		cmocka_unit_test(runtime_layout),
		cmocka_unit_test(builders_in_place),
		cmocka_unit_test(seeds_no_finding),
		cmocka_unit_test(agrees_with_sim),
#endif
	};

	if (fz_core_init(&core) != 0 || make_inputs(argc, argv) != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
