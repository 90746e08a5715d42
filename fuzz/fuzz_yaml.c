/*
 * fuzz_yaml - the YAML scenario loader on arbitrary bytes: it must never
 * crash, hang or leak (the sanitizers), every refusal must be exactly one
 * `NAME:LINE:COLUMN: message`, and every program it accepts must hold
 * together (every index inside its pool, every range inside its array,
 * a platform the simulator could build).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_yaml: FINDING: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	abort();
}

/* "fuzz.yaml:L:C: text", L and C positive, text not empty. */
static void check_message(const char *err)
{
	unsigned long line, col;
	char *end;

	if (strncmp(err, "fuzz.yaml:", 10) != 0)
		broken("a refusal without the file name", err);
	line = strtoul(err + 10, &end, 10);
	if (line == 0 || *end != ':')
		broken("a refusal without a line", err);
	col = strtoul(end + 1, &end, 10);
	if (col == 0 || strncmp(end, ": ", 2) != 0 || end[2] == '\0')
		broken("a refusal without a column or a message", err);
}

static void check_ops(const struct sim_program *p, const struct sim_op *ops, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++) {
		const struct sim_op *op = &ops[k];
		if (op->kind >= SIM_OP_KIND_COUNT)
			broken("an op of no kind", NULL);
		if ((uint64_t)op->args + op->nargs > p->nvalues || (uint64_t)op->checks + op->nchecks > p->nchecks ||
		    (uint64_t)op->sets + op->nsets > p->nassigns)
			broken("an op's range outside its pool", sim_op_name(op->kind));
		if (op->kind == SIM_OP_EXPECT_DISPATCHES && (uint64_t)op->list + op->nlist > p->ndispatches)
			broken("expect_dispatches outside its pool", NULL);
		if (op->kind == SIM_OP_EXPECT_RESUMES && (uint64_t)op->list + op->nlist > p->nresumes)
			broken("expect_resumes outside its pool", NULL);
		if (op->save >= 0 && (uint32_t)op->save >= p->nvars)
			broken("a save into no variable", NULL);
	}
}

static void check_program(const struct sim_program *p)
{
	const struct sim_platform *pl = &p->platform;

	if (p->oom)
		broken("an accepted program that ran out of memory", NULL);
	if (pl->pes < 1 || pl->pes > SIM_MAX_PES || (pl->client_el != 1 && pl->client_el != 2) ||
	    pl->nevents > SIM_MAX_EVENTS || pl->nsecure > 64)
		broken("an accepted platform out of range", NULL);
	if (p->name == NULL || p->file == NULL || strcmp(p->file, "fuzz.yaml") != 0)
		broken("an accepted program without its name or file", NULL);
	check_ops(p, p->steps, p->nsteps);
	check_ops(p, p->actions, p->nactions);
	for (uint32_t h = 0; h < p->nhandlers; h++) {
		const struct sim_handler *hd = &p->handlers[h];
		if (hd->name >= p->nstrings || (hd->kind == SIM_H_ACTIONS &&
						 (uint64_t)hd->ops + hd->nops > p->nactions))
			broken("a handler outside its pools", NULL);
	}
	for (uint32_t v = 0; v < p->nvalues; v++) {
		const struct sim_value *x = &p->values[v];
		if ((x->kind == SIM_V_HANDLER || x->kind == SIM_V_HANDLER_OFF) && x->u >= p->nhandlers)
			broken("a value naming no handler", NULL);
		if (x->kind == SIM_V_VAR && x->u >= p->nvars)
			broken("a value naming no variable", NULL);
		if (x->kind == SIM_V_MPIDR && x->u >= pl->pes)
			broken("an {mpidr: N} of no PE", NULL);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sim_program prog;
	static bool ready;
	char err[512];

	if (!ready) {
		sim_program_init(&prog);
		ready = true;
	}
	if (scn_load_string("fuzz.yaml", (const char *)data, size, NULL, &prog, err, sizeof err) == 0)
		check_program(&prog);
	else
		check_message(err);
	return 0;
}
