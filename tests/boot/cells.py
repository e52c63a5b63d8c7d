"""Boots of the multi-cell configurations (issue 7) and the cell kernel's user test suite in them
(issue 8): the suites boot-cells/* and kernel-cells/* of tests/run.py (docs/testing.md).

Configurations: 4x1 as 4 cells, 4x1 as 2 cells, 4x1 as 1 cell, 4x2 as 2 cells, each on
BUILD/sim/NxC/hive-sim with Debian's OpenSBI (the harness default) in every cell.

boot-cells/NxC-Kcells: the test payload (firmware/payload) in every cell. What each cell must
show is computed here from the configuration alone (DESIGN.md sections 1 and 2), never taken
from a run: cell k owns nodes [k*N/K, (k+1)*N/K) and their harts (hartid = node * C + core);
its memory is the remap window at 0x8000_0000 (its first node's memory) plus the global window
0x1_0000_0000 + n * 0x1000_0000 of each of its other nodes, every range NODE_MEM long (from
`hive-sim --version`); its first node's global alias is the home global address. Each cell's
own console (the stats JSON keeps one per cell; stdout prefixes it `[cellK] `) must hold the
OpenSBI banner with the cell's hart count and harts, and the payload's report: the hart it
runs on, the tree's cpus, the harts SBI HSM knows (exactly the cell's), the memory ranges,
the `hive,soc` facts, and its power-off with reason "none"; hive-sim must exit 0 with every
cell passed and nothing printed on the UART of a cell's other nodes.

kernel-cells/NxC-Kcells: the cell kernel (BUILD/kernel/kernel.elf) in every cell, which runs
its boot-time test suite (/etc/rc: ktest, fuzz, demo) and powers off with reason "none" only
when every line passed. Each cell must report the expected cell, nodes and harts, one memory
region per node of the cell with the expected global address, bring every hart online, pass
every line of the suite (`init: N passed, 0 failed`), and hive-sim must exit 0.

kernel-cells/panic-NxC-Kcells: kernel-panic.elf in the panicking cells (every cell of 4x1 as 1
cell; cell 0 of 4x1 as 2 cells); each one's init asks for a panic, which must report
`memory cutoff: set on N of N nodes (a-b), H of H harts stopped` (every node of the cell cut
off, every hart stopped by the protocol of kernel/cutoff.h) and fail the cell. Every other cell
runs kernel-bench.elf and must carry on: print console lines after the panicking cells finished
and pass (Hive's point: a cell's failure is contained). hive-sim must exit 101.

Tiers: test runs boot-cells/4x1-2cells (about 9 M cycles); regress runs all of both suites.
"""
import json
import os
import re
import subprocess

CONFIGS = [("4x1", 4), ("4x1", 2), ("4x1", 1), ("4x2", 2)]
TEST_TIER_BOOT = [("4x1", 2)]
TEST_TIER_KERNEL = []
# the panic path in a cell of several nodes (regress): shape, cells, the cells that panic
PANIC_CONFIGS = [("4x1", 1, [0]), ("4x1", 2, [0])]

REMAP_BASE = 0x8000_0000          # DESIGN.md section 2
GLOBAL_BASE = 0x1_0000_0000
GLOBAL_STRIDE = 0x1000_0000
OPENSBI_BANNER = "OpenSBI v1.1"
BOOT_MAX_CYCLES = 40_000_000      # a boot to power-off takes 6-12 M
KERNEL_MAX_CYCLES = 150_000_000   # the suite takes 47 M in 4x1 as 4 or 2 cells
PANIC_MAX_CYCLES = 60_000_000     # OpenSBI enters a 4-hart cell at ~16 M
TIMEOUT_S = 4 * 3600


class Fail(Exception):
    """A test failed (tests/run.py catches it by this name through its own Fail)."""


def name(shape, cells):
    return f"{shape}-{cells}cell{'s' if cells > 1 else ''}"


def shape_params(sim):
    """NODES, CORES_PER_NODE, NODE_MEM of a model, from `hive-sim --version`."""
    try:
        out = subprocess.run([sim, "--version"], capture_output=True, text=True,
                             timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired) as e:
        raise Fail(f"{sim} --version: {e}")
    m = re.search(r"NODES=(\d+) CORES_PER_NODE=(\d+) NODE_MEM=(\d+)", out)
    if not m:
        raise Fail(f"{sim} --version does not state the shape:\n{out}")
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


def expected_cells(nodes, cores, ncells, node_mem):
    """What each cell of the configuration must get, from DESIGN.md alone."""
    per = nodes // ncells
    cells = []
    for k in range(ncells):
        ns = list(range(k * per, (k + 1) * per))
        mem = {(REMAP_BASE, node_mem)}
        mem |= {(GLOBAL_BASE + n * GLOBAL_STRIDE, node_mem) for n in ns[1:]}
        cells.append({
            "cell": k, "nodes": ns,
            "harts": [n * cores + c for n in ns for c in range(cores)],
            "memory": mem,
            "home_global": GLOBAL_BASE + ns[0] * GLOBAL_STRIDE,
        })
    return cells


def tail(text, n=15):
    lines = [ln for ln in (text or "").splitlines() if ln.strip()]
    return "\n".join(lines[-n:])


def run_sim(ctx, shape, ncells, payloads, max_cycles, tag):
    """payloads: --payload arguments ([CELL=]FILE)"""
    sim = ctx.need(os.path.join(ctx.build, "sim", shape, "hive-sim"),
                   f"build it with `make sim boot NODES={shape.split('x')[0]} "
                   f"CORES_PER_NODE={shape.split('x')[1]}`")
    nodes, cores, node_mem = shape_params(sim)
    if f"{nodes}x{cores}" != shape:
        raise Fail(f"{sim} is a {nodes}x{cores} model, not {shape}")
    out_dir = os.path.join(ctx.tests_out, "cells", tag)
    os.makedirs(out_dir, exist_ok=True)
    stats_path = os.path.join(out_dir, "stats.json")
    if os.path.exists(stats_path):
        os.remove(stats_path)
    cmd = [sim, "--cells", str(ncells)]
    for p in payloads:
        cmd += ["--payload", p]
    cmd += ["--max-cycles", str(max_cycles), "--stats", stats_path]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S,
                           stdin=subprocess.DEVNULL, errors="replace")
    except subprocess.TimeoutExpired:
        raise Fail(f"no exit within {TIMEOUT_S} s: {' '.join(cmd)}")
    with open(os.path.join(out_dir, "stdout.txt"), "w") as f:
        f.write(r.stdout)
    with open(os.path.join(out_dir, "stderr.txt"), "w") as f:
        f.write(r.stderr)
    stats = None
    if os.path.exists(stats_path):
        with open(stats_path) as f:
            stats = json.load(f)
    replay = f"replay: {' '.join(cmd)} (output in {out_dir})"
    return r, stats, expected_cells(nodes, cores, ncells, node_mem), replay


def common_checks(r, stats, cells, problems):
    if r.returncode != 0:
        problems.append(f"hive-sim exit {r.returncode}, expected 0")
    if stats is None:
        problems.append("no stats JSON written")
        return False
    if len(stats["cells"]) != len(cells):
        problems.append(f"stats list {len(stats['cells'])} cells, expected {len(cells)}")
        return False
    for want, got in zip(cells, stats["cells"]):
        k = want["cell"]
        if got["nodes"] != want["nodes"]:
            problems.append(f"cell {k}: nodes {got['nodes']} in the stats, expected "
                            f"{want['nodes']}")
        if got["finished"] != "pass":
            problems.append(f"cell {k}: finished {got['finished']!r}, expected 'pass'")
        if any(got.get("node_consoles", {}).values()):
            problems.append(f"cell {k}: output on another node's UART: "
                            f"{sorted(got['node_consoles'])}")
    return True


def field(console, prefix):
    """The rest of the first console line that starts with `prefix` (spaces collapsed)."""
    for line in console.split("\n"):
        if line.startswith(prefix):
            return " ".join(line[len(prefix):].split())
    return None


def check_boot_cell(want, console, stdout, problems):
    k, harts = want["cell"], want["harts"]
    p = f"cell {k}: "
    if OPENSBI_BANNER not in console:
        problems.append(p + f"no {OPENSBI_BANNER!r} banner on its console")
    if f"[cell{k}] {OPENSBI_BANNER}" not in stdout:
        problems.append(p + f"no '[cell{k}] {OPENSBI_BANNER}' line on stdout")
    count = field(console, "Platform HART Count")
    if count != f": {len(harts)}":
        problems.append(p + f"OpenSBI HART count {count!r}, expected {len(harts)}")
    dharts = field(console, "Domain0 HARTs")
    got = sorted(int(h.rstrip("*")) for h in dharts[2:].split(",")) if dharts else None
    if got != harts:
        problems.append(p + f"OpenSBI domain harts {dharts!r}, expected {harts}")
    up = re.findall(r"^hive payload: hart (\d+) up$", console, re.M)
    if len(up) != 1 or int(up[0]) not in harts:
        problems.append(p + f"payload entered on harts {up}, expected one of {harts}")
    cpus = field(console, "hive payload: fdt cpus:")
    if cpus is None or [int(x) for x in cpus.split()] != harts:
        problems.append(p + f"device-tree cpus {cpus!r}, expected {harts}")
    hsm = {int(h): st for h, st in re.findall(r"^hive payload: sbi hart (\d+) (\w+)$", console,
                                              re.M)}
    if sorted(hsm) != harts:
        problems.append(p + f"SBI HSM knows harts {sorted(hsm)}, expected {harts}")
    if up and hsm.get(int(up[0])) != "started":
        problems.append(p + f"HSM does not report the payload's hart {up[0]} started")
    if f"hive payload: {len(harts)} harts, fdt and HSM agree" not in console:
        problems.append(p + f"no '{len(harts)} harts, fdt and HSM agree' line")
    mem = {(int(b, 16), int(s, 16)) for b, s in
           re.findall(r"^hive payload: memory (0x[0-9a-f]+) size (0x[0-9a-f]+)$", console, re.M)}
    if mem != want["memory"]:
        problems.append(p + "memory %s, expected %s" % (
            sorted((hex(b), hex(s)) for b, s in mem),
            sorted((hex(b), hex(s)) for b, s in want["memory"])))
    soc = re.search(r"^hive payload: cell (\d+) of (\d+), first node (\d+), (\d+) nodes; "
                    r"machine (\d+)x(\d+), node memory (0x[0-9a-f]+), home global "
                    r"(0x[0-9a-f]+)$", console, re.M)
    return soc


def boot_cells(ctx, shape, ncells):
    image = ctx.need(ctx.a.payload, "build it with `make payload`")
    r, stats, cells, replay = run_sim(ctx, shape, ncells, [image], BOOT_MAX_CYCLES,
                                      "boot-" + name(shape, ncells))
    problems = []
    nodes, cores = (int(x) for x in shape.split("x"))
    if common_checks(r, stats, cells, problems):
        node_mem = next(s for b, s in cells[0]["memory"] if b == REMAP_BASE)
        for want, got in zip(cells, stats["cells"]):
            console = got["console"]
            soc = check_boot_cell(want, console, r.stdout, problems)
            k = want["cell"]
            facts = (k, ncells, want["nodes"][0], len(want["nodes"]), nodes, cores, node_mem,
                     want["home_global"])
            if not soc or tuple(int(x, 0) for x in soc.groups()) != facts:
                problems.append(f"cell {k}: hive,soc report {soc.group(0) if soc else None!r},"
                                f" expected cell {k} of {ncells}, first node {facts[2]}, "
                                f"{facts[3]} nodes, machine {shape}, node memory "
                                f"{hex(node_mem)}, home global {hex(facts[7])}")
            if "hive payload: powering off (reason none)" not in console:
                problems.append(f"cell {k}: no power-off with reason none")
            if "hive payload: FAIL" in console:
                problems.append(f"cell {k}: the payload reported a failed check")
    if problems:
        raise Fail("; ".join(problems) + "\n" + replay + "\n" + tail(r.stdout + r.stderr))


def kernel_cells(ctx, shape, ncells):
    image = ctx.need(os.path.join(ctx.build, "kernel", "kernel.elf"),
                     "build it with `make kernel`")
    r, stats, cells, replay = run_sim(ctx, shape, ncells, [image], KERNEL_MAX_CYCLES,
                                      "kernel-" + name(shape, ncells))
    problems = []
    nodes, _ = (int(x) for x in shape.split("x"))
    if common_checks(r, stats, cells, problems):
        for want, got in zip(cells, stats["cells"]):
            console, k, harts, ns = got["console"], want["cell"], want["harts"], want["nodes"]
            p = f"cell {k}: "
            m = re.search(r"^hive kernel: cell (\d+) of (\d+) \(nodes (\d+)-(\d+) of (\d+)\), "
                          r"boot hart (\d+), (\d+) harts", console, re.M)
            if not m:
                problems.append(p + "no 'hive kernel: cell ...' line")
            else:
                g = [int(x) for x in m.groups()]
                if g[:5] != [k, ncells, ns[0], ns[-1], nodes] or g[5] not in harts or \
                        g[6] != len(harts):
                    problems.append(p + f"kernel reports {m.group(0)!r}, expected cell {k} of "
                                    f"{ncells}, nodes {ns[0]}-{ns[-1]} of {nodes}, a boot hart "
                                    f"of {harts}, {len(harts)} harts")
            regions = {int(n): int(g, 16) for n, g in
                       re.findall(r"^memory: node (\d+) at [0-9a-f]+ \(global ([0-9a-f]+)\)",
                                  console, re.M)}
            want_regions = {n: GLOBAL_BASE + n * GLOBAL_STRIDE for n in ns}
            if regions != want_regions:
                problems.append(p + "memory regions %s, expected %s" % (
                    {n: hex(a) for n, a in regions.items()},
                    {n: hex(a) for n, a in want_regions.items()}))
            smp = re.findall(r"^ktest: smp: \d+ processes ran on (\d+) of (\d+) harts$",
                             console, re.M)
            if len(smp) != 1 or int(smp[0][1]) != len(harts) or \
                    (len(harts) > 1 and int(smp[0][0]) < 2):
                problems.append(p + f"SMP stress report {smp}, expected processes on more than "
                                f"one of {len(harts)} harts" if len(harts) > 1 else
                                p + f"SMP stress report {smp}, expected 1 of 1 harts")
            for bad in ("HSM start failed", "not started", "PANIC"):
                if bad in console:
                    problems.append(p + f"{bad!r} on the console")
            res = re.findall(r"^init: (\d+) passed, (\d+) failed", console, re.M)
            if len(res) != 1 or res[0][1] != "0" or res[0][0] == "0":
                problems.append(p + f"init results {res}, expected one 'N passed, 0 failed'")
            failed = re.findall(r"^init: .*FAILED.*$", console, re.M)
            if failed:
                problems.append(p + "; ".join(failed))
            if "powering off (all passed)" not in console:
                problems.append(p + "no 'powering off (all passed)'")
    if problems:
        raise Fail("; ".join(problems) + "\n" + replay + "\n" + tail(r.stdout + r.stderr))


def kernel_cells_panic(ctx, shape, ncells, panicking):
    """kernel-panic.elf in the cells `panicking`: each one's init asks for a panic, which must
    cut off every node of the cell, stop every hart and fail the cell; the other cells run
    kernel-bench.elf and must carry on after the panics and pass."""
    kbuild = os.path.join(ctx.build, "kernel")
    image = ctx.need(os.path.join(kbuild, "kernel-panic.elf"),
                     "build it with `make build/kernel/kernel-panic.elf`")
    payloads = [image] if len(panicking) == ncells else \
        [ctx.need(os.path.join(kbuild, "kernel-bench.elf"),
                  "build it with `make build/kernel/kernel-bench.elf`")] + \
        [f"{k}={image}" for k in panicking]
    r, stats, cells, replay = run_sim(ctx, shape, ncells, payloads, PANIC_MAX_CYCLES,
                                      "kernel-panic-" + name(shape, ncells))
    problems = []
    if r.returncode != 101:
        problems.append(f"hive-sim exit {r.returncode}, expected 101 (the cells failed)")
    got_cells = stats["cells"] if stats else []
    if len(got_cells) != len(cells):
        problems.append(f"stats list {len(got_cells)} cells, expected {len(cells)}")
    panic_end = max((got["cycle"] or 0 for want, got in zip(cells, got_cells)
                     if want["cell"] in panicking), default=0)
    for want, got in zip(cells, got_cells):
        k, harts, ns = want["cell"], want["harts"], want["nodes"]
        console = got["console"]
        if k not in panicking:
            later = [c for c in got["line_cycles"] if c > panic_end]
            if got["finished"] != "pass" or not later or \
                    "powering off (all passed)" not in console:
                problems.append(f"cell {k}: finished {got['finished']!r} with "
                                f"{len(later)} console lines after cycle {panic_end} (the "
                                f"panics), expected 'pass', lines after it and 'powering off "
                                f"(all passed)'")
            if "PANIC" in console:
                problems.append(f"cell {k}: 'PANIC' on the console")
            continue
        if got["finished"] != "fail":
            problems.append(f"cell {k}: finished {got['finished']!r}, expected 'fail'")
        if f"PANIC: cell {k}" not in console:
            problems.append(f"cell {k}: no 'PANIC: cell {k}'")
        cut = (f"memory cutoff: set on {len(ns)} of {len(ns)} nodes ({ns[0]}-{ns[-1]}), "
               f"{len(harts)} of {len(harts)} harts stopped")
        if cut not in console:
            problems.append(f"cell {k}: no {cut!r}: "
                            f"{re.findall(r'^memory cutoff.*$', console, re.M)}")
    if problems:
        raise Fail("; ".join(problems) + "\n" + replay + "\n" + tail(r.stdout + r.stderr))


def tests(tier):
    """[(name, fn(ctx))] of the tier."""
    regress = tier == "regress"
    out = []
    for shape, ncells in CONFIGS:
        if regress or (shape, ncells) in TEST_TIER_BOOT:
            out.append((f"boot-cells/{name(shape, ncells)}",
                        lambda c, s=shape, k=ncells: boot_cells(c, s, k)))
    for shape, ncells in CONFIGS:
        if regress or (shape, ncells) in TEST_TIER_KERNEL:
            out.append((f"kernel-cells/{name(shape, ncells)}",
                        lambda c, s=shape, k=ncells: kernel_cells(c, s, k)))
    if regress:
        for shape, ncells, panicking in PANIC_CONFIGS:
            out.append((f"kernel-cells/panic-{name(shape, ncells)}",
                        lambda c, s=shape, k=ncells, p=panicking: kernel_cells_panic(c, s, k, p)))
    return out
