/*
 * fuzz_empty - a harness that does nothing: the engine's own ceiling, run
 * by the throughput benchmark beside the real harnesses.
 */
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)data;
	(void)size;
	return 0;
}
