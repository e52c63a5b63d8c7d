// Simulation and lint stand-in for the ECP5 configuration-clock primitive (never synthesized:
// Yosys maps the real USRMCLK from its cell library). Its output is a dedicated pin, not a port:
// the testbench takes the flash's SCK from USRMCLKI (fpga/sim/tb_ulx3s.sv).
/* verilator lint_off UNUSEDSIGNAL */
module USRMCLK (
    input logic USRMCLKI,
    input logic USRMCLKTS
);
endmodule
/* verilator lint_on UNUSEDSIGNAL */
