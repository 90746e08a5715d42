/*
 * test_format.c - the canonical trace: records written and read back are
 * the same records and the same bytes; every reader error names its line
 * and column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"
#include "trace_internal.h"     /* trace_enum_name: the names the format spells */

/* Write recs, read them back; returns the text written (caller frees). */
static char *write_all(const struct trace_rec *recs, size_t n, size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);

	assert_non_null(f);
	assert_int_equal(trace_write_header(f, "test"), 0);
	for (size_t k = 0; k < n; k++)
		assert_int_equal(trace_write(f, &recs[k]), 0);
	fclose(f);
	return text;
}

static const struct trace_platform plat = {
	.nmpidr = 2, .mpidr = { 0x0, 0x10100 }, .version_minor = 1, .bind_private = 3, .bind_shared = 0,
	.nsecure = 2, .secure = { 29, 20 }, .secure_pes = { 0, 0x3 }, .nevents = 2,
	.events = { { -5, 0, 1, 1, 0 }, { 0x40000200, 1, 0, 0, 40 } },
	.features = 0x5, .sctlr = 0x800000, .hcr_el2 = 0,
	.policy_given = 1u << 6 | 1u << 17, .policy = { [6] = 1, [17] = 1 },   /* entry_regs, mask_timing */
};

static void sample_records(struct trace_rec *r)
{
	trace_rec_init(&r[0], TRACE_CALL);
	r[0].t = 10;
	r[0].pe = 3;
	r[0].conduit = TRACE_HVC;
	r[0].el = 1;
	r[0].x[0] = 0xC4000021;
	r[0].x[1] = 5;
	r[0].x[2] = 0xffff800010081000ull;
	r[0].x_known = 0x07;             /* x3..x5 unknown */
	r[0].end = TRACE_END_RET;
	r[0].r[0] = (uint64_t)-3;
	r[0].r_known = 1;
	r[0].has = TRACE_HAS_SRC;
	r[0].src_file = "a file.tarmac";
	r[0].src_line = 77;

	trace_rec_init(&r[1], TRACE_DISPATCH);
	r[1].t = 12;
	r[1].pe = 3;
	r[1].event = 5;
	r[1].ep = 0x1000;
	r[1].cause = TRACE_CAUSE_IRQ;
	r[1].intid = 40;
	r[1].depth = 1;
	r[1].x[0] = 5;
	r[1].x[1] = 0x99;
	r[1].x_known = 0x3;
	r[1].pstate = 0x3c9;
	r[1].has = TRACE_HAS_EP | TRACE_HAS_INTID | TRACE_HAS_DEPTH | TRACE_HAS_PSTATE;

	trace_rec_init(&r[2], TRACE_COMPLETE);
	r[2].t = 14;
	r[2].pe = 3;
	r[2].event = 5;
	r[2].how = TRACE_DONE_RESUME;
	r[2].arg = 0x2000;
	r[2].pc = 0x2000;
	r[2].has = TRACE_HAS_ARG | TRACE_HAS_PC;

	trace_rec_init(&r[3], TRACE_IRQ);
	r[3].t = 15;
	r[3].pe = 3;
	r[3].intid = 40;
	r[3].how = TRACE_IRQ_ACK;
	r[3].res = TRACE_RES_DEFERRED;
	r[3].has = TRACE_HAS_RES;

	trace_rec_init(&r[4], TRACE_POWER);
	r[4].t = 20;
	r[4].pe = 1;
	r[4].state = TRACE_PWR_OFF;
	r[4].prev = TRACE_PWR_ON;
	r[4].has = TRACE_HAS_PREV;

	trace_rec_init(&r[5], TRACE_PLATFORM);
	strcpy(r[5].profile, "tf-a-fvp");
	r[5].pes = 2;
	r[5].el = 2;
	r[5].plat = &plat;
	r[5].has = TRACE_HAS_PROFILE | TRACE_HAS_PES | TRACE_HAS_EL | TRACE_HAS_MPIDR | TRACE_HAS_VERSION |
		   TRACE_HAS_BIND | TRACE_HAS_SECURE | TRACE_HAS_EVENTS | TRACE_HAS_FEATURES | TRACE_HAS_SCTLR |
		   TRACE_HAS_HCR | TRACE_HAS_POLICY;

	trace_rec_init(&r[6], TRACE_WARNING);
	r[6].msg = "100% odd: a=b\tc";
}

static void round_trip(void **state)
{
	struct trace_rec w[7], r;
	size_t len, len2;
	char *text, *again = NULL;
	FILE *in, *out;
	struct trace_reader *rd;
	unsigned k = 0;

	(void)state;
	sample_records(w);
	text = write_all(w, 7, &len);
	in = fmemopen(text, len, "r");
	out = open_memstream(&again, &len2);
	rd = trace_reader_open(in, "mem");
	trace_write_header(out, "test");
	while (trace_read(rd, &r) == 1) {
		assert_true(k < 7);
		assert_int_equal(r.kind, w[k].kind);
		assert_int_equal(r.pe, w[k].pe);
		assert_true(r.t == w[k].t);
		assert_int_equal(r.line, k + 3);          /* after the header and the comment */
		assert_int_equal(trace_write(out, &r), 0);
		k++;
	}
	assert_int_equal(k, 7);
	fclose(out);
	assert_int_equal(len, len2);
	assert_memory_equal(text, again, len);       /* same records, same bytes */
	assert_non_null(strstr(text, "call t=10 pe=3 conduit=hvc el=1 h=0 fn=EVENT_REGISTER x0=0xc4000021 x1=0x5 "
				     "x2=0xffff800010081000 x3=? x4=? x5=? end=ret r0=0xfffffffffffffffd "
				     "src=a%20file.tarmac:77\n"));
	assert_non_null(strstr(text, "warning msg=100%25%20odd:%20a%3Db%09c\n"));
	assert_non_null(strstr(text, "platform profile=tf-a-fvp pes=2 mpidr=0x0,0x10100 el=2 version=1.1 "
				     "features=PAN,SSBS sctlr=0x800000 hcr_el2=0x0 policy=entry_regs:zero,"
				     "mask_timing:at_once bind=3,0 secure=29,20@0+1 "
				     "events=-5:private:critical:explicit,1073742336:shared:normal:40\n"));
	trace_reader_close(rd);
	fclose(in);
	free(text);
	free(again);
}

static void fields_read_back(void **state)
{
	static const char text[] =
		"# sdeisim-trace 1\n"
		"\n"
		"# a comment\n"
		"dispatch t=12 pe=3 event=-1 cause=explicit x0=0xffffffffffffffff  src=x:y.trace:9  \r\n"
		"warning msg=a%20b src=f:1\n";
	FILE *in = fmemopen((void *)(uintptr_t)text, sizeof text - 1, "r");
	struct trace_reader *rd = trace_reader_open(in, "mem");
	struct trace_rec r;

	(void)state;
	assert_int_equal(trace_read(rd, &r), 1);
	assert_int_equal(r.kind, TRACE_DISPATCH);
	assert_int_equal(r.event, -1);
	assert_int_equal(r.cause, TRACE_CAUSE_EXPLICIT);
	assert_true(r.x[0] == UINT64_MAX);
	assert_int_equal(r.x_known, 1);
	assert_string_equal(r.src_file, "x:y.trace");  /* the line number follows the last ':' */
	assert_int_equal(r.src_line, 9);
	assert_int_equal(r.line, 4);
	assert_int_equal(trace_read(rd, &r), 1);
	assert_string_equal(r.msg, "a b");
	assert_int_equal(trace_read(rd, &r), 0);
	trace_reader_close(rd);
	fclose(in);
}

/* ---- Errors ---- */

struct bad { const char *text, *error; };

static const struct bad bad_inputs[] = {
	{ "", "mem:1:1: empty file: expected '# sdeisim-trace 2'" },
	{ "call t=1\n", "mem:1:1: not an sdeisim trace: the first line must be '# sdeisim-trace 2'" },
	{ "# sdeisim-trace 3\n", "mem:1:17: unsupported trace version 3 (this reader knows versions 1 to 2)" },
	{ "# sdeisim-trace 0\n", "mem:1:17: unsupported trace version 0 (this reader knows versions 1 to 2)" },
	{ "# sdeisim-trace 02\n", "mem:1:17: expected a version number" },
	{ "# sdeisim-trace 1\nirq t=1 pe=0 intid=40 how=ack res=ended\n",
	  "mem:2:35: res=ended: a version 1 trace has no ended or repended results (version 2 added them)" },
	{ "# sdeisim-trace 1\nirq t=1 pe=0 intid=40 how=ack res=repended\n",
	  "mem:2:35: res=repended: a version 1 trace has no ended or repended results (version 2 added them)" },
	{ "# sdeisim-trace 2\nirq t=1 pe=0 intid=40 how=ack res=pended\n",
	  "mem:2:35: res=pended: not one of the values FORMAT.md lists" },
	{ "# sdeisim-trace 1\nplatform pes=2 mpidr=0x0,0x1\n",
	  "mem:2:16: platform records of a version 1 trace have no field 'mpidr' (version 2 added it)" },
	{ "# sdeisim-trace 2\nplatform pes=3 mpidr=0x0,0x1\n", "mem:2:1: mpidr= lists 2 values: it needs pes= with as many" },
	{ "# sdeisim-trace 2\nplatform mpidr=0x0\n", "mem:2:1: mpidr= lists 1 value: it needs pes= with as many" },
	{ "# sdeisim-trace 2\nplatform pes=2 mpidr=0x0,1\n",
	  "mem:2:26: mpidr: expected 0x and 1 to 16 lowercase hex digits" },
	{ "# sdeisim-trace 2\nplatform version=1.2\n", "mem:2:18: version: 1.0 or 1.1" },
	{ "# sdeisim-trace 2\nplatform relative=2\n", "mem:2:19: relative: 2 is more than 1" },
	{ "# sdeisim-trace 2\nplatform bind=4\n", "mem:2:15: bind: expected PRIVATE,SHARED (two numbers of slots)" },
	{ "# sdeisim-trace 2\nplatform spis=989\n", "mem:2:15: spis: 989 is more than 988" },
	{ "# sdeisim-trace 2\nplatform secure=29,,56\n", "mem:2:20: secure: expected a decimal number" },
	{ "# sdeisim-trace 2\nplatform events=5:private:normal\n",
	  "mem:2:17: events: expected NUMBER:TYPE:PRIORITY:INTID (or :explicit)" },
	{ "# sdeisim-trace 2\nplatform events=x:private:normal:23\n",
	  "mem:2:17: events: expected a 32-bit event number" },
	{ "# sdeisim-trace 2\nplatform events=1:private:normal:23,5:privat:normal:23\n",
	  "mem:2:39: events: the type is private or shared" },
	{ "# sdeisim-trace 2\nplatform events=5:shared:high:40\n", "mem:2:26: events: the priority is normal or critical" },
	{ "# sdeisim-trace 2\nplatform events=5:shared:normal:1020\n",
	  "mem:2:33: events: the INTID: 1020 is more than 1019" },
	{ "# sdeisim-trace x\n", "mem:1:17: expected a version number" },
	{ "# sdeisim-trace 1\nfoo t=1\n", "mem:2:1: unknown record kind 'foo'" },
	{ "# sdeisim-trace 1\nirq t=1 pe=0 intid=3 how=ack bogus=1\n", "mem:2:30: irq records have no field 'bogus'" },
	{ "# sdeisim-trace 1\nirq t=1 pe=0 intid=3 how=ack t=2\n", "mem:2:30: field 't' given twice" },
	{ "# sdeisim-trace 1\nirq t=1 pe=0 how=ack\n", "mem:2:21: irq record without intid=" },
	{ "# sdeisim-trace 1\nirq t=1 pe=64 intid=3 how=ack\n", "mem:2:12: pe=64: at most 63" },
	{ "# sdeisim-trace 1\nirq t=1 pe=0 intid=1020 how=ack\n", "mem:2:20: intid=1020: at most 1019" },
	{ "# sdeisim-trace 1\nirq t=1 pe=0 intid=3 how=maybe\n", "mem:2:26: how=maybe: not one of the values FORMAT.md lists" },
	{ "# sdeisim-trace 1\ncall t=1 pe=0 conduit=smc el=2 h=0 x0=12 end=ret\n",
	  "mem:2:39: x0=12: expected 0x and 1 to 16 lowercase hex digits, or ?" },
	{ "# sdeisim-trace 1\ncall t=1 pe=0 conduit=smc el=2 h=0 x0=0x10000000000000000 end=ret\n",
	  "mem:2:39: x0=0x10000000000000000: expected 0x and 1 to 16 lowercase hex digits, or ?" },
	{ "# sdeisim-trace 1\ncall t=1 pe=0 conduit=smc el=2 h=0 fn=VERSION x0=0xc4000021 end=ret\n",
	  "mem:2:39: fn=VERSION does not name the function in x0" },
	{ "# sdeisim-trace 1\ncall t=1 pe=0 conduit=smc el=2 h=0 x0=0xc4000025 end=complete r0=0x0\n",
	  "mem:2:1: results (r0..r3) belong to calls with end=ret" },
	{ "# sdeisim-trace 1\ncomplete t=1 pe=0 event=0 how=complete resume=0x10\n",
	  "mem:2:1: resume= belongs to how=resume" },
	{ "# sdeisim-trace 1\nwarning msg=50%\n", "mem:2:15: msg: malformed %XX escape" },
	{ "# sdeisim-trace 1\nwarning\tmsg=a\n", "mem:2:8: fields are separated by spaces, not tabs" },
	{ "# sdeisim-trace 1\nwarning msg=a\001b\n", "mem:2:14: binary data (byte 0x01) in a text trace" },
	{ "# sdeisim-trace 1\nirq t=1 pe=0 intid=3 how=ack junk\n", "mem:2:30: expected key=value, found 'junk'" },
	/* a quoted token's first 64 characters, never its first 64 bytes: 40
	 * two-byte ones are said whole (32 were), and a four-byte one is
	 * the 64th (it was left out) */
	{ "# sdeisim-trace 2\nirq t=1 pe=0 intid=3 how=ack "
	  "éééééééééééééééééééé" "éééééééééééééééééééé\n",
	  "mem:2:30: expected key=value, found '"
	  "éééééééééééééééééééé" "éééééééééééééééééééé'" },
	{ "# sdeisim-trace 2\n"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\xF0\x9F\x98\x80" "yy t=1\n",
	  "mem:2:1: unknown record kind '"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\xF0\x9F\x98\x80... (66 characters)'" },
	{ "# sdeisim-trace 1\nirq t=1 pe=0 intid=3 how=ack src=nolinenumber\n",
	  "mem:2:34: src=nolinenumber: expected FILE:LINE" },
	{ "# sdeisim-trace 1\nirq t=5 pe=2 intid=3 how=ack\nirq t=4 pe=2 intid=3 how=ack\n",
	  "mem:3:1: time goes backwards on PE 2: t=4 after t=5 at line 2" },
	{ "# sdeisim-trace 1\nplatform profile=a-very-long-profile-name\n",
	  "mem:2:18: profile=a-very-long-profile-name: profile names are at most 15 characters" },
	/* the limits FORMAT.md gives, each an error at its value */
	{ "# sdeisim-trace 1\ncall t=1 pe=0 conduit=smc el=0 h=0 x0=0xc4000020 end=ret\n",
	  "mem:2:30: el=0: a call is made from EL1, EL2 or EL3" },
	{ "# sdeisim-trace 1\ncall t=1 pe=0 conduit=smc el=4 h=0 x0=0xc4000020 end=ret\n",
	  "mem:2:30: el=4: a call is made from EL1, EL2 or EL3" },
	{ "# sdeisim-trace 1\nplatform el=3\n", "mem:2:13: el=3: the client EL is 1 or 2" },
	{ "# sdeisim-trace 1\nplatform el=0\n", "mem:2:13: el=0: the client EL is 1 or 2" },
	{ "# sdeisim-trace 1\ncall t=1 pe=0 conduit=smc el=2 h=0 x0=0xc4000021 x2=0x8008100A end=ret\n",
	  "mem:2:53: x2=0x8008100A: expected 0x and 1 to 16 lowercase hex digits, or ?" },
	{ "# sdeisim-trace 1\ncall t=1 pe=0 conduit=smc el=2 h=0 x0=0X1 end=ret\n",
	  "mem:2:39: x0=0X1: expected 0x and 1 to 16 lowercase hex digits, or ?" },
	{ "# sdeisim-trace 1\ncall t=1 pe=0 conduit=smc el=2 h=0 x0=0x00000000000000000c4000021 end=ret\n",
	  "mem:2:39: x0=0x00000000000000000c4000021: expected 0x and 1 to 16 lowercase hex digits, or ?" },
	{ "# sdeisim-trace 1\ncomplete t=1 pe=0 event=0 how=resume pc=0x8000000A\n",
	  "mem:2:41: pc=0x8000000A: expected 0x and 1 to 16 lowercase hex digits, or ?" },
	{ "# sdeisim-trace 2\nplatform pes=2 mpidr=0x0,0x10A\n",
	  "mem:2:26: mpidr: expected 0x and 1 to 16 lowercase hex digits" },
	{ "# sdeisim-trace 2\nplatform secure=29,40,40\n", "mem:2:23: secure: INTID 40 is listed twice" },
	{ "# sdeisim-trace 2\nplatform bind=64,0\n",
	  "mem:2:15: bind: 64 private slots and event 0 make 65 private events, at most 32" },
	{ "# sdeisim-trace 2\nplatform bind=32,32\n",
	  "mem:2:15: bind: 32 private slots and event 0 make 33 private events, at most 32" },
	{ "# sdeisim-trace 2\nplatform bind=31,33\n", "mem:2:15: bind: 64 slots and event 0 make 65 events, at most 64" },
	{ "# sdeisim-trace 2\nplatform bind=0,65\n", "mem:2:17: bind: 65 is more than 64" },
	/* features, sctlr, hcr_el2, policy, and secure's PPIs owned PE by PE */
	{ "# sdeisim-trace 1\nplatform policy=entry_regs:zero\n",
	  "mem:2:10: platform records of a version 1 trace have no field 'policy' (version 2 added it)" },
	{ "# sdeisim-trace 2\nplatform features=PAN,FOO\n",
	  "mem:2:23: features: 'FOO' is not a feature (PAN, UAO, SSBS, BTI, MTE2, NMI or VHE)" },
	{ "# sdeisim-trace 2\nplatform features=pan\n",
	  "mem:2:19: features: 'pan' is not a feature (PAN, UAO, SSBS, BTI, MTE2, NMI or VHE)" },
	{ "# sdeisim-trace 2\nplatform features=PAN,UAO,PAN\n", "mem:2:27: features: PAN is listed twice" },
	{ "# sdeisim-trace 2\nplatform features=PAN,\n",
	  "mem:2:23: features: '' is not a feature (PAN, UAO, SSBS, BTI, MTE2, NMI or VHE)" },
	{ "# sdeisim-trace 2\nplatform sctlr=0X800000\n",
	  "mem:2:16: sctlr: expected 0x and 1 to 16 lowercase hex digits" },
	{ "# sdeisim-trace 2\nplatform hcr_el2=0x10000000000000000\n",
	  "mem:2:18: hcr_el2: expected 0x and 1 to 16 lowercase hex digits" },
	{ "# sdeisim-trace 2\nplatform policy=entry_regs:zero,signaled:wrong\n",
	  "mem:2:42: policy: signaled is spec or inverted, found 'wrong'" },
	{ "# sdeisim-trace 2\nplatform policy=entry_regs:zero,entry_regs:preserve\n",
	  "mem:2:33: policy: entry_regs is given twice" },
	{ "# sdeisim-trace 2\nplatform policy=entry_reg:zero\n",
	  "mem:2:17: policy: 'entry_reg' is not a policy (upper_bits, signal, bind, resume_error, entry_pstate, "
	  "resume_pstate, entry_regs, signaled, mask_result, unbound, priv_route, ctx_order, rel_vbar, cpu_on, mpidr, "
	  "explicit_err, number_space, mask_timing, reset_release, unreg_trigger, bound_active or reset_signal)" },
	{ "# sdeisim-trace 2\nplatform policy=entry_regs\n", "mem:2:27: policy: expected entry_regs:VALUE" },
	{ "# sdeisim-trace 2\nplatform policy=entry_pstate:tfa_plain\n",
	  "mem:2:30: policy: entry_pstate cannot be tfa_plain (TF-A builds that PSTATE for COMPLETE_AND_RESUME "
	  "only)" },
	{ "# sdeisim-trace 2\nplatform secure=29,20@1+1\n", "mem:2:25: secure: PE 1 is listed twice" },
	{ "# sdeisim-trace 2\nplatform secure=40@1\n",
	  "mem:2:17: secure: only a PPI (16..31) is owned PE by PE, found 40" },
	{ "# sdeisim-trace 2\nplatform secure=29,20@64\n", "mem:2:23: secure: a PE: 64 is more than 63" },
	{ "# sdeisim-trace 2\nplatform secure=29,20@\n", "mem:2:23: secure: a PE: expected a decimal number" },
	{ "# sdeisim-trace 2\nplatform secure=20@1+x\n", "mem:2:22: secure: a PE: expected a decimal number" },
	{ "# sdeisim-trace 2\nplatform pes=2 secure=29,20@0+2\n", "mem:2:1: secure: INTID 20 names PE 2, but pes=2" },
	{ "# sdeisim-trace 1\nplatform profile=bogus\n",
	  "mem:2:18: profile=bogus: not a platform profile (default, tf-a-fvp)" },
	/* a slip of a profile's name is said as the loader says one */
	{ "# sdeisim-trace 2\nplatform profile=tf-a-fpv\n",
	  "mem:2:18: profile=tf-a-fpv: not a platform profile (default, tf-a-fvp; did you mean tf-a-fvp?)" },
};

static void reader_errors(void **state)
{
	unsigned failures = 0;

	(void)state;
	for (size_t k = 0; k < sizeof bad_inputs / sizeof bad_inputs[0]; k++) {
		const struct bad *b = &bad_inputs[k];
		size_t n = strlen(b->text);
		/* fmemopen refuses a size of 0: an empty trace is an empty file */
		FILE *in = n ? fmemopen((void *)(uintptr_t)b->text, n, "r") : fopen("/dev/null", "r");
		struct trace_reader *rd = trace_reader_open(in, "mem");
		struct trace_rec r;
		int rc;
		while ((rc = trace_read(rd, &r)) == 1)
			;
		if (rc != -1 || strcmp(trace_reader_error(rd), b->error) != 0) {
			print_message("input %zu: expected '%s', got %d '%s'\n", k, b->error, rc, trace_reader_error(rd));
			failures++;
		} else if (trace_read(rd, &r) != -1) {
			print_message("input %zu: the error does not stick\n", k);
			failures++;
		}
		trace_reader_close(rd);
		fclose(in);
	}
	assert_int_equal(failures, 0);
}

/* Values at the edges of what FORMAT.md allows, which writers do write:
 * a call from EL3 and one of a function that is neither SDEI nor PSCI (a
 * scenario's `from_el: 3` and `fid:`, recorded), 16 hex digits with
 * leading zeros, a completion of an event the dispatch numbered -2 (the
 * Tarmac importer takes the number from x0 at the handler's entry), the
 * depth of a dispatcher nesting more than the specification allows, 31
 * private and 32 shared bind slots. */
static void edges_that_read(void **state)
{
	static const char text[] =
		"# sdeisim-trace 2\n"
		"platform profile=tf-a-fvp el=1 bind=31,32 secure=29,40\n"
		"call t=1 pe=0 conduit=smc el=3 h=0 fn=VERSION x0=0xc4000020 end=ret r0=0xffffffffffffffff\n"
		"call t=2 pe=0 conduit=smc el=1 h=0 x0=0x12345678 end=ret r0=0xffffffffffffffff\n"
		"call t=3 pe=0 conduit=smc el=2 h=0 x0=0x00000000c4000020 end=ret\n"
		"dispatch t=4 pe=0 event=-2 cause=call depth=8\n"
		"complete t=5 pe=0 event=-2 how=complete depth=7\n";
	FILE *in = fmemopen((void *)(uintptr_t)text, sizeof text - 1, "r");
	struct trace_reader *rd = trace_reader_open(in, "mem");
	struct trace_rec r;
	int n = 0;

	(void)state;
	while (trace_read(rd, &r) == 1) {
		n++;
		if (n == 1)
			assert_true(r.plat->bind_private == 31 && r.plat->bind_shared == 32 && r.plat->nsecure == 2);
		if (n == 2)
			assert_int_equal(r.el, 3);
		if (n == 3)
			assert_true(r.x[0] == 0x12345678);
		if (n == 4)
			assert_true(r.x[0] == 0xc4000020);
		if (n == 6)
			assert_true(r.event == -2 && r.depth == 7);
	}
	assert_string_equal(trace_reader_error(rd), "");
	assert_int_equal(n, 6);
	trace_reader_close(rd);
	fclose(in);
}

/* The fields beyond the lists, at their edges: every feature, none, 16
 * hex digits, policies in any order (the first and the last), PPIs 16 and
 * 31 on PEs 0 and 63, any order of PEs. */
static void platform_fields_that_read(void **state)
{
	static const char text[] =
		"# sdeisim-trace 2\n"
		"platform features=VHE,PAN,UAO,SSBS,BTI,MTE2,NMI sctlr=0x0 hcr_el2=0xffffffffffffffff "
		"policy=mask_timing:at_once,upper_bits:truncate secure=16@63+0,1019,31@5\n"
		"platform features=- secure=-\n";
	FILE *in = fmemopen((void *)(uintptr_t)text, sizeof text - 1, "r");
	struct trace_reader *rd = trace_reader_open(in, "mem");
	struct trace_rec r;

	(void)state;
	assert_int_equal(trace_read(rd, &r), 1);
	assert_true(r.has & TRACE_HAS_FEATURES && r.has & TRACE_HAS_SCTLR && r.has & TRACE_HAS_HCR &&
		    r.has & TRACE_HAS_POLICY);
	assert_int_equal(r.plat->features, 0x7f);
	assert_true(r.plat->sctlr == 0 && r.plat->hcr_el2 == UINT64_MAX);
	assert_int_equal(r.plat->policy_given, 1u << 17 | 1u << 0);
	assert_true(r.plat->policy[17] == 1 && r.plat->policy[0] == 1);
	assert_int_equal(r.plat->nsecure, 3);
	assert_true(r.plat->secure[0] == 16 && r.plat->secure_pes[0] == (1ull << 63 | 1));
	assert_true(r.plat->secure[1] == 1019 && r.plat->secure_pes[1] == 0);
	assert_true(r.plat->secure[2] == 31 && r.plat->secure_pes[2] == 1u << 5);
	assert_int_equal(trace_read(rd, &r), 1);
	assert_int_equal(r.has & (TRACE_HAS_SCTLR | TRACE_HAS_HCR | TRACE_HAS_POLICY), 0);
	assert_true(r.plat->features == 0 && r.plat->nsecure == 0 && r.plat->secure_pes[0] == 0);
	assert_int_equal(trace_read(rd, &r), 0);
	trace_reader_close(rd);
	fclose(in);
}

/* The longest platform record a writer can be asked for (64 MPIDRs, 48
 * events, 64 secure INTIDs of which the 16 PPIs on all 64 PEs, every
 * feature and policy) is written whole and reads back as the same bytes. */
static void longest_platform(void **state)
{
	static struct trace_platform big;
	struct trace_rec w, r;
	struct trace_reader *rd;
	char *text, *again = NULL;
	size_t len, len2;
	FILE *in, *out;

	(void)state;
	big.nmpidr = TRACE_MAX_PES;
	for (unsigned k = 0; k < TRACE_MAX_PES; k++)
		big.mpidr[k] = UINT64_MAX - k;
	big.nevents = TRACE_MAX_EVENTS;
	for (unsigned k = 0; k < TRACE_MAX_EVENTS; k++)
		big.events[k] = (struct trace_event_desc){ INT32_MIN + (int32_t)k, 0, 1, 0, 1019 - k };
	big.nsecure = TRACE_MAX_SECURE;
	for (unsigned k = 0; k < TRACE_MAX_SECURE; k++) {
		big.secure[k] = k < 16 ? 16 + k : 956 + k;        /* 972..1019 */
		big.secure_pes[k] = k < 16 ? UINT64_MAX : 0;
	}
	big.features = 0x7f;
	big.sctlr = big.hcr_el2 = UINT64_MAX;
	big.policy_given = (1u << TRACE_POLICY_FIELDS) - 1;
	big.policy[4] = 2;                                   /* entry_pstate: inherit */
	trace_rec_init(&w, TRACE_PLATFORM);
	strcpy(w.profile, "tf-a-fvp");
	w.pes = TRACE_MAX_PES;
	w.el = 2;
	w.plat = &big;
	w.has = TRACE_HAS_PROFILE | TRACE_HAS_PES | TRACE_HAS_EL | TRACE_HAS_CONDUIT | TRACE_HAS_MPIDR |
		TRACE_HAS_VERSION | TRACE_HAS_RELATIVE | TRACE_HAS_BIND | TRACE_HAS_SPIS | TRACE_HAS_SECURE |
		TRACE_HAS_EVENTS | TRACE_HAS_FEATURES | TRACE_HAS_SCTLR | TRACE_HAS_HCR | TRACE_HAS_POLICY;
	text = write_all(&w, 1, &len);
	assert_true(len > 6000);
	in = fmemopen(text, len, "r");
	rd = trace_reader_open(in, "mem");
	out = open_memstream(&again, &len2);
	trace_write_header(out, "test");
	if (trace_read(rd, &r) != 1)
		fail_msg("%s", trace_reader_error(rd));
	assert_int_equal(trace_write(out, &r), 0);
	fclose(out);
	assert_int_equal(len, len2);
	assert_memory_equal(text, again, len);
	trace_reader_close(rd);
	fclose(in);
	free(text);
	free(again);
}

static void long_line(void **state)
{
	size_t n = 70000;
	char *text = malloc(n + 32);
	FILE *in;
	struct trace_reader *rd;
	struct trace_rec r;

	(void)state;
	strcpy(text, "# sdeisim-trace 1\nwarning msg=");
	memset(text + strlen(text), 'a', n);
	text[n + 30] = 0;
	in = fmemopen(text, n + 30, "r");
	rd = trace_reader_open(in, "mem");
	assert_int_equal(trace_read(rd, &r), -1);
	assert_string_equal(trace_reader_error(rd), "mem:2:65537: line longer than 65536 bytes");
	trace_reader_close(rd);
	fclose(in);
	free(text);
}

/* The unescaping buffers grow with the fields: a short message, one of
 * 60,000 bytes, a short one again, and a long src file name, each read
 * back whole. */
static void long_fields(void **state)
{
	size_t big = 60000, at;
	char *text = malloc(2 * big), *want = malloc(big + 1);
	FILE *in;
	struct trace_reader *rd;
	struct trace_rec r;

	(void)state;
	assert_non_null(text);
	assert_non_null(want);
	at = (size_t)sprintf(text, "# sdeisim-trace 1\nwarning msg=abc\nwarning msg=");
	memset(text + at, 'b', big);
	at += big;
	at += (size_t)sprintf(text + at, "\nwarning msg=c%%20d src=");
	memset(text + at, 'f', 2000);
	at += 2000;
	at += (size_t)sprintf(text + at, ":7\n");
	in = fmemopen(text, at, "r");
	rd = trace_reader_open(in, "mem");
	assert_non_null(rd);
	assert_int_equal(trace_read(rd, &r), 1);
	assert_string_equal(r.msg, "abc");
	assert_int_equal(trace_read(rd, &r), 1);
	memset(want, 'b', big);
	want[big] = 0;
	assert_string_equal(r.msg, want);
	assert_int_equal(trace_read(rd, &r), 1);
	assert_string_equal(r.msg, "c d");
	assert_int_equal(strlen(r.src_file), 2000);
	assert_int_equal(r.src_line, 7);
	assert_int_equal(trace_read(rd, &r), 0);
	trace_reader_close(rd);
	fclose(in);
	free(want);
	free(text);
}

static void names(void **state)
{
	(void)state;
	assert_string_equal(trace_fid_name(0xC4000026), "EVENT_COMPLETE_AND_RESUME");
	assert_string_equal(trace_fid_name(0xC4000003), "CPU_ON");
	assert_string_equal(trace_fid_name(0x84000002), "CPU_OFF");
	assert_null(trace_fid_name(0xC4000033));         /* in the SDEI window, no call */
	assert_true(trace_fid_is_sdei(0xC4000033));
	assert_true(trace_fid_is_sdei(0x84000021));      /* SMC32 twin */
	assert_false(trace_fid_is_sdei(0xC4000040));
	assert_true(trace_fid_is_psci(0xC4000001));
}

/* A result of the GIC writes' kind (ended, repended) agrees with each
 * dispatcher answer that did that to the interrupt, and a fault with
 * both; the other results agree only with themselves.  What is left
 * pending after an acknowledgement that dispatched nothing: all but an
 * ended one (no result: unknown, taken as pending, as before). */
static void results_of_a_kind(void **state)
{
	static const unsigned ended[] = { TRACE_RES_DROPPED, TRACE_RES_NOT_SDEI, TRACE_RES_REFUSED, TRACE_RES_FAULT };
	static const unsigned repended[] = { TRACE_RES_DEFERRED, TRACE_RES_HELD, TRACE_RES_REROUTED, TRACE_RES_FAULT };
	(void)state;

	for (unsigned k = 0; k < 4; k++) {
		assert_true(trace_res_agrees(TRACE_RES_ENDED, ended[k]));
		assert_true(trace_res_agrees(TRACE_RES_REPENDED, repended[k]));
		assert_false(trace_res_agrees(TRACE_RES_ENDED, repended[k]) && repended[k] != TRACE_RES_FAULT);
		assert_false(trace_res_agrees(TRACE_RES_REPENDED, ended[k]) && ended[k] != TRACE_RES_FAULT);
	}
	assert_false(trace_res_agrees(TRACE_RES_ENDED, TRACE_RES_DISPATCHED));
	assert_false(trace_res_agrees(TRACE_RES_REPENDED, TRACE_RES_DISPATCHED));
	assert_true(trace_res_agrees(TRACE_RES_HELD, TRACE_RES_HELD));
	assert_false(trace_res_agrees(TRACE_RES_HELD, TRACE_RES_DEFERRED));     /* exact where the trace knows */
	assert_false(trace_res_agrees(TRACE_RES_DROPPED, TRACE_RES_NOT_SDEI));
	assert_false(trace_res_agrees(TRACE_RES_ENDED, TRACE_RES_COUNT));

	assert_true(trace_res_left_pending(false, 0));
	assert_true(trace_res_left_pending(true, TRACE_RES_REPENDED));
	assert_true(trace_res_left_pending(true, TRACE_RES_HELD));
	assert_true(trace_res_left_pending(true, TRACE_RES_FAULT));
	assert_false(trace_res_left_pending(true, TRACE_RES_ENDED));
	assert_false(trace_res_left_pending(true, TRACE_RES_DROPPED));
	assert_false(trace_res_left_pending(true, TRACE_RES_NOT_SDEI));
	assert_string_equal(trace_enum_name(TRACE_ENUM_RES, TRACE_RES_ENDED), "ended");
	assert_string_equal(trace_enum_name(TRACE_ENUM_RES, TRACE_RES_REPENDED), "repended");
}

/* The words divergence messages use for results and functions (their
 * sources, "[from FILE:LINE]": the samples' replays, check_long_path.sh). */
static void names_in_messages(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(trace_result_str(buf, sizeof buf, -3), "-3 (DENIED)");
	assert_string_equal(trace_result_str(buf, sizeof buf, -10), "-10 (OUT_OF_RESOURCE)");
	assert_string_equal(trace_result_str(buf, sizeof buf, -1), "-1 (NOT_SUPPORTED)");
	assert_string_equal(trace_result_str(buf, sizeof buf, 0), "0");
	assert_string_equal(trace_result_str(buf, sizeof buf, -1000), "-1000");
	assert_string_equal(trace_result_str(buf, sizeof buf, 0xFFFF), "65535");
	assert_string_equal(trace_result_str(buf, sizeof buf, 0x10000), "0x10000");
	assert_string_equal(trace_result_str(buf, sizeof buf, -1001), "0xfffffffffffffc17");
	assert_string_equal(trace_fid_str(buf, sizeof buf, 0xC4000021), "EVENT_REGISTER");
	assert_string_equal(trace_fid_str(buf, sizeof buf, 0xC4000099), "function 0xc4000099");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(fields_read_back),
		cmocka_unit_test(reader_errors),
		cmocka_unit_test(edges_that_read),
		cmocka_unit_test(platform_fields_that_read),
		cmocka_unit_test(longest_platform),
		cmocka_unit_test(long_line),
		cmocka_unit_test(long_fields),
		cmocka_unit_test(names),
		cmocka_unit_test(results_of_a_kind),
		cmocka_unit_test(names_in_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
