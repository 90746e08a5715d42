/*
 * progress.c - see progress.h.
 *
 * Drawn with a carriage return and spaces only (no terminal control
 * sequences: a "dumb" terminal or an editor's shell buffer shows it as
 * well), and cut to the terminal's width: a line that wrapped could not be
 * drawn over.
 */
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

bool progress_wanted(FILE *out)
{
	return isatty(STDERR_FILENO) && !(out && isatty(fileno(out)));
}

void progress_begin(struct progress *p, const char *what, bool on)
{
	struct winsize ws;

	memset(p, 0, sizeof *p);
	snprintf(p->what, sizeof p->what, "%s", what);
	p->on = on;
	p->width = 80;
	if (on && ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		p->width = ws.ws_col;
	p->start = p->last = now();
}

/* "1.2 GiB", "512 B" */
static void put_bytes(char *buf, size_t n, uint64_t v)
{
	static const char *const unit[] = { "KiB", "MiB", "GiB", "TiB" };
	double x = (double)v;
	unsigned u = 0;

	if (v < 1024) {
		snprintf(buf, n, "%u B", (unsigned)v);
		return;
	}
	x /= 1024;
	while (x >= 1024 && u + 1 < sizeof unit / sizeof unit[0]) {
		x /= 1024;
		u++;
	}
	snprintf(buf, n, "%.1f %s", x, unit[u]);
}

/* "18,412,331" */
static void put_count(char *buf, size_t n, uint64_t v)
{
	char digits[24];
	size_t len = (size_t)snprintf(digits, sizeof digits, "%llu", (unsigned long long)v), o = 0;

	for (size_t k = 0; k < len && o + 1 < n; k++) {
		if (k > 0 && (len - k) % 3 == 0 && o + 2 < n)
			buf[o++] = ',';
		buf[o++] = digits[k];
	}
	buf[o < n ? o : n - 1] = '\0';
}

size_t progress_format(char *buf, size_t n, const char *what, uint64_t done, uint64_t total,
		       uint64_t lines, double secs)
{
	char d[32], t[32], l[32], how_far[96], left[48] = "";
	int len;

	if (n == 0)
		return 0;
	if (secs < 0)
		secs = 0;
	put_bytes(d, sizeof d, done);
	put_count(l, sizeof l, lines);
	if (total) {
		put_bytes(t, sizeof t, total);
		snprintf(how_far, sizeof how_far, "%s of %s (%u%%)", d, t,
			 (unsigned)(done >= total ? 100 : done * 100 / total));
		/* at the pace so far */
		if (done > 0 && done < total)
			snprintf(left, sizeof left, ", about %.0f s left", secs * (double)(total - done) / (double)done);
	} else {
		snprintf(how_far, sizeof how_far, "%s read", d);
	}
	len = snprintf(buf, n, "%s: %s, %s line%s, %.0f s%s", what, how_far, l, lines == 1 ? "" : "s", secs,
		       left);
	if (len < 0)
		return 0;
	return (size_t)len < n ? (size_t)len : n - 1;
}

static void erase(struct progress *p)
{
	fprintf(stderr, "\r%*s\r", (int)p->drawn, "");
	fflush(stderr);
	p->drawn = 0;
}

void progress_update(struct progress *p, uint64_t done, uint64_t total, uint64_t lines)
{
	char line[512];
	size_t len;
	double t;

	if (!p->on)
		return;
	t = now();
	if (t - p->start < PROGRESS_AFTER_S || (p->drawn && t - p->last < PROGRESS_EVERY_S))
		return;
	len = progress_format(line, sizeof line < p->width ? sizeof line : p->width, p->what, done, total,
			      lines, t - p->start);
	/* the spaces cover what is left of a longer line drawn before */
	fprintf(stderr, "\r%s%*s", line, len < p->drawn ? (int)(p->drawn - len) : 0, "");
	fflush(stderr);
	p->drawn = (unsigned)(len > p->drawn ? len : p->drawn);
	p->last = t;
}

void progress_clear(struct progress *p)
{
	if (p->on && p->drawn)
		erase(p);
}

void progress_end(struct progress *p)
{
	progress_clear(p);
	p->on = false;
}
