/*
 * tarmac_source.c - the PE a Tarmac line's source names (tarmac.h, struct
 * tm_names): `cpuN` is PE N; `...clusterM.cpuN` is PE 4M+N; any other
 * name the lowest PE not yet claimed; a line without a source PE 0.
 *
 * Cluster names are numbered as FVP Base lays its cores out, 4 to a
 * cluster, which is the layout the tf-a-fvp profile's MPIDRs follow (PE k
 * is MPIDR (k/4)<<8 | k%4): in order of appearance, a two-cluster trace
 * made cluster1.cpu0 PE 1 (MPIDR 0x1), so a call that named it by its
 * MPIDR (0x100) diverged in the replay, and two cores whose first lines
 * came in the other order (the quantum's interleaving) swapped PEs.  An
 * `R MPIDR_EL1` line of such a PE must agree with its name: the importer
 * cannot renumber a PE whose records it has written (the line comes in a
 * reset's register dump, if at all), so a trace whose machine numbers
 * its cores otherwise is refused there, not imported with PEs the trace
 * contradicts.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "tarmac.h"
#include "tarmac_token.h"
#include "trace_internal.h"

/* FVP Base's cores in a cluster (its clusterN.NUM_CORES at most) */
#define CLUSTER_CORES 4u
/* MPIDR_EL1.MT: affinity level 0 is a thread, 1 the core, 2 the cluster */
#define MPIDR_MT (1ull << 24)

/* The name that has PE p, or NULL. */
static const char *named(const struct tm_names *nm, unsigned p)
{
	for (unsigned k = 0; k < nm->n; k++)
		if (nm->pe[k] == p)
			return nm->name[k];
	return NULL;
}

/* PE p for the source `what` (cpuP), or for a line without a source
 * (what NULL, p 0): its own unless a name has it already.  Two sources
 * in one PE would merge two PEs' registers and calls into one's
 * (tarmac-traces.md §1.8). */
static int claim(struct tm_names *nm, unsigned p, const struct token *what, char *msg, size_t msglen)
{
	const char *owner = named(nm, p);

	if (owner) {
		if (what)
			snprintf(msg, msglen, "source '%s' is PE %u, already given to '%s'",
				 SIM_QUOTED(what->p, what->n), p, SIM_QUOTED_STR(owner));
		else
			snprintf(msg, msglen, "a line without a source is PE %u, already given to '%s'", p,
				 SIM_QUOTED_STR(owner));
		return -1;
	}
	nm->used |= 1ull << p;
	return (int)p;
}

int tm_source_none(struct tm_names *nm, char *msg, size_t msglen)
{
	return claim(nm, 0, NULL, msg, msglen);
}

/* Is p[0..n) word followed by decimal digits (any case: cpu3, CPU3)?
 * Their value in *v (UINT64_MAX: more than 64 bits). */
static bool numbered(const char *p, size_t n, const char *word, uint64_t *v)
{
	size_t w = strlen(word);

	if (n <= w || !tm_is_nocase(p, w, word) || !tm_all_digits(p + w, n - w))
		return false;
	if (!trace_scan_u64(p + w, n - w, 10, v))
		*v = UINT64_MAX;
	return true;
}

/* Does t end in the components clusterM.cpuN?  M and N in *cluster and *core. */
static bool cluster_core(const struct token *t, uint64_t *cluster, uint64_t *core)
{
	const char *end = t->p + t->n, *dot = end, *start;

	while (dot > t->p && dot[-1] != '.')
		dot--;
	if (dot == t->p || !numbered(dot, (size_t)(end - dot), "cpu", core))
		return false;
	for (start = --dot; start > t->p && start[-1] != '.'; start--)
		;
	return numbered(start, (size_t)(dot - start), "cluster", cluster);
}

/* The first time a name is seen: a new name of PE p. */
static int add_name(struct tm_names *nm, const struct token *t, unsigned p)
{
	memcpy(nm->name[nm->n], t->p, t->n);
	nm->name[nm->n][t->n] = 0;
	nm->pe[nm->n++] = (uint8_t)p;
	nm->used |= 1ull << p;
	return (int)p;
}

/* Cluster M's core N (cluster_core), seen for the first time: PE 4M+N,
 * unless another source has it. */
static int cluster_pe(struct tm_names *nm, const struct token *t, uint64_t m, uint64_t n, char *msg,
		      size_t msglen)
{
	uint64_t p = m * CLUSTER_CORES + n;
	const char *owner;

	if (n >= CLUSTER_CORES) {
		snprintf(msg, msglen, "source '%s' names core %" PRIu64 " of a cluster: FVP Base's clusters, "
			 "whose layout numbers the PEs, have %u (cpu0..cpu%u)", SIM_QUOTED(t->p, t->n), n,
			 CLUSTER_CORES, CLUSTER_CORES - 1);
		return -1;
	}
	if (m >= TRACE_MAX_PES / CLUSTER_CORES) {
		snprintf(msg, msglen, "source '%s' out of range: cluster %s, and there are at most %u PEs "
			 "(%u clusters of %u)", SIM_QUOTED(t->p, t->n),
			 m == UINT64_MAX ? "beyond 64 bits" : "past the last",
			 TRACE_MAX_PES, TRACE_MAX_PES / CLUSTER_CORES, CLUSTER_CORES);
		return -1;
	}
	if (nm->used & (1ull << p)) {
		owner = named(nm, (unsigned)p);
		if (owner)
			snprintf(msg, msglen, "source '%s' is PE %" PRIu64 ", already given to '%s'",
				 SIM_QUOTED(t->p, t->n), p, SIM_QUOTED_STR(owner));
		else
			snprintf(msg, msglen, "source '%s' is PE %" PRIu64 ", already given to 'cpu%" PRIu64 "'%s",
				 SIM_QUOTED(t->p, t->n), p, p, p ? "" : " or to lines without a source");
		return -1;
	}
	nm->clustered |= 1ull << p;
	return add_name(nm, t, (unsigned)p);
}

int tm_source_pe(struct tm_names *nm, const struct token *t, char *msg, size_t msglen)
{
	uint64_t n, m;

	if (numbered(t->p, t->n, "cpu", &n)) {
		/* too many digits for 64 bits is as out of range as cpu64 */
		if (n >= TRACE_MAX_PES) {
			snprintf(msg, msglen, "PE '%s' out of range (at most %u PEs)", SIM_QUOTED(t->p, t->n),
				 TRACE_MAX_PES);
			return -1;
		}
		return claim(nm, (unsigned)n, t, msg, msglen);
	}
	for (unsigned k = 0; k < nm->n; k++)
		if (strlen(nm->name[k]) == t->n && memcmp(nm->name[k], t->p, t->n) == 0)
			return nm->pe[k];
	if (t->n > TM_MAX_SOURCE_NAME) {
		snprintf(msg, msglen, "source name '%s' is longer than %u bytes", SIM_QUOTED(t->p, t->n),
			 TM_MAX_SOURCE_NAME);
		return -1;
	}
	if (cluster_core(t, &m, &n))
		return cluster_pe(nm, t, m, n, msg, msglen);
	if (nm->n == TRACE_MAX_PES || nm->used == UINT64_MAX) {
		snprintf(msg, msglen, "too many sources: no PE left for '%s' (at most %u PEs)",
			 SIM_QUOTED(t->p, t->n), TRACE_MAX_PES);
		return -1;
	}
	for (unsigned p = 0; p < TRACE_MAX_PES; p++)
		if (!(nm->used & (1ull << p)))
			return add_name(nm, t, p);
	return -1;
}

bool tm_source_clustered(const struct tm_names *nm, int pe)
{
	return pe >= 0 && (nm->clustered & (1ull << pe));
}

int tm_source_mpidr(const struct tm_names *nm, int pe, uint64_t mpidr, char *msg, size_t msglen)
{
	bool mt = (mpidr & MPIDR_MT) != 0;
	const char *name;
	unsigned cluster = (unsigned)(mpidr >> (mt ? 16 : 8)) & 0xFF, core = (unsigned)(mpidr >> (mt ? 8 : 0)) & 0xFF;

	if (!tm_source_clustered(nm, pe))
		return 0;
	if (cluster == (unsigned)pe / CLUSTER_CORES && core == (unsigned)pe % CLUSTER_CORES)
		return 0;
	name = named(nm, (unsigned)pe);
	snprintf(msg, msglen, "MPIDR_EL1 0x%" PRIx64 " is cluster %u, core %u (Aff%d, Aff%d), but source '%s' is "
		 "cluster %u, core %u: PE %d, as FVP Base numbers its cores", mpidr, cluster, core, mt ? 2 : 1,
		 mt ? 1 : 0, SIM_QUOTED_STR(name), (unsigned)pe / CLUSTER_CORES,
		 (unsigned)pe % CLUSTER_CORES, pe);
	return -1;
}
