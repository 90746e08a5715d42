/* Every call's arguments and errors: the conformance assertions of
 * reference/sdei-spec.md §11 that concern single calls, and the error
 * precedence the brief fixes. */
#include <stdio.h>
#include <string.h>

#include "rm_test.h"

/* ---- function IDs and callers ------------------------------------------ */

static void ids_all_implemented(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    /* §5.1: a valid VERSION promises all 19 functions: none answers -1. */
    for (unsigned fn = F_VERSION; fn <= F_SHARED_RESET; fn++)
        REJECT(&m, 0, fn, NOT_SUPPORTED, 0, 0, 0, 0, 0);
}

static void ids_unassigned_and_smc32(void **state)
{
    struct rm_model m;
    char why[200];
    (void)state;
    tmodel(&m);
    for (uint64_t fid = 0xC4000033; fid <= 0xC400003F; fid++) {
        assert_false(t_raw(&m, 0, fid, V(SUCCESS), 2, false, false, why, sizeof why));
        assert_true(t_raw(&m, 0, fid, V(NOT_SUPPORTED), 2, false, false, why, sizeof why));
    }
    for (uint64_t fid = 0x84000020; fid <= 0x8400003F; fid++) {
        assert_false(t_raw(&m, 0, fid, V(SUCCESS, EVP), 2, false, false, why, sizeof why));
        assert_true(t_raw(&m, 0, fid, V(NOT_SUPPORTED, EVP), 2, false, false, why, sizeof why));
    }
    /* SMC32 PE_UNMASK changed nothing: PE_MASK still answers 0. */
    ONLY(&m, 0, F_PE_MASK, 1, 0);
}

static void ids_upper_bits_of_x0_ignored(void **state)
{
    struct rm_model m;
    char why[200];
    (void)state;
    tmodel(&m);
    assert_true(t_raw(&m, 0, 0xFFFFFFFFC4000020ull, V(0x0001000100001234ull), 2, false, false,
                      why, sizeof why));
}

static void ids_outside_window_is_harness_error(void **state)
{
    struct rm_model m;
    char why[200];
    (void)state;
    tmodel(&m);
    assert_false(t_raw(&m, 0, 0x84000000, V(NOT_SUPPORTED), 2, false, false, why, sizeof why));
    assert_non_null(strstr(why, "not an SDEI function ID"));
    assert_false(t_raw(&m, 4, 0xC4000020, V(0x0001000100001234ull), 2, false, false, why,
                       sizeof why));
}

static void callers_wrong_el_aarch32_or_secure(void **state)
{
    struct rm_model m;
    char why[200];
    (void)state;
    tmodel(&m);
    /* §3.2.1, §3.4: only the client EL, Non-secure; AArch32 has no SMC64. */
    for (unsigned el = 0; el <= 3; el++) {
        if (el == 2)
            continue;
        assert_false(t_raw(&m, 1, 0xC400002C, V(SUCCESS), el, false, false, why, sizeof why));
        assert_true(t_raw(&m, 1, 0xC400002C, V(NOT_SUPPORTED), el, false, false, why, sizeof why));
    }
    assert_false(t_raw(&m, 1, 0xC400002C, V(SUCCESS), 2, RM_FROM_AARCH32, false, why, sizeof why));
    assert_non_null(strstr(why, "(EL2, AArch32): call from AArch32 allows NOT_SUPPORTED"));
    assert_true(t_raw(&m, 1, 0xC400002C, V(NOT_SUPPORTED), 2, RM_FROM_AARCH32, false, why, sizeof why));
    assert_false(t_raw(&m, 1, 0xC400002C, V(SUCCESS), 2, RM_FROM_SECURE, false, why, sizeof why));
    assert_non_null(strstr(why, "(EL2, Secure): call from Secure state allows NOT_SUPPORTED"));
    assert_true(t_raw(&m, 1, 0xC400002C, V(NOT_SUPPORTED), 2, RM_FROM_SECURE, false, why, sizeof why));
    /* Nothing changed: PE 1 is still masked. */
    ONLY(&m, 1, F_PE_MASK, 1, 0);
    /* Not even COMPLETE ends a handler from the wrong EL. */
    t_run(&m, 0, EVP);
    assert_false(t_raw(&m, 0, 0xC4000025, V(0), 1, false, true, why, sizeof why));
    assert_true(t_raw(&m, 0, 0xC4000025, V(NOT_SUPPORTED), 1, false, false, why, sizeof why));
    assert_false(t_raw(&m, 0, 0xC4000025, V(0), 2, RM_FROM_SECURE, true, why, sizeof why));
    assert_true(t_raw(&m, 0, 0xC4000025, V(NOT_SUPPORTED), 2, RM_FROM_SECURE, false, why, sizeof why));
    STATUS(&m, 0, EVP, 7);
}

/* ---- VERSION, FEATURES ------------------------------------------------- */

static void version(void **state)
{
    struct rm_model m;
    struct rm_platform p;
    (void)state;
    tmodel(&m);
    ONLY(&m, 2, F_VERSION, 0x0001000000001234ull, 0x0001000100001234ull);
    tplat(&p);
    p.version_minor = 0;
    p.vendor = 0;
    tinit(&m, &p);
    ONLY(&m, 0, F_VERSION, 0x0001000100000000ull, 0x0001000000000000ull);
}

static void features(void **state)
{
    struct rm_model m;
    struct rm_platform p;
    (void)state;
    tmodel(&m);
    ONLY(&m, 0, F_FEATURES, 0x00040004, 0x00020002, 0);   /* shared << 16 | private */
    ONLY(&m, 0, F_FEATURES, 0, 1, 1);
    ONLY(&m, 0, F_FEATURES, 0, INVALID, 2);
    ONLY(&m, 0, F_FEATURES, 0, INVALID, 0x10);
    ONLY(&m, 0, F_FEATURES, 0x00020002, INVALID, 0x100000000ull);
    /* Binding does not change the totals. */
    ACCEPT(&m, 0, F_BIND, SLOTP0, 20);
    ONLY(&m, 0, F_FEATURES, 0x00020001, 0x00020002, 0);
    tplat(&p);
    p.events[8].shared = 1;                 /* 1 private, 3 shared slots */
    tinit(&m, &p);
    ONLY(&m, 0, F_FEATURES, 0x00010003, 0x00030001, 0);
    tplat(&p);
    p.relative_mode = false;
    tinit(&m, &p);
    ONLY(&m, 0, F_FEATURES, 1, 0, 1);
    tplat(&p);
    p.version_minor = 0;
    tinit(&m, &p);
    ONLY(&m, 0, F_FEATURES, 1, INVALID, 1);
}

/* ---- event numbers ----------------------------------------------------- */

static void event_numbers(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    /* §4.1: bit 31, bits 29:24, unknown, upper half: INVALID, on every
     * call taking an event. */
    static const uint64_t bad[] = {
        0x80000000ull | EVP, 0x01000000ull | EVP, 0x20000000ull | EVP, 0x40000099,
        0x00000005, 0x100000000ull | EVP, 0xFFFFFFFF00000000ull,
    };
    static const unsigned fns[] = { F_ENABLE, F_DISABLE, F_UNREGISTER, F_STATUS, F_RELEASE };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        for (unsigned f = 0; f < sizeof fns / sizeof fns[0]; f++)
            ONLY(&m, 0, fns[f], DENIED, INVALID, bad[i]);
        ONLY(&m, 0, F_GET_INFO, 0, INVALID, bad[i], 0);
        ONLY(&m, 0, F_REGISTER, SUCCESS, INVALID, bad[i], HANDLER, 0, 0, 0);
        ONLY(&m, 0, F_ROUTING_SET, DENIED, INVALID, bad[i], 0, 0);
    }
    ONLY(&m, 0, F_STATUS, INVALID, 0, EVP);
    STATUS(&m, 0, 0x40000099, -1);
    STATUS(&m, 0, (int32_t)0x81000000, -1);
}

/* ---- REGISTER ---------------------------------------------------------- */

static void register_entry_point(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    static const uint64_t bad[] = { 0, 0x10402, 0x10401, 0xFFFC, 0x20000, 0x3FFFFC, 0x1000000,
                                    0xFFFFFFFFFFFFFFFCull };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ONLY(&m, 0, F_REGISTER, SUCCESS, INVALID, EVP, bad[i], 0, 0, 0);
    STATUS(&m, 0, EVP, 0);
    ONLY(&m, 0, F_REGISTER, INVALID, SUCCESS, EVP, 0x10000, 0, 0, 0);
    ONLY(&m, 0, F_REGISTER, INVALID, SUCCESS, EVS, 0xFFFFFC, 0, 0, 0);
    ONLY(&m, 0, F_REGISTER, INVALID, SUCCESS, EVPC, 0x400000, 0, 0, 0);
    ONLY(&m, 0, F_REGISTER, INVALID, SUCCESS, EVSC, 0x1FFFC, 0, 0, 0);
    STATUS(&m, 0, EVP, 1);
    STATUS(&m, 1, EVP, 0);    /* private: this PE only */
    STATUS(&m, 1, EVS, 1);    /* shared: global */
}

static void register_flags(void **state)
{
    struct rm_model m;
    struct rm_platform p;
    (void)state;
    tmodel(&m);
    /* Reserved bits [63:2]: INVALID (§12 item 1). */
    ONLY(&m, 0, F_REGISTER, SUCCESS, INVALID, EVP, HANDLER, 0, 4, 0);
    ONLY(&m, 0, F_REGISTER, SUCCESS, INVALID, EVS, HANDLER, 0, 0x8000000000000000ull, 0);
    /* Relative mode: VBAR (0x10000) + offset. */
    ONLY(&m, 0, F_REGISTER, SUCCESS, INVALID, EVP, 0x400002, 0, 2, 0);  /* misaligned */
    ONLY(&m, 0, F_REGISTER, SUCCESS, INVALID, EVP, 0x10000, 0, 2, 0);   /* 0x20000: outside */
    ONLY(&m, 0, F_REGISTER, INVALID, SUCCESS, EVP, 0x400, 0, 2, 0);
    ONLY(&m, 0, F_REGISTER, INVALID, SUCCESS, EVS, 0x3F0000, 0, 3, 0x101);  /* 0x400000 */
    /* An offset whose sum wraps lands below VBAR: INVALID. */
    ONLY(&m, 1, F_REGISTER, SUCCESS, INVALID, EVP, 0xFFFFFFFFFFFF0400ull, 0, 2, 0);
    ONLY(&m, 1, F_REGISTER, SUCCESS, INVALID, EVP, 0xFFFFFFFFFFFFFFFCull, 0, 2, 0);
    /* Without relative mode, or under 1.0: INVALID. */
    tplat(&p);
    p.relative_mode = false;
    tinit(&m, &p);
    ONLY(&m, 0, F_REGISTER, SUCCESS, INVALID, EVP, 0x400, 0, 2, 0);
    tplat(&p);
    p.version_minor = 0;
    tinit(&m, &p);
    ONLY(&m, 0, F_REGISTER, SUCCESS, INVALID, EVP, 0x400, 0, 2, 0);
    ONLY(&m, 0, F_REGISTER, INVALID, SUCCESS, EVP, HANDLER, 0, 1, 0x7777);
}

static void register_routing(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    /* Shared + RM_PE: the affinity must be a PE's MPIDR. */
    ONLY(&m, 0, F_REGISTER, SUCCESS, INVALID, EVS, HANDLER, 0, 1, 0x2);
    ONLY(&m, 0, F_REGISTER, SUCCESS, INVALID, EVS, HANDLER, 0, 1, 0x80000000);
    ONLY(&m, 0, F_REGISTER, SUCCESS, INVALID, EVS, HANDLER, 0, 1, 0xFFFFFFFF);
    /* RM_ANY: affinity unused. */
    ONLY(&m, 0, F_REGISTER, INVALID, SUCCESS, EVS, HANDLER, 0, 0, 0xFFFFFFFF);
    /* Private: routing ignored. */
    ONLY(&m, 0, F_REGISTER, INVALID, SUCCESS, EVP, HANDLER, 0, 1, 0xFFFFFFFF);
    ONLY(&m, 0, F_REGISTER, INVALID, SUCCESS, EVSC, HANDLER, 0, 1, 0x101);
    ONLY(&m, 0, F_GET_INFO, 0, 1, EVSC, 3);
    ONLY(&m, 0, F_GET_INFO, 0, 0x101, EVSC, 4);
}

static void register_precedence(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    t_reg_enable(&m, 0, EVS);
    /* Re-register: DENIED, unless an argument is bad (arguments first). */
    ONLY(&m, 0, F_REGISTER, SUCCESS, DENIED, EVS, HANDLER, 0, 0, 0);
    ONLY(&m, 0, F_REGISTER, DENIED, INVALID, EVS, 3, 0, 0, 0);
    ONLY(&m, 0, F_REGISTER, DENIED, INVALID, EVS, HANDLER, 0, 8, 0);
    ONLY(&m, 0, F_REGISTER, DENIED, INVALID, EVS, HANDLER, 0, 1, 0x9);
    ONLY(&m, 0, F_REGISTER, DENIED, INVALID, 0x40000099, HANDLER, 0, 0, 0);
    /* A free bind slot is no event: INVALID. */
    ONLY(&m, 0, F_REGISTER, DENIED, INVALID, SLOTP0, HANDLER, 0, 0, 0);
}

/* ---- GET_INFO ---------------------------------------------------------- */

static void get_info(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ONLY(&m, 0, F_GET_INFO, 0, INVALID, EVS, 5);
    ONLY(&m, 0, F_GET_INFO, 0, INVALID, EVS, 0x100000000ull);
    ONLY(&m, 0, F_GET_INFO, 1, 0, EVP, 0);       /* TYPE private */
    ONLY(&m, 0, F_GET_INFO, 0, 1, EVS, 0);       /* TYPE shared */
    ONLY(&m, 0, F_GET_INFO, 1, 0, EV0, 1);       /* event 0 can be signalled: 0 */
    ONLY(&m, 0, F_GET_INFO, 0, 1, EVP, 1);
    ONLY(&m, 0, F_GET_INFO, 0, 1, EVX, 1);
    ONLY(&m, 0, F_GET_INFO, 1, 0, EVP, 2);       /* PRIORITY */
    ONLY(&m, 0, F_GET_INFO, 0, 1, EVPC, 2);
    ONLY(&m, 0, F_GET_INFO, 0, 1, EVXC, 2);
    ONLY(&m, 0, F_GET_INFO, 1, 0, EV0, 2);
    /* Private + ROUTING_*: INVALID, even registered. */
    t_reg_enable(&m, 0, EVP);
    ONLY(&m, 0, F_GET_INFO, DENIED, INVALID, EVP, 3);
    ONLY(&m, 0, F_GET_INFO, DENIED, INVALID, EVP, 4);
    /* Shared unregistered: DENIED. */
    ONLY(&m, 0, F_GET_INFO, INVALID, DENIED, EVS, 3);
    ONLY(&m, 0, F_GET_INFO, INVALID, DENIED, EVS, 4);
    /* Shared RM_ANY: mode 0; no affinity. */
    ACCEPT(&m, 0, F_REGISTER, SUCCESS, EVS, HANDLER, 0, 0, 0x1);
    ONLY(&m, 3, F_GET_INFO, 1, 0, EVS, 3);
    ONLY(&m, 3, F_GET_INFO, 0, INVALID, EVS, 4);
    /* Bound events are normal. */
    ACCEPT(&m, 0, F_BIND, SLOTS0, 60);
    ONLY(&m, 0, F_GET_INFO, 1, 0, SLOTS0, 2);
    ONLY(&m, 0, F_GET_INFO, 0, 1, SLOTS0, 0);
    ONLY(&m, 0, F_GET_INFO, 0, 1, SLOTS0, 1);
}

/* ---- ROUTING_SET ------------------------------------------------------- */

static void routing_set(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    /* Unregistered: DENIED, but argument errors first. */
    ONLY(&m, 0, F_ROUTING_SET, SUCCESS, DENIED, EVS, 0, 0);
    ONLY(&m, 0, F_ROUTING_SET, DENIED, INVALID, EVS, 1, 0xFFFFFFFF);
    ONLY(&m, 0, F_ROUTING_SET, DENIED, INVALID, EVS, 2, 0);
    ONLY(&m, 0, F_ROUTING_SET, DENIED, INVALID, 0x10000, 0, 0);
    ONLY(&m, 0, F_ROUTING_SET, DENIED, INVALID, EVP, 0, 0);
    ONLY(&m, 0, F_ROUTING_SET, DENIED, INVALID, EV0, 0, 0);
    ONLY(&m, 0, F_ROUTING_SET, DENIED, INVALID, SLOTS0, 0, 0);
    /* Registered: allowed, and visible in GET_INFO. */
    ACCEPT(&m, 0, F_REGISTER, SUCCESS, EVS, HANDLER, 0, 0, 0);
    ONLY(&m, 0, F_ROUTING_SET, DENIED, SUCCESS, EVS, 1, 0x100);
    ONLY(&m, 1, F_GET_INFO, 0, 1, EVS, 3);
    ONLY(&m, 1, F_GET_INFO, 0x1, 0x100, EVS, 4);
    ONLY(&m, 0, F_ROUTING_SET, DENIED, SUCCESS, EVS, 0, 0x12345);
    ONLY(&m, 1, F_GET_INFO, 0x100, INVALID, EVS, 4);
    /* Enabled: DENIED; bad affinity still INVALID. */
    ACCEPT(&m, 0, F_ENABLE, SUCCESS, EVS);
    ONLY(&m, 0, F_ROUTING_SET, SUCCESS, DENIED, EVS, 1, 0x1);
    ONLY(&m, 0, F_ROUTING_SET, DENIED, INVALID, EVS, 1, 0x3);
    STATUS(&m, 0, EVS, 3);
}

/* ---- handler-context calls --------------------------------------------- */

static void context(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ONLY(&m, 0, F_CONTEXT, DENIED, INVALID, 18);
    ONLY(&m, 0, F_CONTEXT, DENIED, INVALID, 0x100000000ull);
    ONLY(&m, 0, F_CONTEXT, 0, DENIED, 0);
    ONLY(&m, 0, F_CONTEXT, 0, DENIED, 17);
    t_run(&m, 1, EVS);
    /* Inside the handler: any value (registers are not modelled). */
    ACCEPT(&m, 1, F_CONTEXT, 0x4444, 4);
    ACCEPT(&m, 1, F_CONTEXT, (uint64_t)-3, 17);
    ACCEPT(&m, 1, F_CONTEXT, 0, 0);
    ONLY(&m, 1, F_CONTEXT, 0, INVALID, 18);
    NO_COMPLETION(&m, 1, F_CONTEXT, 0);   /* a value, not a completion */
    /* Only on the PE running it. */
    ONLY(&m, 0, F_CONTEXT, 0, DENIED, 0);
}

static void complete(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ONLY(&m, 0, F_COMPLETE, SUCCESS, DENIED, 0);
    NO_COMPLETION(&m, 0, F_COMPLETE, 0);
    t_run(&m, 2, EVP);
    ONLY(&m, 3, F_COMPLETE, SUCCESS, DENIED, 0);
    REJECT(&m, 2, F_COMPLETE, SUCCESS, 0);
    COMPLETES(&m, 2, F_COMPLETE, 1);    /* FAILED: same state change */
    STATUS(&m, 2, EVP, 3);
    ONLY(&m, 2, F_COMPLETE, SUCCESS, DENIED, 0);
}

static void complete_and_resume(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    /* Bad address first (INVALID), then "no handler" (DENIED). */
    ONLY(&m, 0, F_RESUME, DENIED, INVALID, RESUME + 2);
    ONLY(&m, 0, F_RESUME, DENIED, INVALID, 0);
    ONLY(&m, 0, F_RESUME, INVALID, DENIED, RESUME);
    t_run(&m, 0, EVS);
    ONLY(&m, 0, F_RESUME, DENIED, INVALID, RESUME + 1);
    ONLY(&m, 0, F_RESUME, DENIED, INVALID, 0x20000);
    STATUS(&m, 0, EVS, 7);
    COMPLETES(&m, 0, F_RESUME, 0x400000);
    STATUS(&m, 0, EVS, 3);
}

/* ---- mask, signal ------------------------------------------------------ */

static void pe_mask(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ONLY(&m, 0, F_PE_MASK, 1, 0);          /* starts masked */
    ONLY(&m, 0, F_PE_UNMASK, 1, SUCCESS);
    ONLY(&m, 0, F_PE_UNMASK, 1, SUCCESS);
    ONLY(&m, 0, F_PE_MASK, 0, 1);
    ONLY(&m, 0, F_PE_MASK, 1, 0);
    ONLY(&m, 1, F_PE_MASK, 1, 0);          /* per PE */
}

static void signal_event(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ONLY(&m, 0, F_SIGNAL, SUCCESS, INVALID, EVP, 0);
    ONLY(&m, 0, F_SIGNAL, SUCCESS, INVALID, 0x100000000ull, 0);
    ONLY(&m, 0, F_SIGNAL, SUCCESS, INVALID, 0, 0x2);
    ONLY(&m, 0, F_SIGNAL, SUCCESS, INVALID, 0, 0x80000000);   /* strict MPIDR */
    ONLY(&m, 0, F_SIGNAL, SUCCESS, INVALID, 0, 0xFFFFFFFFFFFFFFFFull);
    /* Self while masked and unregistered: SUCCESS, pending until it can be
     * taken (§5.1.16, §5.1.12.2). */
    ONLY(&m, 0, F_SIGNAL, INVALID, SUCCESS, 0, 0x0);
    ONLY(&m, 0, F_SIGNAL, INVALID, SUCCESS, 0, 0x101);
    t_reg_enable(&m, 0, EV0);
    SETTLED(&m);
    NO_DISPATCH(&m, 0, EV0);               /* masked */
    ACCEPT(&m, 0, F_PE_UNMASK, SUCCESS);
    NOT_SETTLED(&m);
    DISPATCH(&m, 0, EV0);
    SETTLED(&m);
    /* PE 3 was signalled too but has not registered event 0. */
    NO_DISPATCH(&m, 3, EV0);
}

/* ---- explanations ------------------------------------------------------ */

static void explanations(void **state)
{
    struct rm_model m;
    char why[256];
    (void)state;
    tmodel(&m);
    t_run(&m, 1, EVP);
    ACCEPT(&m, 1, F_DISABLE, SUCCESS, EVP);
    assert_false(t_raw(&m, 1, 0xC4000022, V(DENIED, EVP), 2, false, false, why, sizeof why));
    assert_string_equal(why, "EVENT_ENABLE(0x40000010) on PE 1: state registered+running "
                             "allows SUCCESS, got DENIED");
    assert_false(t_raw(&m, 1, 0xC4000028, V(3, EVP), 2, false, false, why, sizeof why));
    assert_string_equal(why, "EVENT_STATUS(0x40000010) on PE 1: state registered+running "
                             "allows 5, got 3");
    assert_false(t_raw(&m, 0, 0xC4000022, V(SUCCESS, 0x81000000), 2, false, false, why,
                       sizeof why));
    assert_string_equal(why, "EVENT_ENABLE(0x81000000) on PE 0: event number with bit 31 set "
                             "allows INVALID_PARAMETERS, got SUCCESS");
    assert_false(t_raw(&m, 0, 0xC4000028, V(0, 0x20000010), 2, false, false, why, sizeof why));
    assert_string_equal(why, "EVENT_STATUS(0x20000010) on PE 0: event number with reserved "
                             "bits 29:24 set allows INVALID_PARAMETERS, got 0");
    /* Truncated, still terminated. */
    assert_false(t_raw(&m, 1, 0xC4000022, V(DENIED, EVP), 2, false, false, why, 10));
    assert_int_equal(strlen(why), 9);
    assert_false(t_raw(&m, 1, 0xC4000022, V(DENIED, EVP), 2, false, false, NULL, 0));
}

/* rm_call_judged reports what was allowed, right or wrong answer alike. */
static void verdicts_say_what_was_allowed(void **state)
{
    struct rm_model m;
    struct rm_verdict v;
    char why[200];
    uint64_t enable[6] = { 0xC4000022, EVP, 0, 0, 0, 0 }, version[6] = { 0xC4000020, 0, 0, 0, 0, 0 };
    uint64_t complete[6] = { 0xC4000025, 0, 0, 0, 0, 0 };
    (void)state;
    tmodel(&m);
    /* ENABLE of an unregistered event: DENIED only, whatever was answered */
    assert_false(rm_call_judged(&m, 0, enable, 2, false, 0, false, &v, why, sizeof why));
    assert_int_equal(v.kind, RM_V_VALUES);
    assert_int_equal(v.n, 1);
    assert_int_equal(v.values[0], -3);
    assert_true(rm_call_judged(&m, 0, enable, 2, false, -3, false, &v, why, sizeof why));
    assert_int_equal(v.values[0], -3);
    /* VERSION: the one value of this platform */
    assert_true(rm_call_judged(&m, 0, version, 2, false, (int64_t)0x0001000100001234ull, false, &v,
                               why, sizeof why));
    assert_int_equal(v.kind, RM_V_VALUES);
    assert_int_equal(v.values[0], (int64_t)0x0001000100001234ull);
    /* COMPLETE outside a handler: DENIED, not a completion */
    assert_false(rm_call_judged(&m, 0, complete, 2, false, 0, true, &v, why, sizeof why));
    assert_int_equal(v.kind, RM_V_VALUES);
    assert_int_equal(v.values[0], -3);
}

/* Every field of v is zero (its padding is not written). */
static void assert_verdict_zero(const struct rm_verdict *v)
{
    assert_int_equal(v->kind, 0);
    assert_int_equal(v->n, 0);
    for (unsigned k = 0; k < 3; k++)
        assert_int_equal(v->values[k], 0);
    assert_false(v->slot_shared);
}

/* A call that cannot be judged at all (a harness error) still leaves a
 * defined verdict: every field zero, whatever the caller's variable held. */
static void verdicts_of_harness_errors_are_all_zero(void **state)
{
    struct rm_model m;
    struct rm_verdict v;
    char why[200];
    uint64_t not_sdei[6] = { 0x84000000, 0, 0, 0, 0, 0 }, version[6] = { 0xC4000020, 0, 0, 0, 0, 0 };
    (void)state;
    tmodel(&m);
    memset(&v, 0xA5, sizeof v);
    assert_false(rm_call_judged(&m, 0, not_sdei, 2, false, 0, false, &v, why, sizeof why));
    assert_verdict_zero(&v);
    memset(&v, 0xA5, sizeof v);
    assert_false(rm_call_judged(&m, 99, version, 2, false, 0, false, &v, why, sizeof why));
    assert_verdict_zero(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ids_all_implemented),
        cmocka_unit_test(ids_unassigned_and_smc32),
        cmocka_unit_test(ids_upper_bits_of_x0_ignored),
        cmocka_unit_test(ids_outside_window_is_harness_error),
        cmocka_unit_test(callers_wrong_el_aarch32_or_secure),
        cmocka_unit_test(version),
        cmocka_unit_test(features),
        cmocka_unit_test(event_numbers),
        cmocka_unit_test(register_entry_point),
        cmocka_unit_test(register_flags),
        cmocka_unit_test(register_routing),
        cmocka_unit_test(register_precedence),
        cmocka_unit_test(get_info),
        cmocka_unit_test(routing_set),
        cmocka_unit_test(context),
        cmocka_unit_test(complete),
        cmocka_unit_test(complete_and_resume),
        cmocka_unit_test(pe_mask),
        cmocka_unit_test(signal_event),
        cmocka_unit_test(explanations),
        cmocka_unit_test(verdicts_say_what_was_allowed),
        cmocka_unit_test(verdicts_of_harness_errors_are_all_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
