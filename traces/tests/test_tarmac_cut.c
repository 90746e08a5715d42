/*
 * test_tarmac_cut.c - a Tarmac input whose last line has no newline and
 * stops in the middle of a register value or of an instruction line's
 * mode: the documented error for a line cut short, at its column,
 * skipped in lenient mode; the same lines whole read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tarmac_fixture.h"

/* text (a last line, no newline after it) is cut short with error want;
 * lenient, it is skipped; with its newline it reads. */
static void assert_cut(const char *text, const char *want)
{
	char with_newline[2000], err[300];
	struct out o;
	struct import_stats st;

	if (tm_test_import(text, false, &o, &st, err, sizeof err) != -1)
		fail_msg("'%s' read as a whole line", text);
	assert_string_equal(err, want);
	free(o.text);
	assert_int_equal(tm_test_import(text, true, &o, &st, err, sizeof err), 0);
	assert_int_equal(st.errors, 1);
	free(o.text);
	snprintf(with_newline, sizeof with_newline, "%s\n", text);
	if (tm_test_import(with_newline, false, &o, &st, err, sizeof err) != 0)
		fail_msg("'%s' with its newline: %s", text, err);
	free(o.text);
}

/* text, whose last line has no newline, reads. */
static void assert_whole(const char *text)
{
	char err[300];
	struct out o;
	struct import_stats st;

	if (tm_test_import(text, false, &o, &st, err, sizeof err) != 0)
		fail_msg("'%s': %s", text, err);
	free(o.text);
}

/* The input ends without a newline inside a register value (FVP writes 8
 * or 16 digits, or two halves of 8): the documented error for a line cut
 * short (was: the cut value taken), skipped in lenient mode.  The same
 * lines with their newline, or a whole value without one, read.  8 digits
 * of a register the producers we know write with 16 (X, E, SP_ELx, ELR_ELx,
 * VBAR_ELx) are a cut too (was: taken as the value, X0 = 0 for a cut
 * 0x00000000c4000020); 8 digits of a register that may be 32 bits wide
 * (W, AArch32, cpsr, system registers), 8 unknown ones (`R X1 --------`,
 * a hardware Tarmac module's) or a part (`X0<31:0>`) are not. */
static void value_cut_by_the_end_of_the_input(void **state)
{
	static const char *const cut[][2] = {
		{ "2368030 clk cpu0 R X0 00000000",
		  "t.tarmac:2:23: truncated register line: the value '00000000' of X0 is cut short: 8 digits of 16 "
		  "(the input ends in the middle of this line)" },
		{ "R X0 01234567",
		  "t.tarmac:2:6: truncated register line: the value '01234567' of X0 is cut short: 8 digits of 16 "
		  "(the input ends in the middle of this line)" },
		{ "2368030 clk cpu0 R ELR_EL3 00000000",
		  "t.tarmac:2:28: truncated register line: the value '00000000' of ELR_EL3 is cut short: 8 digits of 16 "
		  "(the input ends in the middle of this line)" },
		{ "R VBAR_EL3 00000000_",
		  "t.tarmac:2:12: truncated register line: the value '00000000_' of VBAR_EL3 is cut short: 8 digits of 16 "
		  "(the input ends in the middle of this line)" },
		{ "R SP_EL2 fedcba98",
		  "t.tarmac:2:10: truncated register line: the value 'fedcba98' of SP_EL2 is cut short: 8 digits of 16 "
		  "(the input ends in the middle of this line)" },
		{ "6000019 clk R E15 0000007f",   /* clk: the unit of the line before it */
		  "t.tarmac:2:19: truncated register line: the value '0000007f' of E15 is cut short: 8 digits of 16 "
		  "(the input ends in the middle of this line)" },
		{ "2368030 clk cpu0 R ESR_EL3 000000005E000",
		  "t.tarmac:2:28: truncated register line: the value '000000005E000' of ESR_EL3 is cut short "
		  "(the input ends in the middle of this line)" },
		{ "2368030 clk cpu0 R X0 00000000C40",
		  "t.tarmac:2:23: truncated register line: the value '00000000C40' of X0 is cut short: 11 digits of 16 "
		  "(the input ends in the middle of this line)" },
		/* SIMD registers: FVP writes q with 32 digits, a Cortex-A53 RTL
		 * in four tokens of 8 (tarmac-trace-utilities' parsertest.txt) */
		{ "R q0 93c467e37db0c7a4",
		  "t.tarmac:2:6: truncated register line: the value '93c467e37db0c7a4' of q0 is cut short: 16 digits of 32 "
		  "(the input ends in the middle of this line)" },
		{ "R V0 93c467e37db0c7a4_",
		  "t.tarmac:2:6: truncated register line: the value '93c467e37db0c7a4_' of V0 is cut short: 16 digits of 32 "
		  "(the input ends in the middle of this line)" },
		{ "2368030 clk cpu0 R q0 93c467e37db0c7a4_d1be3f81",
		  "t.tarmac:2:23: truncated register line: the value '93c467e37db0c7a4_d1be3f81' of q0 is cut short: "
		  "24 digits of 32 (the input ends in the middle of this line)" },
		{ "R Q0 93c467e3 7db0c7a4 d1be3f81",
		  "t.tarmac:2:6: truncated register line: the value '93c467e3 7db0c7a4 d1be3f81' of Q0 is cut short: "
		  "24 digits of 32 (the input ends in the middle of this line)" },
		{ "R Q0 93c467e3 7db0c7a4 d1be3f81 0152",
		  "t.tarmac:2:6: truncated register line: the value '93c467e3 7db0c7a4 d1be3f81 0152' of Q0 is cut short: "
		  "28 digits of 32 (the input ends in the middle of this line)" },
		{ "R d8 00000000",
		  "t.tarmac:2:6: truncated register line: the value '00000000' of d8 is cut short: 8 digits of 16 "
		  "(the input ends in the middle of this line)" },
		/* cpsr: FVP writes 8 digits, or 9 when it folds extra bits in */
		{ "2368228 clk cpu0 R cpsr 6000",
		  "t.tarmac:2:25: truncated register line: the value '6000' of cpsr is cut short: 4 digits of 8 "
		  "(the input ends in the middle of this line)" },
		{ "R CPSR 600003c",
		  "t.tarmac:2:8: truncated register line: the value '600003c' of CPSR is cut short: 7 digits of 8 "
		  "(the input ends in the middle of this line)" },
	};
	static const char *const whole[] = {
		"2368030 clk cpu0 R ESR_EL3 000000005E000000", "R X0 01234567 89abcdef", "R cpsr 20000000 __C_",
		"R X0 00000000_00200000", "R X1 --------",
		"2368030 clk cpu0 R W0 C4000020", "R cpsr 600003c5", "R SPSR_EL3 000003c9", "R ESR_EL3 96000021",
		"R r0 0000ab34", "R R1 (USR) 00000800", "R SP 01234567", "R X0<31:0> 00000000", "R s0 3f800000",
		"R cpsr 1220023cd", "2368030 clk cpu0 R CPSR 1220023cd", /* FVP folds extra bits in */
		"R cpsr 000001f3", "R XPSR f9000000", "R r13 20001fff (MSP)",
		"R q0 93c467e37db0c7a4d1be3f810152cb56", "R q0 93c467e37db0c7a4_d1be3f810152cb56",
		"R V0 93c467e37db0c7a4d1be3f810152cb56", "R Q0 93c467e3 7db0c7a4 d1be3f81 0152cb56",
		"R Q17 42211549420dd96e41fed91542211526", "R Q0 -------- -------- 3ff6a09e 667f3bcd",
		"R Q0 3ff428a2 f98d728b -------- --------", "R V0<127:64> ffeeddccbbaa9988", "R V5<63:0> 00000000",
		"R d8 0000000000000000", "R FPCR 01230123:23452345", "R FPCR 76543210",
		"R SP 0123456789abcdef", "R X0 -------- --------", "R SP_EL2 fedcba98 76543210",
	};
	char text[300], err[300];
	struct out o;
	struct import_stats st;

	(void)state;
	for (size_t k = 0; k < sizeof cut / sizeof cut[0]; k++) {
		snprintf(text, sizeof text, "2368027 clk cpu0 R X5 0000000000000000\n%s", cut[k][0]);
		assert_cut(text, cut[k][1]);
	}
	for (size_t k = 0; k < sizeof whole / sizeof whole[0]; k++) {
		snprintf(text, sizeof text, "2368027 clk cpu0 R X5 0000000000000000\n%s", whole[k]);
		assert_whole(text);
	}
	/* A 64-bit value in two words is two halves of 8 digits: a shorter
	 * second word is an error with or without the newline (was: with it,
	 * dropped as a flag word, X0 = 0x01234567) */
	for (int newline = 0; newline <= 1; newline++) {
		snprintf(text, sizeof text, "2368027 clk cpu0 R X5 0000000000000000\nR X0 01234567 89ab%s",
			 newline ? "\n" : "");
		assert_int_equal(tm_test_import(text, false, &o, &st, err, sizeof err), -1);
		free(o.text);
		assert_string_equal(err, newline ? "t.tarmac:2:15: bad value '01234567 89ab' for register X0: "
						   "a split value is two words of 8 hex digits"
						 : "t.tarmac:2:15: bad value '01234567 89ab' for register X0: "
						   "a split value is two words of 8 hex digits "
						   "(the input ends in the middle of this line)");
	}
}

/* The input ends without a newline inside an instruction line's mode,
 * on a PE whose lines before had modes: FVP's `... d4000003 O` or `O E`
 * was taken for a line of a dialect without modes, and a call's SMC at
 * EL1/EL2 lost (its EL unknown); `EL1h_` of `EL1h_s` would read as a
 * Non-secure caller's.  The same line whole, a last line whose mode is
 * complete or which goes on after its mode, or a PE with no mode before
 * (another PE's do not count), reads. */
static void mode_cut_by_the_end_of_the_input(void **state)
{
	static const char moded[] = "2368027 clk cpu0 IT (1) 80001020 d2800005 O EL2h_n : MOV      x5,#0x0\n"
				    "2368027 clk cpu1 IT (1) 80001020 d2800005 O EL1h_s : MOV      x5,#0x0\n";
	static const char *const cut[][2] = {
		{ "2368030 clk cpu0 IT (2) 80001024 d4000003 O",
		  "t.tarmac:3:44: truncated instruction line: expected the mode after the instruction set "
		  "(the input ends in the middle of this line)" },
		{ "2368030 clk cpu0 IT (2) 80001024 d4000003 O ",
		  "t.tarmac:3:45: truncated instruction line: expected the mode after the instruction set "
		  "(the input ends in the middle of this line)" },
		{ "2368030 clk cpu0 IT (2) 80001024 d4000003 O E",
		  "t.tarmac:3:45: truncated instruction line: the mode 'E' is cut short "
		  "(the input ends in the middle of this line)" },
		{ "2368030 clk cpu0 IT (2) 80001024 d4000003 O EL",
		  "t.tarmac:3:45: truncated instruction line: the mode 'EL' is cut short "
		  "(the input ends in the middle of this line)" },
		{ "2368030 clk cpu0 IT (2) 80001024 d4000003 O EL2h",
		  "t.tarmac:3:45: truncated instruction line: the mode 'EL2h' is cut short "
		  "(the input ends in the middle of this line)" },
		{ "2368030 clk cpu1 IT (2) 80001024 d4000003 O EL1h_",
		  "t.tarmac:3:45: truncated instruction line: the mode 'EL1h_' is cut short "
		  "(the input ends in the middle of this line)" },
		{ "2368030 clk cpu0 IT (80001024:2) d4000003 O",
		  "t.tarmac:3:44: truncated instruction line: expected the mode after the instruction set "
		  "(the input ends in the middle of this line)" },
		{ "2368030 clk cpu0 ES (80001024:d4000003) O e",
		  "t.tarmac:3:43: truncated instruction line: the mode 'e' is cut short "
		  "(the input ends in the middle of this line)" },
	};
	static const char *const whole[] = {
		"2368030 clk cpu0 IT (2) 80001024 d4000003 O EL2h_n",
		"2368030 clk cpu0 IT (2) 80001024 d4000003 O EL2h_n : SM",
		"2368030 clk cpu0 IT (2) 80001024 d4000003 O EL2h_n:",
		"2368030 clk cpu1 IT (2) 80001024 d4000003 O EL1h_s",
		"2368030 clk cpu2 IT (2) 80001024 d4000003 O",      /* cpu2: no mode before */
	};
	char text[600];

	(void)state;
	for (size_t k = 0; k < sizeof cut / sizeof cut[0]; k++) {
		snprintf(text, sizeof text, "%s%s", moded, cut[k][0]);
		assert_cut(text, cut[k][1]);
	}
	for (size_t k = 0; k < sizeof whole / sizeof whole[0]; k++) {
		snprintf(text, sizeof text, "%s%s", moded, whole[k]);
		assert_whole(text);
	}
	/* a dialect without modes: its last line has none either */
	assert_whole("2368027 clk cpu0 IT (1) 80001020 d2800005 O\n2368030 clk cpu0 IT (2) 80001024 d4000003 O");
	/* a dialect without suffixes: EL2h is a whole mode */
	assert_whole("2368027 clk cpu0 IT (1) 80001020 d2800005 O EL2h\n2368030 clk cpu0 IT (2) 80001024 d4000003 O EL2h");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(value_cut_by_the_end_of_the_input),
		cmocka_unit_test(mode_cut_by_the_end_of_the_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
