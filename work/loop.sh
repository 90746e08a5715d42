#!/usr/bin/env bash
# throw-away mutant loop (helper 158): apply, rebuild, run groups, restore
set -u
cd /tmp/h158-mut
B=build/default
W=/tmp/h158/work
FULL="sdeisim trace_tool test_traces_replay test_traces_hold test_traces_aarch32 test_traces_secure test_export_yaml fuzz_traces_replay"
EXP='^traces\.(export_yaml|export_yaml\.(system-off|limits)\..*|cli\.export-yaml.*)$'
MUT='^traces\.export_yaml\.mutants$'
G1='^traces\.(replay|hold|aarch32|secure|export_yaml)$'
G2='^traces\.(sample|mid_run)\.'
G3='^(traces\.(cli|export|import|replay|export_yaml|tfa_log|fuzz_replay_paths|fuzz_seeds|lines\.(window|a-bad|not-for|timeline))|fuzz\.replay_cli)'
E3='^traces\.(sample|mid_run)\.|^traces\.(replay|hold|aarch32|secure|export_yaml)$|help|long-path|limits\.(rounds-3000|calls|vendor)'
E3X='^traces\.(sample|mid_run)\.|^traces\.(replay|hold|aarch32|secure|export_yaml)$|help|long-path|^traces\.export_yaml\.|^traces\.cli\.export-yaml'
OUT=$W/results.txt
DEADLINE=${DEADLINE:?}
# a group: ctest in its own process group, killed whole after 150 s (TIMEOUT 600 overrides --timeout)
grp() {  # REGEX [EXCLUDE]
  if [ -n "${2:-}" ]; then setsid ctest --test-dir $B -R "$1" -E "$2" --timeout 60 --stop-on-failure > $W/ct.log 2>&1 &
  else setsid ctest --test-dir $B -R "$1" --timeout 60 --stop-on-failure > $W/ct.log 2>&1 & fi
  local pid=$! w rc
  ( sleep 150; kill -KILL -- -$pid 2>/dev/null && echo "KILLED-HANG" >> $W/ct.log ) & w=$!
  wait $pid; rc=$?
  kill $w 2>/dev/null; wait $w 2>/dev/null
  return $rc
}
while IFS=$'\x01' read -r id file from to what; do
  [ "$(date +%s)" -ge "$DEADLINE" ] && { echo "deadline reached before $id" >> $OUT; break; }
  grep -q "^$id " $OUT 2>/dev/null && continue
  t0=$(date +%s.%N)
  FROM=$from TO=$to perl -0777 -i -pe 'BEGIN { ($f, $t) = ($ENV{FROM}, $ENV{TO}); } s/$f/$t/ or die "nomatch\n";' "$file" 2>/dev/null || { echo "$id nomatch - $what" >> $OUT; git checkout -q -- "$file"; continue; }
  case $file in
    traces/replay_compare.c) groups="G1 G2 G3" ;;
    *) groups="EXP MUT G1 G2 G3X" ;;
  esac
  st="survived"; built=""
  for g in $groups; do
    case $g in EXP|MUT) tg="sdeisim test_export_yaml" ;; *) tg="$FULL" ;; esac
    if [ "$built" != "$tg" ] && [ "$built" != "$FULL" ]; then
      if ! ninja -C $B -j1 $tg > $W/build.log 2>&1; then st="notbuilt"; break; fi
      built=$tg
    fi
    case $g in
      EXP) grp "$EXP" ;; MUT) grp "$MUT" ;; G1) grp "$G1" ;; G2) grp "$G2" ;;
      G3) grp "$G3" "$E3" ;; G3X) grp "$G3" "$E3X" ;;
    esac
    if [ $? -ne 0 ]; then
      st="caught:$g:$(grep -m1 -oE 'KILLED-HANG|(Failed|Timeout|Exception|SEGFAULT|Subprocess aborted)[^ ]*' $W/ct.log | head -1):$(grep -m1 -E '\*\*\*|Failed|Timeout' $W/ct.log | sed -E 's/.*Test +#[0-9]+: ([^ ]+).*/\1/')"
      break
    fi
  done
  git checkout -q -- "$file"
  t1=$(date +%s.%N)
  printf '%s %s %.1f %s\n' "$id" "$st" "$(echo "$t1 - $t0" | bc)" "$what" >> $OUT
done < <(sed "s/@@/\x01/g" /tmp/h158/order.txt)
git checkout -q -- traces/
ninja -C $B -j1 $FULL > /dev/null 2>&1
echo "loop done $(date)" >> $OUT
