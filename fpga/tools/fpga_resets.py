#!/usr/bin/env python3
"""Where the resets reach: a mapped ECP5 netlist's flip-flops counted by the net on their LSR
(set/reset) pin, and the largest such nets' flip-flops by block.

usage: fpga_resets.py NETLIST_JSON [--nets N] [--blocks B] [--depth D]

NETLIST_JSON is the synthesized design (`make fpga` writes build/fpga/<board>/<config>/hive.json).
A flip-flop's LSR pin is tied to constant 0 when it has no reset; otherwise it is a net, the
SoC's reset or a clear that Yosys found in the logic. A net reaching thousands of flip-flops is
routed on general wiring to every slice that holds one (docs/fpga.md, change 54). A block is the
first D parts of a flip-flop's hierarchical name (soc.g_node[0].nd.g_core[0].cpu at 5). A
flattened netlist keeps the hierarchy in its cell names, but names some flip-flops after the
net they drive in an enclosing block, so its count by block is approximate; the count by net
is exact.
"""
import argparse
import collections
import json
import signal
import sys


def net_names(module):
    """bit -> the most readable name of its net (no `$` if there is one, then the shortest)."""
    names = {}
    for name, net in module["netnames"].items():
        key = ("$" in name, len(name))
        for bit in net["bits"]:
            if bit not in names or key < names[bit][0]:
                names[bit] = (key, name)
    return {bit: name for bit, (_, name) in names.items()}


def block_of(cell_name, depth):
    parts = cell_name.split(".")
    return ".".join(parts[:min(depth, len(parts) - 1)]) or "(top)"


def tally(netlist, depth):
    """(flip-flops, {LSR net name: count}, {net name: {block: count}}) of the top module."""
    modules = netlist["modules"]
    tops = [m for m, v in modules.items() if v.get("attributes", {}).get("top")]
    if len(tops) != 1:
        raise ValueError("expected one top module, found %d" % len(tops))
    top = modules[tops[0]]
    names = net_names(top)
    per_net = collections.Counter()
    per_block = collections.defaultdict(collections.Counter)
    ffs = 0
    for cell_name, cell in top["cells"].items():
        if cell["type"] != "TRELLIS_FF":
            continue
        ffs += 1
        bit = (cell["connections"].get("LSR") or ["0"])[0]
        net = "(none)" if isinstance(bit, str) else names.get(bit, "(net %d)" % bit)
        per_net[net] += 1
        per_block[net][block_of(cell_name, depth)] += 1
    return ffs, per_net, per_block


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the listing quietly
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("netlist")
    ap.add_argument("--nets", type=int, default=3, help="nets shown by block (default 3)")
    ap.add_argument("--blocks", type=int, default=12, help="blocks shown per net (default 12)")
    ap.add_argument("--depth", type=int, default=5, help="name parts of a block (default 5)")
    args = ap.parse_args()
    try:
        with open(args.netlist) as f:
            netlist = json.load(f)
        ffs, per_net, per_block = tally(netlist, args.depth)
    except (OSError, ValueError, KeyError) as e:
        sys.exit("fpga_resets.py: %s: %s" % (args.netlist, e))
    print("%d flip-flops; by the net on their LSR pin:" % ffs)
    for net, n in per_net.most_common(max(args.nets, 8)):
        print("  %7d  %s" % (n, net))
    for net, _ in [x for x in per_net.most_common() if x[0] != "(none)"][:args.nets]:
        print("\n%s, by block:" % net)
        blocks = sorted(per_block[net].items(), key=lambda x: (-x[1], x[0]))
        for block, n in blocks[:args.blocks]:
            print("  %7d  %s" % (n, block))
        rest = blocks[args.blocks:]
        if rest:
            print("  %7d  (%d other blocks)" % (sum(n for _, n in rest), len(rest)))


if __name__ == "__main__":
    main()
