/*
 * mt.h - what the machine tests (test_machine*.c) share: one CPU for the
 * whole test group, the platform every test starts from, running a
 * program with an observation log, and asserting that it passes or fails
 * at a given line with a given message.
 */
#ifndef SIM_TESTS_MT_H
#define SIM_TESTS_MT_H

#include "pb.h"
#include "sim.h"

#define EV_CRIT   0x40000100u   /* private, critical, PPI 23 */
#define EV_NORM   0x40000101u   /* private, normal,   PPI 22 */
#define EV_SHARED 0x40000200u   /* shared,  normal,   SPI 40 */
#define EV_EXPL   0x40000300u   /* explicit, private, normal */
#define EV_SHCRIT 0x40000201u   /* shared,  critical, SPI 41 */

/* The group's CPU, created by mt_group_setup. */
extern struct sim_cpu *mt_cpu;
int mt_group_setup(void **state);
int mt_group_teardown(void **state);

/* Add the EV_* events above to b's platform. */
void mt_setup_platform(struct pb *b);
/* A handler that pauses (yield) and, resumed, completes HANDLED, named
 * "pausing": its index. */
int mt_pausing_handler(struct pb *b);

/* Give pe's main context recognisable values (x4, x17, x29, DIT, NZCV)
 * for a handler to find in its interrupted context. */
void mt_set_context(struct pb *b, unsigned pe);

/* Add a handler running the user image at path from symbol; its index. */
int mt_elf_handler(struct pb *b, const char *path, const char *symbol);

/* A program of one handler, the image at path entered at symbol, is
 * refused before it runs, with want in the message. */
void mt_assert_image_refused(const char *path, const char *symbol, const char *want);

/* EV_SHARED registered by PE 1 to handler h with argument arg, enabled,
 * PE 1 unmasked; SPI 40 fired, the machine migrated, SPI 40 fired again,
 * and both dispatches expected (on PE 1, with arg). */
void mt_fire_around_a_migration(struct pb *b, int h, uint64_t arg);

/* Observation log of a run (texts dropped), for comparing runs. */
struct olog {
	struct sim_obs o[512];
	unsigned n;
};

/* An observer logging into an olog (ctx). */
void mt_record(void *ctx, const struct sim_obs *o);

/* Run b's program (with the final-state digest), logging to log if set. */
struct sim_result mt_run(struct pb *b, struct olog *log);
void mt_assert_passes(struct pb *b);
/* The run fails at `line` with a message containing needle. */
void mt_assert_fails_at(struct pb *b, uint32_t line, const char *needle);

#endif /* SIM_TESTS_MT_H */
