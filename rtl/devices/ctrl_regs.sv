// Coherence-controller registers of a node (offsets in regs/hive_regs.py). Identity registers
// are read-only; writing one, or a bad value, is a bus error. Harts of other nodes of the cell
// reach this block too (`remote`); their writes of the registers hive_regs.py marks local
// (CTRL_LOCAL_WRITES: CELL_MASK, the remap target, the firewall's) are a bus error.
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
    input  logic        remote,          // the access comes from another node
    input  logic [11:3] addr,   // registers are 64-bit; the byte offset is ignored
    input  logic [63:0] wdata,
    output logic [63:0] rdata,
    output logic        err,
    output logic [63:0] remap_target,
    output logic [63:0] cell_mask,
    output logic [31:0] timeout,
    output logic        lost_clear,      // LOST_CLEAR written: lost_line is usable again
    output coh_pkg::line_t lost_line,
    input  logic        lost_event,      // the home marked a line lost
    input  logic [7:0]  wb_lost_events,  // writebacks lost this cycle (one bit per cache)
    output logic        irq,             // some CTRL_IRQ cause is pending
    // firewall and cutoff
    output logic [63:0] fw_first,        // FW_ADDR
    output logic [31:0] fw_pages,        // FW_PAGES
    output logic        fw_fill,         // FW_VEC written: fill with wdata
    input  logic [63:0] fw_vec,          // the vector of page FW_ADDR
    input  logic        fw_busy,         // a fill or its revocation sweep is running
    input  logic        fw_deny,         // the home refused an ownership request or writeback
    input  logic        fw_deny_wb,      // ... and it was a writeback
    output logic [63:0] fw_denied,       // FW_DENIED (also for the harness statistics)
    output logic        cutoff,
    input  logic [63:0] dir_requests,    // the home's counters
    input  logic [63:0] dir_nacks,
    output logic [1:0]  trace            // TRACE: bit 0 its value, bit 1 written since reset
);
  localparam logic [63:0] MY_BASE = hive_pkg::GLOBAL_BASE + 64'(NODE_ID) * hive_pkg::GLOBAL_SIZE;
  localparam logic [63:0] PAGES = 64'(NODE_MEM) / hive_pkg::PAGE_BYTES;
  logic        fill_ok;   // FW_ADDR and FW_PAGES name pages of this node
  assign fill_ok = fw_first >= MY_BASE && fw_pages != 0 &&
                   (fw_first - MY_BASE) / hive_pkg::PAGE_BYTES + 64'(fw_pages) <= PAGES;
  assign fw_fill = req && we && !err && 64'({addr, 3'd0}) == hive_pkg::CTRL_FW_VEC;
  logic [63:0] lost_count, wb_lost, irq_bits;
  assign irq = irq_bits != '0;
  // LOST_CLEAR takes a line of this node's memory only: the home compares a line's map bits,
  // and a wild value passed on would clear the line it aliases
  logic clear_ok;
  assign clear_ok = wdata >= MY_BASE && wdata - MY_BASE < 64'(NODE_MEM);
  assign lost_clear = req && we && !err && 64'({addr, 3'd0}) == hive_pkg::CTRL_LOST_CLEAR;
  assign lost_line = wdata[coh_pkg::LINE_BITS+5:6];
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
      hive_pkg::CTRL_TIMEOUT:      begin rdata = 64'(timeout); err = we && wdata == '0; end
      hive_pkg::CTRL_LOST_CLEAR:   err = !we || !clear_ok;
      hive_pkg::CTRL_LOST_COUNT:   begin rdata = lost_count; err = we; end
      hive_pkg::CTRL_WB_LOST:      begin rdata = wb_lost; err = we; end
      hive_pkg::CTRL_IRQ:          rdata = irq_bits;
      hive_pkg::CTRL_FW_ADDR:      rdata = fw_first;
      hive_pkg::CTRL_FW_PAGES:     begin rdata = 64'(fw_pages); err = we && wdata == '0; end
      hive_pkg::CTRL_FW_VEC:       begin rdata = fw_vec; err = we && (fw_busy || !fill_ok); end
      hive_pkg::CTRL_FW_STATUS:    begin rdata = 64'(fw_busy); err = we; end
      hive_pkg::CTRL_FW_DENIED:    begin rdata = fw_denied; err = we; end
      hive_pkg::CTRL_CUTOFF:       rdata = 64'(cutoff);
      hive_pkg::CTRL_TRACE:        rdata = 64'(trace[0]);
      hive_pkg::CTRL_DIR_REQUESTS: begin rdata = dir_requests; err = we; end
      hive_pkg::CTRL_DIR_NACKS:    begin rdata = dir_nacks; err = we; end
      default: err = 1'b1;
    endcase
    if (we && remote && addr[11:9] == '0 && hive_pkg::CTRL_LOCAL_WRITES[addr[8:3]]) err = 1'b1;
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      remap_target <= 64'(NODE_ID);
      cell_mask <= 64'd1 << NODE_ID;
      timeout <= 32'(hive_pkg::TIMEOUT_DEFAULT);
      lost_count <= '0; wb_lost <= '0; irq_bits <= '0;
      fw_first <= MY_BASE; fw_pages <= 32'd1; fw_denied <= '0; cutoff <= 1'b0; trace <= '0;
    end else begin
      lost_count <= lost_count + 64'(lost_event);
      wb_lost <= wb_lost + 64'($countones(wb_lost_events));
      fw_denied <= fw_denied + 64'(fw_deny);
      if (wb_lost_events != '0 || fw_deny_wb)
        irq_bits <= irq_bits | (wb_lost_events != '0 ? hive_pkg::IRQ_WB_LOST : '0) |
                    (fw_deny_wb ? hive_pkg::IRQ_FW_WB : '0);
      if (req && we && !err) begin
      if (64'({addr, 3'd0}) == hive_pkg::CTRL_CELL_MASK) cell_mask <= wdata;
      if (64'({addr, 3'd0}) == hive_pkg::CTRL_REMAP_TARGET) remap_target <= wdata;
      if (64'({addr, 3'd0}) == hive_pkg::CTRL_TIMEOUT) timeout <= wdata[31:0];
      if (64'({addr, 3'd0}) == hive_pkg::CTRL_IRQ) irq_bits <= irq_bits & ~wdata;
      if (64'({addr, 3'd0}) == hive_pkg::CTRL_FW_ADDR) fw_first <= wdata;
      if (64'({addr, 3'd0}) == hive_pkg::CTRL_FW_PAGES) fw_pages <= wdata[31:0];
      if (64'({addr, 3'd0}) == hive_pkg::CTRL_CUTOFF) cutoff <= wdata[0];
      if (64'({addr, 3'd0}) == hive_pkg::CTRL_TRACE) trace <= {1'b1, wdata[0]};
      end
    end
  end
endmodule
