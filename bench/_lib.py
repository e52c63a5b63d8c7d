"""What bench/run.py gives every benchmark: the run context, hive-sim runs, errors.

A benchmark module (bench/<name>.py) defines ABOUT (one line) and run(ctx), which returns a
dict; run.py adds the envelope (benchmark, revision, date, machine) and writes it to
build/bench/<name>.json. The keys tools/figures.py reads:

  config   dict: what the figures were measured on (shape, latencies, flags...)
  figures  list of dicts, one per figure:
             key      "<benchmark>.<name>", stable: tools/figures.py matches the paper's
                      figure by it (PAPER there)
             title    what it is, for a table
             value    number
             unit     "cycles", "instructions", "CPI", "cycles/s", "s", "%", "" ...
             goal     optional {"op": "<=" | ">=" | "<" | ">", "value": number}
             config   optional text: the configuration behind this figure
             wall     true for wall-clock figures (they depend on the machine)
             readme   true: also in the README's table
  tables   list of {"title", "columns": [...], "rows": [[...], ...], "note"}
  plots    list of {"file": "figures-<benchmark>-<name>.png", "kind": "bar", "title",
                    "ylabel", "categories": [...], "series": [{"label", "values"}],
                    "hline": {"value", "label"} (optional)}, or kind "line":
                   {"file", "kind": "line", "title", "xlabel", "ylabel",
                    "series": [{"label", "x": [numbers], "values", "dashed" (a goal)}]}
  notes    list of lines shown under the benchmark's configuration (what was not measured
           and why, ...)
Anything else in the dict is kept as raw data.
"""
import json
import os
import platform
import re
import resource
import subprocess
import time

GOAL_OPS = {
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
}


class BenchError(Exception):
    """A benchmark could not measure (a run failed, a check failed): no JSON is written."""


class SimRun:
    """One hive-sim run: exit status, stats JSON, stderr, wall-clock seconds of the process and
    the CPU seconds (user + system) of the children that ended meanwhile (the run's own when
    runs do not overlap)."""

    def __init__(self, cmd, status, stats, stdout, stderr, seconds, cpu_seconds):
        self.cmd, self.status, self.stats = cmd, status, stats
        self.stdout, self.stderr, self.seconds = stdout, stderr, seconds
        self.cpu_seconds = cpu_seconds

    def console(self, cell=0):
        return self.stats["cells"][cell]["console"] if self.stats else ""

    def lines(self, cell=0):
        """[(cycle, text)] of the cell's console lines that ended with a newline."""
        if not self.stats:
            return []
        c = self.stats["cells"][cell]
        return list(zip(c["line_cycles"], c["console"].split("\n")))

    def summary_khz(self):
        """The simulated kHz of hive-sim's summary line (its own loop timing), or None."""
        m = re.search(r"IPC [0-9.]+, ([0-9.]+) kHz", self.stderr)
        return float(m.group(1)) if m else None


class Context:
    def __init__(self, repo, build, payload, jobs, variables):
        self.repo = repo                  # the repository root (absolute)
        self.build = build                # build directory, relative to repo (as make's BUILD)
        self.payload = payload            # the S-mode test payload ELF
        self.jobs = jobs
        self.vars = variables             # --var KEY=VALUE from bench.mk
        self.out = os.path.join(repo, build, "bench")
        self.work = os.path.join(self.out, "work")  # scratch files of the runs

    def path(self, *parts):
        return os.path.join(self.repo, *parts)

    def sim(self, shape):
        """hive-sim of a shape ("1x1") or model variant ("1x1-short-nopgo"); bench.mk builds
        every shape in BENCH_SHAPES and the variants the benchmarks use (bench-shapes)."""
        p = self.path(self.build, "sim", shape, "hive-sim")
        if not os.path.exists(p):
            raise BenchError("%s missing: make bench-shapes (add %s to BENCH_SHAPES if it is "
                             "not there)" % (p, shape.split("-")[0]))
        return p

    def run_sim(self, shape, args, name, expect_status=0):
        """Runs hive-sim with `args` plus --stats; raises BenchError on another exit status.
        Give a --max-cycles bound well above what the run needs, so that a broken model fails
        the benchmark quickly instead of running to the 200M default."""
        os.makedirs(self.work, exist_ok=True)
        stats = os.path.join(self.work, name + ".stats.json")
        if os.path.exists(stats):
            os.remove(stats)
        cmd = [self.sim(shape)] + list(args) + ["--stats", stats]
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        p = subprocess.run(cmd, cwd=self.repo, capture_output=True, text=True)
        seconds = time.monotonic() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        data = None
        if os.path.exists(stats):
            with open(stats) as f:
                data = json.load(f)
        run = SimRun(cmd, p.returncode, data, p.stdout, p.stderr, seconds, cpu)
        if expect_status is not None and p.returncode != expect_status:
            tail = "\n".join((p.stdout + p.stderr).strip().splitlines()[-12:])
            raise BenchError("%s: exit %d (want %d)\n%s" % (" ".join(cmd), p.returncode,
                                                           expect_status, tail))
        return run


def git_revision(repo):
    try:
        return subprocess.run(["git", "describe", "--always", "--dirty"], cwd=repo,
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def first_line(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True).stdout
        return out.strip().splitlines()[0] if out.strip() else "unknown"
    except OSError:
        return "unknown"


def machine():
    """The host, for wall-clock figures."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_gib = None
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "mem_gib": mem_gib,
        "load_avg": [round(x, 2) for x in os.getloadavg()],
        "os": "%s %s" % (platform.system(), platform.release()),
        "python": platform.python_version(),
        "verilator": first_line(["verilator", "--version"]),
        "cxx": first_line(["g++", "--version"]),
    }


def goal_met(fig):
    g = fig.get("goal")
    if not g:
        return None
    return GOAL_OPS[g["op"]](fig["value"], g["value"])


def fmt_value(value, unit):
    """A figure's value as text, for the console table (tools/figures.py has its own)."""
    if isinstance(value, float) and unit in ("CPI", ""):
        return "%.3f" % value
    if unit == "cycles/s":
        return "%.3g M cycles/s" % (value / 1e6)
    if unit == "s":
        return "%.1f s" % value
    if isinstance(value, int):
        return "{:,} {}".format(value, unit).strip()
    return "%.4g %s" % (value, unit)


def print_table(title, columns, rows, note=None):
    cells = [[str(c) for c in columns]] + [[str(x) for x in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    def numeric(x):
        return bool(re.match(r"^[-+]?[0-9][0-9,.]*( \S+)?$", x))

    print("\n" + title)
    for k, r in enumerate(cells):
        print("  " + "  ".join(x.rjust(w) if k and numeric(x) else x.ljust(w)
                               for x, w in zip(r, widths)).rstrip())
        if k == 0:
            print("  " + "  ".join("-" * w for w in widths))
    if note:
        print("  " + note)
