/*
 * test_matrix.c - the full call x state matrix of DEN0054C Table 14
 * (our notes §5.3) for four kinds of event: a private bound event (a PPI
 * bound with INTERRUPT_BIND), a shared bound event (an SPI), event 0, and
 * an explicit event.  Each cell starts from a fresh dispatcher, drives the
 * event into the state on PE 1, makes the call from PE 1 (from inside the
 * handler when the state has "running"), and checks the result, the state
 * afterwards, and every invariant.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "tplat.h"

#define PE 1
#define INV  SDD_INVALID_PARAMETERS
#define DEN  SDD_DENIED
#define PEND SDD_PENDING
#define SAME 0xFF     /* expected next state: unchanged */
#define ANY  0x7FFF   /* expected result: any non-negative value */

enum kind { K_PRIVATE_BOUND, K_SHARED_BOUND, K_EVENT0, K_EXPLICIT, K_COUNT };
static const char *const kind_name[] = { "private bound", "shared bound", "event 0", "explicit" };

/* The six states in the order of the spec's table. */
static const uint8_t states[6] = { 0, 4, 1, 5, 3, 7 };

enum call { C_REGISTER, C_RELEASE, C_ENABLE, C_DISABLE, C_UNREGISTER, C_ROUTING_SET,
	    C_CONTEXT, C_COMPLETE, C_RESUME, C_STATUS, C_INFO_TYPE, C_INFO_MODE, C_COUNT };
static const char *const call_name[] = { "REGISTER", "RELEASE", "ENABLE", "DISABLE", "UNREGISTER",
	"ROUTING_SET", "CONTEXT", "COMPLETE", "COMPLETE_AND_RESUME", "STATUS", "GET_INFO(TYPE)",
	"GET_INFO(ROUTING_MODE)" };

struct cell { int64_t res; uint8_t next; };

/* matrix[call][state index] for a shared event; private differences are
 * applied in expected(). */
static const struct cell matrix[C_COUNT][6] = {
	/*                 unreg(0)    unreg-pend(4)  reg(1)       reg+run(5)    enabled(3)   en+run(7) */
	[C_REGISTER]   = { {0, 1},     {DEN, SAME},   {DEN, SAME}, {DEN, SAME},  {DEN, SAME}, {DEN, SAME} },
	[C_RELEASE]    = { {0, 0},     {DEN, SAME},   {DEN, SAME}, {DEN, SAME},  {DEN, SAME}, {DEN, SAME} },
	[C_ENABLE]     = { {DEN, SAME},{DEN, SAME},   {0, 3},      {0, 7},       {0, 3},      {0, 7} },
	[C_DISABLE]    = { {DEN, SAME},{DEN, SAME},   {0, 1},      {0, 5},       {0, 1},      {0, 5} },
	[C_UNREGISTER] = { {DEN, SAME},{PEND, 4},     {0, 0},      {PEND, 4},    {0, 0},      {PEND, 4} },
	[C_ROUTING_SET]= { {DEN, SAME},{DEN, SAME},   {0, 1},      {DEN, SAME},  {DEN, SAME}, {DEN, SAME} },
	[C_CONTEXT]    = { {DEN, SAME},{ANY, SAME},   {DEN, SAME}, {ANY, SAME},  {DEN, SAME}, {ANY, SAME} },
	[C_COMPLETE]   = { {DEN, SAME},{0, 0},        {DEN, SAME}, {0, 1},       {DEN, SAME}, {0, 3} },
	[C_RESUME]     = { {DEN, SAME},{0, 0},        {DEN, SAME}, {0, 1},       {DEN, SAME}, {0, 3} },
	[C_STATUS]     = { {0, SAME},  {4, SAME},     {1, SAME},   {5, SAME},    {3, SAME},   {7, SAME} },
	[C_INFO_TYPE]  = { {1, SAME},  {1, SAME},     {1, SAME},   {1, SAME},    {1, SAME},   {1, SAME} },
	[C_INFO_MODE]  = { {DEN, SAME},{DEN, SAME},   {0, SAME},   {0, SAME},    {0, SAME},   {0, SAME} },
};

static struct cell expected(enum kind k, enum call c, unsigned s)
{
	struct cell e = matrix[c][s];
	bool shared = k == K_SHARED_BOUND;
	bool bound = k == K_PRIVATE_BOUND || k == K_SHARED_BOUND;

	if (!shared && (c == C_ROUTING_SET || c == C_INFO_MODE))
		e = (struct cell){ INV, SAME };     /* routing is for shared events only */
	if (!shared && c == C_INFO_TYPE)
		e.res = 0;
	if (!bound && c == C_RELEASE)
		e = (struct cell){ INV, SAME };     /* only bound events can be released */
	return e;
}

struct rig {
	struct tp t;
	uint32_t ev;          /* event number under test */
	uint32_t intid;       /* its interrupt (bound kinds, event 0) */
};

/* Make the event fire on PE and check that it was dispatched there. */
static void trigger(struct rig *g, enum kind k)
{
	unsigned before = g->t.nlog;

	switch (k) {
	case K_PRIVATE_BOUND:
		tp_fire(&g->t, g->intid, PE);
		break;
	case K_SHARED_BOUND:
		tp_fire(&g->t, g->intid, 0);  /* RM_ANY: PE is the only unmasked PE */
		break;
	case K_EVENT0:
		assert_int_equal(tp_call2(&g->t, PE, SDD_FID_EVENT_SIGNAL, 0, g->t.plat.mpidr[PE]), 0);
		break;
	default:
		assert_int_equal(tp_explicit(&g->t, PE, (int32_t)g->ev), 0);
		break;
	}
	assert_int_equal(g->t.nlog, before + 1);
	assert_int_equal(g->t.log[before].pe, PE);
	assert_int_equal(g->t.log[before].event, (int32_t)g->ev);
}

static void into_state(struct rig *g, enum kind k, uint8_t s)
{
	struct tp *t = &g->t;

	tp_setup(t, NULL);
	switch (k) {
	case K_PRIVATE_BOUND: g->intid = 22; g->ev = (uint32_t)tp_bind(t, 0, g->intid); break;
	case K_SHARED_BOUND:  g->intid = 77; g->ev = (uint32_t)tp_bind(t, 0, g->intid); break;
	case K_EVENT0:        g->intid = SGI_EV0; g->ev = 0; break;
	default:              g->intid = 1023; g->ev = EV_EXPL_NORM; break;
	}
	tp_unmask(t, PE);
	if (s == 0)
		return;
	tp_register(t, PE, (int32_t)g->ev, H_A, 0xA5A5);
	if (s == 1)
		return;
	tp_enable(t, PE, (int32_t)g->ev);
	if (s == 3)
		return;
	trigger(g, k);                 /* -> 7; PE now runs the handler */
	if (s == 5)
		assert_int_equal(tp_call1(t, PE, SDD_FID_EVENT_DISABLE, g->ev), 0);
	if (s == 4)
		assert_int_equal(tp_call1(t, PE, SDD_FID_EVENT_UNREGISTER, g->ev), PEND);
	assert_int_equal(tp_status(t, PE, (int32_t)g->ev), s);
}

static int64_t make_call(struct rig *g, enum call c)
{
	struct tp *t = &g->t;
	uint64_t ev = g->ev;

	switch (c) {
	case C_REGISTER:    return tp_call(t, PE, SDD_FID_EVENT_REGISTER, ev, H_B, 1, 0, 0);
	case C_RELEASE:     return tp_call1(t, PE, SDD_FID_INTERRUPT_RELEASE, ev);
	case C_ENABLE:      return tp_call1(t, PE, SDD_FID_EVENT_ENABLE, ev);
	case C_DISABLE:     return tp_call1(t, PE, SDD_FID_EVENT_DISABLE, ev);
	case C_UNREGISTER:  return tp_call1(t, PE, SDD_FID_EVENT_UNREGISTER, ev);
	case C_ROUTING_SET: return tp_call(t, PE, SDD_FID_EVENT_ROUTING_SET, ev, SDD_RM_ANY, 0, 0, 0);
	case C_CONTEXT:     return tp_call1(t, PE, SDD_FID_EVENT_CONTEXT, 9);
	case C_COMPLETE:    return tp_call1(t, PE, SDD_FID_EVENT_COMPLETE, SDD_EV_HANDLED);
	case C_RESUME:      return tp_call1(t, PE, SDD_FID_EVENT_COMPLETE_AND_RESUME, RESUME_ADDR);
	case C_STATUS:      return tp_call1(t, PE, SDD_FID_EVENT_STATUS, ev);
	case C_INFO_TYPE:   return tp_call2(t, PE, SDD_FID_EVENT_GET_INFO, ev, SDD_INFO_EV_TYPE);
	default:            return tp_call2(t, PE, SDD_FID_EVENT_GET_INFO, ev, SDD_INFO_EV_ROUTING_MODE);
	}
}

static void run_kind(enum kind k)
{
	static struct rig g;

	for (unsigned si = 0; si < 6; si++) {
		for (unsigned c = 0; c < C_COUNT; c++) {
			struct cell want = expected(k, (enum call)c, si);
			uint8_t s = states[si];
			uint8_t next = want.next == SAME ? s : want.next;
			int64_t got;
			bool completes;

			into_state(&g, k, s);
			got = make_call(&g, (enum call)c);
			completes = (c == C_COMPLETE || c == C_RESUME) && want.res == 0;
			if (completes) {
				/* COMPLETE does not return: the interrupted context is back. */
				assert_int_equal(g.t.last_action, c == C_COMPLETE ? SDD_ACT_COMPLETE : SDD_ACT_RESUME);
			} else if (want.res == ANY) {
				assert_true(got >= 0);
			} else if (got != want.res) {
				fail_msg("%s: %s in state %u returned %lld, expected %lld", kind_name[k],
					 call_name[c], s, (long long)got, (long long)want.res);
			}
			if (c == C_RELEASE && k <= K_SHARED_BOUND && want.res == 0) {
				/* Released: the number is no longer an event. */
				assert_int_equal(tp_call1(&g.t, PE, SDD_FID_EVENT_STATUS, g.ev), INV);
			} else if (tp_status(&g.t, PE, (int32_t)g.ev) != next) {
				fail_msg("%s: %s in state %u left state %u, expected %u", kind_name[k],
					 call_name[c], s, tp_status(&g.t, PE, (int32_t)g.ev), next);
			}
			/* Running states mean exactly one frame on PE. */
			assert_int_equal(tp_depth(&g.t, PE), (next & SDD_STATUS_RUNNING) ? 1 : 0);
			tp_check(&g.t);
		}
	}
}

static void matrix_private_bound_event(void **state) { (void)state; run_kind(K_PRIVATE_BOUND); }
static void matrix_shared_bound_event(void **state)  { (void)state; run_kind(K_SHARED_BOUND); }
static void matrix_event_0(void **state)             { (void)state; run_kind(K_EVENT0); }
static void matrix_explicit_event(void **state)      { (void)state; run_kind(K_EXPLICIT); }

/* The table itself: every (state, op) pair, and the two impossible states. */
static void status_never_reports_2_or_6(void **state)
{
	static struct rig g;
	(void)state;
	for (unsigned k = 0; k < K_COUNT; k++)
		for (unsigned si = 0; si < 6; si++) {
			into_state(&g, (enum kind)k, states[si]);
			for (unsigned c = 0; c < C_COUNT; c++) {
				int64_t st;
				make_call(&g, (enum call)c);
				st = tp_call1(&g.t, PE, SDD_FID_EVENT_STATUS, g.ev);
				assert_true(st == INV || (st >= 0 && st != 2 && st != 6 && st < 8));
			}
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matrix_private_bound_event),
		cmocka_unit_test(matrix_shared_bound_event),
		cmocka_unit_test(matrix_event_0),
		cmocka_unit_test(matrix_explicit_event),
		cmocka_unit_test(status_never_reports_2_or_6),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
