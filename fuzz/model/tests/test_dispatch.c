/* Dispatch permissions, nesting, pending triggers, routing, explicit
 * dispatch and the settled check (DEN0054C §6.2, §4.3.2, §5.1.12, and the
 * machine's interrupt model). */
#include <string.h>

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
        cmocka_unit_test(nesting),
        cmocka_unit_test(nesting_critical_first),
        cmocka_unit_test(critical_over_critical),
        cmocka_unit_test(masking_inside_handler),
        cmocka_unit_test(masking_inside_handler_at_once),
        cmocka_unit_test(masking_again_in_a_nested_handler),
        cmocka_unit_test(entry_argument),
        cmocka_unit_test(entry_point),
        cmocka_unit_test(routing),
        cmocka_unit_test(pending_dropped_at_register),
        cmocka_unit_test(event0_pending_survives),
        cmocka_unit_test(explicit_dispatch),
        cmocka_unit_test(settled_busy),
        cmocka_unit_test(shared_any_needs_a_taker),
        cmocka_unit_test(critical_before_normal),
        cmocka_unit_test(critical_preempts_before_normal_completes),
        cmocka_unit_test(held_critical_spi_preempts_nothing),
        cmocka_unit_test(dispatch_faults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
