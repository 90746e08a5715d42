/*
 * input_kind.h - which of the tool's inputs a text starts as: a YAML
 * scenario, a canonical trace, an FVP Tarmac trace or a TF-A console log.
 * For error messages only: a reader that refuses a file given to the
 * wrong command says what the file looks like and which command takes
 * it.  Nothing is decided by it; a guess from the first lines.
 */
#ifndef SIM_INPUT_KIND_H
#define SIM_INPUT_KIND_H

#include <stddef.h>

enum sim_input_kind {
	SIM_INPUT_UNKNOWN = 0,
	SIM_INPUT_SCENARIO,     /* "---", "%YAML" or a lower-case key ("name:") */
	SIM_INPUT_TRACE,        /* "# sdeisim-trace N" */
	SIM_INPUT_TARMAC,       /* "Tarmac Text ...", or a time and its unit ("42000000 ps IT ...") */
	SIM_INPUT_TFA_LOG       /* "NOTICE:  ...", "INFO:", "VERBOSE:", "WARNING:", "ERROR:" */
};

/* The kind text (len bytes, a UTF-8 BOM allowed) starts as: its first
 * line that is not blank, after YAML comment lines ('#', but not a trace's
 * header), which any of the four may hold. */
enum sim_input_kind sim_input_kind_of(const char *text, size_t len);

/* " (it looks like a Tarmac trace: `sdeisim import tarmac` turns one into
 * a trace)", to end a message; "" for SIM_INPUT_UNKNOWN. */
const char *sim_input_hint(enum sim_input_kind k);

#endif /* SIM_INPUT_KIND_H */
