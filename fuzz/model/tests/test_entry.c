/* What a handler is entered with: the argument (x1) and the entry point
 * (PC) of the registration in force (SDEI_EVENT_REGISTER). */
#include "rm_test.h"

/* The argument (x1) and entry point (PC) the model expects at a handler
 * entry of ev on pe, false if it expects none; why on a mismatch. */
static bool entry(const struct rm_model *m, unsigned pe, int32_t ev, uint64_t x1, uint64_t pc,
                  struct rm_entry *want, char *why, size_t n)
{
    struct rm_entry got = { .arg = x1, .pc = pc };
    return rm_entry_ok(m, pe, ev, &got, want, why, n);
}

/* x1 on entry is the argument of the registration in force: per PE for a
 * private event, one for a shared event whichever PE registered it. */
static void entry_argument(void **state)
{
    struct rm_model m;
    struct rm_entry want;
    char why[200];
    (void)state;
    tmodel(&m);
    ACCEPT(&m, 1, F_REGISTER, SUCCESS, EVP, HANDLER, 0x1111, 0, 0);
    ACCEPT(&m, 2, F_REGISTER, SUCCESS, EVP, HANDLER, 0x2222, 0, 0);
    ACCEPT(&m, 3, F_REGISTER, SUCCESS, EVS, HANDLER, 0x3333, 0, 0);
    assert_true(entry(&m, 1, EVP, 0x1111, HANDLER, &want, why, sizeof why));
    assert_true(entry(&m, 2, EVP, 0x2222, HANDLER, &want, why, sizeof why));
    assert_false(entry(&m, 2, EVP, 0x1111, HANDLER, &want, why, sizeof why));
    assert_int_equal(want.arg, 0x2222);
    assert_string_equal(why, "handler entry of event 0x40000010 on PE 2: x1 = 0x1111, the registered "
                        "argument is 0x2222");
    assert_true(entry(&m, 0, EVS, 0x3333, HANDLER, &want, why, sizeof why));
    ACCEPT(&m, 2, F_UNREGISTER, SUCCESS, EVP);
    ACCEPT(&m, 2, F_REGISTER, SUCCESS, EVP, HANDLER, 0x2223, 0, 0);   /* the new one counts */
    assert_true(entry(&m, 2, EVP, 0x2223, HANDLER, &want, why, sizeof why));
    assert_false(entry(&m, 2, 0x40000999, 0, HANDLER, &want, why, sizeof why));
    REJECT(&m, 1, F_REGISTER, SUCCESS, EVP, HANDLER, 0x9999, 0, 0);   /* refused: kept */
    assert_true(entry(&m, 1, EVP, 0x1111, HANDLER, &want, why, sizeof why));
}

/* The PC on entry is the entry point of the registration in force, on
 * this PE for a private event (each PE registers its own handler), VBAR +
 * offset in relative mode. */
static void entry_point(void **state)
{
    struct rm_model m;
    struct rm_entry want;
    char why[200];
    (void)state;
    tmodel(&m);
    ACCEPT(&m, 1, F_REGISTER, SUCCESS, EVP, HANDLER, 7, 0, 0);
    ACCEPT(&m, 2, F_REGISTER, SUCCESS, EVP, HANDLER + 0x40, 7, 0, 0);
    ACCEPT(&m, 3, F_REGISTER, SUCCESS, EVS, 0x400, 7, 2 /* relative */, 0);
    assert_true(entry(&m, 1, EVP, 7, HANDLER, &want, why, sizeof why));
    assert_true(entry(&m, 2, EVP, 7, HANDLER + 0x40, &want, why, sizeof why));
    assert_false(entry(&m, 1, EVP, 7, HANDLER + 0x40, &want, why, sizeof why));   /* PE 2's */
    assert_int_equal(want.pc, HANDLER);
    assert_string_equal(why, "handler entry of event 0x40000010 on PE 1: PC = 0x10440, the registered "
                        "entry point is 0x10400");
    assert_true(entry(&m, 0, EVS, 7, 0x10400, &want, why, sizeof why));   /* VBAR 0x10000 + 0x400 */
    assert_false(entry(&m, 0, EVS, 7, 0x400, &want, why, sizeof why));    /* the offset alone */
    /* x1 is judged first */
    assert_false(entry(&m, 1, EVP, 8, 0, &want, why, sizeof why));
    assert_string_equal(why, "handler entry of event 0x40000010 on PE 1: x1 = 0x8, the registered "
                        "argument is 0x7");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(entry_argument),
        cmocka_unit_test(entry_point),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
