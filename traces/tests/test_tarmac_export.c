/*
 * test_tarmac_export.c - the Tarmac export: the disassembly column against
 * llvm-mc's encodings; the CPU tracer reports instructions with their
 * registers while set and nothing once cleared; an exported run imports
 * back to the calls, dispatches and completions the recorder records for
 * the same run; a call from AArch32 is written in A32 and imports as one,
 * and one from Secure state in its mode with the suffix _s, and imports
 * as one.
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
#include "pb.h"
#include "tarmac_export.h"
#include "trace_recorder.h"
#include "cpu_fixture.h"

/* An instruction at pc, and the text the export writes for it. */
struct disasm_case {
	uint32_t op;
	uint64_t pc;
	const char *text;
};

/* How many of cases[0..n) dis writes another text for (each printed). */
static unsigned misread(const struct disasm_case *cases, size_t n,
			void (*dis)(uint32_t op, uint64_t pc, char *out, size_t n))
{
	unsigned failures = 0;

	for (size_t k = 0; k < n; k++) {
		char text[64];
		dis(cases[k].op, cases[k].pc, text, sizeof text);
		if (strcmp(text, cases[k].text) != 0) {
			print_message("0x%08x: expected '%s', got '%s'\n", cases[k].op, cases[k].text, text);
			failures++;
		}
	}
	return failures;
}

/* Encodings from `llvm-mc -triple=aarch64 -show-encoding`. */
static void disassembly(void **state)
{
	static const struct disasm_case cases[] = {
		{ 0xD4000003, 0, "SMC      #0x0" },
		{ 0xD4000002, 0, "HVC      #0x0" },
		{ 0xD40BA021, 0, "SVC      #0x5d01" },
		{ 0xD69F03E0, 0, "ERET" },
		{ 0xD503207F, 0, "WFI" },
		{ 0xD538C800, 0, "MRS      x0,ICC_IAR0_EL1" },
		{ 0xD518C820, 0, "MSR      ICC_EOIR0_EL1,x0" },
		{ 0xD518C831, 0, "MSR      ICC_EOIR0_EL1,x17" },
		{ 0xD51E4031, 0, "MSR      ELR_EL3,x17" },
		{ 0xD51C4010, 0, "MSR      SPSR_EL2,x16" },
		{ 0xA94007E0, 0, "LDP      x0,x1,[sp,#0]" },
		{ 0xA9410FE2, 0, "LDP      x2,x3,[sp,#16]" },
		{ 0x58000045, 0x1000, "LDR      x5,{pc}+0x8 ; 0x1008" },
		{ 0x14000040, 0x1000, "B        {pc}+0x100 ; 0x1100" },
		{ 0x17FFFE3E, 0x11008, "B        {pc}-0x708 ; 0x10900" },
		{ 0x54000362, 0x10910, "B.HS     {pc}+0x6c ; 0x1097c" },
		{ 0xF8707A30, 0, "LDR      x16,[x17,x16,LSL #3]" },
		{ 0xB9400609, 0, "LDR      w9,[x16,#0x4]" },
		{ 0xF90007E1, 0, "STR      x1,[sp,#0x8]" },
		{ 0x8B09094A, 0, "ADD      x10,x10,x9,LSL #2" },
		{ 0xCB030041, 0, "SUB      x1,x2,x3" },
		{ 0x7100153F, 0, "CMP      w9,#0x5" },
		{ 0x91010210, 0, "ADD      x16,x16,#0x40" },
		{ 0xD2A00211, 0, "MOV      x17,#0x10,LSL #16" },
		{ 0xD61F0140, 0, "BR       x10" },
		{ 0x1000006A, 0x10914, "ADR      x10,0x10920" },
		{ 0x12345678, 0, ".inst    0x12345678" },
	};
	(void)state;
	assert_int_equal(misread(cases, sizeof cases / sizeof cases[0], tm_disasm), 0);
}

/* Encodings from `llvm-mc -triple=armv7a -mattr=+virtualization,+trustzone
 * -show-encoding`: the instructions of a call from AArch32. */
static void disassembly_a32(void **state)
{
	static const struct disasm_case cases[] = {
		{ 0xE1600070, 0, "SMC      #0x0" },
		{ 0x0160007F, 0, "SMCEQ    #0xf" },
		{ 0xE1400070, 0, "HVC      #0x0" },
		{ 0xE1412373, 0, "HVC      #0x1233" },
		{ 0xE59F0000, 0x0F000000, "LDR      r0,{pc}+0x8 ; 0xf000008" },
		{ 0xE59F5004, 0x0F000014, "LDR      r5,{pc}+0xc ; 0xf000020" },
		{ 0xE51F1004, 0x1000, "LDR      r1,{pc}+0x4 ; 0x1004" },
		{ 0xF1600070, 0, ".inst    0xf1600070" },
		{ 0xD4000003, 0, ".inst    0xd4000003" },
	};
	(void)state;
	assert_int_equal(misread(cases, sizeof cases / sizeof cases[0], tm_disasm_a32), 0);
}

/* PE 0 signals itself; event 0's handler reads its status and completes -
 * or, paused, pauses after its STATUS, and PE 0's next STATUS and its
 * COMPLETE are steps made in the paused handler's context. */
static void signal_self(struct pb *b, bool paused)
{
	int h;

	pb_init(b);
	h = pb_handler(b, "h");
	pb_call1(b, SIM_NONE, SDD_FID_EVENT_STATUS, V(0));
	if (paused)
		pb_yield(b);
	pb_complete(b, SDD_EV_HANDLED);
	pb_end(b);
	pb_register(b, 0, 0, h, 0x77, 0, V(0));
	pb_call1(b, 0, SDD_FID_EVENT_ENABLE, V(0));
	pb_call0(b, 0, SDD_FID_PE_UNMASK);
	pb_call2(b, 0, SDD_FID_EVENT_SIGNAL, V(0), VMPIDR(0));
	if (paused) {
		pb_call1(b, 0, SDD_FID_EVENT_STATUS, V(0));
		pb_call1(b, 0, SDD_FID_EVENT_COMPLETE, V(SDD_EV_HANDLED));
	}
	pb_call1(b, 0, SDD_FID_EVENT_STATUS, V(0));
}

static void build(struct pb *b)
{
	signal_self(b, false);
}

static void build_paused(struct pb *b)
{
	signal_self(b, true);
}

struct seen { unsigned insns, smcs; uint64_t x0_at_smc; };

static void count(void *tctx, const struct sim_ctx *run, uint64_t pc, uint32_t op,
		  const uint64_t regs[SIM_CPU_TRACE_REGS])
{
	struct seen *s = tctx;

	(void)run;
	(void)pc;
	s->insns++;
	if ((op & 0xFFE0001Fu) == 0xD4000003u) {
		s->smcs++;
		s->x0_at_smc = regs[0];
	}
}

static void tracer_on_and_off(void **state)
{
	struct pb b;
	struct sim_result res;
	struct seen s = { 0, 0, 0 };
	struct sim_cpu_tracer tr = { count, &s };

	(void)state;
	build(&b);
	sim_cpu_set_tracer(cpu, &tr);
	assert_int_equal(sim_run(cpu, &b.p, NULL, &res), 0);
	assert_true(res.passed);
	assert_true(s.insns > 10);
	assert_int_equal(s.smcs, 2);                   /* the handler's STATUS and COMPLETE */
	assert_true(s.x0_at_smc == SDD_FID_EVENT_COMPLETE);
	sim_cpu_set_tracer(cpu, NULL);
	memset(&s, 0, sizeof s);
	assert_int_equal(sim_run(cpu, &b.p, NULL, &res), 0);
	assert_true(res.passed);
	assert_int_equal(s.insns, 0);                  /* off: not called, and the code retranslated */
	pb_free(&b);
}

/* Kinds of records, as a string: c call (C: made in a handler's context,
 * h=1), d dispatch, f complete, i ack. */
struct kinds { char s[64]; size_t n; };

static int add_kind(void *ctx, const struct trace_rec *r)
{
	struct kinds *k = ctx;
	static const char code[TRACE_KIND_COUNT] = { 'c', 'd', 'f', 'i', 'p', 'P', 'w' };

	if (r->kind == TRACE_IRQ && r->how == TRACE_IRQ_FIRE)
		return 0;                              /* the recorder's only */
	if (k->n + 1 < sizeof k->s)
		k->s[k->n++] = r->kind == TRACE_CALL && r->from_handler ? 'C' : code[r->kind];
	return 0;
}

static int emit_to(void *ctx, const struct trace_rec *r)
{
	return trace_write(ctx, r);
}

/* The Tarmac text of the run of p, which must pass (the caller frees
 * it); its length in *len when len is not NULL. */
/* (Not inlined: GCC 12 at -O3 takes the text it returns for a pointer
 * to its local `text`, whose address open_memstream keeps, and warns of
 * a dangling pointer at every use.) */
__attribute__((noinline)) static char *exported(const struct sim_program *p, size_t *len)
{
	struct sim_result res;
	char *text = NULL;
	size_t n;
	FILE *f = open_memstream(&text, &n);

	assert_int_equal(tarmac_export(cpu, p, f, &res), 0);
	fclose(f);
	if (!res.passed)
		fail_msg("%s", res.message);
	if (len)
		*len = n;
	return text;
}

/* Export the run of p, which must pass, into *text, and import it back
 * into *trace (the caller frees both).  Returns the records imported. */
static unsigned export_and_import(const struct sim_program *p, char **text, char **trace)
{
	struct import_opts io;
	struct import_stats st;
	struct linein *in;
	char err[300];
	size_t len, tlen;
	FILE *f;

	*text = exported(p, &len);
	memset(&io, 0, sizeof io);
	f = open_memstream(trace, &tlen);
	io.emit = emit_to;
	io.emit_ctx = f;
	in = linein_open_mem((const uint8_t *)*text, len, "x.tarmac");
	if (tarmac_import(in, &io, &st, err, sizeof err) != 0)
		fail_msg("import: %s", err);
	linein_close(in);
	fclose(f);
	return st.records;
}

/* The kinds of records the Tarmac export of the program make builds
 * imports to, which must be those the recorder writes for the same run:
 * into *imported.  Returns the export's text (the caller frees it). */
static char *imports_as_recorded(void (*make)(struct pb *), struct kinds *imported)
{
	struct pb pb, *b = &pb;
	struct kinds recorded = { "", 0 };
	struct import_opts io;
	struct import_stats st;
	struct trace_recorder *rec;
	struct sim_run_opts ro;
	struct sim_observer none = { NULL, NULL };
	struct sim_result res;
	struct trace_reader *rd;
	struct trace_rec r;
	struct linein *in;
	char *text, *trace = NULL, err[300];
	size_t len, tlen;
	FILE *f;

	make(b);
	text = exported(&b->p, &len);
	memset(&io, 0, sizeof io);
	io.emit = add_kind;
	io.emit_ctx = imported;
	in = linein_open_mem((const uint8_t *)text, len, "x.tarmac");
	assert_int_equal(tarmac_import(in, &io, &st, err, sizeof err), 0);
	linein_close(in);
	/* the same run through the recorder */
	f = open_memstream(&trace, &tlen);
	rec = trace_recorder_open(f, &b->p);
	memset(&ro, 0, sizeof ro);
	ro.observer = trace_recorder_observer(rec, none);
	assert_int_equal(sim_run(cpu, &b->p, &ro, &res), 0);
	assert_true(res.passed);
	assert_int_equal(trace_recorder_close(rec), 0);
	fclose(f);
	f = fmemopen(trace, tlen, "r");
	rd = trace_reader_open(f, "r.trace");
	while (trace_read(rd, &r) == 1)
		if (r.kind != TRACE_PLATFORM)
			add_kind(&recorded, &r);
	trace_reader_close(rd);
	fclose(f);
	free(trace);
	pb_free(b);
	assert_string_equal(imported->s, recorded.s);
	return text;
}

static void exported_run_imports_as_recorded(void **state)
{
	struct kinds imported = { "", 0 };
	char *text = imports_as_recorded(build, &imported);

	(void)state;
	assert_non_null(strstr(text, " clk cpu0 IT ("));
	assert_non_null(strstr(text, " E 0000000000000000 00000000 CoreEvent_Reset"));
	assert_non_null(strstr(text, " CoreEvent_LOWER_EL_AARCH64_SYNC"));
	assert_non_null(strstr(text, " MRS      x0,ICC_IAR0_EL1"));
	assert_string_equal(imported.s, "ccccidCCfc");   /* REGISTER ENABLE UNMASK SIGNAL, ack, dispatch, STATUS COMPLETE, completion, STATUS */
	free(text);
}

/* A step's call made while a handler is paused on its PE is made in that
 * handler's context: h=1 in the recorder's trace as in the import of the
 * Tarmac export (the recorder wrote h=0, and h=0 with end=complete for
 * the step's COMPLETE). */
static void step_call_in_paused_handler_imports_as_recorded(void **state)
{
	struct kinds imported = { "", 0 };

	(void)state;
	free(imports_as_recorded(build_paused, &imported));
	assert_string_equal(imported.s, "ccccidCCCfc");  /* ..., dispatch, STATUS, STATUS and COMPLETE made by steps, completion, STATUS */
}

/* A step's call from AArch32 is written as an AArch32 caller's on an FVP:
 * A32 LDRs of r0..r5 and SMC (HVC) in the mode of its EL, the exception
 * through the vector for a lower EL in AArch32 (+0x600) with the EC of an
 * SMC32 (HVC32) and SPSR's nRW and mode, the ERET back to it; and it
 * imports as the call from AArch32 it was, in its mode (Abort mode's at
 * EL1 too), a call from AArch64 after it as one from AArch64. */
static void call_from_aarch32_exports_as_a32(void **state)
{
	static const struct {
		unsigned conduit, el;
		const char *smc, *esr, *spsr, *vector, *vec_insn, *status, *psci, *abt, *a64;
	} conduits[] = {
		{ SIM_CONDUIT_SMC, 2, " e1600070 A hyp_n : SMC      #0x0\n", "R ESR_EL3 000000004E000000\n",
		  "R SPSR_EL3 000000000000001A\n", "CoreEvent_LOWER_EL_AARCH32_SYNC\n", " 04003600 ",
		  " el=2 aarch32=hyp h=0 fn=EVENT_STATUS x0=0xc4000028 x1=0x0 x2=0x0 x3=0x0 x4=0x0 x5=0x0 end=ret "
		  "r0=0xffffffffffffffff ", " el=2 aarch32=hyp h=0 fn=PSCI_VERSION x0=0x84000000 ",
		  " e1600070 A abt_n : SMC      #0x0\n", " el=2 h=0 fn=VERSION x0=0xc4000020 " },
		{ SIM_CONDUIT_HVC, 1, " e1400070 A svc_n : HVC      #0x0\n", "R ESR_EL2 000000004A000000\n",
		  "R SPSR_EL2 0000000000000013\n", "CoreEvent_LOWER_EL_AARCH32_SYNC\n", " 06003600 ",
		  " el=1 aarch32=svc h=0 fn=EVENT_STATUS x0=0xc4000028 x1=0x0 x2=0x0 x3=0x0 x4=0x0 x5=0x0 end=ret "
		  "r0=0xffffffffffffffff ", " el=1 aarch32=svc h=0 fn=PSCI_VERSION x0=0x84000000 ",
		  " e1400070 A abt_n : HVC      #0x0\n", " el=1 h=0 fn=VERSION x0=0xc4000020 " },
	};

	(void)state;
	for (size_t k = 0; k < sizeof conduits / sizeof conduits[0]; k++) {
		struct pb b;
		char *text = NULL, *trace = NULL;

		pb_init(&b);
		b.p.platform.conduit = (uint8_t)conduits[k].conduit;
		b.p.platform.client_el = (uint8_t)conduits[k].el;
		pb_call1(&b, 0, SDD_FID_EVENT_STATUS, V(0));
		b.p.steps[b.p.nsteps - 1].aarch32 = 1;
		pb_expect(&b, SDD_NOT_SUPPORTED);
		pb_call0(&b, 0, 0x84000000u);            /* PSCI_VERSION, SMC32: answered */
		b.p.steps[b.p.nsteps - 1].aarch32 = 1;
		pb_call0(&b, 0, SDD_FID_VERSION);        /* from Abort mode, EL1's */
		b.p.steps[b.p.nsteps - 1].aarch32 = (uint8_t)SIM_A32_MODE(0x7);
		b.p.steps[b.p.nsteps - 1].from_el = conduits[k].el == 1 ? 0 : 1;
		pb_expect(&b, SDD_NOT_SUPPORTED);
		pb_call0(&b, 0, SDD_FID_VERSION);        /* from AArch64 */
		assert_int_equal(export_and_import(&b.p, &text, &trace), 4);
		assert_non_null(strstr(text, conduits[k].smc));
		assert_non_null(strstr(text, " e59f0000 A "));
		assert_non_null(strstr(text, conduits[k].abt));
		assert_non_null(strstr(text, "R R0 C4000028\n"));
		assert_non_null(strstr(text, conduits[k].esr));
		assert_non_null(strstr(text, conduits[k].spsr));
		assert_non_null(strstr(text, conduits[k].vector));
		assert_non_null(strstr(text, conduits[k].vec_insn));
		assert_non_null(strstr(trace, conduits[k].status));
		assert_non_null(strstr(trace, conduits[k].psci));
		assert_non_null(strstr(trace, " el=1 aarch32=abt h=0 fn=VERSION x0=0xc4000020 "));
		assert_non_null(strstr(trace, conduits[k].a64));
		free(text);
		free(trace);
		pb_free(&b);
	}
}

/* The SPSR the exception of the first line holding what at its end writes
 * (what: "LOWER_EL_AARCH64_SERROR\n"), or ~0 when there is none. */
static uint64_t spsr_at(const char *text, const char *what)
{
	const char *e = strstr(text, what), *r = e ? strstr(e, "R SPSR_EL") : NULL;
	unsigned long long v;

	if (r == NULL || sscanf(r, "R SPSR_EL%*u %llx", &v) != 1)
		return ~0ull;
	return v;
}

/* A firmware's explicit dispatch after a step's call from AArch32 (or
 * from another EL) interrupts the PE's main context, as the handler's x3
 * says: the SError is taken from AArch64 at the client EL, its SPSR the
 * main context's PSTATE, not the state the call returned to (which the
 * simulator put back to the context's own after the call). */
/* Private event 0x40000300, which firmware dispatches explicitly (no
 * interrupt), registered on PE 0 to handler h, enabled, and PE 0
 * unmasked. */
#define EXPLICIT_EVENT 0x40000300
static void explicit_event(struct pb *b, int h)
{
	struct sim_event *e = &b->p.platform.events[b->p.platform.nevents++];

	memset(e, 0, sizeof *e);
	e->number = EXPLICIT_EVENT;
	e->type = SDD_PRIVATE;
	e->priority = SDD_PRI_NORMAL;
	e->explicit_event = 1;
	pb_register(b, 0, EXPLICIT_EVENT, h, 0, 0, V(0));
	pb_call1(b, 0, SDD_FID_EVENT_ENABLE, V(EXPLICIT_EVENT));
	pb_call0(b, 0, SDD_FID_PE_UNMASK);
}

static void explicit_dispatch_after_an_aarch32_call_interrupts_the_main_context(void **state)
{
	struct pb b;
	char *text;
	int h;
	(void)state;

	pb_init(&b);
	h = pb_handler(&b, "h");
	pb_expect_entry(&b);
	pb_check(&b, 3, V(0x9));                     /* the main context: EL2h */
	pb_complete(&b, 0);
	pb_end(&b);
	explicit_event(&b, h);
	pb_call0(&b, 0, SDD_FID_VERSION);            /* from EL1 */
	b.p.steps[b.p.nsteps - 1].from_el = 1;
	pb_call0(&b, 0, SDD_FID_VERSION);            /* from AArch32, Hyp mode */
	b.p.steps[b.p.nsteps - 1].aarch32 = SIM_A32_EL_MODE;
	pb_dispatch(&b, 0, EXPLICIT_EVENT);
	text = exported(&b.p, NULL);
	assert_null(strstr(text, "CoreEvent_LOWER_EL_AARCH32_SERROR"));
	assert_int_equal(spsr_at(text, "CoreEvent_LOWER_EL_AARCH64_SERROR\n"), 0x9);
	free(text);
	pb_free(&b);
}

static unsigned occurrences(const char *text, const char *what)
{
	unsigned n = 0;

	for (const char *p = strstr(text, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

/* An interrupt's event is ended (ICC_EOIR0_EL1) once its handler's
 * COMPLETE comes back to the firmware - inside that call's exception,
 * before the ERET out of it - as TF-A's sdei_intr_handler ends it; an
 * explicit dispatch has no interrupt to end. */
static void interrupt_ended_at_its_completion_not_an_explicit_dispatch(void **state)
{
	struct pb b;
	char *text;
	const char *eoi, *sync, *esr, *eret, *next_exc;
	int h;
	(void)state;

	build(&b);                                   /* event 0 signalled, its handler completes */
	text = exported(&b.p, NULL);
	assert_int_equal(occurrences(text, "ICC_EOIR0_EL1"), 1);
	eoi = strstr(text, "MSR      ICC_EOIR0_EL1,x17");
	assert_non_null(eoi);
	/* the last exception before it: the COMPLETE's SMC */
	sync = NULL;
	for (const char *p = strstr(text, "CoreEvent_"); p && p < eoi; p = strstr(p + 1, "CoreEvent_"))
		sync = p;
	assert_non_null(sync);
	assert_true(strncmp(sync, "CoreEvent_LOWER_EL_AARCH64_SYNC", 31) == 0);
	esr = strstr(sync, "R ESR_EL3 000000005E000000");       /* EC 0x17: SMC64 */
	assert_true(esr != NULL && esr < eoi);
	eret = strstr(eoi, " ERET");
	next_exc = strstr(eoi, "CoreEvent_");
	assert_non_null(eret);
	assert_true(next_exc == NULL || eret < next_exc);
	pb_free(&b);
	free(text);

	pb_init(&b);
	h = pb_handler(&b, "h");
	pb_complete(&b, 0);
	pb_end(&b);
	explicit_event(&b, h);
	pb_dispatch(&b, 0, EXPLICIT_EVENT);
	text = exported(&b.p, NULL);
	assert_non_null(strstr(text, "CoreEvent_LOWER_EL_AARCH64_SERROR"));
	assert_int_equal(occurrences(text, "ICC_EOIR0_EL1"), 0);
	free(text);
	pb_free(&b);
}

/* Is the line after the first line ending in `line` (with its newline)
 * one that holds what? */
static bool next_line_has(const char *text, const char *line, const char *what)
{
	const char *l = strstr(text, line), *next, *end;

	if (!l)
		return false;
	next = l + strlen(line);
	end = strchr(next, '\n');
	l = strstr(next, what);
	return l && end && l < end;
}

/* A step's call from Secure state is written in the caller's mode with
 * the Secure suffix (EL2h_s, EL1h_s; from AArch32, hyp_s or svc_s), the
 * exception into the firmware taken from there (its call site, SPSR its
 * PSTATE), an EL2 firmware's stay in Secure EL2 (where an HVC from Secure
 * EL1 goes); what follows is Non-secure again (_n): an explicit dispatch
 * that interrupts the client's main context, and the client's own call.
 * Each call imports as the call it was: from Secure state, at its EL, in
 * its mode. */
static void call_from_secure_state_exports_as_secure(void **state)
{
	static const struct {
		unsigned conduit, el;
		const char *call, *a32, *ns, *fw_s, *fw_n, *version, *status, *ns_version;
		uint64_t spsr, a32_spsr;
	} conduits[] = {
		{ SIM_CONDUIT_SMC, 2, " d4000003 O EL2h_s : SMC      #0x0\n", " e1600070 A hyp_s : SMC      #0x0\n",
		  " d4000003 O EL2h_n : SMC      #0x0\n", " d69f03e0 O EL3h_s : ERET\n", " d69f03e0 O EL3h_s : ERET\n",
		  " el=2 secure=1 h=0 fn=VERSION x0=0xc4000020 ", " el=2 aarch32=hyp secure=1 h=0 fn=EVENT_STATUS ",
		  " el=2 h=0 fn=VERSION x0=0xc4000020 ", 0x9, 0x1A },
		{ SIM_CONDUIT_HVC, 1, " d4000002 O EL1h_s : HVC      #0x0\n", " e1400070 A svc_s : HVC      #0x0\n",
		  " d4000002 O EL1h_n : HVC      #0x0\n", " d69f03e0 O EL2h_s : ERET\n", " d69f03e0 O EL2h_n : ERET\n",
		  " el=1 secure=1 h=0 fn=VERSION x0=0xc4000020 ", " el=1 aarch32=svc secure=1 h=0 fn=EVENT_STATUS ",
		  " el=1 h=0 fn=VERSION x0=0xc4000020 ", 0x5, 0x13 },
	};

	(void)state;
	for (size_t k = 0; k < sizeof conduits / sizeof conduits[0]; k++) {
		bool smc = conduits[k].conduit == SIM_CONDUIT_SMC;
		struct pb b;
		char *text = NULL, *trace = NULL;
		const char *serror;
		int h;

		pb_init(&b);
		b.p.platform.conduit = (uint8_t)conduits[k].conduit;
		b.p.platform.client_el = (uint8_t)conduits[k].el;
		h = pb_handler(&b, "h");
		pb_complete(&b, 0);
		pb_end(&b);
		explicit_event(&b, h);
		pb_call0(&b, 0, SDD_FID_VERSION);
		b.p.steps[b.p.nsteps - 1].secure = 1;
		pb_expect(&b, SDD_NOT_SUPPORTED);
		pb_call1(&b, 0, SDD_FID_EVENT_STATUS, V(0));   /* from AArch32 too */
		b.p.steps[b.p.nsteps - 1].secure = 1;
		b.p.steps[b.p.nsteps - 1].aarch32 = SIM_A32_EL_MODE;
		pb_expect(&b, SDD_NOT_SUPPORTED);
		if (smc) {                                      /* from Secure EL1, beside an EL2 client */
			pb_call0(&b, 0, SDD_FID_VERSION);
			b.p.steps[b.p.nsteps - 1].secure = 1;
			b.p.steps[b.p.nsteps - 1].from_el = 1;
			pb_expect(&b, SDD_NOT_SUPPORTED);
		}
		pb_dispatch(&b, 0, EXPLICIT_EVENT);
		pb_call0(&b, 0, SDD_FID_VERSION);               /* the client's: Non-secure */
		/* REGISTER ENABLE UNMASK, the Secure calls, dispatch COMPLETE
		 * completion, VERSION */
		assert_int_equal(export_and_import(&b.p, &text, &trace), smc ? 10 : 9);
		assert_true(next_line_has(text, conduits[k].call, " E 000000000f000018 00000084 "
					  "CoreEvent_LOWER_EL_AARCH64_SYNC"));
		assert_int_equal(spsr_at(text, conduits[k].call), conduits[k].spsr);
		assert_true(next_line_has(text, conduits[k].a32, " E 000000000f000018 00000084 "
					  "CoreEvent_LOWER_EL_AARCH32_SYNC"));
		assert_int_equal(spsr_at(text, conduits[k].a32), conduits[k].a32_spsr);
		assert_non_null(strstr(text, conduits[k].ns));
		assert_non_null(strstr(text, conduits[k].fw_s));
		assert_non_null(strstr(text, conduits[k].fw_n));
		assert_non_null(strstr(trace, conduits[k].version));
		assert_non_null(strstr(trace, conduits[k].status));
		assert_non_null(strstr(trace, conduits[k].ns_version));
		serror = strstr(text, "CoreEvent_LOWER_EL_AARCH64_SERROR\n");
		assert_non_null(serror);
		assert_null(strstr(serror, "EL1h_s : "));       /* (EL3 is always Secure) */
		assert_null(strstr(serror, "EL2h_s : "));
		if (smc) {
			assert_true(next_line_has(text, " d4000003 O EL1h_s : SMC      #0x0\n", " E 000000000f000018 "));
			assert_int_equal(spsr_at(text, " d4000003 O EL1h_s : SMC      #0x0\n"), 0x5);
			assert_non_null(strstr(trace, " el=1 secure=1 h=0 fn=VERSION x0=0xc4000020 "));
		}
		free(text);
		free(trace);
		pb_free(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(disassembly),
		cmocka_unit_test(disassembly_a32),
		cmocka_unit_test(tracer_on_and_off),
		cmocka_unit_test(exported_run_imports_as_recorded),
		cmocka_unit_test(step_call_in_paused_handler_imports_as_recorded),
		cmocka_unit_test(call_from_aarch32_exports_as_a32),
		cmocka_unit_test(explicit_dispatch_after_an_aarch32_call_interrupts_the_main_context),
		cmocka_unit_test(interrupt_ended_at_its_completion_not_an_explicit_dispatch),
		cmocka_unit_test(call_from_secure_state_exports_as_secure),
	};
	return cmocka_run_group_tests(tests, cpu_fixture_setup, cpu_fixture_teardown);
}
