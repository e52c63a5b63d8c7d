// Arty A7 clock: the 100 MHz oscillator through an MMCM (MMCME2_BASE, VCO 1000 MHz) to the core
// clock MHZ (1000 / MHZ an integer: 10, 20, 25, 40, 50 ... MHz), on a global
// buffer. Yosys keeps MMCME2_BASE and BUFG as Xilinx primitives for Vivado; Verilator uses the
// stand-ins in fpga/sim/.
module arty_clk #(
    parameter int MHZ = 25
) (
    input  logic clk_100mhz,
    output logic clk,
    output logic locked
);
  // integer-valued parameters only (read_slang passes no real parameters to a black box); the
  // duty cycle and phase keep their defaults (0.5, 0.0)
  localparam int DIV = 1000 / MHZ;
  logic clkfb, clkfb_buf, clk_unbuf;
  /* verilator lint_off PINCONNECTEMPTY */
  MMCME2_BASE #(
      .BANDWIDTH("OPTIMIZED"), .CLKIN1_PERIOD(10), .DIVCLK_DIVIDE(1), .CLKFBOUT_MULT_F(10),
      .CLKFBOUT_PHASE(0), .CLKOUT0_DIVIDE_F(DIV), .STARTUP_WAIT("FALSE")
  ) mmcm (
      .CLKIN1(clk_100mhz), .CLKFBIN(clkfb_buf), .CLKFBOUT(clkfb), .CLKFBOUTB(),
      .CLKOUT0(clk_unbuf), .CLKOUT0B(), .CLKOUT1(), .CLKOUT1B(), .CLKOUT2(), .CLKOUT2B(),
      .CLKOUT3(), .CLKOUT3B(), .CLKOUT4(), .CLKOUT5(), .CLKOUT6(), .LOCKED(locked),
      .PWRDWN(1'b0), .RST(1'b0));
  /* verilator lint_on PINCONNECTEMPTY */
  BUFG fb_buf (.I(clkfb), .O(clkfb_buf));
  BUFG out_buf (.I(clk_unbuf), .O(clk));
endmodule
