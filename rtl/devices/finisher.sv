// sifive,test0 finisher: a write reports pass, fail(code) or reset to whoever watches `valid`
// (the harness ends the run or the cell; a board lights an LED). Reads return zero.
module finisher (
    input  logic        req,
    input  logic        we,
    input  logic [31:0] wdata,
    output logic        valid,
    output logic [31:0] data
);
  assign valid = req && we;
  assign data  = wdata;
endmodule
