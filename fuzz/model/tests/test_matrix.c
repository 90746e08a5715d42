/* The full call x state matrix (DEN0054C Table 14, reference/sdei-spec.md
 * §5.3) for four kinds of event: a private bound event (PPI), a shared
 * bound event (SPI), event 0 and an explicit event. For each of the six
 * states the model is driven into that state, then every call is made with
 * a wrong answer (refused, nothing changes) and the right one (accepted),
 * and the resulting status is checked. The expectations are written out
 * here, independently of the model's own table. */
#include <stdio.h>
#include <string.h>

#include "rm_test.h"

enum kind { K_PRIVATE_BOUND, K_SHARED_BOUND, K_EVENT0, K_EXPLICIT, K_COUNT };
static const char *const kind_names[K_COUNT] = { "private bound", "shared bound", "event 0",
                                                 "explicit" };

static const unsigned states[] = { 0, 4, 1, 5, 3, 7 };

enum how { R, COMP, ANY };   /* a result; a completion; any value */
#define KEEP (-9)            /* the state does not change */
#define GONE (-1)            /* the event no longer exists (released) */

struct cell {
    enum how how;
    uint64_t result;
    int next;
};

#define DEN  { R, DENIED, KEEP }
#define OK(n) { R, SUCCESS, n }
#define PEND { R, PENDING, 4 }
#define NA   { R, 0, KEEP }   /* states 2 and 6 do not exist */

/* Rows of Table 14 for the calls whose answer does not depend on the kind. */
struct row {
    const char *name;
    unsigned fn;
    uint64_t x2;
    struct cell cell[8];   /* by state value */
};

static const struct row rows[] = {
    /*                                      0        1        2   3        4                  5                 6   7 */
    { "REGISTER",   F_REGISTER,   HANDLER, { OK(1),  DEN,     NA, DEN,     DEN,               DEN,              NA, DEN } },
    { "ENABLE",     F_ENABLE,     0,       { DEN,    OK(3),   NA, OK(3),   DEN,               OK(7),            NA, OK(7) } },
    { "DISABLE",    F_DISABLE,    0,       { DEN,    OK(1),   NA, OK(1),   DEN,               OK(5),            NA, OK(5) } },
    { "UNREGISTER", F_UNREGISTER, 0,       { DEN,    OK(0),   NA, OK(0),   PEND,              PEND,             NA, PEND } },
    { "CONTEXT",    F_CONTEXT,    0,       { DEN,    DEN,     NA, DEN,     { ANY, 0x77, KEEP }, { ANY, 0x77, KEEP }, NA, { ANY, 0x77, KEEP } } },
    { "COMPLETE",   F_COMPLETE,   0,       { DEN,    DEN,     NA, DEN,     { COMP, 0, 0 },    { COMP, 0, 1 },   NA, { COMP, 0, 3 } } },
    { "C&R",        F_RESUME,     0,       { DEN,    DEN,     NA, DEN,     { COMP, 0, 0 },    { COMP, 0, 1 },   NA, { COMP, 0, 3 } } },
};

static int32_t event_of(enum kind k)
{
    static const int32_t ev[K_COUNT] = { SLOTP0, SLOTS0, EV0, EVX };
    return ev[k];
}

/* A fresh model with the event of kind k in state st, on PE 0. */
static int32_t setup(struct rm_model *m, enum kind k, unsigned st)
{
    int32_t ev = event_of(k);

    tmodel(m);
    if (k == K_PRIVATE_BOUND)
        ACCEPT(m, 0, F_BIND, SLOTP0, 20);
    if (k == K_SHARED_BOUND)
        ACCEPT(m, 0, F_BIND, SLOTS0, 50);
    switch (st) {
    case 0:
        break;
    case 1:
        ACCEPT(m, 0, F_REGISTER, SUCCESS, (uint64_t)ev, HANDLER, 0, 0, 0);
        break;
    case 3:
        t_reg_enable(m, 0, ev);
        break;
    default:
        t_run(m, 0, ev);
        if (st == 5)
            ACCEPT(m, 0, F_DISABLE, SUCCESS, (uint64_t)ev);
        if (st == 4)
            ACCEPT(m, 0, F_UNREGISTER, PENDING, (uint64_t)ev);
        break;
    }
    STATUS(m, 0, ev, (int)st);
    return ev;
}

/* Make the call, refusing the wrong answer first, then check the status. */
static void check(enum kind k, unsigned st, const char *name, unsigned fn, uint64_t x1,
                  uint64_t x2, uint64_t x3, struct cell c)
{
    struct rm_model m;
    int32_t ev = setup(&m, k, st);
    const uint64_t right[6] = { c.result, x1, x2, x3, 0, 0 };
    uint64_t wrong[6];
    char label[128];

    snprintf(label, sizeof label, "%s, state %u, %s", kind_names[k], st, name);
    memcpy(wrong, right, sizeof wrong);
    switch (c.how) {
    case R:
        wrong[0] = c.result == DENIED ? SUCCESS : DENIED;
        t_reject(&m, 0, fn, wrong, false, label, __LINE__);
        t_reject(&m, 0, fn, right, true, label, __LINE__);   /* not a completion */
        t_accept(&m, 0, fn, right, false, label, __LINE__);
        break;
    case COMP:
        wrong[0] = DENIED;
        t_reject(&m, 0, fn, wrong, false, label, __LINE__);
        t_accept(&m, 0, fn, right, true, label, __LINE__);
        break;
    case ANY:
        t_reject(&m, 0, fn, right, true, label, __LINE__);
        t_accept(&m, 0, fn, right, false, label, __LINE__);
        break;
    }
    int next = c.next == KEEP ? (int)st : c.next;
    t_status(&m, 0, ev, next, label, __LINE__);
    /* Private: other PEs unaffected; shared: the same state everywhere. */
    t_status(&m, 1, ev, k == K_SHARED_BOUND || next == GONE ? next : 0, label, __LINE__);
}

static void matrix(enum kind k)
{
    bool shared = k == K_SHARED_BOUND;
    bool bound = k == K_PRIVATE_BOUND || k == K_SHARED_BOUND;

    for (unsigned i = 0; i < sizeof states / sizeof states[0]; i++) {
        unsigned st = states[i];
        uint64_t ev = (uint64_t)event_of(k);
        bool registered = st & 1;
        struct cell c;

        for (unsigned r = 0; r < sizeof rows / sizeof rows[0]; r++) {
            uint64_t x1 = rows[r].fn == F_CONTEXT || rows[r].fn == F_COMPLETE ? 0
                          : rows[r].fn == F_RESUME                            ? RESUME
                                                                              : ev;
            check(k, st, rows[r].name, rows[r].fn, x1, rows[r].x2, 0, rows[r].cell[st]);
        }
        /* RELEASE: only a bound event, only when unregistered. */
        if (!bound)
            c = (struct cell){ R, INVALID, KEEP };
        else if (st == 0)
            c = (struct cell){ R, SUCCESS, GONE };
        else
            c = (struct cell){ R, DENIED, KEEP };
        check(k, st, "RELEASE", F_RELEASE, ev, 0, 0, c);
        /* ROUTING_SET: shared only, only in registered. */
        if (!shared)
            c = (struct cell){ R, INVALID, KEEP };
        else
            c = (struct cell){ R, st == 1 ? SUCCESS : DENIED, KEEP };
        check(k, st, "ROUTING_SET", F_ROUTING_SET, ev, 0, 0, c);
        /* STATUS: always, the state. */
        check(k, st, "STATUS", F_STATUS, ev, 0, 0, (struct cell){ R, st, KEEP });
        /* GET_INFO 0-2: every state. */
        check(k, st, "GET_INFO(TYPE)", F_GET_INFO, ev, 0, 0, (struct cell){ R, shared, KEEP });
        check(k, st, "GET_INFO(SIGNALED)", F_GET_INFO, ev, 1, 0,
              (struct cell){ R, k == K_EVENT0 ? 0u : 1u, KEEP });
        check(k, st, "GET_INFO(PRIORITY)", F_GET_INFO, ev, 2, 0, (struct cell){ R, 0, KEEP });
        /* GET_INFO 3-4: shared and registered (RM_ANY: mode 0, no affinity). */
        c = (struct cell){ R, !shared ? INVALID : registered ? 0 : DENIED, KEEP };
        check(k, st, "GET_INFO(ROUTING_MODE)", F_GET_INFO, ev, 3, 0, c);
        c = (struct cell){ R, !shared ? INVALID : registered ? INVALID : DENIED, KEEP };
        check(k, st, "GET_INFO(ROUTING_AFF)", F_GET_INFO, ev, 4, 0, c);
    }
}

static void matrix_private_bound(void **state)
{
    (void)state;
    matrix(K_PRIVATE_BOUND);
}

static void matrix_shared_bound(void **state)
{
    (void)state;
    matrix(K_SHARED_BOUND);
}

static void matrix_event0(void **state)
{
    (void)state;
    matrix(K_EVENT0);
}

static void matrix_explicit(void **state)
{
    (void)state;
    matrix(K_EXPLICIT);
}

/* §11: UNREGISTER twice in a handler -> PENDING, PENDING; after COMPLETE
 * STATUS 0 and UNREGISTER -> DENIED (tf-a-tests test_sdei_state pattern). */
static void unregister_in_handler(void **state)
{
    struct rm_model m;
    (void)state;
    for (int k = 0; k < K_COUNT; k++) {
        int32_t ev = setup(&m, (enum kind)k, 7);
        ONLY(&m, 0, F_UNREGISTER, SUCCESS, PENDING, (uint64_t)ev);
        ONLY(&m, 0, F_UNREGISTER, SUCCESS, PENDING, (uint64_t)ev);
        STATUS(&m, 0, ev, 4);
        ONLY(&m, 0, F_ENABLE, SUCCESS, DENIED, (uint64_t)ev);
        ONLY(&m, 0, F_REGISTER, SUCCESS, DENIED, (uint64_t)ev, HANDLER, 0, 0, 0);
        COMPLETES(&m, 0, F_COMPLETE, 0);
        STATUS(&m, 0, ev, 0);
        ONLY(&m, 0, F_UNREGISTER, PENDING, DENIED, (uint64_t)ev);
        ONLY(&m, 0, F_REGISTER, DENIED, SUCCESS, (uint64_t)ev, HANDLER, 0, 0, 0);
    }
}

/* The shared event's state is global: calls from another PE see and change
 * it, and COMPLETE must come from the PE running it. */
static void shared_state_is_global(void **state)
{
    struct rm_model m;
    (void)state;
    int32_t ev = setup(&m, K_SHARED_BOUND, 7);
    ONLY(&m, 2, F_DISABLE, DENIED, SUCCESS, (uint64_t)ev);
    STATUS(&m, 0, ev, 5);
    ONLY(&m, 3, F_UNREGISTER, SUCCESS, PENDING, (uint64_t)ev);
    ONLY(&m, 2, F_COMPLETE, SUCCESS, DENIED, 0);
    NO_COMPLETION(&m, 2, F_COMPLETE, 0);
    COMPLETES(&m, 0, F_COMPLETE, 0);
    STATUS(&m, 3, ev, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(matrix_private_bound),
        cmocka_unit_test(matrix_shared_bound),
        cmocka_unit_test(matrix_event0),
        cmocka_unit_test(matrix_explicit),
        cmocka_unit_test(unregister_in_handler),
        cmocka_unit_test(shared_state_is_global),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
