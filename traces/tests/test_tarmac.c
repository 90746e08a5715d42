/*
 * test_tarmac.c - the Tarmac importer: one line of every dialect of
 * tarmac-traces.md §1 lexes to what it says; bad lines are errors with
 * their column; the state machine turns small traces into the records
 * they mean (zero-extended W writes, HVC at EL1, lenient skipping, calls
 * whose x0 was not traced).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "tarmac.h"

/* ---- Lexer ---- */

struct lexcase {
	const char *line;
	uint8_t  kind;
	int      pe;
	bool     has_time;
	uint64_t time;
	uint64_t pc;        /* TM_INSN: pc; TM_REG: value; TM_EXC: exc_pc */
	uint32_t opcode;
	int      el;        /* TM_INSN: el; TM_REG: register kind */
	bool     flag;      /* TM_INSN: executed && fetched && a64; TM_REG: known; TM_EXC: reset */
};

static const struct lexcase lexcases[] = {
	/* Fast Model IT style */
	{ "8 clk IT (8) 002109cc 90ffff80 O EL3h_s : ADRP     x0,{pc}-0x10000 ; 0x2009cc",
	  TM_INSN, -1, true, 8, 0x2109cc, 0x90ffff80, 3, true },
	{ "483 clk IS (483) 0000c7ec 54ffffa1 O EL3h_s : B.NE     {pc}-0xc ; 0xc7e0",
	  TM_INSN, -1, true, 483, 0xc7ec, 0x54ffffa1, 3, false },
	{ "23 clk IT (23) 0000815c:00000000815c_NS,00000000815e_NS f7ffef76 T hyp_n : BLX      {pc}-0x110",
	  TM_INSN, -1, true, 23, 0x815c, 0xf7ffef76, 2, false },
	/* multi-core FVP: cpu token, 16-digit PC on E lines */
	{ "2368228 clk cpu0 IT (694297) 8000f040 d51be000 O EL1h_s : MSR      CNTFRQ_EL0,x0",
	  TM_INSN, 0, true, 2368228, 0x8000f040, 0xd51be000, 1, true },
	{ "2368228 clk cpu3 E 000000008000f040 00000084 CoreEvent_CURRENT_SPx_SYNC",
	  TM_EXC, 3, true, 2368228, 0x8000f040, 0, 0, false },
	{ "0 clk E 00000000:000000000000 00000000 CoreEvent_Reset", TM_EXC, -1, true, 0, 0, 0, 0, true },
	/* address in the bracket, unknown mode */
	{ "    6000000 cs IT (00000000004d6eb8) 54fffea1 O  ---_- :        b.ne\t0x4d6e8c",
	  TM_INSN, -1, true, 6000000, 0x4d6eb8, 0x54fffea1, -1, true },
	/* Cortex-M4 RTL: (address:index), address again, 16-bit opcode */
	{ "      3041 cyc IT (00022a7c:00000006) 00022a7c     48f6 T16 LDR      r0,[pc,#984]",
	  TM_INSN, -1, true, 3041, 0x22a7c, 0x48f6, -1, false },
	/* Cycle-model ES style */
	{ "     541481 ns  ES  (0000000000000000:d53800a1) O el3h_s:         MRS      x1,MPIDR_EL1",
	  TM_INSN, -1, true, 541481000, 0, 0xd53800a1, 3, true },
	{ "     800000 ns  ES  (000001a4:03a06a01) A svc:     CCFAIL MOVEQ    r6,#0x1000",
	  TM_INSN, -1, true, 800000000, 0x1a4, 0x03a06a01, 1, false },
	{ "     307754 tic ES  (0000aaaaabaf59f0:--------) O el0t_ns:",
	  TM_INSN, -1, true, 307754, 0xaaaaabaf59f0, 0, 0, false },
	{ "      17000 ns  ES  EXC [0x00] Reset", TM_EXC, -1, true, 17000000, 0, 0, 0, true },
	{ "                    EXC [0x200] Synchronous Current EL with SP_ELx", TM_EXC, -1, false, 0, 0, 0, 0, false },
	/* register lines */
	{ "                    R X1 0000000081000000", TM_REG, -1, false, 0, 0x81000000, 0, TM_R_X, true },
	{ "0 clk R X30 0000000000008004", TM_REG, -1, true, 0, 0x8004, 0, TM_R_X, true },
	{ "R X0 01234567 89abcdef", TM_REG, -1, false, 0, 0x0123456789abcdef, 0, TM_R_X, true },
	{ "R X0 00000000_00200000", TM_REG, -1, false, 0, 0x200000, 0, TM_R_X, true },
	{ "R X0 -------- --------", TM_REG, -1, false, 0, 0, 0, TM_R_X, false },
	{ "R X1 --------", TM_REG, -1, false, 0, 0, 0, TM_R_X, false },
	{ "1000 clk cpu0 R W8 00000026", TM_REG, 0, true, 1000, 0x26, 0, TM_R_X, true },
	{ "6000019 cs R E15 0000007f99d14b94", TM_REG, -1, true, 6000019, 0x7f99d14b94, 0, TM_R_X, true },
	{ "502 clk R SP_EL3 0000000010000000", TM_REG, -1, true, 502, 0, 0, TM_R_OTHER, false },
	{ "R SP_EL2 fedcba98 76543210", TM_REG, -1, false, 0, 0, 0, TM_R_OTHER, false },
	{ "2000000 ps R ELR_EL3 0000000000210124", TM_REG, -1, true, 2000000, 0x210124, 0, TM_R_ELR, true },
	{ "1 clk cpu0 R spsr_el3 00000000000003c9", TM_REG, 0, true, 1, 0x3c9, 0, TM_R_SPSR, true },
	{ "271ns R r13 20001fff (MSP)", TM_REG, -1, true, 271000, 0, 0, TM_R_OTHER, false },
	{ "                    R R1 (USR) 00000800", TM_REG, -1, false, 0, 0, 0, TM_R_OTHER, false },
	{ "6000017 cs R cpsr 20000000 __C_", TM_REG, -1, true, 6000017, 0, 0, TM_R_OTHER, false },
	{ "R V0<127:64> ffeeddccbbaa9988", TM_REG, -1, false, 0, 0, 0, TM_R_OTHER, false },
	/* times of us, ns and ps are picoseconds, whole or fractional, glued or not;
	 * counts (clk, cyc, tic, cs, no unit) stay counts */
	{ "1.5us R X3 0000000000000003", TM_REG, -1, true, 1500000, 3, 0, TM_R_X, true },
	{ "2 us R X3 0000000000000003", TM_REG, -1, true, 2000000, 3, 0, TM_R_X, true },
	{ "1.5 us cpu0 R X3 0000000000000003", TM_REG, 0, true, 1500000, 3, 0, TM_R_X, true },
	{ "0.25ns R X3 0000000000000003", TM_REG, -1, true, 250, 3, 0, TM_R_X, true },
	{ "3.0000004 ns R X3 0000000000000003", TM_REG, -1, true, 3000, 3, 0, TM_R_X, true },
	{ "18446744073709551615 ps R X3 0000000000000003", TM_REG, -1, true, UINT64_MAX, 3, 0, TM_R_X, true },
	{ "18446744073709551615 R X3 0000000000000003", TM_REG, -1, true, UINT64_MAX, 3, 0, TM_R_X, true },
	/* kinds that carry nothing for SDEI */
	{ "4541 clk CADI E simulation_stopped", TM_IGNORED, -1, true, 4541, 0, 0, 0, false },
	{ "0 clk cpu0 E DebugEvent_HaltingDebugState 00000000", TM_IGNORED, -1, true, 0, 0, 0, 0, false },
	{ "1 clk MR8 0000c7c8:00000000c7c8 00000000_0000ca68", TM_IGNORED, -1, true, 1, 0, 0, 0, false },
	{ "6000001 cs R08 0000007f99d14af4 4305000042ea0000", TM_IGNORED, -1, true, 6000001, 0, 0, 0, false },
	{ "      3039 cyc MNW4___D 2002fa00 efbeefbe", TM_IGNORED, -1, true, 3039, 0, 0, 0, false },
	{ "40 clk R DC CISW 00000000:00000000", TM_IGNORED, -1, true, 40, 0, 0, 0, false },
	{ "                    LD 00000020  ........ ........ ........ 00000080     0000000020    NM ISH INC",
	  TM_IGNORED, -1, false, 0, 0, 0, 0, false },
	{ "Tarmac Text Rev 3t", TM_IGNORED, -1, false, 0, 0, 0, 0, false },
	{ "0 clk cpu0 SIGNAL: SIGNAL=DebugReset STATE=N", TM_IGNORED, -1, true, 0, 0, 0, 0, false },
	{ "", TM_IGNORED, -1, false, 0, 0, 0, 0, false },
	/* no kind: an ES continuation line whose address looks like a time */
	{ "                       00004010  3e000a73 ........ ........ ........   S:0000000000004010  NM NSH",
	  TM_UNKNOWN, -1, true, 4010, 0, 0, 0, false },
	{ "Simulation is started", TM_UNKNOWN, -1, false, 0, 0, 0, 0, false },
};

static void lex_dialects(void **state)
{
	struct tm_names names;
	unsigned failures = 0;

	(void)state;
	memset(&names, 0, sizeof names);
	for (size_t k = 0; k < sizeof lexcases / sizeof lexcases[0]; k++) {
		const struct lexcase *c = &lexcases[k];
		struct tm_line l;
		char msg[200];
		size_t col;
		bool ok;
		if (tm_lex(c->line, strlen(c->line), &names, &l, msg, sizeof msg, &col)) {
			print_message("'%s': error %s\n", c->line, msg);
			failures++;
			continue;
		}
		ok = l.kind == c->kind && (c->kind == TM_IGNORED || c->kind == TM_UNKNOWN || l.pe == c->pe) &&
		     l.has_time == c->has_time && (!c->has_time || l.time == c->time);
		if (ok && l.kind == TM_INSN)
			ok = l.pc == c->pc && l.opcode == c->opcode && l.el == c->el &&
			     (l.executed && l.fetched && l.a64) == c->flag;
		if (ok && l.kind == TM_REG)
			ok = l.reg == c->el && (l.reg == TM_R_OTHER || (l.known == c->flag && (!l.known || l.value == c->pc)));
		if (ok && l.kind == TM_EXC)
			ok = l.reset == c->flag && (!c->pc || (l.has_pc && l.exc_pc == c->pc));
		if (!ok) {
			print_message("'%s': kind %u pe %d time %d/%llu pc %llx op %x el %d reg %u known %d value %llx\n",
				      c->line, l.kind, l.pe, l.has_time, (unsigned long long)l.time,
				      (unsigned long long)l.pc, l.opcode, l.el, l.reg, l.known, (unsigned long long)l.value);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

struct badlex { const char *line, *msg; size_t col; };

static const struct badlex badlex[] = {
	{ "8 clk IT (8)", "truncated instruction line: expected the address or opcode after '(8)'", 12 },
	{ "8 clk IT (8) 002109cc", "truncated instruction line: expected the opcode after the address", 21 },
	{ "8 clk IT (8) 002109cc 90ffff80", "truncated instruction line: expected the instruction set (O, A, T) after the opcode", 30 },
	{ "8 clk IT (8) 002109cc 90f O EL3h_s", "bad opcode '90f': expected 4 or 8 hex digits", 22 },
	{ "8 clk IT (8) 002109cc 9zffff80 O EL3h_s", "bad opcode '9zffff80': expected 4 or 8 hex digits", 22 },
	{ "8 clk IT (8) 00g109cc 90ffff80 O EL3h_s", "bad instruction address '00g109cc'", 13 },
	{ "8 clk IT", "truncated instruction line: expected an address after 'IT'", 8 },
	{ "8 clk cpu0 R X0", "truncated register line: expected a value after 'X0'", 15 },
	{ "8 clk R", "truncated register line: expected a register name after 'R'", 7 },
	{ "8 clk R X0 00000000zz000000", "bad value '00000000zz000000' for register X0", 11 },
	{ "8 clk R X0 0123456789abcdef01", "bad value '0123456789abcdef01' for register X0", 11 },
	{ "8 clk cpu64 IT (8) 002109cc 90ffff80 O EL3h_s", "PE 'cpu64' out of range (at most 64 PEs)", 6 },
	{ "8 clk E", "truncated exception line: nothing after 'E'", 7 },
	/* timestamps out of range, negative or fractional in a count */
	{ "99999999999999999999999 clk cpu0 IT (1) 80000000 d503201f O EL2h_n : NOP",
	  "timestamp '99999999999999999999999' out of range", 0 },
	{ "  18446744073709552 us R X0 0", "timestamp '18446744073709552' out of range", 2 },
	{ "18446744073709552000ns R X0 0", "timestamp '18446744073709552000ns' out of range", 0 },
	{ "-5 clk cpu0 IT (1) 80000000 d503201f O EL2h_n : NOP", "negative timestamp '-5'", 0 },
	{ "-5 R X0 0", "negative timestamp '-5'", 0 },
	{ "1.5 clk R X0 0", "fractional timestamp '1.5' in clk: only us, ns and ps have fractions", 0 },
	{ "1.5 R X0 0", "fractional timestamp '1.5' without a unit: only us, ns and ps have fractions", 0 },
	/* a corrupt unit between a timestamp and a source, or glued: not a
	 * line of no kind (an SMC or a register would be lost) */
	{ "2368030 xyz cpu0 IT (694210) 80001024 d4000003 O EL2h_n : SMC      #0", "unknown timestamp unit 'xyz'", 8 },
	{ "2368030xyz cpu0 IT (694210) 80001024 d4000003 O EL2h_n : SMC      #0", "unknown timestamp unit 'xyz'", 7 },
	{ "2368030xyz R X0 0", "unknown timestamp unit 'xyz'", 7 },
	/* any cpu number past the last PE is out of range, however long */
	{ "8 clk cpu99999999999999999999 IT (8) 002109cc 90ffff80 O EL3h_s",
	  "PE 'cpu99999999999999999999' out of range (at most 64 PEs)", 6 },
	{ "  41000 ns  ES  (00000000e59ff018) A svc:", "expected '(address:opcode)', found '(00000000e59ff018)'", 16 },
};

static void lex_errors(void **state)
{
	struct tm_names names;
	unsigned failures = 0;

	(void)state;
	memset(&names, 0, sizeof names);
	for (size_t k = 0; k < sizeof badlex / sizeof badlex[0]; k++) {
		struct tm_line l;
		char msg[200];
		size_t col = 0;
		int rc = tm_lex(badlex[k].line, strlen(badlex[k].line), &names, &l, msg, sizeof msg, &col);
		if (rc != -1 || strcmp(msg, badlex[k].msg) != 0 || col != badlex[k].col) {
			print_message("'%s': rc %d col %zu '%s'\n", badlex[k].line, rc, col, rc ? msg : "");
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static void source_names(void **state)
{
	struct tm_names names;
	struct tm_line l;
	char msg[200];
	size_t col;

	(void)state;
	memset(&names, 0, sizeof names);
	/* cpuN is PE N; other names take the lowest free number, in order */
	assert_int_equal(tm_lex("1 clk cpu0 R X0 0", 17, &names, &l, msg, sizeof msg, &col), 0);
	assert_int_equal(l.pe, 0);
	assert_int_equal(tm_lex("1 clk cluster1.cpu0 R X0 0", 26, &names, &l, msg, sizeof msg, &col), 0);
	assert_int_equal(l.pe, 1);
	assert_int_equal(tm_lex("1 clk cluster1.cpu1 R X0 0", 26, &names, &l, msg, sizeof msg, &col), 0);
	assert_int_equal(l.pe, 2);
	assert_int_equal(tm_lex("1 clk cluster1.cpu0 R X0 0", 26, &names, &l, msg, sizeof msg, &col), 0);
	assert_int_equal(l.pe, 1);
	/* a word that is followed by no kind is not a source */
	assert_int_equal(tm_lex("1 clk hello world", 17, &names, &l, msg, sizeof msg, &col), 0);
	assert_int_equal(l.kind, TM_UNKNOWN);
	assert_int_equal(names.n, 2);
}

/* ---- Importer ---- */

struct out { char *text; size_t len; FILE *f; unsigned diags; };

static int emit(void *ctx, const struct trace_rec *r)
{
	return trace_write(((struct out *)ctx)->f, r);
}

static void diag(void *ctx, const char *msg)
{
	(void)msg;
	((struct out *)ctx)->diags++;
}

/* Import text; returns the importer's result, the records in o->text. */
static int import(const char *text, bool lenient, struct out *o, struct import_stats *st, char *err, size_t n)
{
	struct linein *in = linein_open_mem((const uint8_t *)text, strlen(text), "t.tarmac");
	struct import_opts opts;
	int rc;

	memset(o, 0, sizeof *o);
	o->f = open_memstream(&o->text, &o->len);
	memset(&opts, 0, sizeof opts);
	opts.lenient = lenient;
	opts.emit = emit;
	opts.emit_ctx = o;
	opts.diag = diag;
	opts.diag_ctx = o;
	rc = tarmac_import(in, &opts, st, err, n);
	fclose(o->f);
	linein_close(in);
	return rc;
}

/* A W write zero-extends into X: the caller's W0 names the function even
 * though X0 held all ones before. */
static const char w_extension[] =
	"1 clk cpu1 R X0 FFFFFFFFFFFFFFFF\n"
	"2 clk cpu1 IT (1) 80001000 52800400 O EL1h_n : MOV      w0,#0x20\n"
	"2 clk cpu1 R W0 00000020\n"
	"3 clk cpu1 IT (2) 80001004 72b88000 O EL1h_n : MOVK     w0,#0xc400,LSL #16\n"
	"3 clk cpu1 R W0 C4000020\n"
	"4 clk cpu1 IT (3) 80001008 d4000002 O EL1h_n : HVC      #0\n"
	"4 clk cpu1 E 80001008 00000084 CoreEvent_LOWER_SYNC\n"
	"5 clk cpu1 IT (4) 90000400 d2800000 O EL2h_n : MOV      x0,#0\n"
	"5 clk cpu1 R X0 0001000000000000\n"
	"6 clk cpu1 IT (5) 90000404 d69f03e0 O EL2h_n : ERET\n"
	"7 clk cpu1 IT (6) 8000100c aa0003f3 O EL1h_n : MOV      x19,x0\n";

static void hvc_and_w_registers(void **state)
{
	struct out o;
	struct import_stats st;
	char err[300];

	(void)state;
	assert_int_equal(import(w_extension, false, &o, &st, err, sizeof err), 0);
	assert_string_equal(o.text, "call t=4 pe=1 conduit=hvc el=1 h=0 fn=VERSION x0=0xc4000020 x1=? x2=? x3=? x4=? x5=? "
				    "end=ret r0=0x1000000000000 src=t.tarmac:6\n");
	assert_int_equal(st.records, 1);
	free(o.text);
}

static void unknown_x0_and_lenient(void **state)
{
	static const char text[] =
		"1 clk IT (1) 80001008 d4000003 O EL2h_n : SMC      #0\n"         /* x0 never traced */
		"2 clk IT (2) 0400 d4 O EL3h_s : junk\n"                             /* a bad opcode */
		"3 clk R X0\n";                                                      /* truncated */
	struct out o;
	struct import_stats st;
	char err[300];

	(void)state;
	assert_int_equal(import(text, false, &o, &st, err, sizeof err), -1);
	assert_string_equal(err, "t.tarmac:2:19: bad opcode 'd4': expected 4 or 8 hex digits");
	free(o.text);
	assert_int_equal(import(text, true, &o, &st, err, sizeof err), 0);
	assert_int_equal(st.errors, 2);
	assert_int_equal(o.diags, 2);
	assert_int_equal(st.blind_calls, 1);
	assert_int_equal(st.lines, 3);
	free(o.text);
}

/* A whole us after a fractional one: both picoseconds (was: the fraction
 * scaled, the integer not, "time goes backwards: 2 after 1500000"). */
static void whole_and_fractional_times(void **state)
{
	static const char text[] =
		"1.5 us cpu0 IT (1) 80000000 d503201f O EL2h_n : NOP\n"
		"2 us cpu0 IT (2) 80000004 d503201f O EL2h_n : NOP\n"
		"2000001ps cpu0 IT (3) 80000008 d503201f O EL2h_n : NOP\n";
	struct out o;
	struct import_stats st;
	char err[300] = "";

	(void)state;
	assert_int_equal(import(text, false, &o, &st, err, sizeof err), 0);
	assert_string_equal(err, "");
	assert_int_equal(st.used, 3);
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
		{ "6000019 cs R E15 0000007f",
		  "t.tarmac:2:18: truncated register line: the value '0000007f' of E15 is cut short: 8 digits of 16 "
		  "(the input ends in the middle of this line)" },
		{ "2368030 clk cpu0 R ESR_EL3 000000005E000",
		  "t.tarmac:2:28: truncated register line: the value '000000005E000' of ESR_EL3 is cut short "
		  "(the input ends in the middle of this line)" },
		{ "2368030 clk cpu0 R X0 00000000C40",
		  "t.tarmac:2:23: truncated register line: the value '00000000C40' of X0 is cut short: 11 digits of 16 "
		  "(the input ends in the middle of this line)" },
		{ "R X0 01234567 89ab",
		  "t.tarmac:2:6: truncated register line: the value '01234567 89ab' of X0 is cut short: 12 digits of 16 "
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
		if (import(text, false, &o, &st, err, sizeof err) != -1)
			fail_msg("'%s' read as a whole line", cut[k][0]);
		assert_string_equal(err, cut[k][1]);
		free(o.text);
		assert_int_equal(import(text, true, &o, &st, err, sizeof err), 0);
		assert_int_equal(st.errors, 1);
		free(o.text);
		snprintf(text, sizeof text, "2368027 clk cpu0 R X5 0000000000000000\n%s\n", cut[k][0]);
		assert_int_equal(import(text, false, &o, &st, err, sizeof err), 0);
		free(o.text);
	}
	for (size_t k = 0; k < sizeof whole / sizeof whole[0]; k++) {
		snprintf(text, sizeof text, "2368027 clk cpu0 R X5 0000000000000000\n%s", whole[k]);
		if (import(text, false, &o, &st, err, sizeof err) != 0)
			fail_msg("'%s': %s", whole[k], err);
		free(o.text);
	}
}

/* ---- Registered entry points ---- */

struct gen { char *text; size_t len; FILE *f; uint64_t t; };

/* One instruction of PE pe at pc, at EL el, and the registers it wrote
 * (name, value pairs; NULL ends them). */
static void gen_insn(struct gen *g, unsigned pe, uint64_t pc, uint32_t op, int el, ...)
{
	va_list ap;
	const char *name;

	g->t++;
	fprintf(g->f, "%llu clk cpu%u IT (%llu) %08llx %08x O EL%dh_%s : x\n", (unsigned long long)g->t, pe,
		(unsigned long long)g->t, (unsigned long long)pc, op, el, el == 3 ? "s" : "n");
	va_start(ap, el);
	while ((name = va_arg(ap, const char *)) != NULL)
		fprintf(g->f, "%llu clk cpu%u R %s %016llx\n", (unsigned long long)g->t, pe, name,
			(unsigned long long)va_arg(ap, uint64_t));
	va_end(ap);
}

#define NOP  0xd503201fu
#define SMC  0xd4000003u
#define ERET 0xd69f03e0u
#define EP(ev) (0x80080000u + 0x100u * (ev))

/* PE pe calls fid(x1, x2, x3, x4) from EL2 at pc; the dispatcher at EL3
 * sets x0 to r0 and goes back to `back` (pc + 4 when it returns). */
static void gen_call(struct gen *g, unsigned pe, uint64_t pc, uint64_t fid, uint64_t x1, uint64_t x2, uint64_t r0,
		     uint64_t back)
{
	gen_insn(g, pe, pc - 4, NOP, 2, "X0", fid, "X1", x1, "X2", x2, "X3", (uint64_t)0xa0000000u + pe,
		 "X4", (uint64_t)0, (char *)NULL);
	gen_insn(g, pe, pc, SMC, 2, (char *)NULL);
	gen_insn(g, pe, 0x04006000, NOP, 3, "X0", r0, (char *)NULL);
	gen_insn(g, pe, 0x04006004, ERET, 3, (char *)NULL);
	gen_insn(g, pe, back, NOP, 2, (char *)NULL);
}

/* 64 PEs each register 5 private events (320 registrations; the table
 * held 256 and dropped the oldest), then PE 0 takes the first event it
 * registered and completes it: a dispatch and a completion of that event
 * (was: no dispatch, and a completion of event -1). */
static void every_registration_is_remembered(void **state)
{
	enum { EVENTS = 5, FIRST = 100 };
	struct gen g = { NULL, 0, NULL, 0 };
	struct out o;
	struct import_stats st;
	char err[300] = "", want[2][120];

	(void)state;
	g.f = open_memstream(&g.text, &g.len);
	for (unsigned ev = FIRST; ev < FIRST + EVENTS; ev++)
		for (unsigned pe = 0; pe < 64; pe++)
			gen_call(&g, pe, 0x80001000, 0xc4000021, ev, EP(ev), 0, 0x80001004);
	/* an explicit dispatch of event FIRST on PE 0, its handler's COMPLETE
	 * back to where PE 0 was */
	gen_insn(&g, 0, 0x04003000, NOP, 3, "X0", (uint64_t)FIRST, "X1", (uint64_t)0xa0000000u, (char *)NULL);
	gen_insn(&g, 0, 0x04003004, ERET, 3, (char *)NULL);
	gen_call(&g, 0, EP(FIRST) + 4, 0xc4000025, 0, 0, 0, 0x80001004);
	fclose(g.f);
	assert_int_equal(import(g.text, false, &o, &st, err, sizeof err), 0);
	assert_string_equal(err, "");
	snprintf(want[0], sizeof want[0], " pe=0 event=%u ep=0x%x cause=explicit ", FIRST, EP(FIRST));
	snprintf(want[1], sizeof want[1], " pe=0 event=%u how=complete ", FIRST);
	for (unsigned k = 0; k < 2; k++)
		if (!strstr(o.text, want[k]))
			fail_msg("no '%s' in the records' end:\n%s", want[k], o.text + (o.len > 1500 ? o.len - 1500 : 0));
	free(o.text);
	free(g.text);
}

static unsigned count(const char *text, const char *what)
{
	unsigned n = 0;

	for (const char *p = text; (p = strstr(p, what)) != NULL; p++)
		n++;
	return n;
}

/* More events with entry points at once than the registry holds: each
 * registration past it is a warning record (not a silent loss, nor an
 * older one dropped); an EVENT_UNREGISTER that succeeded frees its place,
 * and its entry point is no longer a dispatch. */
static void registrations_past_the_limit_are_warnings(void **state)
{
	struct gen g = { NULL, 0, NULL, 0 };
	struct out o;
	struct import_stats st;
	char err[300] = "";

	(void)state;
	g.f = open_memstream(&g.text, &g.len);
	for (unsigned ev = 0; ev <= TM_REGISTRY_EVENTS; ev++)        /* one too many */
		gen_call(&g, 0, 0x80001000, 0xc4000021, ev, EP(ev), 0, 0x80001004);
	gen_call(&g, 0, 0x80001000, 0xc4000027, 5, 0, 0, 0x80001004);   /* UNREGISTER(5) */
	gen_call(&g, 0, 0x80001000, 0xc4000021, 1000, EP(1000), 0, 0x80001004);
	/* ERETs with x0 = the event to each entry point: 5 is unregistered */
	for (unsigned ev = 4; ev <= 6; ev++) {
		gen_insn(&g, 0, 0x04003000, NOP, 3, "X0", (uint64_t)ev, (char *)NULL);
		gen_insn(&g, 0, 0x04003004, ERET, 3, (char *)NULL);
		gen_insn(&g, 0, EP(ev), NOP, 2, (char *)NULL);
	}
	fclose(g.f);
	assert_int_equal(import(g.text, false, &o, &st, err, sizeof err), 0);
	assert_int_equal(count(o.text, "warning "), 1);
	assert_non_null(strstr(o.text, "msg=more%20than%20128%20events%20registered%20at%20once:%20the%20entry%20point%20"
				       "of%20event%20128%20is%20not%20kept,%20its%20dispatches%20are%20not%20recognised"));
	assert_int_equal(count(o.text, "dispatch "), 2);
	assert_non_null(strstr(o.text, " event=4 ep=0x80080400 "));
	assert_non_null(strstr(o.text, " event=6 ep=0x80080600 "));
	free(o.text);
	free(g.text);
}

/* An input with no Tarmac line in it (another kind of file, or nothing)
 * is an error, in lenient mode too (was: an empty trace, exit 0, nothing
 * said); one Tarmac line, or just the header, is enough. */
static void no_tarmac_line_is_an_error(void **state)
{
	static const struct { const char *text, *err; } bad[] = {
		{ "", "t.tarmac: no Tarmac line: the input is empty" },
		{ "# sdeisim\n\nSome text, with R and E and IT in it.\n## Tarmac import\n`CADI E simulation_stopped` once\n",
		  "t.tarmac: no Tarmac line in 5 lines (is it a Tarmac trace?)" },
		{ "NOTICE:  Booting Trusted Firmware\nVERBOSE: SDEI: > VER\nVERBOSE: SDEI: < VER:1000000000000\n",
		  "t.tarmac: no Tarmac line in 3 lines (is it a Tarmac trace?)" },
	};
	static const char *const good[] = {
		"Tarmac Text Rev 3t\n", "0 clk cpu0 SIGNAL: SIGNAL=DebugReset STATE=N\n", "R X0 0000000000000001\n",
		"8 clk IT (8) 002109cc 90ffff80 O EL3h_s : ADRP     x0,{pc}-0x10000 ; 0x2009cc",
	};
	struct out o;
	struct import_stats st;
	char err[300];

	(void)state;
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
		for (int lenient = 0; lenient <= 1; lenient++) {
			err[0] = 0;
			assert_int_equal(import(bad[k].text, lenient, &o, &st, err, sizeof err), -1);
			assert_string_equal(err, bad[k].err);
			free(o.text);
		}
	for (size_t k = 0; k < sizeof good / sizeof good[0]; k++) {
		if (import(good[k], false, &o, &st, err, sizeof err) != 0)
			fail_msg("'%s': %s", good[k], err);
		free(o.text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lex_dialects),
		cmocka_unit_test(lex_errors),
		cmocka_unit_test(source_names),
		cmocka_unit_test(hvc_and_w_registers),
		cmocka_unit_test(unknown_x0_and_lenient),
		cmocka_unit_test(whole_and_fractional_times),
		cmocka_unit_test(value_cut_by_the_end_of_the_input),
		cmocka_unit_test(every_registration_is_remembered),
		cmocka_unit_test(registrations_past_the_limit_are_warnings),
		cmocka_unit_test(no_tarmac_line_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
