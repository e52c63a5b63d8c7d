// Board memory arbiter: the memory ports of NODES nodes (hive_soc's mem_req_*/mem_resp_*) and
// the host loader share one board memory (SDRAM controller or block RAM) that serves one line at
// a time.
//
// Layout: node n owns the slice [n*SLICE, n*SLICE + NODE_MEM) of the board memory; a node's
// request carries an offset inside its node memory, taken modulo NODE_MEM (a power of two), so
// a node can never reach another node's slice. The loader (port NODES) addresses the board
// memory directly (byte address, line aligned).
// Order: a token visits the ports in turn, one port per cycle; the port holding it is ready
// when the memory is. `ready` depends only on registers and the memory's ready, never on any
// port's valid: the nodes' home controllers raise valid only when they see ready (their valid
// depends on ready), so a grant computed from the valids would close a combinational loop.
// A request waits at most P cycles for the token. The memory answers reads in order and one
// at a time, so the owner of the outstanding read is remembered and gets the response. Writes
// are posted.
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
  logic [P-1:0]  valid;
  logic [PW-1:0] last, sel, owner;  // last: the token
  logic          any;

  assign valid = {l_valid, n_valid};

  // the token: port `sel` may hand a request to the memory this cycle
  assign sel = last;
  assign any = valid[sel];

  always_comb begin
    longint off;
    logic [NW-1:0] ns;
    off = '0;
    ns = NW'(sel);
    m_valid = any;
    n_ready = '0;
    l_ready = 1'b0;
    if (int'(sel) == NODES) begin
      m_we    = l_we;
      m_line  = LINE_AW'(l_addr >> 6);
      m_wdata = l_wdata;
      m_wstrb = '1;
      l_ready = m_ready;
    end else begin
      off     = longint'(n_addr[ns*32 +: 32]) & (NODE_MEM - 64'd1);
      m_we    = n_we[ns];
      m_line  = LINE_AW'(((longint'(ns) << SLICE_SHIFT) | off) >> 6);
      m_wdata = n_wdata[ns*512 +: 512];
      m_wstrb = n_wstrb[ns*64 +: 64];
      n_ready[ns] = m_ready;
    end
    n_resp_valid = '0;
    l_resp_valid = 1'b0;
    if (int'(owner) == NODES) l_resp_valid = m_resp_valid;
    else n_resp_valid[NW'(owner)] = m_resp_valid;
    resp_rdata = m_resp_rdata;
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      last <= '0;
      owner <= '0;
    end else begin
      last <= (int'(last) == P - 1) ? '0 : last + 1'b1;
      if (any && m_ready && !m_we) owner <= sel;
    end
  end
endmodule
