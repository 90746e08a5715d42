/* Power transitions (PSCI), DEN0054C §6.5 and the machine's documented
 * power semantics (scenarios/FORMAT.md "PSCI"). */
#include "rm_internal.h"

void rm_complete_all(struct rm_model *m, unsigned pe)
{
    /* Implicit completion (§6.5.4): innermost first, as EVENT_COMPLETE. */
    if (pe >= m->p.pes)
        return;
    while (m->pe[pe].depth > 0)
        rm_complete_top(m, pe);
}

void rm_cpu_off(struct rm_model *m, unsigned pe)
{
    if (pe >= m->p.pes)
        return;
    rm_complete_all(m, pe);
    m->pe[pe].masked = true;
    m->pe[pe].mask_at = 0;
    m->pe[pe].on = false;
}

void rm_cpu_on(struct rm_model *m, unsigned pe)
{
    if (pe >= m->p.pes)
        return;
    rm_complete_all(m, pe);
    m->pe[pe].on = true;
    /* Its redistributor starts again: the firmware configures its PPIs
     * anew, and the dispatcher claims the bound ones. */
    m->fw_ppi[pe] = rm_fw_ppi_at_power_up(m, pe);
    for (unsigned e = 0; e < m->p.nevents; e++)
        if (m->ev[e].bound && m->ev[e].intid >= 16 && m->ev[e].intid < 32)
            m->fw_ppi[pe] &= (uint16_t)~(1u << (m->ev[e].intid - 16));
    m->pe[pe].masked = true;   /* a PE reset leaves it masked (§6.5.1) */
    m->pe[pe].mask_at = 0;
    for (unsigned e = 0; e < m->p.nevents; e++) {
        struct rm_event_state *es = &m->ev[e];
        uint64_t bit = 1ull << pe;

        if (rm_ev(m, e)->shared)
            continue;
        /* Whether the PE's redistributor kept its pending SGIs/PPIs is not
         * documented: they may be delivered, need not be. */
        if (es->pend & bit) {
            es->pend &= ~bit;
            es->maybe |= bit;
        }
        if (!m->p.cpu_on_keep) {
            rm_set_state(m, e, pe, 0);
            rm_drop_triggers(m, e, pe, false);   /* unregistered now: irrelevant */
        }
    }
}

void rm_wake(struct rm_model *m, unsigned pe, bool from_powerdown)
{
    /* Power-down: masked again, registrations and triggers kept; standby:
     * nothing changes, the mask included (§6.5). */
    if (pe < m->p.pes && from_powerdown) {
        m->pe[pe].masked = true;
        m->pe[pe].mask_at = 0;
    }
}

void rm_system_reset(struct rm_model *m)
{
    rm_reset_runtime(m);
}
