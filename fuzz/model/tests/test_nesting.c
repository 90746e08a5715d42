/* Nesting and priority: a normal handler never preempted by a normal
 * event, a critical one preempting it, critical events taken first and
 * never nested in each other (DEN0054C §4.3.2, §6.2). */
#include "rm_test.h"

static void nesting(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_reg_enable(&m, 0, EVP);
    t_reg_enable(&m, 0, EVPC);
    t_reg_enable(&m, 0, EVS);
    t_reg_enable(&m, 0, EVSC);
    t_reg_enable(&m, 0, EV0);
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    rm_fire(&m, PPI_P, 0);
    rm_fire(&m, SPI_S, 0);
    rm_fire(&m, SGI_EV0, 0);
    /* Any pending normal event may go first (same class: any order). */
    DISPATCH(&m, 0, EVP);
    rm_fire(&m, PPI_PC, 0);
    rm_fire(&m, SPI_SC, 0);
    NO_DISPATCH(&m, 0, EVS);                 /* normal over normal: no */
    NO_DISPATCH(&m, 0, EV0);
    NOT_SETTLED(&m);                         /* criticals are owed */
    DISPATCH(&m, 0, EVSC);                   /* critical over normal: yes */
    NO_DISPATCH(&m, 0, EVPC);                /* critical over critical: no */
    SETTLED(&m);
    STATUS(&m, 0, EVP, 7);
    COMPLETES(&m, 0, F_COMPLETE, 0);         /* ends the critical one */
    STATUS(&m, 0, EVSC, 3);
    STATUS(&m, 0, EVP, 7);
    NOT_SETTLED(&m);                         /* EVPC owed now */
    NO_DISPATCH(&m, 0, EVS);
    DISPATCH(&m, 0, EVPC);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    COMPLETES(&m, 0, F_COMPLETE, 0);         /* ends EVP */
    STATUS(&m, 0, EVP, 3);
    STATUS(&m, 0, EVPC, 3);
    NOT_SETTLED(&m);
    DISPATCH(&m, 0, EV0);
    NO_DISPATCH(&m, 0, EVS);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    DISPATCH(&m, 0, EVS);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    SETTLED(&m);
    ONLY(&m, 0, F_COMPLETE, SUCCESS, DENIED, 0);
}

static void nesting_critical_first(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_run(&m, 1, EVPC);
    rm_fire(&m, PPI_P, 1);
    t_reg_enable(&m, 1, EVP);
    rm_fire(&m, PPI_P, 1);
    NO_DISPATCH(&m, 1, EVP);                 /* nothing preempts critical */
    SETTLED(&m);
    COMPLETES(&m, 1, F_RESUME, RESUME);
    NOT_SETTLED(&m);
    DISPATCH(&m, 1, EVP);
}

static void critical_over_critical(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_reg_enable(&m, 0, EVSC);
    t_reg_enable(&m, 0, EVXC);
    t_run(&m, 0, EVPC);                      /* a critical handler alone */
    rm_fire(&m, SPI_SC, 0);
    NO_DISPATCH(&m, 0, EVSC);
    EXPLICIT(&m, 0, EVXC, (int64_t)DENIED);
    SETTLED(&m);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    NOT_SETTLED(&m);
    DISPATCH(&m, 0, EVSC);
}

/* §4.3.2.2, §6.2: a critical event preempts a running normal handler; one
 * owed to the PE and able to run there when that handler completes was
 * left behind it (planted bug: critical events at the normal priority). */
static void critical_preempts_before_normal_completes(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_reg_enable(&m, 0, EVP);
    t_reg_enable(&m, 0, EVPC);
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    rm_fire(&m, PPI_P, 0);
    DISPATCH(&m, 0, EVP);
    rm_fire(&m, PPI_PC, 0);
    NO_COMPLETION(&m, 0, F_COMPLETE, 0);
    NO_COMPLETION(&m, 0, F_RESUME, RESUME);
    {   /* its verdict: no answer at all, not one the model could not judge */
        uint64_t complete[6] = { 0xC4000025, 0, 0, 0, 0, 0 };
        struct rm_verdict v;
        char why[200];
        assert_false(rm_call_judged(&m, 0, complete, 2, 0, 0, true, &v, why, sizeof why));
        assert_int_equal(v.kind, RM_V_NOTHING);
    }
    STATUS(&m, 0, EVP, 7);                   /* refused: nothing changed */
    DISPATCH(&m, 0, EVPC);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    COMPLETES(&m, 0, F_RESUME, RESUME);
    /* not owed: disabled, masked in force, or only possibly pending */
    rm_fire(&m, PPI_P, 0);
    DISPATCH(&m, 0, EVP);
    rm_fire(&m, PPI_PC, 0);
    ACCEPT(&m, 0, F_DISABLE, SUCCESS, EVPC);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    ACCEPT(&m, 0, F_ENABLE, SUCCESS, EVPC);
    DISPATCH(&m, 0, EVPC);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    m.p.mask_at_once = true;                 /* PE_MASK in the handler in force at once */
    rm_fire(&m, PPI_P, 0);
    DISPATCH(&m, 0, EVP);
    ACCEPT(&m, 0, F_PE_MASK, 1);
    rm_fire(&m, PPI_PC, 0);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    /* a shared critical event RM_ANY another unmasked PE may take */
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    ACCEPT(&m, 1, F_PE_UNMASK, SUCCESS);
    ACCEPT(&m, 0, F_REGISTER, SUCCESS, EVSC, HANDLER, 0, 0, 0);
    ACCEPT(&m, 0, F_ENABLE, SUCCESS, EVSC);
    rm_fire(&m, PPI_PC, 0);
    DISPATCH(&m, 0, EVPC);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    rm_fire(&m, PPI_P, 0);
    DISPATCH(&m, 0, EVP);
    rm_fire(&m, SPI_SC, 0);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    DISPATCH(&m, 1, EVSC);
}

/* A shared critical event whose SPI a PE's firmware holds Active (between
 * its acknowledge and the hand-over) is signalled nowhere, a new trigger
 * of it too: routed RM_PE to a PE in a normal handler, it does not preempt
 * that handler, whose COMPLETE stands. */
static void held_critical_spi_preempts_nothing(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    ACCEPT(&m, 1, F_PE_UNMASK, SUCCESS);
    ACCEPT(&m, 0, F_REGISTER, SUCCESS, EVSC, HANDLER, 0, 1, 0x1);   /* RM_PE to PE 1 */
    ACCEPT(&m, 0, F_ENABLE, SUCCESS, EVSC);
    rm_fire(&m, SPI_SC, 0);
    rm_hold(&m, 1, SPI_SC);                  /* Active on PE 1 */
    ACCEPT(&m, 0, F_DISABLE, SUCCESS, EVSC);
    ACCEPT(&m, 0, F_ROUTING_SET, SUCCESS, EVSC, 1, 0x0);   /* RM_PE to PE 0 */
    ACCEPT(&m, 0, F_ENABLE, SUCCESS, EVSC);
    t_reg_enable(&m, 0, EVP);
    rm_fire(&m, PPI_P, 0);
    DISPATCH(&m, 0, EVP);
    rm_fire(&m, SPI_SC, 0);                  /* pending for PE 0, still Active on PE 1 */
    COMPLETES(&m, 0, F_COMPLETE, 0);
}

/* §4.3.2.1, §6.2: with a critical and a normal event both pending for a
 * PE (at PE_UNMASK, or when a handler completes), the critical one is
 * dispatched first; a normal dispatch before it is refused.  A shared
 * RM_ANY critical event holds the PE back only when every other PE is
 * masked or off (no other PE takes part in its 1-of-N routing); else the
 * distributor may have chosen another.  One routed RM_PE to it does. */
static void critical_before_normal(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_reg_enable(&m, 0, EVP);
    t_reg_enable(&m, 0, EVPC);
    rm_fire(&m, PPI_P, 0);
    rm_fire(&m, PPI_PC, 0);
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    NO_DISPATCH(&m, 0, EVP);                 /* the critical one goes first */
    DISPATCH(&m, 0, EVPC);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    DISPATCH(&m, 0, EVP);
    /* pending while the normal handler runs: it preempts that handler */
    rm_fire(&m, PPI_PC, 0);
    DISPATCH(&m, 0, EVPC);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    rm_fire(&m, PPI_PC, 0);
    DISPATCH(&m, 0, EVPC);
    rm_fire(&m, PPI_P, 0);
    rm_fire(&m, PPI_PC, 0);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    NO_DISPATCH(&m, 0, EVP);
    DISPATCH(&m, 0, EVPC);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    DISPATCH(&m, 0, EVP);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    SETTLED(&m);
    /* a shared critical event: RM_PE to this PE holds it back, RM_ANY not */
    ACCEPT(&m, 1, F_REGISTER, SUCCESS, EVSC, HANDLER, 0, 1, 0x0);
    ACCEPT(&m, 1, F_ENABLE, SUCCESS, EVSC);
    ACCEPT(&m, 0, F_PE_MASK, 1);
    rm_fire(&m, PPI_P, 0);
    rm_fire(&m, SPI_SC, 0);
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    NO_DISPATCH(&m, 0, EVP);
    DISPATCH(&m, 0, EVSC);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    DISPATCH(&m, 0, EVP);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    ACCEPT(&m, 1, F_DISABLE, SUCCESS, EVSC);
    ACCEPT(&m, 1, F_ROUTING_SET, SUCCESS, EVSC, 0, 0);
    ACCEPT(&m, 1, F_ENABLE, SUCCESS, EVSC);
    ACCEPT(&m, 0, F_PE_MASK, 1);
    rm_fire(&m, PPI_P, 0);
    rm_fire(&m, SPI_SC, 0);
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    NO_DISPATCH(&m, 0, EVP);                 /* RM_ANY, PE 1 masked: PE 0's alone */
    DISPATCH(&m, 0, EVSC);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    DISPATCH(&m, 0, EVP);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    ACCEPT(&m, 1, F_PE_UNMASK, SUCCESS);
    ACCEPT(&m, 0, F_PE_MASK, 1);
    rm_fire(&m, PPI_P, 0);
    ACCEPT(&m, 1, F_PE_MASK, 1);             /* PE 1 out while it fires... */
    rm_fire(&m, SPI_SC, 0);
    ACCEPT(&m, 1, F_PE_UNMASK, SUCCESS);     /* ...and back in: it may be PE 1's */
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    DISPATCH(&m, 0, EVP);                    /* RM_ANY, PE 1 unmasked: may be PE 1's */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nesting),
        cmocka_unit_test(nesting_critical_first),
        cmocka_unit_test(critical_over_critical),
        cmocka_unit_test(critical_before_normal),
        cmocka_unit_test(critical_preempts_before_normal_completes),
        cmocka_unit_test(held_critical_spi_preempts_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
