#!/usr/bin/env bash
# RTL unit tests: Verilator testbenches for blocks of rtl/core, built into build/rtl_unit/.
# Prints one line per test ("PASS name" / "FAIL name: why") and ends with "N passed, M failed";
# exits nonzero if anything failed. Run from anywhere; MULDIV_RANDOM sets the random operand
# pairs per muldiv op (default 20000).
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/build/rtl_unit
JOBS=${JOBS:-2}
MULDIV_RANDOM=${MULDIV_RANDOM:-20000}
mkdir -p "$OUT"

passed=0
failed=0
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

# Filters a testbench's output: PASS/FAIL lines are counted, everything else is indented detail.
count() {
    local line
    while IFS= read -r line; do
        case "$line" in
        PASS\ *) passed=$((passed + 1)); echo "$line" ;;
        FAIL\ *) failed=$((failed + 1)); echo "$line" ;;
        *) echo "$line" ;;
        esac
    done
}

# build NAME [DIR [VERILATOR_ARGS...]]: verilates rtl/core/NAME.sv with
# tests/rtl_unit/tb_NAME.cpp -> $OUT/DIR/tb_NAME (DIR: NAME unless given)
build() {
    local name=$1
    local dir=${2:-$1}
    shift $(($# < 2 ? $# : 2))
    local log=$OUT/$dir.build.log
    if ! OBJCACHE=ccache verilator --cc --exe --build -j "$JOBS" -Wall \
        --top-module "$name" -Mdir "$OUT/$dir" -o "tb_$name" \
        -CFLAGS "-O1 -std=c++17 -Wall" "$@" \
        "$ROOT/rtl/core/$name.sv" "$ROOT/tests/rtl_unit/tb_$name.cpp" >"$log" 2>&1; then
        fail "build $dir" "see $log"
        tail -n 20 "$log" | sed 's/^/  /'
        return 1
    fi
}

# run NAME[:DIR] ARGS...: runs $OUT/DIR/tb_NAME (DIR: NAME unless given); a nonzero exit
# without a FAIL line is a failure too.
run() {
    local name=${1%%:*}
    local dir=${1#*:}
    shift
    local before=$failed out rc
    out=$("$OUT/$dir/tb_$name" "$@" 2>&1)
    rc=$?
    count <<<"$out"
    if [ "$rc" -ne 0 ] && [ "$failed" -eq "$before" ]; then
        fail "tb_$name" "exit status $rc"
    fi
}

# rvc_expand: expectations from the GNU toolchain (objdump and as)
if python3 tests/rtl_unit/rvc_vectors.py "$OUT" >"$OUT/rvc_vectors.log" 2>&1; then
    sed 's/^/  /' "$OUT/rvc_vectors.log"
    if build rvc_expand; then run rvc_expand "$OUT"; fi
else
    fail "rvc_expand vectors from the GNU toolchain" "see $OUT/rvc_vectors.log"
    sed 's/^/  /' "$OUT/rvc_vectors.log" | tail -n 20
fi

# muldiv: C reference with __int128, on the simulator's unit and on the boards' (SHORT_PATHS)
if build muldiv; then run muldiv "$MULDIV_RANDOM"; fi
if build muldiv muldiv-short "-GSHORT_PATHS=1'b1" -CFLAGS -DSHORT_PATHS=1; then
    run muldiv:muldiv-short "$MULDIV_RANDOM"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
