// SDR SDRAM controller for the board memory (ULX3S: 32 MB, 16-bit, 4 banks x 8192 rows x 512
// columns; IS42S16160 / AS4C16M16 class parts). One 64-byte line per request, one request at a
// time, every access opens its row and closes it again (no open-page policy: simple, and the
// latency is the same for every line). Burst length 1 in the mode register; the controller
// issues one READ or WRITE per cycle with consecutive columns, so a line is 32 column commands
// in 32 cycles. Auto refresh every REFI_NS (8192 rows per 64 ms), served between lines.
//
// Request port (the board memory port, docs/fpga.md): `req_valid`/`req_ready` handshake, a line
// address, write data with byte enables (a write is posted, no response), and for a read one
// `resp_valid` pulse with the whole line. Byte i of the line is bits [8i+:8]; the 16-bit word i
// of the line (bytes 2i, 2i+1) sits at column (line*32 + i) of the row.
//
// Clocking: the SDRAM clock is the controller clock shifted by 180 degrees (the board top makes
// it), so commands and write data launched at a rising edge of `clk` are sampled by the SDRAM
// half a cycle later. Read data of a READ launched at edge k is valid around edge k+CL and is
// taken into an input register there; the line buffer takes it one cycle later.
module sdram_ctrl #(
    parameter int CLK_HZ    = 25_000_000,
    parameter int CL        = 2,       // CAS latency written to the mode register (2 or 3)
    parameter int ROW_BITS  = 13,
    parameter int COL_BITS  = 9,
    parameter int BANK_BITS = 2,
    parameter int T_RP_NS   = 20,      // precharge to activate
    parameter int T_RCD_NS  = 20,      // activate to read/write
    parameter int T_RFC_NS  = 70,      // refresh to next command (tRC)
    parameter int T_WR_CYC  = 2,       // last write data to precharge
    parameter int T_MRD_CYC = 2,       // mode register set to next command
    parameter int REFI_NS   = 7500,    // refresh interval (datasheet: 64 ms / 8192 = 7.8 us)
    parameter int INIT_US   = 200,     // NOPs with CKE high after power-up
    localparam int WORDS    = 32,      // 16-bit words per 64-byte line
    localparam int ADDR_W   = ROW_BITS + COL_BITS + BANK_BITS - 5  // line address bits
) (
    input  logic                 clk,
    input  logic                 rst,
    output logic                 init_done,
    // request port
    input  logic                 req_valid,
    output logic                 req_ready,
    input  logic                 req_we,
    input  logic [ADDR_W-1:0]    req_line,     // line number inside the SDRAM
    input  logic [511:0]         req_wdata,
    input  logic [63:0]          req_wstrb,
    output logic                 resp_valid,
    output logic [511:0]         resp_rdata,
    // SDRAM pins (the board top owns the tristate of the data bus)
    output logic                 sdram_cke,
    output logic                 sdram_csn,
    output logic                 sdram_rasn,
    output logic                 sdram_casn,
    output logic                 sdram_wen,
    output logic [ROW_BITS-1:0]  sdram_a,
    output logic [BANK_BITS-1:0] sdram_ba,
    output logic [1:0]           sdram_dqm,
    output logic [15:0]          sdram_dq_o,
    output logic                 sdram_dq_oe,
    input  logic [15:0]          sdram_dq_i
);
  // ------------------------------------------------------------------ timing in cycles
  function automatic int cyc(input longint ns);
    longint c;
    c = (ns * longint'(CLK_HZ) + 64'd999_999_999) / 64'd1_000_000_000;
    cyc = (c < 1) ? 1 : int'(c);
  endfunction
  localparam int C_RP   = cyc(longint'(T_RP_NS));
  localparam int C_RCD  = cyc(longint'(T_RCD_NS));
  localparam int C_RFC  = cyc(longint'(T_RFC_NS));
  // the refresh interval is a bound from above, so it rounds down (cyc() rounds the minimum
  // times up): at 5 MHz, rounded up, a refresh that waited for a whole line came 79 cycles
  // after the last, past the 78 (15.6 us) the SDRAM model allows
  localparam int C_REFI = int'(longint'(REFI_NS) * longint'(CLK_HZ) / 64'd1_000_000_000);
  localparam int C_INIT = cyc(longint'(INIT_US) * 1000);
  localparam int INIT_REFRESHES = 8;
  // (tRAS: the 32 column commands between ACTIVE and PRECHARGE outlast it below 700 MHz)
  localparam int C_AFTER_WR = T_WR_CYC > 1 ? T_WR_CYC : 1;
  localparam int RD_LAT = CL + 1;  // READ at edge k: word in the line buffer at edge k+CL+1

  // SDRAM commands {csn, rasn, casn, wen}
  localparam logic [3:0] CMD_NOP = 4'b0111, CMD_ACT = 4'b0011, CMD_RD = 4'b0101,
                         CMD_WR = 4'b0100, CMD_PRE = 4'b0010, CMD_REF = 4'b0001,
                         CMD_MRS = 4'b0000;

  typedef enum logic [3:0] {
    S_INIT_WAIT, S_INIT_PRE, S_INIT_REF, S_INIT_MRS, S_IDLE, S_REFRESH, S_ACT, S_WRITE,
    S_READ, S_READ_DRAIN, S_PRECHARGE, S_WAIT
  } state_e;

  state_e          state, after_wait;
  logic [3:0]      cmd;
  logic [31:0]     wait_cnt;
  logic [15:0]     refi_cnt;
  logic            ref_due;
  logic [3:0]      init_refs;
  logic [4:0]      col_i;            // word index of the next column command
  logic [RD_LAT-1:0] rd_pipe;        // a READ was issued 1..RD_LAT cycles ago
  logic [15:0]     dq_q;             // input register of the data bus
  logic            we_q;
  logic [ADDR_W-1:0] line_q;
  // write data, then read data: a shift register by 16-bit words (word 0 at the bottom goes
  // out first; a read word enters at the top, so after 32 words word 0 is at the bottom), not an
  // array indexed by the word number, whose 32-way read and write selects cost thousands of LUTs
  logic [511:0]    buf_q;
  logic [63:0]     strb_q;
  logic            buf_shift;
  logic [ROW_BITS-1:0]  row;
  logic [BANK_BITS-1:0] bank;
  logic [COL_BITS-1:0]  col;

  assign {row, bank} = line_q[ADDR_W-1 -: ROW_BITS + BANK_BITS];
  assign col = {line_q[COL_BITS-6:0], col_i};
  assign {sdram_csn, sdram_rasn, sdram_casn, sdram_wen} = cmd;
  assign sdram_cke = 1'b1;
  assign req_ready = (state == S_IDLE) && !ref_due;
  assign resp_rdata = buf_q;

  // mode register: burst length 1, sequential, CAS latency CL, single-location writes
  localparam logic [ROW_BITS-1:0] MODE = ROW_BITS'({3'b000, 1'b0, 2'b00, 3'(CL), 1'b0, 3'b000});

  // a read word arrives, or a write word goes out (what enters the top then is never used)
  assign buf_shift = rd_pipe[RD_LAT-1] || state == S_WRITE;

  always_ff @(posedge clk) begin
    dq_q <= sdram_dq_i;
    if (rst) begin
      state <= S_INIT_WAIT;
      init_done <= 1'b0;
      after_wait <= S_IDLE;
      cmd <= CMD_NOP;
      wait_cnt <= 32'(C_INIT);
      refi_cnt <= 16'(C_REFI);
      ref_due <= 1'b0;
      init_refs <= '0;
      col_i <= '0;
      rd_pipe <= '0;
      resp_valid <= 1'b0;
      sdram_dq_oe <= 1'b0;
      sdram_dqm <= 2'b11;
      sdram_a <= '0;
      sdram_ba <= '0;
      sdram_dq_o <= '0;
      we_q <= 1'b0;
      line_q <= '0;
      strb_q <= '0;
    end else begin
      cmd <= CMD_NOP;
      resp_valid <= 1'b0;
      sdram_dq_oe <= 1'b0;
      // the refresh timer runs from the end of initialisation on
      if (init_done) begin
        if (refi_cnt == 16'd0) begin refi_cnt <= 16'(C_REFI); ref_due <= 1'b1; end
        else refi_cnt <= refi_cnt - 16'd1;
      end
      // read data: the pipe says which cycle's bus holds the next word
      rd_pipe <= {rd_pipe[RD_LAT-2:0], 1'b0};
      if (buf_shift) buf_q <= {dq_q, buf_q[511:16]};

      case (state)
        S_INIT_WAIT: begin
          sdram_dqm <= 2'b11;
          if (wait_cnt == 0) state <= S_INIT_PRE;
          else wait_cnt <= wait_cnt - 1;
        end
        S_INIT_PRE: begin
          cmd <= CMD_PRE;
          sdram_a <= '0;
          sdram_a[10] <= 1'b1;           // all banks
          wait_cnt <= 32'(C_RP - 1);
          after_wait <= S_INIT_REF;
          state <= S_WAIT;
        end
        S_INIT_REF: begin
          if (init_refs == 4'(INIT_REFRESHES)) state <= S_INIT_MRS;
          else begin
            cmd <= CMD_REF;
            init_refs <= init_refs + 4'd1;
            wait_cnt <= 32'(C_RFC - 1);
            after_wait <= S_INIT_REF;
            state <= S_WAIT;
          end
        end
        S_INIT_MRS: begin
          cmd <= CMD_MRS;
          sdram_a <= MODE;
          sdram_ba <= '0;
          wait_cnt <= 32'(T_MRD_CYC - 1);
          after_wait <= S_IDLE;
          state <= S_WAIT;
        end
        S_IDLE: begin
          init_done <= 1'b1;
          sdram_dqm <= 2'b00;
          if (ref_due) begin
            cmd <= CMD_REF;
            ref_due <= 1'b0;
            wait_cnt <= 32'(C_RFC - 1);
            after_wait <= S_IDLE;
            state <= S_WAIT;
          end else if (req_valid) begin
            we_q <= req_we;
            line_q <= req_line;
            buf_q <= req_wdata;
            strb_q <= req_wstrb;
            state <= S_ACT;
          end
        end
        S_ACT: begin
          cmd <= CMD_ACT;
          sdram_a <= row;
          sdram_ba <= bank;
          col_i <= '0;
          wait_cnt <= 32'(C_RCD - 1);
          after_wait <= we_q ? S_WRITE : S_READ;
          state <= S_WAIT;
        end
        S_WRITE: begin
          cmd <= CMD_WR;
          sdram_a <= ROW_BITS'(col);     // A10 = 0: no auto precharge
          sdram_dq_o <= buf_q[15:0];
          sdram_dq_oe <= 1'b1;
          sdram_dqm <= ~strb_q[1:0];
          strb_q <= strb_q >> 2;
          col_i <= col_i + 5'd1;
          if (col_i == 5'(WORDS - 1)) begin
            wait_cnt <= 32'(C_AFTER_WR - 1);
            after_wait <= S_PRECHARGE;
            state <= S_WAIT;
          end
        end
        S_READ: begin
          cmd <= CMD_RD;
          sdram_a <= ROW_BITS'(col);
          sdram_dqm <= 2'b00;
          rd_pipe[0] <= 1'b1;
          col_i <= col_i + 5'd1;
          if (col_i == 5'(WORDS - 1)) state <= S_READ_DRAIN;
        end
        S_READ_DRAIN: begin
          // the last word lands in the buffer with this edge: answer, then close the row
          if (rd_pipe == '0) begin
            resp_valid <= 1'b1;
            state <= S_PRECHARGE;
          end
        end
        S_PRECHARGE: begin
          cmd <= CMD_PRE;
          sdram_a <= '0;
          sdram_a[10] <= 1'b1;
          wait_cnt <= 32'(C_RP - 1);
          after_wait <= S_IDLE;
          state <= S_WAIT;
        end
        S_WAIT: begin
          if (wait_cnt == 0) state <= after_wait;
          else wait_cnt <= wait_cnt - 1;
        end
        default: state <= S_IDLE;
      endcase
    end
  end
endmodule
