// L1 data cache: direct mapped, write-back, write-allocate, 64-byte lines, combinational hit
// path. Loads, stores, LR/SC and AMOs complete in the cycle they hit (the AMO's read-modify-
// write happens in the line); a miss writes the victim back if dirty, refills, and the core's
// unchanged request then hits. `flush` writes every dirty line back (fence.i) and raises
// `flush_done` until it drops.
module l1d #(
    parameter int LINES = 256
) (
    input  logic         clk,
    input  logic         rst,
    input  logic         req,
    input  logic [2:0]   op,         // 0 load, 1 store, 2 LR, 3 SC, 4 AMO
    input  logic [63:0]  addr,       // global physical address, naturally aligned
    input  logic [1:0]   size,
    input  logic [63:0]  wdata,
    input  logic [4:0]   amo,
    output logic         done,
    output logic [63:0]  rdata,      // load/AMO old value right-aligned; SC: 0 success, 1 failure
    input  logic         flush,
    output logic         flush_done,
    output logic         mreq_valid,
    input  logic         mreq_ready,
    output logic         mreq_we,
    output logic [63:0]  mreq_addr,
    output logic [511:0] mreq_wdata,
    input  logic         mresp_valid,
    input  logic [511:0] mresp_data,
    output logic         ev_miss
);
  localparam int IW = $clog2(LINES);
  localparam int TW = 64 - 6 - IW;
  typedef enum logic [1:0] {IDLE, WB, READ, WAIT} state_e;

  logic [LINES-1:0] valid, dirty;
  logic [TW-1:0]    tags [LINES];
  logic [511:0]     data [LINES];
  state_e           state;
  logic [IW-1:0]    idx, midx, fidx;
  logic [TW-1:0]    tag;
  logic [63:6]      miss_addr;
  logic             resv_valid, fl_wb, fl_end;
  logic [57:0]      resv_line;

  assign idx = addr[6 +: IW];
  assign tag = addr[63 -: TW];
  assign midx = miss_addr[6 +: IW];

  // ---------------------------------------------------------------- hit path
  logic        hit, sc_fail, write;
  logic [63:0] old, word, mask, newv;
  logic [511:0] newline;
  always_comb begin
    logic [63:0] a, b;
    logic [5:0]  sh;
    hit = valid[idx] && tags[idx] == tag && state == IDLE && !flush;
    sh = {addr[2:0], 3'd0};
    word = 64'(data[idx] >> {addr[5:3], 6'd0});
    mask = (size == 2'd3) ? '1 : ((64'd1 << (8 << size)) - 64'd1);
    old = (word >> sh) & mask;
    a = old;
    b = wdata & mask;
    if (size == 2'd2) begin a = {{32{old[31]}}, old[31:0]}; b = {{32{b[31]}}, b[31:0]}; end
    case (amo)
      5'b00000: newv = a + b;
      5'b00100: newv = a ^ b;
      5'b01100: newv = a & b;
      5'b01000: newv = a | b;
      5'b10000: newv = ($signed(a) < $signed(b)) ? a : b;
      5'b10100: newv = ($signed(a) < $signed(b)) ? b : a;
      5'b11000: newv = (a < b) ? a : b;
      5'b11100: newv = (a < b) ? b : a;
      default:  newv = b;  // swap, and plain stores
    endcase
    if (op == 3'd1 || op == 3'd3) newv = wdata;
    sc_fail = (op == 3'd3) && !(resv_valid && resv_line == addr[63:6]);
    done = req && state == IDLE && !flush && (hit || sc_fail);
    write = done && !sc_fail && (op == 3'd1 || op == 3'd3 || op == 3'd4);
    rdata = (op == 3'd3) ? {63'd0, sc_fail} : old;
    newline = data[idx];
    for (int i = 0; i < 8; i++)
      if (i < (1 << size)) newline[{addr[5:0] + 6'(i), 3'd0} +: 8] = newv[i*8 +: 8];
  end

  // ---------------------------------------------------------------- miss and flush engine
  // the victim written back is the line at the miss index, or the flush walker's line
  logic [IW-1:0] wb_idx;
  assign wb_idx = fl_wb ? fidx : midx;
  assign mreq_valid = (state == WB) || (state == READ);
  assign mreq_we    = (state == WB);
  assign mreq_addr  = (state == WB) ? {tags[wb_idx], wb_idx, 6'd0} : {miss_addr, 6'd0};
  assign mreq_wdata = data[wb_idx];
  assign flush_done = flush && fl_end && state == IDLE;
  assign ev_miss = req && !flush && state == IDLE && !hit && !sc_fail;

  always_ff @(posedge clk) begin
    if (rst) begin
      valid <= '0; dirty <= '0; state <= IDLE; resv_valid <= 1'b0; fidx <= '0; fl_end <= 1'b0;
      fl_wb <= 1'b0;
      resv_line <= '0; miss_addr <= '0;
    end else begin
      if (write) begin
        data[idx]  <= newline;
        dirty[idx] <= 1'b1;
      end
      if (done && op == 3'd2) begin resv_valid <= 1'b1; resv_line <= addr[63:6]; end
      if (done && op == 3'd3) resv_valid <= 1'b0;
      case (state)
        IDLE: begin
          if (flush) begin
            if (!fl_end) begin
              if (valid[fidx] && dirty[fidx]) begin state <= WB; fl_wb <= 1'b1; end
              else begin
                fidx <= fidx + 1'b1;
                if (fidx == IW'(LINES - 1)) fl_end <= 1'b1;
              end
            end
          end else if (req && !hit && !sc_fail) begin
            miss_addr <= addr[63:6];
            fl_wb <= 1'b0;
            state <= (valid[idx] && dirty[idx]) ? WB : READ;
          end
        end
        WB: if (mreq_ready) begin
          dirty[wb_idx] <= 1'b0;
          if (fl_wb) begin
            state <= IDLE;
          end else begin
            valid[midx] <= 1'b0;  // the line is gone once written back
            state <= READ;
          end
        end
        READ: if (mreq_ready) state <= WAIT;
        WAIT: if (mresp_valid) begin
          data[midx]  <= mresp_data;
          tags[midx]  <= miss_addr[63 -: TW];
          valid[midx] <= 1'b1;
          dirty[midx] <= 1'b0;
          state <= IDLE;
        end
      endcase
      if (!flush) begin fidx <= '0; fl_end <= 1'b0; end
    end
  end
endmodule
