#!/usr/bin/env python3
"""Writes the project's figures from the benchmarks' JSON (build/bench/*.json, `make bench`).

- README.md: the table between `<!-- figures:begin -->` and `<!-- figures:end -->` (the
  figures a benchmark marks `readme`);
- docs/figures.md: every figure with its goal, the paper's figure beside it where one exists,
  the revision, machine and configuration it came from, the benchmarks' detail tables;
- docs/figures-*.png: the plots the benchmarks ask for (matplotlib, from the project venv).

Nothing here is typed in by hand except the paper's figures (PAPER, from DESIGN.md section 8):
a figure whose key is in PAPER is shown beside the paper's. Cycles convert to time at the
paper machine's nominal 200 MHz. When a benchmark measures the one-hop clean remote read miss
(key RM_KEY), figures in cycles that the paper also has are shown normalised by it ("RM"),
the paper's by its 700 ns = 140 cycles. A figure nobody has measured is absent.

usage: figures.py [--bench DIR] [--readme FILE] [--docs FILE] [--check]
"""
import argparse
import glob
import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORMAT = "hive-bench/1"
CLOCK_HZ = 200e6  # the paper's machine (FLASH, 200 MHz); our cycles are shown at this clock
RM_KEY = "memory.remote_miss"
PAPER_RM_CYCLES = 140
BEGIN, END = "<!-- figures:begin -->", "<!-- figures:end -->"

# The paper's figures (Chapin et al., SOSP 1995, as DESIGN.md section 8 lists them), by the key
# of the figure a benchmark measures. `cycles` when the paper's figure is a latency that
# converts to cycles at 200 MHz.
PAPER = {
    "memory.remote_miss": {"title": "remote cache miss", "text": "700 ns", "cycles": 140},
    "kernel.careful_ref": {"title": "careful reference (careful_on ... careful_off)",
                           "text": "232 cycles", "cycles": 232},
    "flash.sips_one_way": {"title": "SIPS one-way latency", "text": "IPI + 300 ns"},
    "rpc.null": {"title": "null intercell RPC", "text": "1440 cycles", "cycles": 1440},
    "kernel.pagefault_remote": {"title": "page fault hitting the page cache, remote",
                                "text": "50.7 us", "cycles": 10140},
    "kernel.pagefault_local": {"title": "page fault hitting the page cache, local",
                               "text": "6.9 us", "cycles": 1380},
    "flash.fw_check_overhead": {"title": "firewall check on a remote write miss",
                                   "text": "+6.3 %"},
    "recovery.detection": {"title": "failure detection", "text": "10-45 ms"},
    "recovery.total": {"title": "recovery", "text": "40-80 ms"},
    "cells.slowdown": {"title": "slowdown of 1/2/4 cells against SMP", "text": "0-11 %"},
    "faults.contained_hw": {"title": "hardware faults contained", "text": "49/49"},
    "faults.contained_sw": {"title": "software faults contained", "text": "20/20"},
}


def md(s):
    return str(s).replace("|", "\\|").replace("\n", " ")


def fmt_time(seconds):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if seconds >= scale or unit == "ns":
            v = seconds / scale
            return ("%.3g" % v) + " " + unit


def fmt(value, unit):
    """A value with its unit, as text."""
    if value is None:
        return ""
    if unit == "CPI":
        return "%.3f" % value
    if unit == "cycles/s":
        return "%.2f M cycles/s" % (value / 1e6)
    if unit == "s":
        return "%.0f s" % value if value >= 100 else "%.1f s" % value
    if unit == "%":
        return "%.1f %%" % value
    if unit in ("cycles", "instructions") and isinstance(value, float) and value != int(value):
        return "{:,.2f} {}".format(value, unit)
    if unit in ("cycles", "instructions") or isinstance(value, int):
        return ("{:,}".format(int(value)) + " " + unit).strip()
    return ("%.4g %s" % (value, unit)).strip()


def fmt_with_time(value, unit):
    s = fmt(value, unit)
    if unit == "cycles":
        s += " (%s)" % fmt_time(value / CLOCK_HZ)
    return s


def fmt_goal(fig):
    g = fig.get("goal")
    if not g:
        return ""
    unit = fig.get("unit", "")
    v = "%g" % g["value"] if unit == "CPI" else fmt(g["value"], unit)
    return "%s %s" % (g["op"].replace("<=", "≤").replace(">=", "≥"), v)


def fmt_met(fig):
    m = fig.get("goal_met")
    return "" if m is None else ("met" if m else "**missed**")


def fmt_paper(fig, rm):
    p = PAPER.get(fig["key"])
    if not p:
        return ""
    s = p["text"]
    if p.get("cycles") and not s.endswith("cycles"):
        s += " = %s cycles" % "{:,}".format(p["cycles"])
    if rm and p.get("cycles") and fig["key"] != RM_KEY:
        s += " = %.2f RM" % (p["cycles"] / PAPER_RM_CYCLES)
    return s


def fmt_ours(fig, rm):
    s = fmt_with_time(fig["value"], fig.get("unit", ""))
    if rm and fig.get("unit") == "cycles" and fig["key"] in PAPER and fig["key"] != RM_KEY:
        s += " = %.2f RM" % (fig["value"] / rm)
    return s


def load(bench_dir):
    benches = []
    for path in sorted(glob.glob(os.path.join(bench_dir, "*.json"))):
        with open(path) as f:
            try:
                d = json.load(f)
            except json.JSONDecodeError as e:
                raise SystemExit("figures.py: %s: %s" % (path, e))
        if d.get("format") == FORMAT:
            benches.append(d)
    # core first (the platform), then by name
    benches.sort(key=lambda d: (d["benchmark"] != "core", d["benchmark"]))
    return benches


def remote_miss(benches):
    for b in benches:
        for f in b.get("figures", []):
            if f["key"] == RM_KEY:
                return f["value"]
    return None


def machine_text(m):
    s = "%s, %s CPUs" % (m.get("cpu", "?"), m.get("cpus", "?"))
    if m.get("mem_gib"):
        s += ", %s GiB" % m["mem_gib"]
    if m.get("load_avg"):
        s += ", load average %s at the start" % " / ".join("%.1f" % x for x in m["load_avg"])
    return s


def readme_table(benches, rm):
    rows = []
    for b in benches:
        for f in b.get("figures", []):
            if f.get("readme"):
                rows.append((b, f))
    if not rows:
        return "(run `make bench` to fill this table)"
    paper = any(fmt_paper(f, rm) for _, f in rows)
    table = []
    for b, f in rows:
        goal = fmt_goal(f)
        if goal and f.get("goal_met") is False:
            goal += " (missed)"
        table.append([f["title"], fmt_ours(f, rm), goal] + ([fmt_paper(f, rm)] if paper else []))
    out = md_table(["figure", "measured", "goal"] + (["paper"] if paper else []), table)
    revs = sorted({b["revision"] for b, _ in rows})
    walls = [b for b in benches if any(f.get("wall") and f.get("readme")
                                       for f in b.get("figures", []))]
    out.append("")
    note = "".join("Note: %s. " % n.rstrip(".")
                   for n in sorted({b["note"] for b, _ in rows if b.get("note")}))
    note += "Revision %s. Cycles are simulated cycles of the RTL (deterministic); times beside " \
           "them at the nominal 200 MHz." % ", ".join("`%s`" % r for r in revs)
    if walls:
        note += " Wall-clock figures: %s." % machine_text(walls[0]["machine"])
    note += " Configurations and every other figure: [docs/figures.md](docs/figures.md)."
    out.append(note)
    return "\n".join(out)


def update_readme(path, table, check):
    with open(path) as f:
        text = f.read()
    i, j = text.find(BEGIN), text.find(END)
    if i < 0 or j < i:
        raise SystemExit("figures.py: %s has no %s ... %s section" % (path, BEGIN, END))
    new = text[:i + len(BEGIN)] + "\n" + table + "\n" + text[j:]
    return write_if_changed(path, new, check)


def write_if_changed(path, text, check):
    old = None
    if os.path.exists(path):
        with open(path) as f:
            old = f.read()
    if old == text:
        return False
    if check:
        print("figures.py: %s is out of date" % path, file=sys.stderr)
        return True
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)
    print("figures.py: wrote %s" % os.path.relpath(path, REPO))
    return True


def cell(x):
    if isinstance(x, int) and not isinstance(x, bool):
        return "{:,}".format(x)
    return md(x)


def md_table(columns, rows):
    out = ["| " + " | ".join(md(c) for c in columns) + " |",
           "|" + "|".join("---" for _ in columns) + "|"]
    for r in rows:
        out.append("| " + " | ".join(cell(x) for x in r) + " |")
    return out


def plot(spec, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.6), dpi=100)
    if spec.get("kind") == "line":
        plot_lines(ax, spec)
    else:
        plot_bars(ax, spec)
    ax.set_ylabel(spec.get("ylabel", ""))
    ax.set_title(spec.get("title", ""), fontsize=10)
    ax.legend(fontsize=8)
    ax.margins(y=0.12)
    fig.tight_layout()
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)


def plot_lines(ax, spec):
    """kind "line": each series has its own "x" (numbers) and "values"; "dashed" for a goal."""
    xs = set()
    markers = iter("osD^vx+*" * 4)
    size = iter(range(11, 0, -2))  # series that coincide stay visible: earlier ones drawn larger
    for s in spec["series"]:
        xs.update(s["x"])
        if s.get("dashed"):
            ax.plot(s["x"], s["values"], linestyle="--", color="black", linewidth=1,
                    label=s["label"])
        else:
            ax.plot(s["x"], s["values"], marker=next(markers), markersize=max(3, next(size)),
                    label=s["label"])
    ax.set_xticks(sorted(xs))
    ax.set_xlabel(spec.get("xlabel", ""))
    ax.grid(True, linewidth=0.3)


def plot_bars(ax, spec):
    cats, series = spec["categories"], spec["series"]
    width = 0.8 / max(1, len(series))
    for i, s in enumerate(series):
        xs = [k + (i - (len(series) - 1) / 2) * width for k in range(len(cats))]
        bars = ax.bar(xs, s["values"], width, label=s["label"])
        ax.bar_label(bars, fmt="%.2f", fontsize=7, padding=1)
    if spec.get("hline"):
        h = spec["hline"]
        ax.axhline(h["value"], color="black", linestyle="--", linewidth=1, label=h["label"])
    ax.set_xticks(range(len(cats)))
    ax.set_xticklabels(cats)


def docs_page(benches, rm, docs_dir, check):
    out = [
        "# Figures",
        "",
        "Generated by `tools/figures.py` from `build/bench/*.json`, which `make bench` writes "
        "(`bench/run.py` runs every benchmark of `bench/`; how each measures: "
        "[bench/README.md](../bench/README.md)); do not edit by hand. Every figure "
        "is measured on the RTL in a benchmark, never in a timed test: cycles are simulated "
        "cycles of the Verilator model (equal inputs give equal counts), shown also as time at "
        "the nominal 200 MHz of the paper's machine (5 ns per cycle). Wall-clock figures "
        "(model speed, build time) depend on the machine and its load, which are given with "
        "them. The paper's figure is set beside ours where the paper has one (DESIGN.md "
        "section 8)" + (", and such figures in cycles are also normalised by the remote-miss "
        "latency of each machine (RM: ours %s cycles, the paper's 140)" % "{:,}".format(rm)
        if rm else "")
        + ".",
        "",
        "## Summary",
        "",
    ]
    rows = []
    for b in benches:
        for f in b.get("figures", []):
            rows.append([f["title"], fmt_ours(f, rm), fmt_goal(f), fmt_met(f), fmt_paper(f, rm),
                         "`%s`" % b["revision"]])
    if not any(r[4] for r in rows):
        rows = [r[:4] + r[5:] for r in rows]
        out += md_table(["figure", "measured", "goal", "", "revision"], rows)
    else:
        out += md_table(["figure", "measured", "goal", "", "paper", "revision"], rows)
    plots = []
    for b in benches:
        out += ["", "## %s: %s" % (b["benchmark"], b["about"]), ""]
        out.append("Measured at revision `%s` on %s (%s)." % (b["revision"], b["date"],
                                                             machine_text(b["machine"])))
        if b.get("note"):
            out += ["", "Note: %s." % b["note"].rstrip(".")]
        cfg = b.get("config", {})
        if cfg:
            out.append("Configuration: " + "; ".join(
                "%s %s" % (k, "`%s`" % v if isinstance(v, str) else json.dumps(v))
                for k, v in cfg.items() if v not in (None, "", {}, [])) + ".")
        if b.get("notes"):
            out += [""] + ["- %s" % md(n) for n in b["notes"]]
        out += [""]
        rows = [["`%s`" % f["key"], f["title"], fmt_ours(f, rm), fmt_goal(f), fmt_met(f),
                 fmt_paper(f, rm),
                 (f.get("config", "") + ("; depends on the machine" if f.get("wall") else ""))
                 .lstrip("; ")] for f in b.get("figures", [])]
        cols = ["key", "figure", "measured", "goal", "", "paper", "configuration"]
        if not any(r[5] for r in rows):
            cols, rows = cols[:5] + cols[6:], [r[:5] + r[6:] for r in rows]
        out += md_table(cols, rows)
        for t in b.get("tables", []):
            out += ["", "### " + t["title"], ""]
            out += md_table(t["columns"], t["rows"])
            if t.get("note"):
                out += ["", t["note"]]
        for p in b.get("plots", []):
            plots.append((p, os.path.join(docs_dir, p["file"])))
            out += ["", "![%s](%s)" % (md(p.get("title", p["file"])), p["file"])]
    out += ["", "## The paper's figures", "",
            "For reference, as DESIGN.md section 8 lists them (Chapin et al., SOSP 1995; FLASH "
            "at 200 MHz, remote miss 700 ns = 140 cycles). A benchmark that measures one of "
            "them names its figure by this key, and the figure above shows the paper's beside "
            "it.", ""]
    out += md_table(["key", "paper's figure", "value", "cycles at 200 MHz"],
                    [["`%s`" % k, p["title"], p["text"],
                      "{:,}".format(p["cycles"]) if p.get("cycles") else ""]
                     for k, p in PAPER.items()])
    return "\n".join(out) + "\n", plots


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", default=os.path.join(REPO, "build", "bench"))
    ap.add_argument("--readme", default=os.path.join(REPO, "README.md"))
    ap.add_argument("--docs", default=os.path.join(REPO, "docs", "figures.md"))
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if README.md or docs/figures.md would change")
    a = ap.parse_args()

    benches = load(a.bench)
    rm = remote_miss(benches)
    changed = update_readme(a.readme, readme_table(benches, rm), a.check)
    docs_dir = os.path.dirname(os.path.abspath(a.docs))
    page, plots = docs_page(benches, rm, docs_dir, a.check)
    changed |= write_if_changed(a.docs, page, a.check)
    if not a.check:
        wanted = set()
        for spec, path in plots:
            plot(spec, path)
            wanted.add(os.path.abspath(path))
            print("figures.py: wrote %s" % os.path.relpath(path, REPO))
        for old in glob.glob(os.path.join(docs_dir, "figures-*.png")):
            if os.path.abspath(old) not in wanted:
                os.remove(old)
                print("figures.py: removed %s (no benchmark plots it now)"
                      % os.path.relpath(old, REPO))
    return 1 if a.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
