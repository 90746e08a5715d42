/*
 * nport.c - see nport.h.
 */
#include <string.h>

#include "nport.h"

static bool q_owned(void *ctx, unsigned pe, uint32_t intid)
{
	(void)ctx, (void)pe, (void)intid;
	return true;
}

static bool q_not(void *ctx, unsigned pe, uint32_t intid)
{
	(void)ctx, (void)pe, (void)intid;
	return false;
}

static void p_claim(void *ctx, unsigned pe, uint32_t intid, enum sdd_priority pri)
{
	(void)ctx, (void)pe, (void)intid, (void)pri;
}

static void p_intid(void *ctx, unsigned pe, uint32_t intid)
{
	(void)ctx, (void)pe, (void)intid;
}

static void p_flag(void *ctx, unsigned pe, uint32_t intid, bool on)
{
	(void)ctx, (void)pe, (void)intid, (void)on;
}

static void p_participate(void *ctx, unsigned pe, bool on)
{
	(void)ctx, (void)pe, (void)on;
}

static void p_pri(void *ctx, unsigned pe, enum sdd_priority pri)
{
	(void)ctx, (void)pe, (void)pri;
}

static bool p_ep(void *ctx, unsigned pe, uint64_t addr)
{
	(void)ctx, (void)pe;
	return addr != 0;
}

static void p_route(void *ctx, uint32_t intid, bool any, unsigned target_pe)
{
	(void)intid;
	((struct nport *)ctx)->routed_to = any ? ~0u : target_pe;
}

static void p_eoi(void *ctx, unsigned pe, uint32_t intid)
{
	(void)pe, (void)intid;
	((struct nport *)ctx)->eois++;
}

static void p_lock(void *ctx)
{
	struct nport *n = ctx;

	if (n->mutex)
		pthread_mutex_lock(n->mutex);
	n->locks++;
}

static void p_unlock(void *ctx)
{
	struct nport *n = ctx;

	n->unlocks++;
	if (n->mutex)
		pthread_mutex_unlock(n->mutex);
}

static void p_fault(void *ctx, int code)
{
	(void)code;
	((struct nport *)ctx)->faults++;
}

const struct sdd_port nport_ops = {
	.irq_is_client_owned = q_owned, .irq_is_active = q_not, .irq_is_pending = q_not,
	.irq_claim = p_claim, .irq_unclaim = p_intid, .irq_enable = p_flag,
	.irq_set_pending = p_flag, .irq_route = p_route, .irq_eoi = p_eoi, .sgi_raise = p_intid,
	.pe_participate = p_participate, .pri_activate = p_pri, .pri_deactivate = p_pri,
	.ep_valid = p_ep, .lock = p_lock, .unlock = p_unlock, .fault = p_fault,
};

enum sdd_action nport_call(struct sdd *d, unsigned pe, struct sdd_regs *r, uint32_t fid,
			   uint64_t a, uint64_t b, uint64_t c, uint64_t e, uint64_t f)
{
	memset(r, 0, sizeof *r);
	r->pstate = SDD_PSTATE_M_EL2H;
	r->x[0] = fid;
	r->x[1] = a;
	r->x[2] = b;
	r->x[3] = c;
	r->x[4] = e;
	r->x[5] = f;
	return sdd_call(d, pe, r, NULL);
}

uint64_t nport_mpidr(unsigned pe)
{
	return (uint64_t)(pe / 16) << 8 | (pe % 16);
}

void nport_platform(struct sdd_platform *p, unsigned npe)
{
	memset(p, 0, sizeof *p);
	p->pe_count = npe;
	for (unsigned pe = 0; pe < npe && pe < SDD_MAX_PES; pe++)
		p->mpidr[pe] = nport_mpidr(pe);
	p->client_el = 2;
	p->version_minor = 1;
	p->spi_count = 64;
	p->event_count = 3;
	p->events[0] = (struct sdd_event_desc){ 0, SDD_EVK_EVENT0, SDD_PRIVATE, SDD_PRI_NORMAL, 8 };
	p->events[1] = (struct sdd_event_desc){ NP_EV_PPI, SDD_EVK_STATIC, SDD_PRIVATE, SDD_PRI_NORMAL, NP_PPI };
	p->events[2] = (struct sdd_event_desc){ NP_EV_SPI, SDD_EVK_STATIC, SDD_SHARED, SDD_PRI_NORMAL, NP_SPI };
}
