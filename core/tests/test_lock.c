/*
 * test_lock.c - the port lock (sdd_port.h): every operation that reads or
 * changes the dispatcher's state holds it for its whole duration, exactly
 * once, and decides whether the dispatcher is usable only once it holds
 * it.  An embedder running PEs in parallel relies on both: a state image
 * saved or checked without the lock can be torn by a call on another PE,
 * and a call that tested "not failed" before waiting for the lock would
 * carry on after the PE that held it failed the dispatcher.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tplat.h"

#define NS SDD_NOT_SUPPORTED

static uint8_t image[16384];

/* Every entry point that takes a dispatcher, run once on t (PE 0). */
enum op {
	OP_CALL_FIRST, /* + function number - 0x20: sdd_call with each of the 19 calls */
	OP_IRQ = OP_CALL_FIRST + SDD_CALL_COUNT,
	OP_EXPLICIT, OP_PE_ON, OP_PE_OFF, OP_PE_WAKE, OP_COMPLETE_ALL,
	OP_SAVE_SIZE, OP_SAVE, OP_LOAD, OP_CHECK, OP_EVENT_STATE, OP_EVENT_INDEX,
	OP_REG_READ, OP_COUNT
};

static const char *op_name(unsigned op)
{
	static const char *const names[] = {
		"sdd_irq", "sdd_dispatch_explicit", "sdd_pe_on", "sdd_pe_off", "sdd_pe_wake",
		"sdd_pe_complete_all", "sdd_save_size", "sdd_save", "sdd_load", "sdd_check",
		"sdd_event_state", "sdd_event_index", "sdd_reg_read"
	};
	if (op < OP_IRQ)
		return sdd_call_name(SDD_FID_FIRST + op);
	return names[op - OP_IRQ];
}

/* Run op; returns its result folded into an int64_t (what the caller sees). */
static int64_t run_op(struct tp *t, unsigned op, size_t img_len)
{
	struct sdd_regs *r = &t->regs[0];
	uint64_t v[20];

	if (op < OP_IRQ) {
		r->x[0] = SDD_FID_FIRST + op;
		return (int64_t)sdd_call(&t->d, 0, r, NULL) << 32 ^ (int64_t)r->x[0];
	}
	switch (op) {
	case OP_IRQ:            return sdd_irq(&t->d, 0, PPI_NORM, r, NULL);
	case OP_EXPLICIT:       return sdd_dispatch_explicit(&t->d, 0, EV_EXPL_NORM, r, NULL);
	case OP_PE_ON:          sdd_pe_on(&t->d, 0); return 0;
	case OP_PE_OFF:         return sdd_pe_off(&t->d, 0, r);
	case OP_PE_WAKE:        sdd_pe_wake(&t->d, 0, true); return 0;
	case OP_COMPLETE_ALL:   return sdd_pe_complete_all(&t->d, 0, r);
	case OP_SAVE_SIZE:      return (int64_t)sdd_save_size(&t->d);
	case OP_SAVE:           return (int64_t)sdd_save(&t->d, image, sizeof image);
	case OP_LOAD:           return sdd_load(&t->d, image, img_len);
	case OP_CHECK:          return sdd_check(&t->d);
	case OP_EVENT_STATE:    return sdd_event_state(&t->d, 0, 1);
	case OP_EVENT_INDEX:    return sdd_event_index(&t->d, EV_PPI_NORM);
	default:                return sdd_reg_read(&t->d, 0, SDD_REG_REGISTERED, v, 1);
	}
}

/* The busy state (something of every kind), and an image of it to load;
 * PE 0's x1, x2 are the arguments of the calls run_op makes. */
static size_t busy(struct tp *t)
{
	size_t n;

	tp_setup_busy(t);
	t->regs[0].x[1] = EV_PPI_NORM;
	t->regs[0].x[2] = H_A;
	n = sdd_save(&t->d, image, sizeof image);
	assert_true(n > 0);
	return n;
}

static void every_operation_holds_the_lock_exactly_once(void **state)
{
	struct tp *t = *state;

	for (unsigned op = 0; op < OP_COUNT; op++) {
		size_t n = busy(t);
		unsigned before = t->locks;

		t->max_lock_depth = 0;
		run_op(t, op, n);
		if (t->locks - before != 1 || t->unlocks != t->locks || t->max_lock_depth != 1)
			fail_msg("%s: took the lock %u times, released it %u times (depth %u)",
				 op_name(op), t->locks - before, t->unlocks - before, t->max_lock_depth);
	}
}

/* The lock was held by another PE, which failed the dispatcher (a fault
 * the interrupt controller caused) before releasing it. */
static void another_pe_fails_the_dispatcher(struct tp *t)
{
	t->d.failed = 1;
	t->on_lock = NULL;
}

static void an_operation_that_waited_while_the_dispatcher_failed_changes_nothing(void **state)
{
	struct tp *t = *state;
	static struct sdd before;

	for (unsigned op = 0; op < OP_COUNT; op++) {
		size_t n = busy(t);
		struct sdd_regs regs = t->regs[0];
		unsigned eois = t->eois, claims = t->claims, sgis = t->sgis;
		int64_t got;

		memcpy(&before, &t->d, sizeof before);
		before.failed = 1;
		t->on_lock = another_pe_fails_the_dispatcher;
		got = run_op(t, op, n);
		if (memcmp(&before, &t->d, sizeof before) != 0)
			fail_msg("%s changed the state of a failed dispatcher", op_name(op));
		if (t->eois != eois || t->claims != claims || t->sgis != sgis)
			fail_msg("%s reached the interrupt controller of a failed dispatcher", op_name(op));
		assert_int_equal(t->locks, t->unlocks);
		if (op < OP_IRQ) {     /* NOT_SUPPORTED, nothing else touched */
			regs.x[0] = (uint64_t)(int64_t)NS;
			if (got != ((int64_t)SDD_ACT_RETURN << 32 ^ (int64_t)regs.x[0]) ||
			    memcmp(&regs, &t->regs[0], sizeof regs) != 0)
				fail_msg("%s on a failed dispatcher: action %lld x0 %#llx", op_name(op),
					 (long long)(got >> 32), (unsigned long long)t->regs[0].x[0]);
			continue;
		}
		if (memcmp(&regs, &t->regs[0], sizeof regs) != 0)
			fail_msg("%s changed the client's registers", op_name(op));
		switch (op) {
		case OP_IRQ:         assert_int_equal(got, SDD_IRQ_REFUSED); break;
		case OP_EXPLICIT:    assert_int_equal(got, -1); break;
		case OP_LOAD:        assert_int_equal(got, SDD_LOAD_UNUSABLE); break;
		case OP_CHECK:       assert_true(got < 0); break;
		case OP_EVENT_INDEX: assert_int_equal(got, -1); break;
		case OP_REG_READ:    assert_int_equal(got, -1); break;
		default:             assert_int_equal(got, 0); break; /* counts, sizes, states */
		}
	}
	tp_setup(t, NULL);   /* for the fixture's final check */
}

/* A dispatcher whose sdd_init failed has no port to lock: every operation
 * refuses without calling one. */
static void a_dispatcher_that_never_initialised_takes_no_lock(void **state)
{
	struct tp *t = *state;
	struct sdd_platform bad;

	tp_default_platform(&bad);
	bad.pe_count = 0;
	assert_int_equal(sdd_init(&t->d, &bad, &t->port, t), SDD_INIT_PE_COUNT);
	t->locks = t->unlocks = 0;
	for (unsigned op = 0; op < OP_COUNT; op++)
		run_op(t, op, 0);
	assert_int_equal(t->locks, 0);
	t->regs[0].x[0] = SDD_FID_VERSION;
	assert_int_equal(sdd_call(&t->d, 0, &t->regs[0], NULL), SDD_ACT_RETURN);
	assert_int_equal((int64_t)t->regs[0].x[0], NS);
	tp_setup(t, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TP_TEST(every_operation_holds_the_lock_exactly_once),
		TP_TEST(an_operation_that_waited_while_the_dispatcher_failed_changes_nothing),
		TP_TEST(a_dispatcher_that_never_initialised_takes_no_lock),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
