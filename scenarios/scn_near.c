/*
 * scn_near.c - the nearest name to a mistyped word (scn_near.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "scn_near.h"

/* a and b the same letter, whatever its case (names are ASCII). */
static bool same_letter(unsigned char a, unsigned char b)
{
	return (a >= 'A' && a <= 'Z' ? a | 0x20 : a) == (b >= 'A' && b <= 'Z' ? b | 0x20 : b);
}

/* The edit distance of the n bytes at a and the name b: insertions,
 * deletions, substitutions, and swaps of two neighbours (`compelte` is one
 * from `complete`), letters compared without their case (`Steps`,
 * `event_register` are slips too).  Only small distances matter: longer
 * texts than a name are just far. */
static unsigned distance(const unsigned char *a, size_t n, const char *b)
{
	unsigned row[3][SCN_NEAR_LONGEST + 1];     /* rows i-2, i-1 and i, by i % 3 */
	size_t m = strlen(b);

	if (n > SCN_NEAR_LONGEST || m > SCN_NEAR_LONGEST)
		return SCN_NEAR_LONGEST;
	for (size_t j = 0; j <= m; j++)
		row[0][j] = (unsigned)j;
	for (size_t i = 1; i <= n; i++) {
		unsigned *cur = row[i % 3], *up = row[(i - 1) % 3], *up2 = row[(i + 1) % 3];
		cur[0] = (unsigned)i;
		for (size_t j = 1; j <= m; j++) {
			unsigned d = up[j - 1] + !same_letter(a[i - 1], (unsigned char)b[j - 1]);
			if (up[j] + 1 < d)
				d = up[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && same_letter(a[i - 1], (unsigned char)b[j - 2]) &&
			    same_letter(a[i - 2], (unsigned char)b[j - 1]) && up2[j - 2] + 1 < d)
				d = up2[j - 2] + 1;
			cur[j] = d;
		}
	}
	return row[n % 3][m];
}

/* see scn_near.h */
void scn_near(struct scn_near *nr, const char *text, size_t len, const char *name)
{
	unsigned d = distance((const unsigned char *)text, len, name);

	/* one or two edits, fewer than half the name's letters: a slip of the
	 * fingers, not another word (`x` is no typo of `pe`, nor `foo` of
	 * `fid`; `cal` is one of `call`) */
	if (d >= 3 || 2 * d >= strlen(name))
		return;
	if (nr->best == NULL || d < nr->d) {
		nr->best = name;
		nr->also = NULL;
		nr->d = d;
	} else if (d == nr->d && nr->also == NULL) {
		nr->also = name;
	}
}

/* see scn_near.h */
const char *scn_near_said(struct scn_near *nr, const char *prefix)
{
	if (nr->best == NULL)
		return NULL;
	if (nr->also)
		snprintf(nr->said, sizeof nr->said, "%s%s or %s%s", prefix, nr->best, prefix, nr->also);
	else
		snprintf(nr->said, sizeof nr->said, "%s%s", prefix, nr->best);
	return nr->said;
}

