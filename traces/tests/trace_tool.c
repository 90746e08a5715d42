/*
 * trace_tool - the trace subcommands on their own (the same entry points
 * `sdeisim import/replay/export` call), for the tests of traces/ and for
 * use while the sdeisim binary does not register them yet.
 *
 *   trace_tool import|replay|export ARGS...
 */
#include <stdio.h>
#include <string.h>

#include "trace_cli.h"

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return trace_cmd_import(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "replay") == 0)
		return trace_cmd_replay(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "export") == 0)
		return trace_cmd_export(argc - 1, argv + 1);
	fprintf(stderr, "usage: trace_tool import|replay|export ARGS... (each has --help)\n");
	return 2;
}
