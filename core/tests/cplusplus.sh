#!/usr/bin/env bash
# The core's public headers serve a C++ embedder (a hypervisor written in
# C++): a C++ translation unit that includes sdd.h compiles warning-free
# and links against the C core, every declaration having C linkage.
# Usage: cplusplus.sh CORE_DIR LIBSDD WORK_DIR
set -euo pipefail
core=$1 lib=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cat >"$work/embedder.cc" <<'CC'
#include "sdd/sdd.h"

int main()
{
	static struct sdd d;
	struct sdd_platform p = {};
	struct sdd_regs r = {};
	/* an empty platform is refused, by name; nothing else may run */
	if (sdd_init(&d, &p, nullptr, nullptr) != SDD_INIT_NULL_ARGUMENT)
		return 1;
	if (sdd_validate_platform(&p) != SDD_INIT_PE_COUNT || sdd_init_error_name(SDD_INIT_PE_COUNT)[0] == 0)
		return 2;
	r.x[0] = SDD_FID_VERSION;
	if (sdd_call(&d, 0, &r, nullptr) != SDD_ACT_RETURN || (int64_t)r.x[0] != SDD_NOT_SUPPORTED)
		return 3;
	return sdd_call_name(SDD_FID_VERSION) == nullptr ? 4 : 0;
}
CC
clang -x c++ -std=c++11 -Wall -Wextra -Werror -pedantic -I"$core/include" -c "$work/embedder.cc" -o "$work/embedder.o"
clang "$work/embedder.o" "$lib" -o "$work/embedder"
"$work/embedder"
echo "cplusplus: a C++ embedder compiles, links and runs against the core"
