// Boot ROM of a node: 4 KiB read through the device port, written only through the load port
// while the machine is held in reset (the harness in simulation, the loader on a board).
module bootrom (
    input  logic        clk,
    input  logic        load_we,
    input  logic [8:0]  load_addr,
    input  logic [63:0] load_data,
    input  logic [11:3] addr,
    output logic [63:0] rdata
);
  logic [63:0] mem [512];
  always_ff @(posedge clk) if (load_we) mem[load_addr] <= load_data;
  assign rdata = mem[addr];
endmodule
