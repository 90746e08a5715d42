/*
 * bench_sim - dispatch -> handler -> COMPLETE cycles per second through
 * the whole simulator (GIC model, dispatcher core, scheduler, handler
 * executed on Unicorn), against Unicorn's own cost for running the same
 * handler code, measured in the same run; and memory per PE.
 *
 *   bench_sim [CYCLES]
 *
 * Simulator cycle: an interrupt step fires a private event's PPI; the
 * scheduler sees the Group 0 interrupt, acknowledges it, the dispatcher
 * enters the handler, Unicorn runs it (the runtime's entry stub and
 * interpreter: one action, EVENT_COMPLETE by SMC), the dispatcher
 * completes it and EOIs.  Run as one scenario program of CYCLES
 * interrupt steps, with and without the per-step invariant checks.
 *
 * Unicorn's own cost: the same handler code (stub + interpreter + SMC) run
 * directly with sim_cpu_run from a fixed context, with trap hooks that do
 * nothing but continue at the entry trap and stop at the SMC.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "gic/gic.h"
#include "outfile.h"
#include "runtime/rt_layout.h"
#include "sdd/sdd.h"
#include "sim.h"
#include "sim_internal.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- Unicorn alone ---- */

static enum sim_trap_action raw_trap(void *h, enum sim_trap_kind kind, uint32_t imm, uint32_t intno,
				     struct sim_ctx *ctx)
{
	(void)h;
	(void)imm;
	(void)intno;
	(void)ctx;
	return kind == SIM_TRAP_SMC ? SIM_TRAP_STOP : SIM_TRAP_CONTINUE;
}

static void raw_device(void *h, uint64_t o, uint64_t v)
{
	(void)h;
	(void)o;
	(void)v;
}

static double unicorn_alone(struct sim_cpu *cpu, long n)
{
	struct sim_cpu_hooks hooks = { raw_trap, raw_device, NULL };
	uint64_t table = RT_ACTIONS;
	uint32_t rec[16] = { RT_OP_CALL, 0 };
	struct sim_ctx ctx;
	char err[100];
	double t0;

	rec[2] = SDD_FID_EVENT_COMPLETE;
	sim_cpu_write(cpu, RT_HANDLER_TABLE, &table, sizeof table);
	sim_cpu_write(cpu, RT_ACTIONS, rec, sizeof rec);
	memset(&ctx, 0, sizeof ctx);
	for (long k = 0; k < 1000; k++) {           /* warm the translation cache */
		ctx.pc = RT_STUBS;
		sim_cpu_run(cpu, &ctx, 1000, &hooks, err, sizeof err);
	}
	t0 = now();
	for (long k = 0; k < n; k++) {
		ctx.pc = RT_STUBS;
		ctx.x[0] = 0x40000101;
		ctx.x[1] = (uint64_t)k;
		ctx.x[2] = RT_MAIN_IDLE;
		ctx.x[3] = SDD_PSTATE_M_EL2H;
		if (sim_cpu_run(cpu, &ctx, 1000, &hooks, err, sizeof err) != SIM_RUN_STOPPED) {
			fprintf(stderr, "raw run did not stop at the SMC: %s\n", err);
			exit(1);
		}
	}
	return (now() - t0) / (double)n;
}

/* ---- The whole simulator ---- */

static void build(struct sim_program *p, long cycles)
{
	struct sim_handler h;
	struct sim_op op;
	struct sim_event *ev;

	sim_program_init(p);
	ev = &p->platform.events[p->platform.nevents++];
	memset(ev, 0, sizeof *ev);
	ev->number = 0x40000101;
	ev->type = SDD_PRIVATE;
	ev->priority = SDD_PRI_NORMAL;
	ev->intid = 22;

	memset(&h, 0, sizeof h);
	h.name = sim_add_string(p, "h");
	h.ops = p->nactions;
	h.nops = 1;
	memset(&op, 0, sizeof op);
	op.kind = SIM_OP_COMPLETE;
	op.fid = sim_const(SDD_EV_HANDLED);
	op.save = -1;
	op.target = SIM_NONE;
	sim_add_action(p, &op);
	sim_add_handler(p, &h);

	memset(&op, 0, sizeof op);
	op.kind = SIM_OP_CALL;
	op.save = -1;
	op.target = SIM_NONE;
	op.fid = sim_const(SDD_FID_EVENT_REGISTER);
	op.args = sim_add_value(p, sim_const(0x40000101));
	sim_add_value(p, (struct sim_value){ SIM_V_HANDLER, 0 });
	op.nargs = 2;
	sim_add_step(p, &op);
	op.fid = sim_const(SDD_FID_EVENT_ENABLE);
	op.nargs = 1;
	sim_add_step(p, &op);
	op.fid = sim_const(SDD_FID_PE_UNMASK);
	op.nargs = 0;
	sim_add_step(p, &op);
	memset(&op, 0, sizeof op);
	op.kind = SIM_OP_INTERRUPT;
	op.intid = 22;
	op.save = -1;
	op.target = SIM_NONE;
	for (long k = 0; k < cycles; k++)
		sim_add_step(p, &op);
}

static double simulator(struct sim_cpu *cpu, const struct sim_program *p, long cycles, bool invariants)
{
	struct sim_run_opts opts;
	struct sim_result res;
	double t0;

	memset(&opts, 0, sizeof opts);
	opts.skip_invariants = !invariants;
	t0 = now();
	if (sim_run(cpu, p, &opts, &res) || !res.passed || res.dispatches != (uint32_t)cycles) {
		fprintf(stderr, "simulator run failed: %s (%u dispatches)\n", res.message, res.dispatches);
		exit(1);
	}
	return (now() - t0) / (double)cycles;
}

static long max_rss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

int main(int argc, char **argv)
{
	long cycles = argc > 1 ? atol(argv[1]) : 200000;
	struct sim_program p;
	struct sim_cpu *cpu;
	char err[200];
	double raw, sim, sim_checked;
	long rss0, rss1;
	size_t per_pe;

	rss0 = max_rss_kib();
	cpu = sim_cpu_create(err, sizeof err);
	if (!cpu) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	raw = unicorn_alone(cpu, cycles);
	build(&p, 1000);
	simulator(cpu, &p, 1000, false);             /* warm up */
	sim_program_free(&p);
	build(&p, cycles);
	sim = simulator(cpu, &p, cycles, false);
	/* BENCH_UNCHECKED_ONLY=1 skips the checked run (for profiling) */
	sim_checked = getenv("BENCH_UNCHECKED_ONLY") ? sim : simulator(cpu, &p, cycles, true);
	rss1 = max_rss_kib();

	printf("bench_sim: %ld cycles, one private event on PE 0, handler = runtime stub + interpreter + COMPLETE\n",
	       cycles);
	printf("  Unicorn alone, same handler code:      %8.0f ns/cycle  %9.0f cycles/s\n",
	       raw * 1e9, 1.0 / raw);
	printf("  simulator, dispatch->handler->COMPLETE: %8.0f ns/cycle  %9.0f cycles/s  (%.2fx Unicorn alone)\n",
	       sim * 1e9, 1.0 / sim, sim / raw);
	printf("  same, invariants checked every step:    %8.0f ns/cycle  %9.0f cycles/s  (%.2fx Unicorn alone)\n",
	       sim_checked * 1e9, 1.0 / sim_checked, sim_checked / raw);
	per_pe = sizeof(struct sim_pe) + sizeof(struct gic_pe) + sizeof(struct sdd_pe_state) +
		 SDD_MAX_PRIVATE_EVENTS * sizeof(struct sdd_entry);
	printf("  state per PE: %zu bytes (machine %zu + GIC redistributor/CPU interface %zu + "
	       "dispatcher %zu + at most %u private registrations x %zu)\n",
	       per_pe, sizeof(struct sim_pe), sizeof(struct gic_pe), sizeof(struct sdd_pe_state),
	       SDD_MAX_PRIVATE_EVENTS, sizeof(struct sdd_entry));
	printf("  whole machine struct: %zu bytes for up to %u PEs; one Unicorn engine shared by all PEs; "
	       "peak RSS %ld KiB (before the engine %ld KiB)\n",
	       sizeof(struct sim_machine), SIM_MAX_PES, rss1, rss0);
	sim_program_free(&p);
	sim_cpu_destroy(cpu);
	return outfile_exit_status("bench_sim", 0);
}
