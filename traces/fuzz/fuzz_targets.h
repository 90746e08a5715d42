/*
 * fuzz_targets.h - what each parser fuzz target does with one input
 * (fuzz_targets.c), shared by the libFuzzer harnesses (fuzz_tarmac.c,
 * fuzz_tfa_log.c, fuzz_trace.c) and the plain replayer that runs them over
 * their seed corpora in the normal test suite (fuzz_traces_replay.c).
 *
 * Besides "no crash, no hang, no sanitizer report", each checks an
 * oracle: every record an importer writes reads back, and writing what
 * was read gives the same bytes.  Each also replays the canonical trace
 * (the input, or what an importer made of it in lenient mode) when the
 * replay builder takes it (up to 4 KiB): the replay must not stop
 * for a fault of the machine (an invariant, the dispatcher), and the
 * scenario `export yaml` writes for it must load back and, when the
 * replay matched, pass.  A broken oracle
 * aborts.
 */
#ifndef TRACES_FUZZ_TARGETS_H
#define TRACES_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

void fuzz_target_tarmac(const uint8_t *data, size_t size);
void fuzz_target_tfa_log(const uint8_t *data, size_t size);
void fuzz_target_trace(const uint8_t *data, size_t size);

#endif /* TRACES_FUZZ_TARGETS_H */
