// One network of the 2D mesh: a router per node, neighbours joined, edges tied off. The mesh is
// MX nodes wide (1, 2, 2, 4, 4 for 1, 2, 4, 8, 16 nodes); node n sits at (n % MX, n / MX).
// The SoC instantiates three of these (requests, forwards, responses), so that no message
// class can block another: protocol deadlock cannot happen by construction.
module mesh #(
    parameter int NODES = 1,
    parameter int W = 64
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

  // port p of router n: valid, message, destination; inputs and outputs
  // (flattened: router n's port p is bit n*5+p, message bits (n*5+p)*W, destination (n*5+p)*4)
  logic [NODES*5-1:0]   iv, ordy;
  /* verilator lint_off UNUSEDSIGNAL */  // at the edges of the mesh
  logic [NODES*5-1:0]   ir, ov;
  /* verilator lint_on UNUSEDSIGNAL */
  logic [NODES*5*W-1:0] im;
  logic [NODES*5*4-1:0] idst;
  /* verilator lint_off UNUSEDSIGNAL */  // outputs towards the edge of the mesh go nowhere
  logic [NODES*5*W-1:0] om;
  logic [NODES*5*4-1:0] odst;
  /* verilator lint_on UNUSEDSIGNAL */

  for (genvar n = 0; n < NODES; n++) begin : g_r
    localparam int X = n % MX, Y = n / MX;
    // the router on the other side of each port, or -1 at an edge
    localparam int NB_N = (Y > 0) ? n - MX : -1;
    localparam int NB_S = (Y < MY - 1 && n + MX < NODES) ? n + MX : -1;
    localparam int NB_E = (X < MX - 1 && n + 1 < NODES) ? n + 1 : -1;
    localparam int NB_W = (X > 0) ? n - 1 : -1;

    router #(.W(W), .X(X), .Y(Y), .MX(MX),
             .PORTS({NB_W >= 0, NB_E >= 0, NB_S >= 0, NB_N >= 0, 1'b1})) r (
        .clk, .rst, .in_valid(iv[n*5 +: 5]), .in_msg(im[n*5*W +: 5*W]), .in_dst(idst[n*20 +: 20]),
        .in_ready(ir[n*5 +: 5]), .out_valid(ov[n*5 +: 5]), .out_msg(om[n*5*W +: 5*W]),
        .out_dst(odst[n*20 +: 20]), .out_ready(ordy[n*5 +: 5]));

    // local port
    assign iv[n*5+0] = in_valid[n];
    assign im[(n*5)*W +: W] = in_msg[n*W +: W];
    assign idst[n*20+0 +: 4] = in_dst[n*4 +: 4];
    assign in_ready[n] = ir[n*5+0];
    assign out_valid[n] = ov[n*5+0];
    assign out_msg[n*W +: W] = om[(n*5)*W +: W];
    assign ordy[n*5+0] = out_ready[n];

    // mesh ports: my output p feeds the neighbour's input on the opposite side
    if (NB_N >= 0) begin : g_n
      assign iv[n*5+1] = ov[NB_N*5+2]; assign im[(n*5+1)*W +: W] = om[(NB_N*5+2)*W +: W];
      assign idst[n*20+4 +: 4] = odst[NB_N*20+8 +: 4]; assign ordy[n*5+1] = ir[NB_N*5+2];
    end else begin : g_nn
      assign iv[n*5+1] = 1'b0; assign im[(n*5+1)*W +: W] = '0; assign idst[n*20+4 +: 4] = '0;
      assign ordy[n*5+1] = 1'b0;
    end
    if (NB_S >= 0) begin : g_s
      assign iv[n*5+2] = ov[NB_S*5+1]; assign im[(n*5+2)*W +: W] = om[(NB_S*5+1)*W +: W];
      assign idst[n*20+8 +: 4] = odst[NB_S*20+4 +: 4]; assign ordy[n*5+2] = ir[NB_S*5+1];
    end else begin : g_ns
      assign iv[n*5+2] = 1'b0; assign im[(n*5+2)*W +: W] = '0; assign idst[n*20+8 +: 4] = '0;
      assign ordy[n*5+2] = 1'b0;
    end
    if (NB_E >= 0) begin : g_e
      assign iv[n*5+3] = ov[NB_E*5+4]; assign im[(n*5+3)*W +: W] = om[(NB_E*5+4)*W +: W];
      assign idst[n*20+12 +: 4] = odst[NB_E*20+16 +: 4]; assign ordy[n*5+3] = ir[NB_E*5+4];
    end else begin : g_ne
      assign iv[n*5+3] = 1'b0; assign im[(n*5+3)*W +: W] = '0; assign idst[n*20+12 +: 4] = '0;
      assign ordy[n*5+3] = 1'b0;
    end
    if (NB_W >= 0) begin : g_w
      assign iv[n*5+4] = ov[NB_W*5+3]; assign im[(n*5+4)*W +: W] = om[(NB_W*5+3)*W +: W];
      assign idst[n*20+16 +: 4] = odst[NB_W*20+12 +: 4]; assign ordy[n*5+4] = ir[NB_W*5+3];
    end else begin : g_nw
      assign iv[n*5+4] = 1'b0; assign im[(n*5+4)*W +: W] = '0; assign idst[n*20+16 +: 4] = '0;
      assign ordy[n*5+4] = 1'b0;
    end
  end
endmodule
