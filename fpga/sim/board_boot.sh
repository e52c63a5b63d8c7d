#!/bin/sh
# The ULX3S top in Verilator booting its cells end to end as on a board (make fpga-boot-check,
# docs/fpga.md): tb_ulx3s --pty (fpga/sim/tb_board.cpp) puts the board's UART on a
# pseudo-terminal, and the host tool (fpga/host/hive_fpga.py load) fills the ROM and the SDRAM
# model with Debian's OpenSBI, the board's device trees and the test payload over it, reads every
# line back, releases the SoC and watches the consoles. PASS: every cell's payload says
# "powering off (reason none)", none says "FAIL:", and the SDRAM model saw no timing or refresh
# violation. Prints PASS/FAIL lines and
# `N passed, N failed`.
# usage: board_boot.sh TB IMAGES OPENSBI PAYLOAD PYTHON CELLS OUTDIR (one node per cell)
set -u
TB=$1 IMAGES=$2 OPENSBI=$3 PAYLOAD=$4 PY=$5 CELLS=$6 OUT=$7
mkdir -p "$OUT"
passed=0 failed=0
result() { if [ "$1" = 0 ]; then echo "PASS $2"; passed=$((passed + 1)); else echo "FAIL $2"; failed=$((failed + 1)); fi; }

"$TB" --pty=400000000 > "$OUT/tb.log" 2>&1 &
tb=$!
pty=""
for _ in $(seq 100); do
  pty=$(sed -n 's/^tb_board: board UART on //p' "$OUT/tb.log")
  [ -n "$pty" ] && break
  sleep 0.1
done
if [ -z "$pty" ]; then
  kill $tb 2>/dev/null; cat "$OUT/tb.log"
  result 1 "board simulation: no pseudo-terminal"
else
  set --
  for c in $(seq 0 $((CELLS - 1))); do
    set -- "$@" --until "[cell$c] hive payload: powering off (reason none)"
  done
  "$PY" fpga/host/hive_fpga.py load --port "$pty" --images "$IMAGES" --cells "$CELLS" \
    --firmware "$OPENSBI" --payload "$PAYLOAD" "$@" --timeout 3600 \
    > "$OUT/console.txt" 2> "$OUT/host.log" < /dev/null
  rc=$?
  wait $tb
  tbrc=$?
  tail -3 "$OUT/host.log"
  grep -a "OpenSBI v\|powering off" "$OUT/console.txt"
  result $rc "$CELLS cells: OpenSBI and the payload loaded over the UART, every cell booted to powering off (consoles: $OUT/console.txt)"
  ! grep -aq "hive payload: FAIL" "$OUT/console.txt"
  result $? "no payload check failed"
  tail -1 "$OUT/tb.log"
  result $tbrc "no SDRAM timing or refresh violation"
fi
echo "$passed passed, $failed failed"
[ $failed = 0 ]
