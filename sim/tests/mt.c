/*
 * mt.c - see mt.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mt.h"

struct sim_cpu *mt_cpu;

int mt_group_setup(void **state)
{
	char err[200];
	(void)state;
	mt_cpu = sim_cpu_create(err, sizeof err);
	if (!mt_cpu)
		fprintf(stderr, "sim_cpu_create: %s\n", err);
	return mt_cpu ? 0 : -1;
}

int mt_group_teardown(void **state)
{
	(void)state;
	sim_cpu_destroy(mt_cpu);
	return 0;
}

static void add_event(struct pb *b, uint32_t n, unsigned type, unsigned pri, int explicit_ev,
		      uint32_t intid)
{
	struct sim_event *e = &b->p.platform.events[b->p.platform.nevents++];
	memset(e, 0, sizeof *e);
	e->number = (int32_t)n;
	e->type = (uint8_t)type;
	e->priority = (uint8_t)pri;
	e->explicit_event = (uint8_t)explicit_ev;
	e->intid = intid;
}

void mt_setup_platform(struct pb *b)
{
	add_event(b, EV_CRIT, SDD_PRIVATE, SDD_PRI_CRITICAL, 0, 23);
	add_event(b, EV_NORM, SDD_PRIVATE, SDD_PRI_NORMAL, 0, 22);
	add_event(b, EV_SHARED, SDD_SHARED, SDD_PRI_NORMAL, 0, 40);
	add_event(b, EV_SHCRIT, SDD_SHARED, SDD_PRI_CRITICAL, 0, 41);
	add_event(b, EV_EXPL, SDD_PRIVATE, SDD_PRI_NORMAL, 1, 0);
}

int mt_pausing_handler(struct pb *b)
{
	int h = pb_handler(b, "pausing");

	pb_yield(b);
	pb_complete(b, 0);
	pb_end(b);
	return h;
}

void mt_set_context(struct pb *b, unsigned pe)
{
	pb_set(b, pe, SIM_R_X0 + 4, 0x4444);
	pb_set(b, pe, SIM_R_X0 + 17, 0x1717);
	pb_set(b, pe, SIM_R_X0 + 29, 0x2929);
	pb_set(b, pe, SIM_R_PSTATE_DIT, 1);
	pb_set(b, pe, SIM_R_PSTATE_NZCV, 0x6);
}

int mt_elf_handler(struct pb *b, const char *path, const char *symbol)
{
	struct sim_handler h;

	memset(&h, 0, sizeof h);
	h.name = sim_add_string(&b->p, "user");
	h.kind = SIM_H_ELF;
	h.elf_path = sim_add_string(&b->p, path);
	h.symbol = sim_add_string(&b->p, symbol);
	h.loc.line = b->line++;
	return (int)sim_add_handler(&b->p, &h);
}

void mt_assert_image_refused(const char *path, const char *symbol, const char *want)
{
	struct pb b;
	struct sim_result r;
	struct sim_run_opts opts;

	memset(&opts, 0, sizeof opts);
	pb_init(&b);
	mt_elf_handler(&b, path, symbol);
	assert_int_equal(sim_run(mt_cpu, &b.p, &opts, &r), -1);
	if (strstr(r.message, want) == NULL)
		fail_msg("refused with: %s (expected '%s')", r.message, want);
	pb_free(&b);
}

void mt_fire_around_a_migration(struct pb *b, int h, uint64_t arg)
{
	pb_register(b, 1, EV_SHARED, h, arg, SDD_RM_ANY, V(0));
	pb_call1(b, 1, SDD_FID_EVENT_ENABLE, V(EV_SHARED));
	pb_call0(b, 1, SDD_FID_PE_UNMASK);
	pb_interrupt(b, 0, 40);
	pb_migrate(b);
	pb_interrupt(b, 0, 40);
	pb_expect_dispatches(b);
	pb_dispatch_is(b, 1, EV_SHARED, h, 1, arg);
	pb_dispatch_is(b, 1, EV_SHARED, h, 1, arg);
}

void mt_record(void *ctx, const struct sim_obs *o)
{
	struct olog *l = ctx;
	if (l->n < 512) {
		l->o[l->n] = *o;
		l->o[l->n].text = NULL;
		l->n++;
	}
}

struct sim_result mt_run(struct pb *b, struct olog *log)
{
	struct sim_run_opts opts;
	struct sim_result res;

	memset(&opts, 0, sizeof opts);
	opts.digest = true;
	if (log) {
		log->n = 0;
		opts.observer.obs = mt_record;
		opts.observer.ctx = log;
	}
	assert_int_equal(sim_run(mt_cpu, &b->p, &opts, &res), 0);
	return res;
}

void mt_assert_passes(struct pb *b)
{
	struct sim_result res = mt_run(b, NULL);
	if (!res.passed)
		fail_msg("step %u, line %u: %s", res.step, res.loc.line, res.message);
}

void mt_assert_fails_at(struct pb *b, uint32_t line, const char *needle)
{
	struct sim_result res = mt_run(b, NULL);
	assert_false(res.passed);
	if (res.loc.line != line || strstr(res.message, needle) == NULL)
		fail_msg("expected a failure at line %u containing '%s', got line %u: %s", line,
			 needle, res.loc.line, res.message);
}
