// Behavioural SPI NOR flash for the board-level test (fpga/sim/tb_ulx3s.sv): BYTES bytes, erased
// (0xFF) but for the file given as +flash=FILE, which is placed at LOAD_AT (the boot image, as
// `openFPGALoader -f -o LOAD_AT` writes it). It answers READ (0x03, 24-bit address, any length,
// wrapping at the end) in SPI mode 0 and counts what a real flash would not accept or would
// misread, printing each: another command, CS falling or rising while SCK is high, CS rising
// inside a byte, MOSI changing while SCK is high (mode 0: the flash samples it at the rise).
// Its MISO changes after SCK falls, as a flash's does, so that a reader sampling at the wrong
// edge gets other bytes.
// (a model of events: each one's updates in the order written, CS and SCK both its events)
/* verilator lint_off BLKSEQ */
/* verilator lint_off SYNCASYNCNET */
module spi_flash_model #(
    parameter int          BYTES   = 4 << 20,
    parameter logic [23:0] LOAD_AT = 24'h30_0000
) (
    input  logic csn,
    input  logic sck,
    input  logic mosi,
    output logic miso,
    output int   errors
);
  logic [7:0]  mem [BYTES];
  logic [7:0]  cmd;
  logic [23:0] addr;
  int          bits;                 // bits clocked since CS fell
  logic        sck_q = 1'b0, csn_q = 1'b1;

  initial begin
    string path;
    int fd, c, n;
    errors = 0;
    miso = 1'b1;
    for (int i = 0; i < BYTES; i++) mem[i] = 8'hff;
    if ($value$plusargs("flash=%s", path)) begin
      fd = $fopen(path, "rb");
      if (fd == 0) $fatal(1, "spi_flash_model: cannot open %s", path);
      n = 0;
      for (c = $fgetc(fd); c != -1; c = $fgetc(fd)) begin
        mem[(int'(LOAD_AT) + n) % BYTES] = 8'(c);
        n++;
      end
      $fclose(fd);
      $display("spi_flash_model: %s, %0d bytes at %h", path, n, LOAD_AT);
    end
  end

  function automatic void violation(input string what);
    errors++;
    $display("spi_flash_model: %s (after %0d bits)", what, bits);
  endfunction

  always @(posedge sck or negedge sck or posedge csn or negedge csn) begin
    if (csn != csn_q) begin
      if (sck) violation(csn ? "CS rose while SCK was high" : "CS fell while SCK was high");
      if (csn && bits % 8 != 0) violation("CS rose inside a byte");
      bits = 0;
    end else if (!csn && sck && !sck_q) begin
      if (bits < 8) cmd = {cmd[6:0], mosi};
      else if (bits < 32) addr = {addr[22:0], mosi};
      bits++;
      if (bits == 8 && cmd != 8'h03) violation($sformatf("command %h: only READ (03) is modelled", cmd));
    end else if (!csn && !sck && sck_q && bits >= 32 && cmd == 8'h03) begin
      miso = mem[(int'(addr) + (bits - 32) / 8) % BYTES][7 - (bits - 32) % 8];
    end
    sck_q = sck;
    csn_q = csn;
  end

  always @(posedge mosi or negedge mosi)
    if (!csn && sck) violation("MOSI changed while SCK was high");
endmodule
/* verilator lint_on SYNCASYNCNET */
/* verilator lint_on BLKSEQ */
