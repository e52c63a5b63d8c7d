#!/usr/bin/env python3
"""Differential test of one random program: QEMU against hive-sim, word by word.

usage: diff.py --seed N [--count K] [--sim HIVE_SIM] [--qemu-only] [--bisect] [--out DIR]
               [--cc CC] [--cflags FLAGS] [--include DIR]

Generates tests/diff/gen.py's program for the seed, builds it twice (tests/diff/link.ld +
epilogue.S, -DTARGET_HIVE and -DTARGET_QEMU: the same bytes except the epilogue), runs the
QEMU build on `qemu-system-riscv64 -machine virt -cpu rv64,h=false,sstc=false -bios none`
(it prints its signature on the UART) and the hive build on `hive-sim --elf --signature`, and
compares the signatures. On a mismatch it prints the seed, the first differing word, what that
word holds and both values. With --qemu-only it checks only that the QEMU run completes with a
full signature (a self-check of the generator). With --bisect it then looks for the shortest
prefix of the program that still disagrees and shows its last instructions (the culprit is
usually the last one). tests/run.py uses run_seed() directly.
Exit status 0 when the runs agree, 1 otherwise.
"""
import argparse
import os
import shlex
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
QEMU_CMD = ["-machine", "virt", "-cpu", "rv64,h=false,sstc=false", "-bios", "none",
            "-nographic"]
QEMU_TIMEOUT_S = 60
HIVE_TIMEOUT_S = 900


def hive_max_cycles(count):
    """Cycle bound of a random program: generous (its IPC is about 0.3 and it runs about
    twice its count in instructions) but small enough that a hang costs seconds."""
    return 1_000_000 + 200 * count

DEFAULT_CFLAGS = "-misa-spec=2.2 -march=rv64imac -mabi=lp64 -mcmodel=medany"


class DiffError(Exception):
    pass


def tail(text, n=8):
    lines = [ln for ln in (text or "").splitlines() if ln.strip()]
    return "\n".join("    " + ln for ln in lines[-n:])


def build(seed, count, outdir, cc, cflags, include):
    """Write prog.S and build hive.elf and qemu.elf into outdir; returns their paths."""
    os.makedirs(outdir, exist_ok=True)
    src = os.path.join(outdir, "prog.S")
    with open(src, "w") as f:
        f.write(gen.generate(seed, count))
    if not os.path.exists(os.path.join(include, "hive_regs_asm.h")):
        raise DiffError(f"missing {include}/hive_regs_asm.h (run `make tests-elfs`)")
    elfs = {}
    for target in ("hive", "qemu"):
        elf = os.path.join(outdir, f"{target}.elf")
        cmd = ([cc] + shlex.split(cflags) +
               ["-nostdlib", "-nostartfiles", "-static", "-I", include,
                f"-DTARGET_{target.upper()}", "-T", os.path.join(HERE, "link.ld"),
                src, os.path.join(HERE, "epilogue.S"), "-o", elf])
        try:
            r = subprocess.run(cmd, capture_output=True, text=True)
        except OSError as e:
            raise DiffError(f"cannot run {cc}: {e}")
        if r.returncode != 0:
            raise DiffError(f"build of {src} ({target}) failed:\n{tail(r.stderr, 20)}")
        elfs[target] = elf
    return elfs["hive"], elfs["qemu"]


def elf_sections(path):
    """{name: bytes} of the allocated sections of a little-endian ELF64 file."""
    with open(path, "rb") as f:
        img = f.read()
    if img[:4] != b"\x7fELF" or img[4] != 2 or img[5] != 1:
        raise DiffError(f"{path} is not a little-endian ELF64 file")
    shoff, = struct.unpack_from("<Q", img, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", img, 0x3a)
    hdrs = [struct.unpack_from("<IIQQQQIIQQ", img, shoff + i * shentsize) for i in range(shnum)]
    strtab = hdrs[shstrndx]
    names = img[strtab[4]:strtab[4] + strtab[5]]
    out = {}
    for name_off, typ, flags, _addr, off, size, *_ in hdrs:
        if flags & 2 and typ != 8:   # SHF_ALLOC, not NOBITS
            name = names[name_off:names.index(b"\0", name_off)].decode()
            out[name] = img[off:off + size]
    return out


def check_same_body(hive_elf, qemu_elf):
    """Both builds must hold the same bytes everywhere but in the epilogue, or register values
    that are addresses would differ between the two runs."""
    a, b = elf_sections(hive_elf), elf_sections(qemu_elf)
    for name in (".text", ".data"):
        if a.get(name) != b.get(name):
            raise DiffError(f"the hive and QEMU builds differ in {name}: a layout bug in "
                            "tests/diff (link.ld, epilogue.S)")


def parse_words(lines, what):
    words = []
    for i, ln in enumerate(lines):
        ln = ln.strip()
        if len(ln) != 16:
            raise DiffError(f"{what}: line {i + 1} is not 16 hex digits: {ln!r}")
        try:
            words.append(int(ln, 16))
        except ValueError:
            raise DiffError(f"{what}: line {i + 1} is not hex: {ln!r}")
    return words


def run_qemu(elf, qemu, outdir):
    cmd = [qemu] + QEMU_CMD + ["-kernel", elf]
    log = os.path.join(outdir, "qemu.out")
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=QEMU_TIMEOUT_S,
                           stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise DiffError(f"{qemu} not found")
    except subprocess.TimeoutExpired:
        raise DiffError(f"QEMU did not finish within {QEMU_TIMEOUT_S} s")
    with open(log, "w") as f:
        f.write(r.stdout + r.stderr)
    out = r.stdout.replace("\r", "").splitlines()
    if any(ln.startswith("@@TRAP") for ln in out):
        raise DiffError("the program trapped on QEMU (a generator bug): " +
                        next(ln for ln in out if ln.startswith("@@TRAP")))
    if r.returncode != 0:
        raise DiffError(f"QEMU exit status {r.returncode}:\n{tail(r.stdout + r.stderr)}")
    try:
        b, e = out.index("@@SIG-BEGIN"), out.index("@@SIG-END")
    except ValueError:
        raise DiffError(f"no signature in QEMU's output ({log})")
    words = parse_words(out[b + 1:e], "QEMU signature")
    if len(words) != gen.SIG_WORDS:
        raise DiffError(f"QEMU signature has {len(words)} words, expected {gen.SIG_WORDS}")
    return words


def run_hive(elf, sim, outdir, max_cycles):
    if not os.path.exists(sim):
        raise DiffError(f"missing {sim} (run `make sim`)")
    sig = os.path.join(outdir, "hive.sig")
    if os.path.exists(sig):
        os.remove(sig)
    cmd = [sim, "--elf", elf, "--signature", sig, "--max-cycles", str(max_cycles)]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=HIVE_TIMEOUT_S,
                           stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise DiffError(f"hive-sim did not finish within {HIVE_TIMEOUT_S} s")
    except OSError as e:
        raise DiffError(f"cannot run {sim}: {e}")
    with open(os.path.join(outdir, "hive.log"), "w") as f:
        f.write(r.stdout + r.stderr)
    if r.returncode == 124:
        raise DiffError(f"hive-sim reached --max-cycles {max_cycles}:\n{tail(r.stderr)}")
    if r.returncode == 1:
        raise DiffError(f"the program trapped on hive-sim (QEMU did not):\n{tail(r.stderr)}")
    if r.returncode != 0:
        raise DiffError(f"hive-sim exit status {r.returncode}:\n{tail(r.stdout + r.stderr)}")
    try:
        with open(sig) as f:
            words = parse_words(f.read().splitlines(), "hive-sim signature")
    except FileNotFoundError:
        raise DiffError(f"hive-sim wrote no signature file {sig}")
    if len(words) != gen.SIG_WORDS:
        raise DiffError(f"hive-sim signature has {len(words)} words, expected {gen.SIG_WORDS}")
    return words


def compare(seed, ref, dut):
    """None when equal, else a report naming the first differing word."""
    diffs = [i for i in range(min(len(ref), len(dut))) if ref[i] != dut[i]]
    if not diffs and len(ref) == len(dut):
        return None
    lines = [f"seed {seed}: {len(diffs)} of {len(ref)} signature words differ"]
    for i in diffs[:8]:
        lines.append(f"  word {i}: {gen.describe_word(i)}: qemu {ref[i]:#018x} "
                     f"hive {dut[i]:#018x}")
    i = diffs[0]
    lines.insert(1, f"  first difference: word {i} = {gen.describe_word(i)}")
    return "\n".join(lines)


def run_seed(seed, count, outdir, sim=None, qemu="qemu-system-riscv64", cc="riscv64-unknown-elf-gcc",
             cflags=DEFAULT_CFLAGS, include=None, qemu_only=False):
    """Returns (ok, message)."""
    include = include or os.path.join(ROOT, "build", "tests", "gen")
    try:
        hive_elf, qemu_elf = build(seed, count, outdir, cc, cflags, include)
        check_same_body(hive_elf, qemu_elf)
        ref = run_qemu(qemu_elf, qemu, outdir)
        if qemu_only:
            return True, f"seed {seed}: QEMU signature complete ({len(ref)} words)"
        dut = run_hive(hive_elf, sim, outdir, hive_max_cycles(count))
    except DiffError as e:
        return False, (f"seed {seed}: {e}\n  reproduce: tests/diff/diff.py --seed {seed} "
                       f"--count {count}")
    report = compare(seed, ref, dut)
    if report:
        return False, (report + f"\n  program: {outdir}/prog.S; reproduce: tests/diff/diff.py "
                       f"--seed {seed} --count {count} --bisect (finds the first bad instruction)")
    return True, f"seed {seed}: {len(ref)} words agree"


def bisect(seed, count, outdir, **kw):
    """The smallest instruction count (a prefix of the same program: gen.py draws the body in
    order) whose run already disagrees; returns (count, message, last lines of the body)."""
    ok, msg = run_seed(seed, count, outdir, **kw)
    if ok:
        return None, msg, []
    lo, hi, bad_msg = 0, count, msg      # lo agrees (the empty body is assumed to), hi does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        ok, msg = run_seed(seed, mid, outdir, **kw)
        if ok:
            lo = mid
        else:
            hi, bad_msg = mid, msg
    run_seed(seed, hi, outdir, **kw)    # leave the smallest failing program in outdir
    with open(os.path.join(outdir, "prog.S")) as f:
        body = [ln for ln in f.read().split("# ---- the end")[0].splitlines()]
    return hi, bad_msg, body[-12:]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--count", type=int, default=3000)
    p.add_argument("--sim", default=os.path.join(ROOT, "build", "sim", "1x1", "hive-sim"))
    p.add_argument("--qemu", default="qemu-system-riscv64")
    p.add_argument("--cc", default="riscv64-unknown-elf-gcc")
    p.add_argument("--cflags", default=DEFAULT_CFLAGS)
    p.add_argument("--include", default=os.path.join(ROOT, "build", "tests", "gen"),
                   help="directory of hive_regs_asm.h")
    p.add_argument("--out", help="work directory (default build/tests/diff/seed-N)")
    p.add_argument("--qemu-only", action="store_true")
    p.add_argument("--bisect", action="store_true",
                   help="on a mismatch, find the shortest prefix of the program that disagrees")
    a = p.parse_args()
    out = a.out or os.path.join(ROOT, "build", "tests", "diff", f"seed-{a.seed}")
    if a.bisect:
        n, msg, last = bisect(a.seed, a.count, out, sim=a.sim, qemu=a.qemu, cc=a.cc,
                              cflags=a.cflags, include=a.include)
        print(msg)
        if n is None:
            return 0
        print(f"shortest disagreeing program: --count {n} ({out}/prog.S); its last lines:")
        print("\n".join(last))
        return 1
    ok, msg = run_seed(a.seed, a.count, out, a.sim, a.qemu, a.cc, a.cflags, a.include,
                       a.qemu_only)
    print(msg)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
