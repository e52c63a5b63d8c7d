// SDRAM controller test: random line reads and writes (random byte enables, hot lines and lines
// spread over all rows and banks) against a shadow copy, through initialisation and many refresh
// intervals; the behavioural SDRAM checks the protocol and its timing (fpga/sim/sdram_model.sv).
// Prints one line per check and `N passed, N failed`; exit status 1 when anything failed.
#include "Vtb_sdram.h"
#include "verilated.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <unordered_map>
#include <array>
#include <string>

struct Line {
  std::array<uint8_t, 64> data{};
  std::array<bool, 64> known{};
};

static int passed = 0, failed = 0;
static void check(bool ok, const std::string &what) {
  printf("%s: %s\n", ok ? "PASS" : "FAIL", what.c_str());
  (ok ? passed : failed)++;
}

int main(int argc, char **argv) {
  Verilated::commandArgs(argc, argv);
  long ops = 20000;
  unsigned seed = 1;
  for (int i = 1; i < argc; i++) {
    if (!strncmp(argv[i], "--ops=", 6)) ops = atol(argv[i] + 6);
    else if (!strncmp(argv[i], "--seed=", 7)) seed = (unsigned)atol(argv[i] + 7);
  }
  std::mt19937_64 rng(seed);
  Vtb_sdram *m = new Vtb_sdram;
  uint64_t cycle = 0;
  auto tick = [&]() {
    m->clk = 0; m->eval();
    m->clk = 1; m->eval();
    cycle++;
  };
  m->rst = 1; m->req_valid = 0;
  for (int i = 0; i < 5; i++) tick();
  m->rst = 0;
  uint64_t t0 = cycle;
  while (!m->init_done && cycle - t0 < 100000) tick();
  check(m->init_done, "initialisation completes (" + std::to_string(cycle - t0) + " cycles)");

  std::unordered_map<uint32_t, Line> shadow;
  std::vector<uint32_t> hot;
  for (int i = 0; i < 16; i++) hot.push_back((uint32_t)(rng() & 0x7FFFF));
  long reads = 0, writes = 0, mismatches = 0, protocol = 0;
  uint64_t lat_min = ~0ull, lat_max = 0, lat_sum = 0;
  uint64_t busy_start = cycle;
  for (long op = 0; op < ops; op++) {
    uint32_t line = (rng() % 4) ? hot[rng() % hot.size()] : (uint32_t)(rng() & 0x7FFFF);
    bool we = rng() % 2;
    uint8_t wdata[64];
    uint64_t strb = (rng() % 3) ? ~0ull : rng();
    for (int i = 0; i < 64; i++) wdata[i] = (uint8_t)rng();
    // random idle gap, sometimes long enough to let refreshes happen in the middle
    int gap = (rng() % 8 == 0) ? (int)(rng() % 400) : (int)(rng() % 3);
    for (int i = 0; i < gap; i++) tick();
    m->req_valid = 1;
    m->req_we = we;
    m->req_line = line;
    for (int w = 0; w < 16; w++) {
      uint32_t v = 0;
      for (int b = 0; b < 4; b++) v |= (uint32_t)wdata[w * 4 + b] << (8 * b);
      m->req_wdata[w] = v;
    }
    m->req_wstrb = strb;
    // hold the request until the controller takes it
    uint64_t wait0 = cycle;
    while (true) {
      m->clk = 0; m->eval();
      bool ready = m->req_ready;
      m->clk = 1; m->eval();
      cycle++;
      if (ready) break;
      if (cycle - wait0 > 10000) { protocol++; break; }
    }
    uint64_t accepted = cycle;
    m->req_valid = 0;
    m->req_wstrb = 0;
    if (we) {
      writes++;
      Line &l = shadow[line];
      for (int i = 0; i < 64; i++)
        if (strb >> i & 1) { l.data[i] = wdata[i]; l.known[i] = true; }
      if (m->resp_valid) protocol++;
    } else {
      reads++;
      uint64_t w0 = cycle;
      while (!m->resp_valid && cycle - w0 < 10000) tick();
      if (!m->resp_valid) { protocol++; continue; }
      uint64_t lat = cycle - accepted + 1;
      lat_min = std::min(lat_min, lat); lat_max = std::max(lat_max, lat); lat_sum += lat;
      auto it = shadow.find(line);
      if (it != shadow.end())
        for (int i = 0; i < 64; i++) {
          uint8_t got = (uint8_t)(m->resp_rdata[i / 4] >> (8 * (i % 4)));
          if (it->second.known[i] && got != it->second.data[i]) {
            if (mismatches < 5)
              printf("  line %05x byte %d: read %02x, wrote %02x\n", line, i, got, it->second.data[i]);
            mismatches++;
          }
        }
      tick();
      if (m->resp_valid) protocol++;  // exactly one response cycle
    }
  }
  uint64_t busy = cycle - busy_start;
  for (int i = 0; i < 2000; i++) tick();
  check(protocol == 0, "handshake: every request accepted, one response per read (" +
                       std::to_string(reads) + " reads, " + std::to_string(writes) + " writes)");
  check(mismatches == 0, "data integrity against the shadow copy (" + std::to_string(mismatches) +
                         " bytes differ)");
  check(m->errors == 0, "SDRAM protocol and timing checks (" + std::to_string(m->errors) + " violations)");
  check(m->refreshes > 0 && m->max_refresh_gap > 0,
        "refresh: " + std::to_string(m->refreshes) + " refreshes, longest gap " +
        std::to_string(m->max_refresh_gap) + " cycles");
  if (reads)
    printf("read latency (accept to data) %llu..%llu cycles, mean %.1f; %llu cycles for %ld ops\n",
           (unsigned long long)lat_min, (unsigned long long)lat_max, (double)lat_sum / reads,
           (unsigned long long)busy, ops);
  printf("%d passed, %d failed\n", passed, failed);
  m->final();
  delete m;
  return failed ? 1 : 0;
}
