/*
 * test_tarmac_lex.c - the Tarmac lexer: one line of every dialect of
 * tarmac-traces.md §1 lexes to what it says (AArch32's instruction sets,
 * modes and registers too; the security suffix of a mode); bad lines are
 * errors with their column; a line's source names its PE (cpuN is PE N,
 * clusterM.cpuN PE 4M+N, no source PE 0, other names take the lowest
 * free number; no PE has two sources); one trace's timestamps are in units that compare.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tarmac.h"

struct lexcase {
	const char *line;
	uint8_t  kind;
	int      pe;
	bool     has_time;
	uint64_t time;
	uint64_t pc;        /* TM_INSN: pc; TM_REG: value; TM_EXC: exc_pc */
	uint32_t opcode;
	int      el;        /* TM_INSN: el; TM_REG: register kind */
	bool     flag;      /* TM_INSN: executed && fetched && A64; TM_REG: known; TM_EXC: reset */
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
	{ "R X0 00000000:00200000", TM_REG, -1, false, 0, 0x200000, 0, TM_R_X, true },
	{ "R X0 200000", TM_REG, -1, false, 0, 0x200000, 0, TM_R_X, true },
	/* words after the value that are not hex: not part of it */
	{ "1006 clk cpu0 R X1 0000000000000007 trailing flags", TM_REG, 0, true, 1006, 7, 0, TM_R_X, true },
	{ "R X1 00000000 00000007 __C_", TM_REG, -1, false, 0, 7, 0, TM_R_X, true },
	{ "R X1 0000000000000007 (MSP)", TM_REG, -1, false, 0, 7, 0, TM_R_X, true },
	{ "R X0 -------- --------", TM_REG, -1, false, 0, 0, 0, TM_R_X, false },
	{ "R X1 --------", TM_REG, -1, false, 0, 0, 0, TM_R_X, false },
	{ "1000 clk cpu0 R W8 00000026", TM_REG, 0, true, 1000, 0x26, 0, TM_R_X, true },
	{ "6000019 cs R E15 0000007f99d14b94", TM_REG, -1, true, 6000019, 0x7f99d14b94, 0, TM_R_X, true },
	{ "502 clk R SP_EL3 0000000010000000", TM_REG, -1, true, 502, 0, 0, TM_R_OTHER, false },
	{ "R SP_EL2 fedcba98 76543210", TM_REG, -1, false, 0, 0, 0, TM_R_OTHER, false },
	{ "2000000 ps R ELR_EL3 0000000000210124", TM_REG, -1, true, 2000000, 0x210124, 0, TM_R_ELR, true },
	{ "1 clk cpu0 R spsr_el3 00000000000003c9", TM_REG, 0, true, 1, 0x3c9, 0, TM_R_SPSR, true },
	{ "271ns R r13 20001fff (MSP)", TM_REG, -1, true, 271000, 0, 0, TM_R_OTHER, false },
	{ "                    R R1 (USR) 00000800", TM_REG, -1, false, 0, 0x800, 0, TM_R_X, true },
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
	for (size_t k = 0; k < sizeof lexcases / sizeof lexcases[0]; k++) {
		const struct lexcase *c = &lexcases[k];
		struct tm_line l;
		char msg[200];
		size_t col;
		bool ok;
		/* each line on its own, as the dialects come from different traces */
		memset(&names, 0, sizeof names);
		if (tm_lex(c->line, strlen(c->line), &names, &l, msg, sizeof msg, &col)) {
			print_message("'%s': error %s\n", c->line, msg);
			failures++;
			continue;
		}
		ok = l.kind == c->kind && (c->kind == TM_IGNORED || c->kind == TM_UNKNOWN || l.pe == c->pe) &&
		     l.has_time == c->has_time && (!c->has_time || l.time == c->time);
		if (ok && l.kind == TM_INSN)
			ok = l.pc == c->pc && l.opcode == c->opcode && l.el == c->el &&
			     (l.executed && l.fetched && l.isa == TM_ISA_A64) == c->flag;
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

/* line, which must lex cleanly, into *l (with names of its own). */
static void lex_ok(const char *line, struct tm_line *l)
{
	struct tm_names names;
	char msg[200];
	size_t col;

	memset(&names, 0, sizeof names);
	if (tm_lex(line, strlen(line), &names, l, msg, sizeof msg, &col) != 0)
		fail_msg("'%s': %s (column %zu)", line, msg, col);
}

/* Memory lines: MR<n> / MW<n> give the access's direction, size,
 * physical address (the virtual one when there is none) and value; an
 * aborted access has none; the other memory forms stay ignored. */
static void lex_memory(void **state)
{
	static const struct {
		const char *line;
		bool write, known;
		unsigned size;
		uint64_t addr, value;
	} mems[] = {
		{ "1 clk MR8 0000c7c8:00000000c7c8 00000000_0000ca68", false, true, 8, 0xc7c8, 0xca68 },
		{ "72 clk cpu0 MW4 2f000204:00002f000204 00000100", true, true, 4, 0x2f000204, 0x100 },
		{ "5 clk cpu1 MW8 800fff08:0000880fff08_NS 00000000_00000007", true, true, 8, 0x880fff08, 7 },
		{ "5 clk cpu1 MW8 04020000:000004020000_S 00000000_00000000", true, true, 8, 0x4020000, 0 },
		{ "9 clk MW4 2f100200 00000001", true, true, 4, 0x2f100200, 1 },
		{ "2000000 ps MR8 00000002 (ABORTED)", false, false, 8, 2, 0 },
		{ "3 clk MW4 2f000204 0000--00", true, false, 4, 0x2f000204, 0 },
		{ "3 clk MW16 04020000:004020000 0000000000000000_0000000000000000", true, false, 16, 0x4020000, 0 },
		{ "5 clk cpu1 MW4 2f000204:00002f000204_ns 00000100", true, true, 4, 0x2f000204, 0x100 },
		{ "5 clk cpu1 MW4 2f000204:00002f000204_RL 00000100", true, true, 4, 0x2f000204, 0x100 },
		{ "3 clk MW4 2f000204 0000XX00", true, false, 4, 0x2f000204, 0 },
		{ "3 clk MR4 2f000204 (translation-fault)", false, false, 4, 0x2f000204, 0 },
	};
	struct tm_line l;
	(void)state;

	for (size_t k = 0; k < sizeof mems / sizeof mems[0]; k++) {
		lex_ok(mems[k].line, &l);
		if (l.kind != TM_MEM || l.write != mems[k].write || l.known != mems[k].known || l.size != mems[k].size ||
		    l.addr != mems[k].addr || (l.known && l.value != mems[k].value))
			fail_msg("'%s': kind %d write %d known %d size %u addr %#llx value %#llx", mems[k].line, l.kind,
				 l.write, l.known, l.size, (unsigned long long)l.addr, (unsigned long long)l.value);
	}
	lex_ok("      3039 cyc MNW4___D 2002fa00 efbeefbe", &l);
	assert_int_equal(l.kind, TM_IGNORED);
}

/* AArch32 lines: the instruction set of each state letter, the mode's
 * EL, and r0..r7 as the low halves of x0..x7 (r8 and up are banked in
 * some modes: r8_fiq is x24, r13_hyp x15), 32 bits wide. */
static void lex_aarch32(void **state)
{
	static const struct { const char *line; uint8_t isa; int el; uint32_t opcode; } insns[] = {
		{ "13 clk cpu0 IT (10) 0f000018 e1600070 A hyp_n : SMC      #0x0", TM_ISA_A32, 2, 0xe1600070 },
		{ "8 clk IT (1) 80000000 f7f08000 T svc_n : SMC      #0", TM_ISA_T32, 1, 0xf7f08000 },
		{ "8 clk IT (1) 80000000 f7e08000 T32 mon_s : HVC      #0", TM_ISA_T32, 3, 0xf7e08000 },
		{ "8 clk IT (1) 80000000 bf00 T16 usr_n : NOP", TM_ISA_T32, 0, 0xbf00 },
		{ "     800000 ns  ES  (000001a4:e1400070) A und:     HVC      #0", TM_ISA_A32, 1, 0xe1400070 },
		{ "8 clk IT (1) 80000000 d4000003 O EL2h_n : SMC      #0", TM_ISA_A64, 2, 0xd4000003 },
		{ "8 clk IT (1) 80000000 d4000003 X EL1h_n : SMC      #0", TM_ISA_A64, 1, 0xd4000003 },
	};
	static const struct { const char *line; uint8_t reg, n; uint64_t value; } regs[] = {
		{ "13 clk cpu0 R R0 C4000020", TM_R_X, 0, 0xc4000020 },
		{ "R r5 0000ab34", TM_R_X, 5, 0xab34 },
		{ "R r7 8", TM_R_X, 7, 8 },
		{ "R r8 00000001", TM_R_OTHER, 0, 0 },
		{ "R r13_hyp 00000001", TM_R_OTHER, 0, 0 },
	};
	struct tm_line l;

	(void)state;
	for (size_t k = 0; k < sizeof insns / sizeof insns[0]; k++) {
		lex_ok(insns[k].line, &l);
		if (l.kind != TM_INSN || l.isa != insns[k].isa || l.el != insns[k].el || l.opcode != insns[k].opcode)
			fail_msg("'%s': kind %u isa %u el %d opcode %x", insns[k].line, l.kind, l.isa, l.el, l.opcode);
	}
	for (size_t k = 0; k < sizeof regs / sizeof regs[0]; k++) {
		lex_ok(regs[k].line, &l);
		if (l.kind != TM_REG || l.reg != regs[k].reg ||
		    (l.reg == TM_R_X && (l.n != regs[k].n || !l.w || !l.known || l.value != regs[k].value)))
			fail_msg("'%s': kind %u reg %u n %u w %d value %llx", regs[k].line, l.kind, l.reg, l.n, l.w,
				 (unsigned long long)l.value);
	}
}

/* The mode field's security suffix: _s is Secure state, in AArch64 and
 * AArch32 modes, glued to an ES line's colon too; _n, _ns (both
 * Non-secure), _rt (Realm) and none are not. */
static void lex_security_suffix(void **state)
{
	static const struct { const char *line; int el; bool secure; } insns[] = {
		{ "8 clk IT (1) 80000000 d4000003 O EL1h_s : SMC      #0", 1, true },
		{ "8 clk IT (1) 80000000 d4000003 O EL2h_s : SMC      #0", 2, true },
		{ "8 clk IT (1) 80000000 d4000003 O EL3h_s : SMC      #0", 3, true },
		{ "8 clk IT (1) 80000000 e1600070 A svc_s : SMC      #0x0", 1, true },
		{ "     800000 ns  ES  (000001a4:e1600070) A svc_s:     SMC      #0", 1, true },
		{ "8 clk IT (1) 80000000 d4000003 O EL1h_n : SMC      #0", 1, false },
		{ "8 clk IT (1) 80000000 d4000003 O EL2h_ns : SMC      #0", 2, false },
		{ "8 clk IT (1) 80000000 d4000003 O EL1h_rt : SMC      #0", 1, false },
		{ "8 clk IT (1) 80000000 d4000003 O EL1h : SMC      #0", 1, false },
		{ "     800000 ns  ES  (000001a4:e1400070) A und:     HVC      #0", 1, false },
	};
	struct tm_line l;

	(void)state;
	for (size_t k = 0; k < sizeof insns / sizeof insns[0]; k++) {
		lex_ok(insns[k].line, &l);
		if (l.kind != TM_INSN || l.el != insns[k].el || l.secure != insns[k].secure)
			fail_msg("'%s': kind %u el %d secure %d", insns[k].line, l.kind, l.el, l.secure);
	}
}

struct badlex { const char *line, *msg; size_t col; };

static const struct badlex badlex[] = {
	{ "1 clk MW4", "truncated memory line: expected an address after 'MW4'", 9 },
	{ "1 clk MW4 2f000204", "truncated memory line: expected the value after the address", 18 },
	{ "1 clk MW4 2f00z204 00000100", "bad address '2f00z204' in a memory line: expected hex VA[:PA[_SPACE]], SPACE letters (S, NS, RT, RL)", 10 },
	{ "1 clk MW4 2f000204:2f000204_ 00000100", "bad address '2f000204:2f000204_' in a memory line: expected hex VA[:PA[_SPACE]], SPACE letters (S, NS, RT, RL)", 10 },
	{ "1 clk MW4 2f000204:2f000204_N5 00000100", "bad address '2f000204:2f000204_N5' in a memory line: expected hex VA[:PA[_SPACE]], SPACE letters (S, NS, RT, RL)", 10 },
	{ "1 clk MW4 2f000204 000001g0", "bad value '000001g0' in a memory line", 19 },
	{ "1 clk MW4 2f000204 0100", "memory value '0100' has 4 hex digits; a 4-byte access has 8", 19 },
	{ "1 clk MW0 2f000204 00", "bad memory access size in 'MW0': 1, 2, 4 ... 64 bytes", 8 },
	{ "1 clk MW999 2f000204 00", "bad memory access size in 'MW999': 1, 2, 4 ... 64 bytes", 8 },
	{ "1 clk MW3 2f000204 000000", "bad memory access size in 'MW3': 1, 2, 4 ... 64 bytes", 8 },
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
	{ "8 clk R X0 0123456789abcdef01", "bad value '0123456789abcdef01' for register X0: 18 hex digits, more than 64 bits", 11 },
	/* hex words after a value are more of it (was: taken as flag words,
	 * the value truncated to its first word or two) */
	{ "1006 clk cpu0 R X1 00000000 00000001 00000002",
	  "bad value '00000000 00000001 00000002' for register X1: 24 hex digits, more than 64 bits", 37 },
	{ "1006 clk cpu0 R X1 0000000000000007 0000000000000008",
	  "bad value '0000000000000007 0000000000000008' for register X1: 32 hex digits, more than 64 bits", 36 },
	{ "R ELR_EL3 00000000_80001000 00000000",
	  "bad value '00000000_80001000 00000000' for register ELR_EL3: 24 hex digits, more than 64 bits", 28 },
	{ "R W1 00000000 00000001", "bad value '00000000 00000001' for register W1: 16 hex digits, more than 32 bits", 14 },
	{ "R R0 0000000084000000", "bad value '0000000084000000' for register R0: 16 hex digits, more than 32 bits", 5 },
	{ "R X1 00000000 0001", "bad value '00000000 0001' for register X1: a split value is two words of 8 hex digits", 14 },
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
	/* a mode of an EL there is none of: its calls were dropped in silence */
	{ "2368003 clk cpu0 IT (694201) 80001000 d2800420 O EL4h_n : MOV      x0,#0x21",
	  "mode 'EL4h_n' names no exception level (EL0..EL3)", 49 },
	{ "  542000 ns  ES  (0000000080001000:d2800420) O el7h_ns:  MOV      x0,#0x21",
	  "mode 'el7h_ns:' names no exception level (EL0..EL3)", 47 },
	/* a token's control characters are said as \xNN (sim_quote), not
	 * written into the message: the importer refuses a line with one
	 * before it lexes it, but tm_lex takes any line */
	{ "8 clk IT (8) 00\x1b[31m 90ffff80 O EL3h_s", "bad instruction address '00\\x1B[31m'", 13 },
	{ "8 clk R X0 0000\r0000\x7f", "bad value '0000\\x0D0000\\x7F' for register X0", 11 },
	/* a token of 64 characters is said whole, two-byte ones too (the
	 * first 64 bytes were said: 30 of these) */
	{ "2368003 clk cpu0 IT (694201) 80001000 d2800420 O EL9"
	  "ééééééééééééééééééééééééééééééé"
	  "éééééééééééééééééééééééééééééé : MOV      x0,#0x21",
	  "mode 'EL9"
	  "ééééééééééééééééééééééééééééééé"
	  "éééééééééééééééééééééééééééééé' names no exception level (EL0..EL3)", 49 },
	/* and of a longer one its first 64 characters, a four-byte one last
	 * (the first 64 bytes were said, cut back to 63 characters) */
	{ "2368003 clk cpu0 IT (694201) 80001000 d2800420 O EL9"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\xF0\x9F\x98\x80" "yy : MOV      x0,#0x21",
	  "mode 'EL9xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\xF0\x9F\x98\x80... (66 characters)' "
	  "names no exception level (EL0..EL3)", 49 },
};

static void lex_errors(void **state)
{
	struct tm_names names;
	unsigned failures = 0;

	(void)state;
	for (size_t k = 0; k < sizeof badlex / sizeof badlex[0]; k++) {
		struct tm_line l;
		char msg[TM_MSG_MAX];
		size_t col = 0;
		int rc;
		memset(&names, 0, sizeof names);
		rc = tm_lex(badlex[k].line, strlen(badlex[k].line), &names, &l, msg, sizeof msg, &col);
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
	/* cpuN is PE N; clusterM.cpuN 4M+N; other names take the lowest free
	 * number, in order */
	assert_int_equal(tm_lex("1 clk cpu0 R X0 0", 17, &names, &l, msg, sizeof msg, &col), 0);
	assert_int_equal(l.pe, 0);
	assert_int_equal(tm_lex("1 clk cluster1.cpu0 R X0 0", 26, &names, &l, msg, sizeof msg, &col), 0);
	assert_int_equal(l.pe, 4);
	assert_int_equal(tm_lex("1 clk cluster1.cpu1 R X0 0", 26, &names, &l, msg, sizeof msg, &col), 0);
	assert_int_equal(l.pe, 5);
	assert_int_equal(tm_lex("1 clk cluster1.cpu0 R X0 0", 26, &names, &l, msg, sizeof msg, &col), 0);
	assert_int_equal(l.pe, 4);
	assert_int_equal(tm_lex("1 clk A.core R X0 0", 19, &names, &l, msg, sizeof msg, &col), 0);
	assert_int_equal(l.pe, 1);
	/* a word that is followed by no kind is not a source */
	assert_int_equal(tm_lex("1 clk hello world", 17, &names, &l, msg, sizeof msg, &col), 0);
	assert_int_equal(l.kind, TM_UNKNOWN);
	assert_int_equal(names.n, 3);
}

/* Source names up to TM_MAX_SOURCE_NAME bytes are names: a fully
 * qualified FVP component path was refused at 48 bytes ("too many or too
 * long source names").  A longer one, and a source past the last PE, are
 * errors that say which. */
static void long_source_names(void **state)
{
	static const char fvp[] = "FVP_Base_RevC_2xAEMvA.FVP_Base_RevC_2xAEMvA_cluster0.cpu0";
	struct tm_names *names = calloc(1, sizeof *names);
	char line[TM_MAX_SOURCE_NAME + 100], name[TM_MAX_SOURCE_NAME + 2], msg[TM_MSG_MAX];
	struct tm_line l;
	size_t col;

	(void)state;
	assert_non_null(names);
	snprintf(line, sizeof line, "1 clk %s R X0 0", fvp);
	assert_int_equal(tm_lex(line, strlen(line), names, &l, msg, sizeof msg, &col), 0);
	assert_int_equal(l.pe, 0);
	memset(name, 'a', TM_MAX_SOURCE_NAME + 1);
	name[TM_MAX_SOURCE_NAME] = 0;               /* the longest */
	snprintf(line, sizeof line, "1 clk %s R X0 0", name);
	assert_int_equal(tm_lex(line, strlen(line), names, &l, msg, sizeof msg, &col), 0);
	assert_int_equal(l.pe, 1);
	assert_int_equal(tm_lex(line, strlen(line), names, &l, msg, sizeof msg, &col), 0);
	assert_int_equal(l.pe, 1);                  /* the same name again */
	name[TM_MAX_SOURCE_NAME] = 'a';             /* one byte more */
	name[TM_MAX_SOURCE_NAME + 1] = 0;
	snprintf(line, sizeof line, "1 clk %s R X0 0", name);
	assert_int_equal(tm_lex(line, strlen(line), names, &l, msg, sizeof msg, &col), -1);
	assert_string_equal(msg, "source name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa... (256 characters)' "
			    "is longer than 255 bytes");
	assert_int_equal(col, 6);
	for (unsigned k = 2; k < 64; k++) {
		snprintf(line, sizeof line, "1 clk core%u R X0 0", k);
		assert_int_equal(tm_lex(line, strlen(line), names, &l, msg, sizeof msg, &col), 0);
		assert_int_equal(l.pe, (int)k);
	}
	assert_int_equal(tm_lex("1 clk core64 R X0 0", 19, names, &l, msg, sizeof msg, &col), -1);
	assert_string_equal(msg, "too many sources: no PE left for 'core64' (at most 64 PEs)");
	assert_int_equal(col, 6);
	free(names);
}

/* Lines of one trace, in order: each lexes to its PE (-1: none), or is
 * an error with its message and column. */
struct seqline { const char *line; int pe; const char *msg; size_t col; };

static unsigned lex_sequence(const struct seqline *seq, size_t n)
{
	struct tm_names names;
	unsigned failures = 0;

	memset(&names, 0, sizeof names);
	for (size_t k = 0; k < n; k++) {
		struct tm_line l;
		char msg[200] = "";
		size_t col = 0;
		int rc = tm_lex(seq[k].line, strlen(seq[k].line), &names, &l, msg, sizeof msg, &col);
		if (seq[k].msg ? rc != -1 || strcmp(msg, seq[k].msg) != 0 || col != seq[k].col
			       : rc != 0 || l.pe != seq[k].pe) {
			print_message("'%s': rc %d pe %d col %zu '%s'\n", seq[k].line, rc, l.pe, col, msg);
			failures++;
		}
	}
	return failures;
}

/* failures += the failures of the lines given (each sequence on its own
 * names, so that one failing does not hide the next) */
#define LEX_SEQUENCE(failures, ...) do { \
		static const struct seqline seq_[] = { __VA_ARGS__ }; \
		(failures) += lex_sequence(seq_, sizeof seq_ / sizeof seq_[0]); \
	} while (0)

/* No PE has two sources (tarmac-traces.md §1.8).  Was: a name given PE 0
 * and a later cpu0 merged into PE 0, and so were lines without a source
 * (PE 0) and a name after them. */
static void sources_never_share_a_pe(void **state)
{
	unsigned failures = 0;

	(void)state;
	/* a cpuN whose PE a name has */
	LEX_SEQUENCE(failures, { "1 clk A.core R X0 0", 0, NULL, 0 },
		     { "2 clk cpu0 R X0 0", 0, "source 'cpu0' is PE 0, already given to 'A.core'", 6 },
		     { "2 clk B.core R X0 0", 1, NULL, 0 },
		     { "3 clk cpu1 R X0 0", 0, "source 'cpu1' is PE 1, already given to 'B.core'", 6 },
		     { "3 clk cpu2 R X0 0", 2, NULL, 0 },
		     { "4 clk C.core R X0 0", 3, NULL, 0 });
	/* no source is PE 0, as in a single-PE trace: a name after such
	 * lines takes PE 1; lines with no source after a name that has PE 0
	 * are an error */
	LEX_SEQUENCE(failures, { "1 clk R X0 0", -1, NULL, 0 },
		     { "2 clk B.core R X0 0", 1, NULL, 0 },
		     { "3 clk cpu0 R X0 0", 0, NULL, 0 },
		     { "R X1 0", -1, NULL, 0 });
	LEX_SEQUENCE(failures, { "1 clk B.core IT (1) 80001000 d503201f O EL2h_n : NOP", 0, NULL, 0 },
		     { "2 clk IT (1) 80001000 d503201f O EL2h_n : NOP", 0,
		       "a line without a source is PE 0, already given to 'B.core'", 6 },
		     /* lines of no kind, or ignored, are nobody's */
		     { "2 clk CADI E simulation_stopped", -1, NULL, 0 },
		     { "Tarmac Text Rev 3t", -1, NULL, 0 });
	assert_int_equal(failures, 0);
}

/* A name whose last two components are clusterM and cpuN is PE 4M+N,
 * FVP Base's layout (4 cores a cluster) that the tf-a-fvp profile's
 * MPIDRs follow.  Was: the lowest free PE in order of appearance, so
 * cluster1.cpu0 of a two-cluster trace was PE 1 (MPIDR 0x1, not 0x100),
 * and two cores whose first lines came in the other order swapped PEs.
 * A core past cpu3, a cluster past the last PE, and a PE another source
 * has (cpuN, a line without a source, another name) are errors; an
 * `R MPIDR_EL1` of such a PE must say its cluster and core. */
static void cluster_names_number_pes_as_fvp_base_does(void **state)
{
	unsigned failures = 0;

	(void)state;
	LEX_SEQUENCE(failures, { "1 clk cluster0.cpu1 R X0 0", 1, NULL, 0 },
		     { "1 clk cluster0.cpu0 R X0 0", 0, NULL, 0 },
		     { "1 clk FVP_Base_RevC-2xAEMvA.cluster1.cpu3 R X0 0", 7, NULL, 0 },
		     { "1 clk css.Cluster1.CPU2 R X0 0", 6, NULL, 0 },
		     { "1 clk FVP.cluster15.cpu3 R X0 0", 63, NULL, 0 },
		     /* not cluster names: the lowest free PE */
		     { "1 clk FVP_Base_RevC_2xAEMvA_cluster0.cpu0 R X0 0", 2, NULL, 0 },
		     { "1 clk cluster.cpu0 R X0 0", 3, NULL, 0 },
		     { "1 clk cluster0.cpu0.thread0 R X0 0", 4, NULL, 0 },
		     { "1 clk cluster0.cpu4 R X0 0", 0, "source 'cluster0.cpu4' names core 4 of a cluster: FVP Base's "
		       "clusters, whose layout numbers the PEs, have 4 (cpu0..cpu3)", 6 },
		     { "1 clk cluster16.cpu0 R X0 0", 0, "source 'cluster16.cpu0' out of range: cluster past the last, "
		       "and there are at most 64 PEs (16 clusters of 4)", 6 },
		     { "1 clk cluster99999999999999999999.cpu0 R X0 0", 0, "source 'cluster99999999999999999999.cpu0' "
		       "out of range: cluster beyond 64 bits, and there are at most 64 PEs (16 clusters of 4)", 6 },
		     /* the name that numbered a PE has it */
		     { "1 clk cpu1 R X0 0", 0, "source 'cpu1' is PE 1, already given to 'cluster0.cpu1'", 6 },
		     { "1 clk x.cluster0.cpu1 R X0 0", 0, "source 'x.cluster0.cpu1' is PE 1, already given to "
		       "'cluster0.cpu1'", 6 },
		     { "1 clk IT (1) 80001000 d503201f O EL2h_n : NOP", 0,
		       "a line without a source is PE 0, already given to 'cluster0.cpu0'", 6 });
	/* a PE that cpuN, a line without a source or a name has: not a
	 * cluster name's */
	LEX_SEQUENCE(failures, { "1 clk cpu1 R X0 0", 1, NULL, 0 },
		     { "1 clk cluster0.cpu1 R X0 0", 0, "source 'cluster0.cpu1' is PE 1, already given to 'cpu1'", 6 },
		     { "1 clk R X0 0", -1, NULL, 0 },
		     { "1 clk cluster0.cpu0 R X0 0", 0, "source 'cluster0.cpu0' is PE 0, already given to 'cpu0' "
		       "or to lines without a source", 6 },
		     { "1 clk A.core R X0 0", 2, NULL, 0 },
		     { "1 clk cluster0.cpu2 R X0 0", 0, "source 'cluster0.cpu2' is PE 2, already given to 'A.core'", 6 });
	/* MPIDR_EL1: Aff1 the cluster and Aff0 the core, or with MT set
	 * (cores of more than one thread) Aff2 and Aff1; read only for a
	 * PE a cluster name numbered */
	LEX_SEQUENCE(failures, { "0 clk cluster1.cpu2 R MPIDR_EL1 0000000080000102", 6, NULL, 0 },
		     { "0 clk cluster1.cpu2 R MPIDR_EL1 0000000081010200", 6, NULL, 0 },
		     { "0 clk cluster1.cpu2 R MPIDR_EL1 ----------------", 6, NULL, 0 },
		     { "0 clk cluster1.cpu2 R MPIDR_EL1 0000000080000006", 0, "MPIDR_EL1 0x80000006 is cluster 0, core 6 "
		       "(Aff1, Aff0), but source 'cluster1.cpu2' is cluster 1, core 2: PE 6, as FVP Base numbers its "
		       "cores", 32 },
		     { "0 clk cluster1.cpu2 R mpidr_el1 0000000081000200", 0, "MPIDR_EL1 0x81000200 is cluster 0, core 2 "
		       "(Aff2, Aff1), but source 'cluster1.cpu2' is cluster 1, core 2: PE 6, as FVP Base numbers its "
		       "cores", 32 },
		     { "0 clk cpu1 R MPIDR_EL1 0000000080000100", 1, NULL, 0 },
		     { "0 clk A.core R MPIDR_EL1 0000000080000100", 0, NULL, 0 });
	assert_int_equal(failures, 0);
}

/* A trace's timestamps are in units that compare: us, ns and ps with
 * each other, a count only with itself.  Was: 1066 clk then 1066ns read
 * as 1066 and 1066000, then "time goes backwards: 1069 after 1066000". */
static void units_of_one_trace(void **state)
{
	unsigned failures = 0;

	(void)state;
	LEX_SEQUENCE(failures, { "1066 clk cpu0 R X30 0", 0, NULL, 0 },
		     { "1066ns cpu0 R X30 0", 0, "timestamp unit changes from clk to ns: a count and a time do not compare", 4 },
		     { "1067 ps cpu0 R X30 0", 0, "timestamp unit changes from clk to ps: a count and a time do not compare", 5 },
		     { "1068 cyc cpu0 R X30 0", 0, "timestamp unit changes from clk to cyc: counts of two clocks do not compare", 5 },
		     { "1069 cpu0 R X30 0", 0, "timestamp unit changes from clk to no unit: counts of two clocks do not compare", 0 },
		     /* no timestamp, or a line that is not used (as for time going backwards) */
		     { "R X30 0", -1, NULL, 0 },
		     { "1069 ns CADI E simulation_stopped", -1, NULL, 0 },
		     { "1070 clk cpu0 R X30 0", 0, NULL, 0 });
	LEX_SEQUENCE(failures, { "1.5us R X0 0", -1, NULL, 0 },
		     { "2000 ns R X0 0", -1, NULL, 0 },
		     { "2000001ps R X0 0", -1, NULL, 0 },
		     { "2000002 clk R X0 0", -1, "timestamp unit changes from us to clk: a count and a time do not compare", 8 });
	LEX_SEQUENCE(failures, { "5 R X0 0", -1, NULL, 0 },
		     { "6 R X0 0", -1, NULL, 0 },
		     { "7 tic R X0 0", -1, "timestamp unit changes from no unit to tic: counts of two clocks do not compare", 2 });
	assert_int_equal(failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lex_dialects),
		cmocka_unit_test(lex_errors),
		cmocka_unit_test(lex_aarch32),
		cmocka_unit_test(lex_memory),
		cmocka_unit_test(lex_security_suffix),
		cmocka_unit_test(source_names),
		cmocka_unit_test(long_source_names),
		cmocka_unit_test(sources_never_share_a_pe),
		cmocka_unit_test(cluster_names_number_pes_as_fvp_base_does),
		cmocka_unit_test(units_of_one_trace),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
