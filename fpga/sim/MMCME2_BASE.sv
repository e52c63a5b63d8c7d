// Simulation and lint stand-in for the Xilinx MMCM primitive (never synthesized: Yosys keeps the
// real MMCME2_BASE for Vivado). CLKOUT0 follows CLKIN1 (the testbench drives CLKIN1 at the core
// clock), CLKFBOUT too; LOCKED is always high.
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNUSEDPARAM */
module MMCME2_BASE #(
    parameter string BANDWIDTH = "OPTIMIZED",
    parameter real CLKIN1_PERIOD = 10.0,
    parameter int DIVCLK_DIVIDE = 1,
    parameter real CLKFBOUT_MULT_F = 10.0,
    parameter real CLKFBOUT_PHASE = 0.0,
    parameter real CLKOUT0_DIVIDE_F = 10.0,
    parameter real CLKOUT0_DUTY_CYCLE = 0.5,
    parameter real CLKOUT0_PHASE = 0.0,
    parameter string STARTUP_WAIT = "FALSE"
) (
    input  logic CLKIN1,
    input  logic CLKFBIN,
    output logic CLKFBOUT,
    output logic CLKFBOUTB,
    output logic CLKOUT0,
    output logic CLKOUT0B,
    output logic CLKOUT1,
    output logic CLKOUT1B,
    output logic CLKOUT2,
    output logic CLKOUT2B,
    output logic CLKOUT3,
    output logic CLKOUT3B,
    output logic CLKOUT4,
    output logic CLKOUT5,
    output logic CLKOUT6,
    output logic LOCKED,
    input  logic PWRDWN,
    input  logic RST
);
  assign CLKFBOUT = CLKIN1;
  assign CLKFBOUTB = !CLKIN1;
  assign CLKOUT0 = CLKIN1;
  assign CLKOUT0B = !CLKIN1;
  assign {CLKOUT1, CLKOUT1B, CLKOUT2, CLKOUT2B, CLKOUT3, CLKOUT3B, CLKOUT4, CLKOUT5, CLKOUT6} = '0;
  assign LOCKED = 1'b1;
endmodule
/* verilator lint_on UNUSEDPARAM */
/* verilator lint_on UNUSEDSIGNAL */
