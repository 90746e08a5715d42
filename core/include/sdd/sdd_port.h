/*
 * sdd_port.h - the platform operations the embedder supplies.
 *
 * The dispatcher never touches hardware.  Everything it needs from the
 * machine goes through this table, which mirrors TF-A's plat_ic_* and
 * plat_sdei_* hooks so an adapter to a real GICv3 driver is one line per
 * operation.  Every operation is required: sdd_init() refuses a table with
 * a NULL entry (there are no weak defaults).
 *
 * Conventions for every operation:
 *   - ctx is the pointer given to sdd_init(), passed back unchanged;
 *   - pe is a PE index (0 .. pe_count-1).  For an INTID below 32 (SGI, PPI)
 *     it selects that PE's redistributor, since those interrupts are banked;
 *     for an SPI it is the PE on whose behalf the dispatcher acts and may be
 *     ignored by the implementation.  The banked operations are used on
 *     every PE's redistributor, a PE reported off (sdd_pe_off) included:
 *     binding or releasing a private event's PPI sets it up on all PEs.  A
 *     port whose powered-down redistributors cannot be read or written
 *     must keep their state (or its own copy of it) and answer from that,
 *     never read them as zero;
 *   - intid is always a number the dispatcher has already validated against
 *     the platform description (an SGI 0..15 it owns, a PPI 16..31, or an
 *     existing SPI).  No client-supplied out-of-range number ever reaches a
 *     port operation (CVE-2023-49100).
 *
 * The interrupt model is GICv3 with the dispatcher's interrupts in Group 0
 * at two priorities (critical above normal), kept active from acknowledge
 * until the handler completes, so that the GIC's running priority enforces
 * the SDEI nesting rules (DEN0054C §6.2) and single-instance delivery of
 * shared events.
 */
#ifndef SDD_PORT_H
#define SDD_PORT_H

#include <stdbool.h>
#include <stdint.h>

#include "sdd_platform.h"

struct sdd_port {
	/* Is intid owned by the client (Group 1 Non-secure)?  A false answer makes
	 * INTERRUPT_BIND refuse it (firmware-owned interrupts). */
	bool (*irq_is_client_owned)(void *ctx, unsigned pe, uint32_t intid);
	/* Is intid active (acknowledged and not yet deactivated)? */
	bool (*irq_is_active)(void *ctx, unsigned pe, uint32_t intid);
	/* Is intid's pending state set?  INTERRUPT_BIND refuses a pending
	 * interrupt, as it does an active one (policy bind SDD_BIND_SPEC;
	 * under SDD_BIND_TFA it asks neither). */
	bool (*irq_is_pending)(void *ctx, unsigned pe, uint32_t intid);
	/* Make intid firmware-owned: Group 0, priority of class pri, disabled,
	 * not pending; edge/level configuration is left as it is. */
	void (*irq_claim)(void *ctx, unsigned pe, uint32_t intid, enum sdd_priority pri);
	/* Give intid back to the client: Group 1 Non-secure, lowest priority, disabled. */
	void (*irq_unclaim)(void *ctx, unsigned pe, uint32_t intid);
	/* Enable or disable forwarding of intid (GICD/GICR_I[SC]ENABLER). */
	void (*irq_enable)(void *ctx, unsigned pe, uint32_t intid, bool enable);
	/* Set or clear intid's pending latch (GICD/GICR_I[SC]PENDR). */
	void (*irq_set_pending)(void *ctx, unsigned pe, uint32_t intid, bool pending);
	/* Route SPI intid: to any participating PE (1-of-N) or to PE target_pe. */
	void (*irq_route)(void *ctx, uint32_t intid, bool any, unsigned target_pe);
	/* End of interrupt (priority drop and deactivate) of intid acknowledged on pe. */
	void (*irq_eoi)(void *ctx, unsigned pe, uint32_t intid);
	/* Raise firmware SGI intid on PE target_pe (ICC_SGI0R_EL1, one target). */
	void (*sgi_raise)(void *ctx, unsigned target_pe, uint32_t intid);
	/* Whether pe takes part in 1-of-N routing of Group 0 SPIs (GICR_CTLR.DPG0
	 * inverted).  A masked PE does not, so RM_ANY events go elsewhere. */
	void (*pe_participate)(void *ctx, unsigned pe, bool participate);
	/* Raise / restore the running priority of pe for an explicit dispatch of
	 * class pri (TF-A ehf_activate_priority / ehf_deactivate_priority). */
	void (*pri_activate)(void *ctx, unsigned pe, enum sdd_priority pri);
	void (*pri_deactivate)(void *ctx, unsigned pe, enum sdd_priority pri);
	/* Is addr a usable entry point in the client's address space?  (TF-A
	 * plat_sdei_validate_entry_point.)  Alignment is checked by the core. */
	bool (*ep_valid)(void *ctx, unsigned pe, uint64_t addr);
	/* Serialise the dispatcher: taken on entry to every sdd_* operation on
	 * an initialised dispatcher, released before it returns, never taken
	 * twice; the other operations are called with it held (sdd_init's
	 * excepted).  No port operation may call back into sdd_*.  A spinlock
	 * is enough. */
	void (*lock)(void *ctx);
	void (*unlock)(void *ctx);
	/* An internal invariant failed (a dispatcher bug, never client input).
	 * The dispatcher is now failed and answers NOT_SUPPORTED to every call.
	 * code is an enum sdd_fault. */
	void (*fault)(void *ctx, int code);
};

#endif /* SDD_PORT_H */
