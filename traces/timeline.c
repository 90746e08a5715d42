/*
 * timeline.c - see timeline.h.  JSON is made with json-c, which does the
 * escaping.
 */
#include <inttypes.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "timeline.h"
#include "trace_internal.h"

#define PID 1

static json_object *event(const char *name, const char *ph, uint64_t ts, unsigned tid)
{
	json_object *ev = json_object_new_object();

	json_object_object_add(ev, "name", json_object_new_string(name));
	json_object_object_add(ev, "ph", json_object_new_string(ph));
	json_object_object_add(ev, "ts", json_object_new_int64((int64_t)ts));
	json_object_object_add(ev, "pid", json_object_new_int(PID));
	json_object_object_add(ev, "tid", json_object_new_int((int)tid));
	if (ph[0] == 'i')
		json_object_object_add(ev, "s", json_object_new_string("t"));
	return ev;
}

void trace_json_hex(json_object *args, const char *key, uint64_t v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "0x%" PRIx64, v);
	json_object_object_add(args, key, json_object_new_string(buf));
}

/* The timeline event of one record, or NULL for records it does not show. */
static json_object *of_record(const struct trace_rec *r)
{
	json_object *ev, *args = json_object_new_object();
	char name[96];

	switch (r->kind) {
	case TRACE_CALL: {
		const char *fn = (r->x_known & 1) ? trace_fid_name((uint32_t)r->x[0]) : NULL;
		if (!fn)
			snprintf(name, sizeof name, "call 0x%08" PRIx64, r->x[0]);
		ev = event(fn ? fn : name, "i", r->t, r->pe);
		json_object_object_add(args, "el", json_object_new_int(r->el));
		if (r->aarch32)
			json_object_object_add(args, "aarch32", json_object_new_string(trace_a32_mode_name(r)));
		if (r->secure)         /* as `sdeisim run --timeline` says it (tools/sdeisim/report.c) */
			json_object_object_add(args, "secure", json_object_new_boolean(1));
		for (unsigned k = 1; k <= 2; k++)
			if (r->x_known & (1u << k)) {
				char key[4] = { 'x', (char)('0' + k), 0, 0 };
				trace_json_hex(args, key, r->x[k]);
			}
		json_object_object_add(args, "end", json_object_new_string(trace_enum_name(TRACE_ENUM_END, r->end)));
		if (r->end == TRACE_END_RET && (r->r_known & 1))
			json_object_object_add(args, "result", json_object_new_int64((int64_t)r->r[0]));
		break;
	}
	case TRACE_DISPATCH:
		snprintf(name, sizeof name, "event %s", trace_event_str((char[TRACE_EVENT_STR]){ 0 }, TRACE_EVENT_STR, r->event));
		ev = event(name, "B", r->t, r->pe);
		json_object_object_add(args, "cause", json_object_new_string(trace_enum_name(TRACE_ENUM_CAUSE, r->cause)));
		if (r->has & TRACE_HAS_EP)
			trace_json_hex(args, "ep", r->ep);
		if (r->x_known & 2)
			trace_json_hex(args, "x1", r->x[1]);
		if (r->x_known & 4)
			trace_json_hex(args, "interrupted_pc", r->x[2]);
		break;
	case TRACE_COMPLETE:
		snprintf(name, sizeof name, "event %s", trace_event_str((char[TRACE_EVENT_STR]){ 0 }, TRACE_EVENT_STR, r->event));
		ev = event(name, "E", r->t, r->pe);
		json_object_object_add(args, "how", json_object_new_string(trace_enum_name(TRACE_ENUM_DONE, r->how)));
		break;
	case TRACE_IRQ:
		snprintf(name, sizeof name, "%s %" PRIu32,
			 r->how == TRACE_IRQ_FIRE ? "interrupt" : r->how == TRACE_IRQ_HOLD ? "hold" : "ack", r->intid);
		ev = event(name, "i", r->t, r->pe);
		if (r->has & TRACE_HAS_RES)
			json_object_object_add(args, "result", json_object_new_string(trace_enum_name(TRACE_ENUM_RES, r->res)));
		break;
	case TRACE_POWER:
		snprintf(name, sizeof name, "power %s", trace_enum_name(TRACE_ENUM_POWER, r->state));
		ev = event(name, "i", r->t, r->pe);
		break;
	case TRACE_WARNING:
		ev = event("warning", "i", r->t, r->pe);
		json_object_object_add(args, "text", json_object_new_string(r->msg ? r->msg : ""));
		break;
	default:
		json_object_put(args);
		return NULL;
	}
	if (r->has & TRACE_HAS_SRC) {
		/* whole: a file name read from a trace is as long as its line */
		size_t n = strlen(r->src_file) + sizeof ":4294967295";
		char *src = malloc(n);
		if (src) {
			snprintf(src, n, "%s:%" PRIu32, r->src_file, r->src_line);
			json_object_object_add(args, "src", json_object_new_string(src));
		}
		free(src);
	}
	json_object_object_add(args, "trace_line", json_object_new_int64(r->line));
	json_object_object_add(ev, "args", args);
	return ev;
}

static void put(FILE *out, json_object *ev, bool *first)
{
	if (!*first)
		fputs(",\n", out);
	*first = false;
	fputs(json_object_to_json_string_ext(ev, JSON_C_TO_STRING_PLAIN), out);
	json_object_put(ev);
}

int trace_timeline(struct trace_reader *rd, FILE *out, char *err, size_t errlen)
{
	uint64_t named = 0;          /* bit p: PE p's thread has its name */
	struct trace_rec r;
	bool first = true;
	int rc;

	fputs("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"clock\":\"the trace's time unit\"},"
	      "\"traceEvents\":[\n", out);
	while ((rc = trace_read(rd, &r)) == 1) {
		json_object *ev = of_record(&r);
		if (!ev)
			continue;
		if (!(named & (1ull << r.pe))) {
			json_object *meta = json_object_new_object(), *args = json_object_new_object();
			char pe[16];
			snprintf(pe, sizeof pe, "PE %u", r.pe);
			json_object_object_add(meta, "name", json_object_new_string("thread_name"));
			json_object_object_add(meta, "ph", json_object_new_string("M"));
			json_object_object_add(meta, "pid", json_object_new_int(PID));
			json_object_object_add(meta, "tid", json_object_new_int(r.pe));
			json_object_object_add(args, "name", json_object_new_string(pe));
			json_object_object_add(meta, "args", args);
			put(out, meta, &first);
			named |= 1ull << r.pe;
		}
		put(out, ev, &first);
	}
	fputs("\n]}\n", out);
	if (rc < 0) {
		snprintf(err, errlen, "%s", trace_reader_error(rd));
		return -1;
	}
	if (ferror(out)) {
		snprintf(err, errlen, "cannot write the timeline");
		return -1;
	}
	return 0;
}
