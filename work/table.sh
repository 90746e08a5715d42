#!/usr/bin/env bash
# counts per file from results.txt (and batch.txt: ID killed|left)
R=/tmp/h158/work/results.txt B=/tmp/h158/work/batch.txt
for f in expect end compare; do
  tot=$(grep -c "@@traces/replay_$f.c@@" /tmp/h158/order.txt)
  run=0 c=0 nb=0 s=0 k=0 g="" 
  declare -A gc=()
  for id in $(grep "@@traces/replay_$f.c@@" /tmp/h158/order.txt | cut -d@ -f1); do
    st=$(awk -v id=$id '$1==id {print $2}' $R | head -1)
    [ -z "$st" ] && continue
    run=$((run+1))
    case $st in caught:*) c=$((c+1)); g=${st#caught:}; g=${g%%:*}; gc[$g]=$(( ${gc[$g]:-0} + 1 ));; notbuilt) nb=$((nb+1));; survived) s=$((s+1))
      [ "$(awk -v id=$id '$1==id {print $2}' $B 2>/dev/null | head -1)" = killed ] && k=$((k+1));; esac
  done
  echo "replay_$f.c listed=$tot run=$run caught=$c ($(for x in "${!gc[@]}"; do printf '%s %s ' $x ${gc[$x]}; done)) notbuilt=$nb survived=$s killed_by_added=$k left=$((s-k))"
  unset gc
done
