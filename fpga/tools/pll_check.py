#!/usr/bin/env python3
"""Check the ULX3S PLL's settings table (fpga/ulx3s/ulx3s_pll.sv, `settings`) against the ECP5
PLL's relations (Lattice TN1263, ECP5 sysCLOCK PLL/DLL design guide): for each row, the 25 MHz
input over CLKI_DIV (the phase detector, 3.125 to 400 MHz) times CLKFB_DIV with the feedback
taken from CLKOP gives the row's clock; that clock times CLKOP_DIV is the VCO (400 to 800 MHz);
CLKOS (the SDRAM's clock pin) lags CLKOP by half a period: (CLKOS_CPHASE + CLKOS_FPHASE / 8 -
CLKOP_CPHASE) / CLKOP_DIV = 1/2. fpga/fpga.mk reads the same rows to refuse any other clock.

usage: pll_check.py [fpga/ulx3s/ulx3s_pll.sv]; prints each row and what is wrong with it, exit
status 1 when a row is wrong or there is none."""
import re
import sys
from fractions import Fraction

F_IN = 25  # MHz, the ULX3S's oscillator
ROW = re.compile(r"^\s*(\d+):\s*settings\s*=\s*\{([^}]*)\};", re.M)


def problems(mhz, clki, clkfb, op_div, op_cph, os_cph, os_fph):
    out = []
    pfd = Fraction(F_IN, clki) if clki else None
    if pfd is None or not 3.125 <= pfd <= 400:
        out.append(f"phase detector {pfd} MHz outside 3.125..400")
    else:
        if pfd * clkfb != mhz:
            out.append(f"CLKOP = {F_IN}/{clki}*{clkfb} = {float(pfd * clkfb):g} MHz, not {mhz}")
        vco = pfd * clkfb * op_div
        if not 400 <= vco <= 800:
            out.append(f"VCO {float(vco):g} MHz outside 400..800")
    if op_div == 0 or Fraction(8 * (os_cph - op_cph) + os_fph, 8 * op_div) != Fraction(1, 2):
        out.append("CLKOS does not lag CLKOP by half a period")
    return out


def main(argv):
    path = argv[1] if len(argv) > 1 else "fpga/ulx3s/ulx3s_pll.sv"
    try:
        text = open(path).read()
    except OSError as e:
        print(f"pll_check: {e}", file=sys.stderr)
        return 1
    rows = ROW.findall(text)
    if not rows:
        print(f"pll_check: no `N: settings = {{...}};` rows in {path}", file=sys.stderr)
        return 1
    bad = 0
    for mhz, fields in rows:
        vals = [int(f.split("'d")[-1]) for f in fields.split(",")]
        if len(vals) != 6:
            print(f"{mhz} MHz: {len(vals)} fields, not 6")
            bad += 1
            continue
        why = problems(int(mhz), *vals)
        print(f"{mhz} MHz: {' '.join(map(str, vals))}: {'; '.join(why) if why else 'ok'}")
        bad += bool(why)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
