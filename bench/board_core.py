"""board_core: what the boards' short paths cost in cycles (issue 9, docs/fpga.md items 25, 28).

The core benchmark's integer kernels (warm: code and data in the L1s) and the OpenSBI boot to
the payload's power-off, once on the simulator's 1x1 model and once on the model variant
1x1-short-nopgo (SHORT_PATHS=1, as both board tops; what it cuts: rtl/soc/hive_soc.sv). Both
are cycle counts of the RTL, deterministic; each kernel checks its own result. What the cut buys is the routed Fmax in the fpga benchmark.
"""
import statistics

import core
from _lib import BenchError

ABOUT = "the boards' core (SHORT_PATHS) beside the simulator's: kernel CPI and boot cycles"

MODEL = "1x1-short-nopgo"  # sim/sim.mk's variant -short; bench.mk's bench-shapes builds it


def run(ctx):
    sim_k, kstats = core.run_kernels(ctx)
    board_k, _ = core.run_kernels(ctx, MODEL)
    sim_b = core.run_boot(ctx, core.SHAPE, 1)[0][0]
    board_b = core.run_boot(ctx, MODEL, 1)[0][0]
    if set(sim_k) != set(board_k):
        raise BenchError("the two models ran different kernels")
    ratios = {n: board_k[n]["warm"]["cpi"] / k["warm"]["cpi"] for n, k in sim_k.items()}
    mem_latency = kstats["config"]["mem_latency"]
    cfg = "%s and %s, DRAM latency %d cycles" % (core.SHAPE, MODEL, mem_latency)
    figures = [
        {"key": "board_core.cpi_ratio", "unit": "x", "readme": True,
         "value": round(statistics.geometric_mean(ratios.values()), 3),
         "title": "The boards' core (SHORT_PATHS): warm CPI over the simulator's core's, "
                  "geometric mean of the kernels", "config": cfg},
        {"key": "board_core.boot.poweroff", "value": board_b["cycles"], "unit": "cycles",
         "readme": True,
         "title": "The boards' core: cycles from reset to the payload's power-off (OpenSBI boot)",
         "config": cfg},
        {"key": "board_core.boot_ratio", "value": round(board_b["cycles"] / sim_b["cycles"], 3),
         "unit": "x", "title": "Those cycles over the simulator's core's", "config": cfg},
    ]

    def row(name, a, b):
        return [name, a["cycles"], "%.3f" % (a["cycles"] / a["instret"]), b["cycles"],
                "%.3f" % (b["cycles"] / b["instret"]), "%.2f" % (b["cycles"] / a["cycles"])]

    rows = [row(n, k["warm"], board_k[n]["warm"]) for n, k in sim_k.items()]
    rows.append(row("OpenSBI boot to power-off",
                    {"cycles": sim_b["cycles"], "instret": sim_b["instructions"]},
                    {"cycles": board_b["cycles"], "instret": board_b["instructions"]}))
    tables = [{
        "title": "The boards' core (%s) beside the simulator's (%s)" % (MODEL, core.SHAPE),
        "columns": ["program", "cycles", "CPI", "boards' cycles", "boards' CPI", "ratio"],
        "rows": rows,
        "note": "Kernels warm, as in the core benchmark; the boot is cold. SHORT_PATHS cuts the "
                "longest combinational paths for the FPGA boards (docs/fpga.md)."}]
    return {"config": {"models": [core.SHAPE, MODEL], "mem_latency": mem_latency},
            "figures": figures, "tables": tables,
            "kernels": {"sim": sim_k, "board": board_k}, "boot": {"sim": sim_b, "board": board_b}}
