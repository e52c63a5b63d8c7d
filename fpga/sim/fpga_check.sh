#!/usr/bin/env bash
# make fpga-check: checks of the FPGA flow that need neither YoWASP nor a board. Each check
# prints PASS/FAIL and what (the test runner's format: tests/run.py, suite fpga); the last line is
# `N passed, N failed`; exit status 1 when any failed.
# Environment (from fpga/fpga.mk): FPGA_LINT, ULX3S_SRCS and ARTY_SRCS (each board top's sources
# with the stand-ins of its primitives), SDRAM_SIM, SDRAM_SIM_SHORT,
# SDRAM_SIM_BOARD (the controller at the ULX3S clock ULX3S_MHZ),
# and optionally BOARD_SIM and ARTY_SIM (the ULX3S top with the SDRAM model, the Arty top with
# its block RAM: each runs a bare-metal program loaded over its UART) and FLASH_IMAGE (the
# program's flash boot image, for BOARD_SIM's flash), SYNTH_CHECK (a command running
# `make synth-check`, given extra make arguments), MAKE_CMD (make, for the refused settings).
set -u
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
result() {  # result OK|FAIL what
  if [ "$1" = OK ]; then echo "PASS $2"; passed=$((passed + 1));
  else echo "FAIL $2"; sed 's/^/  /' "$log" | head -30; failed=$((failed + 1)); fi
}
lint() {  # lint what top args...
  local what=$1 top=$2; shift 2
  if $FPGA_LINT --top-module "$top" "$@" >"$log" 2>&1; then result OK "$what"; else result FAIL "$what"; fi
}

# Debian's Yosys 0.23 reads less SystemVerilog than the boards' YoWASP Yosys (slang): rtl/ must
# pass both, in the simulator's form and the boards' (SHORT_PATHS)
synth() {  # what make-args...
  local what=$1; shift
  if $SYNTH_CHECK "$@" >"$log" 2>&1; then result OK "$what"; else result FAIL "$what"; fi
}
if [ -n "${SYNTH_CHECK:-}" ]; then
  synth "make synth-check: Yosys 0.23 reads and synthesizes rtl/"
  synth "make synth-check SHORT_PATHS=1 (the boards' paths)" SHORT_PATHS=1
fi
# a clock the board's PLL cannot make is refused before anything is built
refused() {  # what expected-message make-args...
  local what=$1 msg=$2; shift 2
  if $MAKE_CMD -n "$@" >"$log" 2>&1; then result FAIL "$what (make accepted it)"
  elif grep -q "$msg" "$log"; then result OK "$what"
  else result FAIL "$what (refused for another reason)"; fi
}
if [ -n "${MAKE_CMD:-}" ]; then
  refused "make fpga ULX3S_MHZ=24 is refused (the PLL makes no 24 MHz)" \
    "ULX3S_MHZ=24: the ULX3S PLL" fpga BOARD=ulx3s-85f ULX3S_MHZ=24
  refused "make fpga ARTY_MHZ=30 is refused (the MMCM makes no 30 MHz)" \
    "ARTY_MHZ=30: the Arty MMCM" fpga BOARD=arty-a7-100t ARTY_MHZ=30
fi
# the PLL's table, whose rows are also the clocks make accepts, against the ECP5 PLL's relations
if python3 fpga/tools/pll_check.py fpga/ulx3s/ulx3s_pll.sv >"$log" 2>&1; then
  result OK "ULX3S PLL: each row of its settings makes its clock, VCO in range, CLKOS half a period late ($(grep -c ': ok$' "$log") clocks)"
else result FAIL "ULX3S PLL settings (fpga/tools/pll_check.py)"; fi
# shellcheck disable=SC2086
lint "lint ulx3s_top 1x1 (-Wall, EHXPLLL and USRMCLK stand-ins)" ulx3s_top $ULX3S_SRCS
# shellcheck disable=SC2086
lint "lint ulx3s_top 4x1, 8 MiB per node" ulx3s_top -GNODES=4 "-GNODE_MEM=64'h800000" $ULX3S_SRCS
# shellcheck disable=SC2086
lint "lint arty_top 1x1 (-Wall, MMCME2_BASE stand-in)" arty_top $ARTY_SRCS
# shellcheck disable=SC2086
lint "lint arty_top 2x1, 128 KiB per node" arty_top -GNODES=2 "-GNODE_MEM=64'h20000" $ARTY_SRCS

if "$SDRAM_SIM" --ops=20000 --seed=1 >"$log" 2>&1 && grep -q '^[0-9]* passed, 0 failed' "$log"; then
  result OK "SDRAM controller vs. behavioural SDRAM: 20000 random line ops, refresh, timing ($(grep -o 'refresh: [^,]*' "$log"))"
else result FAIL "SDRAM controller vs. behavioural SDRAM"; fi
if "$SDRAM_SIM" --ops=5000 --seed=7 >"$log" 2>&1; then
  result OK "SDRAM controller, second seed"
else result FAIL "SDRAM controller, second seed"; fi
if "$SDRAM_SIM_BOARD" --ops=5000 --seed=3 >"$log" 2>&1 && grep -q '^[0-9]* passed, 0 failed' "$log"; then
  result OK "SDRAM controller at the ULX3S's ${ULX3S_MHZ} MHz ($(grep -o 'refresh: [^,]*' "$log"))"
else result FAIL "SDRAM controller at the ULX3S's ${ULX3S_MHZ} MHz"; fi
# the model must notice a controller that refreshes every 20 us instead of 7.5 us
if "$SDRAM_SIM_SHORT" --ops=2000 >"$log" 2>&1; then
  result FAIL "the SDRAM model catches too rare refreshes (it did not)"
elif grep -q 'refresh gap' "$log"; then
  result OK "the SDRAM model catches too rare refreshes"
else result FAIL "the SDRAM model catches too rare refreshes (failed for another reason)"; fi

board() {  # board what command...: a board top running hello.bin loaded over its UART
  local what=$1; shift
  if "$@" >"$log" 2>&1 && grep -q '^[0-9]* passed, 0 failed' "$log"; then
    result OK "$what in Verilator: $(grep -o 'loaded .*' "$log" | head -1)"
  else result FAIL "$what in Verilator (UART loader, bare-metal program from the board memory)"; fi
}
# shellcheck disable=SC2086
[ -n "${BOARD_SIM:-}" ] && board "ULX3S top" $BOARD_SIM
# shellcheck disable=SC2086
[ -n "${ARTY_SIM:-}" ] && board "Arty top" $ARTY_SIM

# the ULX3S top booting from its flash: FLASH_IMAGE (hive_fpga.py flash-image of hello.elf) in
# the flash model, nothing sent; then the image with one byte flipped must be refused, the SoC
# held, and the UART loader must still load and run the program
if [ -n "${FLASH_IMAGE:-}" ] && [ -n "${BOARD_SIM:-}" ]; then
  # shellcheck disable=SC2086
  if $BOARD_SIM --flash-boot "+flash=$FLASH_IMAGE" >"$log" 2>&1 && grep -q '^[0-9]* passed, 0 failed' "$log"; then
    result OK "ULX3S top boots hello.elf from a flash image, nothing on the UART ($(grep -o 'after [0-9]* cycles' "$log"))"
  else result FAIL "ULX3S top boots hello.elf from a flash image (fpga/sim/tb_board.cpp --flash-boot)"; fi
  bad=$(mktemp)
  python3 -c 'import sys; d = bytearray(open(sys.argv[1], "rb").read()); d[12 + (len(d) - 12) // 2] ^= 0x20
open(sys.argv[2], "wb").write(d)' "$FLASH_IMAGE" "$bad"
  # shellcheck disable=SC2086
  if $BOARD_SIM --flash-bad "+flash=$bad" >"$log" 2>&1 && grep -q '^[0-9]* passed, 0 failed' "$log"; then
    result OK "ULX3S top refuses a flash image with one byte flipped, then loads over the UART"
  else result FAIL "ULX3S top refuses a corrupt flash image (fpga/sim/tb_board.cpp --flash-bad)"; fi
  rm -f "$bad"
fi

if python3 fpga/sim/test_host.py >"$log" 2>&1; then
  result OK "host tool: keyboard to a chosen node, command bytes and their argument count, identify and its protocol version, status fields, console lines for --until, flash image bytes ($(tail -1 "$log"))"
else result FAIL "host tool (fpga/sim/test_host.py)"; fi

if python3 fpga/sim/test_report.py >"$log" 2>&1; then
  result OK "FPGA report reads a stopped nextpnr run (utilisation, Fmax estimate, router2 passes, router1 arcs left), the placer seed kept, per-block figures only from the same sources, and names the largest configuration ($(tail -1 "$log"))"
else result FAIL "FPGA report's nextpnr log reading (fpga/sim/test_report.py)"; fi

if python3 fpga/sim/test_pnr_watch.py >"$log" 2>&1; then
  result OK "place-and-route watcher: progress, a stalled route stopped, a few last wires not a stall, nextpnr's failures through, seeds tried until one meets the clock or the best route kept ($(tail -1 "$log"))"
else result FAIL "place-and-route watcher (fpga/sim/test_pnr_watch.py)"; fi

if python3 fpga/sim/test_resets.py >"$log" 2>&1; then
  result OK "resets' reach: flip-flops counted by the net on their LSR pin and by block ($(tail -1 "$log"))"
else result FAIL "resets' reach (fpga/sim/test_resets.py)"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
