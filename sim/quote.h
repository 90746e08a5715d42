/*
 * quote.h - a user's token as an error message quotes it: the scenario
 * loader's, the trace reader's, the importers' and the sdeisim command's
 * messages all say a token of their input (or command line) this one way.
 *
 * - Control characters (bytes 0x00-0x1F), DEL (0x7F) and the C1
 *   controls U+0080-U+009F (UTF-8 C2 80..C2 9F: U+009B is a terminal's
 *   CSI) are written \xNN of their code point (upper-case hex, as
 *   Python's repr writes them), so that a token cannot end the message's
 *   line or reach the terminal as an escape sequence.  The quote and
 *   the backslash are written \' and \\ (messages say a token '%s':
 *   its quote ends where the message's does, and a \x in it is never
 *   an escape).  Every other byte is copied.
 * - A token of up to SIM_QUOTE_MAX characters is said whole; a longer one
 *   as its first SIM_QUOTE_MAX characters, "..." and " (N characters)",
 *   N counting all of it, so that a token as long as a line (a MiB)
 *   neither fills the message nor pushes out what follows it.
 * - A character is a UTF-8 sequence: an ASCII byte alone, or a byte
 *   that is neither ASCII nor a continuation byte (10xxxxxx) and the
 *   continuation bytes after it, four bytes at most, so a cut never
 *   splits one.  Text that is not UTF-8 is counted by the same rule (a
 *   continuation byte that no sequence takes starts a character of its
 *   own).
 *
 * Why 64: the longest tokens the inputs have that a message must show
 * whole fit (a Tarmac 32-byte access's value is 64 hex digits; register
 * values, addresses, timestamps and names are shorter), and a message
 * that quotes two long tokens still fits a couple of terminal lines.
 */
#ifndef SIM_QUOTE_H
#define SIM_QUOTE_H

#include <stddef.h>

#define SIM_QUOTE_MAX 64u   /* characters of a token a message says */
/* A quote's bytes: SIM_QUOTE_MAX characters of at most 4 bytes each (a
 * UTF-8 sequence or \xNN), "... (", 20 digits, " characters)" and NUL. */
#define SIM_QUOTE_SIZE (SIM_QUOTE_MAX * 4 + 38)

/* s[0..n) (any bytes, NUL included) as a message quotes it, into buf
 * (SIM_QUOTE_SIZE bytes), NUL-terminated; returns buf. */
const char *sim_quote(char buf[SIM_QUOTE_SIZE], const char *s, size_t n);

/* sim_quote of the NUL-terminated string s (a command-line word, a
 * name). */
const char *sim_quote_str(char buf[SIM_QUOTE_SIZE], const char *s);

/* sim_quote, sim_quote_str into a buffer of their own that lasts to the
 * end of the enclosing block: a message's argument, as many in one call
 * as it has. */
#define SIM_QUOTED(s, n) sim_quote((char[SIM_QUOTE_SIZE]){ 0 }, (s), (n))
#define SIM_QUOTED_STR(s) sim_quote_str((char[SIM_QUOTE_SIZE]){ 0 }, (s))

#endif /* SIM_QUOTE_H */
