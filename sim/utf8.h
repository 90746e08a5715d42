/*
 * utf8.h - text from outside (a trace's file name, a user's names and
 * messages) in the formats sdeisim writes: YAML (scn_write) and the XML
 * of JUnit reports both hold UTF-8 characters only, and their readers
 * refuse any other bytes (libyaml, libxml2).
 */
#ifndef SIM_UTF8_H
#define SIM_UTF8_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The length (1-4) of the UTF-8 character s starts with, its code point
 * in *cp; 0 when s starts none: a continuation byte, a sequence cut
 * short, an overlong form, a surrogate (U+D800-U+DFFF) or a code point
 * beyond U+10FFFF.  s is NUL-terminated (a NUL ends any sequence). */
size_t sim_utf8_char(const unsigned char *s, uint32_t *cp);

/* s with each byte that starts no character keep() accepts (keep NULL:
 * any character) written as the four characters \xNN (upper-case hex),
 * the characters kept as they are.  A new string (free it), NULL when
 * out of memory. */
char *sim_utf8_escaped(const char *s, bool (*keep)(uint32_t cp));

/* buf (size bytes, size >= 4) holds a text snprintf cut to fit it: end
 * it with "..." after its last whole character, so that a reader knows
 * there was more, and no character is left cut in two. */
void sim_utf8_mark_cut(char *buf, size_t size);
/* vsnprintf into buf (n >= 4 bytes), a text too long for it marked as
 * sim_utf8_mark_cut marks it: the simulator's failure messages. */
void sim_utf8_vformat(char *buf, size_t n, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#endif /* SIM_UTF8_H */
