// One router of one network of the 2D mesh: five ports (local, north, south, east, west), a
// FIFO per input, dimension-order (X then Y) routing, round-robin arbitration per output.
// A message is one flit, or with WORMHOLE several whose top bit marks the last: an output then
// stays with the input that won it until that input's tail flit has passed. A hop costs one
// cycle when the way is free. Port order and the mesh shape are set by `mesh`.
module router #(
    parameter int W = 64,          // flit width; the destination node is in `dst`
    parameter bit WORMHOLE = 1'b0,
    parameter int X = 0, Y = 0,    // this router's position
    parameter int MX = 1,          // mesh width (nodes per row)
    parameter logic [4:0] PORTS = 5'b11111  // ports with a neighbour (bit 0: local)
) (
    input  logic           clk,
    input  logic           rst,
    /* verilator lint_off UNUSEDSIGNAL */  // ports at the edge of the mesh are not read
    input  logic [4:0]     in_valid,
    input  logic [5*W-1:0] in_msg,
    input  logic [5*4-1:0] in_dst,   // destination node of each input message
    /* verilator lint_on UNUSEDSIGNAL */
    output logic [4:0]     in_ready,
    output logic [4:0]     out_valid,
    output logic [5*W-1:0] out_msg,
    output logic [5*4-1:0] out_dst,
    input  logic [4:0]     out_ready
);
  localparam int L = 0, N = 1, S = 2, E = 3, Wp = 4;
  logic [4:0]     q_valid;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [4:0]     q_pop;
  /* verilator lint_on UNUSEDSIGNAL */
  // the head of each input FIFO, {destination, message}, read in place: split into a message
  // and a destination array, the model copied each ~600-bit head once more in every cycle
  logic [W+3:0]   q_head [5];
  logic [3:0]     q_dst [5];
  logic [2:0]     want  [5];     // output port each head wants
  // per output o: the input that won last, bits [3*o +: 3]. A vector, not an unpacked array:
  // in the Verilator model each write site of an unpacked array gets a delayed value and a
  // flag that are cleared and tested in every cycle (10 per router here).
  logic [14:0]    rr;

  for (genvar i = 0; i < 5; i++) begin : g_in
    // a port at the edge of the mesh has no buffer: nothing ever arrives there
    if (PORTS[i]) begin : g_q
      fifo #(.W(W + 4), .DEPTH(2)) q (
          .clk, .rst, .push(in_valid[i]), .din({in_dst[i*4 +: 4], in_msg[i*W +: W]}),
          .ready(in_ready[i]), .pop(q_pop[i]), .dout(q_head[i]), .valid(q_valid[i]));
    end else begin : g_none
      assign in_ready[i] = 1'b0;
      assign q_valid[i] = 1'b0;
      assign q_head[i] = '0;
    end
    assign q_dst[i] = q_head[i][W +: 4];
    // MX is a power of two: the coordinates are bit fields of the node number (a `%` and `/`
    // on 32 bits became two dividers per input in synthesis)
    always_comb begin
      logic [3:0] xb, yb;
      int dx, dy;
      xb = q_dst[i] & 4'(MX - 1);
      yb = q_dst[i] >> $clog2(MX);
      dx = 32'(xb);
      dy = 32'(yb);
      if (dx > X) want[i] = 3'(E);
      else if (dx < X) want[i] = 3'(Wp);
      else if (dy > Y) want[i] = 3'(S);
      else if (dy < Y) want[i] = 3'(N);
      else want[i] = 3'(L);
    end
  end

  // per output: the input that wins it (depends on state only), then the pops. An output at
  // the edge of the mesh has no neighbour (its out_ready is 0, nothing reads it): it never
  // wins, so the model does not arbitrate or copy a flit there (a flit is ~600 bits).
  //
  // Round robin as a rotation and a priority encoder over the requests' bit vector: as a loop
  // over the five candidates with an index computed mod 5 per step, this was about a fifth of
  // the networks' share of the model's time (rr_pick below is the same choice).
  logic [4:0] win_valid;
  logic [2:0] win [5];
  logic [24:0] reqs;  // input i wants output o: bit 5*o + i
  // the first requester in the order last+1, ..., last+5 (mod 5), {found, input}; 0 if none
  function automatic logic [3:0] rr_pick(input logic [4:0] rq, input logic [2:0] last);
    logic [3:0] rot;  // the fifth candidate is what is left
    logic [3:0] s;
    rot = 4'({rq, rq} >> (4'(last) + 4'd1));  // last <= 4: bit j is input last+1+j mod 5
    s = 4'(last) + 4'd1 + (rot[0] ? 4'd0 : rot[1] ? 4'd1 : rot[2] ? 4'd2 : rot[3] ? 4'd3 : 4'd4);
    rr_pick = (rq == '0) ? '0 : {1'b1, 3'((s >= 4'd5) ? s - 4'd5 : s)};
  endfunction
  always_comb begin
    for (int o = 0; o < 5; o++)
      for (int i = 0; i < 5; i++) reqs[5*o + i] = q_valid[i] && want[i] == 3'(o);
  end
  // a locked output's packet goes on from the input that won it last (rr); nothing else may
  // take the output, even while that input's next flit is still on its way
  logic [4:0] lock;
  always_comb begin
    for (int o = 0; o < 5; o++)
      if (!PORTS[o]) begin win_valid[o] = 1'b0; win[o] = '0; end
      else if (WORMHOLE && lock[o]) begin
        win[o] = rr[3*o +: 3];
        win_valid[o] = reqs[5*o + 32'(rr[3*o +: 3])];
      end else {win_valid[o], win[o]} = rr_pick(reqs[5*o +: 5], rr[3*o +: 3]);
  end
  assign out_valid = win_valid;
  for (genvar o = 0; o < 5; o++) begin : g_out
    if (PORTS == 5'b00001 && o == 0) begin : g_alone
      // a router alone (a one-node mesh) has one input: nothing to choose, nor zeros to fill
      // in (on an FPGA, a gate per message bit)
      assign out_msg[o*W +: W] = q_head[0][W-1:0];
      assign out_dst[o*4 +: 4] = q_dst[0];
    end else if (PORTS[o]) begin : g_link
      assign out_msg[o*W +: W] = win_valid[o] ? q_head[win[o]][W-1:0] : '0;
      assign out_dst[o*4 +: 4] = win_valid[o] ? q_dst[win[o]] : '0;
    end else begin : g_edge
      assign out_msg[o*W +: W] = '0;
      assign out_dst[o*4 +: 4] = '0;
    end
  end
  always_comb begin
    q_pop = '0;
    for (int o = 0; o < 5; o++)
      if (win_valid[o] && out_ready[o]) q_pop[win[o]] = 1'b1;
  end

  always_ff @(posedge clk) begin
    for (int o = 0; o < 5; o++) begin
      if (rst) rr[3*o +: 3] <= 3'd4;
      else
        if (win_valid[o] && out_ready[o]) rr[3*o +: 3] <= win[o];
    end
  end
  if (WORMHOLE) begin : g_lock
    always_ff @(posedge clk)
      for (int o = 0; o < 5; o++)
        if (rst) lock[o] <= 1'b0;
        else if (win_valid[o] && out_ready[o]) lock[o] <= !q_head[win[o]][W-1];
  end else begin : g_nolock
    assign lock = '0;
  end
endmodule
