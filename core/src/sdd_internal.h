/*
 * sdd_internal.h - declarations shared by the core's translation units.
 *
 * Conventions inside the core:
 *   - an "event index" i is the position of an event in plat.events
 *     (0 .. event_count-1); event numbers only appear at the interface;
 *   - a "call" function returns the value the client finds in x0;
 *   - the port lock is taken only by the public entry points (sdd_*,
 *     through sdd_lock below), never by the helpers declared here.
 */
#ifndef SDD_INTERNAL_H
#define SDD_INTERNAL_H

#include "sdd/sdd.h"

/* The only library functions the core uses.  Declared here rather than by
 * including <string.h>, which a freestanding implementation need not have;
 * firmware supplies its own. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memset(void *dst, int c, size_t n);

/* Little-endian words of a saved state (sdd_migrate.c) and its checksum
 * (sdd_crc32.c).  On a little-endian host one load or store - under the
 * sanitizers every byte accessed is checked on its own, and these run on
 * every byte of every migration - elsewhere a byte at a time. */
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SDD_HOST_LE 1
#else
#define SDD_HOST_LE 0
#endif

static inline uint32_t sdd_ld32(const uint8_t *p)
{
	uint32_t v;

	if (SDD_HOST_LE) {
		memcpy(&v, p, sizeof v);
		return v;
	}
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void sdd_st32(uint8_t *p, uint32_t v)
{
	if (SDD_HOST_LE) {
		memcpy(p, &v, sizeof v);
		return;
	}
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* names[err] of a table of n names, for the public *_error_name
 * functions: "unknown error" for a number it has no name for. */
static inline const char *sdd_error_name(const char *const *names, size_t n, int err)
{
	if (err < 0 || (size_t)err >= n || names[err] == NULL)
		return "unknown error";
	return names[err];
}

/* A set of interrupt numbers (< SDD_INTID_SPI_LIMIT) that needs no
 * clearing: word k of w means something only once bit k of live is set
 * (start with live = 0).  sdd_check runs after every fuzz step and
 * sdd_init on every dispatcher; clearing a 128-byte bitmap each time was
 * a memset call (and a shadow check under ASan). */
struct sdd_intid_set {
	uint32_t live;
	uint64_t w[(SDD_INTID_SPI_LIMIT + 63) / 64];
};
_Static_assert((SDD_INTID_SPI_LIMIT + 63) / 64 <= 32, "sdd_intid_set.live has a bit per word");

/* Add n; was it there already? */
static inline bool sdd_intid_test_and_set(struct sdd_intid_set *s, unsigned n)
{
	unsigned k = n / 64;
	uint64_t b = (uint64_t)1 << (n % 64);
	bool was;

	if (!(s->live >> k & 1)) {
		s->live |= (uint32_t)1 << k;
		s->w[k] = b;
		return false;
	}
	was = (s->w[k] & b) != 0;
	s->w[k] |= b;
	return was;
}

static inline bool sdd_intid_is_set(const struct sdd_intid_set *s, unsigned n)
{
	unsigned k = n / 64;

	return (s->live >> k & 1) && (s->w[k] >> (n % 64) & 1);
}

#define SDD_NONE       0xFFu   /* "no event / no PE / no slot" in uint8_t fields */
#define SDD_NO_INTID   1023u   /* the GIC's spurious INTID: "no interrupt" */
#define SDD_BIT(i)     (1ull << (i))

/* ---- The handler state machine (sdd_state.c) ---- */

enum sdd_op {           /* the transitions of DEN0054C Table 14, plus dispatch */
	SDD_OP_REGISTER = 0,
	SDD_OP_RELEASE,
	SDD_OP_ENABLE,
	SDD_OP_DISABLE,
	SDD_OP_UNREGISTER,
	SDD_OP_ROUTING_SET,
	SDD_OP_CONTEXT,
	SDD_OP_COMPLETE,
	SDD_OP_COMPLETE_AND_RESUME,
	SDD_OP_DISPATCH,
	SDD_OP_COUNT
};

#define SDD_STATE_DENIED 0xFFu

/* Next state of an event in `state` (STATUS bits) after `op`, or
 * SDD_STATE_DENIED when the table forbids it.  Pure. */
uint8_t sdd_state_next(unsigned state, enum sdd_op op);

/* Is `state` one of the six states DEN0054C defines (not 2 or 6, < 8)? */
static inline bool sdd_state_legal(unsigned state)
{
	return state < 8 && state != 2 && state != 6;
}

/* ---- Events, parameters, PEs (sdd_event.c) ---- */

static inline const struct sdd_event_desc *sdd_desc(const struct sdd *d, unsigned i)
{
	return &d->plat.events[i];
}

static inline bool sdd_is_private(const struct sdd *d, unsigned i)
{
	return d->plat.events[i].type == SDD_PRIVATE;
}

/* The registration of event i as PE pe sees it (per PE for private events). */
static inline struct sdd_entry *sdd_entry_of(struct sdd *d, unsigned pe, unsigned i)
{
	if (sdd_is_private(d, i))
		return &d->priv[pe * d->npriv + d->priv_slot[i]];
	return &d->shared[i];
}

static inline const struct sdd_entry *sdd_entry_ro(const struct sdd *d, unsigned pe, unsigned i)
{
	if (sdd_is_private(d, i))
		return &d->priv[pe * d->npriv + d->priv_slot[i]];
	return &d->shared[i];
}

/* Is event i currently backed by an interrupt (event 0, static, bound slot)? */
static inline bool sdd_has_irq(const struct sdd *d, unsigned i)
{
	uint8_t kind = d->plat.events[i].kind;
	if (kind == SDD_EVK_DYNAMIC)
		return (d->bound & SDD_BIT(i)) != 0;
	return kind != SDD_EVK_EXPLICIT;
}

/* Bitmap of event indices whose registration is per PE. */
uint64_t sdd_private_mask(const struct sdd *d);

/* Decode a 32-bit parameter from a 64-bit register under the upper-bits
 * policy.  Returns 0 or INVALID_PARAMETERS. */
int sdd_param32(const struct sdd *d, uint64_t reg, uint32_t *out);

/* Decode and look up the event-number argument `reg`.  An unbound bind slot
 * is refused with INVALID_PARAMETERS unless allow_unbound is set and the
 * unbound policy is SDD_UNBOUND_TFA.  Returns 0 (index in *i) or an error. */
int sdd_lookup_arg(const struct sdd *d, uint64_t reg, bool allow_unbound, unsigned *i);

/* Index of event number ev in the platform table, or -1. */
int sdd_find_event(const struct sdd *d, int32_t ev);

/* PE index whose MPIDR is `affinity` (under the MPIDR policy), or -1. */
int sdd_pe_of_mpidr(const struct sdd *d, uint64_t affinity);

/* ---- Interrupt bookkeeping (sdd_event.c) ---- */

/* Enable or disable forwarding of event i's interrupt as seen from pe. */
void sdd_irq_enable(struct sdd *d, unsigned pe, unsigned i, bool on);

/* A trigger of event i latched at pe's interrupt controller while the
 * event was unregistered there belongs to no registration: REGISTER and
 * UNREGISTER drop it, and PRIVATE_RESET (reset), unless the policy
 * unreg_trigger keeps it; event 0's SIGNAL is kept but at a reset
 * (§5.1.16, §5.1.18). */
void sdd_drop_unregistered_trigger(struct sdd *d, unsigned pe, unsigned i, bool reset);

/* Does the policy bound_active refuse REGISTER or RELEASE of event i from
 * pe now: its interrupt Active as pe sees it? */
bool sdd_active_refused(const struct sdd *d, unsigned pe, unsigned i);

/* Unregister event i as seen from pe: the shared part of UNREGISTER,
 * PRIVATE_RESET and SHARED_RESET.  Returns SUCCESS, PENDING (the handler is
 * running: now unregister-pending) or DENIED (not registered). */
int sdd_unregister(struct sdd *d, unsigned pe, unsigned i);

/* Clear a registration back to its unregistered value.  Inline: init
 * clears every registration of every PE with it. */
static inline void sdd_entry_clear(struct sdd_entry *e)
{
	e->ep = 0;
	e->arg = 0;
	e->state = 0;
	e->flags = 0;
	e->target = 0;
	e->running_pe = SDD_NONE;
}

/* The four one-byte fields of a registration (state .. running_pe) as
 * they lie in memory, one load: sdd_check runs after every fuzz step,
 * and under the sanitizers each field loaded is a check of its own. */
static inline uint32_t sdd_entry_tail_bytes(const struct sdd_entry *e)
{
	uint32_t w;

	_Static_assert(offsetof(struct sdd_entry, running_pe) == offsetof(struct sdd_entry, state) + 3,
		       "the one-byte fields are together");
	memcpy(&w, &e->state, sizeof w);
	return w;
}

/* Zero for a registration as sdd_entry_clear() leaves it (by far the most
 * common: legal without looking further, and left out of saved states),
 * without a branch: sdd_check ORs a PE's row together before looking at
 * any entry.  The tail is compared with a cleared entry's bytes, whatever
 * the byte order. */
static inline uint64_t sdd_entry_residue(const struct sdd_entry *e)
{
	static const struct sdd_entry cleared = { .running_pe = SDD_NONE };

	return e->ep | e->arg | (sdd_entry_tail_bytes(e) ^ sdd_entry_tail_bytes(&cleared));
}

/* Does the state table let bind slot / event i be released on every PE (or
 * globally)?  Only where it is unregistered (DEN0054C Table 14). */
bool sdd_releasable_everywhere(const struct sdd *d, unsigned i);

/* Release bind slot i (must be bound and unused everywhere). */
void sdd_release_slot(struct sdd *d, unsigned pe, unsigned i);

/* ---- Dispatch (sdd_dispatch.c) ---- */

/* PSTATE of an exception taken to the client EL from `from` under policy
 * `pol` (enum sdd_pol_pstate), using r's SCTLR_ELc / HCR_EL2. */
uint64_t sdd_exception_pstate(const struct sdd *d, const struct sdd_regs *r,
			      uint64_t from, unsigned pol);

/* May an event of class pri be taken on pe now (nesting rules only)? */
bool sdd_can_nest(const struct sdd *d, unsigned pe, unsigned pri);

/* Enter the handler of event i on pe (the event must be enabled, not
 * running, and nesting must allow it). */
void sdd_enter(struct sdd *d, unsigned pe, unsigned i, bool explicit_dispatch,
	       uint32_t intid, struct sdd_regs *r, struct sdd_outcome *o);

/* Complete the innermost handler on pe (depth must be > 0): restore the
 * interrupted context into r, or build the resume context at resume_addr
 * when resume is set; end its interrupt or priority. */
void sdd_finish(struct sdd *d, unsigned pe, bool resume, uint64_t resume_addr,
		struct sdd_regs *r, struct sdd_outcome *o);

/* Record an internal fault: the dispatcher refuses everything afterwards. */
void sdd_fault(struct sdd *d, int code);

/* ---- Client calls (sdd_call_*.c): each returns the value for x0 ---- */

struct sdd_call_args {
	struct sdd         *d;
	unsigned            pe;
	struct sdd_regs    *r;
	struct sdd_outcome *o;
};

int64_t sdd_call_version(struct sdd_call_args *c);
int64_t sdd_call_register(struct sdd_call_args *c);
int64_t sdd_call_enable(struct sdd_call_args *c);
int64_t sdd_call_disable(struct sdd_call_args *c);
int64_t sdd_call_context(struct sdd_call_args *c);
int64_t sdd_call_complete(struct sdd_call_args *c);
int64_t sdd_call_complete_and_resume(struct sdd_call_args *c);
int64_t sdd_call_unregister(struct sdd_call_args *c);
int64_t sdd_call_status(struct sdd_call_args *c);
int64_t sdd_call_get_info(struct sdd_call_args *c);
int64_t sdd_call_routing_set(struct sdd_call_args *c);
/* Is pe masked now, for taking events (sdd_pe_state.mask_depth)?  On
 * every interrupt's path. */
static inline bool sdd_pe_masked(const struct sdd *d, unsigned pe)
{
	const struct sdd_pe_state *p = &d->pe[pe];

	return p->mask_depth ? !p->masked : p->masked;
}
/* A handler on pe completed: a mask change it made is in force now. */
void sdd_mask_on_completion(struct sdd *d, unsigned pe);
int64_t sdd_call_pe_mask(struct sdd_call_args *c);
int64_t sdd_call_pe_unmask(struct sdd_call_args *c);
int64_t sdd_call_interrupt_bind(struct sdd_call_args *c);
int64_t sdd_call_interrupt_release(struct sdd_call_args *c);
int64_t sdd_call_signal(struct sdd_call_args *c);
int64_t sdd_call_features(struct sdd_call_args *c);
int64_t sdd_call_private_reset(struct sdd_call_args *c);
int64_t sdd_call_shared_reset(struct sdd_call_args *c);

/* ---- Migration (sdd_crc32.c) ---- */

/* CRC-32 (IEEE 802.3, reflected; zlib's crc32) of n bytes at p. */
uint32_t sdd_crc32(const uint8_t *p, size_t n);

/* ---- Life cycle helpers (sdd_init.c) ---- */

/* Put the state (not the platform copy) back to its initial value.  Does
 * not call the port. */
void sdd_reset_state(struct sdd *d);

/* Rebuild the derived fields (priv_slot, priv_event, npriv, intid_event)
 * from plat, intid[] and bound. */
void sdd_derive(struct sdd *d);

/* Re-program the interrupts of pe's redistributor that the dispatcher owns
 * (event 0's SGI, private static and bound PPIs): claimed, disabled. */
void sdd_claim_banked(struct sdd *d, unsigned pe);

/* ---- The port lock (every public entry point) ----
 *
 * What never changes after sdd_init (the platform copy, the port) is read
 * without the lock; everything else, `failed` included, only under it.
 * A dispatcher whose sdd_init failed has pe_count 0 and perhaps no port:
 * it is refused before any port call.  `failed` is tested once the lock
 * is held, because another PE may have failed the dispatcher while this
 * one waited for it. */

/* Take the lock if d is usable; false (lock not held) if it is not. */
static inline bool sdd_lock(const struct sdd *d)
{
	if (d == NULL || d->plat.pe_count == 0)
		return false;
	d->port->lock(d->ctx);
	if (!d->failed)
		return true;
	d->port->unlock(d->ctx);
	return false;
}

/* sdd_lock for an operation on PE pe (refused when out of range). */
static inline bool sdd_lock_pe(const struct sdd *d, unsigned pe)
{
	return d != NULL && pe < d->plat.pe_count && sdd_lock(d);
}

static inline void sdd_unlock(const struct sdd *d)
{
	d->port->unlock(d->ctx);
}

/* Outcome of an operation that has done nothing yet. */
static inline void sdd_outcome_none(struct sdd_outcome *o, enum sdd_action act, uint32_t intid)
{
	o->action = (uint8_t)act;
	o->depth = 0;
	o->event = -1;
	o->status = 0;
	o->intid = intid;
}

/* sdd_check with the lock already held (sdd_load's last test). */
int sdd_check_locked(const struct sdd *d);

#endif /* SDD_INTERNAL_H */
