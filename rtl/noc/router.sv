// One router of one network of the 2D mesh: five ports (local, north, south, east, west), a
// FIFO per input, dimension-order (X then Y) routing, round-robin arbitration per output.
// A message is one flit; a hop costs one cycle when the way is free. Port order and the mesh
// shape are set by `mesh`.
module router #(
    parameter int W = 64,          // message width; the destination node is in `dst`
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
  logic [W-1:0]   q_msg [5];
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
          .ready(in_ready[i]), .pop(q_pop[i]), .dout({q_dst[i], q_msg[i]}), .valid(q_valid[i]));
    end else begin : g_none
      assign in_ready[i] = 1'b0;
      assign q_valid[i] = 1'b0;
      assign q_dst[i] = '0;
      assign q_msg[i] = '0;
    end
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
  logic [4:0] win_valid;
  logic [2:0] win [5];
  always_comb begin
    for (int o = 0; o < 5; o++) begin
      win_valid[o] = 1'b0;
      win[o] = '0;
      if (PORTS[o])
        for (int k = 1; k <= 5; k++) begin
          logic [3:0] rk;  // rr + k is at most 9: (rr + k) % 5 without a divider
          logic [2:0] i;
          rk = 4'(rr[3*o +: 3]) + 4'(k);
          i = 3'((rk >= 4'd5) ? rk - 4'd5 : rk);
          if (!win_valid[o] && q_valid[i] && 32'(want[i]) == o) begin
            win_valid[o] = 1'b1;
            win[o] = i;
          end
        end
    end
  end
  assign out_valid = win_valid;
  for (genvar o = 0; o < 5; o++) begin : g_out
    if (PORTS[o]) begin : g_link
      assign out_msg[o*W +: W] = win_valid[o] ? q_msg[win[o]] : '0;
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
endmodule
