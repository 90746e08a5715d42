/* The call front end: function table, caller checks, and the judgement of
 * an answer against what the handler expects, with the explanation. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "rm_internal.h"

#define FID_BASE_64 0xC4000020u
#define FID_BASE_32 0x84000020u
#define FID_WINDOW  0x20u          /* 0x20..0x3F: SDEI's whole window */

struct rm_fn_desc {
    uint32_t fid;       /* = FID_BASE_64 + index */
    const char *name;
    unsigned nargs;     /* x1.. shown in explanations */
    bool valued;        /* success returns a value, not SUCCESS */
    void (*handler)(struct rm_ctx *c);
};

/* The 19 functions (DEN0054C §5.1), indexed by function ID - 0xC4000020. */
static const struct rm_fn_desc fns[RM_FN_COUNT] = {
    [RM_FN_VERSION]         = { 0xC4000020, "VERSION",                   0, true,  rm_h_version },
    [RM_FN_REGISTER]        = { 0xC4000021, "EVENT_REGISTER",            5, false, rm_h_register },
    [RM_FN_ENABLE]          = { 0xC4000022, "EVENT_ENABLE",              1, false, rm_h_enable },
    [RM_FN_DISABLE]         = { 0xC4000023, "EVENT_DISABLE",             1, false, rm_h_disable },
    [RM_FN_CONTEXT]         = { 0xC4000024, "EVENT_CONTEXT",             1, true,  rm_h_context },
    [RM_FN_COMPLETE]        = { 0xC4000025, "EVENT_COMPLETE",            1, false, rm_h_complete },
    [RM_FN_COMPLETE_RESUME] = { 0xC4000026, "EVENT_COMPLETE_AND_RESUME", 1, false, rm_h_complete_resume },
    [RM_FN_UNREGISTER]      = { 0xC4000027, "EVENT_UNREGISTER",          1, false, rm_h_unregister },
    [RM_FN_STATUS]          = { 0xC4000028, "EVENT_STATUS",              1, true,  rm_h_status },
    [RM_FN_GET_INFO]        = { 0xC4000029, "EVENT_GET_INFO",            2, true,  rm_h_get_info },
    [RM_FN_ROUTING_SET]     = { 0xC400002A, "EVENT_ROUTING_SET",         3, false, rm_h_routing_set },
    [RM_FN_PE_MASK]         = { 0xC400002B, "PE_MASK",                   0, true,  rm_h_pe_mask },
    [RM_FN_PE_UNMASK]       = { 0xC400002C, "PE_UNMASK",                 0, false, rm_h_pe_unmask },
    [RM_FN_BIND]            = { 0xC400002D, "INTERRUPT_BIND",            1, true,  rm_h_bind },
    [RM_FN_RELEASE]         = { 0xC400002E, "INTERRUPT_RELEASE",         1, false, rm_h_release },
    [RM_FN_SIGNAL]          = { 0xC400002F, "EVENT_SIGNAL",              2, false, rm_h_signal },
    [RM_FN_FEATURES]        = { 0xC4000030, "FEATURES",                  1, true,  rm_h_features },
    [RM_FN_PRIVATE_RESET]   = { 0xC4000031, "PRIVATE_RESET",             0, false, rm_h_private_reset },
    [RM_FN_SHARED_RESET]    = { 0xC4000032, "SHARED_RESET",              0, false, rm_h_shared_reset },
};

const char *rm_result_name(int64_t v)
{
    switch (v) {
    case RM_SUCCESS:         return "SUCCESS";
    case RM_NOT_SUPPORTED:   return "NOT_SUPPORTED";
    case RM_INVALID:         return "INVALID_PARAMETERS";
    case RM_DENIED:          return "DENIED";
    case RM_PENDING:         return "PENDING";
    case RM_OUT_OF_RESOURCE: return "OUT_OF_RESOURCE";
    default:                 return NULL;
    }
}

/* ---- expectations ------------------------------------------------------ */

static void want(struct rm_ctx *c, enum rm_want w, const char *reason)
{
    c->want = w;
    if (reason)
        c->reason = reason;
}

/* Judge the answer; true when it is the expected one, i.e. when the
 * handler must apply the call's effect. */
static bool judge(struct rm_ctx *c, bool main_matches)
{
    if (main_matches) {
        c->ok = true;
        return true;
    }
    c->ok = false;
    return false;
}

bool rm_expect(struct rm_ctx *c, int64_t v, const char *reason)
{
    want(c, RM_W_VALUE, reason);
    c->value = v;
    return judge(c, !c->completed && c->got == v);
}

bool rm_expect_any(struct rm_ctx *c, const char *reason)
{
    want(c, RM_W_ANY, reason);
    return judge(c, !c->completed);
}

bool rm_expect_completion(struct rm_ctx *c, const char *reason)
{
    want(c, RM_W_COMPLETES, reason);
    return judge(c, c->completed);
}

static bool free_slot(const struct rm_model *m, int64_t number, bool shared)
{
    if (number < 0 || number > INT32_MAX)
        return false;
    int e = rm_find_event(m, (uint32_t)number);
    return e >= 0 && rm_ev(m, (unsigned)e)->kind == RM_SLOT &&
           rm_ev(m, (unsigned)e)->shared == shared && !m->ev[e].bound;
}

bool rm_expect_slot(struct rm_ctx *c, bool shared, const char *reason)
{
    want(c, RM_W_SLOT, reason);
    c->slot_shared = shared;
    return judge(c, !c->completed && free_slot(c->m, c->got, shared));
}

bool rm_expect_nothing(struct rm_ctx *c, const char *reason)
{
    want(c, RM_W_NOTHING, reason);
    return judge(c, false);
}

int64_t rm_run_checks(struct rm_ctx *c, const rm_check *checks, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        int64_t r = checks[i](c);
        if (r != 0)
            return r;
    }
    return 0;
}

/* ---- explanations ------------------------------------------------------ */

struct buf {
    char *s;
    size_t n, len;
};

/* The format attribute lets -Wformat=2 check every put() like printf. */
#if defined(__GNUC__)
static void put(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#endif
static void put(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    int k;

    if (b->len >= b->n)
        return;
    va_start(ap, fmt);
    k = vsnprintf(b->s + b->len, b->n - b->len, fmt, ap);
    va_end(ap);
    if (k > 0)
        b->len += (size_t)k < b->n - b->len ? (size_t)k : b->n - b->len - 1;
}

static void put_value(struct buf *b, int64_t v, bool valued)
{
    const char *name = rm_result_name(v);

    if (name && (v < 0 || !valued))
        put(b, "%s", name);
    else if (v >= 0 && v < 1024)
        put(b, "%" PRId64, v);
    else
        put(b, "0x%" PRIx64, (uint64_t)v);
}

static void explain(const struct rm_ctx *c, char *why, size_t n)
{
    const struct rm_fn_desc *f = &fns[c->fn];
    struct buf b = { why, n, 0 };

    if (!why || n == 0)
        return;
    why[0] = '\0';
    put(&b, "%s(", f->name);
    for (unsigned i = 1; i <= f->nargs; i++)
        put(&b, "%s0x%" PRIx64, i > 1 ? ", " : "", c->x[i]);
    put(&b, ") on PE %u: ", c->pe);
    if (c->shown_state >= 0)
        put(&b, "state %s%s", rm_state_name((unsigned)c->shown_state), c->reason ? ", " : "");
    if (c->reason)
        put(&b, "%s", c->reason);
    put(&b, " allows ");
    switch (c->want) {
    case RM_W_VALUE:
        put_value(&b, c->value, f->valued);
        break;
    case RM_W_ANY:
        put(&b, "any value");
        break;
    case RM_W_COMPLETES:
        put(&b, "completion (no return)");
        break;
    case RM_W_NOTHING:
        put(&b, "no answer yet (that dispatch comes first)");
        break;
    case RM_W_SLOT: {
        unsigned shown = 0;
        put(&b, "a free %s bind slot (", c->slot_shared ? "shared" : "private");
        for (unsigned e = 0; e < c->m->p.nevents; e++) {
            const struct rm_event *d = rm_ev(c->m, e);
            if (d->kind != RM_SLOT || d->shared != c->slot_shared || c->m->ev[e].bound)
                continue;
            if (shown++ == 8) {
                put(&b, ", ...");
                break;
            }
            put(&b, "%s0x%" PRIx32, shown > 1 ? ", " : "", (uint32_t)d->number);
        }
        put(&b, ")");
        break;
    }
    }
    put(&b, ", got ");
    if (c->completed)
        put(&b, "completion (no return)");
    else
        put_value(&b, c->got, f->valued);
}

static bool refuse(char *why, size_t n, uint32_t fid, unsigned pe, const char *what)
{
    if (why && n)
        snprintf(why, n, "function ID 0x%" PRIx32 " on PE %u: %s", fid, pe, what);
    return false;
}

/* ---- the entry point --------------------------------------------------- */

/* Every field of *v zero.  Field by field: a memset is a call the
 * sanitizers intercept, and this runs for every call judged. */
static void verdict_clear(struct rm_verdict *v)
{
    v->kind = RM_V_VALUES;
    v->n = 0;
    v->values[0] = v->values[1] = v->values[2] = 0;
    v->slot_shared = false;
}

/* What c's judgement allows, for the caller. */
static void verdict_of(const struct rm_ctx *c, struct rm_verdict *v)
{
    verdict_clear(v);
    switch (c->want) {
    case RM_W_VALUE:
        v->kind = RM_V_VALUES;
        v->values[v->n++] = c->value;
        break;
    case RM_W_ANY:
        v->kind = RM_V_ANY;
        break;
    case RM_W_COMPLETES:
        v->kind = RM_V_COMPLETES;
        break;
    case RM_W_SLOT:
        v->kind = RM_V_SLOT;
        v->slot_shared = c->slot_shared;
        break;
    case RM_W_NOTHING:
        v->kind = RM_V_NOTHING;
        break;
    }
}

/* ", AArch32" and ", Secure" for a message, by RM_FROM_* set. */
static const char *const from_words[4] = { "", ", AArch32", ", Secure", ", Secure, AArch32" };

bool rm_call(struct rm_model *m, unsigned pe, const uint64_t x[6], unsigned caller_el, unsigned from,
             int64_t result, bool completed, char *why, size_t n)
{
    return rm_call_judged(m, pe, x, caller_el, from, result, completed, NULL, why, n);
}

bool rm_call_judged(struct rm_model *m, unsigned pe, const uint64_t x[6], unsigned caller_el,
                    unsigned from, int64_t result, bool completed, struct rm_verdict *verdict,
                    char *why, size_t n)
{
    uint32_t fid = (uint32_t)x[0];
    uint32_t base = fid & ~(FID_WINDOW - 1u);
    struct rm_ctx c;

    const char *harness_error =
        base != FID_BASE_64 && base != FID_BASE_32 ? "not an SDEI function ID (harness error)" :
        pe >= m->p.pes ? "no such PE (harness error)" :
        !m->pe[pe].on ? "the PE is off and cannot call (harness out of step with the model?)" : NULL;
    if (harness_error) {
        if (verdict)
            verdict_clear(verdict);   /* defined on every path */
        return refuse(why, n, fid, pe, harness_error);
    }

    /* No judgement yet.  Only the fields read before they are written
     * (struct rm_ctx): clearing the whole struct is a call the sanitizers
     * intercept, for every call judged. */
    c.m = m;
    c.pe = pe;
    c.x = x;
    c.got = result;
    c.completed = completed;
    c.e = -1;
    c.unbound = false;
    c.reason = NULL;
    c.shown_state = -1;
    c.want = RM_W_VALUE;
    c.ok = false;

    /* NOT_SUPPORTED, nothing changes (§5.1, §3.4.1; SMCCC "unknown function"):
     * SMC32 IDs (SDEI has none), the unassigned 0x33..0x3F, and callers not
     * at the client EL, in AArch32 or in Secure state. */
    const char *unsupported = NULL;
    if (base == FID_BASE_32)
        unsupported = "SMC32 function ID (SDEI defines none)";
    else if (fid - FID_BASE_64 >= RM_FN_COUNT)
        unsupported = "unassigned function ID";
    else if (from & RM_FROM_SECURE)
        unsupported = "call from Secure state";
    else if (from & RM_FROM_AARCH32)
        unsupported = "call from AArch32";
    else if (caller_el != m->p.client_el)
        unsupported = "call from an EL other than the client's";
    if (unsupported) {
        c.fn = fid - FID_BASE_64 < RM_FN_COUNT ? (enum rm_fn)(fid - FID_BASE_64) : RM_FN_VERSION;
        rm_expect(&c, RM_NOT_SUPPORTED, unsupported);
        if (verdict)
            verdict_of(&c, verdict);
        if (!c.ok && why && n) {
            char got[32];
            struct buf g = { got, sizeof got, 0 };
            if (completed)
                put(&g, "completion (no return)");
            else
                put_value(&g, result, true);
            snprintf(why, n, "function ID 0x%" PRIx32 " on PE %u (EL%u%s): %s allows "
                     "NOT_SUPPORTED, got %s", fid, pe, caller_el, from_words[from & 3],
                     unsupported, got);
        } else if (c.ok && why && n) {
            why[0] = '\0';
        }
        return c.ok;
    }

    c.fn = (enum rm_fn)(fid - FID_BASE_64);
    fns[c.fn].handler(&c);
    if (verdict)
        verdict_of(&c, verdict);
    if (!c.ok) {
        explain(&c, why, n);
        return false;
    }
    if (why && n)
        why[0] = '\0';
    return true;
}
