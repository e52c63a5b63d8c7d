#!/usr/bin/env python3
"""Resource and timing figures of the FPGA builds (docs/fpga.md).

  fpga_report.py check-timing DIR MHZ   exit 1 when nextpnr's routed Fmax of the core clock in
                                        DIR/pnr_report.json is below MHZ
  fpga_report.py summary DIR            one screen of figures for one board build
  fpga_report.py json BUILD_FPGA OUT    build/bench/fpga.json from every board build found

Sources: Yosys `stat` (synth_stat.txt: cells after synthesis, both boards), nextpnr-ecp5's
--report JSON (pnr_report.json: utilization of the placed design and Fmax per clock, ULX3S),
the per-block hierarchical synthesis (blocks_stat.txt, when `make fpga-blocks` ran), and the
build parameters (params).
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
    # "$paramod$hash\\core" and "$paramod\\tlb\\ENTRIES=..." -> "core", "tlb"
    parts = mod.split("\\")
    return parts[1] if len(parts) > 1 else mod


# blocks reported by the issue, from module names (rolled up, so a block includes its children)
BLOCKS = [("soc (hive_soc)", "hive_soc"), ("core (with TLBs, PMP, M unit)", "core"),
          ("L1 I", "l1i"), ("L1 D", "l1d"), ("boot ROM", "bootrom"), ("CLINT", "clint"),
          ("node memory arbiter", "mem_arbiter"), ("host link (board_hub)", "board_hub"),
          ("board memory arbiter", "board_mem_arb"), ("SDRAM controller", "sdram_ctrl"),
          ("block-RAM memory", "board_bram_mem")]


def blocks(cells, subs, conv):
    out = {}
    for label, name in BLOCKS:
        mods = [m for m in cells if short(m) == name]
        if mods:
            out[label] = conv(rolled(cells, subs, mods[0]))
    out["not in this RTL revision"] = "coherence controller, directory, firewall, SIPS, NoC"
    return out


def top_cells(parsed):
    cells, _ = parsed
    if "design hierarchy" in cells:
        return cells["design hierarchy"]
    # a flattened run: the module with the most cells
    return max(cells.values(), key=lambda c: sum(c.values()), default={})


def ecp5_from_cells(c):
    return {"lut4": c.get("LUT4", 0), "ffs": c.get("TRELLIS_FF", 0),
            "lutram_dpr16x4": c.get("TRELLIS_DPR16X4", 0), "carry_ccu2c": c.get("CCU2C", 0),
            "bram_dp16kd": c.get("DP16KD", 0), "dsp_mult18": c.get("MULT18X18D", 0)}


def xilinx_from_cells(c):
    luts = sum(n for k, n in c.items() if re.match(r"^LUT[1-6]$", k))
    lutram = sum(n * XILINX_LUTRAM[k] for k, n in c.items() if k in XILINX_LUTRAM)
    ffs = sum(n for k, n in c.items() if re.match(r"^FD[CPRS]E?$", k) or k in ("FDRE", "FDSE", "FDCE", "FDPE"))
    bram = c.get("RAMB36E1", 0) + c.get("RAMB18E1", 0) / 2
    return {"luts": luts + lutram, "luts_logic": luts, "luts_as_ram": lutram, "ffs": ffs,
            "bram36": bram, "dsp": c.get("DSP48E1", 0), "carry4": c.get("CARRY4", 0)}


def pnr(d):
    try:
        return json.load(open(os.path.join(d, "pnr_report.json")))
    except (OSError, ValueError):
        return None


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


def board_figures(d):
    p = read_params(d)
    name = p.get("board", os.path.basename(os.path.normpath(d)))
    out = {"board": name, "params": p}
    try:
        out["revision"] = open(os.path.join(d, "revision")).read().strip()
    except OSError:
        out["revision"] = "unknown"
    if p.get("mhz"):
        out["clock_mhz"] = int(p["mhz"])
    parsed = parse_stat(os.path.join(d, "synth_stat.txt"))
    cells = top_cells(parsed)
    is_ecp5 = name.startswith("ulx3s")
    conv = ecp5_from_cells if is_ecp5 else xilinx_from_cells
    if name.startswith("ulx3s"):
        out["device"] = ECP5_85F
        if cells:
            out["synth"] = ecp5_from_cells(cells)
        rep = pnr(d)
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
                out["clock_mhz"] = fm[1]
                out["timing_met"] = fm[0] >= fm[1]
                out["clock_net"] = fm[2]
        out["bitstream"] = os.path.exists(os.path.join(d, "hive_ulx3s.bit"))
        # synthesis stopped before LUT mapping (synth_ecp5 -run begin:map_luts): the memories are
        # mapped, which is what decides the fit when the full run is out of reach
        pre = top_cells(parse_stat(os.path.join(d, "premap_stat.txt")))
        if pre:
            f = ecp5_from_cells(pre)
            f["distributed_ram_kbit"] = f["lutram_dpr16x4"] * 64 // 1024
            f["distributed_ram_use"] = round(f["distributed_ram_kbit"] / ECP5_85F["distributed_ram_kbit"], 2)
            out["before_lut_mapping"] = f
    else:
        out["device"] = XC7A100T
        out["synth"] = xilinx_from_cells(cells)
        out["note"] = "Yosys synth_xilinx estimate; place and route in Vivado (docs/fpga.md)"
    # per block: from the synthesis itself when it kept the hierarchy (synth_xilinx), else
    # from the hierarchical run of `make fpga-blocks` (blocks_stat.txt)
    for src in ("synth_stat.txt", "blocks_stat.txt"):
        c, sm = parse_stat(os.path.join(d, src))
        if "design hierarchy" in c:
            out["by_block"] = blocks(c, sm, conv)
            out["by_block_source"] = src
            break
    return out


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


def revision():
    try:
        return subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True,
                              text=True, check=False).stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def to_json(build_fpga, out):
    boards = {}
    for name in sorted(os.listdir(build_fpga)) if os.path.isdir(build_fpga) else []:
        d = os.path.join(build_fpga, name)
        if any(os.path.isfile(os.path.join(d, f)) for f in ("synth_stat.txt", "premap_stat.txt")):
            boards[name] = board_figures(d)
    doc = {"report_revision": revision(), "boards": boards}
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out, "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")
    print(f"fpga_report: {out}: {', '.join(boards) or 'no board builds found'}")
    return 0


def main(argv):
    if len(argv) >= 3 and argv[0] == "check-timing":
        return check_timing(argv[1], argv[2])
    if len(argv) >= 2 and argv[0] == "summary":
        return summary(argv[1])
    if len(argv) >= 3 and argv[0] == "json":
        return to_json(argv[1], argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
