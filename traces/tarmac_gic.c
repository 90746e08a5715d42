/*
 * tarmac_gic.c - the firmware's writes to the GIC that a Tarmac trace of
 * loads and stores shows (trace_loads_stores=1, tarmac-traces.md §1.6):
 * where the FVP Base platform's GICv3 has its set-pending registers.
 *
 * A dispatcher that does not dispatch an interrupt it acknowledged ends
 * it (ICC_EOIR0_EL1) either way; only its store to GICD_ISPENDR<n> (an
 * SPI) or to a redistributor's GICR_ISPENDR0 (an SGI or PPI) before that
 * says it left it pending for later (TF-A's plat_ic_set_interrupt_pending:
 * the PE is masked, the event disabled...).  The exporter writes that
 * store, the importer reads it: one map serves both.
 */
#include "tarmac.h"
#include "gic/gic.h"            /* GIC_NUM_INTIDS */

/* FVP Base (TF-A plat/arm/board/fvp/fvp_def.h): the distributor, and
 * one 128 KiB redistributor per PE (RD_base, then SGI_base at 64 KiB). */
#define GICD_BASE      0x2F000000ull
#define GICR_BASE      0x2F100000ull
#define GICR_STRIDE    0x20000ull
#define GICR_SGI       0x10000ull
#define GICD_ISPENDR   0x200ull      /* GICD_ISPENDR<n>: INTIDs 32n..32n+31 */
#define GICR_ISPENDR0  0x200ull      /* in SGI_base: SGIs and PPIs, 0..31 */

/* see tarmac.h */
uint64_t tm_gic_ispendr(unsigned pe, uint32_t intid)
{
	if (intid < 32)
		return GICR_BASE + GICR_STRIDE * pe + GICR_SGI + GICR_ISPENDR0;
	return GICD_BASE + GICD_ISPENDR + 4ull * (intid / 32);
}

/* see tarmac.h */
bool tm_gic_sets_pending(uint64_t addr, unsigned size, uint64_t value, uint32_t intid)
{
	/* an SGI or PPI: in whichever redistributor the store went to (a
	 * trace's PE numbers need not be the redistributors' order) */
	unsigned frame = addr >= GICR_BASE && addr - GICR_BASE < GICR_STRIDE * TRACE_MAX_PES ?
			 (unsigned)((addr - GICR_BASE) / GICR_STRIDE) : 0;
	uint64_t reg = tm_gic_ispendr(frame, intid);

	if (intid >= GIC_NUM_INTIDS || size > 8 || addr > reg || reg + 4 > addr + size)
		return false;
	return (value >> (8 * (reg - addr)) >> (intid % 32) & 1) != 0;
}
