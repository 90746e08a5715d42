/*
 * report.c - what `sdeisim run` writes besides PASS/FAIL lines: the
 * --verbose narration, the --timeline trace (Chrome trace-event JSON, one
 * process per scenario, one thread per PE, a slice per handler, instants
 * for calls, interrupts and power changes; opens in Perfetto or
 * chrome://tracing), and the --junit report.  JSON and XML are produced
 * with json-c and libxml2, which do the escaping.
 */
#include <inttypes.h>
#include <json-c/json.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "call_rules.h"        /* sim_aarch32_modes */
#include "cli.h"
#include "outfile.h"
#include "sdd/sdd.h"
#include "timeline.h"         /* trace_json_hex */
#include "utf8.h"

#define TID_GIC   1000    /* timeline thread for SPIs */
#define TID_STEPS 1001    /* timeline thread for steps */

struct recorder {
	const struct sim_program *prog;
	unsigned pid;
	FILE  *vf, *tf;          /* memory streams */
	char  *vbuf, *tbuf;
	size_t vlen, tlen;
	bool   tl_first;
	/* Narration waiting for the PSCI call that caused it (held_back). */
	struct sim_obs held[8];
	unsigned nheld;
	uint64_t holding;        /* PEs whose firmware holds an interrupt (bit per PE) */
};

static const char *const obs_kind_names[] = {
	"step", "call", "psci", "fire", "irq", "dispatch", "complete", "landing", "yield",
	"resume", "power", "migrate", "fail", "explicit dispatch", "system reset", "hold", "unanswered call",
};
_Static_assert(sizeof obs_kind_names / sizeof obs_kind_names[0] == SIM_OBS_UNANSWERED + 1, "a name per kind");

static const char *const irq_results[] = {
	"dispatched", "deferred (PE masked)", "held (event disabled)", "dropped (not registered)",
	"not an SDEI interrupt", "refused", "fault", "rerouted (routed to another PE since)",
};
#define IRQ_RESULTS (sizeof irq_results / sizeof irq_results[0])
_Static_assert(IRQ_RESULTS == SDD_IRQ_REROUTED + 1, "a name per result");

static const char *const power_names[] = { "on", "off", "standby", "powerdown", "frozen" };

/* An SDEI or PSCI function's name (a PSCI one by its SMC64 or SMC32 ID:
 * the simulator's table), else its ID in hex in buf. */
static const char *fid_name(uint32_t fid, bool psci, char *buf, size_t n)
{
	const char *s = sdd_call_name(fid);

	if (s)
		return s;
	if (psci)
		for (unsigned k = 0; k < SIM_PSCI_FN_COUNT; k++)
			if (sim_psci_fid(k) == (fid | 0x40000000u) || sim_psci_fid(k) == fid)
				return sim_psci_name(k);
	snprintf(buf, n, "0x%08" PRIx32, fid);
	return buf;
}

static const char *handler_name(const struct recorder *r, int h)
{
	return h >= 0 && (uint32_t)h < r->prog->nhandlers ? sim_str(r->prog, r->prog->handlers[h].name)
							    : "?";
}

/* The AArch32 mode a call from AArch32 was made from, by Tarmac's name. */
static const char *a32_mode(const struct sim_obs *o)
{
	const char *mode = sim_aarch32_modes[o->aarch32 & 0xF].name;

	return mode ? mode : "?";
}

/* Who made a call, when not the client (Non-secure AArch64 at its EL):
 * " from EL1", " from AArch32 (hyp) at EL2", " from Secure EL2". */
static const char *caller_note(const struct recorder *r, const struct sim_obs *o, char *buf, size_t n)
{
	const char *secure = o->secure ? " Secure" : "";

	if (o->aarch32)
		snprintf(buf, n, " from%s AArch32 (%s) at EL%u", secure, a32_mode(o), o->el);
	else if (o->el != r->prog->platform.client_el || o->secure)
		snprintf(buf, n, " from%s EL%u", secure, o->el);
	else
		buf[0] = '\0';
	return buf;
}

/* One narration line for --verbose. */
static void narrate(struct recorder *r, const struct sim_obs *o)
{
	char b[32], who[48];

	switch (o->kind) {
	case SIM_OBS_STEP:
		/* the step's line in its file, when it has one (a fuzz input's
		 * program has no file; its steps are numbered as lines) */
		if (r->prog->file && o->step < r->prog->nsteps && r->prog->steps[o->step].loc.line > 0)
			fprintf(r->vf, "  step %u (line %" PRIu32 "): %s\n", o->step + 1,
				r->prog->steps[o->step].loc.line, sim_op_name((unsigned)o->status));
		else
			fprintf(r->vf, "  step %u: %s\n", o->step + 1, sim_op_name((unsigned)o->status));
		break;
	case SIM_OBS_CALL:
	case SIM_OBS_PSCI:
	case SIM_OBS_UNANSWERED:
		fprintf(r->vf, "    PE %u%s %s(0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64
			", 0x%" PRIx64 ")%s%s", o->pe, o->from_handler ? " handler" : "",
			fid_name(o->fid, o->kind == SIM_OBS_PSCI, b, sizeof b),
			o->args[0], o->args[1], o->args[2], o->args[3], o->args[4], caller_note(r, o, who, sizeof who),
			o->kind != SIM_OBS_UNANSWERED ? "" : r->prog->platform.conduit == SIM_CONDUIT_HVC ?
			" through SMC, which no dispatcher is on" : " through HVC, which no dispatcher is on");
		if (o->status == 1)     /* completed the handler; powered down, suspended, ... */
			fprintf(r->vf, o->kind == SIM_OBS_PSCI ? " stops the PE\n" : " does not return\n");
		else
			fprintf(r->vf, " -> %" PRId64 " (0x%" PRIx64 ")\n", o->result, (uint64_t)o->result);
		break;
	case SIM_OBS_FIRE:
		if (o->intid < 32)
			fprintf(r->vf, "    interrupt %u fires on PE %u\n", o->intid, o->pe);
		else
			fprintf(r->vf, "    interrupt %u fires\n", o->intid);
		break;
	case SIM_OBS_IRQ:
		if (o->pe < 64 && (r->holding >> o->pe) & 1) {
			r->holding &= ~(1ull << o->pe);
			fprintf(r->vf, "    PE %u hands INTID %u to the dispatcher: %s\n", o->pe, o->intid,
				(unsigned)o->status < IRQ_RESULTS ? irq_results[o->status] : "?");
		} else {
			fprintf(r->vf, "    PE %u acknowledges INTID %u: %s\n", o->pe, o->intid,
				(unsigned)o->status < IRQ_RESULTS ? irq_results[o->status] : "?");
		}
		break;
	case SIM_OBS_HOLD:
		if (o->pe < 64)
			r->holding |= 1ull << o->pe;
		fprintf(r->vf, "    PE %u acknowledges INTID %u and holds it (until a hand_over step)\n", o->pe,
			o->intid);
		break;
	case SIM_OBS_RESET:
		r->holding = 0;
		fprintf(r->vf, "    %s\n", obs_kind_names[o->kind]);
		break;
	case SIM_OBS_DISPATCH:
		fprintf(r->vf, "    PE %u enters handler '%s' for event 0x%" PRIx32 " (x1 0x%" PRIx64
			", interrupted pc 0x%" PRIx64 " pstate 0x%" PRIx64 "), depth %u\n", o->pe,
			handler_name(r, o->handler), (uint32_t)o->event, o->regs[1], o->regs[2],
			o->regs[3], o->depth);
		break;
	case SIM_OBS_COMPLETE: {
		char st[24];   /* another status than HANDLED or FAILED: its number */
		snprintf(st, sizeof st, "status 0x%" PRIx32, (uint32_t)o->status);
		fprintf(r->vf, "    PE %u completes event 0x%" PRIx32 " (%s), depth %u\n", o->pe,
			(uint32_t)o->event, o->done == SIM_DONE_RESUME ? "and resumes" :
			o->done == SIM_DONE_IMPLICIT ? "implicitly" : o->status == 0 ? "HANDLED" :
			o->status == 1 ? "FAILED" : st, o->depth);
		break;
	}
	case SIM_OBS_LANDING:
		fprintf(r->vf, "    PE %u lands at the %s (ELR 0x%" PRIx64 ", SPSR 0x%" PRIx64 ")\n",
			o->pe, o->regs[3] == 0xFF ? "resume pad" : "vector table", o->regs[0], o->regs[1]);
		break;
	case SIM_OBS_POWER:
		fprintf(r->vf, "    PE %u is %s\n", o->pe, (unsigned)o->status < 5 ? power_names[o->status] : "?");
		break;
	case SIM_OBS_FAIL:
		/* why, in the words of the failure (it also ends the report) */
		if (o->pe == SIM_NONE)
			fprintf(r->vf, "    the run fails: %s\n", o->text ? o->text : "?");
		else
			fprintf(r->vf, "    PE %u: the run fails: %s\n", o->pe, o->text ? o->text : "?");
		break;
	case SIM_OBS_SKIP:
		/* a lenient program's step that did nothing: said, not left to
		 * look like one that ran */
		fprintf(r->vf, "    skipped (lenient): %s\n", o->text ? o->text : "?");
		break;
	default:
		if (o->pe == SIM_NONE)
			fprintf(r->vf, "    %s\n", obs_kind_names[o->kind]);
		else
			fprintf(r->vf, "    %s PE %u\n", obs_kind_names[o->kind], o->pe);
		break;
	}
}

/* ---- timeline ---- */

static void tl_emit(struct recorder *r, json_object *ev)
{
	if (!r->tl_first)
		fputs(",\n", r->tf);
	r->tl_first = false;
	fputs(json_object_to_json_string_ext(ev, JSON_C_TO_STRING_PLAIN), r->tf);
	json_object_put(ev);
}

static json_object *tl_event(const struct recorder *r, const char *name, const char *ph,
			     uint64_t ts, int tid)
{
	json_object *ev = json_object_new_object();
	json_object_object_add(ev, "name", json_object_new_string(name));
	json_object_object_add(ev, "ph", json_object_new_string(ph));
	json_object_object_add(ev, "ts", json_object_new_int64((int64_t)ts));
	json_object_object_add(ev, "pid", json_object_new_int((int)r->pid));
	json_object_object_add(ev, "tid", json_object_new_int(tid));
	if (ph[0] == 'i')
		json_object_object_add(ev, "s", json_object_new_string("t"));
	return ev;
}

static void tl_meta(struct recorder *r, const char *what, int tid, const char *name)
{
	json_object *ev = json_object_new_object();
	json_object *args = json_object_new_object();
	json_object_object_add(ev, "name", json_object_new_string(what));
	json_object_object_add(ev, "ph", json_object_new_string("M"));
	json_object_object_add(ev, "pid", json_object_new_int((int)r->pid));
	if (tid >= 0)
		json_object_object_add(ev, "tid", json_object_new_int(tid));
	json_object_object_add(args, "name", json_object_new_string(name));
	json_object_object_add(ev, "args", args);
	tl_emit(r, ev);
}

static void trace(struct recorder *r, const struct sim_obs *o)
{
	char name[96], b[32];
	json_object *ev, *args = json_object_new_object();
	int tid = o->pe == SIM_NONE ? TID_STEPS : o->pe;

	switch (o->kind) {
	case SIM_OBS_DISPATCH:
		snprintf(name, sizeof name, "event 0x%" PRIx32 " (%s)", (uint32_t)o->event,
			 handler_name(r, o->handler));
		ev = tl_event(r, name, "B", o->time, tid);
		trace_json_hex(args, "x1", o->regs[1]);
		trace_json_hex(args, "interrupted_pc", o->regs[2]);
		break;
	case SIM_OBS_COMPLETE:
		snprintf(name, sizeof name, "event 0x%" PRIx32 " (%s)", (uint32_t)o->event,
			 handler_name(r, o->handler));
		ev = tl_event(r, name, "E", o->time, tid);
		json_object_object_add(args, "how", json_object_new_string(sim_done_names[o->done % SIM_DONE_COUNT]));
		if (o->done == SIM_DONE_COMPLETE)
			json_object_object_add(args, "status", json_object_new_int64((uint32_t)o->status));
		break;
	case SIM_OBS_CALL:
	case SIM_OBS_PSCI:
	case SIM_OBS_UNANSWERED:
		ev = tl_event(r, fid_name(o->fid, o->kind == SIM_OBS_PSCI, b, sizeof b), "i", o->time, tid);
		json_object_object_add(args, "el", json_object_new_int(o->el));
		if (o->kind == SIM_OBS_UNANSWERED)      /* through the conduit no dispatcher is on */
			json_object_object_add(args, "unanswered", json_object_new_boolean(1));
		if (o->aarch32)
			json_object_object_add(args, "aarch32", json_object_new_string(a32_mode(o)));
		if (o->secure)
			json_object_object_add(args, "secure", json_object_new_boolean(1));
		trace_json_hex(args, "x1", o->args[0]);
		json_object_object_add(args, "result", json_object_new_int64(o->result));
		break;
	case SIM_OBS_FIRE:
		snprintf(name, sizeof name, "interrupt %u", o->intid);
		ev = tl_event(r, name, "i", o->time, o->intid < 32 ? o->pe : TID_GIC);
		break;
	case SIM_OBS_IRQ:
		snprintf(name, sizeof name, "ack %u: %s", o->intid,
			 (unsigned)o->status < IRQ_RESULTS ? irq_results[o->status] : "?");
		ev = tl_event(r, name, "i", o->time, tid);
		break;
	case SIM_OBS_STEP:
		snprintf(name, sizeof name, "step %u: %s", o->step + 1, sim_op_name((unsigned)o->status));
		ev = tl_event(r, name, "i", o->time, TID_STEPS);
		break;
	case SIM_OBS_POWER:
		snprintf(name, sizeof name, "power %s", (unsigned)o->status < 5 ? power_names[o->status] : "?");
		ev = tl_event(r, name, "i", o->time, tid);
		break;
	default:
		ev = tl_event(r, obs_kind_names[o->kind], "i", o->time, tid);
		if (o->text)
			json_object_object_add(args, "text", json_object_new_string(o->text));
		break;
	}
	json_object_object_add(ev, "args", args);
	tl_emit(r, ev);
}

/* What a PSCI call does (handlers completed implicitly, PEs going off or
 * coming on) is observed before the call, which is observed once it has
 * answered; the narration tells it after the call. */
static bool held_back(const struct sim_obs *o)
{
	return o->kind == SIM_OBS_POWER || (o->kind == SIM_OBS_COMPLETE && o->done == SIM_DONE_IMPLICIT);
}

static void narrate_held(struct recorder *r)
{
	for (unsigned k = 0; k < r->nheld; k++)
		narrate(r, &r->held[k]);
	r->nheld = 0;
}

static void narrate_in_order(struct recorder *r, const struct sim_obs *o)
{
	if (held_back(o)) {
		if (r->nheld == sizeof r->held / sizeof r->held[0])
			narrate_held(r);
		r->held[r->nheld++] = *o;
		return;
	}
	if (o->kind == SIM_OBS_PSCI)
		narrate(r, o);
	narrate_held(r);
	if (o->kind != SIM_OBS_PSCI)
		narrate(r, o);
}

static void observe(void *ctx, const struct sim_obs *o)
{
	struct recorder *r = ctx;
	if (r->vf)
		narrate_in_order(r, o);
	if (r->tf)
		trace(r, o);
}

struct recorder *recorder_open(const struct sim_program *prog, bool verbose, bool timeline,
			       unsigned scenario_index)
{
	struct recorder *r = calloc(1, sizeof *r);

	if (!r)
		return NULL;
	r->prog = prog;
	r->pid = scenario_index + 1;
	r->tl_first = true;
	if (verbose) {
		r->vf = open_memstream(&r->vbuf, &r->vlen);
		/* whose narration this is, when several files run */
		if (r->vf && prog->file)
			fprintf(r->vf, "%s: %s\n", prog->file, prog->name ? prog->name : "(no name)");
	}
	if (timeline) {
		r->tf = open_memstream(&r->tbuf, &r->tlen);
		if (r->tf) {
			char pe[16];
			tl_meta(r, "process_name", -1, prog->name ? prog->name : "?");
			for (unsigned k = 0; k < prog->platform.pes; k++) {
				snprintf(pe, sizeof pe, "PE %u", k);
				tl_meta(r, "thread_name", (int)k, pe);
			}
			tl_meta(r, "thread_name", TID_GIC, "GIC (SPIs)");
			tl_meta(r, "thread_name", TID_STEPS, "steps");
		}
	}
	return r;
}

struct sim_observer recorder_observer(struct recorder *r)
{
	struct sim_observer o = { NULL, NULL };
	if (r && (r->vf || r->tf)) {
		o.obs = observe;
		o.ctx = r;
	}
	return o;
}

size_t recorder_narrated(struct recorder *r)
{
	if (!r || !r->vf)
		return 0;
	fflush(r->vf);          /* a memory stream: vlen is what it holds */
	return r->vlen;
}

void recorder_close(struct recorder *r, struct scen_report *rep)
{
	if (!r)
		return;
	if (r->vf) {
		narrate_held(r);
		fclose(r->vf);
		rep->verbose = r->vbuf;
	}
	if (r->tf) {
		fclose(r->tf);
		rep->timeline = r->tbuf;
	}
	free(r);
}

void report_free(struct scen_report *rep)
{
	free(rep->file);
	free(rep->name);
	free(rep->verbose);
	free(rep->timeline);
	memset(rep, 0, sizeof *rep);
}

/* ---- whole-run files ---- */

int write_timeline(struct outfile *of, const struct scen_report *reps, size_t n)
{
	char err[600];
	bool first = true;
	FILE *f = of->f;

	fputs("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"clock\":\"logical: one unit per observed event\"},"
	      "\"traceEvents\":[\n", f);
	for (size_t k = 0; k < n; k++) {
		if (!reps[k].timeline || !reps[k].timeline[0])
			continue;
		if (!first)
			fputs(",\n", f);
		first = false;
		fputs(reps[k].timeline, f);
	}
	fputs("\n]}\n", f);
	if (outfile_close(of, true, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

/* A character XML 1.0 holds, even as a reference: no C0 control but
 * tab, newline and carriage return; not U+FFFE, U+FFFF (sim_utf8_char
 * takes no surrogate). */
static bool xml_keeps(uint32_t c)
{
	return c >= 0x20 ? c != 0xFFFE && c != 0xFFFF : c == '\t' || c == '\n' || c == '\r';
}

/* s as XML can hold it: each byte that is not part of an XML character
 * written as \xNN (names and messages come from the user's files). */
static xmlChar *xml_text(const char *s)
{
	return (xmlChar *)sim_utf8_escaped(s ? s : "", xml_keeps);
}

/* An attribute or the text of an element, made XML-safe.  0 or 1 (failed). */
static int xml_put(xmlTextWriterPtr w, const char *attr, const char *value)
{
	xmlChar *v = xml_text(value);
	int rc = !v || (attr ? xmlTextWriterWriteAttribute(w, (const xmlChar *)attr, v)
			     : xmlTextWriterWriteString(w, v)) < 0;

	free(v);
	return rc;
}

/* libxml2's own messages (an I/O error: "I/O error : No space left on
 * device"): the writer's failure is said once, with the path, by us. */
static void xml_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int write_junit(struct outfile *of, const struct scen_report *reps, size_t n)
{
	const char *path = of->path;
	xmlOutputBufferPtr buf;
	xmlTextWriterPtr w;
	unsigned failures = 0, errors = 0;
	double total = 0;
	char num[32], err[600];
	int rc = 0;

	xmlSetGenericErrorFunc(NULL, xml_quiet);
	xmlSetStructuredErrorFunc(NULL, NULL);
	/* the writer goes through our FILE: libxml2 would take the path for
	 * a URI (%41 decoded, file:// followed) */
	buf = xmlOutputBufferCreateFile(of->f, NULL);
	w = buf ? xmlNewTextWriter(buf) : NULL;
	if (!w) {
		if (buf)
			xmlOutputBufferClose(buf);
		outfile_close(of, false, err, sizeof err);
		fprintf(stderr, "%s: out of memory\n", path);
		return -1;
	}
	for (size_t k = 0; k < n; k++) {
		failures += reps[k].status == EXIT_FAILED;
		errors += reps[k].status == EXIT_BADINPUT;
		total += reps[k].seconds;
	}
	xmlTextWriterSetIndent(w, 1);
	rc |= xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "testsuites") < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "testsuite") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST "sdeisim") < 0;
	snprintf(num, sizeof num, "%zu", n);
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "tests", BAD_CAST num) < 0;
	snprintf(num, sizeof num, "%u", failures);
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "failures", BAD_CAST num) < 0;
	snprintf(num, sizeof num, "%u", errors);
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "errors", BAD_CAST num) < 0;
	snprintf(num, sizeof num, "%.6f", total);
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "time", BAD_CAST num) < 0;
	for (size_t k = 0; k < n; k++) {
		const struct scen_report *r = &reps[k];
		rc |= xmlTextWriterStartElement(w, BAD_CAST "testcase") < 0;
		rc |= xml_put(w, "classname", r->file);
		rc |= xml_put(w, "name", r->name ? r->name : r->file);
		snprintf(num, sizeof num, "%.6f", r->seconds);
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "time", BAD_CAST num) < 0;
		if (r->status != EXIT_PASSED) {
			const char *tag = r->status == EXIT_FAILED ? "failure" : "error";
			rc |= xmlTextWriterStartElement(w, (const xmlChar *)tag) < 0;
			rc |= xml_put(w, "message", r->message);
			rc |= xml_put(w, NULL, r->message);
			rc |= xmlTextWriterEndElement(w) < 0;
		}
		rc |= xmlTextWriterEndElement(w) < 0;
	}
	rc |= xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w);                /* flushes into of->f, which stays open */
	if (outfile_close(of, rc == 0, err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	if (rc)
		fprintf(stderr, "%s: error writing JUnit XML\n", path);
	return rc ? -1 : 0;
}
