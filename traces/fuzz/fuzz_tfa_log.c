/*
 * fuzz_tfa_log - libFuzzer harness for the TF-A log importer (fuzz_targets.h).
 */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_target_tfa_log(data, size);
	return 0;
}
