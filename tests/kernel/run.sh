#!/bin/sh
# Host-side unit tests of kernel modules (cmocka, built with ASan and UBSan, and those with
# threads also with TSan): the device-tree parser, the frame and tagged allocators, the
# page-table code, the ELF checks, the file system with its page cache, user address spaces
# (demand paging, COW), and the run queues. Prints cmocka's output for each group and a
# closing "N passed, N failed" line (tests); exits 1 if any test failed or did not build.
# usage: tests/kernel/run.sh [BUILD_DIR]
set -u
cd "$(dirname "$0")/../.."
out=${1:-build}/kernel-unit
mkdir -p "$out"
CC=${HOST_CC:-gcc}
CFLAGS="-std=gnu11 -g -O1 -Wall -Wextra -Werror -DKERNEL_HOST -Ikernel -Itests/kernel -Ibuild/gen
        -fno-omit-frame-pointer -pthread"
ASAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
# groups with tests of several threads (harts) are built a second time with ThreadSanitizer,
# which reports an unordered pair of accesses whichever way the threads happen to interleave
TSAN_GROUPS="mem"
dtc -q -I dts -O dtb -o "$out/hive-2node.dtb" tests/kernel/hive-2node.dts || exit 1
dtc -q -I dts -O dtb -o "$out/qemu-like.dtb" tests/kernel/qemu-like.dts || exit 1
export KERNEL_TEST_DTB_DIR="$out"
[ -f build/user/echo.elf ] && export KERNEL_TEST_ELF=build/user/echo.elf
[ -d build/boot/1x1 ] && export KERNEL_TEST_BOOT_DIR=build/boot/1x1

# test name and the kernel sources it links
# (host.c and kernel/mem.c are linked into every test)
groups="fdt:fdt.c
mem:
kalloc:kalloc.c
pt:pt.c
elf:elf.c
fs:kalloc.c pagecache.c fs.c cell.c ../tests/kernel/host_uaccess.c
vm:kalloc.c pagecache.c fs.c cell.c pt.c vm.c
runq:runq.c"

pass=0
fail=0
# build_run BINARY SANITIZER_FLAGS NAME KERNEL_SOURCES
build_run() {
	if ! $CC $CFLAGS $2 -o "$out/$1" "tests/kernel/test_$3.c" tests/kernel/host.c kernel/mem.c \
	     $4 -lcmocka > "$out/build_$1.log" 2>&1; then
		cat "$out/build_$1.log"
		echo "[  FAILED  ] $1: does not build"
		return
	fi
	"$out/$1" > "$out/run_$1.log" 2>&1
	st=$?
	cat "$out/run_$1.log"
	if [ $st -ne 0 ] && ! grep -q 'listed below' "$out/run_$1.log"; then
		echo "[  FAILED  ] $1: crashed (status $st)"
	fi
}
echo "$groups" | while IFS=: read -r name srcs; do
	ksrcs=""
	for s in $srcs; do ksrcs="$ksrcs kernel/$s"; done
	build_run "test_$name" "$ASAN" "$name" "$ksrcs"
	case " $TSAN_GROUPS " in
	*" $name "*) build_run "test_${name}_tsan" -fsanitize=thread "$name" "$ksrcs" ;;
	esac
done > "$out/all.log" 2>&1
cat "$out/all.log"
pass=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\.$/\1/p' "$out/all.log" | awk '{s+=$1} END {print s+0}')
fail=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:$/\1/p' "$out/all.log" | awk '{s+=$1} END {print s+0}')
fail=$((fail + $(grep -c 'does not build\|: crashed (status' "$out/all.log")))
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
