// Simulation and lint stand-in for the ECP5 global-network buffer (never synthesized: Yosys
// maps the real DCCA from its cell library): the input passes while CE is high.
module DCCA (
    input  logic CLKI,
    input  logic CE,
    output logic CLKO
);
  assign CLKO = CE && CLKI;
endmodule
