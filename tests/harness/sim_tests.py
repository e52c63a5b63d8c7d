"""hive-sim harness tests: fault injection, checkpoints, console input (tests/run.py runs them).

Each test is a function of the runner's context that raises the runner's Fail with the reason.
The bare-metal programs are tests/harness/*.S (built by `make tests-elfs`): memflip.S detects
changed words in DRAM, cacheflip.S a changed word in its D-cache, wildwrite.S wild writes that
the firewall allows and denies, sips.S a lost or late SIPS message, halt.S a halted hart,
echo.S reads its console, tracectl.S starts and stops the trace. Tests that need two nodes use
the 2x1 model next to the default one (`make sim boot NODES=2`, which `make test` builds for
the flash suite as well), the trace test the default shape's model with tracing (`make sim
TRACE=1`, which `make test` builds too), the wild-write test also the boards' model
(4x1-check-short-serial, which `make test` builds for mp-board/*).
"""
import json
import os
import re
import struct
import subprocess
import tempfile
import zlib

TIMEOUT_S = 300
BOOT_TIMEOUT_S = 3600
MAX_CYCLES = "1M"
WORD0 = 0x0123456789abcdef  # memflip.S
WORD1 = 0x1122334455667788
CKPT_HEADER = 48            # sim/checkpoint.cpp: magic, version, CRC, lengths


def tests(tier, fail_cls, run_fn, tail_fn):
    """The (name, function) pairs of the tier; the runner passes its Fail, run and tail."""
    global Fail, run, tail
    Fail, run, tail = fail_cls, run_fn, tail_fn
    quick = [
        ("inject-mem-flip", t_mem_flip), ("inject-kernel-word", t_kernel_word),
        ("inject-kernel-word-vaddr", t_kernel_word_vaddr), ("inject-file", t_inject_file),
        ("inject-node-fail", t_node_fail), ("inject-core-halt", t_core_halt),
        ("inject-cache-flip", t_cache_flip), ("inject-wild-write", t_wild_write),
        ("inject-sips-delay", t_sips_delay), ("trace-control", t_trace_control),
        ("inject-determinism", t_determinism), ("checkpoint-round-trip", t_round_trip),
        ("checkpoint-new-faults", t_checkpoint_new_faults), ("console-in", t_console_in),
        ("bad-fault-kind", t_bad_kind), ("bad-fault-args", t_bad_args),
        ("bad-fault-symbol", t_bad_symbol), ("bad-fault-cycle", t_bad_cycle),
        ("bad-checkpoint-corrupt", t_bad_ckpt_corrupt),
        ("bad-checkpoint-mismatch", t_bad_ckpt_mismatch),
        ("bad-checkpoint-model", t_bad_ckpt_model),
        ("bad-checkpoint-shape", t_bad_ckpt_shape),
    ]
    full = [("checkpoint-boot-2x1", t_boot_round_trip), ("inject-sips-drop", t_sips_drop),
            ("checkpoint-wild-write", t_ww_round_trip)]
    return quick + (full if tier == "regress" else [])


# ---- helpers -------------------------------------------------------------------------------------
def elf(ctx, name):
    return ctx.need(os.path.join(ctx.tests_out, "harness", name + ".elf"),
                    "build it with `make tests-elfs`")


def sim_beside(ctx, name, make_args):
    """The model build/sim/NAME beside the default one, built by `make sim MAKE_ARGS`."""
    path = os.path.join(os.path.dirname(os.path.dirname(ctx.sim)), name, "hive-sim")
    return ctx.need(path, f"build it with `make sim {make_args}`")


def sim2(ctx):
    return sim_beside(ctx, "2x1", "boot NODES=2")


def sim_board(ctx):
    """The boards' model (short paths, serial links): tests/mp/mp.py's BOARD_SHAPE."""
    import mp  # tests/run.py puts tests/mp on the path
    return mp.model(ctx, mp.BOARD_SHAPE)


def sim_trace(ctx):
    return sim_beside(ctx, os.path.basename(os.path.dirname(ctx.sim)) + "-trace", "TRACE=1")


def sim(ctx, args, sim_path=None, stdin=None, timeout=TIMEOUT_S):
    cmd = [sim_path or ctx.need_sim()] + args
    if stdin is None:
        return run(cmd, timeout, "hive-sim")
    try:
        return subprocess.run(cmd, input=stdin, capture_output=True, text=True,
                              timeout=timeout, errors="replace")
    except subprocess.TimeoutExpired:
        raise Fail(f"hive-sim: no exit within {timeout} s (killed)")


def expect(r, status, what):
    if r.returncode != status:
        raise Fail(f"{what}: exit {r.returncode}, expected {status}\n"
                   f"{tail(r.stdout + r.stderr, 8)}")


def expect_bad(r, what, *needles):
    """Exit 125 with a message holding every needle."""
    expect(r, 125, what)
    for n in needles:
        if n not in r.stderr:
            raise Fail(f"{what}: the message does not say {n!r}:\n{tail(r.stderr, 6)}")


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise Fail(f"cannot read the stats {path}: {e}")


def symbol(ctx, elf_path, name):
    """A symbol's value, from the toolchain's nm."""
    nm = re.sub(r"gcc$", "nm", ctx.a.cc)
    r = run([nm, elf_path], TIMEOUT_S, "nm")
    for line in r.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == name:
            return int(parts[0], 16)
    raise Fail(f"no symbol {name} in {elf_path}")


def flips(ctx, pc="flip_point"):
    """Two mem-flips that memflip.S accepts: word0 through the remap window at the pc
    trigger, word1 through node 0's global window at a cycle before the program looks."""
    w0 = symbol(ctx, elf(ctx, "memflip"), "word0")
    glob = 0x1_0000_0000 + (w0 - 0x8000_0000) + 8
    return [f"mem-flip:{w0:#x},5@pc={pc}", f"mem-flip:{glob:#x},0@10000"]


def injects(specs):
    out = []
    for s in specs:
        out += ["--inject", s]
    return out


# ---- faults ----------------------------------------------------------------------------------------
def t_mem_flip(ctx):
    e = elf(ctx, "memflip")
    expect(sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES]), 1, "memflip.elf without a fault")
    with tempfile.TemporaryDirectory() as d:
        st = os.path.join(d, "s.json")
        r = sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES, "--stats", st] + injects(flips(ctx)))
        expect(r, 0, "memflip.elf with two mem-flips")
        s = load(st)
    f = s["faults"]
    if len(f) != 2 or not all(x["applied"] and x["cells"] == [0] for x in f):
        raise Fail(f"faults not recorded as applied in cell 0: {f}")
    if f[1]["cycle"] != 10000 or f[1]["events"][0]["offset"] != f[0]["events"][0]["offset"] + 8:
        raise Fail(f"fault cycles or offsets wrong: {f}")
    if not s["cells"][0]["hit_by_fault"]:
        raise Fail("cell 0 not recorded as hit by a fault")


def t_kernel_word(ctx):
    e = elf(ctx, "memflip")
    specs = [f"kernel-word:word0,{WORD0 ^ 0x20:#x}@pc=flip_point",
             f"kernel-word:word0+8,{WORD1 ^ 1:#x}@rand=1000:15000"]
    expect(sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES, "--seed", "9"] + injects(specs)), 0,
           "memflip.elf with kernel-word at word0 and word0+8")


def t_kernel_word_vaddr(ctx):
    """Symbols from an ELF linked high (p_vaddr != p_paddr, as a kernel with a virtual link
    address): the word goes through the load address."""
    e = elf(ctx, "memflip")
    gen = os.path.join(ctx.tests_out, "gen")
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as d:
        ld = os.path.join(d, "high.ld")
        with open(ld, "w") as f:
            f.write("OUTPUT_ARCH(riscv)\nENTRY(_start)\nSECTIONS\n{\n"
                    "  . = 0xffffffc080000000;\n"
                    "  .text.init : AT(0x80000000) { *(.text.init) }\n"
                    "  . = ALIGN(0x1000);\n"
                    "  .data : AT(0x80001000) { *(.data .data.*) }\n}\n")
        high = os.path.join(d, "memflip-high.elf")
        r = run([ctx.a.cc] + ctx.a.cflags.split() +
                ["-nostdlib", "-nostartfiles", "-static", "-I", here, "-I", gen,
                 "-T", ld, os.path.join(here, "memflip.S"), "-o", high], TIMEOUT_S, "cc")
        if r.returncode != 0:
            raise Fail("cannot link memflip.S high:\n" + tail(r.stderr))
        if symbol(ctx, high, "word0") != 0xffffffc080001000:
            raise Fail("the high link did not put word0 at 0xffffffc080001000")
        specs = [f"kernel-word:word0,{WORD0 ^ 0x20:#x}@5000",
                 f"kernel-word:word0+8,{WORD1 ^ 1:#x}@5000"]
        r = sim(ctx, ["--elf", e, "--symbols", "0=" + high, "--max-cycles", MAX_CYCLES] +
                injects(specs))
    expect(r, 0, "kernel-word with the symbols of a high-linked ELF")


def t_inject_file(ctx):
    e = elf(ctx, "memflip")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "faults.txt")
        with open(path, "w") as f:
            f.write("# two flips that memflip.S looks for\n\n")
            for s in flips(ctx):
                f.write(f"  {s}   # comment\n")
        r = sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES, "--inject-file", path])
        expect(r, 0, "--inject-file with two mem-flips")
        with open(path, "a") as f:
            f.write("mem-flap:1,2@3\n")
        r = sim(ctx, ["--elf", e, "--inject-file", path])
        expect_bad(r, "--inject-file with a bad line", "faults.txt:5", "unknown fault kind")


def t_node_fail(ctx):
    e = elf(ctx, "loop")
    with tempfile.TemporaryDirectory() as d:
        for how in (["--inject", "node-fail:0@5000"], ["--fail-node", "0@5000"]):
            st = os.path.join(d, "s.json")
            r = sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES, "--stats", st] + how)
            expect(r, 0, " ".join(how) + " (the only cell stops, hit by the fault)")
            s = load(st)
            c = s["cells"][0]
            if not (c["hit_by_fault"] and c["finished"] == "stopped" and c["cycle"] == 5000):
                raise Fail(f"{' '.join(how)}: cell 0 recorded as {c}")
            if s["nodes"][0]["failed_at"] != 5000 or s["faults"][0]["cells"] != [0]:
                raise Fail(f"{' '.join(how)}: node 0 or the fault not recorded: "
                           f"{s['nodes'][0]} {s['faults']}")


def t_core_halt(ctx):
    s2 = sim2(ctx)
    e = elf(ctx, "halt")
    expect(sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES], s2), 1,
           "halt.elf without a fault (hart 1 keeps counting)")
    with tempfile.TemporaryDirectory() as d:
        st = os.path.join(d, "s.json")
        r = sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES, "--stats", st,
                      "--inject", "core-halt:1@pc=halt_point"], s2)
        expect(r, 0, "halt.elf with core-halt:1@pc=halt_point")
        s = load(st)
    h = s["harts"][1]
    if h["halted_at"] is None or s["harts"][0]["halted_at"] is not None:
        raise Fail(f"halted_at not recorded for hart 1 only: {s['harts']}")


CFLIP = ["cache-flip:0,cword,9@pc=flip_point", "cache-flip:0,uword,3@pc=flip_point"]


def t_cache_flip(ctx):
    """cacheflip.S sees bit 9 of its cached word flipped; the flip of a line it has not cached
    changes nothing and the stats say so."""
    e = elf(ctx, "cacheflip")
    expect(sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES]), 1, "cacheflip.elf without a fault")
    with tempfile.TemporaryDirectory() as d:
        st = os.path.join(d, "s.json")
        r = sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES, "--stats", st] + injects(CFLIP))
        expect(r, 0, "cacheflip.elf with two cache-flips")
        f = load(st)["faults"]
    cached = [x["events"][0].get("cached") for x in f if x["applied"]]
    if cached != [True, False]:
        raise Fail(f"stats: cached {cached}, expected [True, False] (cword cached, uword not): {f}")
    if "not in hart 0's L1 D-cache: no effect" not in r.stderr:
        raise Fail("no note that the flip of the uncached line had no effect:\n" + tail(r.stderr))
    # the flip is in the cache only: memory keeps the word
    r = sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES,
                  "--inject", CFLIP[0].replace("cache-flip:0,", "mem-flip:")])
    expect(r, 1, "cacheflip.elf with a mem-flip of its cached line (the cache keeps the old word)")


WW_NEW = 0x5A5A5A5A00C0FFEE  # wildwrite.S
WWRITES = [f"wild-write:0,allow_word,{WW_NEW:#x}@pc=ww_point",
           f"wild-write:0,deny_word,{WW_NEW:#x}@pc=ww_point"]


def t_wild_write(ctx):
    """wildwrite.S: the write to a writable page lands, the one to the page whose firewall
    vector it cleared does not and is counted in FW_DENIED; on the default model and on the
    boards' (whose firewall answers a cycle after it is asked, rtl/firewall/firewall.sv)."""
    e = elf(ctx, "wildwrite")
    for path in (None, sim_board(ctx)):
        model = os.path.basename(os.path.dirname(path or ctx.need_sim()))
        expect(sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES], path), 1,
               f"{model}: wildwrite.elf without a fault")
        expect(sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES] + injects(WWRITES[1:]), path), 1,
               f"{model}: wildwrite.elf with only the denied wild write")
        with tempfile.TemporaryDirectory() as d:
            st = os.path.join(d, "s.json")
            r = sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES, "--stats", st] + injects(WWRITES),
                    path)
            expect(r, 0, f"{model}: wildwrite.elf with an allowed and a denied wild write")
            f = load(st)["faults"]
        denied = [x["events"][0]["denied"] for x in f]
        if denied != [False, True]:
            raise Fail(f"{model}: stats: denied {denied}, expected [False, True]: {f}")


def sips_latency(ctx, specs, status=0):
    with tempfile.TemporaryDirectory() as d:
        sig, st = os.path.join(d, "sig"), os.path.join(d, "s.json")
        r = sim(ctx, ["--elf", elf(ctx, "sips"), "--max-cycles", MAX_CYCLES, "--signature", sig,
                      "--stats", st] + injects(specs), sim2(ctx))
        expect(r, status, f"sips.elf with {specs or 'no fault'}")
        with open(sig) as f:
            return int(f.read().split()[0], 16), load(st)


def t_sips_delay(ctx):
    """A delayed SIPS message arrives CYCLES later than the undelayed one (the receiver polls
    in a loop of a few cycles, hence the slack)."""
    base, _ = sips_latency(ctx, [])
    late, s = sips_latency(ctx, ["sips-delay:0,1,500@pc=send_point"])
    if not 500 <= late - base <= 520:
        raise Fail(f"latency {base} without, {late} with sips-delay 500 cycles")
    f = s["faults"][0]
    if (f["from"], f["to"], f["cycles"], f["cells"]) != (0, 1, 500, [0]):
        raise Fail(f"the fault's record: {f}")


def t_sips_drop(ctx):
    """A dropped SIPS message never arrives: the send fails after CTRL_TIMEOUT and the
    receiver saw nothing (sips.S fail 3); the next message is not affected."""
    r = sim(ctx, ["--elf", elf(ctx, "sips"), "--max-cycles", MAX_CYCLES,
                  "--inject", "sips-drop:0,1@pc=send_point"], sim2(ctx))
    expect(r, 3, "sips.elf with sips-drop:0,1")
    r = sim(ctx, ["--elf", elf(ctx, "sips"), "--max-cycles", MAX_CYCLES,
                  "--inject", "sips-drop:1,0@pc=send_point"], sim2(ctx))
    expect(r, 0, "sips.elf with a drop armed for the other direction")


def t_ww_round_trip(ctx):
    """A checkpoint taken while a wild write waits for the port (two at one trigger): the
    restored run ends as the uninterrupted one."""
    e = elf(ctx, "wildwrite")
    with tempfile.TemporaryDirectory() as d:
        ck, a, b = (os.path.join(d, n) for n in ("run.ckpt", "a.json", "b.json"))
        specs = [x.replace("@pc=ww_point", "@19990") for x in WWRITES]
        r = sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES, "--stats", a,
                      "--save-at", "19992:" + ck] + injects(specs))
        expect(r, 0, "the uninterrupted run")
        r = sim(ctx, ["--restore", ck, "--stats", b])
        expect(r, 0, "the restored run")
        diff = same_stats(load(a), load(b))
    if diff:
        raise Fail(f"the restored run's stats differ in {diff}")


def fst_times(path):
    """First and last time of an FST file (its header block: type 0, length, start, end)."""
    with open(path, "rb") as f:
        head = f.read(25)
    if len(head) < 25 or head[0] != 0:
        raise Fail(f"{path} does not start with an FST header block")
    return struct.unpack(">QQ", head[9:25])


RESET_CYCLES = 516  # docs/harness.md: run cycle c is at time 2 * (516 + c)


def t_trace_control(ctx):
    """tracectl.S stops the trace at mcycle w, starts it at s and stops it at t (its signature,
    from a run without a trace: runs are deterministic). With a window from just after w, the
    trace holds times from just after s to just after t; a window that ends before t cuts it.
    The default model, built without tracing, refuses --trace and names the one to build."""
    e = elf(ctx, "tracectl")
    st = sim_trace(ctx)
    with tempfile.TemporaryDirectory() as d:
        fst, sig = os.path.join(d, "t.fst"), os.path.join(d, "sig")
        expect_bad(sim(ctx, ["--elf", e, "--trace", fst]), "--trace on the default model",
                   "without tracing", "TRACE=1")
        expect(sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES, "--signature", sig]), 0,
               "tracectl.elf")
        w, s, t = (int(x, 16) for x in open(sig).read().split())
        r = sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES, "--trace", fst,
                      "--trace-window", f"{w + 20}:1M"], st)
        expect(r, 0, "tracectl.elf traced")
        first, last = fst_times(fst)
        if not (2 * (RESET_CYCLES + s) < first <= 2 * (RESET_CYCLES + s + 20) and
                2 * (RESET_CYCLES + t) < last <= 2 * (RESET_CYCLES + t + 20)):
            raise Fail(f"trace times {first}..{last}, software stopped it at cycle {w}, started "
                       f"it at {s} and stopped it at {t} (times {2 * (RESET_CYCLES + s)}, "
                       f"{2 * (RESET_CYCLES + t)})")
        r = sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES, "--trace", fst,
                      "--trace-window", f"{w + 20}:{s + 100}"], st)
        expect(r, 0, "tracectl.elf traced with a window that ends first")
        first2, last2 = fst_times(fst)
        if first2 != first or last2 != 2 * (RESET_CYCLES + s + 100) - 1:
            raise Fail(f"trace times {first2}..{last2} with the window ending at {s + 100}")


def t_determinism(ctx):
    e = elf(ctx, "memflip")
    specs = [f"kernel-word:word0,{WORD0 ^ 0x20:#x}@rand=100:19000",
             f"mem-flip:0x80001008,0@rand=100:19000", "mem-flip:0x80002000,7@rand=100:19000"]
    out = []
    with tempfile.TemporaryDirectory() as d:
        for i, seed in enumerate(["11", "11", "12"]):
            st = os.path.join(d, f"s{i}.json")
            r = sim(ctx, ["--elf", e, "--max-cycles", MAX_CYCLES, "--seed", seed, "--stats", st] +
                    injects(specs))
            expect(r, 0, f"memflip.elf with random faults, seed {seed}")
            with open(st) as f:
                out.append(f.read())
    if out[0] != out[1]:
        raise Fail("two runs with the same inputs wrote different stats")
    at = [[x["at"] for x in json.loads(o)["faults"]] for o in out]
    if at[0] == at[2]:
        raise Fail(f"seeds 11 and 12 drew the same cycles {at[0]}")
    if len(set(at[0])) != 3 or not all(100 <= c < 19000 for c in at[0]):
        raise Fail(f"drawn cycles {at[0]} not three distinct cycles in [100, 19000)")


# ---- checkpoints ---------------------------------------------------------------------------------------
def same_stats(a, b):
    """Stats equal apart from restored_from; returns the differing keys."""
    b = dict(b)
    b.pop("restored_from", None)
    return [k for k in set(a) | set(b) if a.get(k) != b.get(k)]


def t_round_trip(ctx):
    e = elf(ctx, "memflip")
    base = ["--max-cycles", MAX_CYCLES, "--seed", "5"]
    specs = flips(ctx)[:1] + ["mem-flip:0x100001008,0@rand=100:19000", "mem-flip:0x80003000,7@3000"]
    with tempfile.TemporaryDirectory() as d:
        ck, a, b = (os.path.join(d, n) for n in ("run.ckpt", "a.json", "b.json"))
        r = sim(ctx, ["--elf", e, "--stats", a, "--save-at", "5000:" + ck] + base + injects(specs))
        expect(r, 0, "the uninterrupted run")
        r = sim(ctx, ["--restore", ck, "--stats", b])
        expect(r, 0, "the restored run")
        if "[cell0] mem-flip test: both words changed" not in r.stdout:
            raise Fail("the restored run did not print the program's last line:\n" +
                       tail(r.stdout + r.stderr))
        sa, sb = load(a), load(b)
    if sb.get("restored_from") != {"file": "run.ckpt", "cycle": 5000}:
        raise Fail(f"restored_from is {sb.get('restored_from')}")
    diff = same_stats(sa, sb)
    if diff:
        raise Fail(f"the restored run's stats differ in {diff}")
    if "waiting" not in sb["cells"][0]["console"]:
        raise Fail("the console before the checkpoint is missing from the restored stats")


def t_checkpoint_new_faults(ctx):
    """A campaign: one run saves before any fault, the forks restore it with their own."""
    e = elf(ctx, "memflip")
    with tempfile.TemporaryDirectory() as d:
        ck = os.path.join(d, "booted.ckpt")
        r = sim(ctx, ["--elf", e, "--max-cycles", "6000", "--save-at", "5000:" + ck])
        expect(r, 124, "the run that saves (bound 6000)")
        expect(sim(ctx, ["--restore", ck, "--max-cycles", MAX_CYCLES]), 1,
               "restored without faults")
        pc = symbol(ctx, e, "flip_point")  # no symbols without --elf or --symbols
        r = sim(ctx, ["--restore", ck, "--max-cycles", MAX_CYCLES] + injects(flips(ctx, hex(pc))))
        expect(r, 0, "restored with two mem-flips")
        r = sim(ctx, ["--restore", ck, "--elf", e, "--max-cycles", MAX_CYCLES,
                      "--inject", f"kernel-word:word0,{WORD0 ^ 0x20:#x}@pc=flip_point",
                      "--inject", f"kernel-word:word0+8,{WORD1 ^ 1:#x}@6000"])
        expect(r, 0, "restored with --elf (its symbols) and two kernel-words")


def t_console_in(ctx):
    e = elf(ctx, "echo")
    r = sim(ctx, ["--elf", e, "--console-in", "0", "--max-cycles", MAX_CYCLES], stdin="hive\n")
    expect(r, 0, "echo.elf reading 'hive' from standard input")
    if "[cell0] echo: hive" not in r.stdout:
        raise Fail("no '[cell0] echo: hive' line:\n" + tail(r.stdout))
    r = sim(ctx, ["--elf", e, "--console-in", "0", "--max-cycles", MAX_CYCLES], stdin="bee\n")
    expect(r, 1, "echo.elf reading 'bee'")


def t_boot_round_trip(ctx):
    """2x1 booted as 2 cells (OpenSBI and the test payload), saved in the middle of the boot:
    the restored run ends as the uninterrupted one, stats and consoles alike."""
    s2 = sim2(ctx)
    payload = ctx.need(ctx.a.payload, "build it with `make payload`")
    with tempfile.TemporaryDirectory() as d:
        ck, a, b = (os.path.join(d, n) for n in ("boot.ckpt", "a.json", "b.json"))
        args = ["--payload", payload, "--max-cycles", "100M", "--quiet"]
        r = sim(ctx, args + ["--stats", a, "--save-at", "3M:" + ck], s2, timeout=BOOT_TIMEOUT_S)
        expect(r, 0, "the uninterrupted boot")
        r = sim(ctx, ["--restore", ck, "--stats", b, "--quiet"], s2, timeout=BOOT_TIMEOUT_S)
        expect(r, 0, "the restored boot")
        sa, sb = load(a), load(b)
    diff = same_stats(sa, sb)
    if diff:
        raise Fail(f"the restored boot's stats differ in {diff}")
    if any("OpenSBI" not in c["console"] for c in sb["cells"]):
        raise Fail("a cell's console has no OpenSBI banner")


# ---- bad input ----------------------------------------------------------------------------------------
GRAMMAR = "KIND[:ARG,...]@TRIGGER"


def t_bad_kind(ctx):
    r = sim(ctx, ["--elf", elf(ctx, "pass"), "--inject", "disk-fail:0@100"])
    expect_bad(r, "unknown fault kind", "unknown fault kind 'disk-fail'", GRAMMAR)
    r = sim(ctx, ["--elf", elf(ctx, "pass"), "--inject", "mem-flip:0x80001000,64@100"])
    expect_bad(r, "bit 64", "bit 64", GRAMMAR)
    r = sim(ctx, ["--elf", elf(ctx, "pass"), "--inject", "node-fail:0@soon"])
    expect_bad(r, "a cycle that is not a number", "'soon' is not a number", GRAMMAR)


def t_bad_args(ctx):
    for spec, needle in (("cache-flip:1,0x80001000,3@100", "no hart 1"),
                         ("cache-flip:0,0x80001004,3@100", "not 8-byte aligned"),
                         ("wild-write:0,0x100000001,1@100", "not 8-byte aligned"),
                         ("wild-write:0,0x300000000,1@100", "not in memory"),
                         ("sips-drop:0,0@100", "to itself"), ("sips-drop:0,1@100", "no node 1"),
                         ("fw-clear:0x80001000,1@100", "no hart 1"),
                         ("fw-clear:0x300000000,0@100", "not in memory"),
                         ("fw-clear:0x80001000@100", "fw-clear takes 2 arguments, got 1")):
        r = sim(ctx, ["--elf", elf(ctx, "pass"), "--inject", spec])
        expect_bad(r, spec, needle, GRAMMAR)


def t_bad_symbol(ctx):
    r = sim(ctx, ["--elf", elf(ctx, "memflip"), "--inject", "kernel-word:no_such_symbol,1@100"])
    expect_bad(r, "unknown symbol", "unknown symbol 'no_such_symbol'", GRAMMAR)
    r = sim(ctx, ["--elf", elf(ctx, "memflip"), "--inject", "node-fail:0@pc=no_such_symbol"])
    expect_bad(r, "unknown pc symbol", "unknown symbol 'no_such_symbol'")


def t_bad_cycle(ctx):
    r = sim(ctx, ["--elf", elf(ctx, "pass"), "--max-cycles", "1M", "--inject", "node-fail:0@2M"])
    expect_bad(r, "cycle beyond the bound", "beyond --max-cycles", GRAMMAR)
    r = sim(ctx, ["--elf", elf(ctx, "pass"), "--max-cycles", "1M",
                  "--inject", "node-fail:0@rand=1000:2M"])
    expect_bad(r, "rand window beyond the bound", "beyond --max-cycles")


def save_checkpoint(ctx, d, extra=()):
    ck = os.path.join(d, "run.ckpt")
    r = sim(ctx, ["--elf", elf(ctx, "memflip"), "--max-cycles", "3000",
                  "--save-at", "2000:" + ck] + list(extra))
    expect(r, 124, "the run that saves")
    return ck


def t_bad_ckpt_corrupt(ctx):
    with tempfile.TemporaryDirectory() as d:
        ck = save_checkpoint(ctx, d)
        data = bytearray(open(ck, "rb").read())
        bad = os.path.join(d, "bad.ckpt")
        data[len(data) // 2] ^= 0x10
        open(bad, "wb").write(data)
        expect_bad(sim(ctx, ["--restore", bad]), "a flipped bit", "corrupt", "CRC")
        open(bad, "wb").write(data[:len(data) - 100])
        expect_bad(sim(ctx, ["--restore", bad]), "a truncated checkpoint", "truncated")
        expect_bad(sim(ctx, ["--restore", elf(ctx, "pass")]), "an ELF as checkpoint",
                   "not a hive-sim checkpoint")


def t_bad_ckpt_mismatch(ctx):
    with tempfile.TemporaryDirectory() as d:
        ck = save_checkpoint(ctx, d)
        expect_bad(sim(ctx, ["--restore", ck, "--mem-latency", "20"]), "another --mem-latency",
                   "--mem-latency 20 differs")
        expect_bad(sim(ctx, ["--restore", ck, "--elf", elf(ctx, "pass")]), "another --elf",
                   "not the ELF the checkpoint ran")
        expect_bad(sim(ctx, ["--restore", ck, "--payload", elf(ctx, "pass")]), "--payload",
                   "--elf run")
        r = sim(ctx, ["--restore", ck, "--elf", elf(ctx, "memflip"), "--max-cycles", MAX_CYCLES])
        expect(r, 1, "restored with the same --elf given again")


def t_bad_ckpt_model(ctx):
    """A checkpoint whose model state has another layout (Verilator's check value changed,
    CRC made right): refused before Verilator sees it."""
    with tempfile.TemporaryDirectory() as d:
        ck = save_checkpoint(ctx, d)
        data = bytearray(open(ck, "rb").read())
        meta_len = struct.unpack_from("<Q", data, 24)[0]
        check = CKPT_HEADER + meta_len - 8  # the meta part ends with the model's check value
        data[check] ^= 0xff
        struct.pack_into("<I", data, 12, zlib.crc32(bytes(data[16:])) & 0xffffffff)
        bad = os.path.join(d, "model.ckpt")
        open(bad, "wb").write(data)
        expect_bad(sim(ctx, ["--restore", bad]), "another model's state", "another Verilated model")


def t_bad_ckpt_shape(ctx):
    s2 = sim2(ctx)
    with tempfile.TemporaryDirectory() as d:
        ck = save_checkpoint(ctx, d)
        expect_bad(sim(ctx, ["--restore", ck], s2), "a 1x1 checkpoint on the 2x1 model",
                   "shape 1x1", "this one is 2x1")
