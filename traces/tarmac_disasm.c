/*
 * tarmac_disasm.c - the mode and disassembly columns of exported Tarmac
 * instruction lines (tarmac_export.h).  The mode: the state and security
 * state the instruction ran in.  The disassembly: the A64 instructions
 * the simulator's client runtime and the exported firmware sequences use,
 * and the A32 ones of a call from AArch32, in FVP's spelling (upper-case
 * mnemonic, operands after a tab stop).  Anything else is written the way
 * disassemblers write an encoding they do not decode, `.inst 0x...`:
 * readers must decode the opcode column anyway (tarmac-traces.md §1.4).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "call_rules.h"        /* sim_caller_of, sim_aarch32_modes */
#include "sdd/sdd.h"           /* SDD_PSTATE_NRW */
#include "tarmac_export.h"

/* see tarmac_export.h; tarmac-traces.md §1.4 */
const char *tm_mode_field(uint64_t pstate, bool secure, char buf[TM_MODE_FIELD])
{
	const char *a32 = sim_aarch32_modes[pstate & 15].name;
	unsigned el = sim_caller_of(pstate).el & 3u;   /* (0..3: one digit, as the buffer is sized) */
	const char *sec = el == 3 || secure ? "s" : "n";

	if (pstate & SDD_PSTATE_NRW)
		snprintf(buf, TM_MODE_FIELD, "%s_%s", a32 ? a32 : "---", sec);
	else
		snprintf(buf, TM_MODE_FIELD, "EL%u%c_%s", el, (pstate & 1) ? 'h' : 't', sec);
	return buf;
}

static int64_t sext(uint64_t v, unsigned bits)
{
	uint64_t m = 1ull << (bits - 1);
	return (int64_t)((v ^ m) - m);
}

/* "{pc}+0x34" / "{pc}-0x8", as FVP writes a PC-relative operand. */
static const char *rel(char *buf, int64_t off)
{
	snprintf(buf, 24, "{pc}%c0x%" PRIx64, off < 0 ? '-' : '+', off < 0 ? (uint64_t)-off : (uint64_t)off);
	return buf;
}

/* xN / wN, with register 31 as sp or the zero register. */
static const char *rn(char *buf, unsigned r, bool x, bool sp)
{
	if (r == 31)
		return sp ? (x ? "sp" : "wsp") : (x ? "xzr" : "wzr");
	snprintf(buf, 8, "%c%u", x ? 'x' : 'w', r);
	return buf;
}

/* The system register an MRS/MSR names: o0:op1:CRn:CRm:op2 (op0 = 2 + o0). */
static const char *sysreg(char *buf, size_t n, uint32_t op)
{
	static const struct { uint16_t key; const char *name; } names[] = {
		{ 0x4640, "ICC_IAR0_EL1" }, { 0x4641, "ICC_EOIR0_EL1" }, { 0x4660, "ICC_IAR1_EL1" },
		{ 0x4661, "ICC_EOIR1_EL1" }, { 0x7200, "SPSR_EL3" }, { 0x7201, "ELR_EL3" }, { 0x7290, "ESR_EL3" },
		{ 0x6200, "SPSR_EL2" }, { 0x6201, "ELR_EL2" }, { 0x6290, "ESR_EL2" },
	};
	uint32_t key = (op >> 5) & 0x7FFF;

	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (names[k].key == key)
			return names[k].name;
	snprintf(buf, n, "S%u_%u_C%u_C%u_%u", 2 + ((op >> 19) & 1), (op >> 16) & 7, (op >> 12) & 0xF, (op >> 8) & 0xF,
		 (op >> 5) & 7);
	return buf;
}

static const char *const conds[16] = { "EQ", "NE", "HS", "LO", "MI", "PL", "VS", "VC",
				       "HI", "LS", "GE", "LT", "GT", "LE", "AL", "NV" };

void tm_disasm(uint32_t op, uint64_t pc, char *out, size_t n)
{
	char a[8], b[8], s[32];
	bool x = op >> 31;
	unsigned rd = op & 31, r1 = (op >> 5) & 31, r2 = (op >> 10) & 31;

	if ((op & 0x7C000000u) == 0x14000000u) {                 /* B, BL */
		int64_t off = sext(op & 0x3FFFFFF, 26) * 4;
		snprintf(out, n, "%-8s %s ; 0x%" PRIx64, x ? "BL" : "B", rel(s, off), pc + (uint64_t)off);
	} else if ((op & 0xFF000010u) == 0x54000000u) {          /* B.cond */
		int64_t off = sext((op >> 5) & 0x7FFFF, 19) * 4;
		snprintf(out, n, "B.%-6s %s ; 0x%" PRIx64, conds[op & 15], rel(s, off), pc + (uint64_t)off);
	} else if ((op & 0x7E000000u) == 0x34000000u || (op & 0x7E000000u) == 0x36000000u) {   /* CB(N)Z, TB(N)Z */
		bool tb = (op & 0x7E000000u) == 0x36000000u;
		int64_t off = tb ? sext((op >> 5) & 0x3FFF, 14) * 4 : sext((op >> 5) & 0x7FFFF, 19) * 4;
		const char *m = tb ? ((op >> 24) & 1 ? "TBNZ" : "TBZ") : ((op >> 24) & 1 ? "CBNZ" : "CBZ");
		if (tb)
			snprintf(out, n, "%-8s %s,#%u,%s", m, rn(a, rd, true, false), (x << 5) | ((op >> 19) & 31),
				 rel(s, off));
		else
			snprintf(out, n, "%-8s %s,%s", m, rn(a, rd, x, false), rel(s, off));
	} else if ((op & 0xFFFFFC1Fu) == 0xD61F0000u || (op & 0xFFFFFC1Fu) == 0xD63F0000u ||
		   (op & 0xFFFFFC1Fu) == 0xD65F0000u) {          /* BR, BLR, RET */
		const char *m = (op >> 21) & 1 ? "BLR" : (op >> 22) & 1 ? "RET" : "BR";
		snprintf(out, n, "%-8s %s", m, rn(a, r1, true, false));
	} else if (op == 0xD69F03E0u) {
		snprintf(out, n, "ERET");
	} else if ((op & 0xFFE0001Cu) == 0xD4000000u && (op & 3)) {   /* SVC, HVC, SMC */
		static const char *const m[4] = { "", "SVC", "HVC", "SMC" };
		snprintf(out, n, "%-8s #0x%x", m[op & 3], (op >> 5) & 0xFFFF);
	} else if (op == 0xD503201Fu || op == 0xD503207Fu || op == 0xD503205Fu) {
		snprintf(out, n, "%s", op == 0xD503201Fu ? "NOP" : op == 0xD503207Fu ? "WFI" : "WFE");
	} else if ((op & 0xFFF00000u) == 0xD5300000u || (op & 0xFFF00000u) == 0xD5100000u) {  /* MRS, MSR */
		if ((op >> 21) & 1)
			snprintf(out, n, "%-8s %s,%s", "MRS", rn(a, rd, true, false), sysreg(s, sizeof s, op));
		else
			snprintf(out, n, "%-8s %s,%s", "MSR", sysreg(s, sizeof s, op), rn(a, rd, true, false));
	} else if ((op & 0xBFC00000u) == 0xB9400000u || (op & 0xBFC00000u) == 0xB9000000u) {   /* LDR/STR imm */
		bool ld = (op >> 22) & 1, q = (op >> 30) & 1;
		snprintf(out, n, "%-8s %s,[%s,#0x%x]", ld ? "LDR" : "STR", rn(a, rd, q, false), rn(b, r1, true, true),
			 ((op >> 10) & 0xFFF) << (q ? 3 : 2));
	} else if ((op & 0xBFE00C00u) == 0xB8600800u) {           /* LDR (register), LSL/extend */
		static const char *const ext[8] = { "?", "?", "UXTW", "LSL", "?", "?", "SXTW", "SXTX" };
		bool q = (op >> 30) & 1;
		char shift[16] = "";
		if ((op >> 12) & 1)
			snprintf(shift, sizeof shift, ",%s #%u", ext[(op >> 13) & 7], q ? 3u : 2u);
		snprintf(out, n, "%-8s %s,[%s,%s%s]", "LDR", rn(a, rd, q, false), rn(b, r1, true, true),
			 rn(s, (op >> 16) & 31, ((op >> 13) & 1) != 0, false), shift);
	} else if ((op & 0x1F200000u) == 0x0B000000u) {           /* ADD/SUB (shifted register) */
		static const char *const sh[4] = { "LSL", "LSR", "ASR", "ROR" };
		bool sub = (op >> 30) & 1, flags = (op >> 29) & 1;
		char m[8], shift[16] = "";
		snprintf(m, sizeof m, "%s%s", sub ? "SUB" : "ADD", flags ? "S" : "");
		if ((op >> 10) & 63)
			snprintf(shift, sizeof shift, ",%s #%u", sh[(op >> 22) & 3], (op >> 10) & 63);
		snprintf(out, n, "%-8s %s,%s,%s%s", m, rn(a, rd, x, false), rn(b, r1, x, false),
			 rn(s, (op >> 16) & 31, x, false), shift);
	} else if ((op & 0xBF000000u) == 0x18000000u) {           /* LDR literal */
		int64_t off = sext((op >> 5) & 0x7FFFF, 19) * 4;
		snprintf(out, n, "%-8s %s,%s ; 0x%" PRIx64, "LDR", rn(a, rd, (op >> 30) & 1, false), rel(s, off),
			 pc + (uint64_t)off);
	} else if ((op & 0xFC000000u) == 0xA8000000u && ((op >> 23) & 7) >= 1 && ((op >> 23) & 7) <= 3) {
		/* LDP/STP of X registers */
		bool ld = (op >> 22) & 1;
		int64_t off = sext((op >> 15) & 0x7F, 7) * 8;
		unsigned mode = (op >> 23) & 7;                   /* 1 post, 2 offset, 3 pre */
		snprintf(out, n, mode == 1 ? "%-8s %s,%s,[%s],#%" PRId64 : mode == 3 ? "%-8s %s,%s,[%s,#%" PRId64 "]!"
										 : "%-8s %s,%s,[%s,#%" PRId64 "]",
			 ld ? "LDP" : "STP", rn(a, rd, true, false), rn(s, r2, true, false), rn(b, r1, true, true), off);
	} else if ((op & 0x1F000000u) == 0x11000000u) {           /* ADD/SUB (immediate), CMP */
		bool sub = (op >> 30) & 1, flags = (op >> 29) & 1;
		unsigned imm = ((op >> 10) & 0xFFF) << (((op >> 22) & 1) ? 12 : 0);
		if (flags && rd == 31)
			snprintf(out, n, "%-8s %s,#0x%x", sub ? "CMP" : "CMN", rn(a, r1, x, true), imm);
		else
			snprintf(out, n, "%-8s %s,%s,#0x%x", sub ? (flags ? "SUBS" : "SUB") : (flags ? "ADDS" : "ADD"),
				 rn(a, rd, x, !flags), rn(b, r1, x, true), imm);
	} else if ((op & 0x1F800000u) == 0x12800000u && ((op >> 29) & 3) != 1) {   /* MOVN, MOVZ, MOVK */
		static const char *const m[4] = { "MOVN", "?", "MOV", "MOVK" };
		unsigned hw = (op >> 21) & 3;
		snprintf(out, n, hw ? "%-8s %s,#0x%x,LSL #%u" : "%-8s %s,#0x%x", m[(op >> 29) & 3], rn(a, rd, x, false),
			 (op >> 5) & 0xFFFF, hw * 16);
	} else if ((op & 0x1F000000u) == 0x10000000u) {           /* ADR, ADRP */
		int64_t imm = sext(((op >> 5) & 0x7FFFF) << 2 | ((op >> 29) & 3), 21);
		uint64_t t = x ? (pc & ~0xFFFull) + (uint64_t)(imm << 12) : pc + (uint64_t)imm;
		snprintf(out, n, "%-8s %s,0x%" PRIx64, x ? "ADRP" : "ADR", rn(a, rd, true, false), t);
	} else if ((op & 0x7FE0FFE0u) == 0x2A0003E0u) {           /* MOV (register) */
		snprintf(out, n, "%-8s %s,%s", "MOV", rn(a, rd, x, false), rn(b, (op >> 16) & 31, x, false));
	} else {
		snprintf(out, n, ".inst    0x%08" PRIx32, op);
	}
}

void tm_disasm_a32(uint32_t op, uint64_t pc, char *out, size_t n)
{
	unsigned cond = op >> 28;
	char m[8], s[32];

	/* the condition is a suffix, none for AL; 0b1111 is another space */
	if ((op & 0x0FFFFFF0u) == 0x01600070u && cond != 15) {          /* SMC #imm4 */
		snprintf(m, sizeof m, "SMC%s", cond == 14 ? "" : conds[cond]);
		snprintf(out, n, "%-8s #0x%x", m, op & 15);
	} else if ((op & 0x0FF000F0u) == 0x01400070u && cond == 14) {   /* HVC #imm12:imm4 */
		snprintf(out, n, "%-8s #0x%x", "HVC", ((op >> 4) & 0xFFF0) | (op & 15));
	} else if ((op & 0x0F7F0000u) == 0x051F0000u && cond != 15) {   /* LDR (literal): PC reads 8 ahead */
		int64_t off = 8 + ((op >> 23) & 1 ? 1 : -1) * (int64_t)(op & 0xFFF);
		snprintf(m, sizeof m, "LDR%s", cond == 14 ? "" : conds[cond]);
		snprintf(out, n, "%-8s r%u,%s ; 0x%" PRIx64, m, (op >> 12) & 15, rel(s, off), pc + (uint64_t)off);
	} else {
		snprintf(out, n, ".inst    0x%08" PRIx32, op);
	}
}
