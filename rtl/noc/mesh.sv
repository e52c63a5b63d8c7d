// One network of the 2D mesh: a router per node, neighbours joined, edges tied off. The mesh is
// MX nodes wide (1, 2, 2, 4, 4 for 1, 2, 4, 8, 16 nodes); node n sits at (n % MX, n / MX).
// The SoC instantiates four of these (requests, forwards, acks, responses), so that no message
// class can block another: protocol deadlock cannot happen by construction.
//
// SERIAL (the boards): a message whose W bits are an HW-bit header and data crosses the mesh as
// flits of about HW bits (flit_tx.sv): the routers' buffers and crossbars shrink by the ratio,
// for a cycle per data word on the way. The routers then switch wormhole, which with X-then-Y
// routing stays deadlock free. A one-node mesh has no links to save on and stays whole.
module mesh #(
    parameter int NODES = 1,
    parameter int W = 64,
    parameter bit SERIAL = 1'b0,
    parameter int HW = W,            // SERIAL: the header's bits; the rest is 64-bit data words
    localparam bit SER = SERIAL && NODES > 1 && W > HW,
    localparam int IXW = $clog2((W - HW) / 64),  // bits of a data word's index
    // the routers' flit width: a tail bit and the larger of a header and a word with its index
    localparam int RW = SER ? 1 + ((HW > 64 + IXW) ? HW : 64 + IXW) : W
) (
    input  logic               clk,
    input  logic               rst,
    input  logic [NODES-1:0]   in_valid,
    input  logic [NODES*W-1:0] in_msg,
    input  logic [NODES*4-1:0] in_dst,
    output logic [NODES-1:0]   in_ready,
    output logic [NODES-1:0]   out_valid,
    output logic [NODES*W-1:0] out_msg,
    input  logic [NODES-1:0]   out_ready
);
  localparam int MX = (NODES >= 8) ? 4 : (NODES >= 2) ? 2 : 1;
  localparam int MY = (NODES + MX - 1) / MX;

  // port p of router n: valid, flit, destination; inputs and outputs
  // (flattened: router n's port p is bit n*5+p, flit bits (n*5+p)*RW, destination (n*5+p)*4)
  logic [NODES*5-1:0]    iv, ordy;
  /* verilator lint_off UNUSEDSIGNAL */  // at the edges of the mesh
  logic [NODES*5-1:0]    ir, ov;
  /* verilator lint_on UNUSEDSIGNAL */
  logic [NODES*5*RW-1:0] im;
  logic [NODES*5*4-1:0]  idst;
  /* verilator lint_off UNUSEDSIGNAL */  // outputs towards the edge of the mesh go nowhere
  logic [NODES*5*RW-1:0] om;
  logic [NODES*5*4-1:0]  odst;
  /* verilator lint_on UNUSEDSIGNAL */

  for (genvar n = 0; n < NODES; n++) begin : g_r
    localparam int X = n % MX, Y = n / MX;
    // the router on the other side of each port, or -1 at an edge
    localparam int NB_N = (Y > 0) ? n - MX : -1;
    localparam int NB_S = (Y < MY - 1 && n + MX < NODES) ? n + MX : -1;
    localparam int NB_E = (X < MX - 1 && n + 1 < NODES) ? n + 1 : -1;
    localparam int NB_W = (X > 0) ? n - 1 : -1;

    router #(.W(RW), .WORMHOLE(SER), .X(X), .Y(Y), .MX(MX),
             .PORTS({NB_W >= 0, NB_E >= 0, NB_S >= 0, NB_N >= 0, 1'b1})) r (
        .clk, .rst, .in_valid(iv[n*5 +: 5]), .in_msg(im[n*5*RW +: 5*RW]), .in_dst(idst[n*20 +: 20]),
        .in_ready(ir[n*5 +: 5]), .out_valid(ov[n*5 +: 5]), .out_msg(om[n*5*RW +: 5*RW]),
        .out_dst(odst[n*20 +: 20]), .out_ready(ordy[n*5 +: 5]));

    // local port
    if (SER) begin : g_serial
      flit_tx #(.HW(HW), .DW(W - HW), .F(RW)) tx (
          .clk, .rst, .in_valid(in_valid[n]), .in_msg(in_msg[n*W +: W]), .in_dst(in_dst[n*4 +: 4]),
          .in_ready(in_ready[n]), .f_valid(iv[n*5]), .f_flit(im[(n*5)*RW +: RW]),
          .f_dst(idst[n*20 +: 4]), .f_ready(ir[n*5]));
      flit_rx #(.HW(HW), .DW(W - HW), .F(RW)) rx (
          .clk, .rst, .f_valid(ov[n*5]), .f_flit(om[(n*5)*RW +: RW]), .f_ready(ordy[n*5]),
          .out_valid(out_valid[n]), .out_msg(out_msg[n*W +: W]), .out_ready(out_ready[n]));
    end else begin : g_whole
      assign iv[n*5+0] = in_valid[n];
      assign im[(n*5)*RW +: RW] = in_msg[n*W +: W];
      assign idst[n*20+0 +: 4] = in_dst[n*4 +: 4];
      assign in_ready[n] = ir[n*5+0];
      assign out_valid[n] = ov[n*5+0];
      assign out_msg[n*W +: W] = om[(n*5)*RW +: RW];
      assign ordy[n*5+0] = out_ready[n];
    end

    // mesh ports 1..4 (N, S, E, W): my input p is the neighbour's output on the opposite side
    for (genvar p = 1; p < 5; p++) begin : g_port
      localparam int NB = (p == 1) ? NB_N : (p == 2) ? NB_S : (p == 3) ? NB_E : NB_W;
      localparam int OPP = (p == 1) ? 2 : (p == 2) ? 1 : (p == 3) ? 4 : 3;
      if (NB >= 0) begin : g_link
        assign iv[n*5+p] = ov[NB*5+OPP];
        assign im[(n*5+p)*RW +: RW] = om[(NB*5+OPP)*RW +: RW];
        assign idst[(n*5+p)*4 +: 4] = odst[(NB*5+OPP)*4 +: 4];
        assign ordy[n*5+p] = ir[NB*5+OPP];
      end else begin : g_edge
        assign iv[n*5+p] = 1'b0;
        assign im[(n*5+p)*RW +: RW] = '0;
        assign idst[(n*5+p)*4 +: 4] = '0;
        assign ordy[n*5+p] = 1'b0;
      end
    end
  end
endmodule
