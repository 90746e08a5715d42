#!/usr/bin/env bash
# notes.sh ID...: export yaml notes of the system-off samples, real vs each mutant
cd /tmp/h158
S=build/default/bin/sdeisim
samp="traces/samples/recorded-system-off-in-handler.trace traces/samples/recorded-system-off-while-a-handler-waits.trace traces/samples/imported-system-off-returns.trace"
out() { for f in $samp; do echo "== $f"; $S export yaml $f -o /tmp/h158-try/x.yaml 2>&1; echo "rc=$?"; done; }
out > /tmp/h158-try/notes.real
for id in "$@"; do
  work/apply.sh $id >/dev/null && ninja -C build/default -j1 sdeisim >/dev/null && out > /tmp/h158-try/notes.$id
  git checkout -q traces/; echo "$id: $(diff /tmp/h158-try/notes.real /tmp/h158-try/notes.$id | wc -l) lines differ"
done
ninja -C build/default -j1 sdeisim >/dev/null
