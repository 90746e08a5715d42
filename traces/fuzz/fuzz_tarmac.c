/*
 * fuzz_tarmac - libFuzzer harness for the Tarmac importer (fuzz_targets.h).
 */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_target_tarmac(data, size);
	return 0;
}
