// tb_rvc_expand: checks rtl/core/rvc_expand.sv against the vectors rvc_vectors.py derived
// from the GNU toolchain. Usage: tb_rvc_expand VECTOR_DIR
// Prints one "PASS name" / "FAIL name: ..." line per test (mismatch details before a FAIL).
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "Vrvc_expand.h"
#include "verilated.h"

namespace {

struct Expect {
    bool present = false;
    bool legal = false;
    uint32_t instr = 0;
};

// Reads "cccc L eeeeeeee" lines into a 65536-entry table. Returns false on a malformed file.
bool load(const std::string &path, std::vector<Expect> &tab, size_t &count) {
    FILE *f = std::fopen(path.c_str(), "r");
    if (!f) {
        std::printf("  cannot open %s\n", path.c_str());
        return false;
    }
    tab.assign(65536, Expect());
    count = 0;
    unsigned c, l, e;
    int n;
    while ((n = std::fscanf(f, "%x %u %x", &c, &l, &e)) == 3) {
        if (c > 0xffff || l > 1 || tab[c].present) {
            std::printf("  %s: bad or duplicate line for %04x\n", path.c_str(), c);
            std::fclose(f);
            return false;
        }
        tab[c].present = true;
        tab[c].legal = l == 1;
        tab[c].instr = e;
        ++count;
    }
    bool ok = n == EOF && count > 0;
    if (!ok) std::printf("  %s: malformed\n", path.c_str());
    std::fclose(f);
    return ok;
}

int passed = 0, failed = 0;

void report(bool ok, const std::string &name, const std::string &detail) {
    if (ok) {
        std::printf("PASS %s\n", name.c_str());
        ++passed;
    } else {
        std::printf("FAIL %s: %s\n", name.c_str(), detail.c_str());
        ++failed;
    }
}

// Compares the DUT to the table. With absent_illegal, values missing from the table must be
// illegal; otherwise they are skipped.
void check(Vrvc_expand &dut, const std::vector<Expect> &tab, bool absent_illegal,
           const std::string &name) {
    unsigned bad = 0, checked = 0;
    for (unsigned v = 0; v < 65536; ++v) {
        const Expect &x = tab[v];
        if (!x.present && !absent_illegal) continue;
        bool legal = x.present && x.legal;
        dut.c = v;
        dut.eval();
        ++checked;
        bool ok = legal ? (!dut.illegal && dut.instr == x.instr) : (dut.illegal != 0);
        if (!ok) {
            if (bad < 20)
                std::printf("  %04x: expected %s %08x, got %s %08x\n", v,
                            legal ? "legal" : "illegal", x.instr,
                            dut.illegal ? "illegal" : "legal", dut.instr);
            ++bad;
        }
    }
    char d[128];
    std::snprintf(d, sizeof d, "%u of %u values differ", bad, checked);
    std::string full = name + " (" + std::to_string(checked) + " values)";
    report(bad == 0, full, d);
}

}  // namespace

int main(int argc, char **argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s VECTOR_DIR\n", argv[0]);
        return 2;
    }
    auto ctx = std::make_unique<VerilatedContext>();
    auto dut = std::make_unique<Vrvc_expand>(ctx.get());
    std::string dir = argv[1];
    std::vector<Expect> tab;
    size_t n = 0;

    if (load(dir + "/rvc_objdump.txt", tab, n))
        check(*dut, tab, false, "rvc_expand vs objdump+as(norvc), every halfword c[1:0]!=11");
    else
        report(false, "rvc_expand vs objdump+as(norvc)", "no vectors");

    if (load(dir + "/rvc_gas.txt", tab, n)) {
        check(*dut, tab, false, "rvc_expand vs as(rvc)+as(norvc), every legal RV64C encoding");
        check(*dut, tab, true, "rvc_expand illegal for every halfword as(rvc) cannot produce");
    } else {
        report(false, "rvc_expand vs as(rvc)+as(norvc)", "no vectors");
    }

    // Whenever illegal, instr must be 0 (documented), and c[1:0]=11 is always illegal.
    unsigned bad = 0;
    for (unsigned v = 0; v < 65536; ++v) {
        dut->c = v;
        dut->eval();
        if ((dut->illegal && dut->instr != 0) || ((v & 3) == 3 && !dut->illegal)) ++bad;
    }
    report(bad == 0, "rvc_expand instr=0 when illegal, c[1:0]=11 illegal",
           std::to_string(bad) + " values differ");

    dut->final();
    return failed ? 1 : 0;
}
