/*
 * tplat.c - see tplat.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>

#include "tplat.h"

/* ---- The mock interrupt controller ---- */

static struct tp_irq *irq_of(struct tp *t, unsigned pe, uint32_t intid)
{
	if (intid < 32) {
		if (pe >= t->npe) {
			t->port_calls_with_bad_intid++;
			return &t->banked[0][0];
		}
		return &t->banked[pe][intid];
	}
	if (intid >= 32 + t->plat.spi_count) {
		t->port_calls_with_bad_intid++;   /* CVE-2023-49100: must never happen */
		return &t->spi[0];
	}
	return &t->spi[intid - 32];
}

struct tp_irq *tp_irq(struct tp *t, unsigned pe, uint32_t intid)
{
	return irq_of(t, pe, intid);
}

static uint8_t running_priority(const struct tp *t, unsigned pe)
{
	uint8_t rpr = 0xFF;
	for (unsigned k = 0; k < t->nrunning[pe]; k++)
		if (t->running[pe][k] < rpr)
			rpr = t->running[pe][k];
	return rpr;
}

static void push_running(struct tp *t, unsigned pe, uint8_t prio)
{
	if (pe >= TP_PES) {
		t->port_calls_with_bad_intid++;
		return;
	}
	if (t->nrunning[pe] >= 8 || prio >= running_priority(t, pe))
		t->gic_errors++;          /* only strictly higher priority may nest */
	if (t->nrunning[pe] < 8)
		t->running[pe][t->nrunning[pe]++] = prio;
}

static void pop_running(struct tp *t, unsigned pe, uint8_t prio)
{
	if (pe >= TP_PES) {
		t->port_calls_with_bad_intid++;
		return;
	}
	if (t->nrunning[pe] == 0 || t->running[pe][t->nrunning[pe] - 1] != prio) {
		t->gic_errors++;          /* priority drop of something not on top */
		return;
	}
	t->nrunning[pe]--;
}

static bool p_client_owned(void *ctx, unsigned pe, uint32_t intid)
{
	struct tp *t = ctx;
	return !irq_of(t, pe, intid)->fw && !t->secure[intid];
}

static bool p_is_active(void *ctx, unsigned pe, uint32_t intid)
{
	return irq_of(ctx, pe, intid)->active;
}

static bool p_is_pending(void *ctx, unsigned pe, uint32_t intid)
{
	return irq_of(ctx, pe, intid)->pending;
}

static void p_claim(void *ctx, unsigned pe, uint32_t intid, enum sdd_priority pri)
{
	struct tp *t = ctx;
	struct tp_irq *q = irq_of(t, pe, intid);
	q->fw = true;
	q->enabled = false;
	q->pending = false;
	q->prio = pri == SDD_PRI_CRITICAL ? PRIO_CRITICAL : PRIO_NORMAL;
	t->claims++;
}

static void p_unclaim(void *ctx, unsigned pe, uint32_t intid)
{
	struct tp *t = ctx;
	struct tp_irq *q = irq_of(t, pe, intid);
	q->fw = false;
	q->enabled = false;
	q->prio = 0xFF;
	t->unclaims++;
}

static void p_enable(void *ctx, unsigned pe, uint32_t intid, bool on)
{
	irq_of(ctx, pe, intid)->enabled = on;
}

static void p_set_pending(void *ctx, unsigned pe, uint32_t intid, bool pending)
{
	irq_of(ctx, pe, intid)->pending = pending;
}

static void p_route(void *ctx, uint32_t intid, bool any, unsigned target)
{
	struct tp *t = ctx;
	(void)irq_of(t, 0, intid);
	if (intid < 32 || intid >= 32 + t->plat.spi_count)
		return;
	t->spi_any[intid - 32] = any;
	t->spi_target[intid - 32] = target;
}

static void p_eoi(void *ctx, unsigned pe, uint32_t intid)
{
	struct tp *t = ctx;
	struct tp_irq *q = irq_of(t, pe, intid);
	if (!q->active)
		t->gic_errors++;
	q->active = false;
	pop_running(t, pe, q->prio);
	t->eois++;
}

static void p_sgi(void *ctx, unsigned target, uint32_t intid)
{
	struct tp *t = ctx;
	struct tp_irq *q = irq_of(t, target, intid);
	/* A Group 0 SGI is accepted only where that SGI is Group 0. */
	if (q->fw)
		q->pending = true;
	t->sgis++;
}

static void p_participate(void *ctx, unsigned pe, bool on)
{
	struct tp *t = ctx;
	if (pe < TP_PES)
		t->participate[pe] = on;
}

static void p_pri_activate(void *ctx, unsigned pe, enum sdd_priority pri)
{
	push_running(ctx, pe, pri == SDD_PRI_CRITICAL ? PRIO_CRITICAL : PRIO_NORMAL);
}

static void p_pri_deactivate(void *ctx, unsigned pe, enum sdd_priority pri)
{
	pop_running(ctx, pe, pri == SDD_PRI_CRITICAL ? PRIO_CRITICAL : PRIO_NORMAL);
}

static bool p_ep_valid(void *ctx, unsigned pe, uint64_t addr)
{
	(void)ctx;
	(void)pe;
	return addr >= EP_VALID_LO && addr < EP_VALID_HI;
}

static void p_lock(void *ctx)
{
	struct tp *t = ctx;
	t->locks++;
	if (++t->lock_depth > t->max_lock_depth)
		t->max_lock_depth = t->lock_depth;
	if (t->on_lock)
		t->on_lock(t);
}

static void p_unlock(void *ctx)
{
	struct tp *t = ctx;
	t->unlocks++;
	t->lock_depth--;
}

static void p_fault(void *ctx, int code)
{
	struct tp *t = ctx;
	t->faults++;
	t->last_fault = code;
}

static const struct sdd_port tp_port = {
	.irq_is_client_owned = p_client_owned,
	.irq_is_active = p_is_active,
	.irq_is_pending = p_is_pending,
	.irq_claim = p_claim,
	.irq_unclaim = p_unclaim,
	.irq_enable = p_enable,
	.irq_set_pending = p_set_pending,
	.irq_route = p_route,
	.irq_eoi = p_eoi,
	.sgi_raise = p_sgi,
	.pe_participate = p_participate,
	.pri_activate = p_pri_activate,
	.pri_deactivate = p_pri_deactivate,
	.ep_valid = p_ep_valid,
	.lock = p_lock,
	.unlock = p_unlock,
	.fault = p_fault,
};

/* ---- Platform and set-up ---- */

static void add_event(struct sdd_platform *p, int32_t n, unsigned kind, unsigned type,
		      unsigned pri, uint32_t intid)
{
	struct sdd_event_desc *ev = &p->events[p->event_count++];
	ev->number = n;
	ev->kind = (uint8_t)kind;
	ev->type = (uint8_t)type;
	ev->priority = (uint8_t)pri;
	ev->intid = intid;
}

void tp_default_platform(struct sdd_platform *p)
{
	static const uint64_t mpidr[TP_PES] = { 0x0, 0x1, 0x100, 0x101 };

	memset(p, 0, sizeof *p);
	p->pe_count = TP_PES;
	memcpy(p->mpidr, mpidr, sizeof mpidr);
	p->client_el = 2;
	p->version_minor = 1;
	p->relative_mode = true;
	p->vendor_version = 0x5344;
	p->spi_count = 96;
	p->features = SDD_FEAT_PAN;
	add_event(p, EV0, SDD_EVK_EVENT0, SDD_PRIVATE, SDD_PRI_NORMAL, SGI_EV0);
	add_event(p, EV_PPI_CRIT, SDD_EVK_STATIC, SDD_PRIVATE, SDD_PRI_CRITICAL, PPI_CRIT);
	add_event(p, EV_PPI_NORM, SDD_EVK_STATIC, SDD_PRIVATE, SDD_PRI_NORMAL, PPI_NORM);
	add_event(p, EV_SPI_NORM, SDD_EVK_STATIC, SDD_SHARED, SDD_PRI_NORMAL, SPI_NORM);
	add_event(p, EV_SPI_CRIT, SDD_EVK_STATIC, SDD_SHARED, SDD_PRI_CRITICAL, SPI_CRIT);
	add_event(p, EV_EXPL_NORM, SDD_EVK_EXPLICIT, SDD_PRIVATE, SDD_PRI_NORMAL, 0);
	add_event(p, EV_EXPL_CRIT, SDD_EVK_EXPLICIT, SDD_PRIVATE, SDD_PRI_CRITICAL, 0);
	for (int i = 0; i < 3; i++)
		add_event(p, EV_PSLOT(i), SDD_EVK_DYNAMIC, SDD_PRIVATE, SDD_PRI_NORMAL, 0);
	for (int i = 0; i < 3; i++)
		add_event(p, EV_SSLOT(i), SDD_EVK_DYNAMIC, SDD_SHARED, SDD_PRI_NORMAL, 0);
}

void tp_reset_regs(struct tp *t, unsigned pe)
{
	struct sdd_regs *r = &t->regs[pe];
	memset(r, 0, sizeof *r);
	for (unsigned k = 0; k < SDD_CONTEXT_REGS; k++)
		r->x[k] = 0x1000ull * (pe + 1) + k;
	r->pc = 0x80000ull + 0x100ull * pe;
	r->pstate = 0x60000000ull | SDD_PSTATE_M_EL2H;   /* EL2h, Z and C set, IRQs unmasked */
	r->vbar_elc = 0x10000;
	r->sctlr_elc = SDD_SCTLR_SPAN;
}

void tp_setup(struct tp *t, const struct sdd_platform *plat)
{
	int err;

	memset(t, 0, sizeof *t);
	if (plat)
		t->plat = *plat;
	else
		tp_default_platform(&t->plat);
	t->port = tp_port;
	t->npe = t->plat.pe_count > TP_PES ? TP_PES : t->plat.pe_count;
	t->secure[PPI_SECURE] = true;
	t->secure[SPI_SECURE] = true;
	t->auto_deliver = true;
	for (unsigned pe = 0; pe < TP_PES; pe++)
		tp_reset_regs(t, pe);
	for (unsigned k = 0; k < 988; k++)
		t->spi[k].prio = 0xFF;
	err = sdd_init(&t->d, &t->plat, &t->port, t);
	if (err != SDD_INIT_OK)
		fail_msg("sdd_init: %s", sdd_init_error_name(err));
}

void tp_setup_busy(struct tp *t)
{
	tp_setup(t, NULL);
	assert_int_equal(tp_bind(t, 0, 16), EV_PSLOT(0));
	assert_int_equal(tp_bind(t, 0, 70), EV_SSLOT(0));
	tp_register(t, 1, EV_PSLOT(0), H_A, 1);
	tp_enable(t, 1, EV_PSLOT(0));
	tp_register(t, 1, EV_PPI_CRIT, H_A, 2);
	tp_enable(t, 1, EV_PPI_CRIT);
	tp_register(t, 0, EV_SSLOT(0), H_B, 3);
	tp_enable(t, 0, EV_SSLOT(0));
	tp_register(t, 2, EV0, H_B, 4);
	tp_enable(t, 2, EV0);
	tp_register(t, 0, EV_EXPL_NORM, H_A, 5);
	tp_enable(t, 0, EV_EXPL_NORM);
	tp_register(t, 0, EV_PPI_NORM, H_A, 6);
	tp_register_pe(t, 0, EV_SPI_NORM, H_B, 7, 2);

	tp_unmask(t, 1);
	tp_fire(t, 16, 1);
	tp_fire(t, PPI_CRIT, 1);
	tp_unmask(t, 3);
	tp_fire(t, 70, 0);
	tp_unmask(t, 2);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_SIGNAL, 0, t->plat.mpidr[2]), 0);
	tp_unmask(t, 0);
	assert_int_equal(tp_explicit(t, 0, EV_EXPL_NORM), 0);

	assert_int_equal(tp_depth(t, 0), 1);
	assert_int_equal(tp_depth(t, 1), 2);
	assert_int_equal(tp_depth(t, 2), 1);
	assert_int_equal(tp_depth(t, 3), 1);
	tp_check(t);
}

/* ---- Driving it ---- */

int64_t tp_call(struct tp *t, unsigned pe, uint32_t fid, uint64_t a, uint64_t b,
		uint64_t c, uint64_t d, uint64_t e)
{
	struct sdd_regs *r = &t->regs[pe];
	int64_t x0;

	r->x[0] = fid;
	r->x[1] = a;
	r->x[2] = b;
	r->x[3] = c;
	r->x[4] = d;
	r->x[5] = e;
	t->last_action = sdd_call(&t->d, pe, r, &t->last_out);
	x0 = (int64_t)r->x[0];
	if (t->lock_depth != 0)
		fail_msg("lock still held after a call");
	/* The result is taken before anything pending is delivered, which
	 * may switch the PE into a handler. */
	if (t->auto_deliver)
		tp_deliver(t);
	return x0;
}

void tp_register(struct tp *t, unsigned pe, int32_t ev, uint64_t ep, uint64_t arg)
{
	assert_int_equal(tp_call(t, pe, SDD_FID_EVENT_REGISTER, (uint32_t)ev, ep, arg, 0, 0), 0);
}

void tp_register_pe(struct tp *t, unsigned pe, int32_t ev, uint64_t ep, uint64_t arg, unsigned target)
{
	assert_int_equal(tp_call(t, pe, SDD_FID_EVENT_REGISTER, (uint32_t)ev, ep, arg,
				 SDD_RM_PE, t->plat.mpidr[target]), 0);
}

void tp_enable(struct tp *t, unsigned pe, int32_t ev)
{
	assert_int_equal(tp_call1(t, pe, SDD_FID_EVENT_ENABLE, (uint32_t)ev), 0);
}

void tp_unmask(struct tp *t, unsigned pe)
{
	assert_int_equal(tp_call0(t, pe, SDD_FID_PE_UNMASK), 0);
}

void tp_arm(struct tp *t, unsigned pe, int32_t ev, uint64_t ep, uint64_t arg)
{
	tp_register(t, pe, ev, ep, arg);
	tp_enable(t, pe, ev);
	tp_unmask(t, pe);
}

int32_t tp_bind(struct tp *t, unsigned pe, uint32_t intid)
{
	int64_t ev = tp_call1(t, pe, SDD_FID_INTERRUPT_BIND, intid);
	assert_true(ev > 0);
	return (int32_t)ev;
}

/* The interrupt pe would take now, or 1023. */
static uint32_t highest_deliverable(struct tp *t, unsigned pe)
{
	uint8_t rpr = running_priority(t, pe), best = 0xFF;
	uint32_t intid = 1023;

	for (uint32_t k = 0; k < 32 + t->plat.spi_count; k++) {
		struct tp_irq *q = irq_of(t, pe, k);
		if (!q->fw || !q->enabled || !q->pending || q->active || q->prio >= rpr)
			continue;
		if (k >= 32) {
			unsigned s = k - 32;
			if (t->spi_any[s] ? !t->participate[pe] : t->spi_target[s] != pe)
				continue;
		}
		if (q->prio < best) {
			best = q->prio;
			intid = k;
		}
	}
	return intid;
}

void tp_acknowledge(struct tp *t, unsigned pe, uint32_t intid)
{
	struct tp_irq *q = irq_of(t, pe, intid);

	q->active = true;
	q->pending = false;
	push_running(t, pe, q->prio);
}

enum sdd_irq_result tp_hand_over(struct tp *t, unsigned pe, uint32_t intid)
{
	struct tp_irq *q = irq_of(t, pe, intid);
	struct sdd_outcome o;
	enum sdd_irq_result res = sdd_irq(&t->d, pe, intid, &t->regs[pe], &o);

	if (t->nirq < 16)
		t->last_irq[t->nirq++] = res;
	if (res == SDD_IRQ_DISPATCHED && t->nlog < 64) {
		t->log[t->nlog].pe = pe;
		t->log[t->nlog].event = o.event;
		t->log[t->nlog].regs = t->regs[pe];
		t->nlog++;
	}
	if (res == SDD_IRQ_NOT_MINE || res == SDD_IRQ_REFUSED) {
		q->active = false;          /* nobody owns it: EOI here */
		pop_running(t, pe, q->prio);
	}
	return res;
}

void tp_deliver(struct tp *t)
{
	for (unsigned round = 0; round < 256; round++) {
		bool progress = false;
		for (unsigned pe = 0; pe < t->npe; pe++) {
			uint32_t intid = highest_deliverable(t, pe);
			if (intid == 1023)
				continue;
			tp_acknowledge(t, pe, intid);
			tp_hand_over(t, pe, intid);
			progress = true;
		}
		if (!progress)
			return;
	}
	fail_msg("interrupts keep firing: delivery did not settle");
}

void tp_fire(struct tp *t, uint32_t intid, unsigned pe)
{
	irq_of(t, pe, intid)->pending = true;
	tp_deliver(t);
}

int tp_explicit(struct tp *t, unsigned pe, int32_t ev)
{
	struct sdd_outcome o;
	int res = sdd_dispatch_explicit(&t->d, pe, ev, &t->regs[pe], &o);

	if (res == 0 && t->nlog < 64) {
		t->log[t->nlog].pe = pe;
		t->log[t->nlog].event = o.event;
		t->log[t->nlog].regs = t->regs[pe];
		t->nlog++;
	}
	return res;
}

unsigned tp_depth(struct tp *t, unsigned pe)
{
	uint64_t v;
	assert_int_equal(sdd_reg_read(&t->d, pe, SDD_REG_PE_STATE, &v, 1), 1);
	return (unsigned)(v >> 1 & 3);
}

unsigned tp_status(struct tp *t, unsigned pe, int32_t ev)
{
	int i = sdd_event_index(&t->d, ev);
	assert_true(i >= 0);
	return sdd_event_state(&t->d, pe, (unsigned)i);
}

int tp_fixture_setup(void **state)
{
	static struct tp t;

	tp_setup(&t, NULL);
	*state = &t;
	return 0;
}

int tp_fixture_teardown(void **state)
{
	tp_check(*state);
	return 0;
}

void tp_check(struct tp *t)
{
	assert_int_equal(sdd_check(&t->d), 0);
	assert_int_equal(t->gic_errors, 0);
	assert_int_equal(t->faults, 0);
	assert_int_equal(t->port_calls_with_bad_intid, 0);
	assert_int_equal(t->locks, t->unlocks);
	assert_true(t->max_lock_depth <= 1);
}

/* ---- Saved states ---- */

void tp_reseal(uint8_t *buf, size_t n)
{
	uint32_t c = (uint32_t)crc32(0L, buf, (uInt)(n - 4));

	buf[n - 4] = (uint8_t)c;
	buf[n - 3] = (uint8_t)(c >> 8);
	buf[n - 2] = (uint8_t)(c >> 16);
	buf[n - 1] = (uint8_t)(c >> 24);
}

void tp_assert_fresh(struct tp *t)
{
	uint64_t v;

	assert_int_equal(sdd_check(&t->d), 0);
	assert_int_equal(t->d.bound, 0);
	for (unsigned pe = 0; pe < t->d.plat.pe_count; pe++) {
		assert_int_equal(sdd_reg_read(&t->d, pe, SDD_REG_PE_STATE, &v, 1), 1);
		assert_int_equal(v, 1);                   /* masked, nothing running */
		for (unsigned i = 0; i < t->d.plat.event_count; i++)
			assert_int_equal(sdd_event_state(&t->d, pe, i), 0);
	}
}

void tp_refuses_every_truncation(const struct sdd_platform *plat, const uint8_t *img, size_t n)
{
	static struct tp u;

	for (size_t len = 0; len < n; len++) {
		int err;
		tp_setup(&u, plat);
		err = sdd_load(&u.d, img, len);
		if (err != SDD_LOAD_TRUNCATED && err != SDD_LOAD_BAD_CHECKSUM)
			fail_msg("%zu of %zu bytes: load gave %d", len, n, err);
		tp_assert_fresh(&u);
	}
}

void tp_refuses_every_bit_change(const struct sdd_platform *plat, const uint8_t *img, size_t n)
{
	static struct tp u;
	static uint8_t buf[8192];

	assert_true(n <= sizeof buf);
	memcpy(buf, img, n);
	tp_setup(&u, plat);
	for (size_t k = 0; k < n; k++) {
		for (unsigned bit = 0; bit < 8; bit += 3) {
			buf[k] ^= (uint8_t)(1u << bit);
			if (sdd_load(&u.d, buf, n) == SDD_LOAD_OK)
				fail_msg("bit %u of byte %zu changed: loaded", bit, k);
			buf[k] ^= (uint8_t)(1u << bit);
		}
	}
	tp_assert_fresh(&u);
	assert_int_equal(sdd_load(&u.d, buf, n), SDD_LOAD_OK);
}
