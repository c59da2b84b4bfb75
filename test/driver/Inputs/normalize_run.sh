# Keeps what must not differ between two `weft test` runs of the same
# seeds: drops the pid, raw addresses (12 hex digits; seeds have 16) and
# the timing line.
sed -E -e 's/pid=[0-9]+/pid=N/' -e 's/0x[0-9a-f]{12}\b/ADDR/g' -e '/schedules\/s$/d' "$1"
