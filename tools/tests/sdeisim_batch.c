/*
 * sdeisim_batch - many sdeisim commands in one process, for the tests that
 * run one for each of hundreds of files.
 *
 * A process of its own costs sdeisim about 3 ms before it does anything
 * (18 ms under ASan: mapping, relocating and zeroing its pages), as much
 * as the command itself; the round trips over every scenario file start
 * thousands.  This runs sdeisim_main, the whole command, once per request
 * instead, with the standard output and error the request names.
 *
 * Requests, one per line on standard input, fields separated by tabs:
 *
 *     DIR OUT ERR ARG...    run `sdeisim ARG...` in the directory DIR, with
 *       OUT  its standard output written to the file OUT (>OUT), or
 *            appended to it when written +OUT (>>OUT);
 *       ERR  the same for its standard error, or = for where OUT goes (2>&1)
 *     (OUT and ERR named from DIR, as a shell's redirections would be).
 *
 * Each request is answered on standard output with the command's exit
 * status and a newline, once the command's output is in its files.  A
 * request that is not one (too few fields, a directory or file that cannot
 * be used)
 * is answered with 125, after saying why on standard error.  Ends at the
 * end of its input, 0; a line too long is exit 2.
 *
 * The command keeps no state between calls (cli.h), and ASan's leak check
 * at the end finds what any of them did not free, as it would have at the
 * end of each of their processes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define MAX_LINE 65536
#define MAX_ARGS 64
#define NOT_A_REQUEST 125

/* The file a redirection names, opened: "=" is same (-2 when none),
 * "+PATH" appends.  The descriptor, or -1 after saying why. */
static int open_redirect(const char *spec, int same)
{
	int fd;

	if (strcmp(spec, "=") == 0) {
		if (same < 0)
			fprintf(stderr, "sdeisim_batch: '=' is for standard error only\n");
		return same < 0 ? -1 : dup(same);
	}
	if (spec[0] == '+')
		fd = open(spec + 1, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
	else
		fd = open(spec, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		fprintf(stderr, "sdeisim_batch: %s: %s\n", spec, strerror(errno));
	return fd;
}

/* Make fd the descriptor target (1 or 2), and close fd. */
static int redirect(int fd, int target)
{
	int r = dup2(fd, target);

	close(fd);
	return r < 0 ? -1 : 0;
}

/* Run the request in line (its tabs made NULs): the exit status. */
static int serve(char *line, int keep_out, int keep_err)
{
	static char name[] = "sdeisim";
	char *field[MAX_ARGS + 4];
	int n = 0, out, err, status;

	for (char *p = line; p; n++) {
		if (n == MAX_ARGS + 3) {
			fprintf(stderr, "sdeisim_batch: more than %d arguments\n", MAX_ARGS);
			return NOT_A_REQUEST;
		}
		field[n] = p;
		p = strchr(p, '\t');
		if (p)
			*p++ = '\0';
	}
	if (n < 4) {
		fprintf(stderr, "sdeisim_batch: a request is DIR, OUT, ERR and sdeisim's arguments\n");
		return NOT_A_REQUEST;
	}
	if (chdir(field[0])) {
		fprintf(stderr, "sdeisim_batch: %s: %s\n", field[0], strerror(errno));
		return NOT_A_REQUEST;
	}
	out = open_redirect(field[1], -2);
	if (out < 0)
		return NOT_A_REQUEST;
	err = open_redirect(field[2], out);
	if (err < 0) {
		close(out);
		return NOT_A_REQUEST;
	}
	if (redirect(out, STDOUT_FILENO) || redirect(err, STDERR_FILENO)) {
		dprintf(keep_err, "sdeisim_batch: cannot redirect: %s\n", strerror(errno));
		exit(2);
	}
	field[2] = name;
	field[n] = NULL;
	clearerr(stdout);
	clearerr(stderr);
	status = sdeisim_main(n - 2, field + 2);
	fflush(stdout);
	fflush(stderr);
	if (dup2(keep_out, STDOUT_FILENO) < 0 || dup2(keep_err, STDERR_FILENO) < 0)
		exit(2);
	clearerr(stdout);
	clearerr(stderr);
	return status;
}

int main(void)
{
	static char line[MAX_LINE];
	/* where the answers and this program's own complaints go, kept while
	 * a command's output has descriptors 1 and 2 */
	int keep_out = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	int keep_err = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	int home = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);   /* each request's DIR is named from here */

	if (keep_out < 0 || keep_err < 0 || home < 0)
		return 2;
	while (fgets(line, sizeof line, stdin)) {
		size_t len = strlen(line);
		int status;

		if (line[len - 1] != '\n') {
			fprintf(stderr, "sdeisim_batch: a request longer than %d bytes, or no newline at the end\n",
				MAX_LINE - 2);
			return 2;
		}
		line[len - 1] = '\0';
		status = serve(line, keep_out, keep_err);
		if (fchdir(home) || dprintf(keep_out, "%d\n", status) < 0)
			return 2;
	}
	return 0;
}
