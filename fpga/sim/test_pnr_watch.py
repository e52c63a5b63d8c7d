#!/usr/bin/env python3
"""Tests of fpga/tools/pnr_watch.py against a stand-in for nextpnr (a script written here that
writes router2's lines into its --log as nextpnr does, then ends or runs on): a route that ends
is followed to its Fmax and exit status; a stalled one is stopped, its process ended; one that
lingers over a few wires (under the floor) is not stopped; a failing run's status and error come
through; a command that does not exist is reported. With seeds: the next seed is tried after a
stall or a missed clock and the first to meet it stands, or, when none does, the routed try with
the highest Fmax has its outputs put back."""
import os
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

WATCH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools", "pnr_watch.py")

# the stand-in: argv[1] a list of overused-wire counts (one router2 pass each), argv[2] what to do
# at the end (done: routed at 25.24 MHz; done@F: routed at F MHz; fail; hang), then nextpnr's own
# options (--log PATH, --report PATH, --seed S). argv[1] may instead be SEED=COUNTS/END;... , one
# behaviour per seed. A route that ends writes its seed into --report.
FAKE = textwrap.dedent("""\
    import sys, time
    opt = lambda o: sys.argv[sys.argv.index(o) + 1] if o in sys.argv else None
    counts, end, log = sys.argv[1], sys.argv[2], opt("--log")
    if "=" in counts:
        counts, end = dict(x.split("=") for x in counts.split(";"))[opt("--seed")].split("/")
    with open(log, "w") as f:
        print("Info: iter=100 steplen=0.5 a=1.0 penalty=[0.00]", file=f, flush=True)
        print("Info: Max frequency for clock '$glbnet$clk': 24.20 MHz (FAIL at 25.00 MHz)", file=f, flush=True)
        print("Info: Running router2...", file=f, flush=True)
        for i, o in enumerate(counts.split(","), 1):
            print("Info:     iter=%d wires=600000 overused=%s overuse=%s archfail=NA" % (i, o, o), file=f, flush=True)
            time.sleep(0.01)
        if end.startswith("done"):
            fmax = float(end[5:] or 25.24)
            print("Info: Max frequency for clock '$glbnet$clk': %.2f MHz (%s at 25.00 MHz)"
                  % (fmax, "PASS" if fmax >= 25 else "FAIL"), file=f)
            print("Info: Program finished normally.", file=f)
            if opt("--report"):
                with open(opt("--report"), "w") as r:
                    r.write("seed %s" % opt("--seed"))
            sys.exit(0)
        if end == "fail":
            print("ERROR: Failed to route design", file=f)
            sys.exit(1)
        time.sleep(60)
""")


class WatchTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.fake = os.path.join(self.dir.name, "fake_nextpnr.py")
        with open(self.fake, "w") as f:
            f.write(FAKE)
        self.log = os.path.join(self.dir.name, "pnr.log")
        self.report = os.path.join(self.dir.name, "report.json")

    def tearDown(self):
        self.dir.cleanup()

    def watch(self, counts, end, stall=5, floor=100, seeds=None):
        t = time.time()
        opts = ["--seeds", seeds, "--record", os.path.join(self.dir.name, "tries")] if seeds else []
        p = subprocess.run([sys.executable, WATCH, "--log", self.log, "--stall", str(stall),
                            "--floor", str(floor), "--every", "0.05"] + opts + ["--",
                            sys.executable, self.fake, counts, end, "--log", self.log,
                            "--report", self.report],
                           capture_output=True, text=True, timeout=50)
        return p.returncode, p.stdout + p.stderr, time.time() - t

    def read(self, path):
        with open(path) as f:
            return f.read()

    def test_routed(self):
        rc, out, _ = self.watch("5000,300,40,2,0", "done")
        self.assertEqual(rc, 0)
        self.assertIn("routing (placement estimate 24.20 MHz)", out)
        self.assertIn("routing pass 3: 40 wires overused (fewest 40, at pass 3)", out)
        self.assertIn("routed in 5 passes: Fmax 25.24 MHz, PASS at 25.00 MHz", out)

    def test_stalled_is_stopped(self):
        # fewest 900 at pass 3, then five passes without fewer: stopped at pass 8, not after 60 s
        rc, out, took = self.watch("5000,2000,900,950,1000,990,940,905,901,899", "hang")
        self.assertEqual(rc, 3)
        self.assertIn("the route stalled, 905 wires overused after 8 passes, the fewest (900) at pass 3",
                      out)
        self.assertLess(took, 40)
        with open(self.log) as f:  # the log stays for fpga-report, up to where it was stopped
            self.assertIn("iter=8 ", f.read())

    def test_few_wires_left_are_not_a_stall(self):
        rc, out, _ = self.watch("5000,80,1,1,1,1,1,1,1,1,1,1,0", "done")
        self.assertEqual(rc, 0)
        self.assertNotIn("stalled", out)

    def test_no_stall_check(self):
        rc, _, _ = self.watch("5000,900,950,950,950,950,950,950,950,0", "done", stall=0)
        self.assertEqual(rc, 0)

    def test_failure_comes_through(self):
        rc, out, _ = self.watch("5000,300", "fail")
        self.assertEqual(rc, 1)
        self.assertIn("ERROR: Failed to route design", out)

    def test_seeds_until_one_meets_the_clock(self):
        rc, out, _ = self.watch("13=5000,900,950,950,950,950,950,950/hang;5=5000,40,0/done@24.10;"
                                "1=5000,40,0/done@26.75;7=5000,0/done", "", seeds="13,5,1,7")
        self.assertEqual(rc, 0)
        self.assertIn("seed 13: stalled (fewest 900 wires overused, at pass 2)", out)
        self.assertIn("seed 5: routed in 3 passes, Fmax 24.10 MHz (clock missed)", out)
        self.assertNotIn("seed 7", out)   # seed 1 met the clock: no further try
        self.assertEqual(self.read(self.report), "seed 1")
        self.assertIn("iter=3 ", self.read(self.log))
        self.assertEqual(self.read(self.report + ".seed5"), "seed 5")   # a missed try set aside
        self.assertIn("iter=7 ", self.read(self.log + ".seed13"))
        self.assertEqual(self.read(os.path.join(self.dir.name, "tries")).splitlines()[-2:],
                         ["seed 1: routed in 3 passes, Fmax 26.75 MHz (met)", "kept: seed 1"])

    def test_no_seed_meets_the_clock(self):
        rc, out, _ = self.watch("2=5000,40,0/done@24.10;3=5000,40,30,0/done@24.60;4=5000,900,950,950,950,950,950,950/hang",
                                "", seeds="2 3 4")
        self.assertEqual(rc, 0)   # seed 3's route stands: make's timing check then fails the build
        self.assertIn("no seed met the clock: seed 3's route (the highest Fmax) stands", out)
        self.assertEqual(self.read(self.report), "seed 3")
        self.assertIn("24.60 MHz (FAIL", self.read(self.log))
        self.assertIn("iter=7 ", self.read(self.log + ".seed4"))
        self.assertEqual(self.read(os.path.join(self.dir.name, "tries")).splitlines()[-1], "kept: seed 3")

    def test_seeds_none_routed(self):
        rc, _, _ = self.watch("2=5000,300/fail;3=5000,900,950,950,950,950,950,950/hang", "", seeds="2,3")
        self.assertEqual(rc, 3)   # the last try stands
        self.assertIn("iter=7 ", self.read(self.log))
        self.assertIn("ERROR", self.read(self.log + ".seed2"))

    def test_missing_command(self):
        p = subprocess.run([sys.executable, WATCH, "--log", self.log, "--", "/nonexistent/nextpnr"],
                           capture_output=True, text=True, timeout=20)
        self.assertEqual(p.returncode, 127)
        self.assertIn("cannot run /nonexistent/nextpnr", p.stdout + p.stderr)

    def test_bad_options(self):
        for args in (["--log", self.log], ["--log", self.log, "--stall", "-1", "--", "x"],
                     ["--log", self.log, "--"], ["--log", self.log, "--seeds", "1,x", "--", "x"],
                     ["--log", self.log, "--seeds", "1", "--", "x", "--seed", "2"]):
            p = subprocess.run([sys.executable, WATCH] + args, capture_output=True, text=True, timeout=20)
            self.assertEqual(p.returncode, 2, args)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=1).result
    failed = len(result.failures) + len(result.errors)
    print("%d passed, %d failed" % (result.testsRun - failed, failed))
    sys.exit(1 if failed else 0)
