/*
 * test_migrate.c - sdd_save()/sdd_load() and the register view.
 *
 * Round trip: a script of calls, interrupts and power events is run on
 * machine A; at every point of it A's state is saved and loaded into a
 * fresh machine B (with A's interrupt-controller state copied, as an
 * embedder migrating the whole machine would); both then run the rest of
 * the script and must give the same results, dispatches and final bytes.
 * Corruption: every truncation and every single-byte change is refused,
 * and hand-made impossible states with a valid checksum are refused too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>

#include "tplat.h"

enum op_kind { OP_CALL, OP_FIRE, OP_EXPLICIT, OP_OFF, OP_ON, OP_WAKE_PD };

struct op {
	uint8_t  kind, pe;
	uint32_t what;          /* function ID, INTID or event */
	uint64_t a, b, c, d;
};

#define CALL(pe, fid, a, b, c, d) { OP_CALL, pe, fid, a, b, c, d }
#define FIRE(pe, intid)           { OP_FIRE, pe, intid, 0, 0, 0, 0 }

static const struct op script[] = {
	CALL(0, SDD_FID_INTERRUPT_BIND, 16, 0, 0, 0),
	CALL(0, SDD_FID_INTERRUPT_BIND, 70, 0, 0, 0),
	CALL(1, SDD_FID_EVENT_REGISTER, EV_PSLOT(0), H_A, 0x11, 0),
	CALL(1, SDD_FID_EVENT_ENABLE, EV_PSLOT(0), 0, 0, 0),
	CALL(0, SDD_FID_EVENT_REGISTER, EV_SSLOT(0), H_B, 0x22, SDD_RM_ANY),
	CALL(0, SDD_FID_EVENT_ENABLE, EV_SSLOT(0), 0, 0, 0),
	CALL(1, SDD_FID_EVENT_REGISTER, EV_PPI_CRIT, H_A, 0x33, 0),
	CALL(1, SDD_FID_EVENT_ENABLE, EV_PPI_CRIT, 0, 0, 0),
	CALL(2, SDD_FID_EVENT_REGISTER, EV0, H_B, 0x44, 0),
	CALL(2, SDD_FID_EVENT_ENABLE, EV0, 0, 0, 0),
	CALL(3, SDD_FID_EVENT_REGISTER, EV_EXPL_NORM, H_A, 0x55, 0),
	CALL(3, SDD_FID_EVENT_ENABLE, EV_EXPL_NORM, 0, 0, 0),
	CALL(0, SDD_FID_EVENT_REGISTER, EV_SPI_NORM, H_A, 0x66, SDD_RM_PE),   /* x5 = 0: PE 0 */
	CALL(1, SDD_FID_PE_UNMASK, 0, 0, 0, 0),
	CALL(2, SDD_FID_PE_UNMASK, 0, 0, 0, 0),
	CALL(3, SDD_FID_PE_UNMASK, 0, 0, 0, 0),
	FIRE(1, 16),                                                 /* PE 1 runs the bound PPI */
	CALL(0, SDD_FID_EVENT_SIGNAL, 0, 0x100, 0, 0),               /* PE 2 runs event 0 */
	FIRE(0, 70),                                                 /* PE 3 takes the SPI */
	FIRE(1, PPI_CRIT),                                           /* critical nests on PE 1 */
	CALL(1, SDD_FID_EVENT_CONTEXT, 3, 0, 0, 0),
	CALL(1, SDD_FID_EVENT_UNREGISTER, EV_PSLOT(0), 0, 0, 0),     /* pending */
	CALL(1, SDD_FID_EVENT_COMPLETE, 0, 0, 0, 0),
	CALL(1, SDD_FID_EVENT_COMPLETE_AND_RESUME, RESUME_ADDR, 0, 0, 0),
	CALL(3, SDD_FID_EVENT_COMPLETE, 1, 0, 0, 0),
	{ OP_EXPLICIT, 3, EV_EXPL_NORM, 0, 0, 0, 0 },
	CALL(2, SDD_FID_PE_MASK, 0, 0, 0, 0),
	CALL(0, SDD_FID_EVENT_SIGNAL, 0, 0x100, 0, 0),
	CALL(2, SDD_FID_EVENT_COMPLETE, 0, 0, 0, 0),                 /* signal now held: masked */
	CALL(2, SDD_FID_PE_UNMASK, 0, 0, 0, 0),                      /* delivered again */
	CALL(0, SDD_FID_EVENT_ROUTING_SET, EV_SPI_NORM, SDD_RM_PE, 0x101, 0),
	CALL(2, SDD_FID_EVENT_COMPLETE, 0, 0, 0, 0),
	{ OP_OFF, 3, 0, 0, 0, 0, 0 },                                /* implicit completion */
	{ OP_ON, 3, 0, 0, 0, 0, 0 },
	CALL(0, SDD_FID_EVENT_ENABLE, EV_SPI_NORM, 0, 0, 0),
	FIRE(0, SPI_NORM),                                           /* held: PE 3 masked */
	{ OP_WAKE_PD, 1, 0, 0, 0, 0, 0 },
	CALL(3, SDD_FID_PE_UNMASK, 0, 0, 0, 0),
	CALL(3, SDD_FID_EVENT_COMPLETE, 0, 0, 0, 0),
	CALL(1, SDD_FID_PRIVATE_RESET, 0, 0, 0, 0),
	CALL(0, SDD_FID_EVENT_UNREGISTER, EV_SSLOT(0), 0, 0, 0),
	CALL(0, SDD_FID_INTERRUPT_RELEASE, EV_SSLOT(0), 0, 0, 0),
};
#define NOPS (sizeof script / sizeof script[0])

struct trace {
	int64_t  result[NOPS];
	unsigned nlog_after[NOPS];
};

static void apply(struct tp *t, const struct op *o, int64_t *result)
{
	switch (o->kind) {
	case OP_CALL:
		*result = tp_call(t, o->pe, o->what, o->a, o->b, o->c, o->d, 0);
		break;
	case OP_FIRE:
		tp_fire(t, o->what, o->pe);
		*result = 0;
		break;
	case OP_EXPLICIT:
		*result = tp_explicit(t, o->pe, (int32_t)o->what);
		tp_deliver(t);
		break;
	case OP_OFF:
		*result = sdd_pe_off(&t->d, o->pe, &t->regs[o->pe]);
		tp_deliver(t);
		break;
	case OP_ON:
		sdd_pe_on(&t->d, o->pe);
		*result = 0;
		break;
	default:
		sdd_pe_wake(&t->d, o->pe, true);
		*result = 0;
		break;
	}
}

/* Copy everything of the machine but the dispatcher itself. */
static void copy_machine(struct tp *dst, const struct tp *src)
{
	memcpy(dst->banked, src->banked, sizeof dst->banked);
	memcpy(dst->spi, src->spi, sizeof dst->spi);
	memcpy(dst->spi_any, src->spi_any, sizeof dst->spi_any);
	memcpy(dst->spi_target, src->spi_target, sizeof dst->spi_target);
	memcpy(dst->participate, src->participate, sizeof dst->participate);
	memcpy(dst->running, src->running, sizeof dst->running);
	memcpy(dst->nrunning, src->nrunning, sizeof dst->nrunning);
	memcpy(dst->regs, src->regs, sizeof dst->regs);
}

static size_t save(struct tp *t, uint8_t *buf, size_t cap)
{
	size_t n = sdd_save(&t->d, buf, cap);
	assert_int_not_equal(n, 0);
	assert_int_equal(n, sdd_save_size(&t->d));
	return n;
}

static void round_trip_at_every_point_of_a_sequence(void **state)
{
	static struct tp a, b, ref;
	static uint8_t bufa[4096], bufb[4096];
	int64_t res_ref[NOPS];
	(void)state;

	/* The unmigrated run. */
	tp_setup(&ref, NULL);
	for (unsigned k = 0; k < NOPS; k++)
		apply(&ref, &script[k], &res_ref[k]);
	tp_check(&ref);
	assert_int_equal(ref.nlog, 7);

	for (unsigned cut = 0; cut <= NOPS; cut++) {
		size_t na, nb;
		unsigned log_at_cut;
		int64_t r;

		tp_setup(&a, NULL);
		for (unsigned k = 0; k < cut; k++) {
			apply(&a, &script[k], &r);
			assert_int_equal(r, res_ref[k]);
		}
		log_at_cut = a.nlog;
		na = save(&a, bufa, sizeof bufa);

		tp_setup(&b, NULL);
		copy_machine(&b, &a);
		assert_int_equal(sdd_load(&b.d, bufa, na), SDD_LOAD_OK);
		nb = save(&b, bufb, sizeof bufb);
		assert_int_equal(na, nb);
		assert_memory_equal(bufa, bufb, na);          /* the state is exactly the same */

		for (unsigned k = cut; k < NOPS; k++) {
			apply(&b, &script[k], &r);
			if (r != res_ref[k])
				fail_msg("migrated at %u: op %u gave %lld, unmigrated %lld",
					 cut, k, (long long)r, (long long)res_ref[k]);
		}
		tp_check(&b);
		assert_int_equal(log_at_cut + b.nlog, ref.nlog);
		for (unsigned j = 0; j < b.nlog; j++) {
			assert_int_equal(b.log[j].pe, ref.log[log_at_cut + j].pe);
			assert_int_equal(b.log[j].event, ref.log[log_at_cut + j].event);
			assert_memory_equal(&b.log[j].regs, &ref.log[log_at_cut + j].regs, sizeof b.log[j].regs);
		}
		assert_memory_equal(b.regs, ref.regs, sizeof b.regs);
		nb = save(&b, bufb, sizeof bufb);
		na = save(&ref, bufa, sizeof bufa);
		assert_int_equal(na, nb);
		assert_memory_equal(bufa, bufb, na);
	}
}

/* A machine in the middle of the script, saved into buf. */
static size_t busy_state(struct tp *t, uint8_t *buf, size_t cap)
{
	int64_t r;
	tp_setup(t, NULL);
	for (unsigned k = 0; k < 21; k++)       /* handlers running on PEs 1 (nested), 2, 3 */
		apply(t, &script[k], &r);
	assert_int_equal(tp_depth(t, 1), 2);
	return save(t, buf, cap);
}

static void save_is_deterministic(void **state)
{
	static struct tp t;
	static uint8_t b1[4096], b2[4096];
	size_t n1, n2;
	(void)state;
	n1 = busy_state(&t, b1, sizeof b1);
	n2 = save(&t, b2, sizeof b2);
	assert_int_equal(n1, n2);
	assert_memory_equal(b1, b2, n1);
	assert_int_equal(sdd_save(&t.d, b2, n1 - 1), 0);    /* too small: refused */
	assert_int_equal(sdd_save(&t.d, b2, 10), 0);        /* not even the header */
	assert_int_equal(sdd_save(&t.d, b2, 0), 0);
}

/* A buffer too small for the image is refused, and nothing is written
 * past its cap bytes, whatever the cap: the rest is the caller's. */
static void a_save_too_big_for_its_buffer_writes_nothing_past_it(void **state)
{
	static struct tp t;
	static uint8_t good[4096], buf[4096];
	size_t n;
	(void)state;

	n = busy_state(&t, good, sizeof good);
	for (size_t cap = 0; cap < n; cap++) {
		memset(buf, 0xA5, n + 8);
		assert_int_equal(sdd_save(&t.d, buf, cap), 0);
		for (size_t k = cap; k < n + 8; k++)
			if (buf[k] != 0xA5)
				fail_msg("cap %zu: byte %zu written", cap, k);
	}
}

static void every_truncation_is_refused(void **state)
{
	static struct tp t;
	static uint8_t buf[4096];
	(void)state;
	tp_refuses_every_truncation(NULL, buf, busy_state(&t, buf, sizeof buf));
}

static void every_byte_change_is_refused(void **state)
{
	static struct tp t;
	static uint8_t buf[4096];
	(void)state;
	tp_refuses_every_bit_change(NULL, buf, busy_state(&t, buf, sizeof buf));
}

/* Offsets in the default platform's buffer (13 events, 5 shared, 4 PEs):
 * two shared registrations are written, SPI_NORM's (index 3) and
 * SSLOT0's (index 10). */
#define OFF_VERSION   4
#define OFF_LENGTH    12
#define OFF_BOUND     16
#define OFF_INTID     24
#define OFF_PRESENT   (OFF_INTID + 13 * 2)
#define OFF_SHARED    (OFF_PRESENT + 8)
#define ENTRY_STATE   16
#define ENTRY_RUNPE   19
#define OFF_PE0       (OFF_SHARED + 2 * 20)

static void impossible_states_are_refused(void **state)
{
	static struct tp t, u;
	static uint8_t good[4096], buf[4096];
	struct { const char *what; size_t off; uint8_t value; int err; } cases[] = {
		{ "format version",           OFF_VERSION, 3, SDD_LOAD_BAD_VERSION },
		{ "payload length",           OFF_LENGTH, 0, SDD_LOAD_TRAILING },
		{ "payload length too big",   OFF_LENGTH + 1, 0x30, SDD_LOAD_TRUNCATED },
		{ "state 2",                  OFF_SHARED + ENTRY_STATE, 2, SDD_LOAD_BAD_STATE },
		{ "state 6",                  OFF_SHARED + ENTRY_STATE, 6, SDD_LOAD_BAD_STATE },
		{ "state 9",                  OFF_SHARED + ENTRY_STATE, 9, SDD_LOAD_BAD_STATE },
		{ "running without a frame",  OFF_SHARED + ENTRY_STATE, 7, SDD_LOAD_BAD_STATE },
		{ "running PE out of range",  OFF_SHARED + 20 + ENTRY_RUNPE, 9, SDD_LOAD_BAD_STATE },
		{ "private event's PRESENT bit", OFF_PRESENT, 0x09, SDD_LOAD_BAD_STATE },
		{ "bound platform event",     OFF_BOUND, 0x02, SDD_LOAD_BAD_STATE },
		{ "interrupt out of range",   OFF_INTID + 2 * 7 + 1, 0x40, SDD_LOAD_BAD_STATE },
		{ "mask flag 2",              OFF_PE0, 2, SDD_LOAD_BAD_STATE },
		{ "dispatch depth 3",         OFF_PE0 + 1, 3, SDD_LOAD_BAD_STATE },
		{ "held explicit event",      OFF_PE0 + 2, 0x20, SDD_LOAD_BAD_STATE },
	};
	size_t n;
	(void)state;

	n = busy_state(&t, good, sizeof good);
	assert_int_equal(good[OFF_PRESENT], 1u << 3);
	assert_int_equal(good[OFF_PRESENT + 1], 1u << (10 - 8));
	for (unsigned k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		memcpy(buf, good, n);
		assert_int_not_equal(buf[cases[k].off], cases[k].value);
		buf[cases[k].off] = cases[k].value;
		tp_reseal(buf, n);
		tp_setup(&u, NULL);
		if (sdd_load(&u.d, buf, n) != cases[k].err)
			fail_msg("%s: load gave %d, expected %d", cases[k].what,
				 sdd_load(&u.d, buf, n), cases[k].err);
		tp_assert_fresh(&u);
	}
	/* A frame that claims another event than the one marked running:
	 * PE 0's record is 10 bytes (masked, depth 0, deferred), then PE 1's
	 * (masked, depth 2, deferred, frames); frame[0].event follows. */
	memcpy(buf, good, n);
	assert_int_equal(buf[OFF_PE0 + 11], 2);
	buf[OFF_PE0 + 20] ^= 1;
	tp_reseal(buf, n);
	assert_int_equal(sdd_load(&u.d, buf, n), SDD_LOAD_BAD_STATE);
}

static void magic_trailing_and_platform_are_checked(void **state)
{
	static struct tp t, u;
	static uint8_t buf[4096];
	struct sdd_platform p;
	size_t n;
	(void)state;

	n = busy_state(&t, buf, sizeof buf);
	buf[0] = 'X';
	tp_reseal(buf, n);
	tp_setup(&u, NULL);
	assert_int_equal(sdd_load(&u.d, buf, n), SDD_LOAD_BAD_MAGIC);
	buf[0] = 'S';
	tp_reseal(buf, n);
	buf[n] = 0;
	assert_int_equal(sdd_load(&u.d, buf, n + 1), SDD_LOAD_TRAILING);
	assert_int_equal(sdd_load(&u.d, buf, n), SDD_LOAD_OK);

	tp_default_platform(&p);
	p.policy.signal = SDD_SIGNAL_TFA_STRICT;     /* same shape, another behaviour */
	tp_setup(&u, &p);
	assert_int_equal(sdd_load(&u.d, buf, n), SDD_LOAD_PLATFORM_MISMATCH);
	tp_default_platform(&p);
	p.mpidr[3] = 0x102;
	tp_setup(&u, &p);
	assert_int_equal(sdd_load(&u.d, buf, n), SDD_LOAD_PLATFORM_MISMATCH);
	assert_int_equal(sdd_load(NULL, buf, n), SDD_LOAD_UNUSABLE);
	assert_int_equal(sdd_load(&u.d, NULL, 4), SDD_LOAD_UNUSABLE);
}

/* The fingerprint is of the description's fields, not of the bytes of
 * the struct holding it: a copy made field by field over other padding
 * (the policy's last byte is followed by two) takes the same states. */
static void the_fingerprint_is_of_the_fields_not_the_padding(void **state)
{
	static struct tp t, u;
	static uint8_t buf[4096];
	struct sdd_platform p, q;
	size_t n;
	(void)state;

	tp_default_platform(&p);
	memset(&q, 0xFF, sizeof q);
	q.pe_count = p.pe_count;
	memcpy(q.mpidr, p.mpidr, sizeof q.mpidr);
	q.client_el = p.client_el;
	q.version_minor = p.version_minor;
	q.relative_mode = p.relative_mode;
	q.vendor_version = p.vendor_version;
	q.spi_count = p.spi_count;
	q.features = p.features;
	memcpy(&q.policy, &p.policy, sizeof q.policy);
	q.event_count = p.event_count;
	for (unsigned i = 0; i < SDD_MAX_EVENTS; i++) {
		q.events[i].number = p.events[i].number;
		q.events[i].kind = p.events[i].kind;
		q.events[i].type = p.events[i].type;
		q.events[i].priority = p.events[i].priority;
		q.events[i].intid = p.events[i].intid;
	}
	tp_setup(&t, &p);
	tp_setup(&u, &q);
	n = sdd_save(&t.d, buf, sizeof buf);
	assert_int_equal(sdd_load(&u.d, buf, n), SDD_LOAD_OK);
	n = sdd_save(&u.d, buf, sizeof buf);
	assert_int_equal(sdd_load(&t.d, buf, n), SDD_LOAD_OK);
}

/* A header and a trailer, 20 bytes, are long enough to be read: 20 bytes
 * that are no image are not a saved state; 19 are too short for one. */
static void twenty_bytes_are_read_as_an_image(void **state)
{
	static struct tp u;
	static const uint8_t zeros[20];
	(void)state;

	tp_setup(&u, NULL);
	assert_int_equal(sdd_load(&u.d, zeros, 20), SDD_LOAD_BAD_MAGIC);
	assert_int_equal(sdd_load(&u.d, zeros, 19), SDD_LOAD_TRUNCATED);
}

/* No buffer is an empty image when its length is 0 (truncated: the state
 * is reset, as after any refused load), and no buffer at all otherwise
 * (the state is left alone). */
static void a_null_buffer_is_an_empty_image_only_at_length_0(void **state)
{
	static struct tp t;
	static uint8_t buf[4096];
	(void)state;

	busy_state(&t, buf, sizeof buf);
	assert_int_equal(sdd_load(&t.d, NULL, 1), SDD_LOAD_UNUSABLE);
	assert_int_equal(tp_depth(&t, 1), 2);
	assert_int_equal(sdd_load(&t.d, NULL, 0), SDD_LOAD_TRUNCATED);
	tp_assert_fresh(&t);
}

static void register_view(void **state)
{
	static struct tp t;
	uint64_t v[24];
	int32_t ev;
	(void)state;

	tp_setup(&t, NULL);
	ev = tp_bind(&t, 0, 16);
	tp_register(&t, 1, EV_PPI_NORM, H_A, 0x77);
	tp_enable(&t, 1, EV_PPI_NORM);
	tp_register(&t, 1, ev, H_B, 0x88);
	tp_register(&t, 0, EV_SPI_NORM, H_A, 0x99);
	tp_register_pe(&t, 0, EV_SPI_CRIT, H_A, 0xAA, 2);
	tp_unmask(&t, 1);
	tp_fire(&t, PPI_NORM, 1);
	tp_irq(&t, 1, 16)->pending = true;

	assert_int_equal(sdd_reg_read(&t.d, 1, SDD_REG_PE_STATE, v, 1), 1);
	assert_int_equal(v[0], 1u << 1);                       /* unmasked, depth 1 */
	assert_int_equal(sdd_reg_read(&t.d, 1, SDD_REG_REGISTERED, v, 1), 1);
	assert_int_equal(v[0], (1u << 2) | (1u << 3) | (1u << 4) | (1u << 7));   /* PPI_NORM, SPI_*, PSLOT0 */
	sdd_reg_read(&t.d, 1, SDD_REG_ENABLED, v, 1);
	assert_int_equal(v[0], 1u << 2);
	sdd_reg_read(&t.d, 1, SDD_REG_RUNNING, v, 1);
	assert_int_equal(v[0], 1u << 2);
	sdd_reg_read(&t.d, 1, SDD_REG_PENDING, v, 1);
	assert_int_equal(v[0], 1u << 7);
	sdd_reg_read(&t.d, 0, SDD_REG_BOUND, v, 1);
	assert_int_equal(v[0], 1u << 7);
	assert_int_equal(sdd_reg_read(&t.d, 1, SDD_REG_CONTEXT0, v, 24), 20);
	assert_int_equal(v[0], t.log[0].regs.x[2]);            /* interrupted PC */
	assert_int_equal(v[1], t.log[0].regs.x[3]);            /* interrupted PSTATE */
	assert_int_equal(v[2 + 9], 0x2009);
	assert_int_equal(sdd_reg_read(&t.d, 1, SDD_REG_CONTEXT1, v, 24), -1);   /* not nested */
	assert_int_equal(sdd_reg_read(&t.d, 1, SDD_REG_HANDLER_BASE + 7, v, 5), 5);
	assert_int_equal(v[0], H_B);
	assert_int_equal(v[1], 0x88);
	assert_int_equal(v[3], 1);
	assert_int_equal(v[4], 0);                             /* private: no routing affinity */
	/* [4] of a shared event: its RM_PE target's MPIDR, else 0 */
	assert_int_equal(sdd_reg_read(&t.d, 3, SDD_REG_HANDLER_BASE + 4, v, 5), 5);
	assert_int_equal(v[2], SDD_REGFLAG_RM_PE);
	assert_int_equal(v[4], t.plat.mpidr[2]);
	assert_int_equal(sdd_reg_read(&t.d, 3, SDD_REG_HANDLER_BASE + 3, v, 5), 5);
	assert_int_equal(v[4], 0);                             /* RM_ANY */
	assert_int_equal(sdd_reg_read(&t.d, 1, SDD_REG_HANDLER_BASE + 13, v, 4), -1);
	assert_int_equal(sdd_reg_read(&t.d, 1, 0x55, v, 4), -1);
	assert_int_equal(sdd_reg_read(&t.d, TP_PES, SDD_REG_PE_STATE, v, 1), -1);
	tp_irq(&t, 1, 16)->pending = false;
	tp_check(&t);
}

/* The core's checksum routine (sdd_crc32.c; internal, declared here). */
uint32_t sdd_crc32(const uint8_t *p, size_t n);

/* The saved image's CRC is zlib's crc32 for every length and every
 * starting alignment: the 8-byte, 4-byte and byte loops and each way of
 * handing over between them. */
static void the_checksum_is_zlibs_crc32_at_every_length_and_alignment(void **state)
{
	static uint8_t buf[8 + 300];
	uint32_t x = 12345;
	(void)state;

	for (size_t k = 0; k < sizeof buf; k++) {
		x = x * 1103515245u + 12345u;
		buf[k] = (uint8_t)(x >> 16);
	}
	for (size_t at = 0; at < 8; at++)
		for (size_t n = 0; n <= 300; n++)
			assert_int_equal(sdd_crc32(buf + at, n),
					 (uint32_t)crc32(0L, buf + at, (uInt)n));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip_at_every_point_of_a_sequence),
		cmocka_unit_test(save_is_deterministic),
		cmocka_unit_test(a_save_too_big_for_its_buffer_writes_nothing_past_it),
		cmocka_unit_test(every_truncation_is_refused),
		cmocka_unit_test(every_byte_change_is_refused),
		cmocka_unit_test(impossible_states_are_refused),
		cmocka_unit_test(magic_trailing_and_platform_are_checked),
		cmocka_unit_test(the_fingerprint_is_of_the_fields_not_the_padding),
		cmocka_unit_test(twenty_bytes_are_read_as_an_image),
		cmocka_unit_test(a_null_buffer_is_an_empty_image_only_at_length_0),
		cmocka_unit_test(register_view),
		cmocka_unit_test(the_checksum_is_zlibs_crc32_at_every_length_and_alignment),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
