/*
 * test_threads.c - the dispatcher driven from four PEs on four threads at
 * once, as an embedder running PEs in parallel drives it, while a fifth
 * saves its state, loads each image into a second dispatcher and checks
 * both.  Built with ThreadSanitizer (CMakeLists.txt), which reports any
 * access to the dispatcher's state not ordered by the port lock (and
 * fails the test); without it, a torn image would still fail to load.
 *
 * Each PE registers, enables, disables and unregisters its own private
 * event, competes with the others for the one shared event (routed to
 * itself), and masks and unmasks itself: every answer must be one the
 * specification allows for the state the other PEs can have left.
 */
#include <setjmp.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "nport.h"

#define NPE      4u
#define ROUNDS   1500u
#define HANDLER  0x20000ull

struct machine {
	struct sdd d;
	struct sdd_platform plat;
	struct nport port;
	pthread_mutex_t mutex;
};

struct pe_thread {
	struct machine *m;
	unsigned pe;
	unsigned wrong;          /* answers outside the allowed set */
	char first[160];         /* the first of them */
};

struct saver {
	struct machine *m;
	struct machine copy;     /* loads every image (no threads: no mutex) */
	atomic_int *stop;
	unsigned saved, bad_loads, bad_checks;
	int first_load_error;
};

static int64_t call(struct pe_thread *t, uint32_t fid, uint64_t a, uint64_t b, uint64_t c,
		    uint64_t d, uint64_t e)
{
	struct sdd_regs r;

	if (nport_call(&t->m->d, t->pe, &r, fid, a, b, c, d, e) != SDD_ACT_RETURN)
		return INT64_MIN;
	return (int64_t)r.x[0];
}

/* Record an answer outside the allowed ones (a or b; a twice when one is
 * allowed: -1 is NOT_SUPPORTED, no "none"). */
static void expect(struct pe_thread *t, const char *what, int64_t got, int64_t a, int64_t b)
{
	if (got == a || got == b)
		return;
	if (t->wrong++ == 0)
		snprintf(t->first, sizeof t->first, "PE %u: %s answered %lld", t->pe, what,
			 (long long)got);
}

static void *pe_main(void *arg)
{
	struct pe_thread *t = arg;
	uint64_t self = nport_mpidr(t->pe);

	for (unsigned k = 0; k < ROUNDS; k++) {
		int64_t shared;

		/* its own private event: nobody else can change its state */
		expect(t, "REGISTER(private)", call(t, SDD_FID_EVENT_REGISTER, NP_EV_PPI, HANDLER, k, 0, 0),
		       SDD_SUCCESS, SDD_SUCCESS);
		expect(t, "ENABLE(private)", call(t, SDD_FID_EVENT_ENABLE, NP_EV_PPI, 0, 0, 0, 0),
		       SDD_SUCCESS, SDD_SUCCESS);
		expect(t, "STATUS(private)", call(t, SDD_FID_EVENT_STATUS, NP_EV_PPI, 0, 0, 0, 0),
		       SDD_STATUS_REGISTERED | SDD_STATUS_ENABLED, SDD_STATUS_REGISTERED | SDD_STATUS_ENABLED);
		expect(t, "PE_UNMASK", call(t, SDD_FID_PE_UNMASK, 0, 0, 0, 0, 0), SDD_SUCCESS, SDD_SUCCESS);
		/* the shared one: whoever registered it first owns it until it
		 * unregisters; the others are DENIED */
		shared = call(t, SDD_FID_EVENT_REGISTER, NP_EV_SPI, HANDLER, k, SDD_REGFLAG_RM_PE, self);
		expect(t, "REGISTER(shared)", shared, SDD_SUCCESS, SDD_DENIED);
		if (shared == SDD_SUCCESS) {
			expect(t, "GET_INFO(shared, affinity)",
			       call(t, SDD_FID_EVENT_GET_INFO, NP_EV_SPI, 4, 0, 0, 0), (int64_t)self, (int64_t)self);
			expect(t, "UNREGISTER(shared)", call(t, SDD_FID_EVENT_UNREGISTER, NP_EV_SPI, 0, 0, 0, 0),
			       SDD_SUCCESS, SDD_SUCCESS);
		}
		expect(t, "PE_MASK", call(t, SDD_FID_PE_MASK, 0, 0, 0, 0, 0), 1, 1);
		expect(t, "DISABLE(private)", call(t, SDD_FID_EVENT_DISABLE, NP_EV_PPI, 0, 0, 0, 0),
		       SDD_SUCCESS, SDD_SUCCESS);
		expect(t, "UNREGISTER(private)", call(t, SDD_FID_EVENT_UNREGISTER, NP_EV_PPI, 0, 0, 0, 0),
		       SDD_SUCCESS, SDD_SUCCESS);
	}
	return NULL;
}

static void *saver_main(void *arg)
{
	static uint8_t image[8192];
	struct saver *s = arg;

	while (!atomic_load(s->stop)) {
		size_t n = sdd_save(&s->m->d, image, sizeof image);
		int err;

		if (n == 0) {
			s->bad_loads++;
			continue;
		}
		s->saved++;
		err = sdd_load(&s->copy.d, image, n);
		if (err != SDD_LOAD_OK && s->bad_loads++ == 0)
			s->first_load_error = err;
		if (sdd_check(&s->m->d) != 0 || sdd_check(&s->copy.d) != 0)
			s->bad_checks++;
	}
	return NULL;
}

static void machine_init(struct machine *m, bool threaded)
{
	memset(m, 0, sizeof *m);
	if (threaded) {
		pthread_mutex_init(&m->mutex, NULL);
		m->port.mutex = &m->mutex;
	}
	nport_platform(&m->plat, NPE);
	assert_int_equal(sdd_init(&m->d, &m->plat, &nport_ops, &m->port), SDD_INIT_OK);
}

static void four_pes_and_a_saver_on_threads_see_only_whole_states(void **state)
{
	static struct machine m;
	static struct saver s;
	static struct pe_thread t[NPE];
	static atomic_int stop;
	pthread_t th[NPE], sv;
	(void)state;

	atomic_store(&stop, 0);
	machine_init(&m, true);
	machine_init(&s.copy, false);
	s.m = &m;
	s.stop = &stop;
	assert_int_equal(pthread_create(&sv, NULL, saver_main, &s), 0);
	for (unsigned pe = 0; pe < NPE; pe++) {
		t[pe].m = &m;
		t[pe].pe = pe;
		assert_int_equal(pthread_create(&th[pe], NULL, pe_main, &t[pe]), 0);
	}
	for (unsigned pe = 0; pe < NPE; pe++)
		assert_int_equal(pthread_join(th[pe], NULL), 0);
	atomic_store(&stop, 1);
	assert_int_equal(pthread_join(sv, NULL), 0);

	for (unsigned pe = 0; pe < NPE; pe++)
		if (t[pe].wrong)
			fail_msg("%u wrong answers; the first: %s", t[pe].wrong, t[pe].first);
	if (s.bad_loads)
		fail_msg("%u of %u saved images did not load (first error %d)", s.bad_loads, s.saved,
			 s.first_load_error);
	assert_int_equal(s.bad_checks, 0);
	assert_true(s.saved > 0);
	assert_int_equal(m.port.locks, m.port.unlocks);
	assert_int_equal(m.port.faults, 0);
	/* every PE left everything unregistered and itself masked */
	assert_int_equal(sdd_check(&m.d), 0);
	for (unsigned pe = 0; pe < NPE; pe++)
		for (unsigned i = 0; i < m.plat.event_count; i++)
			assert_int_equal(sdd_event_state(&m.d, pe, i), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(four_pes_and_a_saver_on_threads_see_only_whole_states),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
