/*
 * scn.h - the YAML scenario loader: a scenario file (contract/scenario-v1.md,
 * scenarios/FORMAT.md) becomes a scenario program (sim/program.h).
 *
 * Contract
 *
 * - path / name and prog MUST NOT be NULL (text may be NULL when len is 0;
 *   err may be NULL when errlen is 0).
 *
 * - The caller MUST have sim_program_init()ed prog.  The loader empties it
 *   first (sim_program_reset), so a program may be loaded into again.  On
 *   success prog holds the whole program: platform, handlers, steps, and
 *   its `file` (the name given here) and `name` (and `description` when the
 *   file has one), all owned by prog.  On failure prog's contents are
 *   unspecified, but sim_program_free() still releases everything.
 *
 * - profile is the built-in platform (sim_platform_profile) a file starts
 *   from when its `platform` does not name one with `profile:`; NULL means
 *   "default".  An unknown name is an error reported at 1:1.  The profile a
 *   file runs on (its own, else this one) also chooses the entry of each
 *   `by_profile` expectation (FORMAT.md); the program holds only that
 *   entry, as if it had been written in its place.
 *
 * - Returns 0, or -1 with exactly one message in err (truncated to errlen,
 *   always NUL-terminated when errlen > 0):
 *
 *       FILE:LINE:COLUMN: message
 *
 *   FILE is path / name exactly as given; LINE and COLUMN are 1-based and
 *   point at the YAML node at fault (a key, a value, or the map that lacks
 *   a key); for a node reached through an alias, at the alias (`*a`), as
 *   are the locations the program keeps for run-time failures.  Problems
 *   without a node (an unreadable or empty file, an
 *   unknown profile argument) are reported at 1:1.  When a file has several
 *   errors the one that comes first in the file is reported, with one
 *   exception: checks that depend on a part found wrong are not made.
 *   Steps and handler bodies are checked against the platform (PE count,
 *   SPIs, client EL) and the handler names, so they are not checked when
 *   `profile`, `pes`, `spis` or `client_el` is wrong or a handler name is
 *   (an unknown key or a bad event in `platform` does not stop them).
 *
 * - Never crashes, hangs or leaks, whatever the input: binary garbage, NUL
 *   bytes, invalid UTF-8 and YAML syntax errors are reported as errors.
 *   Files are UTF-8 (a BOM is allowed; UTF-16 is refused).  YAML anchors
 *   and aliases are resolved, within the limits below (an alias "bomb"
 *   stops at SCN_MAX_VISITS).  A file holds one YAML document; a second
 *   one is an error.  YAML tags (`!!str`, `!x`) and merge keys (`<<`) are
 *   errors.  Running out of memory is reported as "out of memory" at 1:1.
 *
 * - Relative `elf:` paths of handlers are resolved against the directory of
 *   path / name.  Every `$name` used must be saved by some `save: name`
 *   somewhere in the file (whether it is saved before use is checked when
 *   the program runs), unless the file is `lenient: true`.
 *
 * Thread safety: no global state; concurrent loads into different programs
 * are fine.
 */
#ifndef SCN_H
#define SCN_H

#include <stddef.h>
#include <stdio.h>

#include "program.h"

/* Limits, each reported as an error when exceeded. */
#define SCN_MAX_FILE_SIZE (1u << 20)   /* bytes of one scenario file */
#define SCN_MAX_DEPTH     32u          /* nesting of YAML collections (real files need < 10) */
#define SCN_MAX_NODES     200000u      /* YAML nodes of the document */
#define SCN_MAX_VISITS    1000000u     /* collection items looked at, aliases counted each time */
#define SCN_MAX_HANDLERS  SIM_MAX_HANDLERS   /* what a program may have (program.h) */
#define SCN_MAX_VARS      256u         /* different `save:` names */

/* Load the scenario file at path into prog (see above). */
int scn_load_file(const char *path, const char *profile, struct sim_program *prog, char *err,
		  size_t errlen);

/* Load len bytes of text (need not be NUL-terminated, may hold NUL bytes)
 * as a scenario file called name into prog (see above). */
int scn_load_string(const char *name, const char *text, size_t len, const char *profile,
		    struct sim_program *prog, char *err, size_t errlen);

/* For a message about name, a profile name that is none of the built-in
 * ones (sim_profile_name): their list, "default, tf-a-fvp", followed by
 * "; did you mean tf-a-fvp?" when name is a slip of one of them (one or
 * two letters off, as the loader's other suggestions).  Written into buf
 * (cut to fit size bytes, NUL-terminated when size > 0); returns buf. */
const char *scn_profile_choices(const char *name, char *buf, size_t size);
#define SCN_PROFILE_CHOICES_SIZE 128u   /* room enough for the list and the suggestion */

/*
 * The YAML writer: prog as a scenario file (FORMAT.md) written to f, such
 * that loading it gives prog again (sim_program_equal), for any program
 * the format can express: what the loader builds, what the fuzz decoder
 * builds.  Returns 0, or -1 with one message in err (truncated to errlen,
 * NUL-terminated when errlen > 0) and nothing written to f; or, the same
 * way, SCN_WRITE_TOO_LARGE when the file would pass a limit of the
 * loader's above, which would refuse it: more handlers than
 * SCN_MAX_HANDLERS, more bytes than SCN_MAX_FILE_SIZE or more YAML nodes
 * than SCN_MAX_NODES (the message says which, with the number).
 *
 * What it writes: the top level (`lenient` and `choices` when set), the
 * platform as `profile:` (the built-in profile whose dispatcher policies,
 * features, vendor version, bind slot numbers and event 0 are the
 * program's: its own profile first; -1 when none is) and only the keys
 * whose values differ from that profile, the handlers, and the steps, one
 * flow map per line (blocks for expect_dispatches, expect_resumes and
 * expect_view).  Values as the program holds them: handler names,
 * {offset: h}, resume_pad, {mpidr: N}, $name, interrupted_pc; constants in
 * decimal below 0x100, else in hex, except a call's result (x0 of
 * `expect`), whose SDEI error codes are written by name, and a completion,
 * HANDLED or FAILED; SDEI functions by name (`fid:` for other function
 * IDs and for calls the program marks raw); PSCI functions by name.
 *
 * Where the format cannot say exactly what the program holds, the file
 * says what runs the same (the same observations on the same machine);
 * loading it gives a program that differs from prog in just these ways:
 *
 *   - a program without a name is written `name: unnamed`;
 *   - a PSCI `target` on a function other than CPU_ON and AFFINITY_INFO
 *     (only its MPIDR in x1) is written `args: [{mpidr: T}]` when the call
 *     has no arguments, and left out when arguments or CPU_SUSPEND's
 *     power state set x1 anyway; the `state` of a function other than
 *     CPU_SUSPEND (never read) is left out;
 *   - the `pe` of an SPI's interrupt (step or action) is left out: the GIC
 *     routes an SPI; the PE named appears only in the firing's
 *     observation, where it means nothing;
 *   - a relative ELF path is written absolute (the file written may be
 *     loaded from another directory);
 *   - a step without a PE where the format defaults one (call, psci, set,
 *     dispatch, an SGI or PPI interrupt: PE 0, as the runner does; wake,
 *     resume: PE 0) loads with that PE;
 *   - a call not marked raw whose function ID is not an SDEI call is
 *     written `fid:` and loads marked raw (which changes nothing when run);
 *   - PSTATE field checks of one map that are not next to each other are
 *     written together, at the place of the first;
 *   - a `complete` or `complete_and_resume` action with an expectation
 *     (the loader makes none: `sdeisim export yaml` does) is written as
 *     its call, `{call: EVENT_COMPLETE, args: [V], expect: E}`, and loads
 *     as that call action, which the interpreter makes the same way.
 *
 * The program must not be changed while it is written; f is left open.
 */
int scn_write(FILE *f, const struct sim_program *prog, char *err, size_t errlen);
#define SCN_WRITE_TOO_LARGE (-2)

#endif /* SCN_H */
