/*
 * check_reports - validates what `sdeisim run --junit F --timeline T` wrote:
 *   check_reports JUNIT.xml junit.xsd TIMELINE.json TESTS FAILURES ERRORS
 * The XML must validate against junit.xsd (libxml2) and count TESTS
 * testcases of which FAILURES have <failure> and ERRORS have <error>; the
 * JSON must parse (json-c) as trace-event JSON: an object with a
 * traceEvents array whose events each have name, ph, pid (and ts, tid
 * except metadata), with B/E slices balanced and properly nested per
 * (pid, tid), at least one slice, and one process_name per scenario.
 */
#include <json-c/json.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *what)
{
	fprintf(stderr, "check_reports: %s\n", what);
	return 1;
}

static long count(xmlDocPtr doc, const char *xpath)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
	long n = r && r->nodesetval ? r->nodesetval->nodeNr : -1;
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return n;
}

static int check_junit(const char *xml, const char *xsd, long tests, long failures, long errors)
{
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd);
	xmlSchemaPtr schema = pc ? xmlSchemaParse(pc) : NULL;
	xmlSchemaValidCtxtPtr vc = schema ? xmlSchemaNewValidCtxt(schema) : NULL;
	xmlDocPtr doc = xmlReadFile(xml, NULL, 0);
	int rc = 0;

	if (!vc || !doc)
		return fail("cannot read the schema or the report");
	if (xmlSchemaValidateDoc(vc, doc) != 0)
		rc = fail("the JUnit report does not validate against junit.xsd");
	else if (count(doc, "//testcase") != tests)
		rc = fail("wrong number of testcases");
	else if (count(doc, "//testcase/failure") != failures)
		rc = fail("wrong number of failures");
	else if (count(doc, "//testcase/error") != errors)
		rc = fail("wrong number of errors");
	xmlFreeDoc(doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
	return rc;
}

static const char *str(json_object *ev, const char *key)
{
	json_object *v;
	return json_object_object_get_ex(ev, key, &v) && json_object_is_type(v, json_type_string)
	       ? json_object_get_string(v) : NULL;
}

static int check_timeline(const char *path, long scenarios)
{
	json_object *root = json_object_from_file(path), *events;
	int depth[64][1100];
	long slices = 0, processes = 0;

	memset(depth, 0, sizeof depth);
	if (!root || !json_object_object_get_ex(root, "traceEvents", &events) ||
	    !json_object_is_type(events, json_type_array))
		return fail("the timeline is not trace-event JSON with a traceEvents array");
	for (size_t k = 0; k < json_object_array_length(events); k++) {
		json_object *ev = json_object_array_get_idx(events, k), *pid, *tid, *ts;
		const char *ph = str(ev, "ph"), *name = str(ev, "name");
		int p, t;
		if (!ph || !name || !json_object_object_get_ex(ev, "pid", &pid))
			return fail("an event without name, ph or pid");
		if (strcmp(ph, "M") == 0) {
			processes += strcmp(name, "process_name") == 0;
			continue;
		}
		if (!json_object_object_get_ex(ev, "tid", &tid) || !json_object_object_get_ex(ev, "ts", &ts))
			return fail("an event without tid or ts");
		p = json_object_get_int(pid);
		t = json_object_get_int(tid);
		if (p < 0 || p >= 64 || t < 0 || t >= 1100)
			return fail("pid or tid out of the expected range");
		if (strcmp(ph, "B") == 0) {
			depth[p][t]++;
			slices++;
		} else if (strcmp(ph, "E") == 0 && --depth[p][t] < 0) {
			return fail("a slice ends that never began");
		} else if (strcmp(ph, "B") != 0 && strcmp(ph, "E") != 0 && strcmp(ph, "i") != 0) {
			return fail("an unexpected phase");
		}
	}
	json_object_put(root);
	if (slices == 0)
		return fail("no handler slice in the timeline");
	if (processes != scenarios)
		return fail("not one process per scenario");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 7)
		return fail("usage: check_reports JUNIT XSD TIMELINE TESTS FAILURES ERRORS");
	if (check_junit(argv[1], argv[2], atol(argv[4]), atol(argv[5]), atol(argv[6])))
		return 1;
	if (check_timeline(argv[3], atol(argv[4]) - atol(argv[6])))
		return 1;
	printf("check_reports: JUnit XML valid, timeline JSON valid\n");
	return 0;
}
