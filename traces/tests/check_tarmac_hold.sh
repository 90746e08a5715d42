#!/bin/sh
# check_tarmac_hold.sh SDEISIM SCENARIO - a race exported as Tarmac and
# imported back shows the hold: PE 0's IAR read, with PE 1's DISABLE
# before PE 0's dispatcher judged it, imports as `how=hold` before the
# DISABLE and the `ack` after it; the later acknowledgement, with nothing
# of another PE between its read and its outcome, stays one ack (as every
# Tarmac trace without a race imports).
set -u
sdeisim=$1 scenario=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$sdeisim" export tarmac "$scenario" -o "$tmp/t.tarmac" || exit 1
"$sdeisim" import tarmac "$tmp/t.tarmac" --platform "$scenario" -o "$tmp/t.trace" || exit 1
seq=$(grep -E '^irq .*pe=0 intid=40 how=|^call .*pe=1 .*fn=EVENT_(DISABLE|ENABLE)' "$tmp/t.trace" |
      sed -E 's/^irq .*how=([a-z]+).*/\1/; s/^call .*fn=EVENT_([A-Z]+).*/\1/' | tr '\n' ' ')
want='hold DISABLE ack ENABLE ack '
[ "$seq" = "$want" ] || { echo "FAIL: the imported records are '$seq', expected '$want'"; cat "$tmp/t.trace"; exit 1; }
echo "ok: $seq"
