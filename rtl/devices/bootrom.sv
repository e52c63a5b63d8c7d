// Boot ROM of a node: 4 KiB read through the device port, written only through the load port
// while the machine is held in reset (the harness in simulation, the loader on a board).
// WORDS < 512 (a board's LUT RAM): only the first WORDS/2 words of each 2 KiB half are held,
// which is where the code and, at 2 KiB, the boot information are (firmware/gen_boot.py); a
// load outside them is dropped, and a read there sees the word at the same offset inside.
// SYNC_READ = 1 (the boards, with SHORT_PATHS) registers the read so that the words are block
// RAM: rdata is then the word at the address of the last cycle with `re`, held until the next.
module bootrom #(
    parameter int WORDS = 512,  // a power of two, 4 to 512
    parameter bit SYNC_READ = 1'b0
) (
    input  logic        clk,
    input  logic        load_we,
    /* verilator lint_off UNUSEDSIGNAL */  // with WORDS < 512, the index bits above the halves';
    input  logic [8:0]  load_addr,          // without SYNC_READ, re
    input  logic [63:0] load_data,
    input  logic        re,
    input  logic [11:3] addr,
    /* verilator lint_on UNUSEDSIGNAL */
    output logic [63:0] rdata
);
  localparam int HW = $clog2(WORDS) - 1;  // index bits inside a half
  logic [63:0] mem [WORDS];
  logic        load_ok;
  logic [HW:0] load_i, read_i;
  assign load_ok = load_we && ((load_addr & 9'h0ff) >> HW) == 9'd0;
  assign load_i = {load_addr[8], load_addr[HW-1:0]};
  assign read_i = {addr[11], addr[HW+2:3]};
  if (SYNC_READ) begin : g_mem
    // loads come only while the machine is held in reset, so one port serves both (with a
    // second, Yosys would add logic for a read of the word being written)
    always_ff @(posedge clk)
      if (load_ok) mem[load_i] <= load_data;
      else if (re) rdata <= mem[read_i];
  end else begin : g_mem
    always_ff @(posedge clk) if (load_ok) mem[load_i] <= load_data;
    assign rdata = mem[read_i];
  end
endmodule
