/*
 * nport.h - a port with no interrupt controller behind it, for the tests
 * tplat cannot host: more PEs than its GIC model has (test_capacity.c),
 * PEs on threads of their own (test_threads.c).  It answers "client owned,
 * not active, not pending" and accepts every non-zero aligned entry point;
 * it counts what a test checks and, given a mutex, locks it.
 */
#ifndef NPORT_H
#define NPORT_H

#include <pthread.h>

#include "sdd/sdd.h"

/* Event numbers of nport_platform(). */
#define NP_EV_PPI   0x40000101   /* static private, PPI 30, normal */
#define NP_EV_SPI   0x40000200   /* static shared, SPI 40, normal */
#define NP_PPI      30u
#define NP_SPI      40u

struct nport {
	pthread_mutex_t *mutex;  /* taken by lock when not NULL */
	unsigned routed_to;      /* the last irq_route's target_pe, ~0u for RM_ANY */
	unsigned eois, locks, unlocks, faults;
};

/* The port operations, each given a struct nport as ctx. */
extern const struct sdd_port nport_ops;

/* Aff1.Aff0 = pe / 16 . pe % 16 (16 PEs a cluster). */
uint64_t nport_mpidr(unsigned pe);

/* npe PEs with nport_mpidr's MPIDRs, client EL 2, SDEI 1.1, 64 SPIs;
 * event 0 on SGI 8, NP_EV_PPI and NP_EV_SPI. */
void nport_platform(struct sdd_platform *p, unsigned npe);

/* Make call fid on PE pe of d from a fresh EL2 context r: x1..x5 = a..e,
 * every other register 0.  The result is in r->x[0] when it returns. */
enum sdd_action nport_call(struct sdd *d, unsigned pe, struct sdd_regs *r, uint32_t fid,
			   uint64_t a, uint64_t b, uint64_t c, uint64_t e, uint64_t f);

#endif /* NPORT_H */
