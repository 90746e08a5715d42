/*
 * tarmac_export_lines.c - the Tarmac lines of one event of an export
 * (tarmac_export.h): an instruction (IT), the memory it read or wrote
 * (MR, MW) and the registers it wrote (R), in the FVP's formats; and the
 * exporter's firmware, which has no code in the simulator: its exception
 * entry (E, ESR/ELR/SPSR, the vector), its way out (loads, ELR/SPSR,
 * ERET), how it ends an interrupt it does not dispatch, and a PE's reset
 * and boot.
 *
 * Apart from tarmac_export.c, which walks the run and decides which of
 * these happen when: this file knows what Tarmac looks like, that one what
 * the simulator did.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "gic/gic.h"            /* GIC_NUM_INTIDS */
#include "sdd/sdd_spec.h"
#include "tarmac_export.h"
#include "tarmac.h"               /* tm_gic_ispendr: where the firmware sets an interrupt pending */
#include "tarmac_export_internal.h"

/* ---- Lines ---- */

__attribute__((format(printf, 4, 5)))
static void out(struct tx *x, unsigned pe, uint64_t t, const char *fmt, ...)
{
	va_list ap;

	fprintf(x->f, "%" PRIu64 " clk cpu%u ", t, pe);
	va_start(ap, fmt);
	vfprintf(x->f, fmt, ap);
	va_end(ap);
	fputc('\n', x->f);
}

/* An instruction executed in pstate's state (A32, A, when nRW is set), in
 * the PE's security state. */
void tx_insn(struct tx *x, unsigned pe, uint64_t pc, uint32_t op, uint64_t pstate)
{
	struct tpe *p = &x->pe[pe];
	bool a32 = (pstate & SDD_PSTATE_NRW) != 0;
	char m[TM_MODE_FIELD], dis[64];

	(a32 ? tm_disasm_a32 : tm_disasm)(op, pc, dis, sizeof dis);
	p->last_t = ++x->t;
	out(x, pe, p->last_t, "IT (%" PRIu64 ") %08" PRIx64 " %08" PRIx32 " %c %s : %s", ++p->idx, pc, op,
	    a32 ? 'A' : 'O', tm_mode_field(pstate, p->secure, m), dis);
}

void tx_xreg(struct tx *x, unsigned pe, unsigned n, uint64_t v)
{
	x->pe[pe].x[n] = v;
	out(x, pe, x->pe[pe].last_t, "R X%u %016" PRIX64, n, v);
}

/* Register n of a caller: R0.. in AArch32, 32 bits (the X register's low
 * half, zero-extended), else Xn. */
void tx_callreg(struct tx *x, unsigned pe, unsigned n, uint64_t v, bool aarch32)
{
	if (!aarch32) {
		tx_xreg(x, pe, n, v);
		return;
	}
	x->pe[pe].x[n] = (uint32_t)v;
	out(x, pe, x->pe[pe].last_t, "R R%u %08" PRIX32, n, (uint32_t)v);
}

void tx_sysreg(struct tx *x, unsigned pe, const char *name, unsigned el, uint64_t v)
{
	out(x, pe, x->pe[pe].last_t, "R %s_EL%u %016" PRIX64, name, el, v);
}

/* A load (MR) or store (MW) of the firmware's last instruction: 4 or 8
 * bytes at addr, flat-mapped, in the firmware's security state; an
 * 8-byte value in two halves, as the FVP writes it (00000000_000ffbb8). */
static void tx_fw_mem(struct tx *x, unsigned pe, char dir, unsigned size, uint64_t addr, uint64_t v)
{
	char val[20];

	if (size == 8)
		snprintf(val, sizeof val, "%08" PRIx32 "_%08" PRIx32, (uint32_t)(v >> 32), (uint32_t)v);
	else
		snprintf(val, sizeof val, "%08" PRIx32, (uint32_t)v);
	out(x, pe, x->pe[pe].last_t, "M%c%u %08" PRIx64 ":%012" PRIx64 "%s %s", dir, size, addr, addr,
	    x->fw == 3 ? "_S" : "_NS", val);
}

/* ---- Firmware ---- */

uint64_t tx_fw_pstate(const struct tx *x)
{
	return ((uint64_t)x->fw << 2) | 1 | SDD_PSTATE_DAIF;     /* ELxh, everything masked */
}

/* An exception from pe's client into the firmware: `from` is the PC the
 * E line names, elr/spsr where and how it goes back; vec the AArch64
 * vector, whose AArch32 twin it takes from AArch32 (spsr's nRW). */
void tx_fw_enter(struct tx *x, unsigned pe, uint64_t from, uint64_t elr, uint64_t spsr, unsigned vec,
		 uint32_t esr)
{
	struct tpe *p = &x->pe[pe];
	static const struct { unsigned vec; const char *name; unsigned id; } kinds[] = {
		{ VEC_SYNC, "LOWER_EL_AARCH64_SYNC", 0x84 }, { VEC_FIQ, "FIQ", 0x86 },
		{ VEC_SERROR, "LOWER_EL_AARCH64_SERROR", 0x87 },
		{ VEC_AARCH32 + VEC_SYNC, "LOWER_EL_AARCH32_SYNC", 0x84 }, { VEC_AARCH32 + VEC_FIQ, "FIQ", 0x86 },
		{ VEC_AARCH32 + VEC_SERROR, "LOWER_EL_AARCH32_SERROR", 0x87 },
		{ VEC_SYNC - VEC_CURRENT, "CURRENT_SPx_SYNC", 0x84 }, { VEC_FIQ - VEC_CURRENT, "FIQ", 0x86 },
		{ VEC_SERROR - VEC_CURRENT, "CURRENT_SPx_SERROR", 0x87 },
	};
	unsigned k = 0;
	uint64_t vbar = FW_VBAR(x->fw);

	if (spsr & SDD_PSTATE_NRW)
		vec += VEC_AARCH32;
	else if (((spsr >> 2) & 3) == x->fw)
		vec -= VEC_CURRENT;            /* taken from the firmware's own EL (a call from_el it) */
	while (k + 1 < sizeof kinds / sizeof kinds[0] && kinds[k].vec != vec)
		k++;
	if (p->last_t < x->t)
		p->last_t = x->t;              /* taken now, between instructions */
	out(x, pe, p->last_t, "E %016" PRIx64 " %08x CoreEvent_%s", from, kinds[k].id, kinds[k].name);
	out(x, pe, p->last_t, "R cpsr %08" PRIx64, tx_fw_pstate(x));
	if (esr)
		tx_sysreg(x, pe, "ESR", x->fw, esr);
	tx_sysreg(x, pe, "ELR", x->fw, elr);
	tx_sysreg(x, pe, "SPSR", x->fw, spsr);
	/* the vector branches to the common handler */
	tx_insn(x, pe, vbar + vec, 0x14000000u | (uint32_t)(((FW_EXIT(x->fw) - 0x100 - (vbar + vec)) / 4) & 0x3FFFFFF),
	        tx_fw_pstate(x));
}

/* Out of the firmware to target, in Secure state or not, loading
 * x0..x(nregs-1) from regs. */
void tx_fw_exit(struct tx *x, unsigned pe, uint64_t target, uint64_t spsr, bool secure, unsigned nregs,
		const uint64_t *regs)
{
	struct tpe *p = &x->pe[pe];
	uint64_t pc = FW_EXIT(x->fw), fp = tx_fw_pstate(x), ctx = FW_CTX(x->fw, pe);

	/* the context's registers, loaded as a trace of loads shows them:
	 * the access, then the register */
	if (nregs == 1) {
		tx_insn(x, pe, pc, OP_LDR_X0_SP, fp);
		tx_fw_mem(x, pe, 'R', 8, ctx, regs[0]);
		tx_xreg(x, pe, 0, regs[0]);
	} else if (nregs) {
		for (unsigned k = 0; k < 4; k += 2) {
			tx_insn(x, pe, pc + 2 * k, k ? OP_LDP_X2_X3 : OP_LDP_X0_X1, fp);
			tx_fw_mem(x, pe, 'R', 8, ctx + 8 * k, regs[k]);
			tx_fw_mem(x, pe, 'R', 8, ctx + 8 * k + 8, regs[k + 1]);
			tx_xreg(x, pe, k, regs[k]);
			tx_xreg(x, pe, k + 1, regs[k + 1]);
		}
	}
	tx_insn(x, pe, pc + 8, x->fw == 3 ? 0xD51E4010u : 0xD51C4010u, fp);   /* MSR SPSR_ELn,x16 */
	tx_sysreg(x, pe, "SPSR", x->fw, spsr);
	tx_insn(x, pe, pc + 12, x->fw == 3 ? 0xD51E4031u : 0xD51C4031u, fp);  /* MSR ELR_ELn,x17 */
	tx_sysreg(x, pe, "ELR", x->fw, target);
	tx_insn(x, pe, pc + 16, OP_ERET, fp);
	p->wait = W_NONE;
	p->pc = target;
	p->pstate = spsr;
	p->secure = secure;
}

/* see tarmac_export_internal.h: at the FIQ vector's handler, after the
 * IAR read (+4) */
void tx_fw_eoi(struct tx *x, unsigned pe, uint32_t intid, bool pend)
{
	uint64_t pc = FW_VBAR(x->fw) + VEC_FIQ;

	if (pend) {
		tx_insn(x, pe, pc + 8, OP_STR_W1_X2, tx_fw_pstate(x));
		tx_fw_mem(x, pe, 'W', 4, tm_gic_ispendr(pe, intid), 1ull << (intid % 32));
	}
	tx_insn(x, pe, pc + 12, OP_MSR_EOIR0, tx_fw_pstate(x));
}

/* see tarmac_export_internal.h: as TF-A's sdei_intr_handler does once
 * the handler's COMPLETE has brought it back (plat_ic_end_of_interrupt of
 * the INTID it acknowledged); x17, which holds that INTID, gets no
 * register line, as the store's registers above get none. */
void tx_fw_complete_eoi(struct tx *x, unsigned pe, uint32_t intid)
{
	if (intid < GIC_NUM_INTIDS)      /* 1020..1023: special, no interrupt */
		tx_insn(x, pe, FW_COMPLETE(x->fw), OP_MSR_EOIR0_X17, tx_fw_pstate(x));
}

static uint64_t main_pstate(const struct tx *x)
{
	return ((uint64_t)x->cel << 2) | 1;
}

/* pe (re)starts: reset, then firmware boots it into its main context. */
void tx_boot(struct tx *x, unsigned pe, bool dump)
{
	struct tpe *p = &x->pe[pe];

	memset(p->x, 0, sizeof p->x);
	p->sp = STACK_TOP(pe);
	p->boot_held = false;
	p->holding = false;                /* a reset forgets a hold */
	if (dump) {                        /* FVP writes the registers at reset */
		for (unsigned n = 0; n < 31; n++)
			tx_xreg(x, pe, n, 0);
		tx_sysreg(x, pe, "SP", x->cel, p->sp);
		tx_sysreg(x, pe, "VBAR", x->cel, RT_VECTORS);
		out(x, pe, p->last_t, "R MPIDR_EL1 %016" PRIX64, x->prog->platform.mpidr[pe] | ((uint64_t)1 << 31));
	}
	out(x, pe, p->last_t < x->t ? x->t : p->last_t, "E 0000000000000000 00000000 CoreEvent_Reset");
	p->last_t = x->t;
	p->secure = false;                 /* firmware boots a Non-secure client */
	tx_fw_exit(x, pe, RT_MAIN_IDLE, main_pstate(x), false, 0, NULL);
}

void tx_boot_held(struct tx *x)
{
	for (unsigned pe = 0; pe < x->npe; pe++)
		if (x->pe[pe].boot_held)
			tx_boot(x, pe, false);
}
