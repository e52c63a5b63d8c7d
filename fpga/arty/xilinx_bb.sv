// Synthesis only: the Xilinx clock primitives arty_clk uses, as empty black boxes with their
// parameters and ports, so that the slang frontend (read_slang, fpga/fpga.mk) can elaborate
// their instances with parameters; synth_xilinx keeps them as primitives for Vivado.
// Simulation uses the stand-ins fpga/sim/MMCME2_BASE.sv and fpga/sim/BUFG.sv instead.
(* blackbox *)
module MMCME2_BASE #(
    parameter BANDWIDTH = "OPTIMIZED",
    parameter CLKIN1_PERIOD = 10,      // integer values: no real parameter reaches a black box
    parameter DIVCLK_DIVIDE = 1,
    parameter CLKFBOUT_MULT_F = 10,
    parameter CLKFBOUT_PHASE = 0,
    parameter CLKOUT0_DIVIDE_F = 10,
    parameter STARTUP_WAIT = "FALSE"
) (
    input CLKIN1, input CLKFBIN, input PWRDWN, input RST,
    output CLKFBOUT, output CLKFBOUTB, output CLKOUT0, output CLKOUT0B, output CLKOUT1,
    output CLKOUT1B, output CLKOUT2, output CLKOUT2B, output CLKOUT3, output CLKOUT3B,
    output CLKOUT4, output CLKOUT5, output CLKOUT6, output LOCKED
);
endmodule

(* blackbox *)
module BUFG (input I, output O);
endmodule
