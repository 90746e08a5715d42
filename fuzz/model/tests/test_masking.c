/* PE_MASK and PE_UNMASK made inside handlers: when the mask is in force
 * (DEN0054C §5.2.1, and the mask_at_once policy). */
#include "rm_test.h"

/* §5.2.1.1-2: a handler's PE_MASK is answered and recorded at once, and
 * in force when that handler completes. */
static void masking_inside_handler(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_run(&m, 0, EVP);
    t_reg_enable(&m, 0, EVPC);
    t_reg_enable(&m, 0, EVXC);
    ONLY(&m, 0, F_PE_MASK, 0, 1);
    ONLY(&m, 0, F_PE_MASK, 1, 0);            /* recorded at once */
    rm_fire(&m, PPI_PC, 0);
    NOT_SETTLED(&m);                         /* the critical event is still owed */
    DISPATCH(&m, 0, EVPC);
    ONLY(&m, 0, F_PE_UNMASK, NOT_SUPPORTED, SUCCESS);   /* the critical handler: back to unmasked */
    ONLY(&m, 0, F_PE_MASK, 0, 1);            /* masks again, in force when it completes */
    COMPLETES(&m, 0, F_COMPLETE, 0);
    EXPLICIT(&m, 0, EVXC, (int64_t)DENIED);  /* masked now, in the normal handler */
    rm_fire(&m, PPI_PC, 0);
    NO_DISPATCH(&m, 0, EVPC);
    SETTLED(&m);
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);     /* in force when the normal handler completes */
    NO_DISPATCH(&m, 0, EVPC);
    SETTLED(&m);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    NOT_SETTLED(&m);
    DISPATCH(&m, 0, EVPC);
}

/* A PE_MASK that finds the PE masked changes nothing: a nested handler's
 * leaves the outer handler's change waiting for the outer completion. */
static void masking_again_in_a_nested_handler(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_run(&m, 0, EVP);
    t_reg_enable(&m, 0, EVPC);
    ONLY(&m, 0, F_PE_MASK, 0, 1);
    rm_fire(&m, PPI_PC, 0);
    DISPATCH(&m, 0, EVPC);
    ONLY(&m, 0, F_PE_MASK, 1, 0);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    rm_fire(&m, PPI_PC, 0);
    NOT_SETTLED(&m);                         /* still unmasked for the normal handler */
    DISPATCH(&m, 0, EVPC);
}

/* mask_at_once (TF-A, KVM): in force at once, also in a handler. */
static void masking_inside_handler_at_once(void **state)
{
    struct rm_model m;
    struct rm_platform p;
    (void)state;
    tplat(&p);
    p.mask_at_once = true;
    tinit(&m, &p);
    t_run(&m, 0, EVP);
    t_reg_enable(&m, 0, EVPC);
    ONLY(&m, 0, F_PE_MASK, 0, 1);
    rm_fire(&m, PPI_PC, 0);
    NO_DISPATCH(&m, 0, EVPC);
    SETTLED(&m);
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    NOT_SETTLED(&m);
    DISPATCH(&m, 0, EVPC);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(masking_inside_handler),
        cmocka_unit_test(masking_inside_handler_at_once),
        cmocka_unit_test(masking_again_in_a_nested_handler),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
