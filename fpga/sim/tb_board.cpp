// Board-level test of a board top in Verilator (tb_ulx3s.sv: the ULX3S top with the behavioural
// SDRAM on its pins; tb_arty.sv: the Arty top with its block RAM; both Verilated with the class
// name Vtb_board and the same ports): the SoC, the board memory and the UART hub, driven through
// the UART pins at a fast simulated baud rate exactly as fpga/host/hive_fpga.py drives a board:
// identify, hold in reset, load a ROM and a bare-metal program (bin file, linked at 0x8000_0000)
// over the UART, read it back, release, then watch the console and ask for the status until the
// machine finisher reports. Prints PASS/FAIL per check and `N passed, N failed`.
// With a boot image in the ULX3S's flash (+flash=IMAGE, fpga/sim/spi_flash_model.sv):
//   --flash-boot  the image holds the program: nothing is sent until its console lines are
//                 out, no answer may come, then the status must say booted from the flash, pass
//   --flash-bad   the image is corrupt: the status must say refused, the SoC held in reset,
//                 and the UART load must then work as without a flash
//   tb_board --board ID --node-mem BYTES [--flash-boot|--flash-bad] PROGRAM.bin [+flash=IMAGE]
//   tb_board --pty[=MAX_CYCLES]
#include "Vtb_board.h"
#include "verilated.h"

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>
#include <cstdio>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

static const int DIV = 8;  // cycles per bit: 25 MHz / 3.125 Mbaud
static const uint8_t DLE = 0x10;

struct Bench {
  Vtb_board *m = new Vtb_board;
  uint64_t cycle = 0;
  // host -> board serialiser
  std::deque<uint8_t> txq;
  int tx_bit = -1, tx_cnt = 0;
  uint16_t tx_frame = 0;
  // board -> host deserialiser
  int rx_state = 0, rx_cnt = 0, rx_bits = 0;
  uint8_t rx_sh = 0, last_line = 1;
  std::deque<uint8_t> rxq;

  void tick() {
    // drive the host's line
    if (tx_bit < 0 && !txq.empty()) {
      tx_frame = (uint16_t)(0x200 | (txq.front() << 1));
      txq.pop_front();
      tx_bit = 0;
      tx_cnt = 0;
    }
    m->uart_in = tx_bit < 0 ? 1 : (tx_frame >> tx_bit) & 1;
    if (tx_bit >= 0 && ++tx_cnt == DIV) { tx_cnt = 0; if (++tx_bit == 10) tx_bit = -1; }
    m->clk = 0; m->eval();
    m->clk = 1; m->eval();
    cycle++;
    // sample the board's line
    uint8_t l = m->uart_out;
    if (rx_state == 0) {
      if (last_line && !l) { rx_state = 1; rx_cnt = DIV + DIV / 2; rx_bits = 0; rx_sh = 0; }
    } else if (--rx_cnt == 0) {
      if (rx_bits < 8) { rx_sh = (uint8_t)((rx_sh >> 1) | (l << 7)); rx_bits++; rx_cnt = DIV; }
      else { if (l) rxq.push_back(rx_sh); rx_state = 0; }
    }
    last_line = l;
  }
  void send(const std::vector<uint8_t> &b) { for (uint8_t x : b) txq.push_back(x); }
  bool byte(uint8_t &b, uint64_t limit) {
    uint64_t end = cycle + limit;
    while (rxq.empty() && cycle < end) tick();
    if (rxq.empty()) return false;
    b = rxq.front();
    rxq.pop_front();
    return true;
  }
};

static int passed = 0, failed = 0;
static void check(bool ok, const std::string &what) {
  printf("%s: %s\n", ok ? "PASS" : "FAIL", what.c_str());
  (ok ? passed : failed)++;
}

// reads the stream until an answer; console bytes are appended to `console`
static bool answer(Bench &b, char &kind, std::vector<uint8_t> &payload, std::string &console,
                   uint64_t limit = 2000000) {
  uint8_t x;
  while (b.byte(x, limit)) {
    if (x != DLE) { console.push_back((char)x); continue; }
    if (!b.byte(x, limit)) return false;
    if (x == DLE) { console.push_back((char)DLE); continue; }
    if (x >= '0' && x <= '9') continue;
    kind = (char)x;
    size_t n = x == 'q' ? 64 : x == 'p' ? 18 : 0;
    payload.clear();
    auto get = [&](uint8_t &v) {
      if (!b.byte(v, limit)) return false;
      if (v == DLE && !b.byte(v, limit)) return false;
      return true;
    };
    if (x == 's') { uint8_t len; if (!get(len)) return false; n = len; }
    for (size_t i = 0; i < n; i++) { uint8_t v; if (!get(v)) return false; payload.push_back(v); }
    return true;
  }
  return false;
}

static bool cmd(Bench &b, char c, const std::vector<uint8_t> &args, char want, std::string &console,
                std::vector<uint8_t> *out = nullptr) {
  std::vector<uint8_t> s{DLE, (uint8_t)c};
  s.insert(s.end(), args.begin(), args.end());
  b.send(s);
  char kind = 0;
  std::vector<uint8_t> p;
  if (!answer(b, kind, p, console)) return false;
  if (out) *out = p;
  return kind == want;
}

// identify, again while it gets no answer: the hub drops UART bytes while it reads the flash
static bool identify(Bench &b, std::string &console, std::vector<uint8_t> &p) {
  for (int i = 0; i < 50; i++) {
    b.send({DLE, 'P'});
    char kind = 0;
    if (answer(b, kind, p, console, 100000)) return kind == 'p';
  }
  return false;
}

// polls the status until the machine finisher says something; returns its state, `st` the status,
// `dropped` whether any answer said console bytes were dropped (flag 2, cleared by each answer)
static int finish(Bench &b, std::string &console, std::vector<uint8_t> &st, bool &dropped) {
  int fin = 0;
  uint64_t run0 = b.cycle;
  while (b.cycle - run0 < 3000000) {
    for (int i = 0; i < 20000; i++) b.tick();
    if (!cmd(b, 'S', {}, 's', console, &st)) break;
    dropped |= !st.empty() && (st[0] & 4);
    fin = st.size() > 2 ? st[2] : 0;
    if (fin) break;
  }
  return fin;
}

// what hello.S prints: a line, the alphabet rotated by the line's number on 160 lines (twice the
// console FIFO), the pattern's verdict
static std::string expected_console() {
  std::string lines;
  for (int l = 0; l < 160; l++) {
    for (int c = 0; c < 26; c++) lines.push_back((char)('a' + (l + c) % 26));
    lines.push_back('\n');
  }
  return "hello from the board top\n" + lines + "128 KiB pattern checked\n";
}

static std::string flash_name(int state) {
  static const char *const names[] = {"reading", "booted", "no image", "refused"};
  return names[state & 3];
}

static std::vector<uint8_t> le(uint64_t v, int n) {
  std::vector<uint8_t> r;
  for (int i = 0; i < n; i++) r.push_back((uint8_t)(v >> (8 * i)));
  return r;
}

// --pty: the board's UART on a pseudo-terminal, for fpga/host/hive_fpga.py (any baud setting;
// the simulated line runs at 25 MHz / 8); runs until MAX_CYCLES or until the host, having
// opened the terminal, closes it; then reports the SDRAM model's violations (exit 1 if any).
static int run_pty(uint64_t max_cycles) {
  int fd = posix_openpt(O_RDWR | O_NOCTTY);
  if (fd < 0 || grantpt(fd) || unlockpt(fd)) { perror("tb_board: pty"); return 2; }
  fcntl(fd, F_SETFL, O_NONBLOCK);
  printf("tb_board: board UART on %s\n", ptsname(fd));
  fflush(stdout);
  Bench b;
  b.m->btn = 0x01;
  b.m->sw = 0;
  bool opened = false;  // the host has sent something: a hang-up after that ends the run
  while (b.cycle < max_cycles) {
    for (int i = 0; i < 256; i++) b.tick();
    if (b.txq.size() < 64) {
      uint8_t buf[64];
      ssize_t n = read(fd, buf, sizeof buf);
      if (n < 0 && errno == EIO && opened) break;
      if (n > 0) opened = true;
      for (ssize_t i = 0; i < n; i++) b.txq.push_back(buf[i]);
    }
    while (!b.rxq.empty()) {
      uint8_t x = b.rxq.front();
      if (write(fd, &x, 1) != 1 && errno != EAGAIN) break;
      b.rxq.pop_front();
    }
  }
  printf("tb_board: %llu cycles, SDRAM violations %d, refreshes %d\n",
         (unsigned long long)b.cycle, b.m->sdram_errors, b.m->sdram_refreshes);
  return b.m->sdram_errors ? 1 : 0;
}

int main(int argc, char **argv) {
  Verilated::commandArgs(argc, argv);
  const char *bin = nullptr;
  int board = 0;
  uint32_t want_mem = 0;
  bool flash_boot = false, flash_bad = false;
  for (int i = 1; i < argc; i++) {
    if (!strncmp(argv[i], "--pty", 5))
      return run_pty(argv[i][5] == '=' ? strtoull(argv[i] + 6, nullptr, 0) : 200000000ull);
    if (!strcmp(argv[i], "--board") && i + 1 < argc) board = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--node-mem") && i + 1 < argc) want_mem = (uint32_t)strtoul(argv[++i], nullptr, 0);
    else if (!strcmp(argv[i], "--flash-boot")) flash_boot = true;
    else if (!strcmp(argv[i], "--flash-bad")) flash_bad = true;
    else if (argv[i][0] != '+') bin = argv[i];
  }
  if (!bin || !board || !want_mem) {
    fprintf(stderr, "usage: tb_board --board ID --node-mem BYTES [--flash-boot|--flash-bad] PROGRAM.bin "
                    "[+flash=IMAGE] | --pty[=MAX_CYCLES]\n");
    return 2;
  }
  FILE *f = fopen(bin, "rb");
  if (!f) { fprintf(stderr, "tb_board: cannot open %s: %s\n", bin, strerror(errno)); return 2; }
  std::vector<uint8_t> prog;
  int c;
  while ((c = fgetc(f)) != EOF) prog.push_back((uint8_t)c);
  fclose(f);

  Bench b;
  b.m->btn = 0x01;  // no button pressed (the ULX3S's PWRn is active low)
  b.m->sw = 0;
  std::string console;
  std::vector<uint8_t> p, st;
  const std::string checked = "128 KiB pattern checked\n";  // hello.S's last line

  if (flash_boot) {
    // no host: the board reads the image, loads it, checks it and releases the SoC by itself
    char kind = 0;
    bool answered = false;
    while (b.cycle < 6000000 && console.find(checked) == std::string::npos)
      answered |= answer(b, kind, p, console, 100000);
    check(!answered, "no answer on the UART to the flash image's commands");
    check(console == expected_console(),
          "booted from the flash with nothing sent: node 0's " + std::to_string(console.size()) +
              " console bytes after " + std::to_string(b.cycle) + " cycles");
    check((b.m->led & 0x02) == 0, "LED 1: the SoC is released");
    bool dropped = false;
    int fin = finish(b, console, st, dropped);
    check(fin == 1 && st.size() > 0 && (st[0] & 1) == 0 && (st[0] >> 4 & 3) == 1 && !dropped,
          "status: machine finisher pass, running, nothing dropped, flash " +
              flash_name(st.empty() ? 0 : st[0] >> 4));
    check(b.m->flash_errors == 0, "SPI protocol (" + std::to_string(b.m->flash_errors) + " violations)");
    check(b.m->sdram_errors == 0, "SDRAM protocol and timing (" + std::to_string(b.m->sdram_errors) + " violations)");
    printf("console (first 200 bytes): %s\n", console.substr(0, 200).c_str());
    printf("%d passed, %d failed\n", passed, failed);
    b.m->final();
    return failed ? 1 : 0;
  }

  // identify
  bool ok = identify(b, console, p);
  // {'H', 'V', version, nodes, cores, board, ...} (docs/fpga.md, host link)
  check(ok && p.size() == 18 && p[0] == 'H' && p[1] == 'V' && p[3] == 1 && p[5] == board,
        "identify: protocol answer from board " + std::to_string(board) + ", one node");
  uint32_t node_mem = ok ? (uint32_t)(p[10] | p[11] << 8 | p[12] << 16 | (uint32_t)p[13] << 24) : 0;
  check(node_mem == want_mem, "identify: " + std::to_string(want_mem >> 10) + " KiB per node");
  // before any load: held, and the flash's verdict (none without an image, or on the Arty)
  bool st_ok = cmd(b, 'S', {}, 's', console, &st) && !st.empty();
  int want_flash = flash_bad ? 3 : 2;
  check(st_ok && (st[0] & 1) && (st[0] >> 4 & 3) == want_flash && (b.m->led & 0x02),
        "status before the load: held in reset (LED 1 on), flash " + flash_name(st_ok ? st[0] >> 4 : 0) +
            " (want " + flash_name(want_flash) + ")");

  // hold, elf mode, ROM: addi t0,x0,1; slli t0,t0,31; jr t0 (enter 0x8000_0000)
  bool ctl = cmd(b, 'R', {}, 'a', console) && cmd(b, 'E', {1}, 'a', console);
  const uint64_t rom[2] = {0x01f2929300100293ull, 0x0000000000028067ull};
  for (int i = 0; i < 2 && ctl; i++) {
    std::vector<uint8_t> a = le((uint64_t)i, 2), d = le(rom[i], 8);
    a.insert(a.end(), d.begin(), d.end());
    ctl = cmd(b, 'B', a, 'a', console);
  }
  check(ctl, "hold in reset, elf mode, ROM words through the load port");
  bool led_hold = (b.m->led & 0x02) != 0;

  // program into node 0's slice, line by line
  uint64_t t0 = b.cycle;
  size_t lines = (prog.size() + 63) / 64;
  bool wr = true;
  for (size_t l = 0; l < lines && wr; l++) {
    std::vector<uint8_t> a = le(l * 64, 4);
    for (int i = 0; i < 64; i++) a.push_back(l * 64 + i < prog.size() ? prog[l * 64 + i] : 0);
    wr = cmd(b, 'W', a, 'a', console);
  }
  check(wr, "loaded " + std::to_string(prog.size()) + " bytes (" + std::to_string(lines) +
                " lines) over the UART in " + std::to_string(b.cycle - t0) + " cycles");
  bool rd = true;
  for (size_t l = 0; l < lines && rd; l++) {
    rd = cmd(b, 'Q', le(l * 64, 4), 'q', console, &p);
    for (int i = 0; rd && i < 64; i++)
      rd = p[i] == (l * 64 + i < prog.size() ? prog[l * 64 + i] : 0);
  }
  check(rd, "read back through the board memory: every line matches");
  // the SoC refuses loads while running
  check(cmd(b, 'G', {}, 'a', console), "release the SoC");
  check(led_hold && (b.m->led & 0x02) == 0, "LED 1 shows the reset held, then released");
  std::vector<uint8_t> wa = le(1u << 20, 4);
  wa.resize(68, 0);
  check(cmd(b, 'W', wa, 'e', console), "memory writes are refused while the SoC runs");

  // run: poll the status until the machine finisher says something
  bool dropped = false;
  int fin = finish(b, console, st, dropped);
  uint64_t cycles = 0;
  if (st.size() >= 20) for (int i = 0; i < 8; i++) cycles |= (uint64_t)st[12 + i] << (8 * i);
  check(fin == 1, "machine finisher: pass after " + std::to_string(cycles) + " SoC cycles");
  check(console == expected_console() && !dropped,
        "node 0 console through the hub: all " + std::to_string(console.size()) +
            " bytes, none dropped (LSR.THRE follows the console FIFO's room)");
  if (board == 1)  // the ULX3S: the SDRAM model's verdict
    check(b.m->sdram_errors == 0, "SDRAM protocol and timing (" + std::to_string(b.m->sdram_errors) +
                                      " violations, " + std::to_string(b.m->sdram_refreshes) + " refreshes)");
  if (board == 1)
    check(b.m->flash_errors == 0, "SPI protocol (" + std::to_string(b.m->flash_errors) + " violations)");
  printf("console (first 200 bytes): %s\n", console.substr(0, 200).c_str());
  printf("%d passed, %d failed\n", passed, failed);
  b.m->final();
  return failed ? 1 : 0;
}
