/* Every behaviour flag: the same input under the specification's intent
 * (flag off) and under the named policy (flag on). core/README.md "Named
 * policies". */
#include "rm_test.h"

/* The test platform with one flag set by `set`. */
#define WITH(m, set)                 \
    do {                             \
        struct rm_platform p_;       \
        tplat(&p_);                  \
        p_.set = true;               \
        tinit(m, &p_);               \
    } while (0)

static void truncate_upper(void **state)
{
    struct rm_model m;
    const uint64_t hi = 0xFFFFFFFF00000000ull;
    (void)state;
    tmodel(&m);
    ONLY(&m, 0, F_STATUS, 0, INVALID, hi | EVP);
    ONLY(&m, 0, F_BIND, SLOTP0, INVALID, hi | 20);
    ONLY(&m, 0, F_FEATURES, 0x00020002, INVALID, hi);
    ONLY(&m, 0, F_CONTEXT, DENIED, INVALID, hi);
    ONLY(&m, 0, F_SIGNAL, SUCCESS, INVALID, hi, 0);
    ONLY(&m, 0, F_GET_INFO, 1, INVALID, EVS, hi | 0);
    WITH(&m, truncate_upper);
    ONLY(&m, 0, F_STATUS, INVALID, 0, hi | EVP);
    ONLY(&m, 0, F_REGISTER, INVALID, SUCCESS, hi | EVP, HANDLER, 0, 0, 0);
    ONLY(&m, 0, F_ENABLE, INVALID, SUCCESS, hi | EVP);
    STATUS(&m, 0, EVP, 3);
    ONLY(&m, 0, F_BIND, INVALID, SLOTP0, hi | 20);
    ONLY(&m, 0, F_FEATURES, INVALID, 0x00020002, hi);
    ONLY(&m, 0, F_CONTEXT, INVALID, DENIED, hi);
    ONLY(&m, 0, F_SIGNAL, INVALID, SUCCESS, hi, 0);
    ONLY(&m, 0, F_GET_INFO, INVALID, 1, EVS, hi | 0);
    /* Reserved bits of 64-bit parameters still count. */
    ONLY(&m, 0, F_REGISTER, SUCCESS, INVALID, EVS, HANDLER, 0, hi, 0);
}

static void complete_status_upper_bits(void **state)
{
    struct rm_model m;
    const uint64_t hi = 0x100000000ull;
    (void)state;
    tmodel(&m);
    /* §5.1.6 lists no INVALID_PARAMETERS: without truncation too, the
     * upper bits of the status code change nothing (the rule for 32-bit
     * parameters does not reach COMPLETE): DENIED outside a handler, the
     * completion inside.  (Either used to be accepted besides INVALID.) */
    ONLY(&m, 0, F_COMPLETE, INVALID, DENIED, hi);
    REJECT(&m, 0, F_COMPLETE, SUCCESS, hi);
    t_run(&m, 0, EVP);
    REJECT(&m, 0, F_COMPLETE, INVALID, hi);
    STATUS(&m, 0, EVP, 7);
    REJECT(&m, 0, F_COMPLETE, DENIED, hi);
    COMPLETES(&m, 0, F_COMPLETE, hi);
    /* With truncation: only the normal outcome. */
    WITH(&m, truncate_upper);
    ONLY(&m, 0, F_COMPLETE, INVALID, DENIED, hi);
}

static void signal_strict(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ONLY(&m, 0, F_SIGNAL, INVALID, SUCCESS, 0, 0x1);     /* masked, unregistered: fine */
    WITH(&m, signal_strict);
    ONLY(&m, 0, F_SIGNAL, SUCCESS, INVALID, 0, 0x1);     /* target masked */
    ACCEPT(&m, 1, F_PE_UNMASK, SUCCESS);
    ONLY(&m, 0, F_SIGNAL, SUCCESS, INVALID, 0, 0x1);     /* event 0 unregistered */
    ACCEPT(&m, 1, F_REGISTER, SUCCESS, EV0, HANDLER, 0, 0, 0);
    ONLY(&m, 0, F_SIGNAL, SUCCESS, INVALID, 0, 0x1);     /* registered, disabled */
    ACCEPT(&m, 1, F_ENABLE, SUCCESS, EV0);
    ONLY(&m, 0, F_SIGNAL, SUCCESS, INVALID, EVP, 0x1);   /* still only event 0 */
    ONLY(&m, 0, F_SIGNAL, SUCCESS, INVALID, 0, 0x2);     /* still a real PE */
    ONLY(&m, 0, F_SIGNAL, INVALID, SUCCESS, 0, 0x1);
    DISPATCH(&m, 1, EV0);
    ONLY(&m, 0, F_SIGNAL, INVALID, SUCCESS, 0, 0x1);     /* running is fine */
    COMPLETES(&m, 1, F_COMPLETE, 0);
    DISPATCH(&m, 1, EV0);
}

static void bind_tfa(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ONLY(&m, 0, F_BIND, DENIED, INVALID, SPI_SEC);
    ACCEPT(&m, 0, F_BIND, SLOTS0, 50);
    ACCEPT(&m, 0, F_BIND, SLOTS1, 51);
    ONLY(&m, 0, F_BIND, OUT_OF_RESOURCE, INVALID, SPI_SEC);
    WITH(&m, bind_tfa);
    ONLY(&m, 0, F_BIND, INVALID, DENIED, SPI_SEC);
    ONLY(&m, 0, F_BIND, INVALID, DENIED, PPI_SEC);
    ONLY(&m, 0, F_BIND, SLOTP0, INVALID, 8);             /* SGIs still INVALID */
    ACCEPT(&m, 0, F_BIND, SLOTS0, 50);
    ACCEPT(&m, 0, F_BIND, SLOTS1, 51);
    ONLY(&m, 0, F_BIND, DENIED, OUT_OF_RESOURCE, SPI_SEC);   /* slot first */
    ONLY(&m, 0, F_BIND, OUT_OF_RESOURCE, SLOTS0, 50);
}

static void resume_denied(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_run(&m, 0, EVP);
    ONLY(&m, 0, F_RESUME, DENIED, INVALID, RESUME + 2);
    WITH(&m, resume_denied);
    ONLY(&m, 0, F_RESUME, INVALID, DENIED, RESUME + 2);  /* outside a handler too */
    t_run(&m, 0, EVP);
    ONLY(&m, 0, F_RESUME, INVALID, DENIED, 0x3000000);
    STATUS(&m, 0, EVP, 7);
    COMPLETES(&m, 0, F_RESUME, RESUME);
}

static void unbound_tfa(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ONLY(&m, 0, F_STATUS, 0, INVALID, SLOTS0);
    ONLY(&m, 0, F_ENABLE, DENIED, INVALID, SLOTS0);
    ONLY(&m, 0, F_GET_INFO, 1, INVALID, SLOTS0, 0);
    STATUS(&m, 0, SLOTS0, -1);
    WITH(&m, unbound_tfa);
    ONLY(&m, 0, F_REGISTER, INVALID, DENIED, SLOTS0, HANDLER, 0, 0, 0);
    ONLY(&m, 0, F_REGISTER, DENIED, INVALID, SLOTS0, HANDLER, 0, 4, 0);  /* args first */
    ONLY(&m, 0, F_STATUS, INVALID, 0, SLOTS0);
    ONLY(&m, 0, F_GET_INFO, INVALID, 1, SLOTS0, 0);
    ONLY(&m, 0, F_GET_INFO, INVALID, 0, SLOTP0, 0);
    ONLY(&m, 0, F_GET_INFO, INVALID, 1, SLOTS0, 1);
    ONLY(&m, 0, F_GET_INFO, INVALID, 0, SLOTS0, 2);
    ONLY(&m, 0, F_GET_INFO, INVALID, DENIED, SLOTS0, 3);
    ONLY(&m, 0, F_GET_INFO, DENIED, INVALID, SLOTP0, 3);
    ONLY(&m, 0, F_ENABLE, INVALID, DENIED, SLOTS0);
    ONLY(&m, 0, F_DISABLE, INVALID, DENIED, SLOTP0);
    ONLY(&m, 0, F_UNREGISTER, INVALID, DENIED, SLOTS0);
    ONLY(&m, 0, F_ROUTING_SET, DENIED, INVALID, SLOTS0, 0, 0);
    ONLY(&m, 0, F_RELEASE, DENIED, INVALID, SLOTS0);
    STATUS(&m, 0, SLOTS0, 0);
    /* Unknown numbers stay INVALID. */
    ONLY(&m, 0, F_STATUS, 0, INVALID, 0x40FF0002);
    STATUS(&m, 0, 0x40FF0002, -1);
    /* Bound, then released: free again. */
    ACCEPT(&m, 0, F_BIND, SLOTS0, 50);
    ACCEPT(&m, 0, F_RELEASE, SUCCESS, SLOTS0);
    ONLY(&m, 0, F_REGISTER, SUCCESS, DENIED, SLOTS0, HANDLER, 0, 0, 0);
}

static void priv_route_validate(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ONLY(&m, 0, F_REGISTER, INVALID, SUCCESS, EVP, HANDLER, 0, 1, 0x7);
    WITH(&m, priv_route_validate);
    ONLY(&m, 0, F_REGISTER, SUCCESS, INVALID, EVP, HANDLER, 0, 1, 0x7);
    ONLY(&m, 0, F_REGISTER, INVALID, SUCCESS, EVP, HANDLER, 0, 1, 0x101);   /* any PE */
    ONLY(&m, 1, F_REGISTER, INVALID, SUCCESS, EVP, HANDLER, 0, 0, 0x7);     /* RM_ANY */
}

static void ctx_running_first(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ONLY(&m, 0, F_CONTEXT, DENIED, INVALID, 18);
    WITH(&m, ctx_running_first);
    ONLY(&m, 0, F_CONTEXT, INVALID, DENIED, 18);
    ONLY(&m, 0, F_CONTEXT, INVALID, DENIED, 0x100000000ull);
    t_run(&m, 0, EVP);
    ONLY(&m, 0, F_CONTEXT, DENIED, INVALID, 18);        /* inside: param checked */
    ACCEPT(&m, 0, F_CONTEXT, 5, 17);
}

static void mpidr_lax(void **state)
{
    struct rm_model m;
    const uint64_t junk = 0x80000000ull | 0xFF0000000000ull | 0x1000000ull;
    (void)state;
    tmodel(&m);
    ONLY(&m, 0, F_SIGNAL, SUCCESS, INVALID, 0, junk | 0x1);
    ONLY(&m, 0, F_REGISTER, SUCCESS, INVALID, EVS, HANDLER, 0, 1, junk | 0x100);
    WITH(&m, mpidr_lax);
    ONLY(&m, 0, F_SIGNAL, INVALID, SUCCESS, 0, junk | 0x1);
    ONLY(&m, 0, F_SIGNAL, SUCCESS, INVALID, 0, junk | 0x2);  /* affinity still checked */
    ONLY(&m, 0, F_REGISTER, INVALID, SUCCESS, EVS, HANDLER, 0, 1, junk | 0x100);
    /* GET_INFO(ROUTING_AFF): the affinity fields only (mpidr_lax_routing_aff). */
    ONLY(&m, 0, F_GET_INFO, junk | 0x100, 0x100, EVS, 4);
    REJECT(&m, 0, F_GET_INFO, 0x101, EVS, 4);
    ONLY(&m, 0, F_ROUTING_SET, INVALID, SUCCESS, EVS, 1, junk | 0x101);
    ACCEPT(&m, 0, F_ENABLE, SUCCESS, EVS);
    ACCEPT(&m, 3, F_PE_UNMASK, SUCCESS);
    rm_fire(&m, SPI_S, 0);
    NOT_SETTLED(&m);
    DISPATCH(&m, 3, EVS);                  /* routed to PE 3 (0x101) */
}

/* Under mpidr_lax the bits outside Aff3..Aff0 of an RM_PE affinity are
 * ignored, not kept: GET_INFO(ROUTING_AFF) answers an MPIDR-format affinity
 * ([63:40] and [31:24] zero, sdei-spec.md §3.2, §3.9), never the junk as
 * passed - with bit 63 set that would even read as an error (§2: a value
 * returned is non-negative).  Both after REGISTER and after ROUTING_SET. */
static void mpidr_lax_routing_aff(void **state)
{
    struct rm_model m;
    const uint64_t junk = 0x8000000000000000ull | 0xFF0000000000ull | 0x80000000ull;
    (void)state;
    WITH(&m, mpidr_lax);
    ACCEPT(&m, 0, F_REGISTER, SUCCESS, EVS, HANDLER, 0, 1, junk | 0x101);
    REJECT(&m, 0, F_GET_INFO, junk | 0x101, EVS, 4);
    REJECT(&m, 0, F_GET_INFO, 0xFF0000000101ull, EVS, 4);
    ACCEPT(&m, 0, F_GET_INFO, 0x101, EVS, 4);
    ACCEPT(&m, 1, F_ROUTING_SET, SUCCESS, EVS, 1, junk | 0x1);
    REJECT(&m, 1, F_GET_INFO, junk | 0x1, EVS, 4);
    ACCEPT(&m, 1, F_GET_INFO, 0x1, EVS, 4);
    ACCEPT(&m, 1, F_ENABLE, SUCCESS, EVS);
    ACCEPT(&m, 1, F_PE_UNMASK, SUCCESS);
    rm_fire(&m, SPI_S, 0);
    NO_DISPATCH(&m, 3, EVS);
    DISPATCH(&m, 1, EVS);                  /* routed to PE 1 (0x1) */
}

static void explicit_minus_one(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    assert_false(rm_explicit(&m, 0, EVX, -1, NULL, 0));
    EXPLICIT(&m, 0, EVX, (int64_t)DENIED);
    assert_false(rm_explicit(&m, 0, EVP, -1, NULL, 0));
    EXPLICIT(&m, 0, EVP, (int64_t)INVALID);
    WITH(&m, explicit_minus_one);
    assert_false(rm_explicit(&m, 0, EVX, (int64_t)DENIED, NULL, 0));
    EXPLICIT(&m, 0, EVX, -1);
    assert_false(rm_explicit(&m, 0, EVP, (int64_t)INVALID, NULL, 0));
    EXPLICIT(&m, 0, EVP, -1);
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    t_reg_enable(&m, 0, EVX);
    assert_false(rm_explicit(&m, 0, EVX, -1, NULL, 0));
    EXPLICIT(&m, 0, EVX, 0);
    EXPLICIT(&m, 0, EVX, -1);
}

static void signaled_inverted(void **state)
{
    struct rm_model m;
    (void)state;
    WITH(&m, signaled_inverted);
    ONLY(&m, 0, F_GET_INFO, 0, 1, EV0, 1);
    ONLY(&m, 0, F_GET_INFO, 1, 0, EVP, 1);
    ONLY(&m, 0, F_GET_INFO, 1, 0, EVS, 1);
}

static void mask_zero(void **state)
{
    struct rm_model m;
    (void)state;
    WITH(&m, mask_zero);
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    ONLY(&m, 0, F_PE_MASK, 1, 0);
    ONLY(&m, 0, F_PE_MASK, 1, 0);
    /* It still masks. */
    t_reg_enable(&m, 0, EVP);
    rm_fire(&m, PPI_P, 0);
    NO_DISPATCH(&m, 0, EVP);
    SETTLED(&m);
}

/* SHARED_RESET denied by a bound event in use: without the flag no binding
 * goes (test_reset.c shared_reset_denied); with it, every other one. */
static void reset_release_unused(void **state)
{
    struct rm_model m;
    (void)state;
    WITH(&m, reset_release_unused);
    ACCEPT(&m, 0, F_BIND, SLOTP0, 20);
    ACCEPT(&m, 0, F_BIND, SLOTP1, 21);
    ACCEPT(&m, 0, F_BIND, SLOTS0, 50);
    ACCEPT(&m, 2, F_REGISTER, SUCCESS, SLOTP0, HANDLER, 0, 0, 0);
    t_reg_enable(&m, 0, SLOTS0);
    ONLY(&m, 0, F_SHARED_RESET, SUCCESS, DENIED);
    STATUS(&m, 2, SLOTP0, 1);                            /* in use: kept */
    STATUS(&m, 0, SLOTP1, -1);
    STATUS(&m, 0, SLOTS0, -1);
    ACCEPT(&m, 0, F_BIND, SLOTS0, 50);                    /* free again */
    /* Denied by a running shared event: nothing released. */
    ACCEPT(&m, 2, F_PRIVATE_RESET, SUCCESS);
    t_reg_enable(&m, 0, SLOTS0);
    t_run(&m, 1, SLOTS0);
    ONLY(&m, 1, F_SHARED_RESET, SUCCESS, DENIED);
    STATUS(&m, 0, SLOTP0, 0);
    ONLY(&m, 0, F_RELEASE, INVALID, SUCCESS, SLOTP0);
}

/* The triggers of test_dispatch.c's pending_dropped_at_register under
 * unreg_keep: each is left pending, owed once its event is registered and
 * enabled; and a held one a hand-over drops after UNREGISTER stays owed. */
static void unreg_keep(void **state)
{
    struct rm_model m;
    char why[300];
    (void)state;
    WITH(&m, unreg_keep);
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    /* Unregistered: kept, owed nowhere until registered and enabled. */
    rm_fire(&m, PPI_P, 0);
    SETTLED(&m);
    ACCEPT(&m, 0, F_REGISTER, SUCCESS, EVP, HANDLER, 0, 0, 0);
    SETTLED(&m);
    ACCEPT(&m, 0, F_ENABLE, SUCCESS, EVP);
    NOT_SETTLED(&m);
    DISPATCH(&m, 0, EVP);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    SETTLED(&m);
    /* Registered-disabled trigger, then UNREGISTER + REGISTER: kept. */
    ACCEPT(&m, 0, F_DISABLE, SUCCESS, EVP);
    rm_fire(&m, PPI_P, 0);
    ACCEPT(&m, 0, F_UNREGISTER, SUCCESS, EVP);
    t_reg_enable(&m, 0, EVP);
    NOT_SETTLED(&m);
    DISPATCH(&m, 0, EVP);
    /* Triggered while running, unregistered (PENDING): kept too. */
    rm_fire(&m, PPI_P, 0);
    ACCEPT(&m, 0, F_UNREGISTER, PENDING, EVP);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    SETTLED(&m);
    t_reg_enable(&m, 0, EVP);
    DISPATCH(&m, 0, EVP);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    SETTLED(&m);
    /* Same for a shared event. */
    rm_fire(&m, SPI_S, 0);
    ACCEPT(&m, 1, F_REGISTER, SUCCESS, EVS, HANDLER, 0, 0, 0);
    ACCEPT(&m, 1, F_ENABLE, SUCCESS, EVS);
    NOT_SETTLED(&m);
    DISPATCH(&m, 0, EVS);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    SETTLED(&m);
    /* Held by PE 0's firmware across UNREGISTER, then dropped at the
     * hand-over (3: SDD_IRQ_DROPPED): still owed once registered again. */
    rm_fire(&m, SPI_S, 0);
    rm_hold(&m, 0, SPI_S);
    ACCEPT(&m, 1, F_UNREGISTER, SUCCESS, EVS);
    assert_true(rm_hand_over(&m, 0, SPI_S, 3, why, sizeof why));
    t_reg_enable(&m, 1, EVS);
    NOT_SETTLED(&m);
    DISPATCH(&m, 0, EVS);
}

/* REGISTER, and RELEASE of a bound event, while PE 0's firmware holds
 * its SPI (Active): SUCCESS without the flag, DENIED with it (TF-A); a
 * PPI held on another PE is not Active where the caller looks. */
static void active_denied(void **state)
{
    struct rm_model m;
    char why[300];
    (void)state;
    WITH(&m, active_denied);
    ACCEPT(&m, 0, F_BIND, SLOTS0, 50);
    t_reg_enable(&m, 1, SLOTS0);
    rm_fire(&m, 50, 0);
    rm_hold(&m, 0, 50);
    ACCEPT(&m, 1, F_UNREGISTER, SUCCESS, SLOTS0);
    ONLY(&m, 1, F_REGISTER, SUCCESS, DENIED, SLOTS0, HANDLER, 0, 0, 0);
    ONLY(&m, 1, F_RELEASE, SUCCESS, DENIED, SLOTS0);
    assert_true(rm_hand_over(&m, 0, 50, 3, why, sizeof why));
    ACCEPT(&m, 1, F_REGISTER, SUCCESS, SLOTS0, HANDLER, 0, 0, 0);
    ACCEPT(&m, 1, F_UNREGISTER, SUCCESS, SLOTS0);
    ACCEPT(&m, 1, F_RELEASE, SUCCESS, SLOTS0);
    /* A private bound PPI held by PE 0: PE 1 registers its own. */
    ACCEPT(&m, 0, F_BIND, SLOTP0, 20);
    rm_hold(&m, 0, 20);
    ACCEPT(&m, 1, F_REGISTER, SUCCESS, SLOTP0, HANDLER, 0, 0, 0);
    assert_true(rm_hand_over(&m, 0, 20, 3, why, sizeof why));
    ACCEPT(&m, 1, F_UNREGISTER, SUCCESS, SLOTP0);
    /* SHARED_RESET releases each binding as RELEASE would: the held SPI's
     * is kept, DENIED (the others go: reset_release is not set here, so
     * with one kept none goes). */
    ACCEPT(&m, 0, F_BIND, SLOTS0, 50);
    rm_fire(&m, 50, 0);
    rm_hold(&m, 0, 50);
    ONLY(&m, 1, F_SHARED_RESET, SUCCESS, DENIED);
    STATUS(&m, 1, SLOTS0, 0);                              /* still bound */
    assert_true(rm_hand_over(&m, 0, 50, 3, why, sizeof why));
    ACCEPT(&m, 1, F_SHARED_RESET, SUCCESS);
    STATUS(&m, 1, SLOTS0, -1);
}

/* Event 0's SIGNAL pending at a masked PE, then PRIVATE_RESET there: the
 * default drops it (nothing owed once registered, enabled and unmasked
 * again); reset_signal_keep (TF-A) keeps it, owed then. */
static void reset_signal_keep(void **state)
{
    struct rm_model m;
    (void)state;
    for (int keep = 0; keep < 2; keep++) {
        if (keep)
            WITH(&m, reset_signal_keep);
        else
            tmodel(&m);
        ACCEPT(&m, 1, F_REGISTER, SUCCESS, EV0, HANDLER, 0, 0, 0);
        ACCEPT(&m, 1, F_ENABLE, SUCCESS, EV0);
        ACCEPT(&m, 0, F_SIGNAL, SUCCESS, 0, 0x1);            /* PE 1 masked: pending */
        ACCEPT(&m, 1, F_PRIVATE_RESET, SUCCESS);
        t_reg_enable(&m, 1, EV0);
        ACCEPT(&m, 1, F_PE_UNMASK, SUCCESS);
        if (keep) {
            NOT_SETTLED(&m);
            DISPATCH(&m, 1, EV0);
        } else {
            SETTLED(&m);
        }
    }
}

static void cpu_on_keep(void **state)
{
    struct rm_model m;
    (void)state;
    WITH(&m, cpu_on_keep);
    t_reg_enable(&m, 2, EVP);
    ACCEPT(&m, 2, F_PE_UNMASK, SUCCESS);
    rm_fire(&m, PPI_P, 2);
    ACCEPT(&m, 2, F_PE_MASK, 1);
    rm_cpu_off(&m, 2);
    rm_cpu_on(&m, 2);
    STATUS(&m, 2, EVP, 3);                 /* kept */
    ONLY(&m, 2, F_PE_MASK, 1, 0);          /* masked anyway */
    ACCEPT(&m, 2, F_PE_UNMASK, SUCCESS);
    SETTLED(&m);                           /* the old trigger: may be lost... */
    DISPATCH(&m, 2, EVP);                  /* ...or delivered */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(truncate_upper),
        cmocka_unit_test(complete_status_upper_bits),
        cmocka_unit_test(signal_strict),
        cmocka_unit_test(bind_tfa),
        cmocka_unit_test(resume_denied),
        cmocka_unit_test(unbound_tfa),
        cmocka_unit_test(priv_route_validate),
        cmocka_unit_test(ctx_running_first),
        cmocka_unit_test(mpidr_lax),
        cmocka_unit_test(mpidr_lax_routing_aff),
        cmocka_unit_test(explicit_minus_one),
        cmocka_unit_test(signaled_inverted),
        cmocka_unit_test(mask_zero),
        cmocka_unit_test(cpu_on_keep),
        cmocka_unit_test(reset_release_unused),
        cmocka_unit_test(unreg_keep),
        cmocka_unit_test(active_denied),
        cmocka_unit_test(reset_signal_keep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
