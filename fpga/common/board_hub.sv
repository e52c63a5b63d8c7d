// Board hub: everything a board does over its one host UART (protocol: docs/fpga.md, "Host
// link"; its letters and lengths: regs/hive_regs.py LINK_*, in hive_pkg; host side:
// fpga/host/hive_fpga.py).
//
// Host -> board: plain bytes are console input for the selected node; DLE (0x10) starts a
// command: DLE DLE (a literal 0x10), n (select console node), R/G (hold/release the SoC's
// reset), E (elf mode), F (node-fail mask), B (ROM word), W (write a memory line), Q (read a
// memory line), S (status), P (identify). Every command but n and DLE DLE answers.
// Board -> host: console bytes of the nodes, DLE '0'+n before bytes of node n whenever the node
// changes, DLE DLE for a console 0x10, and the answers DLE a (done), DLE e (refused), DLE q +
// 64 bytes, DLE s + length + bytes, DLE p + 18 bytes, their payload bytes escaped like console
// bytes.
//
// The SoC is held in reset from power-on until the host says G: board memory is empty then and
// the loader fills it (W) and the ROM (B) first; W and B are refused while the SoC runs.
// A board with a boot image in its flash (board_spi_flash) has the image's command stream
// parsed first, as if the host sent it, but unanswered and without a console: UART bytes are
// dropped until it is over, G does not release, and the hub releases the SoC itself when the
// flash says the image's checksum matched (docs/fpga.md, "Flash boot").
// Console output waits in a FIFO per node (TXF bytes). The node's UART shows the FIFO's room in
// LSR.THRE (`con_tx_ready`: room for a byte from each of the node's harts, which may each have
// seen THRE before writing), so software that polls it loses nothing; a byte written to a full
// FIFO all the same is dropped and said so (`dropped`, status flag and LED).
module board_hub #(
    parameter int     NODES    = 1,
    parameter int     CORES    = 1,
    parameter int     CLK_HZ   = 25_000_000,
    parameter int     BAUD     = 1_000_000,
    parameter longint NODE_MEM = 64'h100_0000,
    parameter longint SLICE    = 64'h100_0000,
    parameter int     BOARD_ID = 0,       // hive_pkg::BOARD_*
    parameter int     TXF      = 2048,    // console FIFO bytes per node
    localparam int    HARTS    = NODES * CORES
) (
    input  logic                 clk,
    input  logic                 rst,
    input  logic                 rxd,
    output logic                 txd,
    // SoC control
    output logic                 soc_rst,
    output logic                 elf_mode,
    output logic [NODES-1:0]     fail_mask,
    output logic                 rom_we,
    output logic [8:0]           rom_addr,
    output logic [63:0]          rom_wdata,
    // loader's memory port (board_mem_arb)
    output logic                 ld_valid,
    input  logic                 ld_ready,
    output logic                 ld_we,
    output logic [31:0]          ld_addr,
    output logic [511:0]         ld_wdata,
    input  logic                 ld_resp_valid,
    input  logic [511:0]         ld_resp_rdata,
    input  logic                 mem_ready,      // board memory initialised
    // boot image stream (board_spi_flash; a board without one ties fl_state to FLASH_NO_IMAGE)
    input  logic                 fl_valid,
    input  logic [7:0]           fl_data,
    output logic                 fl_ready,
    input  logic [1:0]           fl_state,       // hive_pkg::FLASH_*
    // consoles
    input  logic [NODES-1:0]     con_tx_valid,
    input  logic [NODES*8-1:0]   con_tx_data,
    output logic [NODES-1:0]     con_tx_ready,
    output logic [NODES-1:0]     con_rx_valid,
    output logic [NODES*8-1:0]   con_rx_data,
    input  logic [NODES-1:0]     con_rx_ready,
    // finishers and counters
    input  logic                 mfin_valid,
    input  logic [31:0]          mfin_data,
    input  logic [NODES-1:0]     cfin_valid,
    input  logic [NODES*32-1:0]  cfin_data,
    input  logic [HARTS*64-1:0]  instret,
    output logic [1:0]           mfin_state,     // hive_pkg::LINK_FIN_*
    output logic [NODES*2-1:0]   cfin_state,
    output logic                 dropped         // a console byte was lost (sticky until S)
);
  localparam logic [7:0] DLE = hive_pkg::LINK_DLE;
  localparam int FB = hive_pkg::LINK_STATUS_FIN_BYTES;
  localparam int CNT = hive_pkg::LINK_STATUS_CFIN + FB * NODES;  // status byte of the counters
  localparam int SLEN = CNT + 8 + 8 * HARTS;  // status payload after its length
  localparam int PLEN = hive_pkg::LINK_ANS_IDENT_LEN;
  localparam int SHW = (SLEN + 1) * 8 > 512 ? (SLEN + 1) * 8 : 512;
  localparam int NW = NODES > 1 ? $clog2(NODES) : 1;

  // ------------------------------------------------------------------ UART and rx FIFO
  logic       rx_v, rx_ferr, tx_ready, tx_v;
  logic [7:0] rx_b, tx_b;
  board_uart_rx #(.CLK_HZ(CLK_HZ), .BAUD(BAUD)) urx (
      .clk, .rst, .rxd, .valid(rx_v), .data(rx_b), .frame_err(rx_ferr));
  board_uart_tx #(.CLK_HZ(CLK_HZ), .BAUD(BAUD)) utx (
      .clk, .rst, .valid(tx_v), .data(tx_b), .ready(tx_ready), .txd);

  logic       rxf_full, rxf_empty, rxf_pop, rxf_rvalid;
  logic [7:0] rxf_q;
  logic       from_flash;  // the parser's bytes are the flash's (until its stream is parsed)
  /* verilator lint_off PINCONNECTEMPTY */  // the 16-byte FIFOs' fill levels are not needed
  board_fifo #(.DEPTH(16)) rxf (
      .clk, .rst, .push(from_flash ? fl_valid : rx_v), .wdata(from_flash ? fl_data : rx_b),
      .full(rxf_full), .pop(rxf_pop), .rdata(rxf_q), .rvalid(rxf_rvalid), .empty(rxf_empty),
      .count());
  /* verilator lint_on PINCONNECTEMPTY */
  assign fl_ready = !rxf_full;

  // ------------------------------------------------------------------ console input
  logic          cin_push, cin_full, cin_empty, cin_pop, cin_rvalid, offer;
  logic [7:0]    cin_wdata, cin_q, offer_b;
  logic [NW-1:0] sel;
  /* verilator lint_off PINCONNECTEMPTY */
  board_fifo #(.DEPTH(16)) cinf (
      .clk, .rst, .push(cin_push), .wdata(cin_wdata), .full(cin_full), .pop(cin_pop),
      .rdata(cin_q), .rvalid(cin_rvalid), .empty(cin_empty), .count());
  /* verilator lint_on PINCONNECTEMPTY */
  assign cin_pop = !offer && !cin_rvalid && !cin_empty && !soc_rst;
  always_comb begin
    con_rx_valid = '0;
    con_rx_data = '0;
    for (int n = 0; n < NODES; n++) begin
      con_rx_valid[n] = offer && !soc_rst && int'(sel) == n;
      con_rx_data[n*8 +: 8] = offer_b;
    end
  end
  always_ff @(posedge clk) begin
    if (rst) offer <= 1'b0;
    else begin
      if (cin_rvalid) begin offer <= 1'b1; offer_b <= cin_q; end
      else if (offer && con_rx_ready[sel] && !soc_rst) offer <= 1'b0;
    end
  end

  // ------------------------------------------------------------------ console output FIFOs
  logic [NODES-1:0]   cout_empty, cout_full, cout_pop, cout_rvalid;
  logic [NODES*8-1:0] cout_q;
  logic               drop_now;
  logic [$clog2(TXF):0] cout_count [NODES];
  for (genvar n = 0; n < NODES; n++) begin : g_cout
    board_fifo #(.DEPTH(TXF)) f (
        .clk, .rst, .push(con_tx_valid[n]), .wdata(con_tx_data[n*8 +: 8]), .full(cout_full[n]),
        .pop(cout_pop[n]), .rdata(cout_q[n*8 +: 8]), .rvalid(cout_rvalid[n]), .empty(cout_empty[n]),
        .count(cout_count[n]));
    assign con_tx_ready[n] = int'(cout_count[n]) <= TXF - CORES;
  end
  assign drop_now = |(con_tx_valid & cout_full);

  // ------------------------------------------------------------------ replies and tx framing
  // One output byte register; a payload byte equal to DLE goes out twice.
  logic           out_v, out_dup;
  logic [7:0]     out_b;
  typedef enum logic [1:0] {R_NONE, R_DLE, R_LETTER, R_DATA} rep_e;
  rep_e           rep;
  logic           rep_start;           // the parser asks for a reply (letter, length, payload)
  logic [7:0]     rep_letter, rep_len;
  logic [SHW-1:0] rep_sh;              // payload, first byte lowest
  logic [NW-1:0]  cur;                 // node whose console bytes the host is receiving
  logic           cur_known, mark_pending, con_wait;
  logic [1:0]     mark_step;
  logic [NW-1:0]  next_node;
  logic           next_any, cur_nl;

  assign tx_v = out_v;
  assign tx_b = out_b;

  // the node to serve next: stay on the current one until its line ends or it runs dry
  always_comb begin
    logic [NW-1:0] p;
    next_any = 1'b0;
    next_node = cur;
    p = '0;
    if (!cout_empty[cur] && !(cur_nl && NODES > 1 && |(~cout_empty & ~(NODES'(1) << cur)))) begin
      next_any = 1'b1;
    end else begin
      for (int k = NODES; k >= 1; k--) begin
        p = NW'((int'(cur) + k) % NODES);
        if (!cout_empty[p]) begin next_any = 1'b1; next_node = p; end
      end
    end
  end

  always_comb begin
    cout_pop = '0;
    if (!out_v && rep == R_NONE && !rep_start && !con_wait && !mark_pending && next_any &&
        cur_known && next_node == cur)
      cout_pop[cur] = 1'b1;
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      out_v <= 1'b0; out_dup <= 1'b0; rep <= R_NONE; cur <= '0; cur_known <= 1'b0;
      mark_pending <= 1'b0; mark_step <= '0; con_wait <= 1'b0; cur_nl <= 1'b0;
    end else begin
      // the UART takes the byte (twice for an escaped DLE)
      if (out_v && tx_ready) begin
        if (out_dup) out_dup <= 1'b0;
        else out_v <= 1'b0;
      end
      if (!out_v) begin
        if (rep != R_NONE) begin
          out_v <= 1'b1;
          case (rep)
            R_DLE: begin out_b <= DLE; out_dup <= 1'b0; rep <= R_LETTER; end
            R_LETTER: begin
              out_b <= rep_letter; out_dup <= 1'b0;
              rep <= (rep_len != 0) ? R_DATA : R_NONE;
            end
            default: begin
              out_b <= rep_sh[7:0]; out_dup <= (rep_sh[7:0] == DLE);
              if (rep_len == 8'd1) rep <= R_NONE;
            end
          endcase
        end else if (con_wait) begin
          if (cout_rvalid[cur]) begin
            out_v <= 1'b1; out_b <= cout_q[cur*8 +: 8]; out_dup <= (cout_q[cur*8 +: 8] == DLE);
            cur_nl <= (cout_q[cur*8 +: 8] == 8'h0a);
            con_wait <= 1'b0;
          end
        end else if (rep_start) begin
          rep <= R_DLE;
        end else if (mark_pending) begin
          out_v <= 1'b1; out_dup <= 1'b0;
          if (mark_step == 2'd0) begin out_b <= DLE; mark_step <= 2'd1; end
          else begin
            out_b <= hive_pkg::LINK_NODE_MARK + 8'(cur);
            mark_step <= 2'd0;
            mark_pending <= 1'b0;
          end
        end else if (next_any) begin
          if (!cur_known || next_node != cur) begin
            cur <= next_node; cur_known <= 1'b1; mark_pending <= 1'b1; cur_nl <= 1'b0;
          end else con_wait <= 1'b1;  // popped this cycle
        end
      end
    end
  end

  // rep_sh and rep_len are written here and by the parser (when it starts a reply)
  logic           sh_step;
  logic           rep_load;
  logic [SHW-1:0] rep_load_sh;
  logic [7:0]     rep_load_len;
  always_comb begin
    sh_step = !out_v && rep == R_DATA;
  end
  always_ff @(posedge clk) begin
    if (rep_load) begin
      rep_sh <= rep_load_sh;
      rep_len <= rep_load_len;
    end else if (sh_step) begin
      rep_sh <= rep_sh >> 8;
      rep_len <= rep_len - 8'd1;
    end
  end

  // ------------------------------------------------------------------ command parser
  typedef enum logic [2:0] {P_NORMAL, P_CMD, P_ARGS, P_EXEC, P_MEMWAIT, P_REPLY} pstate_e;
  pstate_e     ps;
  logic        byte_v;          // rxf_q holds a byte for the parser this cycle
  logic [7:0]  cmd;
  logic [6:0]  n_addr, n_data;  // argument bytes still to come
  logic [31:0] arg_addr;
  logic [511:0] arg_data;
  logic        ld_pending_read;
  logic [63:0] cycles;
  logic [NODES*32-1:0] cfin_last;
  logic [31:0] mfin_last;
  logic        dropped_q;
  logic [SLEN*8-1:0] status;

  assign byte_v = rxf_rvalid;
  assign rxf_pop = !rxf_empty && !rxf_rvalid && (ps == P_NORMAL || ps == P_CMD || ps == P_ARGS);
  assign cin_push = byte_v && !from_flash &&
                    ((ps == P_NORMAL && rxf_q != DLE) || (ps == P_CMD && rxf_q == DLE));
  assign cin_wdata = rxf_q;

  assign ld_we = (cmd == hive_pkg::LINK_CMD_WRITE);
  assign ld_addr = arg_addr;
  assign ld_wdata = arg_data;
  assign rom_addr = arg_addr[24:16];
  assign rom_wdata = arg_data[511:448];
  assign dropped = dropped_q;

  // status payload, first byte lowest (regs/hive_regs.py: LINK_STATUS_*)
  always_comb begin
    status = '0;
    status[hive_pkg::LINK_STATUS_IN_RESET] = soc_rst;
    status[hive_pkg::LINK_STATUS_ELF_MODE] = elf_mode;
    status[hive_pkg::LINK_STATUS_DROPPED] = dropped_q;
    status[hive_pkg::LINK_STATUS_MEMORY_READY] = mem_ready;
    status[hive_pkg::LINK_STATUS_FLASH +: hive_pkg::LINK_STATUS_FLASH_BITS] = fl_state;
    status[hive_pkg::LINK_STATUS_FAIL_MASK * 8 +: 8] = 8'(fail_mask);
    status[hive_pkg::LINK_STATUS_MFIN * 8 +: 8] = 8'(mfin_state);
    status[(hive_pkg::LINK_STATUS_MFIN + 1) * 8 +: 32] = mfin_last;
    for (int n = 0; n < NODES; n++) begin
      status[(hive_pkg::LINK_STATUS_CFIN + FB * n) * 8 +: 8] = 8'(cfin_state[n*2 +: 2]);
      status[(hive_pkg::LINK_STATUS_CFIN + FB * n + 1) * 8 +: 32] = cfin_last[n*32 +: 32];
    end
    status[CNT * 8 +: 64] = cycles;
    for (int h = 0; h < HARTS; h++)
      status[(CNT + 8 + 8 * h) * 8 +: 64] = instret[h*64 +: 64];
  end

  function automatic logic [1:0] fin_code(input logic [15:0] d);
    case (d)
      16'(hive_pkg::FINISH_PASS):  fin_code = 2'(hive_pkg::LINK_FIN_PASS);
      16'(hive_pkg::FINISH_FAIL):  fin_code = 2'(hive_pkg::LINK_FIN_FAIL);
      16'(hive_pkg::FINISH_RESET): fin_code = 2'(hive_pkg::LINK_FIN_RESET);
      default:  fin_code = 2'(hive_pkg::LINK_FIN_NONE);
    endcase
  endfunction

  // the address and data bytes that follow a command letter (an unknown one has none)
  function automatic logic [13:0] args_of(input logic [7:0] c);
    args_of = '0;
    for (int i = 0; i < hive_pkg::LINK_COMMANDS; i++)
      if (hive_pkg::LINK_CMD_ARGS[i*24+16 +: 8] == c)
        args_of = {7'(hive_pkg::LINK_CMD_ARGS[i*24+8 +: 8]),
                   7'(hive_pkg::LINK_CMD_ARGS[i*24 +: 8])};
  endfunction

  logic [13:0] cmd_args;  // {address, data} bytes after the letter at the FIFO's head
  assign cmd_args = args_of(rxf_q);

  localparam logic [31:0] ID_SLICE = 32'(SLICE);
  localparam logic [31:0] ID_MEM = 32'(NODE_MEM);
  localparam logic [31:0] ID_CLK = 32'(CLK_HZ);
  localparam logic [7:0] ID_BOARD = 8'(BOARD_ID);
  localparam logic [7:0] ID_CORES = 8'(CORES);
  localparam logic [7:0] ID_NODES = 8'(NODES);
  localparam logic [7:0] ID_VERSION = 8'(hive_pkg::LINK_VERSION);
  localparam logic [15:0] ID_MAGIC = 16'(hive_pkg::LINK_IDENT_MAGIC);
  /* verilator lint_off WIDTHCONCAT */
  localparam logic [PLEN*8-1:0] IDENT = {
      ID_SLICE, ID_MEM, ID_CLK, ID_BOARD, ID_CORES, ID_NODES, ID_VERSION, ID_MAGIC};
  /* verilator lint_on WIDTHCONCAT */

  always_ff @(posedge clk) begin
    rom_we <= 1'b0;
    rep_load <= 1'b0;
    if (rst) begin
      ps <= P_NORMAL;
      soc_rst <= 1'b1;
      elf_mode <= 1'b0;
      fail_mask <= '0;
      sel <= '0;
      ld_valid <= 1'b0;
      ld_pending_read <= 1'b0;
      rep_start <= 1'b0;
      cycles <= '0;
      cfin_state <= {NODES{2'(hive_pkg::LINK_FIN_NONE)}};
      mfin_state <= 2'(hive_pkg::LINK_FIN_NONE);
      cfin_last <= '0;
      mfin_last <= '0;
      dropped_q <= 1'b0;
      cmd <= '0;
      from_flash <= 1'b1;
    end else begin
      if (!soc_rst) cycles <= cycles + 64'd1;
      if (drop_now) dropped_q <= 1'b1;
      for (int n = 0; n < NODES; n++)
        if (cfin_valid[n] && fin_code(cfin_data[n*32 +: 16]) != 2'(hive_pkg::LINK_FIN_NONE)) begin
          cfin_state[n*2 +: 2] <= fin_code(cfin_data[n*32 +: 16]);
          cfin_last[n*32 +: 32] <= cfin_data[n*32 +: 32];
        end
      if (mfin_valid && fin_code(mfin_data[15:0]) != 2'(hive_pkg::LINK_FIN_NONE)) begin
        mfin_state <= fin_code(mfin_data[15:0]);
        mfin_last <= mfin_data;
      end
      if (rep_start && rep == R_DLE) rep_start <= 1'b0;

      case (ps)
        P_NORMAL: if (byte_v && rxf_q == DLE) ps <= P_CMD;
        P_CMD: if (byte_v) begin
          cmd <= rxf_q;
          {n_addr, n_data} <= cmd_args;
          if (rxf_q == DLE) ps <= P_NORMAL;
          else ps <= cmd_args != '0 ? P_ARGS : P_EXEC;
        end
        P_ARGS: if (byte_v) begin
          if (n_addr != 0) begin
            arg_addr <= {rxf_q, arg_addr[31:8]};
            n_addr <= n_addr - 7'd1;
          end else begin
            arg_data <= {rxf_q, arg_data[511:8]};
            n_data <= n_data - 7'd1;
          end
          if (n_addr + n_data == 7'd1) ps <= P_EXEC;
        end
        P_EXEC: begin
          // the answer (if any) is prepared here; P_REPLY hands it to the tx side
          rep_load_len <= 8'd0;
          rep_load_sh <= '0;
          ps <= P_REPLY;
          rep_letter <= hive_pkg::LINK_ANS_DONE;
          case (cmd)
            hive_pkg::LINK_CMD_SELECT: begin
              if (int'(arg_data[511:504]) < NODES) sel <= NW'(arg_data[511:504]);
              ps <= P_NORMAL;
            end
            hive_pkg::LINK_CMD_RESET: soc_rst <= 1'b1;
            hive_pkg::LINK_CMD_GO: if (!from_flash) begin soc_rst <= 1'b0; cycles <= '0; end
            hive_pkg::LINK_CMD_ELF: elf_mode <= arg_data[504];
            hive_pkg::LINK_CMD_FAIL: fail_mask <= NODES'(arg_data[511:504]);
            hive_pkg::LINK_CMD_ROM: begin
              if (soc_rst) rom_we <= 1'b1;
              else rep_letter <= hive_pkg::LINK_ANS_REFUSED;
            end
            hive_pkg::LINK_CMD_WRITE, hive_pkg::LINK_CMD_READ: begin
              if (ld_we && !soc_rst) rep_letter <= hive_pkg::LINK_ANS_REFUSED;
              else begin ld_valid <= 1'b1; ps <= P_MEMWAIT; end
            end
            hive_pkg::LINK_CMD_STATUS: begin
              rep_letter <= hive_pkg::LINK_ANS_STATUS;
              rep_load_len <= 8'(SLEN + 1);
              rep_load_sh <= SHW'({status, 8'(SLEN)});
              dropped_q <= 1'b0;
            end
            hive_pkg::LINK_CMD_IDENT: begin
              rep_letter <= hive_pkg::LINK_ANS_IDENT;
              rep_load_len <= 8'(PLEN);
              rep_load_sh <= SHW'(IDENT);
            end
            default: rep_letter <= hive_pkg::LINK_ANS_REFUSED;
          endcase
        end
        P_MEMWAIT: begin
          if (ld_valid && ld_ready) begin
            ld_valid <= 1'b0;
            if (ld_we) begin rep_load_len <= 8'd0; ps <= P_REPLY; end  // rep_letter: DONE
            else ld_pending_read <= 1'b1;
          end
          if (ld_pending_read && ld_resp_valid) begin
            ld_pending_read <= 1'b0;
            rep_letter <= hive_pkg::LINK_ANS_LINE;
            rep_load_len <= 8'(hive_pkg::LINK_ANS_LINE_LEN);
            rep_load_sh <= SHW'(ld_resp_rdata);
            ps <= P_REPLY;
          end
        end
        P_REPLY: begin
          // wait for the previous answer to be on its way, then start this one
          if (from_flash) ps <= P_NORMAL;
          else if (rep == R_NONE && !rep_start) begin
            rep_load <= 1'b1;
            rep_start <= 1'b1;
            ps <= P_NORMAL;
          end
        end
        default: ps <= P_NORMAL;
      endcase
      // the flash's stream is read and parsed (one cut inside a command is dropped): the host
      // has the UART from now on, and the SoC runs if the image was good
      if (from_flash && fl_state != 2'(hive_pkg::FLASH_READING) && !fl_valid && rxf_empty &&
          !rxf_rvalid && (ps == P_NORMAL || ps == P_CMD || ps == P_ARGS)) begin
        from_flash <= 1'b0;
        ps <= P_NORMAL;
        if (fl_state == 2'(hive_pkg::FLASH_BOOTED)) begin soc_rst <= 1'b0; cycles <= '0; end
      end
    end
  end

  /* verilator lint_off UNUSEDSIGNAL */
  logic unused;
  assign unused = rx_ferr | rxf_full | cin_full;
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
