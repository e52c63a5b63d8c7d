"""The multi-hart suites of tests/run.py: mp/*, mp-stress/*, mp-fault/* (docs/testing.md).

Each test runs one ELF of tests/mp (built by tests/tests.mk into BUILD/tests/mp/NAME.elf) on
the hive-sim of a shape (BUILD/sim/NxC/hive-sim) under --elf. A program's parameters are the
words of its `mp_cfg` (tests/mp/common/mp.h): the runner writes them into a copy of the ELF
(BUILD/tests/mp/run/TEST/prog.elf), runs it with --stats and checks the exit status (0, or the
program's fail code), and in the statistics that no directory and no L1 reported a protocol
error. A failure says how to replay the run by hand: the same ELF copy and command line.
"""
import json
import os
import re
import shlex
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "regs"))
import hive_regs as R  # noqa: E402

MP_CFG_MAGIC = 0x4749464E4F43504D
MAX_CYCLES = 5_000_000          # the programs need 50-500 k cycles; a livelock fails in time
STRESS_MAX_CYCLES = 20_000_000  # 3000 operations of 8 harts on contended lines
TIMEOUT_S = 3600


def _sim_exit_codes():
    """hive-sim's exit statuses by name, read from their one definition: the enum in
    sim/hive_sim.h (EXIT_MAX_CYCLES = 124 becomes "MAX_CYCLES": 124)."""
    header = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sim", "hive_sim.h")
    with open(header) as f:
        codes = {m.group(1): int(m.group(2))
                 for m in re.finditer(r"^\s*EXIT_(\w+)\s*=\s*(\d+)", f.read(), re.M)}
    if "MAX_CYCLES" not in codes or "BAD_INPUT" not in codes:
        raise RuntimeError(f"{header}: no EXIT_MAX_CYCLES / EXIT_BAD_INPUT in its exit enum")
    return codes


SIM_EXIT = _sim_exit_codes()


class Fail(Exception):
    """A test failed (tests/run.py catches it by this name through its own Fail)."""


def elf_symbol_offset(data, symbol):
    """File offset of `symbol` in an ELF64 little-endian image (through its PT_LOAD)."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("not an ELF64 little-endian file")
    e_phoff, e_shoff = struct.unpack_from("<QQ", data, 0x20)
    e_phentsize, e_phnum, e_shentsize, e_shnum = struct.unpack_from("<HHHH", data, 0x36)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, e_shoff + i * e_shentsize)
                for i in range(e_shnum)]
    value = None
    for sh in sections:
        if sh[1] != 2:  # SHT_SYMTAB
            continue
        strtab = sections[sh[6]]
        for k in range(sh[5] // 24):
            st_name, _, _, _, st_value, _ = struct.unpack_from("<IBBHQQ", data, sh[4] + k * 24)
            start = strtab[4] + st_name
            name = data[start:data.index(b"\0", start)].decode()
            if name == symbol:
                value = st_value
    if value is None:
        raise ValueError(f"no symbol {symbol}")
    for i in range(e_phnum):
        p_type, _, p_offset, p_vaddr, _, p_filesz, _, _ = struct.unpack_from(
            "<IIQQQQQQ", data, e_phoff + i * e_phentsize)
        if p_type == 1 and p_vaddr <= value < p_vaddr + p_filesz:
            return p_offset + value - p_vaddr
    raise ValueError(f"symbol {symbol} is not in a loaded segment")


def patch_config(src, dst, words):
    """Copies the ELF `src` to `dst` with mp_cfg.w[i] = v for every i: v of `words`."""
    with open(src, "rb") as f:
        data = bytearray(f.read())
    off = elf_symbol_offset(data, "mp_cfg")
    if struct.unpack_from("<Q", data, off)[0] != MP_CFG_MAGIC:
        raise ValueError("mp_cfg does not start with its magic")
    for i, v in words.items():
        struct.pack_into("<Q", data, off + 8 + 8 * i, v & (2**64 - 1))
    with open(dst, "wb") as f:
        f.write(data)


# the model variants a shape may name after its NxC (sim/sim.mk's SIM_VARIANT, in its order)
VARIANT_FLAGS = {"check": "CHECK=1", "short": "SHORT_PATHS=1", "serial": "SERIAL_LINKS=1"}


def model(ctx, shape):
    """The hive-sim of SHAPE: NxC, then variants (see VARIANT_FLAGS), e.g. 4x1-check-short-serial,
    the model with the coherence checker's signals, short paths and serial links; or ctx's Fail
    saying how to build it."""
    base, *variants = shape.split("-")
    n, c = base.split("x")
    flags = "".join(" " + VARIANT_FLAGS[v] for v in variants)
    return ctx.need(os.path.join(ctx.build, "sim", shape, "hive-sim"),
                    f"build it with `make sim boot NODES={n} CORES_PER_NODE={c}{flags}`")


def run_mp(ctx, test, prog, shape, words, args=(), max_cycles=MAX_CYCLES, expect=0,
           stats_check=None):
    """Runs tests/mp/PROG.c on SHAPE (see model()) with mp_cfg words; raises ctx's Fail on a
    failure."""
    sim = model(ctx, shape)
    elf = ctx.need(os.path.join(ctx.tests_out, "mp", prog + ".elf"),
                   "build it with `make tests-elfs`")
    out = os.path.join(ctx.tests_out, "mp", "run", test.replace("/", "_"))
    os.makedirs(out, exist_ok=True)
    run_elf = os.path.join(out, "prog.elf")
    stats = os.path.join(out, "stats.json")
    for f in (stats,):
        if os.path.exists(f):
            os.remove(f)
    patch_config(elf, run_elf, words)
    cmd = [sim, "--elf", run_elf, "--max-cycles", str(max_cycles)] + list(args) + \
        ["--stats", stats]
    replay = " ".join(shlex.quote(os.path.relpath(x) if os.path.exists(x) else x) for x in cmd)
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S,
                           stdin=subprocess.DEVNULL, errors="replace")
    except subprocess.TimeoutExpired:
        raise ctx.Fail(f"no exit within {TIMEOUT_S} s (killed)\n    replay: {replay}")
    with open(os.path.join(out, "log.txt"), "w") as f:
        f.write(r.stdout + r.stderr)
    lines = [ln for ln in (r.stdout + r.stderr).splitlines() if ln.strip()]
    problems = []
    if r.returncode != expect:
        why = {SIM_EXIT["MAX_CYCLES"]: "cycle bound reached (a hang or a livelock)",
               99: "unexpected trap", SIM_EXIT["BAD_INPUT"]: "hive-sim refused the input"}.get(r.returncode, "the program's fail code")
        problems.append(f"exit {r.returncode} ({why}), expected {expect}")
    st = None
    if os.path.exists(stats):
        with open(stats) as f:
            st = json.load(f)
        for nd in st["nodes"]:
            if nd.get("dir_proto_errors") or nd.get("l1_proto_errors"):
                problems.append(f"node {nd['node']}: {nd.get('dir_proto_errors')} directory and "
                                f"{nd.get('l1_proto_errors')} L1 protocol errors (first L1 one at "
                                f"cycle {nd.get('l1_proto_first')})")
    elif r.returncode not in (125,):
        problems.append("no statistics written")
    if st is not None and stats_check and not problems:
        msg = stats_check(st)
        if msg:
            problems.append(msg)
    if problems:
        raise ctx.Fail("; ".join(problems) + "\n" + "\n".join(lines[-12:]) +
                       f"\nreplay: {replay}")
    return st


# ---- the suites -------------------------------------------------------------------------------
LITMUS = ["mp", "sb", "lb", "iriw", "mp-relacq"]
STRESS_OPS = {"test": 1000, "regress": 3000}
STRESS_SEEDS = {"test": range(1, 2), "regress": range(1, 11)}
FW_STRESS_SEEDS = {"test": range(1, 2), "regress": range(1, 6)}
FW_CHURN = 12  # stress.c w[6]: the share of operations (in 256ths) that touch the firewall


def tests(tier, seeds=None):
    """[(name, fn(ctx))] of the tier."""
    out = []
    regress = tier == "regress"
    shapes = ["4x1", "4x2"] if regress else ["4x1"]

    def add(name, prog, shape, words, **kw):
        if prog == "stress":
            kw.setdefault("max_cycles", STRESS_MAX_CYCLES)
        out.append((name, lambda c: run_mp(c, name, prog, shape, words, **kw)))

    for shape in shapes:
        add(f"mp/atomics-{shape}", "atomics", shape, {1: 200})
        add(f"mp/stale-inv-{shape}", "stale_inv", shape, {1: 64})
        if regress:
            add(f"mp/spinlock-{shape}", "spinlock", shape, {0: 1, 1: 100})
            add(f"mp/spinlock-lrspin-{shape}", "spinlock", shape, {0: 1, 1: 50, 2: 1})
            add(f"mp/pcqueue-{shape}", "pcqueue", shape, {0: 1, 1: 300})
            add(f"mp/barrier-{shape}", "barrier", shape, {0: 1, 1: 100})
            add(f"mp/lrsc-evict-{shape}", "lrsc_evict", shape, {})
        for t, test in enumerate(LITMUS):
            for fences in (1, 0):
                if not regress and (test != "mp" or not fences):
                    continue
                if test == "mp-relacq" and not fences:
                    continue
                add(f"mp/litmus-{test}{'-fences' if fences and test != 'mp-relacq' else ''}-"
                    f"{shape}", "litmus", shape, {0: 1, 1: 500 if regress else 200, 2: t,
                                                 3: fences})
    # the stress runs under the harness's coherence checker (SWMR and a golden memory model)
    ops = STRESS_OPS[tier]
    chk = dict(args=["--check-coherence"], stats_check=checked)
    for s in (seeds or STRESS_SEEDS[tier]):
        add(f"mp-stress/4x1-spread-seed-{s}", "stress", "4x1-check",
            {0: s, 1: ops, 2: 8, 3: 0, 4: 16}, **chk)
        if regress or seeds:
            add(f"mp-stress/4x1-evict4-seed-{s}", "stress", "4x1-check",
                {0: s, 1: ops, 2: 4, 3: 1, 4: 16}, **chk)
            add(f"mp-stress/4x1-evict6-seed-{s}", "stress", "4x1-check",
                {0: s, 1: ops, 2: 6, 3: 1, 4: 16}, **chk)
        if regress and s <= 5:
            add(f"mp-stress/4x2-spread-seed-{s}", "stress", "4x2-check",
                {0: s, 1: ops, 2: 8, 3: 0, 4: 16}, **chk)
            add(f"mp-stress/4x2-evict6-seed-{s}", "stress", "4x2-check",
                {0: s, 1: ops, 2: 6, 3: 1, 4: 16}, **chk)
    # ... with random firewall grants and revocations and random SIPS traffic (stress.c w[5],
    # w[6]): one seed in the test tier, more on 4x1 and 4x2 in regress
    for s in (seeds or FW_STRESS_SEEDS[tier]):
        for shape in (["4x1", "4x2"] if regress or seeds else ["4x1"]):
            name = f"mp-stress/{shape}-fw-sips-seed-{s}"
            add(name, "stress", shape + "-check",
                {0: s, 1: ops, 2: 8, 3: 0, 4: 16, 5: 1, 6: FW_CHURN}, args=["--check-coherence"],
                stats_check=fw_churn_checked)
    out += check_tests()
    out += fault_tests(tier)
    out += sips_tests(tier)
    out += board_tests(tier)
    return out


BOARD_SHAPE = "4x1-check-short-serial"


def board_tests(tier):
    """mp-board/*: the boards' meshes (SERIAL_LINKS=1: a message as a header flit and a flit
    per nonzero data word, wormhole routers; rtl/noc/mesh.sv) and short paths (SHORT_PATHS=1,
    rtl/soc/hive_soc.sv) under programs whose results the
    programs check, the stress runs also under the coherence checker (SWMR and the golden memory
    model), SIPS traffic with its counters, and a node failing mid-run."""
    out = []
    regress = tier == "regress"

    def add(name, prog, words, **kw):
        if prog == "stress":
            kw.setdefault("max_cycles", STRESS_MAX_CYCLES)
        name = "mp-board/" + name
        out.append((name, lambda c: run_mp(c, name, prog, BOARD_SHAPE, words, **kw)))

    add("atomics", "atomics", {1: 200})
    add("stale-inv", "stale_inv", {1: 64})
    add("litmus-mp-fences", "litmus", {0: 1, 1: 200, 2: 0, 3: 1})
    add("sips", "sips", {1: 2, 2: 8}, stats_check=sips_stats)
    for s in range(1, 4 if regress else 2):
        add(f"stress-spread-seed-{s}", "stress", {0: s, 1: 1000, 2: 8, 3: 0, 4: 16},
            args=["--check-coherence"], stats_check=checked)
        add(f"stress-fw-sips-seed-{s}", "stress",
            {0: s, 1: 1000, 2: 8, 3: 0, 4: 16, 5: 1, 6: FW_CHURN}, args=["--check-coherence"],
            stats_check=fw_churn_checked)
        if regress:
            add(f"stress-evict6-seed-{s}", "stress", {0: s, 1: 1000, 2: 6, 3: 1, 4: 16},
                args=["--check-coherence"], stats_check=checked)
    add("fault-remote", "fault_remote", {2: 3, 3: FAIL_AT}, args=["--fail-node", f"3@{FAIL_AT}"])
    if regress:
        add("spinlock", "spinlock", {0: 1, 1: 100})
        add("pcqueue", "pcqueue", {0: 1, 1: 300})
        add("barrier", "barrier", {0: 1, 1: 100})
        add("sips-fault", "sips_fault", {2: 3, 3: FAIL_AT}, args=["--fail-node", f"3@{FAIL_AT}"],
            stats_check=sips_fault_stats)
    return out


def checked(st, least=1000):
    """stats_check of a run under --check-coherence: the checker ran and compared accesses."""
    cc = st.get("coherence_check")
    if not cc or not cc.get("ok") or cc.get("accesses", 0) < least:
        return f"the coherence checker did not check this run: {cc}"
    return None


def fw_churn_checked(st):
    """stats_check of a stress run with firewall churn and SIPS: the checker ran, the firewall
    refused some stores, and the homes' refusals in the stats JSON (fw_denied) are the stores
    the program counted as refused (a refused writeback would be one more)."""
    msg = checked(st) or sips_stats(st, flood=False)
    if msg:
        return msg
    m = re.search(r"firewall (\d+) \((\d+) stores refused\)", st["cells"][0]["console"])
    if not m:
        return "no firewall summary on the console"
    denied = sum(nd["fw_denied"] for nd in st["nodes"])
    if int(m.group(2)) == 0 or denied != int(m.group(2)):
        return f"stats: fw_denied {denied}, the program counted {m.group(2)} refused stores"
    return None


FLIP_AT = 40000  # check_flip.c: the cycle of the bit flip (its mp_cfg w[1])
FLIP_OFF = 0xC00000  # its word W in node 0's memory (w[2]): above the ELF and MP_NODE_FREE
FLIP_ADDR = {name: base for name, base, _, _ in R.MAP}["GLOBAL"] + FLIP_OFF
FLIP_CFG = {1: FLIP_AT, 2: FLIP_OFF}


def check_tests():
    """The checker itself can fail: a bit flipped in DRAM under a line hart 0 read before is
    caught at the refill (status 100); the same run without the flip passes, and without the
    checker the program sees the flip itself (so the flip really changed what it reads)."""
    out = []
    flip = ["--inject", f"mem-flip:{FLIP_ADDR:#x},3@{FLIP_AT}"]

    def caught(ctx):
        st = run_mp(ctx, "mp-check/flip-caught-4x1", "check_flip", "4x1-check", FLIP_CFG,
                    args=["--check-coherence"] + flip, expect=100)
        why = st["exit"]["detail"]
        if st["exit"]["reason"] != "coherence-check" or "golden memory model" not in why:
            raise ctx.Fail(f"exit 100 for another reason: {why}")
        if f"{FLIP_ADDR:#x}" not in why:
            raise ctx.Fail(f"the checker blamed another address than {FLIP_ADDR:#x}: {why}")

    out.append(("mp-check/flip-caught-4x1", caught))
    out.append(("mp-check/no-flip-passes-4x1", lambda c: run_mp(
        c, "mp-check/no-flip-passes-4x1", "check_flip", "4x1-check", FLIP_CFG,
        args=["--check-coherence"], stats_check=lambda st: checked(st, 1))))
    out.append(("mp-check/flip-seen-unchecked-4x1", lambda c: run_mp(
        c, "mp-check/flip-seen-unchecked-4x1", "check_flip", "4x1", FLIP_CFG,
        args=flip, expect=1)))
    return out


FAIL_AT = 30000  # cycle of --fail-node in the fault tests (after the program's set-up)


def fault_tests(tier):
    out = []

    def add(name, prog, shape, node, words):
        words = dict(words)
        words.update({2: node, 3: FAIL_AT})
        out.append((name, lambda c: run_mp(c, name, prog, shape, words,
                                           args=["--fail-node", f"{node}@{FAIL_AT}"])))

    add("mp-fault/remote-2x1", "fault_remote", "2x1", 1, {})
    if tier == "regress":
        add("mp-fault/remote-4x1", "fault_remote", "4x1", 3, {})
        add("mp-fault/lost-2x1", "fault_lost", "2x1", 1, {})
        add("mp-fault/lost-4x1", "fault_lost", "4x1", 1, {})
        add("mp-fault/dead-sharer-4x1", "fault_sharer", "4x1", 1, {})
    return out


def sips_stats(st, flood=True):
    """The SIPS counters of the stats JSON agree with each other (and the flood NACKed)."""
    sent = sum(nd["sips_sent"] for nd in st["nodes"])
    recv = sum(nd["sips_received"] for nd in st["nodes"])
    nacked = sum(nd["sips_nacked"] for nd in st["nodes"])
    if sent != recv:
        return f"stats: sips_sent {sent} != sips_received {recv}"
    if flood and not nacked:
        return "stats: no SIPS was NACKed (the flood must fill the queue)"
    return None


def sips_fault_stats(st):
    n0 = st["nodes"][0]
    if n0["sips_failed"] != 2:
        return f"stats: node 0 sips_failed {n0['sips_failed']}, want 2"
    return None


def sips_tests(tier):
    """mp-sips/*: tests/mp/sips.c (all to all, flood with NACKs, bad input), the coherence
    stress test with random SIPS traffic (stress.c w[5]) and tests/mp/sips_fault.c (SIPS to a
    failed node) on 4x1, and in regress on 4x2 (stress: seeds 1-3)."""
    out = []
    shapes = ["4x1", "4x2"] if tier == "regress" else ["4x1"]
    for shape in shapes:
        name = f"mp-sips/sips-{shape}"
        words = {1: 3, 2: 12} if tier == "regress" else {1: 2, 2: 8}
        out.append((name, lambda c, name=name, shape=shape, words=words:
                    run_mp(c, name, "sips", shape, words, stats_check=sips_stats)))
        for seed in (range(1, 4) if tier == "regress" else range(1, 2)):
            name = f"mp-sips/stress-{shape}-seed-{seed}"
            out.append((name, lambda c, name=name, shape=shape, seed=seed:
                        run_mp(c, name, "stress", shape,
                               {0: seed, 1: 1000, 2: 8, 3: 0, 4: 16, 5: 1},
                               max_cycles=STRESS_MAX_CYCLES,
                               stats_check=lambda st: sips_stats(st, flood=False))))
        name = f"mp-sips/fault-{shape}"
        out.append((name, lambda c, name=name, shape=shape:
                    run_mp(c, name, "sips_fault", shape, {2: 3, 3: FAIL_AT},
                           args=["--fail-node", f"3@{FAIL_AT}"],
                           stats_check=sips_fault_stats)))
    return out
