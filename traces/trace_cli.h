/*
 * trace_cli.h - the trace subcommands of sdeisim (traces/trace_cli.c).
 * argv[0] is the subcommand's name; `--help` describes each.
 *
 *   import tarmac FILE [-o OUT] [--lenient]
 *   import tf-a-log FILE [-o OUT] [--lenient] [--profile NAME]
 *   replay TRACE [--profile NAME] [--first]
 *   export timeline TRACE [-o FILE]
 *
 * Exit status: 0 ok (replay: no divergence), 1 the replay diverged,
 * 2 bad input or usage.
 */
#ifndef TRACES_TRACE_CLI_H
#define TRACES_TRACE_CLI_H

int trace_cmd_import(int argc, char **argv);
int trace_cmd_replay(int argc, char **argv);
int trace_cmd_export(int argc, char **argv);

#endif /* TRACES_TRACE_CLI_H */
