/* Test helpers: see rm_test.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rm_test.h"

static const struct rm_event tplat_events[] = {
    { EV0,    RM_EVENT0,   0, 0, SGI_EV0 },
    { EVP,    RM_STATIC,   0, 0, PPI_P },
    { EVPC,   RM_STATIC,   0, 1, PPI_PC },
    { EVS,    RM_STATIC,   1, 0, SPI_S },
    { EVSC,   RM_STATIC,   1, 1, SPI_SC },
    { EVX,    RM_EXPLICIT, 0, 0, 0 },
    { EVXC,   RM_EXPLICIT, 0, 1, 0 },
    { SLOTP0, RM_SLOT,     0, 0, 0 },
    { SLOTP1, RM_SLOT,     0, 0, 0 },
    { SLOTS0, RM_SLOT,     1, 0, 0 },
    { SLOTS1, RM_SLOT,     1, 0, 0 },
};

void tplat(struct rm_platform *p)
{
    static const uint64_t mpidr[] = { 0x0, 0x1, 0x100, 0x101 };

    memset(p, 0, sizeof *p);
    p->pes = 4;
    memcpy(p->mpidr, mpidr, sizeof mpidr);
    p->client_el = 2;
    p->version_minor = 1;
    p->relative_mode = true;
    p->vendor = 0x1234;
    p->spis = 64;
    p->nsecure = 2;
    p->secure[0] = PPI_SEC;
    p->secure[1] = SPI_SEC;
    p->nevents = sizeof tplat_events / sizeof tplat_events[0];
    memcpy(p->events, tplat_events, sizeof tplat_events);
}

void tinit(struct rm_model *m, const struct rm_platform *p)
{
    /* A model is the fresh one to the byte only from a zeroed struct
     * (rm.h, rm_init): tests compare whole models. */
    memset(m, 0, sizeof *m);
    assert_int_equal(rm_init(m, p), 0);
}

void tmodel(struct rm_model *m)
{
    struct rm_platform p;

    tplat(&p);
    tinit(m, &p);
}

bool t_raw(struct rm_model *m, unsigned pe, uint64_t fid, const uint64_t v[6], unsigned el,
           unsigned from, bool completed, char *why, size_t n)
{
    const uint64_t x[6] = { fid, v[1], v[2], v[3], v[4], v[5] };

    return rm_call(m, pe, x, el, from, (int64_t)v[0], completed, why, n);
}

static bool call(struct rm_model *m, unsigned pe, unsigned fn, const uint64_t v[6], bool completed,
                 char *why, size_t n)
{
    return t_raw(m, pe, 0xC4000020u + fn, v, m->p.client_el, false, completed, why, n);
}

void t_accept(struct rm_model *m, unsigned pe, unsigned fn, const uint64_t v[6], bool completed,
              const char *file, int line)
{
    char why[256];

    if (!call(m, pe, fn, v, completed, why, sizeof why))
        fail_msg("%s:%d: model refused: %s", file, line, why);
    assert_string_equal(why, "");
}

void t_reject(struct rm_model *m, unsigned pe, unsigned fn, const uint64_t v[6], bool completed,
              const char *file, int line)
{
    char why[256] = "";
    struct rm_model *before = malloc(sizeof *m);

    assert_non_null(before);
    memcpy(before, m, sizeof *m);
    if (call(m, pe, fn, v, completed, why, sizeof why)) {
        free(before);
        fail_msg("%s:%d: model accepted function %u answering %lld%s", file, line, fn,
                 (long long)v[0], completed ? " (completion)" : "");
    }
    if (why[0] == '\0' || memcmp(before, m, sizeof *m) != 0) {
        free(before);
        fail_msg("%s:%d: refusal without explanation or with a change", file, line);
    }
    free(before);
}

void t_only(struct rm_model *m, unsigned pe, unsigned fn, uint64_t wrong, const uint64_t v[6],
            const char *file, int line)
{
    uint64_t w[6];

    memcpy(w, v, sizeof w);
    w[0] = wrong;
    t_reject(m, pe, fn, w, false, file, line);
    t_accept(m, pe, fn, v, false, file, line);
}

void t_completes(struct rm_model *m, unsigned pe, unsigned fn, const uint64_t v[6],
                 const char *file, int line)
{
    uint64_t w[6];

    memcpy(w, v, sizeof w);
    w[0] = DENIED;
    t_reject(m, pe, fn, w, false, file, line);
    t_accept(m, pe, fn, v, true, file, line);
}

void t_dispatch(struct rm_model *m, unsigned pe, int32_t ev, bool allowed, const char *file, int line)
{
    char why[256];
    struct rm_model *before = malloc(sizeof *m);
    bool ok;

    assert_non_null(before);
    memcpy(before, m, sizeof *m);
    ok = rm_dispatch(m, pe, ev, why, sizeof why);
    if (ok != allowed) {
        free(before);
        fail_msg("%s:%d: dispatch of 0x%x on PE %u %s: %s", file, line, (unsigned)ev, pe,
                 ok ? "accepted" : "refused", ok ? "(should be refused)" : why);
    }
    if (!ok && memcmp(before, m, sizeof *m) != 0) {
        free(before);
        fail_msg("%s:%d: refused dispatch changed the model", file, line);
    }
    free(before);
}

void t_explicit(struct rm_model *m, unsigned pe, int32_t ev, int64_t result, const char *file, int line)
{
    char why[256];

    if (!rm_explicit(m, pe, ev, result, why, sizeof why))
        fail_msg("%s:%d: model refused: %s", file, line, why);
}

void t_settled(struct rm_model *m, const bool *busy, bool ok, const char *file, int line)
{
    char why[256];
    bool got = rm_settled(m, busy, why, sizeof why);

    if (got != ok)
        fail_msg("%s:%d: rm_settled answered %s%s%s", file, line, got ? "true" : "false",
                 got ? "" : ": ", got ? "" : why);
}

void t_status(const struct rm_model *m, unsigned pe, int32_t ev, int want, const char *file, int line)
{
    int got = rm_status(m, pe, ev);

    if (got != want)
        fail_msg("%s:%d: status of 0x%x on PE %u is %d, want %d", file, line, (unsigned)ev, pe,
                 got, want);
}

void t_reg_enable(struct rm_model *m, unsigned pe, int32_t ev)
{
    ACCEPT(m, pe, F_REGISTER, SUCCESS, (uint64_t)ev, HANDLER, 0, 0, 0);
    ACCEPT(m, pe, F_ENABLE, SUCCESS, (uint64_t)ev);
}

/* The INTID behind ev now (test-side look-up in the model's state), or 0. */
static uint32_t intid_of(const struct rm_model *m, int32_t ev)
{
    for (unsigned e = 0; e < m->p.nevents; e++)
        if (m->p.events[e].number == ev)
            return m->ev[e].intid;
    return 0;
}

void t_run(struct rm_model *m, unsigned pe, int32_t ev)
{
    int st = rm_status(m, pe, ev);

    ACCEPT(m, pe, F_PE_UNMASK, SUCCESS);
    if (st == 0)
        t_reg_enable(m, pe, ev);
    if (ev == EV0) {
        ACCEPT(m, pe, F_SIGNAL, SUCCESS, 0, m->p.mpidr[pe]);
    } else if (ev == EVX || ev == EVXC) {
        EXPLICIT(m, pe, ev, 0);
        return;
    } else {
        rm_fire(m, intid_of(m, ev), pe);
    }
    DISPATCH(m, pe, ev);
}
