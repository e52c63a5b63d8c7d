// Synthesis only: the ECP5 global-network buffer as an empty black box, so that the slang
// frontend (read_slang, fpga/fpga.mk) can elaborate ulx3s_top's instance; synth_ecp5 replaces
// it by the library's black box and nextpnr routes its output on a global network.
// Simulation uses fpga/sim/DCCA.sv instead.
(* blackbox *)
module DCCA (
    input CLKI, input CE, output CLKO
);
endmodule
