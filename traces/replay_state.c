/*
 * replay_state.c - the state of each event as the replay's own calls and
 * dispatches left it, for the divergence messages ("what the dispatcher
 * answered, and the event's state").
 *
 * It is read off the run's observations (a successful EVENT_REGISTER
 * makes an event registered, a dispatch makes it running, ...), not asked
 * of the dispatcher: the simulator's observer sees observations only.  It
 * is an account of what the answers and the power changes imply: a PE
 * that comes back on, or wakes from a power-down state, is masked
 * (DEN0054C §6.5), and one that CPU_ON powered up has no private
 * registrations left where the platform's cpu_on policy resets them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"
#include "sdd/sdd.h"

#define ST_REGISTERED  1u
#define ST_ENABLED     2u
#define ST_RUNNING     4u
#define ST_UNREG_PEND  8u

struct evrec {
	int32_t number;
	bool    shared;
	uint8_t state[TRACE_MAX_PES];   /* shared events use [0] */
};

struct replay_evstate {
	struct evrec *ev;
	unsigned nev;
	bool masked[TRACE_MAX_PES];
	bool cpu_on_resets;          /* CPU_ON resets the PE's private events (SDD_CPU_ON_RESET_PRIVATE) */
};

struct replay_evstate *replay_evstate_new(const struct sim_platform *p)
{
	struct replay_evstate *s = calloc(1, sizeof *s);
	struct sdd_platform *sp = malloc(sizeof *sp);

	if (!s || !sp) {
		free(s);
		free(sp);
		return NULL;
	}
	/* the event map as the dispatcher sees it (bind slots included); an
	 * invalid platform leaves it empty: every event then reads as unknown */
	if (sim_platform_to_sdd(p, sp) == 0 && sp->event_count > 0) {
		s->ev = calloc(sp->event_count, sizeof *s->ev);
		for (unsigned k = 0; s->ev && k < sp->event_count; k++) {
			s->ev[k].number = sp->events[k].number;
			s->ev[k].shared = sp->events[k].type == SDD_SHARED;
		}
		s->nev = s->ev ? sp->event_count : 0;
	}
	for (unsigned p2 = 0; p2 < TRACE_MAX_PES; p2++)
		s->masked[p2] = true;        /* every PE starts masked (DEN0054C §4.5) */
	s->cpu_on_resets = p->policy.cpu_on == SDD_CPU_ON_RESET_PRIVATE;
	free(sp);
	return s;
}

void replay_evstate_free(struct replay_evstate *s)
{
	if (!s)
		return;
	free(s->ev);
	free(s);
}

static uint8_t *state_of(struct replay_evstate *s, int32_t event, unsigned pe)
{
	for (unsigned k = 0; k < s->nev; k++)
		if (s->ev[k].number == event)
			return &s->ev[k].state[s->ev[k].shared ? 0 : pe % TRACE_MAX_PES];
	return NULL;
}

static void reset_class(struct replay_evstate *s, bool shared, unsigned pe)
{
	for (unsigned k = 0; k < s->nev; k++)
		if (s->ev[k].shared == shared)
			s->ev[k].state[shared ? 0 : pe] = 0;
}

/* What an unregistration leaves: nothing, or, where the handler runs,
 * the registration until COMPLETE ends it (unregister pending). */
static void unregister(uint8_t *st, bool pending)
{
	if (pending)
		*st |= ST_UNREG_PEND;
	else
		*st = 0;
}

/* PRIVATE_RESET and SHARED_RESET unregister every event of their class
 * (the caller's private ones) before they answer, DENIED too: one that
 * runs is left unregister-pending, and the call is DENIED for it, or
 * (SHARED_RESET) for a binding still in use, whatever the reset_release
 * policy then releases (core/src/sdd_call_bind.c; TF-A's
 * sdei_private_reset and sdei_shared_reset, reference/tf-a-dispatcher.md).
 * Another answer (NOT_SUPPORTED to a caller that is not the client)
 * unregisters nothing. */
static void reset_unregisters(struct replay_evstate *s, const struct sim_obs *o, bool shared)
{
	bool denied = o->result == SDD_DENIED;

	if (o->result != 0 && !denied)
		return;
	for (unsigned k = 0; k < s->nev; k++) {
		uint8_t *st = &s->ev[k].state[shared ? 0 : o->pe % TRACE_MAX_PES];
		if (s->ev[k].shared == shared)
			unregister(st, denied && (*st & ST_RUNNING));
	}
}

static void call(struct replay_evstate *s, const struct sim_obs *o)
{
	uint8_t *st = state_of(s, (int32_t)o->args[0], o->pe);

	switch (o->fid) {
	case SDD_FID_EVENT_REGISTER:
		if (st && o->result == 0)
			*st = ST_REGISTERED;
		break;
	case SDD_FID_EVENT_ENABLE:
		if (st && o->result == 0)
			*st |= ST_ENABLED;
		break;
	case SDD_FID_EVENT_DISABLE:
		if (st && o->result == 0)
			*st &= (uint8_t)~ST_ENABLED;
		break;
	case SDD_FID_EVENT_UNREGISTER:
		if (st && (o->result == 0 || o->result == SDD_PENDING))
			unregister(st, o->result == SDD_PENDING);
		break;
	case SDD_FID_PE_MASK:
		s->masked[o->pe] = true;
		break;
	case SDD_FID_PE_UNMASK:
		s->masked[o->pe] = false;
		break;
	case SDD_FID_PRIVATE_RESET:
	case SDD_FID_SHARED_RESET:
		reset_unregisters(s, o, o->fid == SDD_FID_SHARED_RESET);
		break;
	default:
		break;
	}
}

void replay_evstate_observe(struct replay_evstate *s, const struct sim_obs *o)
{
	uint8_t *st;

	switch (o->kind) {
	case SIM_OBS_CALL:
		call(s, o);
		break;
	case SIM_OBS_DISPATCH:
		if ((st = state_of(s, o->event, o->pe)) != NULL)
			*st |= ST_RUNNING;
		break;
	case SIM_OBS_COMPLETE:
		if ((st = state_of(s, o->event, o->pe)) != NULL)
			*st = (*st & ST_UNREG_PEND) ? 0 : (uint8_t)(*st & ~ST_RUNNING);
		break;
	case SIM_OBS_POWER:
		if (o->pe >= TRACE_MAX_PES)
			break;
		/* off, frozen, or back from off or a power-down state: masked;
		 * standby keeps the mask */
		if (o->status != SIM_PE_STANDBY && o->regs[0] != SIM_PE_STANDBY)
			s->masked[o->pe] = true;
		if (o->status == SIM_PE_ON && o->regs[0] == SIM_PE_OFF && s->cpu_on_resets)
			reset_class(s, false, o->pe);
		break;
	case SIM_OBS_RESET:
		for (unsigned k = 0; k < s->nev; k++)
			memset(s->ev[k].state, 0, sizeof s->ev[k].state);
		for (unsigned p = 0; p < TRACE_MAX_PES; p++)
			s->masked[p] = true;
		break;
	default:
		break;
	}
}

void replay_evstate_describe(const struct replay_evstate *s, int32_t event, unsigned pe, char *buf, size_t n)
{
	const char *mask = s->masked[pe % TRACE_MAX_PES] ? "masked" : "unmasked";
	char where[32], num[TRACE_EVENT_STR];
	uint8_t st;

	if (event < 0) {
		snprintf(buf, n, "PE %u %s", pe, mask);
		return;
	}
	for (unsigned k = 0; k < s->nev; k++) {
		if (s->ev[k].number != event)
			continue;
		st = s->ev[k].state[s->ev[k].shared ? 0 : pe % TRACE_MAX_PES];
		if (s->ev[k].shared)
			snprintf(where, sizeof where, "shared");
		else
			snprintf(where, sizeof where, "private, PE %u", pe);
		snprintf(buf, n, "event %s (%s): %s%s%s%s; PE %u %s", trace_event_str(num, sizeof num, event), where,
			 st & ST_REGISTERED ? "registered" : "not registered",
			 st & ST_REGISTERED ? (st & ST_ENABLED ? ", enabled" : ", disabled") : "",
			 st & ST_RUNNING ? ", running" : "", st & ST_UNREG_PEND ? ", unregister pending" : "",
			 pe, mask);
		return;
	}
	snprintf(buf, n, "event %s is not an event of this platform; PE %u %s",
		 trace_event_str(num, sizeof num, event), pe, mask);
}
