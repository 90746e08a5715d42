/*
 * test_tfa_log.c - the TF-A log importer: PEs are numbered by the
 * platform's MPIDRs when --platform gives a list (import_opts.platform),
 * else by the profile's; an input with no line of a TF-A log is an error.
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

/* Import text with opts (profile, platform); the records in o->text. */
static int import(const char *text, const struct trace_rec *platform, const char *profile, struct out *o,
		  char *err, size_t n)
{
	struct linein *in = linein_open_mem((const uint8_t *)text, strlen(text), "uart1.log");
	struct import_opts opts;
	struct import_stats st;
	int rc;

	memset(o, 0, sizeof *o);
	o->f = open_memstream(&o->text, &o->len);
	memset(&opts, 0, sizeof opts);
	opts.profile = profile;
	opts.platform = platform;
	opts.emit = emit;
	opts.emit_ctx = o;
	rc = tfa_log_import(in, &opts, &st, err, n);
	fclose(o->f);
	linein_close(in);
	return rc;
}

static const char two_pes[] =
	"VERBOSE: SDEI: > UNMASK:80000000\n"
	"VERBOSE: SDEI: < UNMASK:0\n"
	"VERBOSE: SDEI: > UNMASK:80000100\n"
	"VERBOSE: SDEI: < UNMASK:0\n";

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
	static const struct { const char *text, *err; } bad[] = {
		{ "", "uart1.log: no TF-A log line: the input is empty" },
		{ "# traces\n`VERBOSE: SDEI:` lines (anything before `SDEI: ` is ignored)\n",
		  "uart1.log: no TF-A log line in 2 lines (is it a TF-A console log?)" },
		{ "2368003 clk cpu0 IT (694201) 80001000 d2800420 O EL2h_n : MOV      x0,#0x21\n",
		  "uart1.log: no TF-A log line in 1 line (is it a TF-A console log?)" },
	};
	static const char *const good[] = {
		"NOTICE:  Booting Trusted Firmware\nINFO:    BL31: Initializing runtime services\n",
		"[    0.000000] NOTICE:  BL31: v2.10.0\n", two_pes,
	};
	struct out o;
	char err[300];

	(void)state;
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		err[0] = 0;
		assert_int_equal(import(bad[k].text, NULL, NULL, &o, err, sizeof err), -1);
		assert_string_equal(err, bad[k].err);
		free(o.text);
	}
	for (size_t k = 0; k < sizeof good / sizeof good[0]; k++) {
		if (import(good[k], NULL, NULL, &o, err, sizeof err) != 0)
			fail_msg("'%s': %s", good[k], err);
		free(o.text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(platform_mpidrs_number_the_pes),
		cmocka_unit_test(no_log_line_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
