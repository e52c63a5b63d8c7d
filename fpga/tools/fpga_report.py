#!/usr/bin/env python3
"""Resource and timing figures of the FPGA builds (docs/fpga.md).

  fpga_report.py check-timing DIR MHZ   exit 1 when nextpnr's routed Fmax of the core clock in
                                        DIR/pnr_report.json is below MHZ
  fpga_report.py summary DIR            one screen of figures for one board build
  fpga_report.py docs FPGA_JSON MD      the figures section of docs/fpga.md (between the
                                        fpga-figures markers) from build/bench/fpga.json

build/bench/fpga.json itself is written by the benchmark bench/fpga.py (bench/run.py fpga),
which reads every configuration's build directory build/fpga/<board>/<config>/, and the reports
kept in fpga/results/<board>/<config>/ (make fpga-keep) of configurations not built here, with
collect().
Sources: Yosys `stat` (synth_stat.txt: cells after synthesis, both boards), nextpnr-ecp5's
--report JSON (pnr_report.json: utilization of the placed design and Fmax per clock, ULX3S),
the synthesis keeps the hierarchy, so the same stat gives the per-block figures; and the
build parameters (params), revision, synth.seconds and pnr.seconds; the placer seed from
pnr_seeds (pnr_watch.py's record of the seeds it tried) or, in older runs, pnr_params.
"""
import json
import os
import re
import subprocess
import sys

ECP5_85F = {"part": "LFE5U-85F-6BG381C", "luts": 83640, "ffs": 83640, "bram": 208, "dsp": 156,
            "distributed_ram_kbit": 669}
XC7A100T = {"part": "XC7A100T-1CSG324C", "luts": 63400, "ffs": 126800, "bram36": 135, "dsp": 240,
            "lutram_luts": 19000}
# LUTs that each Xilinx LUT-RAM primitive occupies
XILINX_LUTRAM = {"RAM32X1S": 1, "RAM32X1D": 2, "RAM64X1S": 1, "RAM64X1D": 2, "RAM128X1S": 2,
                 "RAM128X1D": 4, "RAM256X1S": 4, "RAM32M": 4, "RAM64M": 4, "RAM32M16": 8,
                 "RAM64M8": 8, "SRL16E": 1, "SRLC32E": 1}


def read_params(d):
    p = {}
    try:
        for tok in open(os.path.join(d, "params")).read().split():
            k, _, v = tok.partition("=")
            p[k] = v
    except OSError:
        pass
    return p


def parse_stat(path):
    """Yosys `stat` text -> ({module: {cell type: count}}, {module: {submodule: count}}), for
    both of Yosys' column orders; a hierarchical run also has a "design hierarchy" entry with
    the totals."""
    raw, cur = {}, None
    try:
        text = open(path).read()
    except OSError:
        return {}, {}
    for line in text.splitlines():
        m = re.match(r"^=== (.+) ===$", line.strip())
        if m:
            cur = raw.setdefault(m.group(1), [])
            continue
        if cur is None:
            continue
        t = line.split()
        if len(t) != 2:
            continue
        a, b = t
        if a.isdigit() and not b.isdigit():
            cur.append((b, int(a)))
        elif b.isdigit() and not a.isdigit():
            cur.append((a, int(b)))
    cells, subs = {}, {}
    for mod, pairs in raw.items():
        c, sm = {}, {}
        for name, n in pairs:
            if name in raw and mod != "design hierarchy":
                sm[name] = sm.get(name, 0) + n
            elif re.match(r"^[A-Z$][A-Za-z0-9_$]*$", name):
                c[name] = n
        cells[mod], subs[mod] = c, sm
    return cells, subs


def rolled(cells, subs, mod, memo=None):
    """Cells of a module including its submodules."""
    memo = {} if memo is None else memo
    if mod in memo:
        return memo[mod]
    tot = dict(cells.get(mod, {}))
    for sm, n in subs.get(mod, {}).items():
        for k, v in rolled(cells, subs, sm, memo).items():
            tot[k] = tot.get(k, 0) + n * v
    memo[mod] = tot
    return tot


def short(mod):
    """The module's own name: "$paramod$hash\\core" and "$paramod\\tlb\\ENTRIES=..." (Yosys'
    frontend) and "core$ulx3s_top.soc.g_node[0].nd.g_core[0].cpu" (slang, one module per
    instance) -> "core"."""
    m = mod.lstrip("\\")
    if m.startswith("$paramod"):
        parts = m.split("\\")
        return parts[1] if len(parts) > 1 else m
    return m.split("$")[0]


def block_label(mod, inherited):
    name = short(mod)
    if name == "l1_cache":  # slang's names keep the instance path: tell I from D
        inst = mod.rsplit(".", 1)[-1]
        return {"icache": "L1 I", "dcache": "L1 D"}.get(inst, BLOCK_OF[name])
    return BLOCK_OF.get(name, inherited)


# The blocks of the issue, by module name. A module's cells count for the nearest enclosing
# module that is a block (a TLB counts for the core, a FIFO for the router or the home that
# holds it), so the blocks partition the design and add up to its total.
BLOCK_OF = {
    "core": "core (TLBs, PMP, M unit, RVC)",
    "l1_cache": "L1 caches (I + D)",
    "home": "coherence controller (home, directory)",
    "firewall": "firewall",
    "sips": "SIPS",
    "mesh": "NoC (three meshes)",
    "router": "NoC (three meshes)",
    "bootrom": "boot ROM",
    "clint": "node devices (CLINT, UART, registers, finishers)",
    "uart": "node devices (CLINT, UART, registers, finishers)",
    "ctrl_regs": "node devices (CLINT, UART, registers, finishers)",
    "finisher": "node devices (CLINT, UART, registers, finishers)",
    "node": "node glue (decoder, memory port)",
    "hive_soc": "SoC glue",
    "board_hub": "host link (board_hub: UARTs, FIFOs, loader, status)",
    "board_mem_arb": "board memory arbiter",
    "sdram_ctrl": "SDRAM controller",
    "board_bram_mem": "block-RAM node memory",
    "ulx3s_top": "board top (clock, reset, buttons, LEDs)",
    "arty_top": "board top (clock, reset, buttons, LEDs)",
}
BLOCK_ORDER = list(dict.fromkeys(["core (TLBs, PMP, M unit, RVC)", "L1 I", "L1 D"] +
                                  list(BLOCK_OF.values())))


def find_top(cells, subs):
    used = {sm for m, d in subs.items() if m != "design hierarchy" for sm in d}
    tops = [m for m in cells if m != "design hierarchy" and m not in used]
    return tops[0] if len(tops) == 1 else None


def by_block(cells, subs, conv):
    """{block: figures} over the hierarchy (each instance counted), or {} for a flat netlist."""
    top = find_top(cells, subs)
    if top is None or not any(subs.get(top, {}).values()):
        return {}
    acc = {}

    def walk(mod, mult, label):
        label = block_label(mod, label)
        tot = acc.setdefault(label, {})
        for k, v in cells.get(mod, {}).items():
            tot[k] = tot.get(k, 0) + mult * v
        for sm, n in subs.get(mod, {}).items():
            walk(sm, mult * n, label)

    walk(top, 1, "other")
    return {b: conv(acc[b]) for b in BLOCK_ORDER + ["other"] if b in acc}


def top_cells(parsed):
    """Cells of the whole design: the top module's, its submodules' included."""
    cells, subs = parsed
    cells = {m: c for m, c in cells.items() if m != "design hierarchy"}
    top = find_top(cells, subs)
    if top is not None:
        return rolled(cells, subs, top)
    return max(cells.values(), key=lambda c: sum(c.values()), default={})


def ecp5_from_cells(c):
    return {"lut4": c.get("LUT4", 0), "ffs": c.get("TRELLIS_FF", 0),
            "lutram_dpr16x4": c.get("TRELLIS_DPR16X4", 0), "carry_ccu2c": c.get("CCU2C", 0),
            "bram_dp16kd": c.get("DP16KD", 0), "dsp_mult18": c.get("MULT18X18D", 0),
            "wide_mux_pfumx_l6mux21": c.get("PFUMX", 0) + c.get("L6MUX21", 0)}


def xilinx_from_cells(c):
    luts = sum(n for k, n in c.items() if re.match(r"^LUT[1-6]$", k))
    lutram = sum(n * XILINX_LUTRAM[k] for k, n in c.items() if k in XILINX_LUTRAM)
    ffs = sum(n for k, n in c.items() if re.match(r"^FD[CPRS]E?$", k) or k in ("FDRE", "FDSE", "FDCE", "FDPE"))
    bram = c.get("RAMB36E1", 0) + c.get("RAMB18E1", 0) / 2
    return {"luts": luts + lutram, "luts_logic": luts, "luts_as_ram": lutram, "ffs": ffs,
            "bram36": bram, "dsp": c.get("DSP48E1", 0), "carry4": c.get("CARRY4", 0)}


def gates(c):
    """Yosys' generic gates ($_AND_, $_MUX_, ...): the logic not yet mapped to LUTs."""
    return sum(n for k, n in c.items() if k.startswith("$_"))


def premap_from_cells(c, ecp5):
    f = ecp5_from_cells(c) if ecp5 else xilinx_from_cells(c)
    f["gates"] = gates(c)
    f["mux_gates"] = c.get("$_MUX_", 0)
    return f


def ecp5_comb_estimate(f):
    """LUT positions (TRELLIS_COMB) the synthesized cells need: a LUT4 one, a CCU2C two, a
    DPR16X4 six (four LUTs in RAM mode and the write port's half slice)."""
    return f["lut4"] + 2 * f["carry_ccu2c"] + 6 * f["lutram_dpr16x4"]


def pnr(d):
    try:
        return json.load(open(os.path.join(d, "pnr_report.json")))
    except (OSError, ValueError):
        return None


def pnr_log(d):
    """What nextpnr's log says of a run that wrote no report (stopped while routing): the placed
    design's utilisation, the placer's Fmax estimate of the core clock and how far the router got
    (router2: its last pass and its fewest overused wires; router1: the arcs left). None when the
    log does not reach the end of placement."""
    try:
        with open(os.path.join(d, "pnr.log")) as f:
            text = f.read()
    except OSError:
        return None
    util = {m.group(1): {"used": int(m.group(2)), "available": int(m.group(3))}
            for m in re.finditer(r"^Info:\s+(\w+):\s+(\d+)/\s*(\d+)\s+\d+%", text, re.M)}
    # the core clock's global net: $glbnet$clk, or in a flattened netlist named after a block
    # that uses it ($glbnet$arb.clk)
    est = [(float(m.group(1)), float(m.group(2))) for m in re.finditer(
        r"Max frequency for clock '\$glbnet\$[\w.\[\]]*clk': ([\d.]+) MHz \((?:PASS|FAIL) at ([\d.]+) MHz\)",
        text)]
    if not util or not est:
        return None
    out = {"utilization": util, "fmax_estimate": est[-1][0], "constraint": est[-1][1]}
    passes = [(int(i), int(o)) for i, o in re.findall(r"iter=(\d+) wires=\d+ overused=(\d+)", text)]
    if passes:  # router2: negotiated passes, each with the wires still overused
        fewest = min(passes, key=lambda p: p[1])
        out["route_unfinished"] = {"router": "router2", "passes": passes[-1][0], "overused_wires": passes[-1][1],
                                   "fewest_overused_wires": fewest[1], "fewest_at_pass": fewest[0]}
    rows = re.findall(r"^Info:\s+(\d+) \|\s+\d+\s+\d+ \|\s+-?\d+\s+-?\d+ \|\s+(\d+)\|", text, re.M)
    if rows:  # router1: a row per 1000 arcs routed, with the arcs still to route
        out["route_unfinished"] = {"router": "router1", "arcs_routed": int(rows[-1][0]),
                                   "arcs_left": int(rows[-1][1])}
    return out


def stage(f):
    """How far a ULX3S configuration got: "routed" (a routed Fmax), "placed" (the route did not
    end) or None (synthesized only)."""
    return "routed" if f.get("fmax_mhz") is not None else "placed" if f.get("placed") else None


def core_fmax(rep):
    """(achieved, constraint) MHz of the core clock: the constrained clock with the most
    demanding constraint that is not the 25 MHz oscillator input."""
    best = None
    for name, f in (rep or {}).get("fmax", {}).items():
        if "clk_25mhz" in name:
            continue
        if best is None or f.get("constraint", 0) > best[1]:
            best = (f.get("achieved", 0.0), f.get("constraint", 0.0), name)
    return best


def pnr_seed(d):
    """The placer seed of the route whose figures stand, and the other seeds' outcomes
    (pnr_watch.py --record: 'seed S: outcome' per try, then 'kept: seed S'); runs from before
    the seed sweep name their seed in pnr_params. (None, []) when neither says."""
    tries = (read_text(os.path.join(d, "pnr_seeds")) or "").splitlines()
    kept = [t.split()[-1] for t in tries if t.startswith("kept: seed ")]
    if kept:
        return kept[-1], [t for t in tries if t.startswith("seed ") and not t.startswith("seed %s:" % kept[-1])]
    m = re.search(r"--seed (\d+)", read_text(os.path.join(d, "pnr_params")) or "")
    return (m.group(1) if m else None), []


def same_sources(d, revision):
    """Whether fpga-blocks' synthesis read the sources the configuration's synthesis read."""
    src, bsrc = read_text(os.path.join(d, "sources")), read_text(os.path.join(d, "blocks_sources"))
    if src and bsrc:
        return src == bsrc
    return read_text(os.path.join(d, "blocks_revision")) == revision


def read_text(path):
    """A small report file's text, stripped; None when it is missing."""
    try:
        return open(path).read().strip()
    except OSError:
        return None


def read_int(path):
    try:
        return int(read_text(path))
    except (TypeError, ValueError):
        return None


def board_figures(d):
    """The figures of one board configuration's build directory."""
    p = read_params(d)
    name = p.get("board", os.path.basename(os.path.dirname(os.path.normpath(d))))
    out = {"board": name, "config": os.path.basename(os.path.normpath(d)), "params": p,
           "shape": p.get("shape"), "l1_lines": int(p["l1_lines"]) if p.get("l1_lines") else None}
    out["revision"] = read_text(os.path.join(d, "revision")) or "unknown"
    if p.get("mhz"):
        out["clock_mhz"] = int(p["mhz"])
    seed, others = pnr_seed(d)
    if seed:
        out["pnr_seed"] = seed
        if others:
            out["pnr_other_seeds"] = others
    for k in ("synth", "pnr"):
        t = read_int(os.path.join(d, k + ".seconds"))
        if t is not None:
            out[k + "_seconds"] = t
    parsed = parse_stat(os.path.join(d, "synth_stat.txt"))
    cells = top_cells(parsed)
    is_ecp5 = name.startswith("ulx3s")
    conv = ecp5_from_cells if is_ecp5 else xilinx_from_cells
    if is_ecp5:
        out["device"] = ECP5_85F
        if cells:
            out["synth"] = ecp5_from_cells(cells)
            out["synth"]["comb_estimate"] = ecp5_comb_estimate(out["synth"])
            out["synth"]["distributed_ram_kbit"] = out["synth"]["lutram_dpr16x4"] * 64 // 1024
        rep = pnr(d)
        log = None if rep else pnr_log(d)
        if log:  # placed, the route did not end: the log's figures, the Fmax only an estimate
            rep = {"utilization": log["utilization"]}
            out["placement_fmax_estimate_mhz"] = log["fmax_estimate"]
            out["clock_mhz"] = log["constraint"]
            if "route_unfinished" in log:
                out["route_unfinished"] = log["route_unfinished"]
        if rep:
            u = rep.get("utilization", {})
            g = lambda k: u.get(k, {}).get("used", 0)  # noqa: E731
            out["placed"] = {"luts": g("TRELLIS_COMB"), "luts_available": u.get("TRELLIS_COMB", {}).get("available", 0),
                             "ffs": g("TRELLIS_FF"), "lutram_write_ports": g("TRELLIS_RAMW"),
                             "bram_dp16kd": g("DP16KD"), "dsp_mult18": g("MULT18X18D"),
                             "io": g("TRELLIS_IO"), "pll": g("EHXPLLL")}
            fm = core_fmax(rep)
            if fm:
                out["fmax_mhz"] = round(fm[0], 2)
                out["clock_mhz"] = round(fm[1], 2)  # nextpnr's from the PLL: 15.00015 for 15
                out["timing_met"] = fm[0] >= fm[1]
                out["clock_net"] = fm[2]
        out["bitstream"] = os.path.exists(os.path.join(os.path.dirname(os.path.normpath(d)),
                                                       "hive_ulx3s_%s.bit" % out["config"]))
    else:
        out["device"] = XC7A100T
        if cells:
            out["synth"] = xilinx_from_cells(cells)
        out["note"] = "Yosys synth_xilinx estimate; place and route in Vivado (docs/fpga.md)"
    # a flattened synthesis (params flat=1) has its blocks from a second one that kept the
    # hierarchy (blocks_stat.txt), if it read the same sources (or, in runs from before the
    # sources' hash, ran at the same revision)
    out["flattened"] = p.get("flat") == "1"
    if not out["flattened"]:
        blk = by_block(*parsed, conv)
    elif same_sources(d, out["revision"]):
        blk = by_block(*parse_stat(os.path.join(d, "blocks_stat.txt")), conv)
    else:
        blk = None
    if blk:
        out["by_block"] = blk
    # the cells just before LUT mapping (premap_stat.txt): all there is when the LUT mapping did
    # not finish, and the gate counts ABC had to map per block
    pre = parse_stat(os.path.join(d, "premap_stat.txt"))
    pre_cells = top_cells(pre)
    if pre_cells:
        out["before_lut_mapping"] = premap_from_cells(pre_cells, is_ecp5)
        if is_ecp5:
            f = out["before_lut_mapping"]
            f["distributed_ram_kbit"] = f["lutram_dpr16x4"] * 64 // 1024
        pblk = by_block(*pre, lambda c: premap_from_cells(c, is_ecp5))
        if pblk:
            out["by_block_before_lut_mapping"] = pblk
    out["status"], out["fits"] = fit(out)
    return out


def fit(f):
    """(status text, fits): routed, or the synthesis estimate against the part."""
    s = f.get("synth")
    pre = f.get("before_lut_mapping")
    if not s and pre:
        if f["board"].startswith("ulx3s"):
            # LUT positions already taken before any logic is mapped: carries and LUT RAM
            pre["comb_lower_bound"] = 2 * pre["carry_ccu2c"] + 6 * pre["lutram_dpr16x4"]
            ok = pre["distributed_ram_kbit"] <= ECP5_85F["distributed_ram_kbit"] and \
                pre["ffs"] <= ECP5_85F["ffs"] and pre["bram_dp16kd"] <= ECP5_85F["bram"] and \
                pre["dsp_mult18"] <= ECP5_85F["dsp"] and pre["comb_lower_bound"] <= ECP5_85F["luts"]
        else:
            ok = pre["luts_as_ram"] <= XC7A100T["lutram_luts"] and pre["ffs"] <= XC7A100T["ffs"] and \
                pre["bram36"] <= XC7A100T["bram36"] and pre["dsp"] <= XC7A100T["dsp"]
        what = "memories, FFs, carries, block RAM and DSP" if f["board"].startswith("ulx3s") else \
            "memories, FFs, block RAM and DSP"
        return ("synthesized up to LUT mapping (not finished): %s %s; logic not mapped"
                % (what, "fit" if ok else "do NOT fit")), (None if ok else False)
    if f["board"].startswith("ulx3s"):
        if stage(f) == "routed":
            st = "routed, timing met" if f.get("timing_met") else "routed, timing NOT met"
            return st + (", bitstream" if f.get("bitstream") else ""), True
        if stage(f) == "placed":
            r = f.get("route_unfinished")
            st = "placed (%d %% of the LUTs), not routed" % round(lut_share(f))
            if r and r["router"] == "router2":
                st += ": router2 stopped with %d wires overused after %d passes (fewest %d, at pass %d)" % (
                    r["overused_wires"], r["passes"], r["fewest_overused_wires"], r["fewest_at_pass"])
            elif r:
                st += ": router1 stopped with %d arcs left after routing %d" % (r["arcs_left"], r["arcs_routed"])
            st += "; placement estimate %.2f MHz for the %g MHz clock" % (
                f["placement_fmax_estimate_mhz"], f["clock_mhz"])
            return st, True
        if not s:
            return "not synthesized", None
        ok = s["comb_estimate"] <= ECP5_85F["luts"] and s["ffs"] <= ECP5_85F["ffs"] and \
            s["bram_dp16kd"] <= ECP5_85F["bram"] and s["dsp_mult18"] <= ECP5_85F["dsp"]
        return "synthesized, not placed (estimate: %s)" % ("fits" if ok else "does not fit"), ok
    if not s:
        return "not synthesized", None
    ok = s["luts"] <= XC7A100T["luts"] and s["luts_as_ram"] <= XC7A100T["lutram_luts"] and \
        s["bram36"] <= XC7A100T["bram36"] and s["dsp"] <= XC7A100T["dsp"]
    return "synthesized (estimate: %s)" % ("fits" if ok else "does not fit"), ok


def lut_share(f):
    """Percent of the part's LUTs a configuration takes: nextpnr's placed count on the ULX3S,
    else the synthesis estimate; None when it was not synthesized to LUTs."""
    p, s = f.get("placed"), f.get("synth") or {}
    if p:
        return 100.0 * p["luts"] / max(1, p["luts_available"])
    if f["board"].startswith("ulx3s"):
        return 100.0 * s["comb_estimate"] / ECP5_85F["luts"] if "comb_estimate" in s else None
    return 100.0 * s["luts"] / XC7A100T["luts"] if "luts" in s else None


def harts(f):
    try:
        n, c = (int(x) for x in (f.get("shape") or "0x0").split("x"))
        return n * c, n
    except ValueError:
        return 0, 0


def collect(*roots):
    """{board: {config: figures}} of every configuration under the roots (build/fpga, then
    fpga/results); a configuration is read from the first root that has it."""
    boards = {}
    for root in roots:
        for board in ("ulx3s-85f", "arty-a7-100t"):
            bd = os.path.join(root, board)
            if not os.path.isdir(bd):
                continue
            for cfg in sorted(os.listdir(bd)):
                d = os.path.join(bd, cfg)
                if cfg not in boards.get(board, {}) and os.path.isdir(d) and any(
                        os.path.isfile(os.path.join(d, x)) for x in ("synth_stat.txt", "premap_stat.txt")):
                    boards.setdefault(board, {})[cfg] = board_figures(d)
    return {b: dict(sorted(c.items())) for b, c in boards.items()}


def largest(configs):
    """The configuration with the most harts (then the most L1 lines, timing met, the fastest
    clock, the highest routed Fmax) among those that fit: on the ULX3S routed ones first, then
    placed ones."""
    ok = [f for f in configs.values() if f.get("fits")]
    if not ok:
        return None
    pool = [f for f in ok if stage(f) == "routed"] or [f for f in ok if stage(f) == "placed"] or ok
    return max(pool, key=lambda f: (harts(f), f.get("l1_lines") or 0,
                                    f.get("timing_met", False), f.get("clock_mhz") or 0,
                                    f.get("fmax_mhz") or 0))


def check_timing(d, mhz):
    rep = pnr(d)
    fm = core_fmax(rep)
    if not fm:
        print(f"fpga: no Fmax in {d}/pnr_report.json", file=sys.stderr)
        return 1
    ok = fm[0] >= float(mhz)
    print(f"fpga: core clock {fm[2]}: routed Fmax {fm[0]:.2f} MHz, constraint {mhz} MHz: "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


def summary(d):
    f = board_figures(d)
    print(json.dumps(f, indent=1))
    return 0


BEGIN, END = "<!-- fpga-figures:begin -->", "<!-- fpga-figures:end -->"


def _n(x):
    if isinstance(x, float) and not x.is_integer():
        return "%.1f" % x
    if isinstance(x, (int, float)):
        return "{:,}".format(int(x)).replace(",", " ")
    return str(x)


def _pct(a, b):
    return "%.0f %%" % (100.0 * a / b) if b else ""


def _table(cols, rows):
    out = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        out.append("| " + " | ".join(_n(x) for x in r) + " |")
    return out


def docs_section(bench):
    """Markdown of the figures from build/bench/fpga.json (bench/fpga.py)."""
    boards, largest = bench.get("boards", {}), bench.get("largest", {})
    L = ["Generated by `make fpga-report` from `build/bench/fpga.json` (revision %s, %s); do not "
         "edit by hand." % (bench.get("revision", "?"), bench.get("date", "?")), ""]
    if not boards:
        return L + ["No board build has been run (`make fpga BOARD=...`)."]
    rows = []
    for board, cfgs in boards.items():
        for cfg, f in cfgs.items():
            s, p = f.get("synth") or {}, f.get("placed") or {}
            pre = f.get("before_lut_mapping") or {}
            if not s and pre:
                s = dict(pre)
                s["comb_estimate"] = None
            if board.startswith("ulx3s") and s.get("comb_estimate") is None and not p:
                lb = pre.get("comb_lower_bound", 0)
                luts = "not mapped: %s gates; carries + LUT RAM alone take %s LUT positions (%s)" % (
                    _n(pre.get("gates", 0)), _n(lb), _pct(lb, ECP5_85F["luts"]))
                ffs = s.get("ffs", "")
                ram = "%s DPR16X4 = %s Kbit (%s)" % (_n(s.get("lutram_dpr16x4", 0)), s.get("distributed_ram_kbit", 0),
                                                   _pct(s.get("distributed_ram_kbit", 0), ECP5_85F["distributed_ram_kbit"]))
                bram, dsp = s.get("bram_dp16kd", ""), s.get("dsp_mult18", "")
            elif not board.startswith("ulx3s") and f.get("synth") is None and pre:
                luts = "not mapped: %s gates" % _n(pre.get("gates", 0))
                ffs = s.get("ffs", "")
                ram = "%s LUTs (%s of SLICEM)" % (_n(s.get("luts_as_ram", 0)), _pct(s.get("luts_as_ram", 0), XC7A100T["lutram_luts"]))
                bram, dsp = "%s RAMB36" % _n(s.get("bram36", 0)), s.get("dsp", "")
            elif board.startswith("ulx3s"):
                luts = ("%s (%s)" % (_n(p["luts"]), _pct(p["luts"], p["luts_available"]))) if p else \
                    "~%s (estimate, %s)" % (_n(s.get("comb_estimate", 0)), _pct(s.get("comb_estimate", 0), ECP5_85F["luts"]))
                ffs = p.get("ffs", s.get("ffs", ""))
                ram = "%s DPR16X4 = %s Kbit (%s)" % (_n(s.get("lutram_dpr16x4", 0)), s.get("distributed_ram_kbit", 0),
                                                   _pct(s.get("distributed_ram_kbit", 0), ECP5_85F["distributed_ram_kbit"]))
                bram, dsp = p.get("bram_dp16kd", s.get("bram_dp16kd", "")), p.get("dsp_mult18", s.get("dsp_mult18", ""))
            else:
                luts = "%s (%s)" % (_n(s.get("luts", 0)), _pct(s.get("luts", 0), XC7A100T["luts"]))
                ffs = s.get("ffs", "")
                ram = "%s LUTs (%s of SLICEM)" % (_n(s.get("luts_as_ram", 0)), _pct(s.get("luts_as_ram", 0), XC7A100T["lutram_luts"]))
                bram, dsp = "%s RAMB36" % _n(s.get("bram36", 0)), s.get("dsp", "")
            fmax = ("**%.1f**" % f["fmax_mhz"]) if f.get("fmax_mhz") is not None else "-"
            clk = "%g MHz" % f["clock_mhz"] if f.get("clock_mhz") is not None else "? MHz"
            tm = []
            if f.get("synth_seconds"):
                tm.append("synth %d min" % round(f["synth_seconds"] / 60))
            if f.get("pnr_seconds"):
                tm.append("pnr %d min" % round(f["pnr_seconds"] / 60))
            if f.get("pnr_seed"):
                tm.append("seed %s%s" % (f["pnr_seed"], "".join(
                    " (%s)" % o for o in f.get("pnr_other_seeds", []))))
            rows.append([board, "`%s`" % cfg, f.get("status", ""), luts, ffs, ram, bram, dsp, clk, fmax,
                         ", ".join(tm), "`%s`" % f.get("revision", "?")])
    L.append("**Every configuration built** (LUTs: nextpnr's placed TRELLIS_COMB on the ULX3S, else the "
             "synthesis estimate; parts: LFE5U-85F %s LUT4 / %s Kbit distributed RAM / %s DP16KD / %s "
             "MULT18X18D, XC7A100T %s LUTs / about %s LUT-RAM LUTs / %s RAMB36 / %s DSP48E1):"
             % (_n(ECP5_85F["luts"]), ECP5_85F["distributed_ram_kbit"], ECP5_85F["bram"], ECP5_85F["dsp"],
                _n(XC7A100T["luts"]), _n(XC7A100T["lutram_luts"]), XC7A100T["bram36"], XC7A100T["dsp"]))
    L.append("")
    L += _table(["board", "configuration", "status", "LUTs", "FFs", "LUT RAM", "block RAM", "DSP",
                 "clock", "routed Fmax MHz", "tool time", "revision"], rows)
    L.append("")
    for board in boards:
        cfg = largest.get(board)
        if not cfg:
            L.append("**%s**: no configuration has been shown to fit yet (see the status column)." % board)
            L.append("")
            for c, f in boards[board].items():
                if f.get("by_block"):
                    L += _block_table(board, c, f["by_block"], f.get("flattened"))
                    continue
                pb = f.get("by_block_before_lut_mapping")
                if not pb:
                    continue
                if board.startswith("ulx3s"):
                    cols = ["block", "gates before LUT mapping", "of which 2:1 muxes", "CCU2C (carry)",
                            "DPR16X4 (LUT RAM)", "FFs", "DP16KD", "MULT18X18D"]
                    brows = [[b, v["gates"], v["mux_gates"], v["carry_ccu2c"], v["lutram_dpr16x4"], v["ffs"],
                              v["bram_dp16kd"], v["dsp_mult18"]] for b, v in pb.items()]
                else:
                    cols = ["block", "gates before LUT mapping", "of which 2:1 muxes", "CARRY4", "LUT-RAM LUTs",
                            "FFs", "RAMB36", "DSP48E1"]
                    brows = [[b, v["gates"], v["mux_gates"], v["carry4"], v["luts_as_ram"], v["ffs"], v["bram36"],
                              v["dsp"]] for b, v in pb.items()]
                L.append("Cells just before LUT mapping by block, `%s` (Yosys' generic gates are what ABC "
                         "maps into LUTs; memories, flip-flops, carries, block RAM and DSPs are already "
                         "mapped):" % c)
                L.append("")
                L += _table(cols, brows)
                L.append("")
            continue
        f = boards[board][cfg]
        what = stage(f) or "by synthesis estimate"
        line = "**%s**: the largest configuration that fits (%s) is `%s`: %s" % (board, what, cfg, f.get("status"))
        if f.get("fmax_mhz") is not None:
            line += "; routed Fmax %.2f MHz against the %s MHz the board top's PLL makes (%s)" % (
                f["fmax_mhz"], f.get("clock_mhz"), "met" if f.get("timing_met") else "NOT met")
        L.append(line + ".")
        L.append("")
        if f.get("by_block"):
            L += _block_table(board, cfg, f["by_block"], f.get("flattened"))
    return L


def _block_table(board, cfg, blk, flattened=False):
    """The lines of the table of a configuration's cells after synthesis, by block."""
    if board.startswith("ulx3s"):
        cols = ["block", "LUT4", "CCU2C (carry)", "DPR16X4 (LUT RAM)", "FFs", "DP16KD", "MULT18X18D"]
        brows = [[b, v["lut4"], v["carry_ccu2c"], v["lutram_dpr16x4"], v["ffs"], v["bram_dp16kd"],
                  v["dsp_mult18"]] for b, v in blk.items()]
    else:
        cols = ["block", "LUTs", "of which LUT-RAM", "FFs", "RAMB36", "DSP48E1"]
        brows = [[b, v["luts"], v["luts_as_ram"], v["ffs"], v["bram36"], v["dsp"]] for b, v in blk.items()]
    how = ("from its synthesis with the hierarchy kept (blocks_stat.txt); the flattened design that "
           "is placed takes fewer, since ABC optimizes across the blocks' boundaries there" if flattened
           else "the blocks add up to the design")
    return (["Cells after synthesis by block, `%s` (a module's cells count for its nearest "
             "enclosing block; %s):" % (cfg, how), ""] + _table(cols, brows) + [""])


def docs(json_path, md_path):
    bench = json.load(open(json_path))
    text = open(md_path).read()
    if BEGIN not in text or END not in text:
        print(f"fpga_report: {md_path} has no {BEGIN} ... {END} section", file=sys.stderr)
        return 1
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    new = head + BEGIN + "\n" + "\n".join(docs_section(bench)).rstrip() + "\n" + END + tail
    if new != text:
        with open(md_path, "w") as fh:
            fh.write(new)
    print(f"fpga_report: {md_path} from {json_path}")
    return 0


def main(argv):
    if len(argv) >= 3 and argv[0] == "check-timing":
        return check_timing(argv[1], argv[2])
    if len(argv) >= 2 and argv[0] == "summary":
        return summary(argv[1])
    if len(argv) >= 3 and argv[0] == "docs":
        return docs(argv[1], argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
