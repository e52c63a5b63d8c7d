"""core: the 1x1 machine's core and model (issue 3, "Figures").

- Integer kernels (bench/kernels/*.c, one ELF each) under `hive-sim --elf` on the 1x1 model.
  Each program reads mcycle, minstret and mhpmcounter3..5 (I-miss, D-miss, stall) around the
  kernel itself, cold (after fence.i and an L1 D eviction) and warm (code and data in the L1s),
  and checks its result against a value the host computed (bench/kernels/expect.py). The
  counts of an empty region are subtracted. CPI = cycles / instructions of the warm run.
- The OpenSBI boot of the 1x1 machine to the payload's power-off, BOOT_RUNS times: simulated
  cycles per wall-clock second of the whole hive-sim process (median), and the cycles from
  reset to the OpenSBI banner and to the payload's first line (stats `line_cycles`; equal in
  every run, or the benchmark fails).
- The Verilator build of the 1x1 model from nothing (make sim into a scratch BUILD with
  CCACHE_DISABLE=1), wall-clock seconds. Skipped with --var core_build_time=0
  (make bench BENCH_BUILD_TIME=0); the figure is then absent.
"""
import glob
import os
import re
import resource
import shutil
import statistics
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

from _lib import BenchError, first_line

ABOUT = "integer kernels (CPI, hpm counters), 1x1 model speed and build time, boot cycles"

SHAPE = "1x1"
CPI_GOAL = 1.3
RATE_GOAL = 1e6
BOOT_RUNS = 3
KERNEL_MAX_CYCLES = "20M"       # bounds far above what the runs need (a broken model fails fast)
BOOT_MAX_CYCLES = "50M"
BANNER = "OpenSBI v"            # first line of OpenSBI's banner
PAYLOAD_LINE = "hive payload:"  # every line the payload prints starts so
COUNTERS = ("cycles", "instret", "imiss", "dmiss", "stall")

LINE_RE = re.compile(r"^bench (overhead|kernel=(\S+) rep=(\d+))((?: \w+=\d+)+)$")


def kernel_about(src):
    """The first line of the kernel's leading comment, without "NAME: "."""
    with open(src) as f:
        line = f.readline().strip()
    line = line[2:].strip() if line.startswith("/*") else line
    line = line.split(": ", 1)[1] if ": " in line else line
    return line.rstrip(".")


def parse_kernel(name, run):
    """The counters of the empty region and of each repetition, from the console."""
    overhead, reps, done = None, {}, False
    for line in run.console().split("\n"):
        if line.startswith("bench check failed") or line.startswith("bench trap"):
            raise BenchError("kernel %s: %s" % (name, line))
        if line == "bench done kernel=%s" % name:
            done = True
            continue
        m = LINE_RE.match(line)
        if not m:
            continue
        vals = {k: int(v) for k, v in (kv.split("=") for kv in m.group(4).split())}
        if m.group(1) == "overhead":
            overhead = vals
        elif m.group(2) == name:
            reps[int(m.group(3))] = vals
    if not done or overhead is None or len(reps) < 2:
        raise BenchError("kernel %s: incomplete output:\n%s" % (name, run.console()))
    return overhead, [reps[i] for i in sorted(reps)]


def net(rep, overhead):
    d = {k: max(0, rep[k] - overhead[k]) for k in COUNTERS}
    d["cpi"] = round(d["cycles"] / d["instret"], 4) if d["instret"] else None
    return d


def run_kernels(ctx, model=SHAPE):
    """Each kernel on MODEL (a shape or a model variant of it): {name: counters}, and the
    first run's stats."""
    srcs = sorted(glob.glob(ctx.path("bench", "kernels", "*.c")))
    if not srcs:
        raise BenchError("no kernels in bench/kernels")
    names = [os.path.basename(s)[:-2] for s in srcs]
    elfs = {n: ctx.path(ctx.build, "bench", "kernels", n + ".elf") for n in names}
    for n, e in elfs.items():
        if not os.path.exists(e):
            raise BenchError("%s missing: make bench-elfs" % e)

    def one(n):
        return n, ctx.run_sim(model, ["--elf", elfs[n], "--quiet", "--max-cycles",
                                   KERNEL_MAX_CYCLES], "%s-kernel-%s" % (model, n))

    with ThreadPoolExecutor(max_workers=max(1, ctx.jobs)) as pool:
        runs = dict(pool.map(one, names))
    kernels = {}
    for n, src in zip(names, srcs):
        run = runs[n]
        overhead, reps = parse_kernel(n, run)
        warm = net(reps[-1], overhead)
        kernels[n] = {
            "about": kernel_about(src),
            "cold": net(reps[0], overhead),
            "warm": warm,
            "warm_repeatable": reps[-1] == reps[-2],
            "overhead": overhead,
            "raw": reps,
            "program_cycles": run.stats["cycles"],
            "program_instructions": run.stats["instructions"],
        }
    return kernels, runs[names[0]].stats


def first_cycle(run, prefix):
    for cycle, text in run.lines():
        if text.startswith(prefix):
            return cycle, text
    raise BenchError("boot: no console line starting %r:\n%s" % (prefix, run.console()))


def run_boot(ctx, model=SHAPE, count=BOOT_RUNS):
    """COUNT boots of SHAPE's images on MODEL to the payload's power-off, which must agree in
    every cycle count; the runs and the last one's stats."""
    if not os.path.exists(ctx.payload):
        raise BenchError("%s missing: make payload" % ctx.payload)
    runs = []
    for i in range(count):
        run = ctx.run_sim(model, ["--boot-dir", ctx.path(ctx.build, "boot", SHAPE), "--payload",
                                  ctx.payload, "--max-cycles", BOOT_MAX_CYCLES],
                          "%s-boot-%d" % (model, i))
        banner, _ = first_cycle(run, BANNER)
        payload, payload_text = first_cycle(run, PAYLOAD_LINE)
        lines = run.lines()
        runs.append({
            "wall_seconds": round(run.seconds, 3),
            "cpu_seconds": round(run.cpu_seconds, 3),
            "cycles": run.stats["cycles"],
            "instructions": run.stats["instructions"],
            "cycles_per_second": round(run.stats["cycles"] / run.seconds),
            "harness_khz": run.summary_khz(),
            "banner_cycle": banner,
            "payload_first_line_cycle": payload,
            "payload_first_line": payload_text,
            "last_line_cycle": lines[-1][0],
            "last_line": lines[-1][1],
            "imiss": run.stats["harts"][0]["imiss"],
            "dmiss": run.stats["harts"][0]["dmiss"],
            "stall": run.stats["harts"][0]["stall"],
        })
    keys = ("cycles", "instructions", "banner_cycle", "payload_first_line_cycle")
    for r in runs[1:]:
        for k in keys:
            if r[k] != runs[0][k]:
                raise BenchError("boot: %s differs between equal runs (%s vs %s): the model is "
                                 "not deterministic" % (k, runs[0][k], r[k]))
    return runs, run.stats


def run_build(ctx):
    scratch = os.path.join(ctx.build, "bench", "scratch-build")
    full = ctx.path(scratch)
    shutil.rmtree(full, ignore_errors=True)
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}
    env["CCACHE_DISABLE"] = "1"
    n, c = SHAPE.split("x")
    cmd = ["make", "--no-print-directory", "sim", "BUILD=" + scratch, "NODES=" + n,
           "CORES_PER_NODE=" + c, "JOBS=%d" % ctx.jobs]
    os.makedirs(ctx.work, exist_ok=True)
    log = os.path.join(ctx.work, "build-time.log")
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    with open(log, "w") as f:
        p = subprocess.run(cmd, cwd=ctx.repo, env=env, stdout=f, stderr=subprocess.STDOUT)
    seconds = time.monotonic() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    ok = p.returncode == 0 and os.path.exists(os.path.join(full, "sim", SHAPE, "hive-sim"))
    shutil.rmtree(full, ignore_errors=True)
    if not ok:
        raise BenchError("build of the %s model failed (exit %d), see %s" % (SHAPE, p.returncode,
                                                                            log))
    return {"seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1), "jobs": ctx.jobs,
            "ccache": "disabled",
            "command": "CCACHE_DISABLE=1 " + " ".join(cmd)}


def run(ctx):
    kernels, kstats = run_kernels(ctx)
    boot_runs, bstats = run_boot(ctx)
    build = None
    if ctx.vars.get("core_build_time", "1") != "0":
        build = run_build(ctx)

    mem_latency = kstats["config"]["mem_latency"]
    cflags = ctx.vars.get("kernel_cflags", "")
    gcc = first_line([ctx.vars.get("kernel_cc", "riscv64-unknown-elf-gcc"), "--version"])
    kcfg = "%s, DRAM latency %d cycles; gcc %s" % (SHAPE, mem_latency,
                                                  "-O2" if "-O2" in cflags else cflags)
    config = {
        "shape": SHAPE,
        "mem_latency": mem_latency,
        "sim_revision": kstats["revision"],
        "kernel_cc": gcc,
        "kernel_cflags": cflags,
        "boot": {"firmware": bstats["config"].get("firmware"),
                 "payloads": bstats["config"].get("payloads")},
    }

    figures = []
    for n, k in kernels.items():
        figures.append({
            "key": "core.cpi.%s" % n, "title": "CPI, %s (warm L1)" % n, "value": k["warm"]["cpi"],
            "unit": "CPI", "goal": {"op": "<=", "value": CPI_GOAL}, "config": kcfg,
            "readme": True,
        })
    rates = [r["cycles_per_second"] for r in boot_runs]
    rate = statistics.median(rates)
    b0 = boot_runs[0]
    cpu_rate = statistics.median(round(r["cycles"] / r["cpu_seconds"]) for r in boot_runs
                                 if r["cpu_seconds"] > 0)
    figures += [{
        "key": "core.sim_rate", "value": rate, "unit": "cycles/s",
        "title": "Simulated cycles per wall-clock second, %s model" % SHAPE,
        "goal": {"op": ">=", "value": RATE_GOAL}, "wall": True, "readme": True,
        "config": "OpenSBI boot to power-off ({:,} cycles), whole hive-sim process, median of "
                  "{} runs".format(b0["cycles"], BOOT_RUNS),
    }, {
        "key": "core.sim_rate_cpu", "value": cpu_rate, "unit": "cycles/s",
        "title": "Simulated cycles per CPU-second (user + system), %s model" % SHAPE,
        "wall": True, "readme": True,
        "config": "the same runs; less sensitive than wall clock to other load on the machine",
    }]
    if build:
        figures.append({
            "key": "core.build_seconds", "value": build["seconds"], "unit": "s",
            "title": "Verilator build of the %s model from nothing (ccache off, JOBS=%d)"
                     % (SHAPE, build["jobs"]),
            "wall": True, "readme": True,
            "config": "make sim into a scratch BUILD (Verilator, then g++ of the model and "
                      "harness)",
        })
        figures.append({
            "key": "core.build_cpu_seconds", "value": build["cpu_seconds"], "unit": "s",
            "title": "CPU time (user + system) of that build",
            "wall": True, "readme": True,
            "config": "the same build; less sensitive than wall clock to other load",
        })
    bcfg = "%s, DRAM latency %d cycles, Debian OpenSBI + test payload" % (SHAPE, mem_latency)
    figures += [
        {"key": "core.boot.banner", "value": b0["banner_cycle"], "unit": "cycles",
         "title": "Cycles from reset to the OpenSBI banner", "readme": True, "config": bcfg},
        {"key": "core.boot.payload", "value": b0["payload_first_line_cycle"], "unit": "cycles",
         "title": "Cycles from reset to the payload's first line", "readme": True,
         "config": bcfg},
        {"key": "core.boot.poweroff", "value": b0["cycles"], "unit": "cycles",
         "title": "Cycles from reset to the payload's power-off (end of the run)",
         "config": bcfg},
        {"key": "core.boot.cpi", "value": round(b0["cycles"] / b0["instructions"], 4),
         "unit": "CPI", "title": "CPI of the whole boot (OpenSBI and payload, cold start)",
         "config": bcfg},
    ]

    cols = ["kernel", "what", "instructions", "cycles", "CPI", "I-miss", "D-miss", "stall"]

    def rows(which):
        return [[n, k["about"], k[which]["instret"], k[which]["cycles"],
                 "%.3f" % k[which]["cpi"], k[which]["imiss"], k[which]["dmiss"],
                 k[which]["stall"]] for n, k in kernels.items()]

    ovh = next(iter(kernels.values()))["overhead"]
    tables = [
        {"title": "Kernels, warm: code and data in the L1s (last of 3 runs)", "columns": cols,
         "rows": rows("warm"),
         "note": "Counted by mcycle, minstret and mhpmcounter3..5 (events HIVE_HPM_IMISS, "
                 "DMISS, STALL) around the kernel alone, less an empty region (%d cycles, %d "
                 "instructions). Stall: cycles in which no instruction retired."
                 % (ovh["cycles"], ovh["instret"])},
        {"title": "Kernels, cold: first run, after fence.i and an L1 D eviction", "columns": cols,
         "rows": rows("cold"),
         "note": "Code and data come from DRAM (latency %d cycles)." % mem_latency},
        {"title": "OpenSBI boot of the %s machine to the payload's power-off" % SHAPE,
         "columns": ["run", "wall s", "CPU s", "cycles", "M cycles / wall s",
                     "M cycles / CPU s", "kHz (hive-sim loop)"],
         "rows": [[i + 1, "%.2f" % r["wall_seconds"], "%.2f" % r["cpu_seconds"], r["cycles"],
                   "%.3f" % (r["cycles_per_second"] / 1e6),
                   "%.3f" % (r["cycles"] / r["cpu_seconds"] / 1e6) if r["cpu_seconds"] else "",
                   "" if r["harness_khz"] is None else "%.1f" % r["harness_khz"]]
                  for i, r in enumerate(boot_runs)],
         "note": "Wall s: the whole hive-sim process; CPU s: its user + system time (less "
                 "sensitive to other load on the machine); kHz: hive-sim's own summary (its "
                 "cycle loop, wall clock). The figure is the median of M cycles / wall s."},
        {"title": "Boot milestones (%s, cycle 0 = first cycle after reset)" % SHAPE,
         "columns": ["console line", "cycle"],
         "rows": [[BANNER.strip() + "...", b0["banner_cycle"]],
                  [b0["payload_first_line"], b0["payload_first_line_cycle"]],
                  [b0["last_line"], b0["last_line_cycle"]],
                  ["end of the run (cell finisher)", b0["cycles"]]]},
    ]
    plots = [{
        "file": "figures-core-cpi.png", "kind": "bar",
        "title": "CPI per kernel, %s model (DRAM latency %d cycles)" % (SHAPE, mem_latency),
        "ylabel": "cycles per instruction", "categories": list(kernels),
        "series": [{"label": "warm (L1 hits)", "values": [k["warm"]["cpi"] for k in
                                                          kernels.values()]},
                   {"label": "cold (after fence.i, L1 D evicted)",
                    "values": [k["cold"]["cpi"] for k in kernels.values()]}],
        "hline": {"value": CPI_GOAL, "label": "goal (warm) <= %s" % CPI_GOAL},
    }]
    return {"config": config, "figures": figures, "tables": tables, "plots": plots,
            "kernels": kernels, "boot_runs": boot_runs, "build": build}
