// Simulation and lint stand-in for the ECP5 PLL primitive (never synthesized: Yosys maps the
// real EHXPLLL from its cell library). CLKOP follows CLKI (the testbench drives CLKI at the
// core clock), CLKOS is its inverse (the 180-degree SDRAM clock), LOCK is always high.
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNUSEDPARAM */
module EHXPLLL #(
    parameter string PLLRST_ENA = "DISABLED",
    parameter string INTFB_WAKE = "DISABLED",
    parameter string STDBY_ENABLE = "DISABLED",
    parameter string DPHASE_SOURCE = "DISABLED",
    parameter string OUTDIVIDER_MUXA = "DIVA",
    parameter string OUTDIVIDER_MUXB = "DIVB",
    parameter string OUTDIVIDER_MUXC = "DIVC",
    parameter string OUTDIVIDER_MUXD = "DIVD",
    parameter int CLKI_DIV = 1,
    parameter string CLKOP_ENABLE = "ENABLED",
    parameter int CLKOP_DIV = 8,
    parameter int CLKOP_CPHASE = 0,
    parameter int CLKOP_FPHASE = 0,
    parameter string CLKOS_ENABLE = "ENABLED",
    parameter int CLKOS_DIV = 8,
    parameter int CLKOS_CPHASE = 0,
    parameter int CLKOS_FPHASE = 0,
    parameter string FEEDBK_PATH = "CLKOP",
    parameter int CLKFB_DIV = 1
) (
    input  logic RST,
    input  logic STDBY,
    input  logic CLKI,
    output logic CLKOP,
    output logic CLKOS,
    input  logic CLKFB,
    output logic CLKINTFB,
    input  logic PHASESEL0,
    input  logic PHASESEL1,
    input  logic PHASEDIR,
    input  logic PHASESTEP,
    input  logic PHASELOADREG,
    input  logic PLLWAKESYNC,
    input  logic ENCLKOP,
    output logic LOCK
);
  assign CLKOP = CLKI;
  assign CLKOS = !CLKI;
  assign CLKINTFB = 1'b0;
  assign LOCK = 1'b1;
endmodule
/* verilator lint_on UNUSEDPARAM */
/* verilator lint_on UNUSEDSIGNAL */
