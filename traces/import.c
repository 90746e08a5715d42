/*
 * import.c - what the importers (tarmac_import.c, tfa_log_import.c)
 * share: the check for binary data, and what a bad line does.
 */
#include <stdio.h>

#include "import.h"

long import_binary_at(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];
		if ((c < 0x20 && c != '\t') || c == 0x7F)
			return (long)i;
	}
	return -1;
}

int import_line_failed(const struct import_opts *o, struct import_stats *st, const struct linein *in,
		       const char *where, char *err, size_t errlen)
{
	/* (a read error that ends the input ends the import, lenient or not) */
	if (!o->lenient || linein_fatal(in)) {
		snprintf(err, errlen, "%s", where);
		return -1;
	}
	st->errors++;
	if (o->diag)
		o->diag(o->diag_ctx, where);
	return 0;
}
