// tb_muldiv: checks rtl/core/muldiv.sv against a C reference (__int128) for the 8 M ops in
// their 64-bit and W forms (W = the op's RV32 semantics on a[31:0], b[31:0], result
// sign-extended; MULW/DIVW/DIVUW/REMW/REMUW are the RV64 instructions), on every pair of
// corner operands and on random operands, and checks the documented latency, busy/done, the
// held result, kill, reset, start while busy and back-to-back starts.
// Usage: tb_muldiv [random_per_op]
// Built twice by run.sh: the simulator's unit, and with -DSHORT_PATHS=1 the boards' (the
// Verilator parameter SHORT_PATHS=1: coarse division normalization), whose test names begin
// with "short-paths".
// Prints one "PASS name" / "FAIL name: ..." line per test (mismatch details before a FAIL).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "Vmuldiv.h"
#include "verilated.h"

#ifndef SHORT_PATHS
#define SHORT_PATHS 0
#endif

namespace {

typedef unsigned __int128 u128;
typedef __int128 s128;

const char *const OP_NAMES[8] = {"MUL", "MULH", "MULHSU", "MULHU", "DIV", "DIVU", "REM", "REMU"};

int64_t sx32(uint64_t v) { return (int64_t)(int32_t)(uint32_t)v; }

// The reference: the RISC-V M extension.
uint64_t ref64(unsigned op, uint64_t a, uint64_t b) {
    int64_t sa = (int64_t)a, sb = (int64_t)b;
    switch (op) {
    case 0: return a * b;
    case 1: return (uint64_t)(((s128)sa * (s128)sb) >> 64);
    case 2: return (uint64_t)(((s128)sa * (s128)(u128)b) >> 64);
    case 3: return (uint64_t)(((u128)a * (u128)b) >> 64);
    case 4:
        if (b == 0) return ~0ull;
        if (sa == INT64_MIN && sb == -1) return a;
        return (uint64_t)(sa / sb);
    case 5: return b == 0 ? ~0ull : a / b;
    case 6:
        if (b == 0) return a;
        if (sa == INT64_MIN && sb == -1) return 0;
        return (uint64_t)(sa % sb);
    default: return b == 0 ? a : a % b;
    }
}

uint64_t ref32(unsigned op, uint64_t a64, uint64_t b64) {
    uint32_t a = (uint32_t)a64, b = (uint32_t)b64;
    int32_t sa = (int32_t)a, sb = (int32_t)b;
    uint32_t r;
    switch (op) {
    case 0: r = a * b; break;
    case 1: r = (uint32_t)(((int64_t)sa * (int64_t)sb) >> 32); break;
    case 2: r = (uint32_t)(((int64_t)sa * (int64_t)(uint64_t)b) >> 32); break;
    case 3: r = (uint32_t)(((uint64_t)a * (uint64_t)b) >> 32); break;
    case 4: r = b == 0 ? ~0u : (sa == INT32_MIN && sb == -1) ? a : (uint32_t)(sa / sb); break;
    case 5: r = b == 0 ? ~0u : a / b; break;
    case 6: r = b == 0 ? a : (sa == INT32_MIN && sb == -1) ? 0 : (uint32_t)(sa % sb); break;
    default: r = b == 0 ? a : a % b; break;
    }
    return (uint64_t)sx32(r);
}

// Documented latency: cycles from the start cycle to the done cycle.
unsigned ref_latency(unsigned op, bool word, uint64_t a, uint64_t b) {
    if (op < 4) return 2;
    bool sgn = (op & 1) == 0;
    uint64_t ae = word ? (sgn ? (uint64_t)sx32(a) : (uint32_t)a) : a;
    uint64_t be = word ? (sgn ? (uint64_t)sx32(b) : (uint32_t)b) : b;
    uint64_t mag = (sgn && (int64_t)ae < 0) ? 0 - ae : ae;
    if (be == 0 || mag == 0) return 3;
    unsigned n = SHORT_PATHS ? (mag >> 32 ? 64 : 32) : 64 - (unsigned)__builtin_clzll(mag);
    return 3 + n;
}

struct Tb {
    std::unique_ptr<VerilatedContext> ctx;
    std::unique_ptr<Vmuldiv> dut;
    uint64_t cycles = 0;

    Tb() : ctx(new VerilatedContext), dut(new Vmuldiv(ctx.get())) {
        dut->clk = 0;
        dut->rst = 1;
        idle_inputs();
        dut->eval();
        tick();
        tick();
        dut->rst = 0;
        dut->eval();
    }
    void idle_inputs() {
        dut->start = 0;
        dut->kill = 0;
        dut->op = 0;
        dut->word = 0;
        dut->a = 0;
        dut->b = 0;
    }
    // Ends the current cycle: rising edge, then the outputs of the next cycle settle.
    void tick() {
        dut->clk = 1;
        dut->eval();
        dut->clk = 0;
        dut->eval();
        ++cycles;
    }
};

int passed = 0, failed = 0;

void report(bool ok, const std::string &test, const std::string &detail) {
    std::string name = (SHORT_PATHS ? "short-paths " : "") + test;
    if (ok) {
        std::printf("PASS %s\n", name.c_str());
        ++passed;
    } else {
        std::printf("FAIL %s: %s\n", name.c_str(), detail.c_str());
        ++failed;
    }
}

const unsigned TIMEOUT = 200;

// Runs one operation from an idle unit and checks result, latency, busy and the held result.
// Returns an empty string when everything matches.
std::string run_op(Tb &tb, unsigned op, bool word, uint64_t a, uint64_t b) {
    Vmuldiv &d = *tb.dut;
    char buf[256];
    if (d.busy || d.done) return "unit not idle before start";
    d.start = 1;
    d.op = op;
    d.word = word;
    d.a = a;
    d.b = b;
    d.eval();
    if (d.busy || d.done) return "busy/done combinationally after start";
    tb.tick();
    // Scramble the inputs: they must have been sampled with start.
    d.start = 0;
    d.op = (op + 3) & 7;
    d.word = !word;
    d.a = ~a;
    d.b = b ^ 0x5a5a5a5a5a5a5a5aull;
    d.eval();
    unsigned lat = 1;
    while (!d.done) {
        if (!d.busy) {
            std::snprintf(buf, sizeof buf, "busy low without done at cycle %u", lat);
            return buf;
        }
        if (lat > TIMEOUT) return "no done (timeout)";
        tb.tick();
        ++lat;
    }
    uint64_t exp = word ? ref32(op, a, b) : ref64(op, a, b);
    unsigned exp_lat = ref_latency(op, word, a, b);
    uint64_t got = d.result;
    if (d.busy) return "busy high in the done cycle";
    if (got != exp || lat != exp_lat) {
        std::snprintf(buf, sizeof buf, "result %016llx latency %u, expected %016llx latency %u",
                      (unsigned long long)got, lat, (unsigned long long)exp, exp_lat);
        return buf;
    }
    tb.tick();
    tb.idle_inputs();
    d.eval();
    if (d.done || d.busy) return "done longer than one cycle, or busy after done";
    if (d.result != exp) return "result not held after done";
    return "";
}

std::vector<uint64_t> corners() {
    std::vector<uint64_t> v = {0,
                               1,
                               2,
                               3,
                               5,
                               7,
                               10,
                               ~0ull,
                               ~1ull,
                               ~2ull,
                               (uint64_t)INT64_MIN,
                               (uint64_t)INT64_MAX,
                               (uint64_t)INT64_MIN + 1,
                               (uint64_t)INT64_MAX - 1,
                               0x7fffffffull,
                               0x80000000ull,
                               0xffffffffull,
                               0x100000000ull,
                               0xffffffff80000000ull,
                               0xffffffff7fffffffull,
                               0xdeadbeef80000000ull,
                               0x12345678ffffffffull,
                               0x00000001ffffffffull,
                               0x8000000080000000ull,
                               0x123456789abcdef0ull,
                               0x5555555555555555ull,
                               0xaaaaaaaaaaaaaaaaull};
    for (int k = 1; k < 64; ++k) {
        uint64_t p = 1ull << k;
        v.push_back(p);
        v.push_back(0 - p);
        v.push_back(p - 1);
        v.push_back(p + 1);
    }
    return v;
}

// xorshift64*: deterministic operands
uint64_t rng_state = 0x9e3779b97f4a7c15ull;
uint64_t rnd() {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}
// Random operand of random magnitude and sign, so that division lengths vary.
uint64_t rnd_operand() {
    uint64_t x = rnd();
    unsigned kind = rnd() % 4;
    if (kind == 0) return x;
    unsigned bits = 1 + rnd() % 64;
    uint64_t m = bits == 64 ? x : x & ((1ull << bits) - 1);
    if (kind == 1) return 0 - m;
    if (kind == 2) return (rnd() & 0xffffffff00000000ull) | (m & 0xffffffffull);  // W garbage
    return m;
}

void test_ops(Tb &tb, unsigned nrandom) {
    std::vector<uint64_t> cv = corners();
    for (int word = 0; word <= 1; ++word) {
        for (unsigned op = 0; op < 8; ++op) {
            std::string name = std::string(OP_NAMES[op]) + (word ? "W" : "") +
                               (word && op < 4 && op != 0 ? " (RV32 semantics)" : "");
            unsigned bad = 0, n = 0;
            std::string first;
            auto one = [&](uint64_t a, uint64_t b) {
                std::string e = run_op(tb, op, word, a, b);
                ++n;
                if (!e.empty()) {
                    if (bad < 5)
                        std::printf("  %s a=%016llx b=%016llx: %s\n", name.c_str(),
                                    (unsigned long long)a, (unsigned long long)b, e.c_str());
                    ++bad;
                    // Recover a clean state for the next operation.
                    tb.dut->rst = 1;
                    tb.tick();
                    tb.dut->rst = 0;
                    tb.idle_inputs();
                    tb.dut->eval();
                }
            };
            for (uint64_t a : cv)
                for (uint64_t b : cv) one(a, b);
            for (unsigned i = 0; i < nrandom; ++i) one(rnd_operand(), rnd_operand());
            report(bad == 0, "muldiv " + name + " (" + std::to_string(n) + " operand pairs)",
                   std::to_string(bad) + " mismatches");
        }
    }
}

// Waits up to `cycles` cycles with idle inputs; returns true if done appeared.
bool saw_done(Tb &tb, unsigned cycles) {
    for (unsigned i = 0; i < cycles; ++i) {
        if (tb.dut->done) return true;
        tb.tick();
    }
    return tb.dut->done;
}

void start(Tb &tb, unsigned op, bool word, uint64_t a, uint64_t b) {
    tb.dut->start = 1;
    tb.dut->op = op;
    tb.dut->word = word;
    tb.dut->a = a;
    tb.dut->b = b;
    tb.dut->eval();
}

void test_protocol(Tb &tb) {
    Vmuldiv &d = *tb.dut;
    const uint64_t A = 0xfedcba9876543210ull, B = 0x1234567ull;
    std::string e;

    // kill in the middle of a division
    {
        bool ok = true;
        start(tb, 5, false, A, B);
        tb.tick();
        tb.idle_inputs();
        for (int i = 0; i < 10; ++i) tb.tick();
        ok &= d.busy != 0;
        d.kill = 1;
        d.eval();
        tb.tick();
        d.kill = 0;
        d.eval();
        ok &= !d.busy;
        ok &= !saw_done(tb, 100);
        e = run_op(tb, 7, false, A, B);
        report(ok && e.empty(), "muldiv kill during a division, then REMU", e.empty() ? "busy/done wrong" : e);
    }
    // kill in the multiply cycle
    {
        start(tb, 1, false, A, B);
        tb.tick();
        tb.idle_inputs();
        bool ok = d.busy != 0;
        d.kill = 1;
        d.eval();
        tb.tick();
        d.kill = 0;
        d.eval();
        ok &= !d.busy && !saw_done(tb, 10);
        e = run_op(tb, 3, false, A, B);
        report(ok && e.empty(), "muldiv kill during a multiply, then MULHU", e.empty() ? "busy/done wrong" : e);
    }
    // kill together with start: the start is ignored
    {
        start(tb, 4, false, A, B);
        d.kill = 1;
        d.eval();
        tb.tick();
        tb.idle_inputs();
        d.eval();
        bool ok = !d.busy && !saw_done(tb, 100);
        report(ok, "muldiv kill wins over start in the same cycle", "operation started");
    }
    // start while busy is ignored
    {
        bool ok = true;
        start(tb, 4, false, A, B);
        tb.tick();
        tb.idle_inputs();
        tb.tick();
        start(tb, 0, false, 3, 5);  // ignored
        tb.tick();
        tb.idle_inputs();
        d.eval();
        unsigned lat = 3;
        while (!d.done && lat < TIMEOUT) {
            tb.tick();
            ++lat;
        }
        ok &= d.done && d.result == ref64(4, A, B) && lat == ref_latency(4, false, A, B);
        tb.tick();
        ok &= !saw_done(tb, 100) && !d.busy;
        report(ok, "muldiv start while busy is ignored", "second operation ran or first result wrong");
    }
    // back-to-back: a start in the done cycle is accepted
    {
        bool ok = true;
        start(tb, 0, false, A, B);
        tb.tick();
        tb.idle_inputs();
        d.eval();
        for (unsigned c = 1; c < ref_latency(0, false, A, B); ++c) tb.tick();
        ok &= d.done && d.result == ref64(0, A, B);
        start(tb, 6, true, A, 7);  // REMW in the done cycle
        tb.tick();
        tb.idle_inputs();
        d.eval();
        ok &= d.busy && !d.done;
        unsigned lat = 1;
        while (!d.done && lat < TIMEOUT) {
            tb.tick();
            ++lat;
        }
        ok &= d.result == ref32(6, A, 7) && lat == ref_latency(6, true, A, 7);
        tb.tick();
        report(ok, "muldiv start in the done cycle (back-to-back)", "second operation lost or wrong");
    }
    // reset during a division
    {
        start(tb, 4, false, A, B);
        tb.tick();
        tb.idle_inputs();
        tb.tick();
        d.rst = 1;
        d.eval();
        tb.tick();
        d.rst = 0;
        d.eval();
        bool ok = !d.busy && d.result == 0 && !saw_done(tb, 100);
        e = run_op(tb, 2, false, A, B);
        report(ok && e.empty(), "muldiv reset during a division, then MULHSU", e.empty() ? "busy/done/result wrong" : e);
    }
}

}  // namespace

int main(int argc, char **argv) {
    unsigned nrandom = argc > 1 ? (unsigned)std::strtoul(argv[1], nullptr, 0) : 20000;
    Tb tb;
    test_protocol(tb);
    test_ops(tb, nrandom);
    std::printf("  (%llu cycles simulated)\n", (unsigned long long)tb.cycles);
    tb.dut->final();
    return failed ? 1 : 0;
}
