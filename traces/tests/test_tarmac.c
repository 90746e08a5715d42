/*
 * test_tarmac.c - the Tarmac importer: the state machine turns small
 * traces into the records they mean (zero-extended W writes, HVC at EL1,
 * calls from AArch32 and from Secure state, lenient skipping, calls whose
 * x0 was not traced, times, registered entry points).
 * The lexer's own tests: test_tarmac_lex.c; a last line cut short:
 * test_tarmac_cut.c.
 */
#include <inttypes.h>
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
#include "tarmac_fixture.h"

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
	assert_int_equal(tm_test_import(w_extension, false, &o, &st, err, sizeof err), 0);
	assert_string_equal(o.text, "call t=4 pe=1 conduit=hvc el=1 h=0 fn=VERSION x0=0xc4000020 x1=? x2=? x3=? x4=? x5=? "
				    "end=ret r0=0x1000000000000 src=t.tarmac:6\n");
	assert_int_equal(st.records, 1);
	free(o.text);
}

/* Calls from AArch32: an A32 SMC in Hyp mode (EL2) whose return the
 * next instruction shows, a T32 SMC in Supervisor mode (EL1) whose
 * return the ELR and SPSR written before the ERET say (SPSR's M[3:0] is
 * the Supervisor mode: EL1, not M[3:2]'s 0), an A32 HVC to EL2 from
 * Undefined mode (EL1's, not M[3:2]'s 2), each with its mode.  R0..R5
 * lines are x0..x5's low halves, and the call's registers are 32 bits
 * (x1's upper half, from an X line before, is not the caller's). */
static const char aarch32_calls[] =
		"1 clk cpu0 R X1 FFFFFFFF00000000\n"
		"2 clk cpu0 IT (1) 0f000000 e59f0000 A hyp_n : LDR      r0,{pc}+0x8 ; 0xf000008\n"
		"2 clk cpu0 R R0 C4000020\n"
		"3 clk cpu0 IT (2) 0f000004 e1600070 A hyp_n : SMC      #0x0\n"
		"3 clk cpu0 E 000000000f000004 00000084 CoreEvent_LOWER_EL_AARCH32_SYNC\n"
		"3 clk cpu0 R ESR_EL3 000000004E000000\n"
		"3 clk cpu0 R ELR_EL3 000000000F000008\n"
		"3 clk cpu0 R SPSR_EL3 000000000000001A\n"
		"4 clk cpu0 IT (3) 04003600 92800000 O EL3h_s : MOV      x0,#-1\n"
		"4 clk cpu0 R X0 FFFFFFFFFFFFFFFF\n"
		"5 clk cpu0 IT (4) 04003604 d69f03e0 O EL3h_s : ERET\n"
		"6 clk cpu0 IT (5) 0f000008 e1a00000 A hyp_n : MOV      r0,r0\n"
		"7 clk cpu1 R r0 84000000\n"
		"8 clk cpu1 IT (1) 80000000 f7f08000 T svc_n : SMC      #0\n"
		"8 clk cpu1 E 0000000080000000 00000084 CoreEvent_LOWER_EL_AARCH32_SYNC\n"
		"9 clk cpu1 IT (2) 04003600 d51e4031 O EL3h_s : MSR      ELR_EL3,x17\n"
		"9 clk cpu1 R ELR_EL3 0000000080000004\n"
		"10 clk cpu1 IT (3) 04003604 d51e4010 O EL3h_s : MSR      SPSR_EL3,x16\n"
		"10 clk cpu1 R SPSR_EL3 0000000000000033\n"
		"11 clk cpu1 IT (4) 04003608 d2a00020 O EL3h_s : MOV      x0,#0x10000\n"
		"11 clk cpu1 R X0 0000000000010001\n"
		"12 clk cpu1 IT (5) 0400360c d69f03e0 O EL3h_s : ERET\n"
		"13 clk cpu2 R R0 C4000028\n"
		"13 clk cpu2 R R1 00000007\n"
		"14 clk cpu2 IT (1) 80000000 e1400070 A und_n : HVC      #0x0\n"
		"14 clk cpu2 E 0000000080000000 00000084 CoreEvent_LOWER_EL_AARCH32_SYNC\n"
		"15 clk cpu2 IT (2) 06003400 d69f03e0 O EL2h_n : ERET\n"
		"16 clk cpu2 IT (3) 80000004 e1a00000 A und_n : MOV      r0,r0\n"
	;

static void calls_from_aarch32(void **state)
{
	struct out o;
	struct import_stats st;
	char err[300];

	(void)state;
	assert_int_equal(tm_test_import(aarch32_calls, false, &o, &st, err, sizeof err), 0);
	assert_string_equal(o.text,
		"call t=3 pe=0 conduit=smc el=2 aarch32=hyp h=0 fn=VERSION x0=0xc4000020 x1=0x0 x2=? x3=? x4=? x5=? "
		"end=ret r0=0xffffffffffffffff r1=0xffffffff00000000 src=t.tarmac:4\n"
		"call t=8 pe=1 conduit=smc el=1 aarch32=svc h=0 fn=PSCI_VERSION x0=0x84000000 x1=? x2=? x3=? x4=? x5=? "
		"end=ret r0=0x10001 src=t.tarmac:14\n"
		"call t=14 pe=2 conduit=hvc el=1 aarch32=und h=0 fn=EVENT_STATUS x0=0xc4000028 x1=0x7 x2=? x3=? x4=? "
		"x5=? end=ret r0=0xc4000028 r1=0x7 src=t.tarmac:25\n");
	assert_int_equal(st.records, 3);
	free(o.text);
}

/* Calls from Secure state: an SMC at EL1 and at EL2 whose mode field says
 * _s (S-EL1 or S-EL2 software, which the dispatcher must refuse) is a
 * call with secure=1, an A32 one in svc_s too (with its mode); the same
 * SMC at EL1 with _n, later, is the client's, Non-secure. */
static const char secure_calls[] =
		"1 clk cpu0 R X0 00000000C4000020\n"
		"2 clk cpu0 IT (1) 80001000 d4000003 O EL1h_s : SMC      #0x0\n"
		"2 clk cpu0 E 0000000080001000 00000084 CoreEvent_LOWER_EL_AARCH64_SYNC\n"
		"3 clk cpu0 IT (2) 04003400 92800000 O EL3h_s : MOV      x0,#-1\n"
		"3 clk cpu0 R X0 FFFFFFFFFFFFFFFF\n"
		"4 clk cpu0 IT (3) 04003404 d69f03e0 O EL3h_s : ERET\n"
		"5 clk cpu0 IT (4) 80001004 d2800400 O EL1h_s : MOV      x0,#0x20\n"
		"5 clk cpu0 R X0 0000000000000020\n"
		"6 clk cpu1 R X0 0000000084000000\n"
		"7 clk cpu1 IT (1) 80002000 d4000003 O EL2h_s : SMC      #0x0\n"
		"7 clk cpu1 E 0000000080002000 00000084 CoreEvent_LOWER_EL_AARCH64_SYNC\n"
		"8 clk cpu1 IT (2) 04003400 d2a00020 O EL3h_s : MOV      x0,#0x10000\n"
		"8 clk cpu1 R X0 0000000000010001\n"
		"9 clk cpu1 IT (3) 04003404 d69f03e0 O EL3h_s : ERET\n"
		"10 clk cpu1 IT (4) 80002004 d503201f O EL2h_s : NOP\n"
		"11 clk cpu2 R r0 C4000020\n"
		"12 clk cpu2 IT (1) 80000000 e1600070 A svc_s : SMC      #0x0\n"
		"12 clk cpu2 E 0000000080000000 00000084 CoreEvent_LOWER_EL_AARCH32_SYNC\n"
		"13 clk cpu2 IT (2) 04003600 92800000 O EL3h_s : MOV      x0,#-1\n"
		"13 clk cpu2 R X0 FFFFFFFFFFFFFFFF\n"
		"14 clk cpu2 IT (3) 04003604 d69f03e0 O EL3h_s : ERET\n"
		"15 clk cpu2 IT (4) 80000004 e1a00000 A svc_s : MOV      r0,r0\n"
		"16 clk cpu0 R X0 00000000C4000020\n"
		"17 clk cpu0 IT (5) 80003000 d4000003 O EL1h_n : SMC      #0x0\n"
		"17 clk cpu0 E 0000000080003000 00000084 CoreEvent_LOWER_EL_AARCH64_SYNC\n"
		"18 clk cpu0 IT (6) 04003400 d2800020 O EL3h_s : MOV      x0,#0x1\n"
		"18 clk cpu0 R X0 0001000100000000\n"
		"19 clk cpu0 IT (7) 04003404 d69f03e0 O EL3h_s : ERET\n"
		"20 clk cpu0 IT (8) 80003004 d503201f O EL1h_n : NOP\n"
	;

static void calls_from_secure_state(void **state)
{
	struct out o;
	struct import_stats st;
	char err[300];

	(void)state;
	assert_int_equal(tm_test_import(secure_calls, false, &o, &st, err, sizeof err), 0);
	assert_string_equal(o.text,
		"call t=2 pe=0 conduit=smc el=1 secure=1 h=0 fn=VERSION x0=0xc4000020 x1=? x2=? x3=? x4=? x5=? "
		"end=ret r0=0xffffffffffffffff src=t.tarmac:2\n"
		"call t=7 pe=1 conduit=smc el=2 secure=1 h=0 fn=PSCI_VERSION x0=0x84000000 x1=? x2=? x3=? x4=? x5=? "
		"end=ret r0=0x10001 src=t.tarmac:10\n"
		"call t=12 pe=2 conduit=smc el=1 aarch32=svc secure=1 h=0 fn=VERSION x0=0xc4000020 x1=? x2=? x3=? "
		"x4=? x5=? end=ret r0=0xffffffffffffffff src=t.tarmac:17\n"
		"call t=17 pe=0 conduit=smc el=1 h=0 fn=VERSION x0=0xc4000020 x1=? x2=? x3=? x4=? x5=? "
		"end=ret r0=0x1000100000000 src=t.tarmac:24\n");
	assert_int_equal(st.records, 4);
	free(o.text);
}

/* Calls that are not taken to a higher EL: an HVC made at EL2 and taken
 * to EL2 (PE 0: an EL2 dispatcher's own EL), an SMC made at EL3 (PE 2:
 * from EL3, always Secure, so no secure=1), each back at the instruction
 * after it by an ERET; and an HVC that came back with no exception at
 * all (PE 1: the export of a call through the conduit no dispatcher is
 * on), whose result is x0 at the next instruction.  On PE 3 an SMC
 * without an exception line goes on at EL3's vector: not back yet; on PE
 * 4 an SMC at EL3 without one, and without ELR written, comes back to the
 * instruction after it, which is no exception's target.  PE 5's HVC at
 * EL3 is no call: EL3 takes it itself. */
static const char untrapped_calls[] =
		"1 clk cpu0 R X0 00000000C4000020\n"
		"2 clk cpu0 IT (1) 0f001018 d4000002 O EL2h_n : HVC      #0x0\n"
		"2 clk cpu0 E 000000000f001018 00000084 CoreEvent_CURRENT_SPx_SYNC\n"
		"2 clk cpu0 R ELR_EL2 000000000F00101C\n"
		"3 clk cpu0 IT (2) 06003200 92800000 O EL2h_n : MOV      x0,#-1\n"
		"3 clk cpu0 R X0 FFFFFFFFFFFFFFFF\n"
		"4 clk cpu0 IT (3) 06003204 d69f03e0 O EL2h_n : ERET\n"
		"5 clk cpu0 IT (4) 0f00101c d503201f O EL2h_n : NOP\n"
		"6 clk cpu1 R X0 00000000C4000020\n"
		"7 clk cpu1 IT (1) 00400008 d4000002 O EL1h_n : HVC      #0x0\n"
		"7 clk cpu1 R X0 FFFFFFFFFFFFFFFF\n"
		"8 clk cpu1 IT (2) 0040000c d503201f O EL1h_n : NOP\n"
		"9 clk cpu2 R X0 00000000C4000020\n"
		"10 clk cpu2 IT (1) 04100000 d4000003 O EL3h_s : SMC      #0x0\n"
		"10 clk cpu2 E 0000000004100000 00000084 CoreEvent_CURRENT_SPx_SYNC\n"
		"10 clk cpu2 R ELR_EL3 0000000004100004\n"
		"11 clk cpu2 IT (2) 04003200 92800000 O EL3h_s : MOV      x0,#-1\n"
		"11 clk cpu2 R X0 FFFFFFFFFFFFFFFF\n"
		"12 clk cpu2 IT (3) 04003204 d69f03e0 O EL3h_s : ERET\n"
		"13 clk cpu2 IT (4) 04100004 d503201f O EL3h_s : NOP\n"
		"14 clk cpu3 R X0 00000000C4000020\n"
		"15 clk cpu3 IT (1) 80000000 d4000003 O EL1h_n : SMC      #0x0\n"
		"16 clk cpu3 IT (2) 04003400 d2800000 O EL3h_s : MOV      x0,#0\n"
		"16 clk cpu3 R X0 0001000100000000\n"
		"17 clk cpu3 IT (3) 04003404 d69f03e0 O EL3h_s : ERET\n"
		"18 clk cpu3 IT (4) 80000004 d503201f O EL1h_n : NOP\n"
		"19 clk cpu4 R X0 00000000C4000020\n"
		"20 clk cpu4 IT (1) 04100000 d4000003 O EL3h_s : SMC      #0x0\n"
		"21 clk cpu4 IT (2) 04003200 92800000 O EL3h_s : MOV      x0,#-1\n"
		"21 clk cpu4 R X0 FFFFFFFFFFFFFFFF\n"
		"22 clk cpu4 IT (3) 04003204 d69f03e0 O EL3h_s : ERET\n"
		"23 clk cpu4 IT (4) 04100004 d503201f O EL3h_s : NOP\n"
		"24 clk cpu5 R X0 00000000C4000020\n"
		"25 clk cpu5 IT (1) 04100000 d4000002 O EL3h_s : HVC      #0x0\n"
		"26 clk cpu5 IT (2) 04100004 d503201f O EL3h_s : NOP\n"
	;

static void calls_not_taken_to_a_higher_el(void **state)
{
	struct out o;
	struct import_stats st;
	char err[300];

	(void)state;
	assert_int_equal(tm_test_import(untrapped_calls, false, &o, &st, err, sizeof err), 0);
	assert_string_equal(o.text,
		"call t=2 pe=0 conduit=hvc el=2 h=0 fn=VERSION x0=0xc4000020 x1=? x2=? x3=? x4=? x5=? "
		"end=ret r0=0xffffffffffffffff src=t.tarmac:2\n"
		"call t=7 pe=1 conduit=hvc el=1 h=0 fn=VERSION x0=0xc4000020 x1=? x2=? x3=? x4=? x5=? "
		"end=ret r0=0xffffffffffffffff src=t.tarmac:10\n"
		"call t=10 pe=2 conduit=smc el=3 h=0 fn=VERSION x0=0xc4000020 x1=? x2=? x3=? x4=? x5=? "
		"end=ret r0=0xffffffffffffffff src=t.tarmac:14\n"
		"call t=15 pe=3 conduit=smc el=1 h=0 fn=VERSION x0=0xc4000020 x1=? x2=? x3=? x4=? x5=? "
		"end=ret r0=0x1000100000000 src=t.tarmac:22\n"
		"call t=20 pe=4 conduit=smc el=3 h=0 fn=VERSION x0=0xc4000020 x1=? x2=? x3=? x4=? x5=? "
		"end=ret r0=0xffffffffffffffff src=t.tarmac:28\n");
	assert_int_equal(st.records, 5);
	free(o.text);
}

/* An interrupt acknowledged at EL3 and not dispatched, at times t..t+7
 * from input line `line`: the ERET goes back to what it interrupted.
 * `store` (lines at time t+2), `load` (the way out's LDR's memory line)
 * and `elr` (ELR written before the ERET: its target known there) vary.
 * Appends to buf (n bytes in all); 13 lines, 12 without `load` or `elr`. */
static void fiq_not_dispatched(char *buf, size_t n, unsigned t, uint32_t intid, const char *store, bool load,
			       bool elr)
{
	size_t at = strlen(buf);
	char ld[100], el[200];

	snprintf(ld, sizeof ld, "%u clk cpu0 MR8 04100000:000004100000_S 00000000_00000000\n", t + 4);
	snprintf(el, sizeof el, "%u clk cpu0 IT (5) 0400600c d51e4031 O EL3h_s : MSR      ELR_EL3,x17\n"
		 "%u clk cpu0 R ELR_EL3 0000000080001000\n", t + 5, t + 5);
	snprintf(buf + at, n - at,
		 "%u clk cpu0 E 0000000080001000 00000086 CoreEvent_FIQ\n"
		 "%u clk cpu0 R ELR_EL3 0000000080001000\n"
		 "%u clk cpu0 R SPSR_EL3 0000000000000009\n"
		 "%u clk cpu0 IT (1) 04003504 d538c800 O EL3h_s : MRS      x0,ICC_IAR0_EL1\n"
		 "%u clk cpu0 R X0 %016" PRIx32 "\n"
		 "%s"
		 "%u clk cpu0 IT (3) 0400350c d518c820 O EL3h_s : MSR      ICC_EOIR0_EL1,x0\n"
		 "%u clk cpu0 IT (4) 04006000 f94003e0 O EL3h_s : LDR      x0,[sp,#0x0]\n"
		 "%s"
		 "%u clk cpu0 R X0 0000000000000000\n"
		 "%s"
		 "%u clk cpu0 IT (6) 04006010 d69f03e0 O EL3h_s : ERET\n"
		 "%u clk cpu0 IT (7) 80001000 d503201f O EL2h_n : NOP\n",
		 t, t, t, t + 1, t + 1, intid, store, t + 3, t + 4, load ? ld : "", t + 4, elr ? el : "", t + 6, t + 7);
}

/* What the firmware did with an interrupt it did not dispatch, as a
 * trace of loads and stores shows it (tarmac_gic.c): a store that sets
 * the INTID pending again (GICD_ISPENDR<n> for an SPI, any
 * redistributor's GICR_ISPENDR0 for an SGI or PPI, the bit inside a
 * wider store too) is `res=repended`; none, `res=ended`; in a trace
 * without loads and stores it cannot tell, and says nothing; nor where
 * the ERET's target is not known when it executes (no ELR written). */
static void acknowledgements_ended_or_pended_again(void **state)
{
	static const struct { uint32_t intid; const char *store; bool load, elr; const char *res; } cases[] = {
		{ 40, "3 clk cpu0 MW4 2f000204:00002f000204_S 00000100\n", true, true, " res=repended" },
		{ 40, "3 clk cpu0 MW8 2f000200 00000100_00000000\n", true, true, " res=repended" },
		{ 40, "", true, true, " res=ended" },
		{ 40, "3 clk cpu0 MW4 2f000204:00002f000204_S 00000200\n", true, true, " res=ended" },   /* INTID 41's */
		{ 40, "3 clk cpu0 MW4 2f000284:00002f000284_S 00000100\n", true, true, " res=ended" },   /* ICPENDR1 */
		{ 40, "3 clk cpu0 MR4 2f000204:00002f000204_S 00000100\n", true, true, " res=ended" },   /* a read */
		{ 8, "3 clk cpu0 MW4 2f170200:00002f170200_S 00000100\n", true, true, " res=repended" },  /* frame 3 */
		{ 8, "3 clk cpu0 MW4 2f000200:00002f000200_S 00000100\n", true, true, " res=ended" },     /* GICD's */
		{ 40, "", false, true, "" },
		{ 40, "3 clk cpu0 MW4 2f000204:00002f000204_S 00000100\n", false, true, " res=repended" },
		{ 40, "3 clk cpu0 MW4 2f000204:00002f000204_S 00000100\n", true, false, "" },
		{ 40, "", true, false, "" },
	};
	char text[2048], want[200];
	struct out o;
	struct import_stats st;
	char err[300];
	(void)state;

	/* the client runs first, so that the FIQ raises the EL (a stay's ELR
	 * is fresh once written in it) */
	static const char client[] = "0 clk cpu0 IT (0) 80000ffc d503201f O EL2h_n : NOP\n";

	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		strcpy(text, client);
		fiq_not_dispatched(text, sizeof text, 1, cases[k].intid, cases[k].store, cases[k].load, cases[k].elr);
		assert_int_equal(tm_test_import(text, false, &o, &st, err, sizeof err), 0);
		snprintf(want, sizeof want, "irq t=2 pe=0 intid=%" PRIu32 " how=ack%s src=t.tarmac:6\n",
			 cases[k].intid, cases[k].res);
		if (strcmp(o.text, want) != 0)
			fail_msg("case %zu: got '%s', want '%s'", k, o.text, want);
		free(o.text);
	}

	/* each acknowledgement its own: the store of the first does not make
	 * the second, with none, repended */
	strcpy(text, client);
	fiq_not_dispatched(text, sizeof text, 1, 40, "3 clk cpu0 MW4 2f000204:00002f000204_S 00000100\n", true, true);
	fiq_not_dispatched(text, sizeof text, 11, 40, "", true, true);
	assert_int_equal(tm_test_import(text, false, &o, &st, err, sizeof err), 0);
	assert_string_equal(o.text, "irq t=2 pe=0 intid=40 how=ack res=repended src=t.tarmac:6\n"
				    "irq t=12 pe=0 intid=40 how=ack res=ended src=t.tarmac:20\n");
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
	assert_int_equal(tm_test_import(text, false, &o, &st, err, sizeof err), -1);
	assert_string_equal(err, "t.tarmac:2:19: bad opcode 'd4': expected 4 or 8 hex digits");
	free(o.text);
	assert_int_equal(tm_test_import(text, true, &o, &st, err, sizeof err), 0);
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
	assert_int_equal(tm_test_import(text, false, &o, &st, err, sizeof err), 0);
	assert_string_equal(err, "");
	assert_int_equal(st.used, 3);
	free(o.text);
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
	assert_int_equal(tm_test_import(g.text, false, &o, &st, err, sizeof err), 0);
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
	assert_int_equal(tm_test_import(g.text, false, &o, &st, err, sizeof err), 0);
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
		{ "", "t.tarmac:1:1: no Tarmac line: the input is empty" },
		{ "# sdeisim\n\nSome text, with R and E and IT in it.\n## Tarmac import\n`CADI E simulation_stopped` once\n",
		  "t.tarmac:1:1: no Tarmac line in 5 lines (is it a Tarmac trace?)" },
		{ "NOTICE:  Booting Trusted Firmware\nVERBOSE: SDEI: > VER\nVERBOSE: SDEI: < VER:1000000000000\n",
		  "t.tarmac:1:1: no Tarmac line in 3 lines (is it a Tarmac trace?)" },
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
			assert_int_equal(tm_test_import(bad[k].text, lenient, &o, &st, err, sizeof err), -1);
			assert_string_equal(err, bad[k].err);
			free(o.text);
		}
	for (size_t k = 0; k < sizeof good / sizeof good[0]; k++) {
		if (tm_test_import(good[k], false, &o, &st, err, sizeof err) != 0)
			fail_msg("'%s': %s", good[k], err);
		free(o.text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hvc_and_w_registers),
		cmocka_unit_test(calls_from_aarch32),
		cmocka_unit_test(calls_from_secure_state),
		cmocka_unit_test(calls_not_taken_to_a_higher_el),
		cmocka_unit_test(acknowledgements_ended_or_pended_again),
		cmocka_unit_test(unknown_x0_and_lenient),
		cmocka_unit_test(whole_and_fractional_times),
		cmocka_unit_test(every_registration_is_remembered),
		cmocka_unit_test(registrations_past_the_limit_are_warnings),
		cmocka_unit_test(no_tarmac_line_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
