/*
 * pb.h - a small builder for writing scenario programs in C (the machine
 * tests; the YAML loader is the users' way).  Every builder call appends
 * to the program: steps at the top level, or actions between
 * pb_handler() and pb_end().  Checks attach to the element just added.
 */
#ifndef PB_H
#define PB_H

#include <stdint.h>

#include "program.h"
#include "sdd/sdd_spec.h"

#define V(x)        sim_const((uint64_t)(x))
#define VHANDLER(h) ((struct sim_value){ SIM_V_HANDLER, (uint64_t)(h) })
#define VOFFSET(h)  ((struct sim_value){ SIM_V_HANDLER_OFF, (uint64_t)(h) })
#define VPAD        ((struct sim_value){ SIM_V_RESUME_PAD, 0 })
#define VMPIDR(n)   ((struct sim_value){ SIM_V_MPIDR, (uint64_t)(n) })
#define VINTPC      ((struct sim_value){ SIM_V_INT_PC, 0 })
#define VINTPSTATE  ((struct sim_value){ SIM_V_INT_PSTATE, 0 })

struct pb {
	struct sim_program p;
	int      in_handler;     /* handler being built, -1: building steps */
	uint32_t line;           /* a made-up line number per element, for messages */
	struct sim_op *last;     /* the element checks attach to (re-found after growth) */
	int      last_is_action;
	int      target_kind;    /* what pb_check() attaches to: the element or a resume entry */
	uint32_t last_index;
};

void pb_init(struct pb *b);
void pb_free(struct pb *b);

/* Handlers */
int  pb_handler(struct pb *b, const char *name);   /* returns its index */
void pb_end(struct pb *b);

/* Steps and actions (pe: SIM_NONE for "the handler's PE" / default). */
void pb_call(struct pb *b, unsigned pe, uint32_t fid, unsigned nargs, const struct sim_value *args);
void pb_call0(struct pb *b, unsigned pe, uint32_t fid);
void pb_call1(struct pb *b, unsigned pe, uint32_t fid, struct sim_value a);
void pb_call2(struct pb *b, unsigned pe, uint32_t fid, struct sim_value a, struct sim_value c);
void pb_register(struct pb *b, unsigned pe, uint32_t ev, int handler, uint64_t arg,
		 uint64_t flags, struct sim_value affinity);
void pb_psci(struct pb *b, unsigned pe, unsigned fn, unsigned target);
void pb_interrupt(struct pb *b, unsigned pe, uint32_t intid);
void pb_complete(struct pb *b, uint64_t status);
void pb_complete_and_resume(struct pb *b, struct sim_value addr);
void pb_yield(struct pb *b);
void pb_expect_entry(struct pb *b);      /* then pb_check() the registers */
void pb_set(struct pb *b, unsigned pe, unsigned reg, uint64_t value);
void pb_wake(struct pb *b, unsigned pe);
void pb_dispatch(struct pb *b, unsigned pe, uint32_t ev);
void pb_migrate(struct pb *b);
void pb_resume(struct pb *b, unsigned pe);
void pb_expect_dispatches(struct pb *b); /* then pb_dispatch_is() per entry */
void pb_expect_resumes(struct pb *b);    /* then pb_resume_is() per landing */

/* Expectations on the element just added. */
void pb_check(struct pb *b, unsigned reg, struct sim_value want);
void pb_check_not(struct pb *b, unsigned reg, struct sim_value not_this);
void pb_expect(struct pb *b, int64_t x0);          /* x0 == value */
void pb_save(struct pb *b, const char *var);
void pb_dispatch_is(struct pb *b, unsigned pe, uint32_t ev, int handler, int has_arg, uint64_t arg);
void pb_resume_is(struct pb *b, unsigned pe);      /* then pb_check() elr/spsr/pstate fields */

#endif /* PB_H */
