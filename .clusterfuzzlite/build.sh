#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build script: every harness of sdeisim, built
# with the environment's $CC/$CFLAGS and linked with $LIB_FUZZING_ENGINE,
# into $OUT with its seed corpus, dictionary and options.  Also run by the
# test suite with local values of those variables (fuzz.oss_fuzz_build).
src=${SRC:-$(cd "$(dirname "$0")/.." && pwd)}/sdeisim
[ -d "$src" ] || src=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-$(mktemp -d)}

# The harnesses' own code is instrumented through $CFLAGS; Unicorn is not.
cmake -S "$src" -B "$work/build" -G Ninja \
      -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
      -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
      -DSDEISIM_FUZZ=ON -DSDEISIM_TESTS=OFF \
      -DSDEISIM_FUZZ_ENGINE="$LIB_FUZZING_ENGINE"
cmake --build "$work/build"

# Every harness but the engine's empty ceiling; the build made the seed
# corpora (build/seeds/program for the program harnesses, build/seeds/NAME
# for a harness with its own).
harnesses=$(cd "$work/build/bin" && ls fuzz_* | grep -v -e '^fuzz_empty$' -e '^fuzz_replay$' -e '^fuzz_seeds$')
for h in $harnesses; do
  cp "$work/build/bin/$h" "$OUT/$h"
  dict="$work/build/seeds/program.dict"
  [ -f "$work/build/seeds/$h.dict" ] && dict="$work/build/seeds/$h.dict"
  cp "$dict" "$OUT/$h.dict"
  printf '[libfuzzer]\nmax_len = 2064\ntimeout = 10\n' > "$OUT/$h.options"
  seeds="$work/build/seeds/program"
  [ -d "$work/build/seeds/$h" ] && seeds="$work/build/seeds/$h"
  (cd "$seeds" && zip -q -r "$OUT/${h}_seed_corpus.zip" .)
done
