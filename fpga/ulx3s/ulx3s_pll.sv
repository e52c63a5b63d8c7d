// ULX3S clock: the 25 MHz oscillator through the ECP5 PLL (EHXPLLL, VCO about 600 MHz) to the
// core clock (CLKOP) and the same frequency shifted by 180 degrees for the SDRAM clock pin
// (CLKOS). Supported MHZ: 5, 10, 15, 20, 25, 30, 35, 40, 50 (divider settings from Project
// Trellis' ecppll; 5 and 10 MHz by the same rule, CLKI_DIV 5 and VCO 600 MHz, below ecppll's
// own 10 MHz floor but within the ECP5 data sheet's CLKOP range, 3.125 to 400 MHz).
// In Verilator the EHXPLLL stand-in in fpga/sim/ is used.
module ulx3s_pll #(
    parameter int MHZ = 25
) (
    input  logic clk_25mhz,
    output logic clk,
    output logic clk_sdram,
    output logic locked
);
  // {CLKI_DIV, CLKFB_DIV, CLKOP_DIV, CLKOP_CPHASE, CLKOS_CPHASE, CLKOS_FPHASE}
  localparam int CLKI_DIV  = MHZ == 25 || MHZ == 50 ? 1 : 5;
  localparam int CLKFB_DIV = MHZ == 5 ? 1 : MHZ == 10 ? 2 : MHZ == 15 ? 3 : MHZ == 20 ? 4 :
                             MHZ == 25 ? 1 : MHZ == 30 ? 6 : MHZ == 35 ? 7 : MHZ == 40 ? 8 : 2;
  localparam int OP_DIV    = MHZ == 5 ? 120 : MHZ == 10 ? 60 : MHZ == 15 ? 40 : MHZ == 20 ? 30 :
                             MHZ == 25 ? 24 : MHZ == 30 ? 20 : MHZ == 35 ? 17 : MHZ == 40 ? 15 : 12;
  localparam int OP_CPH    = MHZ == 5 ? 59 : MHZ == 10 ? 29 : MHZ == 15 ? 19 : MHZ == 20 ? 15 :
                             MHZ == 25 ? 11 : MHZ == 30 ? 9 : MHZ == 35 ? 8 : MHZ == 40 ? 7 : 5;
  localparam int OS_CPH    = MHZ == 5 ? 119 : MHZ == 10 ? 59 : MHZ == 15 ? 39 : MHZ == 20 ? 30 :
                             MHZ == 25 ? 23 : MHZ == 30 ? 19 : MHZ == 35 ? 16 : MHZ == 40 ? 14 : 11;
  localparam int OS_FPH    = MHZ == 35 || MHZ == 40 ? 4 : 0;

  logic clkop;
  (* FREQUENCY_PIN_CLKI = "25" *)
  (* ICP_CURRENT = "12" *) (* LPF_RESISTOR = "8" *) (* MFG_ENABLE_FILTEROPAMP = "1" *)
  (* MFG_GMCREF_SEL = "2" *)
  /* verilator lint_off PINCONNECTEMPTY */
  EHXPLLL #(
      .PLLRST_ENA("DISABLED"), .INTFB_WAKE("DISABLED"), .STDBY_ENABLE("DISABLED"),
      .DPHASE_SOURCE("DISABLED"), .OUTDIVIDER_MUXA("DIVA"), .OUTDIVIDER_MUXB("DIVB"),
      .OUTDIVIDER_MUXC("DIVC"), .OUTDIVIDER_MUXD("DIVD"),
      .CLKI_DIV(CLKI_DIV), .CLKOP_ENABLE("ENABLED"), .CLKOP_DIV(OP_DIV),
      .CLKOP_CPHASE(OP_CPH), .CLKOP_FPHASE(0), .CLKOS_ENABLE("ENABLED"), .CLKOS_DIV(OP_DIV),
      .CLKOS_CPHASE(OS_CPH), .CLKOS_FPHASE(OS_FPH), .FEEDBK_PATH("CLKOP"), .CLKFB_DIV(CLKFB_DIV)
  ) pll (
      .RST(1'b0), .STDBY(1'b0), .CLKI(clk_25mhz), .CLKOP(clkop), .CLKOS(clk_sdram),
      .CLKFB(clkop), .CLKINTFB(), .PHASESEL0(1'b0), .PHASESEL1(1'b0), .PHASEDIR(1'b1),
      .PHASESTEP(1'b1), .PHASELOADREG(1'b1), .PLLWAKESYNC(1'b0), .ENCLKOP(1'b0), .LOCK(locked));
  /* verilator lint_on PINCONNECTEMPTY */
  assign clk = clkop;
endmodule
