// One SIPS receive queue (docs/sips.md): DEPTH messages of 64 bytes, each with the source node
// and hart that the sender's hardware stamped. The oldest message is visible at the head
// outputs; `pop` drops it. A push when full or a pop when empty changes nothing (the SIPS unit
// NACKs the first and answers a bus error to the second).
module sips_queue #(
    parameter int DEPTH = 4,
    localparam int PW = (DEPTH > 1) ? $clog2(DEPTH) : 1,   // bits of a slot number
    localparam int CW = $clog2(DEPTH + 1)                 // bits of a count
) (
    input  logic          clk,
    input  logic          rst,
    input  logic          push,
    input  logic [511:0]  push_data,
    input  logic [7:0]    push_node,   // source node and hart, as the sender stamped them
    input  logic [7:0]    push_hart,
    input  logic          pop,
    output logic          full,
    output logic [CW-1:0] count,
    output logic [511:0]  head_data,
    output logic [7:0]    head_node,
    output logic [7:0]    head_hart
);
  logic [511:0] data [DEPTH];
  logic [15:0]  src  [DEPTH];
  logic [PW-1:0] rd, wr;
  logic          do_push, do_pop;
  assign full = 32'(count) == DEPTH;
  assign do_push = push && !full;
  assign do_pop = pop && count != '0;
  assign head_data = data[rd];
  assign {head_node, head_hart} = src[rd];

  function automatic logic [PW-1:0] next(input logic [PW-1:0] p);
    next = (32'(p) == DEPTH - 1) ? '0 : p + 1'b1;
  endfunction

  always_ff @(posedge clk) begin
    if (do_push) begin
      data[wr] <= push_data;
      src[wr] <= {push_node, push_hart};
    end
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      rd <= '0; wr <= '0; count <= '0;
    end else begin
      if (do_push) wr <= next(wr);
      if (do_pop) rd <= next(rd);
      count <= count + CW'(do_push) - CW'(do_pop);
    end
  end
endmodule
