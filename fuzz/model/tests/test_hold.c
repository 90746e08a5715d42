/* Interrupts a PE's firmware holds between its acknowledge and the
 * hand-over (rm_hold, rm_hand_over, rm_dispatch): what the other
 * PEs' calls meanwhile leave the dispatcher to do with the trigger. */
#include <string.h>

#include "rm_test.h"

/* enum sdd_irq_result's numbers (rm.h) */
enum { DISPATCHED, DEFERRED, HELD, DROPPED, NOT_MINE, REFUSED, FAULT, REROUTED };

#define HAND_OVER(m, pe, intid, res, ok) hand_over(m, pe, intid, res, ok, __LINE__)

static void hand_over(struct rm_model *m, unsigned pe, uint32_t intid, unsigned res, bool ok, int line)
{
    char why[300];

    if (rm_hand_over(m, pe, intid, res, why, sizeof why) != ok)
        fail_msg("line %d: hand-over answered %u: expected %s (%s)", line, res, ok ? "accepted" : "refused",
                 why);
}

/* PE 0 unmasked, EVS (SPI 40, RM_ANY) registered and enabled by PE 0, and
 * its interrupt acknowledged and held by PE 0's firmware. */
static void held_on_pe0(struct rm_model *m)
{
    tmodel(m);
    t_reg_enable(m, 0, EVS);
    ACCEPT(m, 0, F_PE_UNMASK, SUCCESS);
    ACCEPT(m, 1, F_PE_UNMASK, SUCCESS);
    rm_fire(m, SPI_S, 0);
    NOT_SETTLED(m);
    rm_hold(m, 0, SPI_S);
}

static void held_trigger_is_owed_nowhere_and_pe_takes_nothing(void **state)
{
    struct rm_model m;
    (void)state;
    held_on_pe0(&m);
    SETTLED(&m);                             /* active on PE 0: PE 1 cannot take it */
    NO_DISPATCH(&m, 1, EVS);                 /* the trigger left the pending state */
    t_reg_enable(&m, 0, EVP);
    t_reg_enable(&m, 0, EVPC);
    rm_fire(&m, PPI_P, 0);
    rm_fire(&m, PPI_PC, 0);
    SETTLED(&m);                             /* PE 0 takes nothing while it holds */
    HAND_OVER(&m, 0, SPI_S, DISPATCHED, true);
    /* acknowledged before the critical event came: it goes first */
    assert_true(rm_dispatch(&m, 0, EVS, NULL, 0));
    STATUS(&m, 0, EVS, 7);
    NOT_SETTLED(&m);                         /* the critical one preempts it */
    DISPATCH(&m, 0, EVPC);
    SETTLED(&m);                             /* EVP waits: handlers run */
}

/* A 1-of-N SPI may have gone to the PE that holds (it takes part, and its
 * running priority lets a critical one in): it waits for the hand-over. */
static void rm_any_spi_may_wait_for_an_unmasked_holding_pe(void **state)
{
    struct rm_model m;
    (void)state;
    held_on_pe0(&m);
    t_reg_enable(&m, 1, EVSC);               /* critical, RM_ANY */
    rm_fire(&m, SPI_SC, 0);
    SETTLED(&m);                             /* PE 0 may have it */
    ACCEPT(&m, 0, F_PE_MASK, 1);             /* (a call the machine would skip: the model allows it) */
    NOT_SETTLED(&m);                         /* masked, PE 0 takes no part: PE 1 owes it */
    DISPATCH(&m, 1, EVSC);
}

static void trigger_arriving_while_held_is_owed_after(void **state)
{
    struct rm_model m;
    (void)state;
    held_on_pe0(&m);
    rm_fire(&m, SPI_S, 0);                   /* a second trigger: active and pending */
    SETTLED(&m);                             /* still PE 0's: no other PE can take it */
    HAND_OVER(&m, 0, SPI_S, DISPATCHED, true);
    assert_true(rm_dispatch(&m, 0, EVS, NULL, 0));
    COMPLETES(&m, 0, F_COMPLETE, 0);
    NOT_SETTLED(&m);                         /* the second one is owed */
    DISPATCH(&m, 1, EVS);
}

static void unregister_drops_it_and_a_lost_trigger_stays_owed(void **state)
{
    struct rm_model m;
    char why[300];
    (void)state;
    held_on_pe0(&m);
    HAND_OVER(&m, 0, SPI_S, DROPPED, true);  /* registered: dropping it loses it... */
    NOT_SETTLED(&m);                         /* ...so it is still owed */
    held_on_pe0(&m);
    HAND_OVER(&m, 0, SPI_S, REFUSED, false); /* refused: the dispatcher failed */
    held_on_pe0(&m);
    ACCEPT(&m, 1, F_UNREGISTER, SUCCESS, EVS);
    HAND_OVER(&m, 0, SPI_S, DROPPED, true);
    SETTLED(&m);
    assert_false(rm_hand_over(&m, 0, SPI_S, DROPPED, why, sizeof why));   /* the hold ended */
    assert_string_equal(why, "hand-over of INTID 40 on PE 0: it holds nothing");
}

static void disable_holds_it_for_enable(void **state)
{
    struct rm_model m;
    (void)state;
    held_on_pe0(&m);
    ACCEPT(&m, 1, F_DISABLE, SUCCESS, EVS);
    HAND_OVER(&m, 0, SPI_S, HELD, true);
    SETTLED(&m);
    ACCEPT(&m, 1, F_ENABLE, SUCCESS, EVS);
    NOT_SETTLED(&m);                         /* owed: it was a trigger of this registration */
    DISPATCH(&m, 0, EVS);
}

static void reroute_sends_it_to_the_target_only(void **state)
{
    struct rm_model m;
    char why[300];
    (void)state;
    held_on_pe0(&m);
    ACCEPT(&m, 1, F_DISABLE, SUCCESS, EVS);
    ACCEPT(&m, 1, F_ROUTING_SET, SUCCESS, EVS, 1, m.p.mpidr[1]);
    ACCEPT(&m, 1, F_ENABLE, SUCCESS, EVS);
    HAND_OVER(&m, 0, SPI_S, DISPATCHED, true);
    assert_false(rm_dispatch(&m, 0, EVS, why, sizeof why));
    assert_string_equal(why, "dispatch of event 0x40000020 on PE 0: routed RM_PE to MPIDR 0x1");
    held_on_pe0(&m);
    ACCEPT(&m, 1, F_DISABLE, SUCCESS, EVS);
    ACCEPT(&m, 1, F_ROUTING_SET, SUCCESS, EVS, 1, m.p.mpidr[1]);
    ACCEPT(&m, 1, F_ENABLE, SUCCESS, EVS);
    HAND_OVER(&m, 0, SPI_S, HELD, true);     /* pended again, but... */
    NOT_SETTLED(&m);                         /* ...owed to PE 1 now */
    NO_DISPATCH(&m, 0, EVS);
    DISPATCH(&m, 1, EVS);
    held_on_pe0(&m);
    ACCEPT(&m, 1, F_DISABLE, SUCCESS, EVS);
    ACCEPT(&m, 1, F_ROUTING_SET, SUCCESS, EVS, 1, m.p.mpidr[1]);
    ACCEPT(&m, 1, F_ENABLE, SUCCESS, EVS);
    HAND_OVER(&m, 0, SPI_S, REROUTED, true);
    NOT_SETTLED(&m);                         /* owed to PE 1, its target */
    NO_DISPATCH(&m, 0, EVS);
    DISPATCH(&m, 1, EVS);
}

static void reregistered_event_may_receive_it(void **state)
{
    struct rm_model m;
    (void)state;
    held_on_pe0(&m);
    ACCEPT(&m, 1, F_UNREGISTER, SUCCESS, EVS);
    t_reg_enable(&m, 1, EVS);
    HAND_OVER(&m, 0, SPI_S, DISPATCHED, true);
    assert_true(rm_dispatch(&m, 0, EVS, NULL, 0));   /* §5.1.2.1: may be left pending */
    held_on_pe0(&m);
    ACCEPT(&m, 1, F_UNREGISTER, SUCCESS, EVS);
    ACCEPT(&m, 1, F_REGISTER, SUCCESS, EVS, HANDLER, 0, 0, 0);
    HAND_OVER(&m, 0, SPI_S, HELD, true);
    ACCEPT(&m, 1, F_ENABLE, SUCCESS, EVS);
    SETTLED(&m);                             /* possibly pending: need not come... */
    DISPATCH(&m, 1, EVS);                    /* ...but may */
}

/* SPI 50 bound by PE 0 to a shared slot (SLOTS0), registered and enabled,
 * its interrupt acknowledged and held by PE 0's firmware; then PE 1
 * unregisters the event and releases the binding. */
static void released_while_held_on(struct rm_model *m, bool bind_tfa)
{
    struct rm_platform p;

    tplat(&p);
    p.bind_tfa = bind_tfa;
    tinit(m, &p);
    ACCEPT(m, 0, F_PE_UNMASK, SUCCESS);
    ACCEPT(m, 0, F_BIND, SLOTS0, 50);        /* any free shared slot: this one */
    ACCEPT(m, 0, F_REGISTER, SUCCESS, SLOTS0, HANDLER, 0, 0, 0);
    ACCEPT(m, 0, F_ENABLE, SUCCESS, SLOTS0);
    rm_fire(m, 50, 0);
    rm_hold(m, 0, 50);
    ACCEPT(m, 1, F_UNREGISTER, SUCCESS, SLOTS0);
    ACCEPT(m, 1, F_RELEASE, SUCCESS, SLOTS0);
}

static void released_while_held(struct rm_model *m)
{
    released_while_held_on(m, false);
}

static void released_interrupt_is_not_the_dispatchers(void **state)
{
    struct rm_model m;
    (void)state;
    released_while_held(&m);
    HAND_OVER(&m, 0, 50, NOT_MINE, true);    /* no event's: not the dispatcher's */
    SETTLED(&m);
    t_reg_enable(&m, 0, EVS);                /* a NOT_MINE of an event's INTID loses it */
    rm_fire(&m, SPI_S, 0);
    rm_hold(&m, 0, SPI_S);
    HAND_OVER(&m, 0, SPI_S, NOT_MINE, true);
    NOT_SETTLED(&m);
}

/* §5.1.14.3: BIND wants the interrupt Inactive; one a PE's firmware
 * acknowledged is Active until the dispatcher it is handed to ends it. */
static void held_interrupt_released_cannot_be_bound_until_handed_over(void **state)
{
    struct rm_model m;
    (void)state;
    released_while_held(&m);
    ACCEPT(&m, 1, F_BIND, DENIED, 50);       /* Active on PE 0 */
    REJECT(&m, 1, F_BIND, SLOTS0, 50);
    ACCEPT(&m, 1, F_BIND, SLOTS0, 51);       /* another INTID is not */
    HAND_OVER(&m, 0, 50, NOT_MINE, true);    /* the firmware ends it */
    ACCEPT(&m, 1, F_BIND, SLOTS1, 50);
}

/* TF-A binds the held SPI at once (bind_tfa): released_while_held, then
 * PE 1 binds SPI 51 (the released slot) and SPI 50 again (Active on PE 0:
 * TF-A does not look) to the next slot, registers it - routed RM_PE to
 * PE 1 (rm_pe), which does not wait for the holding PE, or RM_ANY - and
 * enables it, and unmasks. */
static void rebound_while_held(struct rm_model *m, bool rm_pe)
{
    released_while_held_on(m, true);
    ACCEPT(m, 1, F_BIND, SLOTS0, 51);
    ACCEPT(m, 1, F_BIND, SLOTS1, 50);
    ACCEPT(m, 1, F_REGISTER, SUCCESS, SLOTS1, HANDLER, 0, rm_pe ? 1 : 0, rm_pe ? 0x1 : 0);
    ACCEPT(m, 1, F_ENABLE, SUCCESS, SLOTS1);
    ACCEPT(m, 1, F_PE_UNMASK, SUCCESS);
}

/* A new trigger of the new event is pending behind the active SPI, and no
 * PE can take it until the hand-over ends the hold (found by fuzz_core
 * under AFL++, 2026-11-24: the model owed it at once, as the SPI's new
 * event is not the one held).  Handed over on PE 0, the held trigger is
 * the new event's now (the dispatcher finds the INTID bound to it): it
 * sends it to PE 1, where the two triggers are one pending SPI. */
static void rebound_held_interrupt_waits_for_the_hand_over(void **state)
{
    struct rm_model m;
    (void)state;
    rebound_while_held(&m, true);
    rm_fire(&m, 50, 0);
    SETTLED(&m);                             /* PE 1 is able, the SPI is active */
    NO_DISPATCH(&m, 1, SLOTS1);
    HAND_OVER(&m, 0, 50, REROUTED, true);
    NOT_SETTLED(&m);
    DISPATCH(&m, 1, SLOTS1);
    SETTLED(&m);
}

/* Without a second trigger: the held one, rerouted to the new event's
 * target, may be dispatched there (the model refused it as "not
 * triggered"). */
static void rebound_held_interrupt_rerouted_alone(void **state)
{
    struct rm_model m;
    (void)state;
    rebound_while_held(&m, true);
    HAND_OVER(&m, 0, 50, REROUTED, true);
    DISPATCH(&m, 1, SLOTS1);
}

/* Routed RM_ANY, both PEs able: the held trigger is dispatched on the PE
 * that held it (the model refused it as "no trigger of it"), and the one
 * that came meanwhile waits for the event to complete, then is owed. */
static void rebound_held_interrupt_then_its_second_trigger(void **state)
{
    struct rm_model m;
    (void)state;
    rebound_while_held(&m, false);
    rm_fire(&m, 50, 0);
    NO_DISPATCH(&m, 1, SLOTS1);
    HAND_OVER(&m, 0, 50, DISPATCHED, true);
    DISPATCH(&m, 0, SLOTS1);
    SETTLED(&m);                             /* the second waits: the event runs */
    COMPLETES(&m, 0, F_COMPLETE, 0);
    NOT_SETTLED(&m);
    DISPATCH(&m, 1, SLOTS1);
}

/* The slot released while its SPI was held, bound again to SPI 51: its
 * triggers are owed as any (the hold is SPI 50's, no longer the slot's;
 * the model kept the slot marked held and owed nothing). */
static void released_slot_bound_again_is_not_held(void **state)
{
    struct rm_model m;
    (void)state;
    rebound_while_held(&m, true);
    ACCEPT(&m, 1, F_REGISTER, SUCCESS, SLOTS0, HANDLER, 0, 1, 0x1);   /* RM_PE: PE 1 */
    ACCEPT(&m, 1, F_ENABLE, SUCCESS, SLOTS0);
    rm_fire(&m, 51, 0);
    NOT_SETTLED(&m);
    DISPATCH(&m, 1, SLOTS0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(held_trigger_is_owed_nowhere_and_pe_takes_nothing),
        cmocka_unit_test(trigger_arriving_while_held_is_owed_after),
        cmocka_unit_test(rm_any_spi_may_wait_for_an_unmasked_holding_pe),
        cmocka_unit_test(unregister_drops_it_and_a_lost_trigger_stays_owed),
        cmocka_unit_test(disable_holds_it_for_enable),
        cmocka_unit_test(reroute_sends_it_to_the_target_only),
        cmocka_unit_test(reregistered_event_may_receive_it),
        cmocka_unit_test(released_interrupt_is_not_the_dispatchers),
        cmocka_unit_test(held_interrupt_released_cannot_be_bound_until_handed_over),
        cmocka_unit_test(rebound_held_interrupt_waits_for_the_hand_over),
        cmocka_unit_test(rebound_held_interrupt_then_its_second_trigger),
        cmocka_unit_test(rebound_held_interrupt_rerouted_alone),
        cmocka_unit_test(released_slot_bound_again_is_not_held),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
