/*
 * grow.h - room for one more element at the end of a heap array that
 * doubles when full: the one way the simulator's pools and the trace
 * replay's lists grow.
 */
#ifndef SIM_GROW_H
#define SIM_GROW_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* arr holds n elements of elem bytes in room for *cap.  Returns an array
 * with room for n + 1: arr itself when it has it, else arr moved to
 * twice the room (first elements when it had none), *cap updated.  NULL
 * when out of memory, arr and *cap then unchanged (arr still valid). */
static inline void *sim_grow(void *arr, uint32_t n, uint32_t *cap, size_t elem, uint32_t first)
{
	uint32_t want;
	void *bigger;

	if (n < *cap)
		return arr;
	if (*cap > UINT32_MAX / 2)
		return NULL;
	want = *cap ? *cap * 2 : first;
	bigger = realloc(arr, (size_t)want * elem);
	if (bigger)
		*cap = want;
	return bigger;
}

#endif /* SIM_GROW_H */
