#!/bin/sh
# The ULX3S top in Verilator booting a cell end to end as on a board (make fpga-boot-check,
# docs/fpga.md): tb_ulx3s --pty puts the board's UART on a pseudo-terminal, and the host tool
# (fpga/host/hive_fpga.py load) fills the ROM and the SDRAM model with Debian's OpenSBI, the
# board's device tree and the test payload over it, reads every line back, releases the SoC and
# watches the console. PASS: the payload's "powering off (reason none)" with no "FAIL:" before
# it, and no SDRAM timing or refresh violation. Prints PASS/FAIL lines and `N passed, N failed`.
# usage: board_boot.sh TB IMAGES OPENSBI PAYLOAD PYTHON OUTDIR
set -u
TB=$1 IMAGES=$2 OPENSBI=$3 PAYLOAD=$4 PY=$5 OUT=$6
mkdir -p "$OUT"
passed=0 failed=0
result() { if [ "$1" = 0 ]; then echo "PASS $2"; passed=$((passed + 1)); else echo "FAIL $2"; failed=$((failed + 1)); fi; }

"$TB" --pty=400000000 > "$OUT/tb.log" 2>&1 &
tb=$!
pty=""
for _ in $(seq 100); do
  pty=$(sed -n 's/^tb_ulx3s: board UART on //p' "$OUT/tb.log")
  [ -n "$pty" ] && break
  sleep 0.1
done
if [ -z "$pty" ]; then
  kill $tb 2>/dev/null; cat "$OUT/tb.log"
  result 1 "board simulation: no pseudo-terminal"
else
  "$PY" fpga/host/hive_fpga.py load --port "$pty" --images "$IMAGES" --cells 1 \
    --firmware "$OPENSBI" --payload "$PAYLOAD" --until "powering off (reason none)" \
    --timeout 3600 > "$OUT/console.txt" 2> "$OUT/host.log" < /dev/null
  rc=$?
  wait $tb
  tbrc=$?
  tail -3 "$OUT/host.log"
  grep -a "OpenSBI v\|hive payload" "$OUT/console.txt" | head -4
  result $rc "OpenSBI and the payload loaded over the UART and booted to powering off (console: $OUT/console.txt)"
  ! grep -aq "hive payload: FAIL" "$OUT/console.txt"
  result $? "no payload check failed"
  cat "$OUT/tb.log" | tail -1
  result $tbrc "no SDRAM timing or refresh violation"
fi
echo "$passed passed, $failed failed"
[ $failed = 0 ]
