/* INTERRUPT_BIND / INTERRUPT_RELEASE: which INTIDs, which slot numbers,
 * exhaustion, re-bind, release (DEN0054C §5.1.14-15, §4.4). */
#include "rm_test.h"

static void bind_refuses(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    static const uint64_t bad[] = {
        0, 7, SGI_EV0, 15,             /* SGIs */
        PPI_P, PPI_PC, SPI_S, SPI_SC,  /* platform events' INTIDs */
        96, 1019, 1020, 1023, 8192,    /* SPIs beyond the platform, special, LPI */
        0x100000014ull,                /* upper bits */
        PPI_SEC, SPI_SEC,              /* firmware-owned */
    };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ONLY(&m, 0, F_BIND, SLOTP0, INVALID, bad[i]);
        REJECT(&m, 0, F_BIND, SLOTS0, bad[i]);
        REJECT(&m, 0, F_BIND, DENIED, bad[i]);
    }
    ONLY(&m, 0, F_FEATURES, 0, 0x00020002, 0);
}

static void bind_any_free_slot(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    /* A PPI takes a private slot, an SPI a shared one; which is the
     * dispatcher's choice. */
    REJECT(&m, 0, F_BIND, SLOTS0, 20);       /* wrong type */
    REJECT(&m, 0, F_BIND, EVP, 20);          /* not a slot */
    REJECT(&m, 0, F_BIND, 0x40FF0002, 20);   /* no such slot */
    REJECT(&m, 0, F_BIND, OUT_OF_RESOURCE, 20);
    ACCEPT(&m, 0, F_BIND, SLOTP1, 20);
    STATUS(&m, 0, SLOTP1, 0);
    STATUS(&m, 0, SLOTP0, -1);
    REJECT(&m, 1, F_BIND, SLOTP1, 21);       /* taken */
    ACCEPT(&m, 1, F_BIND, SLOTP0, 21);
    REJECT(&m, 0, F_BIND, SLOTP0, 50);
    ACCEPT(&m, 0, F_BIND, SLOTS0, 50);
    /* Same INTID again: the same number, even with no slot free. */
    ONLY(&m, 2, F_BIND, SLOTP0, SLOTP1, 20);
    ONLY(&m, 2, F_BIND, OUT_OF_RESOURCE, SLOTP0, 21);
    /* Exhaustion. */
    ONLY(&m, 0, F_BIND, SLOTP0, OUT_OF_RESOURCE, 22);
    ONLY(&m, 0, F_BIND, SLOTS0, SLOTS1, 51);
    ONLY(&m, 0, F_BIND, SLOTS1, OUT_OF_RESOURCE, 52);
    /* Spec order: a firmware-owned INTID is INVALID even with no slot. */
    ONLY(&m, 0, F_BIND, OUT_OF_RESOURCE, INVALID, SPI_SEC);
    ONLY(&m, 0, F_GET_INFO, 1, 0, SLOTP1, 0);
    ONLY(&m, 0, F_FEATURES, 0, 0x00020002, 0);
}

static void bound_event_fires(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ACCEPT(&m, 0, F_BIND, SLOTS1, 70);
    ACCEPT(&m, 0, F_BIND, SLOTP0, 30);
    t_run(&m, 2, SLOTS1);
    t_run(&m, 3, SLOTP0);                    /* PPI 30 on PE 3 */
    rm_fire(&m, 30, 2);                      /* PPI 30 on PE 2: not registered there */
    COMPLETES(&m, 2, F_COMPLETE, 0);
    SETTLED(&m);
    NO_DISPATCH(&m, 2, SLOTP0);
}

static void release(void **state)
{
    struct rm_model m;
    (void)state;
    tmodel(&m);
    ONLY(&m, 0, F_RELEASE, DENIED, INVALID, SLOTP0);     /* not bound */
    ONLY(&m, 0, F_RELEASE, SUCCESS, INVALID, EVP);       /* platform event */
    ONLY(&m, 0, F_RELEASE, SUCCESS, INVALID, EV0);
    ONLY(&m, 0, F_RELEASE, SUCCESS, INVALID, PPI_P);     /* an INTID, not an event */
    ACCEPT(&m, 0, F_BIND, SLOTP0, 20);
    ACCEPT(&m, 0, F_BIND, SLOTS0, 40 + 10);
    /* A private bound event registered on PE 1 only: DENIED from PE 0. */
    ACCEPT(&m, 1, F_REGISTER, SUCCESS, SLOTP0, HANDLER, 0, 0, 0);
    ONLY(&m, 0, F_RELEASE, SUCCESS, DENIED, SLOTP0);
    ONLY(&m, 1, F_RELEASE, SUCCESS, DENIED, SLOTP0);
    ACCEPT(&m, 1, F_UNREGISTER, SUCCESS, SLOTP0);
    ONLY(&m, 0, F_RELEASE, DENIED, SUCCESS, SLOTP0);
    STATUS(&m, 1, SLOTP0, -1);
    ONLY(&m, 0, F_RELEASE, SUCCESS, INVALID, SLOTP0);    /* released twice */
    ONLY(&m, 0, F_STATUS, 0, INVALID, SLOTP0);
    ONLY(&m, 0, F_REGISTER, SUCCESS, INVALID, SLOTP0, HANDLER, 0, 0, 0);
    rm_fire(&m, 20, 0);           /* the client's again: pending at the GIC */
    /* A shared bound event running (even unregister-pending): DENIED. */
    t_run(&m, 3, SLOTS0);
    ACCEPT(&m, 0, F_UNREGISTER, PENDING, SLOTS0);
    ONLY(&m, 0, F_RELEASE, SUCCESS, DENIED, SLOTS0);
    COMPLETES(&m, 3, F_COMPLETE, 0);
    ONLY(&m, 0, F_RELEASE, DENIED, SUCCESS, SLOTS0);
    /* Re-bind: any free slot. */
    ACCEPT(&m, 0, F_BIND, SLOTS1, 50);
    ACCEPT(&m, 0, F_BIND, SLOTS0, 51);
    ONLY(&m, 0, F_BIND, SLOTP0, DENIED, 20);
    ACCEPT(&m, 0, F_BIND, SLOTP0, 21);
}

/* An interrupt the client owns that fired while nothing was bound to it is
 * pending at the GIC, so not Inactive: BIND answers DENIED (§5.1.14.3),
 * after the INTID's validity and ownership, before the slot search. */
static void bind_of_a_pending_interrupt(void **state)
{
    struct rm_model m;
    struct rm_platform p;
    (void)state;
    tmodel(&m);
    rm_fire(&m, 20, 3);                      /* PPI 20 on PE 3 only */
    rm_fire(&m, 50, 0);
    rm_fire(&m, 95, 1);                      /* the last SPI */
    rm_fire(&m, 96, 0);                      /* no such SPI: nothing */
    rm_fire(&m, PPI_SEC, 0);                 /* the firmware's: still INVALID */
    rm_fire(&m, 21, 4);                      /* no such PE: nothing */
    ONLY(&m, 0, F_BIND, SLOTP0, DENIED, 20);
    ONLY(&m, 3, F_BIND, SLOTP0, DENIED, 20);
    ONLY(&m, 2, F_BIND, SLOTS0, DENIED, 50);
    ONLY(&m, 2, F_BIND, SLOTS0, DENIED, 95);
    ONLY(&m, 0, F_BIND, DENIED, INVALID, 96);
    ONLY(&m, 0, F_BIND, DENIED, INVALID, PPI_SEC);
    ACCEPT(&m, 0, F_BIND, SLOTP0, 21);
    ACCEPT(&m, 0, F_BIND, SLOTP1, 22);
    ONLY(&m, 0, F_BIND, OUT_OF_RESOURCE, DENIED, 20);   /* DENIED before no slot */
    ACCEPT(&m, 0, F_BIND, SLOTS0, 51);
    ACCEPT(&m, 0, F_BIND, SLOTS1, 52);
    ONLY(&m, 0, F_BIND, OUT_OF_RESOURCE, DENIED, 50);
    rm_system_reset(&m);                     /* a new GIC */
    ACCEPT(&m, 0, F_BIND, SLOTP0, 20);
    ACCEPT(&m, 0, F_BIND, SLOTS0, 50);

    /* TF-A never looks at the interrupt's state at BIND. */
    tplat(&p);
    p.bind_tfa = true;
    tinit(&m, &p);
    rm_fire(&m, 20, 1);
    ONLY(&m, 0, F_BIND, DENIED, SLOTP0, 20);
}

/* A PPI the firmware owns on some PEs only (PPI 20 on PE 2): a binding
 * takes a PPI over on every PE, so it is refused from every PE
 * (§5.1.14.3).  TF-A asks the calling PE: DENIED from PE 2, bound from
 * another, and then the firmware has lost it on PE 2 too, until PE 2's
 * redistributor starts again (CPU_ON) with nothing bound to it. */
static void bind_of_a_ppi_the_firmware_owns_on_some_pes(void **state)
{
    struct rm_model m;
    struct rm_platform p;
    (void)state;
    tplat(&p);
    p.secure[p.nsecure] = 20;
    p.secure_pes[p.nsecure++] = 1u << 2;
    tinit(&m, &p);
    ONLY(&m, 0, F_BIND, SLOTP0, INVALID, 20);
    ONLY(&m, 2, F_BIND, SLOTP0, INVALID, 20);
    rm_cpu_on(&m, 2);
    ONLY(&m, 3, F_BIND, SLOTP0, INVALID, 20);

    p.bind_tfa = true;
    tinit(&m, &p);
    ONLY(&m, 2, F_BIND, SLOTP0, DENIED, 20);
    ACCEPT(&m, 0, F_BIND, SLOTP0, 20);
    ACCEPT(&m, 0, F_RELEASE, SUCCESS, SLOTP0);
    ONLY(&m, 2, F_BIND, DENIED, SLOTP0, 20);   /* taken over on PE 2 */
    ACCEPT(&m, 0, F_RELEASE, SUCCESS, SLOTP0);
    rm_cpu_on(&m, 2);                          /* the firmware's again there */
    ONLY(&m, 2, F_BIND, SLOTP0, DENIED, 20);
    ACCEPT(&m, 1, F_BIND, SLOTP0, 20);
    rm_cpu_on(&m, 2);                          /* bound: the dispatcher claims it */
    ACCEPT(&m, 0, F_RELEASE, SUCCESS, SLOTP0);
    ONLY(&m, 2, F_BIND, DENIED, SLOTP0, 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bind_refuses),
        cmocka_unit_test(bind_any_free_slot),
        cmocka_unit_test(bound_event_fires),
        cmocka_unit_test(bind_of_a_pending_interrupt),
        cmocka_unit_test(release),
        cmocka_unit_test(bind_of_a_ppi_the_firmware_owns_on_some_pes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
