// Coherence-controller registers of a node (offsets in regs/hive_regs.py). Identity registers
// are read-only; writing one, or a bad value, is a bus error. Only harts of this node reach this block (the
// node's device decoder refuses others), which is what makes CELL_MASK local-only.
module ctrl_regs #(
    parameter int     NODE_ID = 0,
    parameter int     NODES = 1,
    parameter int     CORES_PER_NODE = 1,
    parameter longint NODE_MEM = 64'h100_0000
) (
    input  logic        clk,
    input  logic        rst,
    input  logic        req,
    input  logic        we,
    input  logic [11:3] addr,   // registers are 64-bit; the byte offset is ignored
    input  logic [63:0] wdata,
    output logic [63:0] rdata,
    output logic        err,
    output logic [63:0] remap_target,
    output logic [63:0] cell_mask
);
  always_comb begin
    err = 1'b0;
    rdata = '0;
    case (64'({addr, 3'd0}))
      hive_pkg::CTRL_NODE_ID:      begin rdata = 64'(NODE_ID); err = we; end
      hive_pkg::CTRL_NODES:        begin rdata = 64'(NODES); err = we; end
      hive_pkg::CTRL_CORES:        begin rdata = 64'(CORES_PER_NODE); err = we; end
      hive_pkg::CTRL_NODE_MEM:     begin rdata = 64'(NODE_MEM); err = we; end
      hive_pkg::CTRL_REMAP_TARGET: begin rdata = remap_target; err = we && wdata >= 64'(NODES); end
      hive_pkg::CTRL_CELL_MASK:    rdata = cell_mask;
      default: err = 1'b1;
    endcase
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      remap_target <= 64'(NODE_ID);
      cell_mask <= 64'd1 << NODE_ID;
    end else if (req && we && !err) begin
      if (64'({addr, 3'd0}) == hive_pkg::CTRL_CELL_MASK) cell_mask <= wdata;
      if (64'({addr, 3'd0}) == hive_pkg::CTRL_REMAP_TARGET) remap_target <= wdata;
    end
  end
endmodule
