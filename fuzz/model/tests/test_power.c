/* Power transitions (DEN0054C §6.5; scenarios/FORMAT.md "PSCI"). */
#include <string.h>

#include "rm_test.h"

static void cpu_off_completes_handlers(void **state)
{
    struct rm_model m;
    char why[200];
    (void)state;
    tmodel(&m);
    t_run(&m, 1, EVS);
    t_run(&m, 1, EVPC);
    ACCEPT(&m, 1, F_UNREGISTER, PENDING, EVPC);
    rm_cpu_off(&m, 1);
    STATUS(&m, 0, EVS, 3);                   /* another PE sees it not running */
    STATUS(&m, 1, EVPC, 0);                  /* unregister-pending -> unregistered */
    /* An off PE cannot call, nor take events. */
    assert_false(t_raw(&m, 1, 0xC4000020, V(0x0001000100001234ull), 2, false, false, why,
                       sizeof why));
    rm_fire(&m, SPI_S, 0);
    NO_DISPATCH(&m, 1, EVS);
    SETTLED(&m);                             /* every other PE masked */
    ACCEPT(&m, 2, F_PE_UNMASK, SUCCESS);
    DISPATCH(&m, 2, EVS);
}

static void cpu_on_resets_private(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_reg_enable(&m, 3, EVP);
    t_reg_enable(&m, 3, EVS);
    ACCEPT(&m, 3, F_PE_UNMASK, SUCCESS);
    rm_cpu_off(&m, 3);
    rm_cpu_on(&m, 3);
    ONLY(&m, 3, F_PE_MASK, 1, 0);            /* masked */
    STATUS(&m, 3, EVP, 0);                   /* private registrations reset */
    STATUS(&m, 3, EVS, 3);                   /* shared kept */
}

static void trigger_at_off_pe_may_be_lost(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_reg_enable(&m, 2, EV0);
    rm_cpu_off(&m, 2);
    ACCEPT(&m, 0, F_SIGNAL, SUCCESS, 0, 0x100);   /* event 0 at an off PE */
    rm_cpu_on(&m, 2);
    t_reg_enable(&m, 2, EV0);
    ACCEPT(&m, 2, F_PE_UNMASK, SUCCESS);
    SETTLED(&m);                             /* not owed... */
    DISPATCH(&m, 2, EV0);                    /* ...but allowed, once */
    COMPLETES(&m, 2, F_COMPLETE, 0);
    NO_DISPATCH(&m, 2, EV0);
    /* Pending before CPU_OFF: after CPU_ON only possibly pending. */
    ACCEPT(&m, 2, F_PE_MASK, 1);
    rm_fire(&m, SGI_EV0, 2);
    rm_cpu_off(&m, 2);
    rm_cpu_on(&m, 2);
    t_reg_enable(&m, 2, EV0);
    ACCEPT(&m, 2, F_PE_UNMASK, SUCCESS);
    SETTLED(&m);
    DISPATCH(&m, 2, EV0);
}

static void wake(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_reg_enable(&m, 1, EVP);
    ACCEPT(&m, 1, F_PE_UNMASK, SUCCESS);
    /* Standby: nothing changes, the mask included. */
    rm_wake(&m, 1, false);
    ONLY(&m, 1, F_PE_MASK, 0, 1);
    ACCEPT(&m, 1, F_PE_UNMASK, SUCCESS);
    /* Power-down: masked again, registrations and pending triggers kept. */
    rm_fire(&m, PPI_P, 1);
    rm_wake(&m, 1, true);
    STATUS(&m, 1, EVP, 3);
    NO_DISPATCH(&m, 1, EVP);
    SETTLED(&m);
    ACCEPT(&m, 1, F_PE_UNMASK, SUCCESS);
    NOT_SETTLED(&m);
    DISPATCH(&m, 1, EVP);
}

static void system_reset(void **state)
{
    struct rm_model m, fresh;
    (void)state;
    tmodel(&m);
    tmodel(&fresh);
    ACCEPT(&m, 0, F_BIND, SLOTS0, 50);
    t_run(&m, 0, SLOTS0);
    t_reg_enable(&m, 1, EVP);
    rm_fire(&m, PPI_P, 1);
    ACCEPT(&m, 2, F_SIGNAL, SUCCESS, 0, 0x101);
    rm_cpu_off(&m, 3);
    rm_system_reset(&m);
    assert_memory_equal(&m, &fresh, sizeof m);
    STATUS(&m, 0, SLOTS0, -1);
    ONLY(&m, 3, F_PE_MASK, 1, 0);
}

static void complete_all(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_run(&m, 0, EVP);
    t_run(&m, 0, EVSC);
    ACCEPT(&m, 0, F_UNREGISTER, PENDING, EVP);
    rm_complete_all(&m, 0);
    STATUS(&m, 0, EVP, 0);
    STATUS(&m, 0, EVSC, 3);
    ONLY(&m, 0, F_COMPLETE, SUCCESS, DENIED, 0);
    ONLY(&m, 0, F_PE_MASK, 0, 1);            /* SYSTEM_OFF's completion only */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cpu_off_completes_handlers),
        cmocka_unit_test(cpu_on_resets_private),
        cmocka_unit_test(trigger_at_off_pe_may_be_lost),
        cmocka_unit_test(wake),
        cmocka_unit_test(system_reset),
        cmocka_unit_test(complete_all),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
