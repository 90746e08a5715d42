/*
 * tplat.h - the core's unit-test platform: a dispatcher wired to a small
 * model of the GIC behaviour the port contract promises (ownership,
 * enable, pending, active, two priorities, 1-of-N participation), and
 * helpers that make calls and fire interrupts the way a machine would.
 *
 * It is deliberately not the simulator (sim/): it has no CPUs and no
 * exception model; a test plays the client, and "the handler" is simply
 * whatever the test does on a PE while a dispatch is outstanding there.
 */
#ifndef TPLAT_H
#define TPLAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sdd/sdd.h"

#define TP_PES 4

/* Events of the default test platform. */
#define EV0            0
#define EV_PPI_CRIT    0x40000100   /* static private, PPI 29, critical */
#define EV_PPI_NORM    0x40000101   /* static private, PPI 30, normal */
#define EV_SPI_NORM    0x40000200   /* static shared,  SPI 40, normal */
#define EV_SPI_CRIT    0x40000201   /* static shared,  SPI 41, critical */
#define EV_EXPL_NORM   0x40000300   /* explicit private, normal */
#define EV_EXPL_CRIT   0x40000301   /* explicit private, critical */
#define EV_PSLOT(i)    (0x40001000 + (i))   /* 3 private bind slots */
#define EV_SSLOT(i)    (0x40002000 + (i))   /* 3 shared bind slots */

#define SGI_EV0        8
#define PPI_CRIT       29
#define PPI_NORM       30
#define SPI_NORM       40
#define SPI_CRIT       41
#define PPI_SECURE     27            /* firmware-owned: BIND must refuse */
#define SPI_SECURE     33

#define PRIO_CRITICAL  0x60
#define PRIO_NORMAL    0x70

#define EP_VALID_LO    0x10000ull    /* ep_valid accepts [LO, HI) */
#define EP_VALID_HI    0x1000000ull
#define H_A            0x20000ull    /* handy handler addresses */
#define H_B            0x20400ull
#define H_C            0x20800ull
#define RESUME_ADDR    0x30000ull

struct tp_irq {
	bool fw;        /* claimed by the dispatcher (Group 0) */
	bool enabled, pending, active;
	uint8_t prio;
};

struct tp_dispatch {            /* one handler entry, as the handler saw it */
	unsigned pe;
	int32_t  event;
	struct sdd_regs regs;
};

struct tp {
	struct sdd d;
	struct sdd_platform plat;
	struct sdd_port port;
	unsigned npe;

	struct tp_irq banked[TP_PES][32];
	struct tp_irq spi[988];
	bool     spi_any[988];
	unsigned spi_target[988];
	bool     participate[TP_PES];
	bool     secure[1020];
	uint8_t  running[TP_PES][8];  /* priorities acknowledged/activated, innermost last */
	unsigned nrunning[TP_PES];

	struct sdd_regs regs[TP_PES]; /* each PE's current client context */
	bool auto_deliver;           /* tp_call() delivers pending interrupts afterwards */

	/* what the port saw */
	unsigned locks, unlocks, lock_depth, max_lock_depth;
	void (*on_lock)(struct tp *t); /* run as the lock is taken (another PE's turn) */
	unsigned faults; int last_fault;
	unsigned gic_errors;         /* EOIs/deactivations that broke the priority stack */
	unsigned eois, claims, unclaims, sgis;
	unsigned port_calls_with_bad_intid;

	struct tp_dispatch log[64];
	unsigned nlog;
	enum sdd_action last_action;
	struct sdd_outcome last_out;
	enum sdd_irq_result last_irq[16];
	unsigned nirq;
};

/* The default test platform description. */
void tp_default_platform(struct sdd_platform *p);

/* Build a tp on plat (NULL: the default).  Fails the test if init fails. */
void tp_setup(struct tp *t, const struct sdd_platform *plat);

/* cmocka fixture: a tp on the default platform (one static instance,
 * set up afresh for each test), checked with tp_check after the test. */
int tp_fixture_setup(void **state);
int tp_fixture_teardown(void **state);
#define TP_TEST(f) cmocka_unit_test_setup_teardown(f, tp_fixture_setup, tp_fixture_teardown)

/* tp_setup on the default platform, then a state with something of
 * every kind in it (asserted legal by sdd_check):
 *   PE 0  explicit EXPL_NORM running (depth 1); PPI_NORM registered, disabled
 *   PE 1  bound PSLOT(0) (PPI 16) running, PPI_CRIT nested over it (depth 2)
 *   PE 2  event 0 running (signalled from PE 0)
 *   PE 3  bound shared SSLOT(0) (SPI 70) running
 *   SPI_NORM registered RM_PE to PE 2, not enabled */
void tp_setup_busy(struct tp *t);

/* A fresh client context for PE pe (recognisable register values). */
void tp_reset_regs(struct tp *t, unsigned pe);

/* Make call fid from PE pe's current context with x1..x5 = a..e.
 * Returns x0 afterwards (the result for a call that returns). */
int64_t tp_call(struct tp *t, unsigned pe, uint32_t fid, uint64_t a, uint64_t b,
		uint64_t c, uint64_t d, uint64_t e);

#define tp_call0(t, pe, fid)                 tp_call(t, pe, fid, 0, 0, 0, 0, 0)
#define tp_call1(t, pe, fid, a)              tp_call(t, pe, fid, a, 0, 0, 0, 0)
#define tp_call2(t, pe, fid, a, b)           tp_call(t, pe, fid, a, b, 0, 0, 0)

/* Common sequences, each asserting success. */
void tp_register(struct tp *t, unsigned pe, int32_t ev, uint64_t ep, uint64_t arg);
void tp_register_pe(struct tp *t, unsigned pe, int32_t ev, uint64_t ep, uint64_t arg, unsigned target);
void tp_enable(struct tp *t, unsigned pe, int32_t ev);
void tp_unmask(struct tp *t, unsigned pe);
/* Register and enable ev on pe with handler ep and argument arg, then
 * unmask pe: the event is ready to be taken there. */
void tp_arm(struct tp *t, unsigned pe, int32_t ev, uint64_t ep, uint64_t arg);
int32_t tp_bind(struct tp *t, unsigned pe, uint32_t intid);

/* Raise interrupt intid (latched pending; pe selects the PE for SGIs and
 * PPIs) and deliver whatever can be delivered. */
void tp_fire(struct tp *t, uint32_t intid, unsigned pe);

/* Acknowledge and hand to the dispatcher every interrupt that can be taken. */
void tp_deliver(struct tp *t);

/* The two halves of taking one interrupt, for races between them: the
 * GIC's acknowledge on pe (intid active, not pending, its priority
 * running), then the dispatcher's sdd_irq on pe (logged as tp_deliver
 * logs; EOI'd here when the dispatcher leaves that to its caller).
 * Returns what sdd_irq returned. */
void tp_acknowledge(struct tp *t, unsigned pe, uint32_t intid);
enum sdd_irq_result tp_hand_over(struct tp *t, unsigned pe, uint32_t intid);

/* Firmware explicit dispatch of ev on pe. */
int tp_explicit(struct tp *t, unsigned pe, int32_t ev);

/* GIC state of intid as seen from pe. */
struct tp_irq *tp_irq(struct tp *t, unsigned pe, uint32_t intid);

/* Dispatch depth on pe, and the event of the innermost dispatch. */
unsigned tp_depth(struct tp *t, unsigned pe);
unsigned tp_status(struct tp *t, unsigned pe, int32_t ev);

/* Assert the dispatcher's and the mock GIC's invariants. */
void tp_check(struct tp *t);

/* ---- Saved states (sdd_save/sdd_load) ---- */

/* Write the CRC-32 trailer of an n-byte image edited on purpose. */
void tp_reseal(uint8_t *buf, size_t n);

/* Assert that t's dispatcher is as sdd_init left it: bound nothing, every
 * PE masked with nothing running, every registration cleared. */
void tp_assert_fresh(struct tp *t);

/* Loading every prefix of img (n bytes, saved on platform plat, NULL: the
 * default) is refused as truncated or damaged and leaves a fresh
 * dispatcher; so is img with bit 0, 3 or 6 of any one byte changed,
 * which then loads as it is. */
void tp_refuses_every_truncation(const struct sdd_platform *plat, const uint8_t *img, size_t n);
void tp_refuses_every_bit_change(const struct sdd_platform *plat, const uint8_t *img, size_t n);

#endif /* TPLAT_H */
