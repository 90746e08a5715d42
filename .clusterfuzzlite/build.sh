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

# Every harness (the build lists them); the build made the seed corpora
# (build/seeds/program for the program harnesses, build/seeds/NAME for a
# harness with its own).  Options: the time limit per input of the
# nightly campaign (10 s), and a max_len that takes every seed whole: for
# a program harness what the decoder reads (fz_input.h: the 16-byte header
# and 256 records of 8 bytes, 2064 bytes), for a parser its largest seed
# rounded up to a power of two, and at least 4096 (the least libFuzzer
# takes by itself).
harnesses=$(cat "$work/build/harnesses.txt")
for h in $harnesses; do
  cp "$work/build/bin/$h" "$OUT/$h"
  # the program harnesses share their seeds and dictionary; a parser has its own seeds
  if [ -d "$work/build/seeds/$h" ]; then
    seeds="$work/build/seeds/$h"
    [ -f "$work/build/seeds/$h.dict" ] && cp "$work/build/seeds/$h.dict" "$OUT/$h.dict"
    largest=$(find "$seeds" -type f -printf '%s\n' | sort -n | tail -n 1)
    max_len=4096
    while [ "$max_len" -lt "${largest:-0}" ]; do max_len=$((max_len * 2)); done
  else
    seeds="$work/build/seeds/program"
    cp "$work/build/seeds/program.dict" "$OUT/$h.dict"
    max_len=2064
  fi
  printf '[libfuzzer]\nmax_len = %d\ntimeout = 10\n' "$max_len" > "$OUT/$h.options"
  (cd "$seeds" && zip -q -r "$OUT/${h}_seed_corpus.zip" .)
done
