/* rm_init: which platforms the model supports. */
#include <stdlib.h>
#include <string.h>

#include "rm_test.h"

/* pes PEs, MPIDRs 0..pes-1. */
static void mpidrs(struct rm_platform *p, unsigned pes)
{
    p->pes = pes;
    for (unsigned i = 0; i < pes; i++)
        p->mpidr[i] = i;
}

/* As many events as the model holds: bind slots after tplat's. */
static void fill_with_slots(struct rm_platform *p)
{
    for (unsigned i = p->nevents; i < RM_MAX_EVENTS; i++) {
        struct rm_event e = { (int32_t)(0x40FE0000 + i), RM_SLOT, (uint8_t)(i & 1), 0, 0 };
        p->events[i] = e;
    }
    p->nevents = RM_MAX_EVENTS;
}

/* Events i and j trade places (any order is a platform). */
static void swap(struct rm_platform *p, unsigned i, unsigned j)
{
    struct rm_event e = p->events[i];

    p->events[i] = p->events[j];
    p->events[j] = e;
}

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
    /* each rule at its edge, and on every entry of a list */
    REFUSED(p.mpidr[0] = 0x80000000);                    /* PE 0's MPIDR checked too */
    REFUSED(p.mpidr[3] = 0x1);                           /* a duplicate of PE 1's, not PE 0's */
    REFUSED(p.secure[0] = 15; p.secure_pes[0] = 1);      /* owned PE by PE: an SGI */
    REFUSED(p.secure[0] = 32; p.secure_pes[0] = 1);      /* ... the first SPI */
    REFUSED(mpidrs(&p, 63); p.secure_pes[0] = 1ull << 63);   /* no PE 63 of 63 */
    REFUSED(p.events[1].intid = 15);                     /* private static on an SGI */
    REFUSED(p.events[1].intid = 32);                     /* ... on the first SPI */
    REFUSED(p.events[3].intid = SPI_SEC);                /* the second firmware-owned INTID */
    REFUSED(p.events[3].shared = 2);
    REFUSED(p.events[1].critical = 2);
    REFUSED(swap(&p, 0, 1); p.events[2].number = EVP);   /* a duplicate of events[0] */
    tplat(&p);
    assert_int_equal(rm_init(&m, &p), 0);
    assert_int_equal(rm_init(&m, &m.p), 0);              /* may alias */
    STATUS(&m, 0, EVP, 0);
}

/* The largest platform the model follows, and every range at its edge.
 * (The decoder makes none of these: the model's operator mutants that
 * refused them passed every seed, fuzz/README.md "Reference model
 * mutants".) */
static void init_accepts_the_edges(void **state)
{
    struct rm_model m;
    struct rm_platform p;
    (void)state;
#define ACCEPTED(change)                              \
    do {                                              \
        tplat(&p);                                    \
        change;                                       \
        assert_int_equal(rm_init(&m, &p), 0);         \
    } while (0)
    ACCEPTED(mpidrs(&p, RM_MAX_PES); p.secure_pes[0] = 1ull << 63);
    ACCEPTED(p.spis = 988);
    ACCEPTED(p.secure[0] = 16; p.secure_pes[0] = 1);     /* PPIs owned PE by PE: the first */
    ACCEPTED(p.secure[0] = 31; p.secure_pes[0] = 2);     /* ... and the last */
    ACCEPTED(p.events[0].intid = 15);                    /* event 0 on the last SGI */
    ACCEPTED(p.events[0].intid = 0);                     /* ... on SGI 0: explicit events and
                                                            free slots have no INTID */
    ACCEPTED(p.events[0].intid = 0; swap(&p, 0, p.nevents - 1));   /* ... after a free slot */
    ACCEPTED(p.events[1].intid = 16; p.events[2].intid = 31);
    ACCEPTED(p.events[1].number = 1);                    /* the smallest number of each kind */
    ACCEPTED(p.events[5].number = 1);
    ACCEPTED(p.events[7].number = 1);
    ACCEPTED(p.nsecure = 64;
             for (unsigned i = 2; i < 64; i++) p.secure[i] = 100 + i);
    ACCEPTED(fill_with_slots(&p));
}

/* FEATURES(BIND_SLOTS) counts the slots wherever the list has them. */
static void init_counts_slots_anywhere(void **state)
{
    struct rm_model m;
    struct rm_platform p;
    (void)state;

    tplat(&p);
    swap(&p, 0, 7);                                      /* a private slot first */
    tinit(&m, &p);
    ACCEPT(&m, 0, F_FEATURES, 0x20002, 0);
}

/* Platform src written into dst as a caller building it in place does
 * (fz_oracle_begin_sdd): every field, the lists only as far as src uses
 * them - the rest keeps what dst held. */
static void build_in_place(struct rm_platform *dst, const struct rm_platform *src)
{
    struct rm_platform *old = malloc(sizeof *old);

    assert_non_null(old);
    *old = *dst;
    *dst = *src;
    memcpy(dst->mpidr + src->pes, old->mpidr + src->pes, (RM_MAX_PES - src->pes) * sizeof dst->mpidr[0]);
    memcpy(dst->secure + src->nsecure, old->secure + src->nsecure, (64 - src->nsecure) * sizeof dst->secure[0]);
    memcpy(dst->secure_pes + src->nsecure, old->secure_pes + src->nsecure,
           (64 - src->nsecure) * sizeof dst->secure_pes[0]);
    memcpy(dst->events + src->nevents, old->events + src->nevents,
           (RM_MAX_EVENTS - src->nevents) * sizeof dst->events[0]);
    free(old);
}

/* A model zeroed, then given the largest platform and a run that leaves
 * state on its last PEs and events (registrations, a binding, a hold, a
 * client interrupt pending, a PE off). */
static struct rm_model *used_big_model(void)
{
    struct rm_model *m = calloc(1, sizeof *m);
    struct rm_platform p;

    assert_non_null(m);
    tplat(&p);
    mpidrs(&p, RM_MAX_PES);
    p.secure_pes[0] = 1ull << 63;
    fill_with_slots(&p);
    assert_int_equal(rm_init(m, &p), 0);
    t_run(m, 63, EVP);
    t_run(m, 62, EVS);
    ACCEPT(m, 63, F_BIND, 0x40FE003E, 20);           /* the last private slot */
    t_run(m, 59, 0x40FE003E);
    ACCEPT(m, 63, F_BIND, 0x40FE003F, 90);           /* the last shared one */
    t_reg_enable(m, 63, 0x40FE003F);
    rm_fire(m, 18, 63);                              /* a client PPI, pending */
    rm_fire(m, 90, 0);
    rm_hold(m, 61, 90);
    rm_cpu_off(m, 60);
    return m;
}

/* The platform after it: fewer PEs, events and firmware-owned INTIDs. */
static void small_platform(struct rm_platform *p)
{
    tplat(p);
    p->pes = 2;
    p->nevents = 5;
    p->nsecure = 1;
}

/* A model reused for another platform (the harness keeps one for every
 * input) is the fresh one for it, to the byte: nothing of an earlier
 * platform's run is left past the new platform's PEs and events (once
 * only a mutant's loop one past the end read it; state carried from one
 * input to the next all the same). */
static void init_leaves_a_reused_model_as_a_fresh_one(void **state)
{
    struct rm_model *fresh = calloc(1, sizeof *fresh), *m;
    struct rm_platform small;
    (void)state;

    assert_non_null(fresh);
    small_platform(&small);
    assert_int_equal(rm_init(fresh, &small), 0);
    m = used_big_model();
    assert_int_equal(rm_init(m, &small), 0);         /* the platform copied */
    assert_memory_equal(m, fresh, sizeof *m);
    free(m);

    memset(fresh, 0, sizeof *fresh);
    build_in_place(&fresh->p, &small);
    assert_int_equal(rm_init(fresh, &fresh->p), 0);
    m = used_big_model();
    build_in_place(&m->p, &small);                   /* built in place, as fz_oracle does */
    assert_int_equal(rm_init(m, &m->p), 0);
    assert_memory_equal(m, fresh, sizeof *m);
    free(m);
    free(fresh);
}

/* Every PE starts on, masked, holding nothing - and its held event "no
 * event's" (0xFF, rm.h), not event 0's index, after rm_init and after a
 * system reset alike. */
static void init_holds_nothing_on_any_pe(void **state)
{
    struct rm_model m;
    struct rm_platform p;
    (void)state;

    tplat(&p);
    mpidrs(&p, 8);
    memset(&m, 0x5A, sizeof m);
    assert_int_equal(rm_init(&m, &p), 0);
    for (int round = 0; round < 2; round++) {
        for (unsigned pe = 0; pe < p.pes; pe++) {
            assert_true(m.pe[pe].on);
            assert_true(m.pe[pe].masked);
            assert_int_equal(m.pe[pe].hold, RM_HOLD_NONE);
            assert_int_equal(m.pe[pe].hold_ev, 0xFF);
        }
        rm_system_reset(&m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(init_refuses),
        cmocka_unit_test(init_accepts_the_edges),
        cmocka_unit_test(init_counts_slots_anywhere),
        cmocka_unit_test(init_leaves_a_reused_model_as_a_fresh_one),
        cmocka_unit_test(init_holds_nothing_on_any_pe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
