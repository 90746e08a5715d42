/* rm_init: which platforms the model supports. */
#include "rm_test.h"

static void init_refuses(void **state)
{
    struct rm_model m;
    struct rm_platform p;
    (void)state;
#define REFUSED(change)                               \
    do {                                              \
        tplat(&p);                                    \
        change;                                       \
        assert_int_equal(rm_init(&m, &p), -1);        \
    } while (0)
    REFUSED(p.pes = 0);
    REFUSED(p.pes = 65);
    REFUSED(p.mpidr[1] = 0);                             /* duplicate */
    REFUSED(p.mpidr[1] = 0x80000001);                    /* non-affinity bit */
    REFUSED(p.client_el = 3);
    REFUSED(p.version_minor = 2);
    REFUSED(p.secure_pes[1] = 1);                        /* an SPI owned PE by PE */
    REFUSED(p.secure_pes[0] = 1u << 4);                  /* no PE 4 */
    REFUSED(p.spis = 989);
    REFUSED(p.nsecure = 65);
    REFUSED(p.nevents = 0);
    REFUSED(p.events[0].kind = RM_STATIC);               /* no event 0 */
    REFUSED(p.events[1].kind = RM_EVENT0);               /* two */
    REFUSED(p.events[0].intid = 16);                     /* event 0 not on an SGI */
    REFUSED(p.events[0].shared = 1);
    REFUSED(p.events[1].number = EVPC);                  /* duplicate number */
    REFUSED(p.events[1].number = (int32_t)0x81000010);   /* bit 31 */
    REFUSED(p.events[1].number = 0x41000010);            /* bits 29:24 */
    REFUSED(p.events[1].intid = 40);                     /* private static on an SPI */
    REFUSED(p.events[3].intid = 23);                     /* shared static on a PPI */
    REFUSED(p.events[3].intid = 96);                     /* no such SPI */
    REFUSED(p.events[2].intid = PPI_P);                  /* two events on one INTID */
    REFUSED(p.events[1].intid = PPI_SEC);                /* firmware-owned */
    REFUSED(p.events[5].shared = 1);                     /* shared explicit */
    REFUSED(p.events[5].intid = 20);
    REFUSED(p.events[7].critical = 1);                   /* critical slot */
    REFUSED(p.events[7].intid = 20);
    REFUSED(p.events[7].kind = 9);
    tplat(&p);
    assert_int_equal(rm_init(&m, &p), 0);
    assert_int_equal(rm_init(&m, &m.p), 0);              /* may alias */
    STATUS(&m, 0, EVP, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(init_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
