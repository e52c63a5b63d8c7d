"""boot: the multi-cell boots (issue 7, "Figures").

- The OpenSBI boot of each configuration (4x1 as 4, 2 and 1 cells, 4x2 as 2 cells) with the
  test payload in every cell, to the payload's power-off: per cell, the cycles from reset to its
  OpenSBI banner (the completion of the banner's first line, `OpenSBI v...`, on the cell's
  console: stats `line_cycles`), to the payload's first line (`hive payload: hart N up`, its
  first output after entry at 0x8020_0000) and to its power-off (the cell finisher).
- Simulated cycles per second while all cells boot: the whole hive-sim process of each of
  those runs, per wall-clock second and per CPU second (user + system).
- Checkpoints: the 4x1-as-4-cells run also saves a checkpoint at CKPT_CYCLE (`--save-at`; the
  banners are out by then); a second run restores it (`--restore`) and runs to the end. The
  harness's own notes give the size and the save and restore times; the restored run must end
  where the uninterrupted one did, with the same consoles, or the benchmark fails.
- `--var boot_configs=4x1-2cells,...` (make bench BENCH=boot with bench/run.py's --var) measures
  only the named configurations (and always the checkpoint's).
"""
import os
import re

from _lib import BenchError

ABOUT = "multi-cell OpenSBI boots: cycles to each cell's banner and payload, model speed, " \
        "checkpoint save/restore"

CONFIGS = [("4x1", 4), ("4x1", 2), ("4x1", 1), ("4x2", 2)]
MAX_CYCLES = "40M"          # a boot to the payload's power-off takes 6-12 M
CKPT_CONFIG = ("4x1", 4)
CKPT_CYCLE = 3_000_000
BANNER = "OpenSBI v"
PAYLOAD_LINE = "hive payload:"
SAVE_RE = re.compile(r"checkpoint '[^']*' saved \((\d+) bytes, (\d+) ms\)")
RESTORE_RE = re.compile(r"restored '[^']*' at cycle (\d+) .*?; (\d+) ms\)")


def label(shape, cells):
    return "%s-%dcell%s" % (shape, cells, "s" if cells > 1 else "")


def first_cycle(run, cell, prefix, what):
    for cycle, text in run.lines(cell):
        if text.startswith(prefix):
            return cycle
    raise BenchError("%s: cell %d: no console line starting %r:\n%s"
                     % (what, cell, prefix, run.console(cell)))


def boot(ctx, shape, cells, extra=()):
    name = "boot-" + label(shape, cells)
    run = ctx.run_sim(shape, ["--cells", str(cells), "--payload", ctx.payload, "--max-cycles",
                              MAX_CYCLES] + list(extra), name)
    if len(run.stats["cells"]) != cells:
        raise BenchError("%s: %d cells in the stats" % (name, len(run.stats["cells"])))
    per_cell = []
    for k, c in enumerate(run.stats["cells"]):
        if c["finished"] != "pass":
            raise BenchError("%s: cell %d finished %s" % (name, k, c["finished"]))
        per_cell.append({
            "cell": k, "nodes": c["nodes"],
            "banner_cycle": first_cycle(run, k, BANNER, name),
            "payload_cycle": first_cycle(run, k, PAYLOAD_LINE, name),
            "poweroff_cycle": c["cycle"],
        })
    return run, {
        "shape": shape, "cells": cells, "harts": len(run.stats["harts"]),
        "cycles": run.stats["cycles"], "instructions": run.stats["instructions"],
        "wall_seconds": round(run.seconds, 3), "cpu_seconds": round(run.cpu_seconds, 3),
        "cycles_per_second": round(run.stats["cycles"] / run.seconds),
        "cycles_per_cpu_second": round(run.stats["cycles"] / run.cpu_seconds)
        if run.cpu_seconds > 0 else None,
        "harness_khz": run.summary_khz(),
        "per_cell": per_cell,
    }


def run(ctx):
    if not os.path.exists(ctx.payload):
        raise BenchError("%s missing: make payload" % ctx.payload)
    os.makedirs(ctx.work, exist_ok=True)
    ckpt = os.path.join(ctx.work, "boot-%s.ckpt" % label(*CKPT_CONFIG))
    if os.path.exists(ckpt):
        os.remove(ckpt)
    # --var boot_configs=4x1-4cells,... measures only those (the checkpoint's always)
    only = [c for c in ctx.vars.get("boot_configs", "").split(",") if c]
    for c in only:
        if c not in [label(*x) for x in CONFIGS]:
            raise BenchError("boot_configs: no configuration %r (have %s)"
                             % (c, ", ".join(label(*x) for x in CONFIGS)))
    configs = [x for x in CONFIGS if not only or label(*x) in only or x == CKPT_CONFIG]
    results, ref, rest = [], None, None
    for shape, cells in configs:
        extra = ["--save-at", "%d:%s" % (CKPT_CYCLE, ckpt)] if (shape, cells) == CKPT_CONFIG \
            else []
        r, res = boot(ctx, shape, cells, extra)
        results.append(res)
        if extra:
            # restore at once: a checkpoint is valid only for the model that made it, and the
            # model may be rebuilt meanwhile in a shared tree
            ref = r
            rest = ctx.run_sim(CKPT_CONFIG[0], ["--restore", ckpt], "boot-restore")

    # checkpoint: size and save time from the saving run's notes, restore time from a restore
    m = SAVE_RE.search(ref.stderr)
    if not m or not os.path.exists(ckpt):
        raise BenchError("no checkpoint saved at %d:\n%s" % (CKPT_CYCLE, ref.stderr))
    size, save_ms = int(m.group(1)), int(m.group(2))
    if os.path.getsize(ckpt) != size:
        raise BenchError("checkpoint file is %d bytes, the note says %d"
                         % (os.path.getsize(ckpt), size))
    m = RESTORE_RE.search(rest.stderr)
    if not m or int(m.group(1)) != CKPT_CYCLE:
        raise BenchError("no restore note for cycle %d:\n%s" % (CKPT_CYCLE, rest.stderr))
    restore_ms = int(m.group(2))
    if rest.stats["cycles"] != ref.stats["cycles"] or \
            [c["console"] for c in rest.stats["cells"]] != [c["console"] for c in ref.stats["cells"]]:
        raise BenchError("the restored run differs from the uninterrupted one (cycles %d vs %d)"
                         % (rest.stats["cycles"], ref.stats["cycles"]))
    checkpoint = {
        "config": label(*CKPT_CONFIG), "cycle": CKPT_CYCLE, "bytes": size, "save_ms": save_ms,
        "restore_ms": restore_ms,
        "restored_run_wall_seconds": round(rest.seconds, 3),
        "restored_run_cycles": rest.stats["cycles"] - CKPT_CYCLE,
    }

    mem_latency = ref.stats["config"]["mem_latency"]
    config = {
        "configs": [label(r["shape"], r["cells"]) for r in results],
        "mem_latency": mem_latency,
        "sim_revision": ref.stats["revision"],
        "firmware": ref.stats["config"].get("firmware"),
        "payloads": ref.stats["config"].get("payloads"),
        "node_mem": ref.stats["config"]["node_mem"],
    }
    figures = []
    for res in results:
        lab = label(res["shape"], res["cells"])
        cfg = "%s as %d cell%s, DRAM latency %d cycles, Debian OpenSBI + test payload in every " \
              "cell" % (res["shape"], res["cells"], "s" if res["cells"] > 1 else "", mem_latency)
        last = lambda k: max(c[k] for c in res["per_cell"])  # noqa: E731
        figures += [
            {"key": "boot.%s.banner" % lab, "value": last("banner_cycle"), "unit": "cycles",
             "title": "Reset to the OpenSBI banner of the last cell, %s" % lab, "config": cfg,
             "readme": res["shape"] == "4x1" and res["cells"] == 4},
            {"key": "boot.%s.payload" % lab, "value": last("payload_cycle"), "unit": "cycles",
             "title": "Reset to the payload's first line in the last cell, %s" % lab,
             "config": cfg, "readme": res["shape"] == "4x1" and res["cells"] == 4},
            {"key": "boot.%s.sim_rate" % lab, "value": res["cycles_per_second"],
             "unit": "cycles/s", "wall": True,
             "title": "Simulated cycles per wall-clock second while all cells boot, %s" % lab,
             "config": "whole hive-sim process, reset to the last power-off ({:,} cycles)"
                       .format(res["cycles"])},
        ]
        if res["cycles_per_cpu_second"]:
            figures.append({
                "key": "boot.%s.sim_rate_cpu" % lab, "value": res["cycles_per_cpu_second"],
                "unit": "cycles/s", "wall": True,
                "title": "Simulated cycles per CPU-second while all cells boot, %s" % lab,
                "config": "the same run; less sensitive than wall clock to other load"})
    ccfg = "%s, checkpoint at cycle {:,} (banners out)".format(CKPT_CYCLE) % checkpoint["config"]
    figures += [
        {"key": "boot.checkpoint.bytes", "value": size, "unit": "bytes",
         "title": "Checkpoint size", "config": ccfg, "readme": True},
        {"key": "boot.checkpoint.save_ms", "value": save_ms, "unit": "ms", "wall": True,
         "title": "Checkpoint save time (harness note)", "config": ccfg, "readme": True},
        {"key": "boot.checkpoint.restore_ms", "value": restore_ms, "unit": "ms", "wall": True,
         "title": "Checkpoint restore time (harness note)", "config": ccfg, "readme": True},
    ]
    tables = [{
        "title": "Boot milestones per cell (cycle 0 = first cycle after reset)",
        "columns": ["configuration", "cell", "nodes", "OpenSBI banner", "payload first line",
                    "payload power-off"],
        "rows": [[label(r["shape"], r["cells"]), c["cell"],
                  "-".join(str(n) for n in (c["nodes"][0], c["nodes"][-1])),
                  c["banner_cycle"], c["payload_cycle"], c["poweroff_cycle"]]
                 for r in results for c in r["per_cell"]],
        "note": "Each milestone is the cycle in which that console line's newline left the "
                "cell's UART. The payload's first line follows its entry at 0x8020_0000 by the "
                "time to print it.",
    }, {
        "title": "Model speed while all cells boot (reset to the last power-off)",
        "columns": ["configuration", "harts", "cycles", "wall s", "CPU s", "M cycles / wall s",
                    "M cycles / CPU s"],
        "rows": [[label(r["shape"], r["cells"]), r["harts"], r["cycles"],
                  "%.1f" % r["wall_seconds"], "%.1f" % r["cpu_seconds"],
                  "%.3f" % (r["cycles_per_second"] / 1e6),
                  "%.3f" % (r["cycles_per_cpu_second"] / 1e6)
                  if r["cycles_per_cpu_second"] else ""] for r in results],
        "note": "One hive-sim process per configuration, run one after another; wall clock "
                "depends on other load on the machine (the load average is in `machine`).",
    }, {
        "title": "Checkpoint of %s at cycle %d" % (checkpoint["config"], CKPT_CYCLE),
        "columns": ["size (bytes)", "save ms", "restore ms", "restored run: cycles",
                    "restored run: wall s"],
        "rows": [[size, save_ms, restore_ms, checkpoint["restored_run_cycles"],
                  "%.1f" % checkpoint["restored_run_wall_seconds"]]],
        "note": "Save and restore times are the harness's own notes (writing or reading the "
                "file and the model state); the restored run ended where the uninterrupted "
                "run did, with the same consoles.",
    }]
    return {"config": config, "figures": figures, "tables": tables, "runs": results,
            "checkpoint": checkpoint}
