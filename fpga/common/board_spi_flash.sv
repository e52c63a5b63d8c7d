// Boot image reader of the configuration SPI flash (docs/fpga.md, "Flash boot"): after reset it
// reads the image at OFFSET with one READ (0x03) command and hands the bytes of its command
// stream to the board hub, which parses them as it parses the host's UART bytes.
//
// Image: "HVB1", stream length (32-bit little endian, 1..MAX_LEN), CRC-32 of the stream (zlib's,
// little endian), then the stream. `state` tells the hub what the image was: it may release the
// SoC only on IMG_GOOD, which comes after the last stream byte (the stream writes memory as it
// goes; the check can only be made at its end).
//
// SPI mode 0 at clk / (2 * HALF): MOSI changes while SCK is low, MISO is taken at the cycle SCK
// rises (the flash changed it at the fall before, HALF cycles earlier). Between bytes SCK stays
// low until the hub has room (`ready`): a flash in READ waits for the clock.
module board_spi_flash #(
    parameter logic [23:0] OFFSET = 24'(hive_pkg::FLASH_IMAGE_OFFSET),
    parameter int          HALF   = 1,     // clk cycles per SCK half period
    localparam int         MAX_LEN = int'(hive_pkg::FLASH_READ_REACH) - int'(OFFSET) - 12  // READ's reach
) (
    input  logic       clk,
    input  logic       rst,
    output logic       spi_csn,
    output logic       spi_sck,
    output logic       spi_mosi,
    input  logic       spi_miso,
    output logic       valid,      // a stream byte (one cycle); the hub must take it
    output logic [7:0] data,
    input  logic       ready,      // room for one more byte
    output logic [1:0] state       // hive_pkg::FLASH_* (state_e)
);
  typedef enum logic [1:0] {
    IMG_READING = 2'(hive_pkg::FLASH_READING),
    IMG_GOOD    = 2'(hive_pkg::FLASH_BOOTED),
    IMG_NONE    = 2'(hive_pkg::FLASH_NO_IMAGE),  // no magic
    IMG_BAD     = 2'(hive_pkg::FLASH_REFUSED)    // a bad length or CRC
  } state_e;
  typedef enum logic [2:0] {F_CMD, F_HEAD, F_CHECK, F_DATA, F_END} step_e;
  localparam logic [31:0] MAGIC = 32'(hive_pkg::FLASH_IMAGE_MAGIC);
  localparam logic [31:0] CMD = {8'h03, OFFSET};   // READ and the address, first byte highest

  step_e       step;
  logic [3:0]  n;               // command or header bytes still to come
  logic        magic_ok;        // the header's bytes so far are the magic's
  logic [31:0] left;            // the header's length, then the stream bytes still to come
  logic [31:0] want, crc;       // the header's CRC, the stream's so far
  logic        busy;            // a byte is on the wire
  logic [2:0]  bitn;
  logic [7:0]  osh, ish;
  logic [$clog2(HALF + 1)-1:0] div;
  logic        byte_done;

  function automatic logic [31:0] crc32_byte(input logic [31:0] c, input logic [7:0] b);
    logic [31:0] x;
    x = c ^ {24'd0, b};
    for (int i = 0; i < 8; i++) x = (x >> 1) ^ (x[0] ? 32'hEDB8_8320 : 32'd0);
    return x;
  endfunction

  assign spi_mosi = osh[7];
  assign data = ish;

  // one byte: per bit SCK low for HALF cycles then high for HALF cycles
  always_ff @(posedge clk) begin
    byte_done <= 1'b0;
    if (rst) begin
      spi_sck <= 1'b0;
      busy <= 1'b0;
      div <= '0;
      bitn <= '0;
    end else if (busy) begin
      if (int'(div) != HALF - 1) div <= div + 1'b1;
      else begin
        div <= '0;
        spi_sck <= !spi_sck;
        if (!spi_sck) ish <= {ish[6:0], spi_miso};
        else begin
          osh <= osh << 1;
          bitn <= bitn + 3'd1;
          if (bitn == 3'd7) begin busy <= 1'b0; byte_done <= 1'b1; end
        end
      end
    end else if (!spi_csn && !byte_done && !valid &&
                 (step == F_CMD || step == F_HEAD || (step == F_DATA && ready))) begin
      // the next byte (once the last one is in the hub's FIFO, so that `ready` counts it): the
      // command's while it lasts, then don't-care (zeros)
      busy <= 1'b1;
      osh <= step == F_CMD ? CMD[8 * (int'(n) - 1) +: 8] : 8'h00;
    end
  end

  always_ff @(posedge clk) begin
    valid <= 1'b0;
    if (rst) begin
      spi_csn <= 1'b1;
      step <= F_CMD;
      n <= 4'd4;
      magic_ok <= 1'b1;
      crc <= '1;
      state <= IMG_READING;
    end else if (byte_done) begin
      case (step)
        F_CMD: begin
          n <= n == 4'd1 ? 4'd12 : n - 4'd1;
          if (n == 4'd1) step <= F_HEAD;
        end
        F_HEAD: begin
          // bytes 12 - n: 0..3 the magic, 4..7 the length, 8..11 the CRC
          if (n > 4'd8) magic_ok <= magic_ok && ish == MAGIC[8 * (12 - int'(n)) +: 8];
          else if (n > 4'd4) left <= {ish, left[31:8]};
          else want <= {ish, want[31:8]};
          n <= n - 4'd1;
          if (n == 4'd1) step <= F_CHECK;
        end
        default: begin  // F_DATA
          valid <= 1'b1;
          crc <= crc32_byte(crc, ish);
          left <= left - 32'd1;
          if (left == 32'd1) step <= F_END;
        end
      endcase
    end else if (spi_csn && state == IMG_READING) begin
      spi_csn <= 1'b0;  // SCK is low: reset held it so
    end else if (step == F_END && !spi_csn) begin
      spi_csn <= 1'b1;
      state <= ~crc == want ? IMG_GOOD : IMG_BAD;
    end else if (step == F_CHECK) begin
      // a refused header ends the read here
      if (!magic_ok || left == '0 || left > 32'(MAX_LEN)) begin
        spi_csn <= 1'b1;
        state <= magic_ok ? IMG_BAD : IMG_NONE;
        step <= F_END;
      end else step <= F_DATA;
    end
  end
endmodule
