#!/usr/bin/env python3
"""Where the logic comes from: a premap netlist's gates and carries tallied by RTL source line.

usage: fpga_hotspots.py PREMAP_JSON [--top N] [--module SUBSTRING]

PREMAP_JSON is Yosys' netlist just before LUT mapping (`make fpga-hotspots` writes it): the logic
is then single gates ($_AND_, $_MUX_, ...) and carry cells (CCU2C, CARRY4), each with the `src`
attribute of the RTL it came from. Gates are not LUTs (ABC packs several into one), but where the
gates pile up is where the LUTs go. Inverters are left out (they fold into LUTs). A cell whose
source is a list (Yosys merged logic from several lines) counts for the first.
"""
import argparse
import collections
import json
import re
import sys

CARRY = {"CCU2C", "CARRY4"}


def source_of(attrs):
    src = attrs.get("src", "")
    if not src:
        return "(no source)"
    first = src.split("|")[0]
    m = re.match(r"(.*?):(\d+)", first)
    return f"{m.group(1)}:{m.group(2)}" if m else first


def tally(netlist, module_filter):
    lines = collections.Counter()
    files = collections.Counter()
    for name, mod in netlist["modules"].items():
        if module_filter and module_filter not in name:
            continue
        for cell in mod.get("cells", {}).values():
            t = cell["type"]
            if t.startswith("$_") and not t.startswith(("$_NOT_", "$_DFF", "$_SDFF", "$_DLATCH",
                                                        "$_BUF_")):
                w = 1
            elif t in CARRY:
                w = 2  # a carry cell holds two bits' logic
            else:
                continue
            src = source_of(cell.get("attributes", {}))
            lines[src] += w
            files[src.split(":")[0]] += w
    return lines, files


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("premap_json")
    p.add_argument("--top", type=int, default=40, help="source lines to show (default 40)")
    p.add_argument("--module", help="only modules whose name contains this")
    a = p.parse_args()
    try:
        with open(a.premap_json) as f:
            netlist = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"fpga_hotspots: cannot read {a.premap_json}: {e}")
    lines, files = tally(netlist, a.module)
    total = sum(files.values())
    if not total:
        sys.exit("fpga_hotspots: no gates or carries found (is this a netlist before LUT mapping?)")
    print(f"{total} gate units (a gate 1, a carry cell 2) by file:")
    for f, n in files.most_common():
        print(f"  {n:8d} {100 * n / total:5.1f} %  {f}")
    print(f"\nthe {a.top} source lines with the most:")
    for src, n in lines.most_common(a.top):
        print(f"  {n:8d} {100 * n / total:5.1f} %  {src}")


if __name__ == "__main__":
    main()
