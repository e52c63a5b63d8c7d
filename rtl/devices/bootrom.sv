// Boot ROM of a node: 4 KiB read through the device port, written only through the load port
// while the machine is held in reset (the harness in simulation, the loader on a board).
// WORDS < 512 (a board's LUT RAM): only the first WORDS/2 words of each 2 KiB half are held,
// which is where the code and, at 2 KiB, the boot information are (firmware/gen_boot.py); a
// load outside them is dropped, and a read there sees the word at the same offset inside.
module bootrom #(
    parameter int WORDS = 512  // a power of two, 4 to 512
) (
    input  logic        clk,
    input  logic        load_we,
    /* verilator lint_off UNUSEDSIGNAL */  // with WORDS < 512, the index bits above the halves'
    input  logic [8:0]  load_addr,
    input  logic [63:0] load_data,
    input  logic [11:3] addr,
    /* verilator lint_on UNUSEDSIGNAL */
    output logic [63:0] rdata
);
  localparam int HW = $clog2(WORDS) - 1;  // index bits inside a half
  logic [63:0] mem [WORDS];
  always_ff @(posedge clk)
    if (load_we && ((load_addr & 9'h0ff) >> HW) == 9'd0)
      mem[{load_addr[8], load_addr[HW-1:0]}] <= load_data;
  assign rdata = mem[{addr[11], addr[HW+2:3]}];
endmodule
