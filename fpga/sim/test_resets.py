#!/usr/bin/env python3
"""Unit tests of fpga/tools/fpga_resets.py on a netlist written here in Yosys' JSON format, with
flip-flops placed on chosen LSR nets, so each count has one right answer."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import fpga_resets as r  # noqa: E402


def ff(lsr):
    return {"type": "TRELLIS_FF", "connections": {"CLK": [9], "DI": [10], "Q": [11], "LSR": [lsr]}}


def netlist(tops=1):
    top = {
        "attributes": {"top": "00000000000000000000000000000001"},
        "netnames": {
            "$auto$rst": {"bits": [2]}, "soc.a.rst_from_top": {"bits": [2]}, "rst": {"bits": [2]},
            "soc.b.dcache.clear": {"bits": [3]},
        },
        "cells": {
            "soc.a.cpu.x_TRELLIS_FF_Q": ff(2),
            "soc.a.cpu.y_TRELLIS_FF_Q_1": ff(2),
            "soc.b.dcache.z_TRELLIS_FF_Q": ff(2),
            "soc.b.dcache.w_TRELLIS_FF_Q": ff(3),
            "hub.v_TRELLIS_FF_Q": ff("0"),
            "top_ff": ff(4),
            "soc.a.cpu.lut": {"type": "LUT4", "connections": {"A": [2], "Z": [5]}},
        },
    }
    mods = {"top%d" % i: top for i in range(tops)}
    mods["leaf"] = {"attributes": {}, "netnames": {}, "cells": {}}
    return {"modules": mods}


class ResetsTest(unittest.TestCase):
    def test_counts_by_net_and_block(self):
        ffs, per_net, per_block = r.tally(netlist(), depth=3)
        self.assertEqual(ffs, 6)
        # bit 2's readable name is the shortest without a `$`; a net without a name says its bit
        self.assertEqual(dict(per_net), {"rst": 3, "soc.b.dcache.clear": 1, "(none)": 1,
                                         "(net 4)": 1})
        self.assertEqual(dict(per_block["rst"]), {"soc.a.cpu": 2, "soc.b.dcache": 1})
        self.assertEqual(dict(per_block["(net 4)"]), {"(top)": 1})

    def test_depth_cuts_the_block_name(self):
        _, _, per_block = r.tally(netlist(), depth=1)
        self.assertEqual(dict(per_block["rst"]), {"soc": 3})

    def test_refuses_a_netlist_without_one_top(self):
        with self.assertRaises(ValueError):
            r.tally(netlist(tops=2), depth=3)
        with self.assertRaises(ValueError):
            r.tally(netlist(tops=0), depth=3)


if __name__ == "__main__":
    res = unittest.main(exit=False, verbosity=0).result
    n, bad = res.testsRun, len(res.failures) + len(res.errors)
    print(f"{n - bad} passed, {bad} failed")
    sys.exit(1 if bad else 0)
