/*
 * fz_statecov.c - see fz_statecov.h.
 */
#include "fz_statecov.h"
#include "sdd/sdd_spec.h"

/* What an SDEI call is about, by its function number (fid & 0x1F). */
enum subject { S_NONE = 0, S_ARG0, S_RESULT };

static const uint8_t subject_of[32] = {
	[SDD_FID_EVENT_REGISTER & 0x1F] = S_ARG0,   [SDD_FID_EVENT_ENABLE & 0x1F] = S_ARG0,
	[SDD_FID_EVENT_DISABLE & 0x1F] = S_ARG0,    [SDD_FID_EVENT_UNREGISTER & 0x1F] = S_ARG0,
	[SDD_FID_EVENT_STATUS & 0x1F] = S_ARG0,     [SDD_FID_EVENT_GET_INFO & 0x1F] = S_ARG0,
	[SDD_FID_EVENT_ROUTING_SET & 0x1F] = S_ARG0, [SDD_FID_INTERRUPT_RELEASE & 0x1F] = S_ARG0,
	[SDD_FID_EVENT_SIGNAL & 0x1F] = S_ARG0,     [SDD_FID_INTERRUPT_BIND & 0x1F] = S_RESULT,
};

/* An answer in 5 bits: 0 success, 1..15 an error's magnitude, 16..31 a
 * positive value (STATUS bits, GET_INFO's answers; 31: large, a number). */
static uint32_t answer_class(int64_t r)
{
	if (r < 0)
		return r < -15 ? 15u : (uint32_t)-r;
	return r > 15 ? 31u : r == 0 ? 0u : 16u + (uint32_t)r;
}

static uint32_t call_key(const struct rm_model *m, const struct sim_obs *ob)
{
	unsigned fn = ob->fid & 0x1F;
	int32_t ev = -1;
	uint32_t intid = 1023;

	if ((ob->fid & SDD_FID_WINDOW_MASK) != SDD_FID_WINDOW_BASE)   /* PSCI, or not a call the dispatcher takes */
		return fn << 4 | (ob->result == 0) << 9 | 1u << 10;
	if (subject_of[fn] == S_ARG0 && ob->args[0] <= INT32_MAX) {
		ev = (int32_t)ob->args[0];
	} else if (subject_of[fn] == S_RESULT) {
		ev = ob->result >= 0 && ob->result <= INT32_MAX ? (int32_t)ob->result : -1;
		intid = ob->args[0] < 1020 ? (uint32_t)ob->args[0] : 1023;
	}
	return fn << 4 | answer_class(ob->result) << 9 | (uint32_t)(ob->from_handler != 0) << 14 |
	       (uint32_t)(ob->status == 1) << 15 | rm_summary(m, ob->pe, ev, intid) << 16;
}

uint32_t fz_state_key(const struct rm_model *m, const struct sim_obs *ob)
{
	uint32_t k = ob->kind & 0xFu;

	switch (ob->kind) {
	case SIM_OBS_CALL:
	case SIM_OBS_PSCI:
		return k | call_key(m, ob);
	case SIM_OBS_FIRE:           /* an SPI's names no PE: its event's state is every PE's */
		return k | rm_summary(m, ob->pe < m->p.pes ? ob->pe : 0, -1, ob->intid) << 16;
	case SIM_OBS_IRQ:
	case SIM_OBS_HOLD:
		return k | ((uint32_t)ob->status & 0xFu) << 4 | rm_summary(m, ob->pe, -1, ob->intid) << 16;
	case SIM_OBS_DISPATCH:
		return k | rm_summary(m, ob->pe, ob->event, 1023) << 16;
	case SIM_OBS_COMPLETE:   /* how, and HANDLED or not */
		return k | (ob->done << 1 | (ob->status != 0)) << 4 | rm_summary(m, ob->pe, ob->event, 1023) << 16;
	case SIM_OBS_EXPLICIT:
		return k | answer_class(ob->result) << 4 | rm_summary(m, ob->pe, ob->event, 1023) << 16;
	default:
		return 0;
	}
}

void fz_state_mark(const struct rm_model *m, const struct sim_obs *ob, uint8_t *cells)
{
	uint32_t h = fz_state_key(m, ob) * 0x9E3779B1u;   /* Fibonacci hashing: the top bits */

	_Static_assert((FZ_STATE_CELLS & (FZ_STATE_CELLS - 1)) == 0, "a power of two");
	if (h)
		cells[h >> (32 - __builtin_ctz(FZ_STATE_CELLS))] = 1;
}
