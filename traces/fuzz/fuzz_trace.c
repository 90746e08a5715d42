/*
 * fuzz_trace - libFuzzer harness for the canonical trace reader and replay builder (fuzz_targets.h).
 */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_target_trace(data, size);
	return 0;
}
