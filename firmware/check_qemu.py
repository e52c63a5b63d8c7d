#!/usr/bin/env python3
"""Run the S-mode test payloads on QEMU virt under Debian's OpenSBI and check their output.

usage: check_qemu.py --qemu QEMU --bios FW_DYNAMIC --payload ELF --payload-fail ELF

This checks the payload and the SBI calls it makes, not Hive hardware: QEMU's own device
tree is used. Exit status 0 when both runs behave, 1 otherwise (with the console shown).
"""
import argparse
import subprocess
import sys

TIMEOUT_S = 60
SMP = 2  # a second hart, so that HSM reports a stopped hart too


def run(qemu, bios, payload):
    cmd = [qemu, "-machine", "virt", "-cpu", "rv64,h=false,sstc=false", "-m", "256M",
           "-smp", str(SMP), "-nographic", "-bios", bios, "-kernel", payload]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S,
                           stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        return None, out
    except OSError as e:
        return None, f"cannot run {qemu}: {e}"
    return r.returncode, r.stdout + r.stderr


def check(name, rc, out, expect, forbid):
    problems = []
    if rc is None:
        problems.append(f"QEMU did not exit within {TIMEOUT_S} s (SRST did not power off)")
    elif rc != 0:
        problems.append(f"QEMU exit status {rc}")
    problems += [f"missing line: {e!r}" for e in expect if e not in out]
    problems += [f"unexpected line: {f!r}" for f in forbid if f in out]
    if problems:
        print(f"check_qemu: {name}: FAIL", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        print("---- console ----\n" + out + "-----------------", file=sys.stderr)
        return False
    print(f"check_qemu: {name}: ok")
    return True


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--qemu", default="qemu-system-riscv64")
    p.add_argument("--bios", required=True)
    p.add_argument("--payload", required=True)
    p.add_argument("--payload-fail", required=True)
    a = p.parse_args()
    common = ["hive payload: hart 0 up", "hive payload: SBI spec 1.0, implementation OpenSBI",
              "hive payload: fdt cpus: 0 1\n", "hive payload: memory 0x80000000 size 0x10000000",
              "hive payload: sbi hart 0 started", "hive payload: sbi hart 1 stopped",
              "hive payload: 2 harts, fdt and HSM agree"]
    ok = True
    rc, out = run(a.qemu, a.bios, a.payload)
    ok &= check("payload", rc, out, common + ["hive payload: powering off (reason none)"],
                ["FAIL:", "SRST returned"])
    rc, out = run(a.qemu, a.bios, a.payload_fail)
    ok &= check("payload-fail", rc, out,
                common + ["hive payload: powering off (reason system failure)"],
                ["FAIL:", "SRST returned"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
