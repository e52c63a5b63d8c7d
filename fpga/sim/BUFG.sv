// Simulation and lint stand-in for the Xilinx global clock buffer.
module BUFG (
    input  logic I,
    output logic O
);
  assign O = I;
endmodule
