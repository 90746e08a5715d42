/*
 * test_tfa_log.c - the TF-A log importer: PEs are numbered by the
 * platform's MPIDRs when --platform gives a list (import_opts.platform),
 * else by the profile's; an input with no line of a TF-A log is an error,
 * and so are a last line cut short and a call line for a PE whose call
 * has no result yet.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "trace_simplat.h"

struct out { char *text; size_t len; FILE *f; };

static int emit(void *ctx, const struct trace_rec *r)
{
	return trace_write(((struct out *)ctx)->f, r);
}

/* Import text with opts (emit and emit_ctx are set here); the records in
 * o->text. */
static int import_with(const char *text, struct import_opts *opts, struct import_stats *st, struct out *o,
		       char *err, size_t n)
{
	struct linein *in = linein_open_mem((const uint8_t *)text, strlen(text), "uart1.log");
	int rc;

	memset(o, 0, sizeof *o);
	o->f = open_memstream(&o->text, &o->len);
	opts->emit = emit;
	opts->emit_ctx = o;
	rc = tfa_log_import(in, opts, st, err, n);
	fclose(o->f);
	linein_close(in);
	return rc;
}

/* Import text with a profile and a platform record (both may be NULL). */
static int import(const char *text, const struct trace_rec *platform, const char *profile, struct out *o,
		  char *err, size_t n)
{
	struct import_opts opts;
	struct import_stats st;

	memset(&opts, 0, sizeof opts);
	opts.profile = profile;
	opts.platform = platform;
	return import_with(text, &opts, &st, o, err, n);
}

static const char two_pes[] =
	"VERBOSE: SDEI: > UNMASK:80000000\n"
	"VERBOSE: SDEI: < UNMASK:0\n"
	"VERBOSE: SDEI: > UNMASK:80000100\n"
	"VERBOSE: SDEI: < UNMASK:0\n";

/* A log the import refuses, and the error it must give. */
struct refused { const char *text, *err; };

/* Each of bad[0..n) is refused with its error. */
static void each_refused(const struct refused *bad, size_t n)
{
	struct out o;
	char err[300];

	for (size_t k = 0; k < n; k++) {
		err[0] = 0;
		o.text = NULL;
		if (import(bad[k].text, NULL, NULL, &o, err, sizeof err) != -1)
			fail_msg("'%s' imported:\n%s", bad[k].text, o.text);
		assert_string_equal(err, bad[k].err);
		free(o.text);
	}
}

/* log imports, and its records hold each of the texts want[] (NULL-ended). */
static void imports_saying(const char *log, const char *const *want)
{
	struct out o;
	char err[300];

	if (import(log, NULL, NULL, &o, err, sizeof err) != 0)
		fail_msg("%s", err);
	for (; *want; want++)
		if (!strstr(o.text, *want))
			fail_msg("no '%s' in:\n%s", *want, o.text);
	free(o.text);
}

/* platform: {pes: 2, mpidr: [0, 0x100]} on the default profile, as
 * `import --platform` makes its record: MPIDR 0x100 is PE 1 (was: "MPIDR
 * 0x80000100 is no PE of profile default", the list not used). */
static void platform_mpidrs_number_the_pes(void **state)
{
	struct sim_platform p;
	struct trace_platform store;
	struct trace_rec rec;
	struct out o;
	char err[300] = "";

	(void)state;
	assert_true(sim_platform_profile(&p, "default"));
	p.pes = 2;
	p.mpidr[0] = 0;
	p.mpidr[1] = 0x100;
	trace_platform_record(&p, &rec, &store);
	assert_true(rec.has & TRACE_HAS_MPIDR);
	assert_int_equal(import(two_pes, &rec, rec.profile, &o, err, sizeof err), 0);
	assert_string_equal(err, "");
	assert_non_null(strstr(o.text, "call t=1 pe=0 "));
	assert_non_null(strstr(o.text, "call t=3 pe=1 "));
	free(o.text);
	/* an MPIDR the list does not have: an error, though the profile has it */
	p.mpidr[1] = 0x200;
	trace_platform_record(&p, &rec, &store);
	assert_int_equal(import(two_pes, &rec, rec.profile, &o, err, sizeof err), -1);
	assert_string_equal(err, "uart1.log:3:25: MPIDR 0x80000100 is no PE of the platform (MPIDRs 0x0, 0x200)");
	free(o.text);
	/* a list that is the profile's own first PEs (its record then has
	 * no MPIDR field): still the platform's PEs, not the profile's
	 * whole table (was: PE 1 of a 1-PE platform imported) */
	{
		struct sim_platform prof;
		char text[200];
		assert_true(sim_platform_profile(&prof, "default"));
		p = prof;
		p.pes = 1;
		trace_platform_record(&p, &rec, &store);
		assert_false(rec.has & TRACE_HAS_MPIDR);
		snprintf(text, sizeof text, "VERBOSE: SDEI: > UNMASK:%" PRIx64 "\nVERBOSE: SDEI: < UNMASK:0\n",
			 prof.mpidr[1] | 0x80000000u);
		assert_int_equal(import(text, &rec, rec.profile, &o, err, sizeof err), -1);
		assert_non_null(strstr(err, "is no PE of the platform"));
		free(o.text);
	}
	/* no platform: the profile's table, as before */
	assert_int_equal(import(two_pes, NULL, "default", &o, err, sizeof err), -1);
	assert_string_equal(err, "uart1.log:3:25: MPIDR 0x80000100 is no PE of profile default");
	free(o.text);
}

/* Nothing, or another kind of file: an error (was: an empty trace, exit
 * 0, nothing said).  A TF-A log without SDEI lines is a log: an empty
 * trace. */
static void no_log_line_is_an_error(void **state)
{
	static const struct refused bad[] = {
		{ "", "uart1.log:1:1: no TF-A log line: the input is empty" },
		{ "# traces\n`VERBOSE: SDEI:` lines (anything before `SDEI: ` is ignored)\n",
		  "uart1.log:1:1: no TF-A log line in 2 lines (is it a TF-A console log?)" },
		{ "2368003 clk cpu0 IT (694201) 80001000 d2800420 O EL2h_n : MOV      x0,#0x21\n",
		  "uart1.log:1:1: no TF-A log line in 1 line (is it a TF-A console log?)" },
	};
	static const char *const good[] = {
		"NOTICE:  Booting Trusted Firmware\nINFO:    BL31: Initializing runtime services\n",
		"[    0.000000] NOTICE:  BL31: v2.10.0\n", two_pes,
	};
	struct out o;
	char err[300];

	(void)state;
	each_refused(bad, sizeof bad / sizeof bad[0]);
	for (size_t k = 0; k < sizeof good / sizeof good[0]; k++) {
		if (import(good[k], NULL, NULL, &o, err, sizeof err) != 0)
			fail_msg("'%s': %s", good[k], err);
		free(o.text);
	}
}

/* TF-A prints EVENT_SIGNAL's event as "%d" (sdei_main.c since v2.3, 2020:
 * SDEI_LOG("> SIGNAL(e:%d t:%llx)\n", ev_num, x2)), as it prints every
 * other event number: "e:10" is event 10, and "e:-1" event -1 (was: read
 * as hex, x1=0x10 for event 10, in silence). */
static void signal_event_is_decimal(void **state)
{
	static const char log[] =
		"VERBOSE: SDEI: > SIGNAL(e:10 t:80000000)\n"
		"VERBOSE: SDEI: < SIGNAL:-2\n"
		"VERBOSE: SDEI: > SIGNAL(e:-1 t:80000000)\n"
		"VERBOSE: SDEI: < SIGNAL:-2\n";
	static const char *const want[] = {
		"fn=EVENT_SIGNAL x0=0xc400002f x1=0xa x2=0x80000000 ",
		"fn=EVENT_SIGNAL x0=0xc400002f x1=0xffffffffffffffff x2=0x80000000 ", NULL
	};

	(void)state;
	imports_saying(log, want);
}

/* EVENT_COMPLETE's status_code is 32-bit: the complete record holds x1's
 * low half, the status the dispatcher read, as the recorder writes it
 * (was: "status=0x100000001", x1 whole); the call record keeps x1 as
 * passed, and COMPLETE_AND_RESUME's address stays whole. */
static void complete_status_is_32_bits(void **state)
{
	static const char log[] =
		"VERBOSE: SDEI: > COMPLETE(r:0 sta/ep:100000001):80000000\n"
		"VERBOSE: SDEI: EOI:80000000, 0 spsr:3c9 elr:8\n"
		"VERBOSE: SDEI: > COMPLETE(r:1 sta/ep:100080000):80000000\n"
		"VERBOSE: SDEI: EOI:80000000, 0 spsr:3c9 elr:8\n";
	static const char *const want[] = {
		"fn=EVENT_COMPLETE x0=0xc4000025 x1=0x100000001 ", "how=complete status=0x1 ",
		"how=resume resume=0x100080000 ", NULL
	};

	(void)state;
	imports_saying(log, want);
}

/* A console line always ends with a newline: a last line without one is
 * a line the input stopped in.  Where it ends in a number, the number may
 * be the first digits of a longer one (TF-A prints them with no fixed
 * width, "%lx"), so it is an error, not a smaller value (was: "< VER:10000"
 * imported as r0=0x10000, exit 0); a parse error there says the line was
 * cut (was: "expected the result" alone).  A last line that ends where
 * TF-A's line ends, ")" or "> VER", is whole, and a line the importer
 * ignores is ignored, as the Tarmac importer reads a last line. */
static void last_line_cut_short(void **state)
{
	static const struct refused bad[] = {
		{ "VERBOSE: SDEI: > VER\nVERBOSE: SDEI: < VER:10000",
		  "uart1.log:2:22: the number '10000' may be cut short: TF-A prints numbers with no fixed width "
		  "(the input ends in the middle of this line)" },
		{ "VERBOSE: SDEI: > VER\nVERBOSE: SDEI: < VER:",
		  "uart1.log:2:22: expected the result (the input ends in the middle of this line)" },
		{ "VERBOSE: SDEI: > SIGNAL(e:0 t:80",
		  "uart1.log:1:33: expected ')' (the input ends in the middle of this line)" },
		{ "VERBOSE: SDEI: > UNMASK:80000000",
		  "uart1.log:1:25: the number '80000000' may be cut short: TF-A prints numbers with no fixed width "
		  "(the input ends in the middle of this line)" },
		{ "VERBOSE: SDEI: > UNMASK:8000",
		  "uart1.log:1:25: MPIDR 0x8000 is no PE of profile tf-a-fvp (the input ends in the middle of this line)" },
		{ "VERBOSE: SDEI: > ENABLE",
		  "uart1.log:1:24: the call ENABLE may be cut short before its arguments "
		  "(the input ends in the middle of this line)" },
		{ "VERBOSE: SDEI: ACK 80000000, ev:0x0 ss:1 spsr:3c9 ELR:8001",
		  "uart1.log:1:55: the number '8001' may be cut short: TF-A prints numbers with no fixed width "
		  "(the input ends in the middle of this line)" },
		{ "VERBOSE: SDEI: > COMPLETE(r:0 sta/ep:0):80000000\nVERBOSE: SDEI: EOI:80000000, 0 spsr:3c9 elr:8",
		  "uart1.log:2:45: the number '8' may be cut short: TF-A prints numbers with no fixed width "
		  "(the input ends in the middle of this line)" },
		{ "VERBOSE: SDEI: interrupt 8 on 80000",
		  "uart1.log:1:31: MPIDR 0x80000 is no PE of profile tf-a-fvp (the input ends in the middle of this line)" },
		{ "VERBOSE: SDEI: interrupt 8 on 80000000",
		  "uart1.log:1:31: the number '80000000' may be cut short: TF-A prints numbers with no fixed width "
		  "(the input ends in the middle of this line)" },
		{ "WARNING: Unimplemented SDEI Call: 0xc400",
		  "uart1.log:1:35: the number '0xc400' may be cut short: TF-A prints numbers with no fixed width "
		  "(the input ends in the middle of this line)" },
	};
	static const struct { const char *text, *record; } whole[] = {
		{ "VERBOSE: SDEI: > VER", "fn=VERSION" },
		{ "VERBOSE: SDEI: > REG(n:0 e:88081000 a:88a01000 f:0 m:0)", "x2=0x88081000" },
		{ "VERBOSE: SDEI: > VER\nVERBOSE: SDEI: < VER:1000000000000\nNOTICE:  BL31: v2.1", "r0=0x1000000000000" },
		{ "VERBOSE: SDEI: interrupt 8 on 80000000 while PE masked", "res=deferred" },
	};
	struct out o;
	char err[300];

	(void)state;
	each_refused(bad, sizeof bad / sizeof bad[0]);
	for (size_t k = 0; k < sizeof whole / sizeof whole[0]; k++) {
		if (import(whole[k].text, NULL, NULL, &o, err, sizeof err) != 0)
			fail_msg("'%s': %s", whole[k].text, err);
		if (!strstr(o.text, whole[k].record))
			fail_msg("'%s': no '%s' in\n%s", whole[k].text, whole[k].record, o.text);
		free(o.text);
	}
}

/* TF-A prints a call's "<" line on its PE before that PE can call again;
 * only a successful COMPLETE has none, its EOI line closes it.  A call
 * line for a PE whose call is still open is an error at that line, naming
 * the open call (was: the open call written with end=none, nothing said,
 * exit 0).  Lenient: the line is skipped and the open call written with
 * end=none, so a lost result line does not refuse every later call. */
static void call_still_open(void **state)
{
	static const struct refused bad[] = {
		{ "VERBOSE: SDEI: > VER\nVERBOSE: SDEI: > REG(n:0 e:88081000 a:88a01000 f:0 m:0)\nVERBOSE: SDEI: < REG:0\n",
		  "uart1.log:2:16: > REG on PE 0 while VER from line 1 has no result (lines of two PEs interleaved?)" },
		/* a COMPLETE waiting for its EOI or its result: another PE's line */
		{ "VERBOSE: SDEI: ACK 80000001, ev:0x0 ss:1 spsr:3c9 ELR:80011058\n"
		  "VERBOSE: SDEI: > COMPLETE(r:0 sta/ep:0):80000001\nVERBOSE: SDEI: > STAT(n:0)\n",
		  "uart1.log:3:16: > STAT on PE 1 while COMPLETE from line 2 has no result (lines of two PEs interleaved?)" },
		{ "VERBOSE: SDEI: > STAT(n:0)\nWARNING: Unimplemented SDEI Call: 0xc4000033\n",
		  "uart1.log:2:10: Unimplemented SDEI Call 0xc4000033 on PE 0 while STAT from line 1 has no result "
		  "(lines of two PEs interleaved?)" },
	};
	/* calls whose "<" line never comes: a successful COMPLETE (its EOI), a
	 * call the log ends in (end=none) */
	static const char good[] =
		"VERBOSE: SDEI: ACK 80000001, ev:0x0 ss:1 spsr:3c9 ELR:80011058\n"
		"VERBOSE: SDEI: > COMPLETE(r:0 sta/ep:0):80000001\n"
		"VERBOSE: SDEI: EOI:80000001, 0 spsr:3c9 elr:80011058\n"
		"VERBOSE: SDEI: > COMPLETE(r:1 sta/ep:80011000):80000001\n"
		"VERBOSE: SDEI: < COMPLETE:fffffffffffffffd\n"
		"VERBOSE: SDEI: > STAT(n:0)\n";
	struct import_opts opts;
	struct import_stats st;
	struct out o;
	char err[300];

	(void)state;
	each_refused(bad, sizeof bad / sizeof bad[0]);
	if (import(good, NULL, NULL, &o, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_non_null(strstr(o.text, "fn=EVENT_COMPLETE_AND_RESUME "));
	assert_non_null(strstr(o.text, "fn=EVENT_STATUS x0=0xc4000028 x1=0x0 x2=? x3=? x4=? x5=? end=none"));
	free(o.text);
	memset(&opts, 0, sizeof opts);
	opts.lenient = true;
	if (import_with("VERBOSE: SDEI: > VER\nVERBOSE: SDEI: > STAT(n:0)\nVERBOSE: SDEI: < STAT:0\n"
			"VERBOSE: SDEI: > ENABLE(n:0)\nVERBOSE: SDEI: < ENABLE:0\n", &opts, &st, &o, err, sizeof err) != 0)
		fail_msg("lenient: %s", err);
	assert_int_equal(st.errors, 2);     /* the STAT line, and its result's */
	assert_non_null(strstr(o.text, "fn=VERSION x0=0xc4000020 x1=? x2=? x3=? x4=? x5=? end=none"));
	assert_null(strstr(o.text, "EVENT_STATUS"));
	assert_non_null(strstr(o.text, "fn=EVENT_ENABLE x0=0xc4000022 x1=0x0 x2=? x3=? x4=? x5=? end=ret r0=0x0"));
	free(o.text);
}

/* An unknown profile is said as every message quotes a token: its
 * control characters as \xNN (they went out raw); with the profiles
 * there are, and the nearest of a slip (it named neither). */
static void unknown_profile_is_quoted(void **state)
{
	struct out o;
	char err[LINEIN_MSG_MAX];

	(void)state;
	assert_int_equal(import("VERBOSE: SDEI: > VER\n", NULL, "ju\x1b[2Jno", &o, err, sizeof err), -1);
	assert_string_equal(err, "unknown profile 'ju\\x1B[2Jno' (default, tf-a-fvp)");
	free(o.text);
	assert_int_equal(import("VERBOSE: SDEI: > VER\n", NULL, "tfa-fvp", &o, err, sizeof err), -1);
	assert_string_equal(err, "unknown profile 'tfa-fvp' (default, tf-a-fvp; did you mean tf-a-fvp?)");
	free(o.text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(platform_mpidrs_number_the_pes),
		cmocka_unit_test(unknown_profile_is_quoted),
		cmocka_unit_test(no_log_line_is_an_error),
		cmocka_unit_test(last_line_cut_short),
		cmocka_unit_test(signal_event_is_decimal),
		cmocka_unit_test(complete_status_is_32_bits),
		cmocka_unit_test(call_still_open),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
