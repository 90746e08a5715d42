#!/usr/bin/env bash
# apply.sh ID [LIST]: apply mutant ID to /tmp/h158 (the work clone)
id=$1; list=${2:-/tmp/h158/order.txt}
line=$(grep "^$id@@" $list | sed 's/@@/\x01/g')
IFS=$'\x01' read -r _ file from to what <<< "$line"
cd /tmp/h158 && FROM=$from TO=$to perl -0777 -i -pe 'BEGIN { ($f, $t) = ($ENV{FROM}, $ENV{TO}); } s/$f/$t/ or die "nomatch\n";' "$file" && echo "applied $id: $what"
