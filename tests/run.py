#!/usr/bin/env python3
"""Hive test runner: discovers the test suites and runs them (docs/testing.md).

usage: tests/run.py [--tier test|regress] [--only PATTERN]... [-j N] [--list]
                    [--sim HIVE_SIM] [--build DIR] [--payload ELF] [--payload-fail ELF]
                    [--qemu QEMU] [--cc CC] [--cflags FLAGS] [--seeds A-B] [--diff-count K]
                    [--mp-seeds A-B]

Suites (test names are SUITE/NAME):
  isa-hive/*   every tests/isa/*.S on hive-sim (build/tests/isa/hive/NAME.elf)
  isa-qemu/*   the same tests on QEMU, except those marked "# hive-only": a check of the tests
  harness/*    hive-sim's command line: bad input -> 125, cycle bound -> 124, finisher codes,
               --signature format; fault injection, checkpoints, --console-in
               (tests/harness/sim_tests.py; core-halt and shape checks use build/sim/2x1)
  diff/*       random programs (tests/diff/gen.py), QEMU against hive-sim word by word
               (tier test: 5 seeds; regress: 200 seeds and 5 programs 20000 long)
  diff-qemu/*  the random programs on QEMU alone (a check of the generator); run only when
               --only names them
  boot/*       OpenSBI boot of the default machine with the test payload (regress also checks
               the failing payload)
  boot-cells/* OpenSBI and the test payload in every cell of 4x1 as 4, 2 and 1 cells and 4x2 as
               2 cells, checked against what the configuration implies (tests/boot/cells.py;
               tier test: 4x1 as 2 cells)
  kernel-cells/* the cell kernel's boot-time test suite in every cell of those configurations
               (regress)
  mp/*         multi-hart C programs (tests/mp/*.c) on 4x1 and (regress) 4x2: AMO counters,
               locks, queues, barrier, litmus tests checked against RVWMO
  mp-stress/*  random loads/stores/AMOs/LR-SC of all harts on a few shared lines (seeded)
  mp-fault/*   the memory fault model under --fail-node (2x1, 4x1)
  mp-sips/*    SIPS: all to all, flood with NACKs, bad input, SIPS to a failed node (4x1, 4x2)
  flash/*      tests/flash/*.S, bare-metal checks of the firewall, cutoff and cell mask (2x1, or
               the shapes and fault injections of a program's `// run:` lines)
  rtl-unit/*   tests/rtl_unit/run.sh (Verilator testbenches), one line per check
  kernel-unit/* tests/kernel/run.sh (host cmocka tests of kernel modules), one line per test
  fpga/*       `make fpga-check` (no FPGA tools needed): `make synth-check` (Yosys 0.23 reads
               rtl/, plain and SHORT_PATHS), lint of the board tops, the SDRAM
               controller against the behavioural SDRAM (also at the ULX3S clock), and the ULX3S
               top running a bare-metal program loaded over its UART pins; one line per check
  regs/*       tools/gen_regs.py on memory maps that break the windows' rules the RTL decodes
               by (power-of-two sizes, aligned bases, REMAP as large as GLOBAL, GLOBAL at a
               power of two above the rest): each refused with the window's name; the
               project's own map accepted

--only PATTERN selects tests by name: a shell pattern (isa-*/vm_*) or, without wildcard
characters, a substring (timer). A test whose prerequisite (binary, ELF, tool) is missing
fails and says which one. Prints one line per test, `PASS|FAIL NAME (SECONDS s)` with the
reason of a failure on the following lines, and ends with exactly `N passed, N failed`.
Exit status 0 when every selected test passed, 1 otherwise, 2 for bad usage or when no test
matches.
"""
import argparse
import concurrent.futures
import fnmatch
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "diff"))
sys.path.insert(0, os.path.join(HERE, "harness"))
import diff as difftest  # noqa: E402
import sim_tests  # noqa: E402  (tests/harness/sim_tests.py: faults, checkpoints, console input)
sys.path.insert(0, os.path.join(HERE, "mp"))
import mp as mptest  # noqa: E402  (tests/mp/mp.py: multi-hart programs, stress, fault model)
sys.path.insert(0, os.path.join(HERE, "boot"))
import cells as cellstest  # noqa: E402  (tests/boot/cells.py: boots and kernels of the cells)

# QEMU for the ISA tests: the virt machine with the Hive core's extensions (no F/D, no H), all
# 29 hpm counters. tests/diff uses DESIGN.md's reference CPU (F/D present but never used).
QEMU_ISA_CPU = "rv64,h=false,sstc=false,f=false,d=false,pmu-num=29"
ISA_MAX_CYCLES = 2_000_000
ISA_TIMEOUT_S = 600
QEMU_TIMEOUT_S = 60
HARNESS_TIMEOUT_S = 300
BOOT_MAX_CYCLES = 100_000_000   # a boot to the payload takes about 6 M
BOOT_TIMEOUT_S = 3600
OPENSBI_BANNER = "OpenSBI v1.1"
PAYLOAD_OK = "hive payload: powering off (reason none)"
PAYLOAD_FAILED = "hive payload: powering off (reason system failure)"
PAYLOAD_CHECK_FAILED = "hive payload: FAIL:"
SIGNATURE_EXPECTED = ["0123456789abcdef", "fedcba9876543210", "0000000000000000",
                      "0000000011223344"]
DIFF_SEEDS = {"test": range(1, 6), "regress": range(1, 201)}
DIFF_LONG = {"test": [], "regress": [(s, 20000) for s in range(1001, 1006)]}
DIFF_COUNT = 3000


class Fail(Exception):
    """A test failed; the message says why."""


def tail(text, n=10):
    lines = [ln for ln in (text or "").splitlines() if ln.strip()]
    return "\n".join(lines[-n:])


def run(cmd, timeout, what):
    """Run a command; returns CompletedProcess or raises Fail (missing binary, time-out)."""
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, errors="replace")
    except FileNotFoundError:
        raise Fail(f"{what}: {cmd[0]} not found")
    except PermissionError:
        raise Fail(f"{what}: {cmd[0]} is not executable")
    except subprocess.TimeoutExpired:
        raise Fail(f"{what}: no exit within {timeout} s (killed)")


class Ctx:
    def __init__(self, a):
        self.a = a
        self.sim = a.sim
        self.build = a.build
        self.tests_out = os.path.join(a.build, "tests")
        self.Fail = Fail

    def need(self, path, how):
        if not os.path.exists(path):
            raise Fail(f"missing {path} ({how})")
        return path

    def need_sim(self):
        return self.need(self.sim, "build it with `make sim`")

    def sim_run(self, args, timeout, what="hive-sim"):
        return run([self.need_sim()] + args, timeout, what)


# ---- ISA tests -------------------------------------------------------------------------------
def isa_sources():
    d = os.path.join(HERE, "isa")
    out = []
    for f in sorted(os.listdir(d)):
        if f.endswith(".S"):
            with open(os.path.join(d, f)) as fh:
                hive_only = any(ln.startswith("# hive-only") for ln in fh)
            out.append((f[:-2], hive_only))
    return out


def explain_isa_status(rc, name):
    if 1 <= rc <= 99:
        return f"check {rc} failed (or trapped unexpectedly): see tests/isa/{name}.S, gp = {rc}"
    if rc == 100:
        return "failed with a code above 99, or reset"
    if rc == 124:
        return "cycle bound reached: the test hung"
    if rc == 125:
        return "hive-sim refused the input"
    if rc < 0:
        return f"killed by signal {-rc}"
    return f"exit status {rc}"


def isa_hive(ctx, name):
    elf = ctx.need(os.path.join(ctx.tests_out, "isa", "hive", name + ".elf"),
                   "build it with `make tests-elfs`")
    r = ctx.sim_run(["--elf", elf, "--max-cycles", str(ISA_MAX_CYCLES)], ISA_TIMEOUT_S)
    if r.returncode != 0:
        raise Fail(f"exit {r.returncode}: {explain_isa_status(r.returncode, name)}\n"
                   f"{tail(r.stdout + r.stderr, 6)}")


def isa_qemu(ctx, name):
    elf = ctx.need(os.path.join(ctx.tests_out, "isa", "qemu", name + ".elf"),
                   "build it with `make tests-elfs`")
    r = run([ctx.a.qemu, "-machine", "virt", "-cpu", QEMU_ISA_CPU, "-bios", "none",
             "-nographic", "-kernel", elf], QEMU_TIMEOUT_S, "QEMU")
    if r.returncode != 0:
        raise Fail(f"exit {r.returncode}: {explain_isa_status(r.returncode, name)}\n"
                   f"{tail(r.stdout + r.stderr, 6)}")


# ---- harness command line ----------------------------------------------------------------------
def expect_status(r, want, what):
    if r.returncode != want:
        raise Fail(f"{what}: exit {r.returncode}, expected {want}\n{tail(r.stdout + r.stderr, 6)}")


def harness_elf(ctx, name):
    return ctx.need(os.path.join(ctx.tests_out, "harness", name + ".elf"),
                    "build it with `make tests-elfs`")


def h_unknown_flag(ctx):
    r = ctx.sim_run(["--no-such-flag"], HARNESS_TIMEOUT_S)
    expect_status(r, 125, "unknown flag")
    if "no-such-flag" not in r.stderr:
        raise Fail("the error message does not name the flag:\n" + tail(r.stderr))


def h_bad_number(ctx):
    r = ctx.sim_run(["--elf", harness_elf(ctx, "pass"), "--max-cycles", "many"],
                    HARNESS_TIMEOUT_S)
    expect_status(r, 125, "--max-cycles many")


def h_missing_file(ctx):
    missing = os.path.join(ctx.tests_out, "no-such-file.elf")
    r = ctx.sim_run(["--elf", missing], HARNESS_TIMEOUT_S)
    expect_status(r, 125, "missing ELF")
    if "no-such-file" not in r.stderr:
        raise Fail("the error message does not name the file:\n" + tail(r.stderr))


def h_missing_payload(ctx):
    r = ctx.sim_run(["--payload", os.path.join(ctx.tests_out, "no-such-payload.elf")],
                    HARNESS_TIMEOUT_S)
    expect_status(r, 125, "missing payload")


def h_not_riscv(ctx):
    host = shutil.which("ls") or "/bin/ls"
    r = ctx.sim_run(["--elf", host], HARNESS_TIMEOUT_S)
    expect_status(r, 125, f"host ELF {host}")


def h_host_object(ctx):
    cc = shutil.which("cc") or shutil.which("gcc")
    if not cc:
        raise Fail("no host C compiler (cc/gcc) to make a host object")
    with tempfile.TemporaryDirectory() as d:
        src, obj = os.path.join(d, "x.c"), os.path.join(d, "x.o")
        with open(src, "w") as f:
            f.write("int x(void) { return 1; }\n")
        r = run([cc, "-c", src, "-o", obj], HARNESS_TIMEOUT_S, "host cc")
        if r.returncode != 0:
            raise Fail("cannot compile a host object:\n" + tail(r.stderr))
        r = ctx.sim_run(["--elf", obj], HARNESS_TIMEOUT_S)
    expect_status(r, 125, "host object file")


def h_not_elf(ctx):
    r = ctx.sim_run(["--elf", os.path.abspath(__file__)], HARNESS_TIMEOUT_S)
    expect_status(r, 125, "a text file as --elf")


def h_elf_with_cells(ctx):
    r = ctx.sim_run(["--elf", harness_elf(ctx, "pass"), "--payload", harness_elf(ctx, "pass")],
                    HARNESS_TIMEOUT_S)
    expect_status(r, 125, "--elf together with --payload")


def h_cycle_bound(ctx):
    r = ctx.sim_run(["--elf", harness_elf(ctx, "loop"), "--max-cycles", "10000"],
                    HARNESS_TIMEOUT_S)
    expect_status(r, 124, "infinite loop with --max-cycles 10000")


def h_pass(ctx):
    expect_status(ctx.sim_run(["--elf", harness_elf(ctx, "pass")], HARNESS_TIMEOUT_S), 0,
                  "finisher pass")


def h_fail7(ctx):
    expect_status(ctx.sim_run(["--elf", harness_elf(ctx, "fail7")], HARNESS_TIMEOUT_S), 7,
                  "finisher fail code 7")


def h_fail150(ctx):
    expect_status(ctx.sim_run(["--elf", harness_elf(ctx, "fail150")], HARNESS_TIMEOUT_S), 100,
                  "finisher fail code 150")


def h_signature(ctx):
    with tempfile.TemporaryDirectory() as d:
        sig = os.path.join(d, "sig.txt")
        r = ctx.sim_run(["--elf", harness_elf(ctx, "signature"), "--signature", sig],
                        HARNESS_TIMEOUT_S)
        expect_status(r, 0, "signature program")
        try:
            with open(sig) as f:
                got = f.read().splitlines()
        except FileNotFoundError:
            raise Fail("no signature file written")
    if got != SIGNATURE_EXPECTED:
        raise Fail(f"signature lines {got}, expected {SIGNATURE_EXPECTED}")


HARNESS_TESTS = [
    ("unknown-flag", h_unknown_flag), ("bad-number", h_bad_number),
    ("missing-file", h_missing_file), ("missing-payload", h_missing_payload),
    ("not-riscv-elf", h_not_riscv), ("host-object", h_host_object), ("not-elf", h_not_elf),
    ("elf-with-payload", h_elf_with_cells), ("cycle-bound", h_cycle_bound),
    ("finisher-pass", h_pass), ("finisher-fail-7", h_fail7), ("finisher-fail-150", h_fail150),
    ("signature", h_signature),
]


# ---- random differential tests -------------------------------------------------------------------
def diff_seed(ctx, seed, count, qemu_only):
    out = os.path.join(ctx.tests_out, "diff" if not qemu_only else "diff-qemu",
                       f"seed-{seed}" + (f"-n{count}" if count != DIFF_COUNT else ""))
    if not qemu_only:
        ctx.need_sim()
    ok, msg = difftest.run_seed(seed, count, out, sim=ctx.sim, qemu=ctx.a.qemu, cc=ctx.a.cc,
                                cflags=ctx.a.cflags,
                                include=os.path.join(ctx.tests_out, "gen"), qemu_only=qemu_only)
    if not ok:
        raise Fail(msg)


# ---- OpenSBI boot ------------------------------------------------------------------------------------
def boot(ctx, elf, want_status, want_line):
    ctx.need(elf, "build it with `make payload`")
    r = ctx.sim_run(["--payload", elf, "--max-cycles", str(BOOT_MAX_CYCLES)], BOOT_TIMEOUT_S)
    out = r.stdout
    problems = []
    if r.returncode != want_status:
        problems.append(f"exit {r.returncode}, expected {want_status}")
    if OPENSBI_BANNER not in out:
        problems.append(f"no {OPENSBI_BANNER!r} banner on the console")
    if want_line not in out:
        problems.append(f"no {want_line!r} line on the console")
    if want_status == 0 and PAYLOAD_CHECK_FAILED in out:
        problems.append("the payload reported a failed check")
    if problems:
        raise Fail("; ".join(problems) + "\n" + tail(out + r.stderr, 15))


# ---- FLASH features (tests/flash: bare-metal, each hart finds its role by mhartid) -------------------
# A program runs on 2x1 and must pass, unless it has lines `// run: SHAPE STATUS [ARGS...]`: then
# each is one run of that model (tests/mp/mp.py's model()) with those hive-sim arguments (a fault
# to inject, --check-coherence), which must end with exit status STATUS.
FLASH_MAX_CYCLES = 5_000_000
FLASH_RUN = re.compile(r"^//\s*run:\s*(\S+)\s+(\d+)(.*)$")


def flash_sources():
    d = os.path.join(HERE, "flash")
    return sorted(f[:-2] for f in os.listdir(d) if f.endswith(".S")) if os.path.isdir(d) else []


def flash_runs(name):
    with open(os.path.join(HERE, "flash", name + ".S")) as f:
        runs = [(m.group(1), int(m.group(2)), m.group(3).split())
                for m in map(FLASH_RUN.match, f) if m]
    return runs or [("2x1", 0, [])]


def flash(ctx, name):
    elf = ctx.need(os.path.join(ctx.tests_out, "flash", name + ".elf"),
                   "build it with `make tests-elfs`")
    for shape, status, args in flash_runs(name):
        r = run([mptest.model(ctx, shape), "--elf", elf, "--max-cycles", str(FLASH_MAX_CYCLES)]
                + args, ISA_TIMEOUT_S, f"hive-sim {shape}")
        if r.returncode != status:
            raise Fail(f"{shape} {' '.join(args)}: exit {r.returncode}, expected {status}\n"
                       f"{tail(r.stdout + r.stderr, 6)}")
# ---- suites of other runners: one result line per test they report ----------------------------
RTL_UNIT_TIMEOUT_S = 1800
KERNEL_UNIT_TIMEOUT_S = 1800
FPGA_CHECK_TIMEOUT_S = 1800
SUITE_LINE = [
    (re.compile(r"^PASS (.+?)(?: \(.*\))?$"), True),          # tests/rtl_unit/run.sh
    (re.compile(r"^FAIL (.+?)(?:: (.*))?$"), False),
    (re.compile(r"^\[       OK \] (\S+)"), True),              # cmocka
    (re.compile(r"^\[  FAILED  \] (\S+?):? ?(.*)$"), False),
]


def script_suite(ctx, suite, cmd, timeout):
    """Runs a script that prints a PASS/FAIL (or cmocka OK/FAILED) line per test; returns
    [(SUITE/NAME, ok, why)] for run() to report one by one. A script that fails without a failed
    line, or reports nothing, is one failed result."""
    r = run(cmd, timeout, suite)
    results, seen = [], set()
    for line in r.stdout.splitlines():
        for rx, ok in SUITE_LINE:
            m = rx.match(line)
            if not m:
                continue
            name = re.sub(r"[^A-Za-z0-9_.+-]+", "_", m.group(1).strip()).strip("_")
            key = (name, ok)
            if name and key not in seen and not (ok is False and name == "FAILED"):
                seen.add(key)
                detail = m.group(2) if m.lastindex and m.lastindex >= 2 else None
                why = "" if ok else (detail or "failed")
                results.append((f"{suite}/{name}", ok, why))
            break
    # a cmocka group lists its failures twice (as they happen and in the summary)
    failed_names = {n for n, ok, _ in results if not ok}
    results = [t for t in results if not t[1] or t[0] not in failed_names]
    if r.returncode != 0 and not failed_names:
        results.append((f"{suite}/exit-status", False,
                        f"{' '.join(cmd)} exited {r.returncode}\n{tail(r.stdout + r.stderr)}"))
    if not results:
        results.append((f"{suite}/output", False,
                        f"{' '.join(cmd)} reported no test\n{tail(r.stdout + r.stderr)}"))
    return results


# ---- discovery, selection, running -------------------------------------------------------------------
# ---- formal: rumur on the Murphi model (docs/formal.md): the smallest configuration must pass,
# each planted bug must be rejected with a counterexample
def formal_check(ctx, name, cfg, timeout):
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    import gen_murphi
    res = gen_murphi.check(dict(cfg, name=name), os.path.join(ctx.build, "formal"), timeout)
    want = "error" if "bug" in cfg else "ok"
    if res["status"] != want:
        raise Fail(f"rumur: {res['status']} (wanted {want}): {res.get('message', '')}")


def formal_tests(tier):
    """test: the smallest configuration and the planted bugs; regress: also every
    configuration of `make formal`."""
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    import gen_murphi
    cfgs = dict(gen_murphi.TEST_CONFIGS, **gen_murphi.bug_configs())
    if tier == "regress":
        cfgs.update(gen_murphi.CONFIGS)
    return [(f"formal/{n}", lambda c, n=n, g=g: formal_check(c, n, g, gen_murphi.TIMEOUT_S), False)
            for n, g in cfgs.items()]


# ---- the memory map's windows: tools/gen_regs.py must refuse what the RTL cannot decode ---------
# Each case breaks one rule that core.sv's routing and node.sv's decoder (bit fields, `in_win`)
# rely on; gen_regs must exit naming the window. The project's own map must pass.
# (case, table in regs/hive_regs.py, window, new base or None, new size or None, message)
REGS_WINDOWS = [
    ("map-ok", None, None, None, None, None),
    ("unaligned-base", "NODEDEV", "UART", 0x10_0800, None, "NODEDEV UART needs a power-of-two"),
    ("outside-device-block", "NODEDEV", "CTRL", 0x100_0000, None, "NODEDEV CTRL needs"),
    ("size-not-power-of-two", "MAP", "MFINISH", None, 0x1800, "MFINISH needs a power-of-two"),
    ("remap-not-global-size", "MAP", "REMAP", None, 0x2000_0000, "REMAP and GLOBAL need one size"),
    ("global-base-not-power-of-two", "MAP", "GLOBAL", 0x1_8000_0000, None,
     "GLOBAL needs a power-of-two base"),
]


def regs_window(table, window, base, size, message):
    # a process of its own: the case edits gen_regs' view of the map
    edit = "" if table is None else (
        f"t = R.{table}; i = [w[0] for w in t].index({window!r}); n, b, z, d = t[i]; "
        f"t[i] = (n, {'b' if base is None else base}, {'z' if size is None else size}, d); ")
    tools = os.path.join(ROOT, "tools")
    code = f"import sys; sys.path.insert(0, {tools!r}); import gen_regs; R = gen_regs.R; {edit}gen_regs.check_windows()"
    r = run([sys.executable, "-c", code], 60, "tools/gen_regs.py")
    if message is None:
        if r.returncode != 0:
            raise Fail(f"the project's map was refused: {tail(r.stderr, 3)}")
    elif r.returncode == 0 or message not in r.stderr:
        raise Fail(f"exit {r.returncode}, expected a refusal with {message!r}: {tail(r.stderr, 3)}")


def discover(a):
    """All tests of the tier as (name, function, on_demand)."""
    tests = []
    for name, hive_only in isa_sources():
        tests.append((f"isa-hive/{name}", lambda c, n=name: isa_hive(c, n), False))
    for name, hive_only in isa_sources():
        if not hive_only:
            tests.append((f"isa-qemu/{name}", lambda c, n=name: isa_qemu(c, n), False))
    for name, fn in HARNESS_TESTS + sim_tests.tests(a.tier, Fail, run, tail):
        tests.append((f"harness/{name}", fn, False))
    seeds = [(s, a.diff_count) for s in (a.seeds or DIFF_SEEDS[a.tier])]
    if not a.seeds:
        seeds += DIFF_LONG[a.tier]
    for s, n in seeds:
        suffix = f"seed-{s}" + (f"-n{n}" if n != DIFF_COUNT else "")
        tests.append((f"diff/{suffix}", lambda c, s=s, n=n: diff_seed(c, s, n, False), False))
    for s, n in seeds:
        suffix = f"seed-{s}" + (f"-n{n}" if n != DIFF_COUNT else "")
        tests.append((f"diff-qemu/{suffix}", lambda c, s=s, n=n: diff_seed(c, s, n, True), True))
    for name in flash_sources():
        tests.append((f"flash/{name}", lambda c, n=name: flash(c, n), False))
    for name, fn in mptest.tests(a.tier, a.mp_seeds):
        tests.append((name, fn, False))
    for name, fn in cellstest.tests(a.tier):
        tests.append((name, fn, False))
    tests.append(("rtl-unit", lambda c: script_suite(c, "rtl-unit", ["tests/rtl_unit/run.sh"],
                                                     RTL_UNIT_TIMEOUT_S), False))
    tests.append(("kernel-unit", lambda c: script_suite(c, "kernel-unit",
                                                        ["tests/kernel/run.sh", c.build],
                                                        KERNEL_UNIT_TIMEOUT_S), False))
    # a make of its own (its models and programs are fpga/fpga.mk's), not under this make's jobserver
    tests.append(("fpga", lambda c: script_suite(c, "fpga", ["env", "-u", "MAKEFLAGS", "-u", "MAKELEVEL",
                                                             "make", "--no-print-directory", "-s",
                                                             "fpga-check"], FPGA_CHECK_TIMEOUT_S), False))
    for case, *args in REGS_WINDOWS:
        tests.append((f"regs/{case}", lambda c, args=args: regs_window(*args), False))
    tests.append(("boot/opensbi", lambda c: boot(c, a.payload, 0, PAYLOAD_OK), False))
    tests += formal_tests(a.tier)
    if a.tier == "regress":
        tests.append(("boot/opensbi-payload-fail",
                      lambda c: boot(c, a.payload_fail, 101, PAYLOAD_FAILED), False))
    return tests


def matches(name, pattern):
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(name, pattern)
    return pattern in name


def parse_seeds(text):
    m = re.fullmatch(r"(\d+)(?:-(\d+))?", text)
    if not m:
        raise argparse.ArgumentTypeError(f"bad seed range {text!r} (use N or A-B)")
    lo = int(m.group(1))
    hi = int(m.group(2) or lo)
    if hi < lo:
        raise argparse.ArgumentTypeError(f"empty seed range {text!r}")
    return range(lo, hi + 1)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="\n".join(__doc__.split("\n")[2:]))
    p.add_argument("--tier", choices=["test", "regress"], default="test")
    p.add_argument("--only", action="append", default=[], metavar="PATTERN")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--list", action="store_true", help="list the selected tests, run nothing")
    p.add_argument("--sim", default=os.environ.get("HIVE_SIM",
                                                   os.path.join(ROOT, "build", "sim", "1x1", "hive-sim")))
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--payload", help="S-mode test payload (default BUILD/firmware/payload.elf)")
    p.add_argument("--payload-fail",
                   help="payload that fails on purpose (default BUILD/firmware/payload-fail.elf)")
    p.add_argument("--qemu", default="qemu-system-riscv64")
    p.add_argument("--cc", default="riscv64-unknown-elf-gcc")
    p.add_argument("--cflags", default=difftest.DEFAULT_CFLAGS)
    p.add_argument("--seeds", type=parse_seeds, help="diff seeds, N or A-B (replaces the tier's)")
    p.add_argument("--diff-count", type=int, default=DIFF_COUNT,
                   help=f"random instructions per diff program (default {DIFF_COUNT})")
    p.add_argument("--mp-seeds", type=parse_seeds,
                   help="mp-stress seeds, N or A-B (replaces the tier's)")
    a = p.parse_args()
    if a.jobs < 1:
        p.error("-j must be at least 1")
    a.sim = os.path.abspath(a.sim)
    a.build = os.path.abspath(a.build)
    a.payload = os.path.abspath(a.payload or os.path.join(a.build, "firmware", "payload.elf"))
    a.payload_fail = os.path.abspath(a.payload_fail or
                                     os.path.join(a.build, "firmware", "payload-fail.elf"))
    os.chdir(ROOT)

    tests = discover(a)
    # the longest tests first, so that they overlap the many short ones
    tests.sort(key=lambda t: 0 if t[0].startswith("kernel-cells/") else
               1 if t[0].startswith(("boot/", "boot-cells/")) else 2)
    if a.only:
        tests = [t for t in tests if any(matches(t[0], pat) for pat in a.only)]
    else:
        tests = [t for t in tests if not t[2]]
    if not tests:
        print("run.py: no test matches " + " ".join(a.only), file=sys.stderr)
        return 2
    if a.list:
        for name, _, _ in tests:
            print(name)
        return 0

    ctx = Ctx(a)
    lock = threading.Lock()
    results = {}
    order = []

    def one(test):
        name, fn, _ = test
        t0 = time.monotonic()
        subs = None
        try:
            subs = fn(ctx)
            ok, why = True, ""
        except Fail as e:
            ok, why = False, str(e)
        except Exception as e:  # a bug in a test function is a failure, not a crash
            ok, why = False, f"internal error: {type(e).__name__}: {e}"
        dt = time.monotonic() - t0
        if not isinstance(subs, list):  # a suite of another runner reports its tests itself
            subs = [(name, ok, why)]
        with lock:
            for sub, ok, why in subs:
                results[sub] = (ok, why, dt)
                order.append(sub)
                print(f"{'PASS' if ok else 'FAIL'} {sub} ({dt:.1f} s)", flush=True)
                if why:
                    print("    " + why.replace("\n", "\n    "), flush=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
        list(pool.map(one, tests))

    failed = [n for n in order if not results[n][0]]
    if failed:
        print("failed: " + " ".join(failed))
    print(f"{len(order) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
