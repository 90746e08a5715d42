/*
 * trace_names.c - the spellings of FORMAT.md, and what a function ID is.
 *
 * SDEI names come from the dispatcher core (sdd_call_name) and PSCI ones
 * from the simulator (sim_psci_name / sim_psci_fid), so that a trace, a
 * scenario and a report all call a function the same thing.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "program.h"        /* sim_psci_fn_of_fid: the PSCI functions the simulator implements */
#include "sdd/sdd.h"
#include "sdd/sdd_spec.h"
#include "sim.h"              /* sim_done_names: the names of enum trace_done (trace_recorder.c) */
#include "smccc.h"          /* sim_smccc_fid: a recorded x0 names what the firmware's entry makes of it */
#include "trace.h"
#include "trace_internal.h"

void trace_rec_init(struct trace_rec *r, unsigned kind)
{
	memset(r, 0, sizeof *r);
	r->kind = (uint8_t)kind;
}

static const char *const kind_names[TRACE_KIND_COUNT] = {
	"call", "dispatch", "complete", "irq", "power", "platform", "warning",
};

const char *trace_kind_name(unsigned kind)
{
	return kind < TRACE_KIND_COUNT ? kind_names[kind] : NULL;
}

uint32_t trace_rec_fid(const struct trace_rec *r)
{
	return sim_smccc_fid(r->x[0]);
}

/* Each of these takes W0 as recorded (a trace holds the caller's register)
 * and reads it as the simulated firmware's entry does: SMCCC's SVE hint
 * ignored (smccc.h). */
bool trace_fid_is_sdei(uint32_t fid)
{
	return (sim_smccc_fid(fid) & SDD_FID_WINDOW_MASK) == SDD_FID_WINDOW_BASE;
}

/* PSCI owns function numbers 0x00..0x1F of the standard service, in both
 * calling conventions (SMCCC; PSCI DEN0022 §5.1). */
bool trace_fid_is_psci(uint32_t fid)
{
	return (sim_smccc_fid(fid) & 0xBFFFFFE0u) == 0x84000000u;
}

int trace_psci_fn(uint32_t fid)
{
	return sim_psci_fn_of_fid(sim_smccc_fid(fid));
}

const char *trace_psci_powers_down(uint32_t fid)
{
	int fn = trace_psci_fn(fid);

	return fn == SIM_PSCI_CPU_OFF ? "powers the PE off" : fn == SIM_PSCI_SYSTEM_OFF ? "powers the system off" : NULL;
}

const char *trace_fid_name(uint32_t fid)
{
	int fn;

	if (trace_fid_is_sdei(fid))
		return sdd_call_name(sim_smccc_fid(fid));
	fn = trace_psci_fn(fid);
	return fn >= 0 ? sim_psci_name((unsigned)fn) : NULL;
}

/* The simulator's profiles are the names a platform record may give: a
 * replay builds its machine from it. */
bool trace_profile_known(const char *name)
{
	for (unsigned k = 0; sim_profile_name(k); k++)
		if (strcmp(sim_profile_name(k), name) == 0)
			return true;
	return false;
}

/* DEN0054C §5.1 (arguments of each call); PSCI DEN0022 §5.1. */
unsigned trace_fid_nargs(uint32_t fid)
{
	static const uint8_t sdei[SDD_CALL_COUNT] = {
		0, 5, 1, 1, 1, 1, 1, 1, 1, 2, 3, 0, 0, 1, 1, 2, 1, 0, 0,
	};
	static const uint8_t psci[SIM_PSCI_FN_COUNT] = { 0, 1, 3, 0, 3, 2, 0, 0, 0 };
	int fn;

	fid = sim_smccc_fid(fid);
	if ((fid | 0x40000000u) >= SDD_FID_FIRST && (fid | 0x40000000u) <= SDD_FID_LAST)
		return sdei[(fid | 0x40000000u) - SDD_FID_FIRST];
	fn = trace_psci_fn(fid);
	return fn >= 0 ? psci[fn] : 5;
}

const char *trace_event_str(char *buf, size_t n, int32_t event)
{
	if (event >= 0 && event < 0x10000)
		snprintf(buf, n, "%" PRId32, event);
	else
		snprintf(buf, n, "0x%" PRIx32, (uint32_t)event);
	return buf;
}

const char *trace_result_str(char *buf, size_t n, int64_t v)
{
	const char *name = sim_sdei_error_name(v);

	if (name)
		snprintf(buf, n, "%" PRId64 " (%s)", v, name);
	else if (v >= -1000 && v <= 0xFFFF)
		snprintf(buf, n, "%" PRId64, v);
	else
		snprintf(buf, n, "0x%" PRIx64, (uint64_t)v);
	return buf;
}

const char *trace_fid_str(char *buf, size_t n, uint32_t fid)
{
	const char *s = trace_fid_name(fid);

	if (s)
		return s;
	snprintf(buf, n, "function 0x%08" PRIx32, fid);
	return buf;
}

/* ---- Enumerated field values (FORMAT.md) ---- */

static const char *const conduit_names[] = { "smc", "hvc" };
static const char *const end_names[TRACE_END_COUNT] = { "ret", "complete", "none" };
static const char *const cause_names[TRACE_CAUSE_COUNT] = { "irq", "call", "explicit" };
static const char *const irq_how_names[TRACE_IRQ_HOW_COUNT] = { "ack", "fire", "hold" };
static const char *const res_names[TRACE_RES_COUNT] = {
	"dispatched", "deferred", "held", "dropped", "not-sdei", "refused", "fault", "rerouted",
	"ended", "repended",
};
static const char *const power_names[TRACE_PWR_COUNT] = {
	"on", "off", "standby", "powerdown", "frozen",
};

static const struct { const char *const *names; unsigned n; } enums[TRACE_ENUM_COUNT] = {
	[TRACE_ENUM_CONDUIT] = { conduit_names, 2 },
	[TRACE_ENUM_END]     = { end_names, TRACE_END_COUNT },
	[TRACE_ENUM_CAUSE]   = { cause_names, TRACE_CAUSE_COUNT },
	[TRACE_ENUM_DONE]    = { sim_done_names, TRACE_DONE_COUNT },   /* the recorder's: trace_recorder.c */
	[TRACE_ENUM_IRQ_HOW] = { irq_how_names, TRACE_IRQ_HOW_COUNT },
	[TRACE_ENUM_RES]     = { res_names, TRACE_RES_COUNT },
	[TRACE_ENUM_POWER]   = { power_names, TRACE_PWR_COUNT },
};

const char *trace_enum_name(unsigned e, unsigned v)
{
	return e < TRACE_ENUM_COUNT && v < enums[e].n ? enums[e].names[v] : "?";
}

int trace_name_index(const char *const *names, unsigned count, const char *s, size_t n)
{
	for (unsigned k = 0; k < count; k++)
		if (strlen(names[k]) == n && memcmp(names[k], s, n) == 0)
			return (int)k;
	return -1;
}

int trace_enum_value(unsigned e, const char *s, size_t n)
{
	return e < TRACE_ENUM_COUNT ? trace_name_index(enums[e].names, enums[e].n, s, n) : -1;
}

/* What each result did to the interrupt's pending state: ENDS it,
 * REPENDS it, either (a fault), or neither (dispatched: 0). */
enum { ENDS = 1, REPENDS = 2 };

static unsigned res_gic(unsigned res)
{
	static const uint8_t gic[TRACE_RES_COUNT] = {
		[TRACE_RES_DEFERRED] = REPENDS, [TRACE_RES_HELD] = REPENDS, [TRACE_RES_REROUTED] = REPENDS,
		[TRACE_RES_REPENDED] = REPENDS, [TRACE_RES_DROPPED] = ENDS, [TRACE_RES_NOT_SDEI] = ENDS,
		[TRACE_RES_REFUSED] = ENDS, [TRACE_RES_ENDED] = ENDS, [TRACE_RES_FAULT] = ENDS | REPENDS,
	};
	return res < TRACE_RES_COUNT ? gic[res] : 0;
}

/* see trace.h */
bool trace_res_agrees(unsigned res, unsigned status)
{
	if (res == status)
		return true;
	return (res == TRACE_RES_ENDED || res == TRACE_RES_REPENDED) && status <= TRACE_RES_REROUTED &&
	       (res_gic(status) & res_gic(res)) != 0;
}

/* see trace.h */
bool trace_res_repends(unsigned res)
{
	return res_gic(res) == REPENDS;
}

/* see trace.h */
bool trace_res_left_pending(bool has_res, unsigned res)
{
	return !has_res || res_gic(res) != ENDS;
}
