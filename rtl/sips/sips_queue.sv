// The SIPS receive queues (docs/sips.md): two queues (request, reply) of DEPTH messages of 64
// bytes, each with the source node and hart that the sender's hardware stamped. Both live in
// memories of 2 * DEPTH slots (payloads, stamps) with one write port (one message arrives per
// cycle) and one read port (the core reads one queue's head at a time, naming it with `rd_q`):
// a memory per queue left three quarters of two LUT RAMs (16 words deep) empty and needed a
// word multiplexer per queue. A push when full or a pop when empty
// changes nothing (the SIPS unit NACKs the first and answers a bus error to the second).
//
// With SYNC_READ (the boards) the payloads are block RAM: head_data is the head of the queue
// that rd_q named in the last cycle with rd_en, held until the next; the source stamps stay
// a LUT RAM read at once. A push never writes the slot being read then (it would be the head
// of an empty queue, whose data nobody reads, or of a full one, which takes no push).
module sips_queue #(
    parameter int DEPTH = 4,
    parameter bit SYNC_READ = 1'b0,
    localparam int PW = (DEPTH > 1) ? $clog2(DEPTH) : 1,   // bits of a slot number
    localparam int CW = $clog2(DEPTH + 1)                 // bits of a count
) (
    input  logic          clk,
    input  logic          rst,
    input  logic          push,
    input  logic          push_q,      // the queue a push goes to: 0 request, 1 reply
    input  logic [511:0]  push_data,
    input  logic [7:0]    push_node,   // source node and hart, as the sender stamped them
    input  logic [7:0]    push_hart,
    input  logic [1:0]    pop,         // per queue
    output logic [1:0]    full,
    output logic [2*CW-1:0] count,     // queue q's at [q*CW +: CW]
    input  logic          rd_q,        // the queue whose head the head outputs show
    input  logic          rd_en,       // SYNC_READ: read head_data of queue rd_q
    output logic [511:0]  head_data,
    output logic [7:0]    head_node,
    output logic [7:0]    head_hart
);
  // queue q's slot i at q * DEPTH + i
  (* ram_style = SYNC_READ ? "block" : "auto", no_rw_check *) logic [511:0] slot_data [2 * DEPTH];
  logic [15:0]   slot_src [2 * DEPTH];
  // flat vectors, queue q's at [q*W +: W]: Yosys 0.23 reads no unpacked arrays as ports
  logic [2*PW-1:0] rd, wr;
  logic [1:0]    do_pop;
  logic          do_push;
  assign do_push = push && !full[push_q];
  logic [PW:0]   rd_slot, wr_slot;
  assign rd_slot = (PW+1)'(32'(rd_q) * DEPTH + 32'(rd[32'(rd_q)*PW +: PW]));
  assign wr_slot = (PW+1)'(32'(push_q) * DEPTH + 32'(wr[32'(push_q)*PW +: PW]));
  assign {head_node, head_hart} = slot_src[rd_slot];
  if (SYNC_READ) begin : g_rd
    always_ff @(posedge clk) if (rd_en) head_data <= slot_data[rd_slot];
  end else begin : g_rd
    assign head_data = slot_data[rd_slot];
    logic unused;
    assign unused = rd_en;
  end

  function automatic logic [PW-1:0] next(input logic [PW-1:0] p);
    next = (32'(p) == DEPTH - 1) ? '0 : p + 1'b1;
  endfunction

  always_ff @(posedge clk)
    if (do_push) begin
      slot_data[wr_slot] <= push_data;
      slot_src[wr_slot] <= {push_node, push_hart};
    end

  for (genvar q = 0; q < 2; q++) begin : g_q
    assign full[q] = 32'(count[q*CW +: CW]) == DEPTH;
    assign do_pop[q] = pop[q] && count[q*CW +: CW] != '0;
    always_ff @(posedge clk) begin
      if (rst) begin
        rd[q*PW +: PW] <= '0; wr[q*PW +: PW] <= '0; count[q*CW +: CW] <= '0;
      end else begin
        if (do_push && 32'(push_q) == q) wr[q*PW +: PW] <= next(wr[q*PW +: PW]);
        if (do_pop[q]) rd[q*PW +: PW] <= next(rd[q*PW +: PW]);
        count[q*CW +: CW] <= count[q*CW +: CW] + CW'(do_push && 32'(push_q) == q) - CW'(do_pop[q]);
      end
    end
  end
endmodule
