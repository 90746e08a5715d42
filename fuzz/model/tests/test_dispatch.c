/* Dispatch permissions, pending triggers, routing, explicit dispatch,
 * the settled check and what a refused dispatch was (DEN0054C §6.2,
 * §5.1.12, and the machine's interrupt model); nesting, masking and the
 * entry's registers are test_nesting.c, test_masking.c, test_entry.c. */
#include "rm_test.h"

static void needs_trigger_enable_unmask(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    NO_DISPATCH(&m, 0, EVP);                 /* unregistered, untriggered */
    t_reg_enable(&m, 0, EVP);
    NO_DISPATCH(&m, 0, EVP);                 /* not triggered */
    rm_fire(&m, PPI_P, 0);
    NO_DISPATCH(&m, 0, EVP);                 /* masked */
    SETTLED(&m);                             /* masked: nothing owed */
    ACCEPT(&m, 0, F_DISABLE, SUCCESS, EVP);
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    NO_DISPATCH(&m, 0, EVP);                 /* disabled: stays pending */
    SETTLED(&m);
    ACCEPT(&m, 0, F_ENABLE, SUCCESS, EVP);
    NOT_SETTLED(&m);                         /* owed now */
    NO_DISPATCH(&m, 1, EVP);                 /* private: only where triggered */
    DISPATCH(&m, 0, EVP);
    SETTLED(&m);
    STATUS(&m, 0, EVP, 7);
    NO_DISPATCH(&m, 0, EVP);                 /* running, and nothing pending */
    NO_DISPATCH(&m, 0, EVX);                 /* explicit: never by interrupt */
    NO_DISPATCH(&m, 0, SLOTP0);              /* not an event */
    NO_DISPATCH(&m, 0, 0x40000099);
    NO_DISPATCH(&m, 4, EVP);
}

static void one_bit_pending(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_reg_enable(&m, 1, EVP);
    rm_fire(&m, PPI_P, 1);
    rm_fire(&m, PPI_P, 1);
    rm_fire(&m, PPI_P, 1);
    ACCEPT(&m, 1, F_PE_UNMASK, SUCCESS);
    DISPATCH(&m, 1, EVP);                    /* N triggers: one run at least... */
    COMPLETES(&m, 1, F_COMPLETE, 0);
    NO_DISPATCH(&m, 1, EVP);                 /* ...never more than one pending */
    SETTLED(&m);
}

static void trigger_while_running(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_run(&m, 2, EVS);
    rm_fire(&m, SPI_S, 0);                   /* stays pending: interrupt active */
    NO_DISPATCH(&m, 3, EVS);                 /* at most one instance */
    ACCEPT(&m, 3, F_PE_UNMASK, SUCCESS);
    NO_DISPATCH(&m, 3, EVS);
    char why[160];
    assert_false(rm_dispatch(&m, 3, EVS, why, sizeof why));
    assert_string_equal(why, "dispatch of event 0x40000020 on PE 3: state enabled+running on "
                             "PE 2 (dispatch needs enabled, not running)");
    SETTLED(&m);
    COMPLETES(&m, 2, F_COMPLETE, 0);
    NOT_SETTLED(&m);                         /* owed after completion */
    DISPATCH(&m, 3, EVS);                    /* RM_ANY: any PE that can take it */
    SETTLED(&m);
}

static void routing(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ACCEPT(&m, 0, F_REGISTER, SUCCESS, EVS, HANDLER, 0, 1, 0x100);   /* RM_PE: PE 2 */
    ACCEPT(&m, 0, F_ENABLE, SUCCESS, EVS);
    for (unsigned p = 0; p < 4; p++)
        ACCEPT(&m, p, F_PE_UNMASK, SUCCESS);
    rm_fire(&m, SPI_S, 3);
    NO_DISPATCH(&m, 0, EVS);
    NO_DISPATCH(&m, 3, EVS);
    NOT_SETTLED(&m);
    ACCEPT(&m, 2, F_PE_MASK, 1);
    SETTLED(&m);                             /* only PE 2 may take it */
    ACCEPT(&m, 0, F_DISABLE, SUCCESS, EVS);
    ACCEPT(&m, 0, F_ROUTING_SET, SUCCESS, EVS, 0, 0);   /* RM_ANY */
    ACCEPT(&m, 0, F_ENABLE, SUCCESS, EVS);
    NOT_SETTLED(&m);
    DISPATCH(&m, 1, EVS);
    SETTLED(&m);
}

static void pending_dropped_at_register(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    /* Unregistered: ignored (not event 0). */
    rm_fire(&m, PPI_P, 0);
    t_reg_enable(&m, 0, EVP);
    NO_DISPATCH(&m, 0, EVP);
    SETTLED(&m);
    /* Registered-disabled trigger, then UNREGISTER + REGISTER: dropped. */
    ACCEPT(&m, 0, F_DISABLE, SUCCESS, EVP);
    rm_fire(&m, PPI_P, 0);
    ACCEPT(&m, 0, F_UNREGISTER, SUCCESS, EVP);
    t_reg_enable(&m, 0, EVP);
    NO_DISPATCH(&m, 0, EVP);
    SETTLED(&m);
    /* Triggered while running, unregistered (PENDING): dropped too. */
    rm_fire(&m, PPI_P, 0);
    DISPATCH(&m, 0, EVP);
    rm_fire(&m, PPI_P, 0);
    ACCEPT(&m, 0, F_UNREGISTER, PENDING, EVP);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    t_reg_enable(&m, 0, EVP);
    NO_DISPATCH(&m, 0, EVP);
    SETTLED(&m);
    /* Same for a shared event. */
    rm_fire(&m, SPI_S, 0);
    ACCEPT(&m, 1, F_REGISTER, SUCCESS, EVS, HANDLER, 0, 0, 0);
    ACCEPT(&m, 1, F_ENABLE, SUCCESS, EVS);
    NO_DISPATCH(&m, 0, EVS);
    SETTLED(&m);
}

static void event0_pending_survives(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    /* SIGNAL before REGISTER: kept until it can be taken. */
    ACCEPT(&m, 1, F_SIGNAL, SUCCESS, 0, 0x1);
    ACCEPT(&m, 1, F_REGISTER, SUCCESS, EV0, HANDLER, 0, 0, 0);
    ACCEPT(&m, 1, F_UNREGISTER, SUCCESS, EV0);
    t_reg_enable(&m, 1, EV0);
    SETTLED(&m);
    ACCEPT(&m, 1, F_PE_UNMASK, SUCCESS);
    NOT_SETTLED(&m);
    DISPATCH(&m, 1, EV0);
    /* Fired SGI 8 = SIGNAL; while running: delivered again afterwards. */
    rm_fire(&m, SGI_EV0, 1);
    rm_fire(&m, SGI_EV0, 2);                 /* PE 2 has not registered it */
    COMPLETES(&m, 1, F_COMPLETE, 0);
    NOT_SETTLED(&m);
    DISPATCH(&m, 1, EV0);
    COMPLETES(&m, 1, F_COMPLETE, 0);
    SETTLED(&m);
    t_reg_enable(&m, 2, EV0);
    ACCEPT(&m, 2, F_PE_UNMASK, SUCCESS);
    DISPATCH(&m, 2, EV0);
}

static void explicit_dispatch(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    EXPLICIT(&m, 0, EVP, (int64_t)INVALID);         /* not explicit */
    EXPLICIT(&m, 0, EV0, (int64_t)INVALID);
    EXPLICIT(&m, 0, 0x40000099, (int64_t)INVALID);
    EXPLICIT(&m, 0, EVX, (int64_t)DENIED);          /* masked */
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    EXPLICIT(&m, 0, EVX, (int64_t)DENIED);          /* unregistered */
    ACCEPT(&m, 0, F_REGISTER, SUCCESS, EVX, HANDLER, 0, 0, 0);
    EXPLICIT(&m, 0, EVX, (int64_t)DENIED);          /* disabled */
    ACCEPT(&m, 0, F_ENABLE, SUCCESS, EVX);
    assert_false(rm_explicit(&m, 0, EVX, (int64_t)DENIED, NULL, 0));
    assert_false(rm_explicit(&m, 0, EVX, -1, NULL, 0));
    EXPLICIT(&m, 0, EVX, 0);
    STATUS(&m, 0, EVX, 7);
    EXPLICIT(&m, 0, EVX, (int64_t)DENIED);          /* running */
    t_reg_enable(&m, 0, EVXC);
    assert_false(rm_explicit(&m, 0, EVXC, (int64_t)DENIED, NULL, 0));
    EXPLICIT(&m, 0, EVXC, 0);                       /* critical over normal */
    t_reg_enable(&m, 1, EVX);
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    SETTLED(&m);                                    /* no pending state */
    ACCEPT(&m, 0, F_DISABLE, SUCCESS, EVX);
    t_run(&m, 0, EVP);
    EXPLICIT(&m, 0, EVXC, 0);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    ACCEPT(&m, 0, F_ENABLE, SUCCESS, EVX);
    EXPLICIT(&m, 0, EVX, (int64_t)DENIED);          /* normal over normal */
    ACCEPT(&m, 1, F_PE_UNMASK, SUCCESS);
    EXPLICIT(&m, 1, EVX, 0);                        /* per PE */
}

static void settled_busy(void **state)
{
    struct rm_model m;
    bool busy[RM_MAX_PES] = { false };
    (void)state;
    tmodel(&m);
    t_reg_enable(&m, 1, EVP);
    t_reg_enable(&m, 1, EVPC);
    ACCEPT(&m, 1, F_PE_UNMASK, SUCCESS);
    rm_fire(&m, PPI_P, 1);
    busy[1] = true;                          /* cannot run (suspended): nothing owed */
    t_settled(&m, busy, true, __FILE__, __LINE__);
    busy[1] = false;
    NOT_SETTLED(&m);
    DISPATCH(&m, 1, EVP);
    rm_fire(&m, PPI_PC, 1);
    busy[1] = true;                          /* paused in a normal handler */
    t_settled(&m, busy, false, __FILE__, __LINE__);   /* critical still owed */
    DISPATCH(&m, 1, EVPC);
    t_settled(&m, busy, true, __FILE__, __LINE__);
}

static void shared_any_needs_a_taker(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_reg_enable(&m, 0, EVS);
    rm_fire(&m, SPI_S, 0);
    SETTLED(&m);                             /* every PE masked */
    ACCEPT(&m, 3, F_PE_UNMASK, SUCCESS);
    NOT_SETTLED(&m);
    t_run(&m, 3, EVP);                       /* PE 3 busy with a normal handler */
    SETTLED(&m);
    NO_DISPATCH(&m, 3, EVS);
    ACCEPT(&m, 1, F_PE_UNMASK, SUCCESS);
    NOT_SETTLED(&m);
    DISPATCH(&m, 1, EVS);
    SETTLED(&m);
}

/* What rm_dispatch_judged says was wrong with a refused dispatch: the
 * critical event that goes first, a nesting refused, or the event not to
 * be taken there now - and nothing, the model unchanged but for what it
 * takes, for one allowed. */
static void dispatch_faults(void **state)
{
    struct rm_model m;
    struct rm_dispatch_verdict v;
    (void)state;
    tmodel(&m);
    t_reg_enable(&m, 0, EVP);
    t_reg_enable(&m, 0, EVPC);
    assert_false(rm_dispatch_judged(&m, 0, EVP, &v, NULL, 0));
    assert_int_equal(v.fault, RM_DF_NOT_NOW);            /* not triggered (and masked) */
    rm_fire(&m, PPI_P, 0);
    rm_fire(&m, PPI_PC, 0);
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    assert_false(rm_dispatch_judged(&m, 0, EVP, &v, NULL, 0));
    assert_int_equal(v.fault, RM_DF_FIRST);
    assert_int_equal(v.first, EVPC);
    assert_true(rm_dispatch_judged(&m, 0, EVPC, &v, NULL, 0));
    assert_int_equal(v.fault, RM_DF_NONE);
    assert_false(rm_dispatch_judged(&m, 0, EVP, &v, NULL, 0));
    assert_int_equal(v.fault, RM_DF_NESTED);             /* in a critical handler */
    COMPLETES(&m, 0, F_COMPLETE, 0);
    DISPATCH(&m, 0, EVP);
    SETTLED(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(needs_trigger_enable_unmask),
        cmocka_unit_test(one_bit_pending),
        cmocka_unit_test(trigger_while_running),
        cmocka_unit_test(routing),
        cmocka_unit_test(pending_dropped_at_register),
        cmocka_unit_test(event0_pending_survives),
        cmocka_unit_test(explicit_dispatch),
        cmocka_unit_test(settled_busy),
        cmocka_unit_test(shared_any_needs_a_taker),
        cmocka_unit_test(dispatch_faults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
