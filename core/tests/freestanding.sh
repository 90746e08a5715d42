#!/usr/bin/env bash
# The core must build for bare-metal AArch64 firmware and reference nothing
# outside itself but memcpy/memset/memmove: compile every source with
# --target=aarch64-none-elf -ffreestanding -nostdlib (and no FP/SIMD
# registers), link them into one relocatable object, and list what is left
# undefined; no writable global data, and every global symbol in the sdd_
# namespace.  Usage: freestanding.sh CORE_DIR WORK_DIR
set -euo pipefail
core=$1
work=$2
rm -rf "$work" && mkdir -p "$work"
objs=()
for src in "$core"/src/*.c; do
  obj="$work/$(basename "$src" .c).o"
  clang --target=aarch64-none-elf -ffreestanding -nostdlib -mgeneral-regs-only \
        -std=c11 -O2 -Wall -Wextra -Werror -I"$core/include" -c "$src" -o "$obj"
  objs+=("$obj")
done
ld.lld -r -o "$work/core.o" "${objs[@]}"
undefined=$(llvm-nm -u "$work/core.o" | awk '{print $2}' | sort -u)
echo "undefined symbols of the linked core: ${undefined:-none}"
bad=$(printf '%s\n' "$undefined" | grep -vxE 'memcpy|memset|memmove|' || true)
if [ -n "$bad" ]; then
  echo "FAIL: the core references symbols outside itself:" >&2
  printf '  %s\n' $bad >&2
  exit 1
fi
# Mutable globals are forbidden: every data symbol must be read-only.
writable=$(llvm-nm "$work/core.o" | awk '$2 ~ /^[bBdDcC]$/ {print $3}')
if [ -n "$writable" ]; then
  echo "FAIL: the core has writable global data:" >&2
  printf '  %s\n' $writable >&2
  exit 1
fi
# Linked into firmware beside everything else: every symbol it defines
# for others is in its own namespace (sdd_), helpers shared between its
# files included.
foreign=$(llvm-nm -g --defined-only "$work/core.o" | awk 'NF == 3 && $3 !~ /^sdd_/ {print $3}')
if [ -n "$foreign" ]; then
  echo "FAIL: the core defines global symbols outside the sdd_ namespace:" >&2
  printf '  %s\n' $foreign >&2
  exit 1
fi
echo "PASS: freestanding, no writable globals, every global symbol sdd_*"
