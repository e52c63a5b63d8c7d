#!/usr/bin/env python3
"""Unit tests of how fpga/tools/fpga_report.py reads a nextpnr log that ended without a report
(a route stopped by hand): the placed utilisation, the placer's Fmax estimate, router2's passes
(last and fewest overused wires) and router1's rows (arcs left); which placer seed a run's
figures come from (pnr_watch.py's record, or an older run's pnr_params); and which configuration a
board's figures name as its largest. The logs below are written in nextpnr's formats with
numbers chosen here, so each figure has one right answer."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import fpga_report as r  # noqa: E402

PLACED = """Info: Device utilisation:
Info: \t    TRELLIS_COMB:   52369/  83640    62%
Info: \t      TRELLIS_FF:   18000/  83640    21%
Info: Max frequency for clock '$glbnet$clk': 14.77 MHz (PASS at 10.00 MHz)
"""
ROUTER2 = """Info:     iter=1 wires=900000 overused=60000 overuse=70000 archfail=NA
Info:     iter=2 wires=950000 overused=31 overuse=31 archfail=NA
Info:     iter=3 wires=960000 overused=45 overuse=46 archfail=NA
"""
ROUTER1 = """Info:            |   (re-)routed arcs  |   delta    | remaining|       time spent     |
Info:    IterCnt |  w/ripup   wo/ripup |  w/r  wo/r |      arcs| batch(sec) total(sec)|
Info:       1000 |       26        973 |   26   973 |     21453|       0.50       0.50|
Info:       2000 |       45       1954 |   19   981 |     20480|       0.27       0.77|
"""


class PnrLogTest(unittest.TestCase):
    def read(self, text):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "pnr.log"), "w") as f:
                f.write(text)
            return r.pnr_log(d)

    def test_placed_only(self):
        log = self.read(PLACED)
        self.assertEqual(log["utilization"]["TRELLIS_COMB"], {"used": 52369, "available": 83640})
        self.assertEqual((log["fmax_estimate"], log["constraint"]), (14.77, 10.0))
        self.assertNotIn("route_unfinished", log)

    def test_router2_last_and_fewest(self):
        self.assertEqual(self.read(PLACED + ROUTER2)["route_unfinished"],
                         {"router": "router2", "passes": 3, "overused_wires": 45,
                          "fewest_overused_wires": 31, "fewest_at_pass": 2})

    def test_router1_arcs_left(self):
        self.assertEqual(self.read(PLACED + ROUTER1)["route_unfinished"],
                         {"router": "router1", "arcs_routed": 2000, "arcs_left": 20480})

    def test_not_placed(self):
        self.assertIsNone(self.read("Info: Packing constants..\n"))


class SeedTest(unittest.TestCase):
    def seed(self, files):
        with tempfile.TemporaryDirectory() as d:
            for name, text in files.items():
                with open(os.path.join(d, name), "w") as f:
                    f.write(text)
            return r.pnr_seed(d)

    def test_record(self):
        self.assertEqual(self.seed({"pnr_seeds": "seed 13: stalled (fewest 180 wires overused, at pass 41)\n"
                                                 "seed 1: routed in 100 passes, Fmax 26.75 MHz (met)\n"
                                                 "kept: seed 1\n",
                                    "pnr_params": "--router router2 --placer static seeds 1 13 5\n"}),
                         ("1", ["seed 13: stalled (fewest 180 wires overused, at pass 41)"]))

    def test_older_run(self):
        self.assertEqual(self.seed({"pnr_params": "--router router2 --seed 13 --placer static\n"}), ("13", []))
        self.assertEqual(self.seed({}), (None, []))


class SourcesTest(unittest.TestCase):
    """fpga-blocks' figures count for a flattened synthesis when both read the same sources."""

    def same(self, files, revision="abc1234"):
        with tempfile.TemporaryDirectory() as d:
            for name, text in files.items():
                with open(os.path.join(d, name), "w") as f:
                    f.write(text + "\n")
            return r.same_sources(d, revision)

    def test_hash(self):
        self.assertTrue(self.same({"sources": "67e545dd", "blocks_sources": "67e545dd",
                                   "blocks_revision": "def5678"}))
        self.assertFalse(self.same({"sources": "67e545dd", "blocks_sources": "17e545dd",
                                    "blocks_revision": "abc1234"}))

    def test_revision_without_hash(self):
        self.assertTrue(self.same({"blocks_revision": "abc1234"}))
        self.assertFalse(self.same({"blocks_revision": "def5678"}))
        self.assertFalse(self.same({}))


class LargestTest(unittest.TestCase):
    """Which configuration a board's figures name: the most harts that fit, routed ones first,
    and among equals the highest routed Fmax (two syntheses of one shape and clock)."""

    @staticmethod
    def cfg(shape, fmax=None, placed=True, clock=20):
        return {"shape": shape, "fits": True, "placed": placed, "l1_lines": 16, "clock_mhz": clock,
                "timing_met": fmax is not None and fmax >= clock, "fmax_mhz": fmax}

    def test_highest_fmax_among_equals(self):
        configs = {"a": self.cfg("1x1", 21.43), "b": self.cfg("1x1", 24.10),
                   "c": self.cfg("1x1", 22.0)}
        self.assertEqual(r.largest(configs)["fmax_mhz"], 24.10)

    def test_routed_before_placed_with_more_nodes(self):
        configs = {"a": self.cfg("1x1", 21.43), "b": self.cfg("2x1")}
        self.assertEqual(r.largest(configs)["shape"], "1x1")
        configs["c"] = self.cfg("2x1", 15.2)
        self.assertEqual(r.largest(configs)["shape"], "2x1")


if __name__ == "__main__":
    res = unittest.main(exit=False, verbosity=0).result
    n, bad = res.testsRun, len(res.failures) + len(res.errors)
    print(f"{n - bad} passed, {bad} failed")
    sys.exit(1 if bad else 0)
