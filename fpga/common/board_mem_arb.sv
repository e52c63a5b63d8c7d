// Board memory arbiter: the memory ports of NODES nodes (hive_soc's mem_req_*/mem_resp_*) and
// the host loader share one board memory (SDRAM controller or block RAM) that serves one line at
// a time.
//
// Layout: node n owns the slice [n*SLICE, n*SLICE + NODE_MEM) of the board memory; a node's
// request carries an offset inside its node memory, taken modulo NODE_MEM (a power of two), so
// a node can never reach another node's slice. The loader (port NODES) addresses the board
// memory directly (byte address, line aligned).
// Ports: each port has a one-request buffer, and a port is ready exactly when its buffer is
// empty. So `ready` is a register: it depends neither on any port's valid (the nodes' home
// controllers raise valid only when they see ready, so a ready computed from the valids would
// close a combinational loop) nor on the memory, whose ready would otherwise travel across the
// chip into the homes' choice of message in the same cycle (the ULX3S's critical path at 15 MHz,
// docs/fpga.md change 26). A request costs one cycle in the buffer; a port takes a request every
// other cycle at most, far more often than the memory serves a line.
// Order: a token visits the ports in turn, one port per cycle; the port holding it hands its
// buffered request to the memory when the memory is ready, so a request waits at most P cycles
// for the token once the memory is free. The memory answers reads in order and one at a time,
// so the owner of the outstanding read is remembered and gets the response. Writes are posted.
module board_mem_arb #(
    parameter int     NODES    = 1,
    parameter longint NODE_MEM = 64'h100_0000,
    parameter longint SLICE    = 64'h100_0000,
    parameter int     LINE_AW  = 19,          // line address bits of the board memory
    localparam int    P        = NODES + 1
) (
    input  logic                 clk,
    input  logic                 rst,
    // nodes
    input  logic [NODES-1:0]     n_valid,
    output logic [NODES-1:0]     n_ready,
    input  logic [NODES-1:0]     n_we,
    input  logic [NODES*32-1:0]  n_addr,
    input  logic [NODES*512-1:0] n_wdata,
    input  logic [NODES*64-1:0]  n_wstrb,
    output logic [NODES-1:0]     n_resp_valid,
    // loader
    input  logic                 l_valid,
    output logic                 l_ready,
    input  logic                 l_we,
    input  logic [31:0]          l_addr,
    input  logic [511:0]         l_wdata,
    output logic                 l_resp_valid,
    // shared read data (valid for whoever's resp_valid is high)
    output logic [511:0]         resp_rdata,
    // the board memory
    output logic                 m_valid,
    input  logic                 m_ready,
    output logic                 m_we,
    output logic [LINE_AW-1:0]   m_line,
    output logic [511:0]         m_wdata,
    output logic [63:0]          m_wstrb,
    input  logic                 m_resp_valid,
    input  logic [511:0]         m_resp_rdata
);
  localparam int PW = $clog2(P);
  localparam int NW = NODES > 1 ? $clog2(NODES) : 1;
  localparam int SLICE_SHIFT = $clog2(SLICE);  // SLICE and NODE_MEM are powers of two

  typedef struct packed {
    logic               we;
    logic [LINE_AW-1:0] line;
    logic [511:0]       wdata;
    logic [63:0]        wstrb;
  } req_t;

  logic [P-1:0]  in_valid, full;
  req_t [P-1:0]  in_req, buf_q;  // packed: flops, not a memory with P write ports
  logic [PW-1:0] sel, owner;  // sel: the token
  logic          issue;

  // the ports' requests as board-memory requests: a node's offset into its own slice
  always_comb begin
    for (int n = 0; n < NODES; n++) begin
      in_valid[n]     = n_valid[n];
      in_req[n].we    = n_we[n];
      in_req[n].line  = LINE_AW'(((longint'(n) << SLICE_SHIFT) |
                                  (longint'(n_addr[n*32 +: 32]) & (NODE_MEM - 64'd1))) >> 6);
      in_req[n].wdata = n_wdata[n*512 +: 512];
      in_req[n].wstrb = n_wstrb[n*64 +: 64];
    end
    in_valid[NODES]     = l_valid;
    in_req[NODES].we    = l_we;
    in_req[NODES].line  = LINE_AW'(l_addr >> 6);
    in_req[NODES].wdata = l_wdata;
    in_req[NODES].wstrb = '1;
  end

  assign n_ready = ~full[NODES-1:0];
  assign l_ready = ~full[NODES];

  assign issue   = full[sel] && m_ready;
  assign m_valid = full[sel];
  assign m_we    = buf_q[sel].we;
  assign m_line  = buf_q[sel].line;
  assign m_wdata = buf_q[sel].wdata;
  assign m_wstrb = buf_q[sel].wstrb;

  always_comb begin
    n_resp_valid = '0;
    l_resp_valid = 1'b0;
    if (int'(owner) == NODES) l_resp_valid = m_resp_valid;
    else n_resp_valid[NW'(owner)] = m_resp_valid;
  end
  assign resp_rdata = m_resp_rdata;

  always_ff @(posedge clk) begin
    for (int p = 0; p < P; p++)
      if (!full[p]) buf_q[p] <= in_req[p];
    if (rst) begin
      full  <= '0;
      sel   <= '0;
      owner <= '0;
    end else begin
      for (int p = 0; p < P; p++)
        if (!full[p]) full[p] <= in_valid[p];
        else if (issue && int'(sel) == p) full[p] <= 1'b0;
      sel <= (int'(sel) == P - 1) ? '0 : sel + 1'b1;
      if (issue && !buf_q[sel].we) owner <= sel;
    end
  end
endmodule
