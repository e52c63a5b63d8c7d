// A network output that puts a message back together from the flits flit_tx.sv made: the
// header flit clears the data, each data flit fills its word, the tail completes the message.
// The message waits here until it is taken; no flit is accepted meanwhile (f_ready depends on
// state only).
module flit_rx #(
    parameter int HW = 86,
    parameter int DW = 512,
    parameter int F = 87,
    localparam int WORDS = DW / 64,
    localparam int IW = $clog2(WORDS)
) (
    input  logic             clk,
    input  logic             rst,
    input  logic             f_valid,
    /* verilator lint_off UNUSEDSIGNAL */  // a data flit's payload above its word and index
    input  logic [F-1:0]     f_flit,
    /* verilator lint_on UNUSEDSIGNAL */
    output logic             f_ready,
    output logic             out_valid,
    output logic [HW+DW-1:0] out_msg,
    input  logic             out_ready
);
  logic          full;   // a whole message waits
  logic          mid;    // the header is in, data flits follow
  logic [HW-1:0] hdr;
  logic [DW-1:0] data;
  logic          take, tail;
  logic [IW-1:0] k;
  assign f_ready = !full;
  assign take = f_valid && !full;
  assign tail = f_flit[F-1];
  assign k = f_flit[64 +: IW];
  assign out_valid = full;
  assign out_msg = {hdr, data};

  always_ff @(posedge clk) begin
    if (rst) begin
      full <= 1'b0; mid <= 1'b0;
    end else begin
      if (full && out_ready) full <= 1'b0;
      if (take) begin
        mid <= !tail;
        if (tail) full <= 1'b1;
      end
    end
  end
  // the payload registers: loads with an enable, a clear for the data words a header starts
  always_ff @(posedge clk) begin
    if (take && !mid) hdr <= f_flit[HW-1:0];
    for (int w = 0; w < WORDS; w++)
      if (take && !mid) data[w*64 +: 64] <= '0;
      else if (take && k == IW'(w)) data[w*64 +: 64] <= f_flit[63:0];
  end
endmodule
