/*
 * tarmac_fixture.c - see tarmac_fixture.h.
 */
#include <stdint.h>
#include <string.h>

#include "tarmac.h"
#include "tarmac_fixture.h"

static int emit(void *ctx, const struct trace_rec *r)
{
	return trace_write(((struct out *)ctx)->f, r);
}

static void diag(void *ctx, const char *msg)
{
	(void)msg;
	((struct out *)ctx)->diags++;
}

int tm_test_import(const char *text, bool lenient, struct out *o, struct import_stats *st, char *err, size_t n)
{
	struct linein *in = linein_open_mem((const uint8_t *)text, strlen(text), "t.tarmac");
	struct import_opts opts;
	int rc;

	memset(o, 0, sizeof *o);
	o->f = open_memstream(&o->text, &o->len);
	memset(&opts, 0, sizeof opts);
	opts.lenient = lenient;
	opts.emit = emit;
	opts.emit_ctx = o;
	opts.diag = diag;
	opts.diag_ctx = o;
	rc = tarmac_import(in, &opts, st, err, n);
	fclose(o->f);
	linein_close(in);
	return rc;
}
