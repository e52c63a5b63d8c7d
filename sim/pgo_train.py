#!/usr/bin/env python3
"""The training runs of a model built with -fprofile-generate (sim/pgo.mk, docs/harness.md
"Fourth round"): its profile is what GCC then optimizes the model for, so the runs are the
kinds of work the model spends its time on: an OpenSBI boot of the shape as one cell per node
(the first BOOT_CYCLES) and the coherence stress program on every hart. The seed and length
differ from the benchmarks' (bench/memory.py: seed 1, 1000 operations), so no benchmark
measures its own training run. A run that does not end as expected fails the build: the model
is broken.

usage: pgo_train.py SIM NODES BOOT_DIR PAYLOAD STRESS_ELF WORK_DIR
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "mp"))
import mp  # noqa: E402

BOOT_CYCLES = 2_000_000
# stress.c mp_cfg: seed, operations per hart, lines, layout (spread), private-eviction weight
STRESS_CFG = {0: 2, 1: 500, 2: 8, 3: 0, 4: 16}
EXIT_BOUND = mp.SIM_EXIT["MAX_CYCLES"]  # hive-sim: --max-cycles reached


def run(sim, args, expect):
    r = subprocess.run([sim, "--quiet"] + args, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    if r.returncode not in expect:
        sys.exit("pgo_train: %s %s: exit status %d, expected %s\n%s" % (
            sim, " ".join(args), r.returncode, expect, r.stderr))


def main():
    if len(sys.argv) != 7:
        sys.exit(__doc__.split("usage: ")[1])
    sim, nodes, boot_dir, payload, stress, work = sys.argv[1:]
    os.makedirs(work, exist_ok=True)
    elf = os.path.join(work, "stress.elf")
    mp.patch_config(stress, elf, STRESS_CFG)
    run(sim, ["--boot-dir", boot_dir, "--cells", nodes, "--payload", payload,
              "--max-cycles", str(BOOT_CYCLES)], (0, EXIT_BOUND))
    run(sim, ["--boot-dir", boot_dir, "--elf", elf, "--max-cycles", "20M"], (0,))


if __name__ == "__main__":
    main()
