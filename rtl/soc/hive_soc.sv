// Hive SoC top: NODES nodes, the machine finisher, and the ports the harness (sim/) or a board
// top (fpga/) drives. Port contract: docs/interfaces.md.
module hive_soc #(
    parameter int NODES = 1,
    parameter int CORES_PER_NODE = 1,
    parameter longint NODE_MEM = 64'h100_0000,
    localparam int HARTS = NODES * CORES_PER_NODE
) (
    input  logic                 clk,
    input  logic                 rst,
    input  logic                 cfg_elf_mode,
    input  logic                 rom_we,
    input  logic [8:0]           rom_addr,
    input  logic [63:0]          rom_wdata,
    output logic [NODES-1:0]     mem_req_valid,
    input  logic [NODES-1:0]     mem_req_ready,
    output logic [NODES-1:0]     mem_req_we,
    output logic [NODES*32-1:0]  mem_req_addr,
    output logic [NODES*512-1:0] mem_req_wdata,
    output logic [NODES*64-1:0]  mem_req_wstrb,
    input  logic [NODES-1:0]     mem_resp_valid,
    input  logic [NODES*512-1:0] mem_resp_rdata,
    output logic [NODES-1:0]     uart_tx_valid,
    output logic [NODES*8-1:0]   uart_tx_data,
    input  logic [NODES-1:0]     uart_rx_valid,
    input  logic [NODES*8-1:0]   uart_rx_data,
    output logic [NODES-1:0]     uart_rx_ready,
    output logic                 mfinish_valid,
    output logic [31:0]          mfinish_data,
    output logic [NODES-1:0]     cfinish_valid,
    output logic [NODES*32-1:0]  cfinish_data,
    input  logic [NODES-1:0]     fault_node_fail,
    input  logic [HARTS-1:0]     fault_core_halt,
    output logic [HARTS-1:0]     retire_valid,
    output logic [HARTS*64-1:0]  retire_pc,
    output logic [HARTS*64-1:0]  stat_instret,
    output logic [HARTS*64-1:0]  stat_imiss,
    output logic [HARTS*64-1:0]  stat_dmiss,
    output logic [HARTS*64-1:0]  stat_stall
);
  // Skeleton with the final ports; the nodes are being written.
  assign mem_req_valid = '0; assign mem_req_we = '0; assign mem_req_addr = '0;
  assign mem_req_wdata = '0; assign mem_req_wstrb = '0; assign uart_tx_valid = '0;
  assign uart_tx_data = '0; assign uart_rx_ready = '0; assign mfinish_valid = '0;
  assign mfinish_data = '0; assign cfinish_valid = '0; assign cfinish_data = '0;
  assign retire_valid = '0; assign retire_pc = '0; assign stat_instret = '0;
  assign stat_imiss = '0; assign stat_dmiss = '0; assign stat_stall = '0;
endmodule
