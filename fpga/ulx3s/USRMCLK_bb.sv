// Synthesis only: the ECP5 primitive that drives the configuration clock pin (the SPI flash's
// SCK) from the fabric after configuration, as an empty black box so that the slang frontend
// (read_slang, fpga/fpga.mk) can elaborate ulx3s_top's instance; synth_ecp5 replaces it by the
// library's black box and nextpnr places it. Simulation uses fpga/sim/USRMCLK.sv instead.
(* blackbox *)
module USRMCLK (
    input USRMCLKI, input USRMCLKTS
);
endmodule
