#!/bin/sh
# Runs the kernel's boot-time test suite and checks its result.
# usage: run_test.sh qemu|qemu-panic|qemu-panic-nested|qemu-shell|sim|sim-panic|sim-shell HARTS
#        "COMMAND"
# qemu: COMMAND -smp HARTS with no input; passes when init reports no failure and the cell
#       powers off. qemu-panic: the kernel was asked to panic (bootargs panic-test); passes
#       when it reports the panic, calls the memory cutoff and stops by SRST.
# qemu-panic-nested: the same with a fault inside panic (bootargs panic-nested-test): passes when
#       the trap inside panic is reported and the cell still cuts off and stops by SRST.
# qemu-shell, sim-shell: as qemu and sim, with tests/kernel/shell-input.txt on the console
#       (the kernel's rc is short, init then runs a shell on it); passes also only when every
#       line of tests/kernel/shell-expect.txt ends a console line.
# sim: COMMAND as is; passes when hive-sim exits 0 (SRST reason "none"). sim-panic: passes when
#       the kernel reports the panic and the cutoff and hive-sim exits 101 (the cell failed).
kind=$1; harts=$2; cmd=$3
log=build/kernel/test-$kind-$harts.log
mkdir -p build/kernel
input=/dev/null
case $kind in *-shell) input=tests/kernel/shell-input.txt ;; esac
case $kind in
qemu*) timeout 300 $cmd -smp "$harts" < "$input" > "$log" 2>&1 ;;
*) $cmd < "$input" > "$log" 2>&1 ;;
esac
rc=$?
if [ "$input" != /dev/null ]; then
	missing=$(grep -v '^#' tests/kernel/shell-expect.txt | while IFS= read -r want; do
		tr -d '\r' < "$log" | grep -a -q -E "$want\$" || echo "$want"
	done)
	if [ -n "$missing" ]; then
		echo "kernel-test-$kind: FAIL (the shell did not print: $missing; log $log)"
		exit 1
	fi
	echo "kernel-test-$kind: the shell printed every expected line"
	kind=${kind%-shell}
fi
grep -a -E '^(\[cell[0-9]+\] )?(init:|ktest:|fuzz:|demo:|PANIC|hive:|memory cutoff)' "$log" | tail -40
if [ "$kind" = qemu-panic ] || [ "$kind" = sim-panic ] || [ "$kind" = qemu-panic-nested ]; then
	want_rc=0
	[ "$kind" = sim-panic ] && want_rc=101
	if [ "$kind" = qemu-panic-nested ] && ! grep -q 'trap inside panic' "$log"; then
		echo "kernel-test-$kind: FAIL (no trap inside panic reported; log $log)"
		exit 1
	fi
	if [ $rc -eq $want_rc ] && grep -q 'PANIC: cell 0' "$log" && grep -q 'memory cutoff' "$log" && \
	   grep -q 'stopped by panic' "$log"; then
		echo "kernel-test-$kind: PASS"
		exit 0
	fi
	echo "kernel-test-$kind: FAIL (log $log)"
	exit 1
fi
if [ "$kind" = qemu ]; then
	if [ $rc -eq 0 ] && grep -q 'init: [0-9]* passed, 0 failed' "$log" && \
	   grep -q 'powering off (all passed)' "$log"; then
		echo "kernel-test-$kind ($harts harts): PASS"
		exit 0
	fi
else
	if [ $rc -eq 0 ]; then
		echo "kernel-test-$kind: PASS (hive-sim exit 0)"
		exit 0
	fi
fi
echo "kernel-test-$kind ($harts harts): FAIL (status $rc, log $log)"
exit 1
