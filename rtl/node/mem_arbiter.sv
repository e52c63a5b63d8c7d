// Shares a node's memory port among its L1 caches: the lowest-numbered requester wins, at
// most one read is outstanding (responses return in order, so the owner is remembered), and
// writes are posted. Addresses are global; the port takes the offset inside the node.
module mem_arbiter #(
    parameter int N = 2
) (
    input  logic           clk,
    input  logic           rst,
    input  logic [N-1:0]   req_valid,
    input  logic [N-1:0]   req_we,
    input  logic [N*64-1:0]  req_addr,
    input  logic [N*512-1:0] req_wdata,
    output logic [N-1:0]   req_ready,
    output logic [N-1:0]   resp_valid,
    output logic [511:0]   resp_data,
    output logic           mem_valid,
    input  logic           mem_ready,
    output logic           mem_we,
    output logic [31:0]    mem_addr,
    output logic [511:0]   mem_wdata,
    output logic [63:0]    mem_wstrb,
    input  logic           mem_resp_valid,
    input  logic [511:0]   mem_resp_data
);
  logic                 pending;
  logic [$clog2(N)-1:0] owner, sel;
  logic                 any;

  always_comb begin
    any = 1'b0;
    sel = '0;
    for (int i = N - 1; i >= 0; i--)
      if (req_valid[i] && (req_we[i] || !pending)) begin any = 1'b1; sel = ($bits(sel))'(i); end
    mem_valid = any;
    mem_we    = req_we[sel];
    mem_addr  = 32'(req_addr[sel*64 +: 64] % hive_pkg::GLOBAL_SIZE);
    mem_wdata = req_wdata[sel*512 +: 512];
    mem_wstrb = '1;
    req_ready = '0;
    if (any) req_ready[sel] = mem_ready;
    resp_valid = '0;
    resp_valid[owner] = mem_resp_valid && pending;
    resp_data = mem_resp_data;
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      pending <= 1'b0;
      owner <= '0;
    end else begin
      if (mem_resp_valid) pending <= 1'b0;
      if (any && mem_ready && !mem_we) begin pending <= 1'b1; owner <= sel; end
    end
  end
endmodule
