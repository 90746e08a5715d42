/* PRIVATE_RESET and SHARED_RESET, in and out of handlers (DEN0054C
 * §5.1.18-19; ACS test_035, test_039). */
#include "rm_test.h"

static void private_reset_outside_handler(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ONLY(&m, 0, F_PRIVATE_RESET, DENIED, SUCCESS);       /* nothing registered */
    ACCEPT(&m, 0, F_BIND, SLOTP0, 20);
    t_reg_enable(&m, 1, EVP);
    t_reg_enable(&m, 1, EV0);
    t_reg_enable(&m, 1, EVX);
    ACCEPT(&m, 1, F_REGISTER, SUCCESS, SLOTP0, HANDLER, 0, 0, 0);
    t_reg_enable(&m, 2, EVP);
    t_reg_enable(&m, 1, EVS);
    ONLY(&m, 1, F_PRIVATE_RESET, DENIED, SUCCESS);
    STATUS(&m, 1, EVP, 0);
    STATUS(&m, 1, EV0, 0);
    STATUS(&m, 1, EVX, 0);
    STATUS(&m, 1, SLOTP0, 0);
    STATUS(&m, 2, EVP, 3);                   /* other PEs untouched */
    STATUS(&m, 1, EVS, 3);                   /* shared untouched */
    ONLY(&m, 0, F_RELEASE, DENIED, SUCCESS, SLOTP0);     /* bindings kept */
}

static void private_reset_inside_handler(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_reg_enable(&m, 0, EVPC);
    t_run(&m, 0, EVP);
    ONLY(&m, 0, F_PRIVATE_RESET, SUCCESS, DENIED);
    STATUS(&m, 0, EVP, 4);                   /* running: unregister-pending */
    STATUS(&m, 0, EVPC, 0);
    ONLY(&m, 0, F_PRIVATE_RESET, SUCCESS, DENIED);       /* again: still DENIED */
    STATUS(&m, 0, EVP, 4);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    STATUS(&m, 0, EVP, 0);
    ONLY(&m, 0, F_PRIVATE_RESET, DENIED, SUCCESS);
    /* Inside a shared handler: private ones only, SUCCESS. */
    t_reg_enable(&m, 0, EVP);
    t_run(&m, 0, EVS);
    ONLY(&m, 0, F_PRIVATE_RESET, DENIED, SUCCESS);
    STATUS(&m, 0, EVP, 0);
    STATUS(&m, 0, EVS, 7);
    /* Nested critical private over a normal private: both running. */
    COMPLETES(&m, 0, F_COMPLETE, 0);
    t_run(&m, 0, EVP);
    t_run(&m, 0, EVPC);
    ONLY(&m, 0, F_PRIVATE_RESET, SUCCESS, DENIED);
    STATUS(&m, 0, EVP, 4);
    STATUS(&m, 0, EVPC, 4);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    STATUS(&m, 0, EVPC, 0);
    STATUS(&m, 0, EVP, 4);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    STATUS(&m, 0, EVP, 0);
}

static void shared_reset_outside_handler(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ONLY(&m, 0, F_SHARED_RESET, DENIED, SUCCESS);
    ACCEPT(&m, 0, F_BIND, SLOTP0, 20);
    ACCEPT(&m, 0, F_BIND, SLOTS0, 50);
    t_reg_enable(&m, 0, SLOTS0);
    t_reg_enable(&m, 0, EVS);
    t_reg_enable(&m, 0, EVP);                /* private, not bound: no obstacle */
    ACCEPT(&m, 1, F_REGISTER, SUCCESS, EVSC, HANDLER, 0, 0, 0);
    ONLY(&m, 3, F_SHARED_RESET, DENIED, SUCCESS);
    STATUS(&m, 0, EVS, 0);
    STATUS(&m, 0, EVSC, 0);
    STATUS(&m, 0, EVP, 3);
    /* All bindings gone (§11), platform events stay. */
    STATUS(&m, 0, SLOTP0, -1);
    STATUS(&m, 0, SLOTS0, -1);
    ONLY(&m, 0, F_RELEASE, SUCCESS, INVALID, SLOTS0);
    ACCEPT(&m, 0, F_BIND, SLOTS1, 50);
    ACCEPT(&m, 0, F_BIND, SLOTP1, 20);
}

static void shared_reset_denied(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ACCEPT(&m, 0, F_BIND, SLOTP0, 20);
    ACCEPT(&m, 0, F_BIND, SLOTS0, 50);
    /* A private bound event registered on some PE: DENIED; shared events
     * are unregistered anyway; no binding released. */
    ACCEPT(&m, 2, F_REGISTER, SUCCESS, SLOTP0, HANDLER, 0, 0, 0);
    t_reg_enable(&m, 0, SLOTS0);
    ONLY(&m, 0, F_SHARED_RESET, SUCCESS, DENIED);
    STATUS(&m, 0, SLOTS0, 0);
    STATUS(&m, 2, SLOTP0, 1);
    ONLY(&m, 0, F_RELEASE, INVALID, SUCCESS, SLOTS0);    /* still bound */
    ACCEPT(&m, 2, F_PRIVATE_RESET, SUCCESS);
    ONLY(&m, 0, F_SHARED_RESET, DENIED, SUCCESS);
    STATUS(&m, 0, SLOTP0, -1);
}

static void shared_reset_inside_handler(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ACCEPT(&m, 0, F_BIND, SLOTS0, 50);
    t_reg_enable(&m, 0, EVSC);
    t_run(&m, 1, SLOTS0);
    ONLY(&m, 1, F_SHARED_RESET, SUCCESS, DENIED);
    STATUS(&m, 0, SLOTS0, 4);
    STATUS(&m, 0, EVSC, 0);
    ONLY(&m, 0, F_SHARED_RESET, SUCCESS, DENIED);        /* unregister-pending: DENIED */
    ONLY(&m, 0, F_RELEASE, SUCCESS, DENIED, SLOTS0);
    COMPLETES(&m, 1, F_COMPLETE, 0);
    STATUS(&m, 0, SLOTS0, 0);
    ONLY(&m, 1, F_SHARED_RESET, DENIED, SUCCESS);
    STATUS(&m, 0, SLOTS0, -1);
    /* From inside a private handler: shared ones only. */
    t_run(&m, 2, EVP);
    t_reg_enable(&m, 2, EVS);
    ONLY(&m, 2, F_SHARED_RESET, DENIED, SUCCESS);
    STATUS(&m, 2, EVP, 7);
    STATUS(&m, 2, EVS, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(private_reset_outside_handler),
        cmocka_unit_test(private_reset_inside_handler),
        cmocka_unit_test(shared_reset_outside_handler),
        cmocka_unit_test(shared_reset_denied),
        cmocka_unit_test(shared_reset_inside_handler),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
