/*
 * scn_write.c - the YAML writer (scn.h): a scenario program printed as a
 * scenario file that loads back into the same program.  This half writes
 * the file around the operations: the top level, the platform as a
 * built-in profile and what differs from it, and the handlers;
 * scn_write_ops.c writes the steps and actions.
 */
#define _XOPEN_SOURCE 700     /* realpath (XSI), beside the POSIX the build asks for */

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "scn_internal.h"
#include "scn_write_internal.h"
#include "sdd/sdd.h"
#include "utf8.h"

/* see scn_write_internal.h */
bool scn_w_fail(struct scn_w *w, const char *fmt, ...)
{
	va_list ap;

	if (w->failed)
		return false;
	w->failed = true;
	va_start(ap, fmt);
	vsnprintf(w->msg, sizeof w->msg, fmt, ap);
	va_end(ap);
	return false;
}

/* see scn_write_internal.h */
void scn_w_out(struct scn_w *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(w->f, fmt, ap);
	va_end(ap);
}

/* ---- Strings ---- */

/* Is s UTF-8 text libyaml reads?  (A double-quoted YAML string holds
 * characters, and its \x escapes are code points: bytes that are no
 * UTF-8 cannot be written.) */
static bool utf8(const unsigned char *s)
{
	uint32_t cp;

	for (size_t n; *s; s += n)
		if ((n = sim_utf8_char(s, &cp)) == 0)
			return false;
	return true;
}

/* Text that YAML reads back as this string when written plain: a letter,
 * then letters, digits, spaces and a few marks; not a YAML word. */
static bool plain(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')) ||
	    s[len - 1] == ' ' || scn_is_yaml_word(s, len))
		return false;
	for (size_t k = 0; k < len; k++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _.,()/+'-",
			    s[k]))
			return false;
	return true;
}

static void string(struct scn_w *w, const char *what, const char *s)
{
	size_t n;

	if (!utf8((const unsigned char *)s)) {
		scn_w_fail(w, "%s is not UTF-8 text", what);
		return;
	}
	if (plain(s)) {
		scn_w_out(w, "%s", s);
		return;
	}
	scn_w_out(w, "\"");
	for (const unsigned char *c = (const unsigned char *)s; *c; c += n) {
		uint32_t cp;
		n = sim_utf8_char(c, &cp);
		if (cp == '"' || cp == '\\')
			scn_w_out(w, "\\%c", *c);
		else if (cp == '\n')
			scn_w_out(w, "\\n");
		else if (cp == '\t')
			scn_w_out(w, "\\t");
		else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
			scn_w_out(w, "\\x%02X", cp);   /* C0, DEL and C1 controls: YAML has none as they are */
		else if (cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF)
			scn_w_out(w, "\\u%04X", cp);   /* a byte order mark, and no characters */
		else
			scn_w_out(w, "%.*s", (int)n, (const char *)c);
	}
	scn_w_out(w, "\"");
}

/* ---- Platform ---- */

/* Does profile q have everything of p the format cannot write? */
static bool profile_fits(const struct sim_platform *p, const struct sim_platform *q)
{
	return p->vendor_version == q->vendor_version &&
	       p->slot_private_base == q->slot_private_base &&
	       p->slot_shared_base == q->slot_shared_base && p->event0_sgi == q->event0_sgi &&
	       p->event0_priority == q->event0_priority;
}

/* The built-in profile to start from: p's own when it fits, else the
 * first that does; false when none does. */
static bool choose_profile(const struct sim_platform *p, struct sim_platform *q)
{
	if (sim_platform_profile(q, p->profile) && profile_fits(p, q))
		return true;
	for (unsigned k = 0; sim_profile_name(k); k++)
		if (sim_platform_profile(q, sim_profile_name(k)) && profile_fits(p, q))
			return true;
	return false;
}

static void number_list(struct scn_w *w, const uint64_t *v, const uint32_t *v32, uint32_t n)
{
	scn_w_out(w, "[");
	for (uint32_t k = 0; k < n; k++) {
		uint64_t x = v ? v[k] : v32[k];
		scn_w_out(w, x < 0x100 ? "%s%" PRIu64 : "%s0x%" PRIX64, k ? ", " : "", x);
	}
	scn_w_out(w, "]");
}

/* `  key: [NAME, ...]\n`: the names of v's bits (names[k]: bit bits[k]),
 * or `  key: 0x...\n` when v has a bit with no name. */
static void named_bits(struct scn_w *w, const char *key, uint64_t v, const char *const *names,
		       const uint8_t *bits, unsigned n)
{
	uint64_t named = 0;

	for (unsigned k = 0; k < n; k++)
		named |= 1ull << bits[k];
	if (v & ~named) {
		scn_w_out(w, "  %s: 0x%" PRIX64 "\n", key, v);
		return;
	}
	scn_w_out(w, "  %s: [", key);
	for (unsigned k = 0, first = 1; k < n; k++)
		if (v >> bits[k] & 1) {
			scn_w_out(w, "%s%s", first ? "" : ", ", names[k]);
			first = 0;
		}
	scn_w_out(w, "]\n");
}

/* `  policy: {NAME: VALUE, ...}\n` of the policies p has and the
 * profile's q does not; nothing when there are none. */
static void policy(struct scn_w *w, const struct sdd_policy *p, const struct sdd_policy *q)
{
	const uint8_t *a = (const uint8_t *)p, *b = (const uint8_t *)q;
	bool first = true;

	for (unsigned k = 0; k < SIM_POLICY_FIELDS; k++) {
		const struct sim_policy_field *f = &sim_policy_fields[k];
		if (a[f->offset] == b[f->offset])
			continue;
		scn_w_out(w, "%s%s: ", first ? "  policy: {" : ", ", sim_policy_names[k]);
		if (a[f->offset] < f->nvalues)
			scn_w_out(w, "%s", f->values[a[f->offset]]);
		else
			scn_w_fail(w, "policy %s has no value %u", sim_policy_names[k], a[f->offset]);
		first = false;
	}
	if (!first)
		scn_w_out(w, "}\n");
}

static bool same_events(const struct sim_platform *p, const struct sim_platform *q)
{
	if (p->nevents != q->nevents)
		return false;
	for (uint32_t k = 0; k < p->nevents; k++) {
		const struct sim_event *a = &p->events[k], *b = &q->events[k];
		if (a->number != b->number || a->type != b->type || a->priority != b->priority ||
		    a->explicit_event != b->explicit_event || (!a->explicit_event && a->intid != b->intid))
			return false;
	}
	return true;
}

/* `profile:` and the keys whose values differ from it, in the order the
 * loader applies them (scn_platform.c). */
static void platform(struct scn_w *w)
{
	const struct sim_platform *p = &w->p->platform;
	struct sim_platform q;
	struct sdd_platform sdd;
	bool version_written = false;
	int err = sim_platform_to_sdd(p, &sdd);

	if (err) {
		scn_w_fail(w, "the platform is not valid: %s", sdd_init_error_name(err));
		return;
	}
	if (!choose_profile(p, &q)) {
		scn_w_fail(w, "no built-in profile has this platform's vendor version, bind slot "
			   "numbers and event 0: it cannot be written");
		return;
	}
	scn_w_out(w, "platform:\n  profile: %s\n", q.profile);
	if (p->pes != q.pes)
		scn_w_out(w, "  pes: %u\n", p->pes);
	if (memcmp(p->mpidr, q.mpidr, p->pes * sizeof p->mpidr[0]) != 0) {
		scn_w_out(w, "  mpidr: ");
		number_list(w, p->mpidr, NULL, p->pes);
		scn_w_out(w, "\n");
	}
	if (p->client_el != q.client_el)
		scn_w_out(w, "  client_el: %u\n", p->client_el);
	if (p->conduit != q.conduit)
		scn_w_out(w, "  conduit: %s\n", p->conduit == SIM_CONDUIT_HVC ? "hvc" : "smc");
	if (p->version_minor != q.version_minor) {
		scn_w_out(w, "  version: \"1.%u\"\n", p->version_minor);
		version_written = true;
	}
	/* `version: "1.0"` turns relative mode off; the profile's stays otherwise. */
	if (p->relative_mode != (version_written && p->version_minor == 0 ? 0 : q.relative_mode))
		scn_w_out(w, "  relative_mode: %s\n", p->relative_mode ? "true" : "false");
	if (p->features != q.features)
		named_bits(w, "features", p->features, sim_feature_names, sim_feature_bits, SIM_FEATURES);
	if (p->sctlr_elc != q.sctlr_elc)
		named_bits(w, "sctlr", p->sctlr_elc, sim_sctlr_names, sim_sctlr_bits, SIM_SCTLR_BITS);
	if (p->hcr_el2 != q.hcr_el2)
		named_bits(w, "hcr_el2", p->hcr_el2, sim_hcr_names, sim_hcr_bits, SIM_HCR_BITS);
	policy(w, &p->policy, &q.policy);
	if (p->bind_private != q.bind_private || p->bind_shared != q.bind_shared)
		scn_w_out(w, "  bind_slots: {private: %u, shared: %u}\n", p->bind_private, p->bind_shared);
	if (p->spis != q.spis)
		scn_w_out(w, "  spis: %u\n", p->spis);
	if (p->nsecure != q.nsecure ||
	    memcmp(p->secure_intids, q.secure_intids, p->nsecure * sizeof p->secure_intids[0]) != 0 ||
	    memcmp(p->secure_pes, q.secure_pes, p->nsecure * sizeof p->secure_pes[0]) != 0) {
		scn_w_out(w, "  secure_intids: [");
		for (uint32_t k = 0; k < p->nsecure; k++) {
			scn_w_out(w, "%s", k ? ", " : "");
			if (!p->secure_pes[k]) {
				scn_w_out(w, "%" PRIu32, p->secure_intids[k]);
				continue;
			}
			scn_w_out(w, "{intid: %" PRIu32 ", pes: [", p->secure_intids[k]);
			for (unsigned pe = 0, first = 1; pe < 64; pe++)
				if (p->secure_pes[k] >> pe & 1) {
					scn_w_out(w, "%s%u", first ? "" : ", ", pe);
					first = 0;
				}
			scn_w_out(w, "]}");
		}
		scn_w_out(w, "]\n");
	}
	if (same_events(p, &q))
		return;
	scn_w_out(w, "  events:%s\n", p->nevents ? "" : " []");
	for (uint32_t k = 0; k < p->nevents; k++) {
		const struct sim_event *e = &p->events[k];
		scn_w_out(w, "    - {event: 0x%" PRIX32 ", type: %s, priority: %s, ", (uint32_t)e->number,
			  e->type == SDD_SHARED ? "shared" : "private",
			  e->priority == SDD_PRI_CRITICAL ? "critical" : "normal");
		if (e->explicit_event)
			scn_w_out(w, "explicit: true}\n");
		else
			scn_w_out(w, "intid: %u}\n", e->intid);
	}
}

/* ---- Handlers ---- */

static void handlers(struct scn_w *w)
{
	const struct sim_program *p = w->p;

	if (p->nhandlers == 0)
		return;
	scn_w_out(w, "handlers:\n");
	for (uint32_t k = 0; k < p->nhandlers && !w->failed; k++) {
		const struct sim_handler *h = &p->handlers[k];
		const char *name = sim_str(p, h->name);
		size_t len = strlen(name);

		if (!scn_is_ident(name, len) || scn_is_reserved(name, len) ||
		    sim_find_handler(p, name) != (int)k) {
			scn_w_fail(w, "handler name '%s' cannot be written (a name, not a value name, "
				   "used once)", name);
			return;
		}
		scn_w_out(w, "  %s:", name);
		if (h->kind == SIM_H_ELF) {
			/* Absolute: the file written may live in another directory. */
			char *abs = realpath(sim_str(p, h->elf_path), NULL);
			scn_w_out(w, " {elf: ");
			string(w, "an ELF path", abs ? abs : sim_str(p, h->elf_path));
			scn_w_out(w, ", symbol: ");
			string(w, "an ELF symbol", sim_str(p, h->symbol));
			scn_w_out(w, "}\n");
			free(abs);
			continue;
		}
		scn_w_out(w, "%s\n", h->nops ? "" : " []");
		for (uint32_t j = 0; j < h->nops; j++)
			scn_w_op(w, &p->actions[h->ops + j], true);
	}
}

/* ---- The file ---- */

/* The program is more than the loader takes (scn.h, its limits): n of
 * what, where a file may have limit. */
static void too_large(struct scn_w *w, uint64_t n, const char *what, unsigned limit)
{
	if (w->failed)
		return;
	scn_w_fail(w, "%" PRIu64 " %s: a scenario file may have at most %u", n, what, limit);
	w->too_large = true;
}

/* The YAML nodes of text, counted as the loader counts them; UINT64_MAX
 * (failed, with the reason) when it does not parse, which is the writer's
 * fault: a file the loader would refuse all the same. */
static uint64_t yaml_nodes(struct scn_w *w, const char *text, size_t len)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	uint64_t n = 0;
	bool end = false;

	if (!yaml_parser_initialize(&parser)) {
		scn_w_fail(w, "out of memory");
		return UINT64_MAX;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!end) {
		if (!yaml_parser_parse(&parser, &ev)) {
			scn_w_fail(w, "the file written is not YAML the loader reads: %s at line %zu",
				   parser.problem ? parser.problem : "no reason given",
				   parser.problem_mark.line + 1);
			n = UINT64_MAX;
			break;
		}
		n += scn_node_event(ev.type);
		end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return n;
}

/* Would the loader take text (len bytes) whole: its size and its nodes? */
static void check_file(struct scn_w *w, const char *text, size_t len)
{
	uint64_t nodes;

	if (len > SCN_MAX_FILE_SIZE) {
		too_large(w, len, "bytes", SCN_MAX_FILE_SIZE);
		return;
	}
	nodes = yaml_nodes(w, text, len);
	if (nodes != UINT64_MAX && nodes > SCN_MAX_NODES)
		too_large(w, nodes, "YAML nodes", SCN_MAX_NODES);
}

/* Which variables some step or action saves (a $name nothing saves is
 * only allowed in a lenient file). */
static void find_saves(struct scn_w *w, const struct sim_op *ops, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++)
		if (ops[k].save >= 0 && (uint32_t)ops[k].save < w->p->nvars)
			w->saved[ops[k].save] = 1;
}

static void whole(struct scn_w *w)
{
	const struct sim_program *p = w->p;

	for (uint32_t k = 0; k < p->nvars; k++) {
		const char *v = sim_str(p, p->vars[k]);
		if (!scn_is_ident(v, strlen(v))) {
			scn_w_fail(w, "variable name '%s' cannot be written", v);
			return;
		}
	}
	if (p->nhandlers > SCN_MAX_HANDLERS) {
		too_large(w, p->nhandlers, "handlers", SCN_MAX_HANDLERS);
		return;
	}
	find_saves(w, p->steps, p->nsteps);
	find_saves(w, p->actions, p->nactions);
	scn_w_out(w, "name: ");
	/* A program built in memory may have no name; a file must. */
	string(w, "the name", p->name && p->name[0] ? p->name : "unnamed");
	scn_w_out(w, "\n");
	if (p->description) {
		scn_w_out(w, "description: ");
		string(w, "the description", p->description);
		scn_w_out(w, "\n");
	}
	if (p->lenient)
		scn_w_out(w, "lenient: true\n");
	if (p->nchoices) {
		scn_w_out(w, "choices: [");
		for (uint32_t k = 0; k < p->nchoices; k++)
			scn_w_out(w, "%s%u", k ? ", " : "", p->choices[k]);
		scn_w_out(w, "]\n");
	}
	platform(w);
	handlers(w);
	scn_w_out(w, "steps:%s\n", p->nsteps ? "" : " []");
	for (uint32_t k = 0; k < p->nsteps && !w->failed; k++)
		scn_w_op(w, &p->steps[k], false);
}

/* see scn.h */
int scn_write(FILE *f, const struct sim_program *prog, char *err, size_t errlen)
{
	struct scn_w w;
	char *text = NULL;
	size_t len = 0;
	int rc = -1;

	memset(&w, 0, sizeof w);
	w.p = prog;
	w.saved = calloc(prog->nvars ? prog->nvars : 1, 1);
	w.f = open_memstream(&text, &len);
	if (w.saved == NULL || w.f == NULL)
		scn_w_fail(&w, "out of memory");
	else if (prog->oom)
		scn_w_fail(&w, "the program is incomplete (it ran out of memory while built)");
	else
		whole(&w);
	if (w.f && fclose(w.f) != 0)
		scn_w_fail(&w, "out of memory");
	if (!w.failed)
		check_file(&w, text, len);
	if (!w.failed && fwrite(text, 1, len, f) != len)
		scn_w_fail(&w, "cannot write the file");
	if (!w.failed)
		rc = 0;
	else if (err && errlen)
		snprintf(err, errlen, "%s", w.msg);
	if (w.too_large)
		rc = SCN_WRITE_TOO_LARGE;
	free(text);
	free(w.saved);
	return rc;
}
