// ULX3S clock: the 25 MHz oscillator through the ECP5 PLL (EHXPLLL, VCO about 600 MHz) to the
// core clock (CLKOP) and the same frequency shifted by 180 degrees for the SDRAM clock pin
// (CLKOS). The clocks it makes are the rows of `settings` (divider settings from Project
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
  // The PLL's settings for each clock it makes, one row per clock: {CLKI_DIV, CLKFB_DIV,
  // CLKOP_DIV, CLKOP_CPHASE, CLKOS_CPHASE, CLKOS_FPHASE}. fpga/fpga.mk reads the rows' clocks
  // and refuses any other ULX3S_MHZ: the zeros of the default are no PLL setting.
  function automatic logic [47:0] settings(input int mhz);
    case (mhz)
      5:       settings = {8'd5, 8'd1, 8'd120, 8'd59, 8'd119, 8'd0};
      10:      settings = {8'd5, 8'd2, 8'd60, 8'd29, 8'd59, 8'd0};
      15:      settings = {8'd5, 8'd3, 8'd40, 8'd19, 8'd39, 8'd0};
      20:      settings = {8'd5, 8'd4, 8'd30, 8'd15, 8'd30, 8'd0};
      25:      settings = {8'd1, 8'd1, 8'd24, 8'd11, 8'd23, 8'd0};
      30:      settings = {8'd5, 8'd6, 8'd20, 8'd9, 8'd19, 8'd0};
      35:      settings = {8'd5, 8'd7, 8'd17, 8'd8, 8'd16, 8'd4};
      40:      settings = {8'd5, 8'd8, 8'd15, 8'd7, 8'd14, 8'd4};
      50:      settings = {8'd1, 8'd2, 8'd12, 8'd5, 8'd11, 8'd0};
      default: settings = '0;
    endcase
  endfunction
  localparam logic [47:0] S = settings(MHZ);
  localparam int CLKI_DIV  = int'(S[47:40]);
  localparam int CLKFB_DIV = int'(S[39:32]);
  localparam int OP_DIV    = int'(S[31:24]);
  localparam int OP_CPH    = int'(S[23:16]);
  localparam int OS_CPH    = int'(S[15:8]);
  localparam int OS_FPH    = int'(S[7:0]);

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
