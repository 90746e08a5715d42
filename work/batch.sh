#!/usr/bin/env bash
# survivors against the tests added (cheap ones), in /tmp/h158-mut
cd /tmp/h158-mut
RE='^traces\.(sample\.recorded-fields-left-out|export_yaml\.system-off\.notes|replay\.stopped-run-after-an-earlier-divergence-counts-its-line|export_yaml)$'
T="sdeisim trace_tool test_export_yaml"
for id in $(awk '$2=="survived" {print $1}' /tmp/h158/work/results.txt); do
  line=$(grep "^$id@@" /tmp/h158/order.txt | sed 's/@@/\x01/g')
  IFS=$'\x01' read -r _ file from to what <<< "$line"
  FROM=$from TO=$to perl -0777 -i -pe 'BEGIN { ($f, $t) = ($ENV{FROM}, $ENV{TO}); } s/$f/$t/ or die "nomatch\n";' "$file"
  if ninja -C build/default -j1 $T > /tmp/h158/work/batch-build.log 2>&1; then
    timeout -k 5 120 ctest --test-dir build/default -R "$RE" --timeout 60 --stop-on-failure > /tmp/h158/work/batch-ct.log 2>&1
    if [ $? -ne 0 ]; then echo "$id killed $(grep -m1 -E 'Failed|Timeout' /tmp/h158/work/batch-ct.log | sed -E 's/.*Test +#[0-9]+: ([^ ]+).*/\1/')"; else echo "$id left"; fi
  else echo "$id notbuilt"; fi
  git checkout -q -- "$file"
done
ninja -C build/default -j1 $T > /dev/null 2>&1
