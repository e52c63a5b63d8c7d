// Byte FIFO for the board's consoles and host link, written as a simple dual-port memory with a
// registered read so that it maps to block RAM (ECP5 DP16KD, 7-series RAMB18) when deep.
// `pop` when not `empty` delivers the byte in `rdata` with `rvalid` one cycle later.
module board_fifo #(
    parameter int DEPTH = 2048,   // a power of two
    parameter int W     = 8
) (
    input  logic         clk,
    input  logic         rst,
    input  logic         push,
    input  logic [W-1:0] wdata,
    output logic         full,
    input  logic         pop,
    output logic [W-1:0] rdata,
    output logic         rvalid,
    output logic         empty,
    output logic [$clog2(DEPTH):0] count   // bytes held
);
  localparam int AW = $clog2(DEPTH);
  logic [W-1:0] mem [DEPTH];
  logic [AW:0]  wp, rp;

  assign empty = (wp == rp);
  assign count = wp - rp;
  assign full  = (wp == {~rp[AW], rp[AW-1:0]});

  always_ff @(posedge clk) begin
    if (push && !full) mem[wp[AW-1:0]] <= wdata;
    if (pop && !empty) rdata <= mem[rp[AW-1:0]];
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      wp <= '0;
      rp <= '0;
      rvalid <= 1'b0;
    end else begin
      rvalid <= pop && !empty;
      if (push && !full) wp <= wp + 1'b1;
      if (pop && !empty) rp <= rp + 1'b1;
    end
  end
endmodule
