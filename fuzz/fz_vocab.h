/*
 * fz_vocab.h - the fuzz input's value vocabulary, shared by the decoder
 * and the encoder so that one inverts the other.  Internal to fuzz/.
 */
#ifndef FZ_VOCAB_H
#define FZ_VOCAB_H

#include <stdbool.h>
#include <stdint.h>

#include "fz_input.h"

enum fz_record {
	FZ_R_CALL = 0, FZ_R_CALL_RAW, FZ_R_INTERRUPT, FZ_R_PSCI, FZ_R_SET, FZ_R_WAKE,
	FZ_R_DISPATCH, FZ_R_MIGRATE, FZ_R_RESUME, FZ_R_ACTION, FZ_R_LITERAL, FZ_R_CHOICES,
	FZ_R_EPISODE
};

#define FZ_MAX_BODY     16     /* actions per handler, before its completion */
#define FZ_MAX_LITERALS 32
#define FZ_VARS         8

struct fz_ctx {
	struct sim_program *prog;
	uint32_t record;                        /* record being decoded */
	unsigned nbody[FZ_HANDLERS];
	uint64_t literal[FZ_MAX_LITERALS];
	unsigned nliterals;
	unsigned nbinds;                        /* BIND calls so far: their results are $b0..$b7 */
	uint32_t var[FZ_VARS];                  /* program variable of $b0..$b7 */
	int32_t  events[48];                    /* event numbers worth trying, valid ones first */
	unsigned nevents, nvalid;
	uint32_t intids[8];                     /* the platform events' interrupts, SGI 8 */
	unsigned nintids;
	uint32_t bound[FZ_VARS];                /* the interrupts episodes bound so far */
	unsigned nbound;
	/* Last: the decoder clears what is above, and fills body[h] only as
	 * far as nbody[h] says (it decodes every fuzz input). */
	struct sim_op body[FZ_HANDLERS][FZ_MAX_BODY];
	struct sim_op spare;                    /* an action past a full body */
};

/* Record kind of an opcode byte, and a byte of that kind. */
unsigned fz_record_kind(uint8_t byte);
uint8_t  fz_record_byte(unsigned kind);
uint8_t  fz_psci_byte(unsigned fn);
/* Who makes a call step whose PE byte is b (fz_input.h), on a platform
 * whose client is at client_el: op's from_el, aarch32 and secure. */
void fz_caller(uint8_t b, unsigned client_el, struct sim_op *op);

/* Build the vocabulary once the platform is known. */
void fz_vocab_init(struct fz_ctx *c);
void fz_add_literal(struct fz_ctx *c, const uint8_t seven[7]);
unsigned fz_bind_var(struct fz_ctx *c);

/* What an argument is for: its byte is decoded mostly to good values of
 * that kind (bytes 0..191), else through the general vocabulary. */
enum fz_role { FZ_ANY = 0, FZ_EVENT, FZ_ADDR, FZ_MPIDR, FZ_SMALL, FZ_INTID };
#define FZ_ROLE_ESCAPE 192

/* The roles of x1..x5 of SDEI call number n (0..18). */
const uint8_t *fz_call_roles(unsigned n);
struct sim_value fz_role_value(const struct fz_ctx *c, unsigned role, uint8_t b);

struct sim_value fz_value(const struct fz_ctx *c, uint8_t b);
struct sim_value fz_event_value(const struct fz_ctx *c, uint8_t b);
uint32_t fz_intid(const struct fz_ctx *c, uint8_t b);
uint64_t fz_raw_fid(uint8_t b);

#endif /* FZ_VOCAB_H */
