#!/usr/bin/env bash
# onmut.sh REGEX ID...: in /tmp/h158, apply each mutant, build, run ctest -R REGEX, restore
re=$1; shift
cd /tmp/h158
for id in "$@"; do
  work/apply.sh $id > /dev/null || { echo "$id noapply"; continue; }
  if ninja -C build/default -j1 sdeisim trace_tool test_export_yaml test_traces_replay > /tmp/h158/work/onmut-build.log 2>&1; then
    timeout -k 5 120 ctest --test-dir build/default -R "$re" --timeout 60 > /tmp/h158/work/onmut.log 2>&1; echo "$id ctest rc=$?"
  else echo "$id notbuilt"; fi
  git checkout -q -- traces/*.c
done
ninja -C build/default -j1 sdeisim trace_tool test_export_yaml test_traces_replay > /dev/null 2>&1
