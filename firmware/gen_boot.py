#!/usr/bin/env python3
"""Generate the boot images of one hardware shape (docs/boot.md).

usage: gen_boot.py --nodes N --cores C --node-mem BYTES --rom ROM_TEMPLATE --out DIR [--dtc DTC]

ROM_TEMPLATE is the assembled firmware/bootrom.S as a raw BOOTROM_SIZE-byte image whose
parameter-table space (from PARAM_OFFSET) is all zeros. Writes into DIR (build/boot/<N>x<C>):

  cells<K>/bootrom.bin      ROM code + parameter table, for every K dividing N
  cells<K>/cell<k>.dts/.dtb device tree of cell k
  cells<K>/cell<k>.info     fw_dynamic_info (version 2) of cell k, for the harness to place
  cells<K>/manifest.json    per cell: nodes, harts, boot hart, where each image goes
  elf/bootrom.bin           --elf mode: one cell, remap on node 0, ENTRY 0 (harness patches it)
  elf/cell0.dts/.dtb        --elf mode tree (machine finisher instead of the cell finisher)

Every address comes from regs/hive_regs.py.
"""
import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "regs"))
import hive_regs as R  # noqa: E402

MAP = {name: (base, size) for name, base, size, _ in R.MAP}
NODEDEV = {name: off for name, off, _, _ in R.NODEDEV}
NODEDEV_SIZES = {name: size for name, _, size, _ in R.NODEDEV}
CTRL = {name: off for name, off, _, _ in R.CTRL}

VALID_NODES = (1, 2, 4, 8, 16)
VALID_CORES = (1, 2, 4)
MAX_HARTS = 64
U64 = (1 << 64) - 1
ISA = "rv64imac"
MMU = "riscv,sv39"
# The UART model has no baud-rate generator; OpenSBI only uses clock-frequency to compute a
# divisor (3686400 / (16 * 115200) = 2), so any classic 16550 crystal value works.
UART_CLOCK_HZ = 3686400
RESERVED_FROM_TOP = R.FDT_FROM_TOP  # the top 64 KiB of the home node: tree + fw_dynamic_info
FW_DYNAMIC_NEXT_MODE_S = 1


class BootError(Exception):
    """A bad parameter or input file: reported as one clear line, exit status 2."""


class Shape:
    def __init__(self, nodes, cores, node_mem):
        if nodes not in VALID_NODES:
            raise BootError(f"NODES={nodes}: must be one of {VALID_NODES}")
        if cores not in VALID_CORES:
            raise BootError(f"CORES_PER_NODE={cores}: must be one of {VALID_CORES}")
        if nodes * cores > MAX_HARTS:
            raise BootError(f"{nodes}x{cores} = {nodes * cores} harts: at most {MAX_HARTS}")
        if node_mem % R.PAGE_BYTES:
            raise BootError(f"NODE_MEM={node_mem:#x}: not a multiple of {R.PAGE_BYTES}")
        lowest = R.PAYLOAD_OFFSET + RESERVED_FROM_TOP
        if node_mem <= lowest:
            raise BootError(f"NODE_MEM={node_mem:#x}: must exceed {lowest:#x} "
                            "(payload offset + reserved top)")
        if node_mem > MAP["GLOBAL"][1] or node_mem > MAP["REMAP"][1]:
            raise BootError(f"NODE_MEM={node_mem:#x}: larger than a memory window")
        self.nodes, self.cores, self.node_mem = nodes, cores, node_mem

    @property
    def name(self):
        return f"{self.nodes}x{self.cores}"

    def harts_of(self, node):
        return list(range(node * self.cores, (node + 1) * self.cores))


class Layout:
    """Where the devices and memories of the machine are (physical addresses). The default is
    the Hive memory map; a test may subclass it to aim the same tree shape at other hardware."""

    def __init__(self, shape):
        self.shape = shape

    def nodedev(self, node, dev):
        return MAP["NODEDEV"][0] + node * MAP["NODEDEV"][1] + NODEDEV[dev]

    def clint(self, node):
        return self.nodedev(node, "CLINT")

    def uart(self, node):
        return self.nodedev(node, "UART")

    def cfinish(self, node):
        return self.nodedev(node, "CFINISH")

    def mfinish(self):
        return MAP["MFINISH"][0]

    def remap(self):
        return MAP["REMAP"][0]

    def global_mem(self, node):
        return MAP["GLOBAL"][0] + node * MAP["GLOBAL"][1]


class Cell:
    def __init__(self, shape, cell_id, nodes):
        self.id = cell_id
        self.nodes = list(nodes)
        self.first_node = self.nodes[0]
        self.harts = [h for n in self.nodes for h in shape.harts_of(n)]
        self.boot_hart = self.harts[0]
        self.node_mask = sum(1 << n for n in self.nodes)
        self.hart_mask = sum(1 << h for h in self.harts)


def cells_of(shape, k):
    """The K cells of a shape: contiguous groups of NODES/K nodes."""
    if k < 1 or shape.nodes % k:
        raise BootError(f"cells={k}: must divide NODES={shape.nodes}")
    per = shape.nodes // k
    return [Cell(shape, c, range(c * per, (c + 1) * per)) for c in range(k)]


def remap_addr(shape, offset_from_top):
    return MAP["REMAP"][0] + shape.node_mem - offset_from_top


# ---------------------------------------------------------------- parameter table / ROM

def param_table(shape, entries):
    """Header then one entry per node; entries[n] is a dict with the PARAM_ENTRY fields."""
    header = {"MAGIC": R.PARAM_MAGIC, "NODES": shape.nodes, "CORES": shape.cores,
              "NODE_MEM": shape.node_mem}
    words = [header[name] for name, _ in R.PARAM_HEADER]
    for node in range(shape.nodes):
        e = entries[node]
        words += [e[name] for name, _ in R.PARAM_ENTRY]
    for w in words:
        if not 0 <= w <= U64:
            raise BootError(f"parameter word {w:#x} does not fit 64 bits")
    return struct.pack(f"<{len(words)}Q", *words)


def cell_entries(shape, cells):
    entries = {}
    for cell in cells:
        for node in cell.nodes:
            entries[node] = {
                "CELL": cell.id,
                "REMAP": cell.first_node,
                "CELL_MASK": cell.node_mask,
                "FIREWALL": cell.hart_mask,
                "ENTRY": MAP["REMAP"][0] + R.FW_OFFSET,
                "FDT": remap_addr(shape, R.FDT_FROM_TOP),
                "INFO": remap_addr(shape, R.INFO_FROM_TOP),
                "BOOT_HART": cell.boot_hart,
            }
    return entries


def elf_entries(shape):
    every_node = (1 << shape.nodes) - 1
    return {node: {"CELL": 0, "REMAP": 0, "CELL_MASK": every_node, "FIREWALL": U64,
                   "ENTRY": 0, "FDT": remap_addr(shape, R.FDT_FROM_TOP), "INFO": 0,
                   "BOOT_HART": 0}
            for node in range(shape.nodes)}


def rom_image(template, table):
    if len(template) != MAP["BOOTROM"][1]:
        raise BootError(f"ROM template is {len(template)} bytes, expected {MAP['BOOTROM'][1]}")
    space = MAP["BOOTROM"][1] - R.PARAM_OFFSET
    if len(table) > space:
        raise BootError(f"parameter table is {len(table)} bytes, only {space} reserved")
    if any(template[R.PARAM_OFFSET:]):
        raise BootError("ROM template: parameter-table space is not zero (wrong file?)")
    image = template[:R.PARAM_OFFSET] + table + bytes(space - len(table))
    assert len(image) == MAP["BOOTROM"][1]
    return image


def fw_dynamic_info(shape, cell):
    """struct fw_dynamic_info (OpenSBI, version 2): magic, version, next_addr, next_mode,
    options, boot_hart, each an unsigned long."""
    return struct.pack("<6Q", R.FW_DYNAMIC_MAGIC, R.FW_DYNAMIC_VERSION,
                       MAP["REMAP"][0] + R.PAYLOAD_OFFSET, FW_DYNAMIC_NEXT_MODE_S, 0,
                       cell.boot_hart)


# ---------------------------------------------------------------- device tree

def cells2(v):
    """A 64-bit value as two 32-bit cells."""
    return f"0x{v >> 32:x} 0x{v & 0xffffffff:x}"


def u64(v):
    return f"/bits/ 64 <0x{v:x}>"


def cell_dts(shape, cell, ncells, layout, machine_finisher=False):
    """Device-tree source of one cell (DESIGN.md sections 2 and 4)."""
    t = "\t"
    home_top = layout.remap() + shape.node_mem
    uart = layout.uart(cell.first_node)
    if machine_finisher:
        fin, fin_size = layout.mfinish(), MAP["MFINISH"][1]
    else:
        fin, fin_size = layout.cfinish(cell.first_node), NODEDEV_SIZES["CFINISH"]
    out = ["/dts-v1/;", "",
           f"/* Hive SoC {shape.name}, cell {cell.id} of {ncells}: nodes {cell.nodes}, "
           f"harts {cell.harts}. Generated by firmware/gen_boot.py. */", "",
           f"/memreserve/ 0x{home_top - RESERVED_FROM_TOP:x} 0x{RESERVED_FROM_TOP:x};", "",
           "/ {",
           f"{t}#address-cells = <2>;",
           f"{t}#size-cells = <2>;",
           f'{t}compatible = "hive,soc-machine";',
           f'{t}model = "Hive SoC {shape.name} cell {cell.id} of {ncells}";', "",
           f"{t}chosen {{",
           f'{t}{t}stdout-path = "/soc/serial@{uart:x}";',
           f"{t}}};", "",
           f"{t}cpus {{",
           f"{t}{t}#address-cells = <1>;",
           f"{t}{t}#size-cells = <0>;",
           f"{t}{t}timebase-frequency = <{R.TIMEBASE_HZ}>;"]
    for h in cell.harts:
        out += ["",
                f"{t}{t}cpu@{h:x} {{",
                f'{t}{t}{t}device_type = "cpu";',
                f"{t}{t}{t}reg = <{h}>;",
                f'{t}{t}{t}status = "okay";',
                f'{t}{t}{t}compatible = "riscv";',
                f'{t}{t}{t}riscv,isa = "{ISA}";',
                f'{t}{t}{t}mmu-type = "{MMU}";',
                f"{t}{t}{t}cpu{h}_intc: interrupt-controller {{",
                f"{t}{t}{t}{t}#interrupt-cells = <1>;",
                f'{t}{t}{t}{t}compatible = "riscv,cpu-intc";',
                f"{t}{t}{t}{t}interrupt-controller;",
                f"{t}{t}{t}}};",
                f"{t}{t}}};"]
    out += [f"{t}}};"]
    # Memory: the home node through the remap window, the other nodes through their global
    # windows, so that no frame is listed twice.
    mems = [layout.remap()] + [layout.global_mem(n) for n in cell.nodes[1:]]
    for base in mems:
        out += ["",
                f"{t}memory@{base:x} {{",
                f'{t}{t}device_type = "memory";',
                f"{t}{t}reg = <{cells2(base)} {cells2(shape.node_mem)}>;",
                f"{t}}};"]
    out += ["",
            f"{t}hive-soc {{",
            f'{t}{t}compatible = "hive,soc";',
            f"{t}{t}nodes = <{shape.nodes}>;",
            f"{t}{t}cores-per-node = <{shape.cores}>;",
            f"{t}{t}node-mem = {u64(shape.node_mem)};",
            f"{t}{t}cells = <{ncells}>;",
            f"{t}{t}cell-id = <{cell.id}>;",
            f"{t}{t}cell-first-node = <{cell.first_node}>;",
            f"{t}{t}cell-nodes = <{len(cell.nodes)}>;",
            f"{t}{t}home-global-base = {u64(layout.global_mem(cell.first_node))};",
            f"{t}{t}remap-base = {u64(layout.remap())};",
            f"{t}{t}global-base = {u64(MAP['GLOBAL'][0])};",
            f"{t}{t}global-stride = {u64(MAP['GLOBAL'][1])};",
            f"{t}{t}nodedev-base = {u64(MAP['NODEDEV'][0])};",
            f"{t}{t}nodedev-stride = {u64(MAP['NODEDEV'][1])};",
            f"{t}{t}clint-offset = {u64(NODEDEV['CLINT'])};",
            f"{t}{t}uart-offset = {u64(NODEDEV['UART'])};",
            f"{t}{t}ctrl-offset = {u64(NODEDEV['CTRL'])};",
            f"{t}{t}cfinish-offset = {u64(NODEDEV['CFINISH'])};",
            f"{t}}};", "",
            f"{t}poweroff {{",
            f'{t}{t}compatible = "syscon-poweroff";',
            f"{t}{t}regmap = <&finisher>;",
            f"{t}{t}offset = <0x0>;",
            f"{t}{t}value = <0x{R.FINISH_PASS:x}>;",
            f"{t}}};", "",
            f"{t}reboot {{",
            f'{t}{t}compatible = "syscon-reboot";',
            f"{t}{t}regmap = <&finisher>;",
            f"{t}{t}offset = <0x0>;",
            f"{t}{t}value = <0x{R.FINISH_RESET:x}>;",
            f"{t}}};", "",
            f"{t}soc {{",
            f"{t}{t}#address-cells = <2>;",
            f"{t}{t}#size-cells = <2>;",
            f'{t}{t}compatible = "simple-bus";',
            f"{t}{t}ranges;"]
    for n in cell.nodes:
        clint = layout.clint(n)
        irqs = " ".join(f"&cpu{h}_intc 3 &cpu{h}_intc 7" for h in shape.harts_of(n))
        out += ["",
                f"{t}{t}clint@{clint:x} {{",
                f'{t}{t}{t}compatible = "sifive,clint0", "riscv,clint0";',
                f"{t}{t}{t}interrupts-extended = <{irqs}>;",
                f"{t}{t}{t}reg = <{cells2(clint)} {cells2(NODEDEV_SIZES['CLINT'])}>;",
                f"{t}{t}}};"]
    out += ["",
            f"{t}{t}serial@{uart:x} {{",
            f'{t}{t}{t}compatible = "ns16550a";',
            f"{t}{t}{t}reg = <{cells2(uart)} {cells2(NODEDEV_SIZES['UART'])}>;",
            f"{t}{t}{t}clock-frequency = <{UART_CLOCK_HZ}>;",
            f"{t}{t}{t}reg-shift = <0>;",
            f"{t}{t}{t}reg-io-width = <1>;",
            f"{t}{t}}};", "",
            f"{t}{t}finisher: test@{fin:x} {{",
            f'{t}{t}{t}compatible = "sifive,test1", "sifive,test0", "syscon";',
            f"{t}{t}{t}reg = <{cells2(fin)} {cells2(fin_size)}>;",
            f"{t}{t}}};",
            f"{t}}};",
            "};"]
    return "\n".join(out) + "\n"


def compile_dts(dts_path, dtb_path, boot_hart, dtc="dtc"):
    """dtc with the tree padded to FDT_MAX (free space for OpenSBI's in-place edits); any dtc
    warning is an error, and so is a blob larger than FDT_MAX. dtc 1.6's interrupt_provider
    check wants #address-cells in every interrupt controller; it only matters to
    interrupt-map parents, which this tree has none of, so that one check is off."""
    try:
        r = subprocess.run([dtc, "-I", "dts", "-O", "dtb", "-W", "no-interrupt_provider", "-S", str(R.FDT_MAX),
                            "-b", str(boot_hart), "-o", dtb_path, dts_path], capture_output=True, text=True)
    except OSError as e:
        raise BootError(f"cannot run {dtc}: {e}") from e
    if r.returncode != 0 or r.stderr.strip():
        raise BootError(f"dtc {dts_path}: {r.stderr.strip() or 'failed'}")
    size = os.path.getsize(dtb_path)
    if size > R.FDT_MAX:
        raise BootError(f"{dtb_path}: {size} bytes, more than FDT_MAX={R.FDT_MAX}")
    with open(dtb_path, "rb") as f:
        hdr = struct.unpack(">10I", f.read(40))
    used = max(hdr[2] + hdr[9], hdr[3] + hdr[8])  # end of the structure / strings blocks
    return size, used


# ---------------------------------------------------------------- output

def write(path, data):
    """Write atomically so that an interrupted build never leaves half a file behind."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
    with os.fdopen(fd, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def manifest(shape, cells):
    """Where the harness puts each cell's images: node-memory offsets of the home node."""
    top = shape.node_mem
    return {
        "shape": shape.name, "nodes": shape.nodes, "cores_per_node": shape.cores,
        "node_mem": shape.node_mem, "cells": len(cells),
        "cell": [{"id": c.id, "nodes": c.nodes, "harts": c.harts, "home_node": c.first_node,
                  "boot_hart": c.boot_hart, "node_mask": c.node_mask, "hart_mask": c.hart_mask,
                  "dtb": f"cell{c.id}.dtb", "dtb_offset": top - R.FDT_FROM_TOP,
                  "info": f"cell{c.id}.info", "info_offset": top - R.INFO_FROM_TOP,
                  "firmware_offset": R.FW_OFFSET, "payload_offset": R.PAYLOAD_OFFSET}
                 for c in cells]}


def generate(shape, template, out, dtc="dtc", log=print):
    layout = Layout(shape)
    ks = [k for k in range(1, shape.nodes + 1) if shape.nodes % k == 0]
    for k in ks:
        d = os.path.join(out, f"cells{k}")
        cells = cells_of(shape, k)
        most = 0
        write(os.path.join(d, "bootrom.bin"),
              rom_image(template, param_table(shape, cell_entries(shape, cells))))
        for c in cells:
            dts = os.path.join(d, f"cell{c.id}.dts")
            write(dts, cell_dts(shape, c, k, layout))
            size, used = compile_dts(dts, os.path.join(d, f"cell{c.id}.dtb"), c.boot_hart, dtc)
            most = max(most, used)
            write(os.path.join(d, f"cell{c.id}.info"), fw_dynamic_info(shape, c))
        write(os.path.join(d, "manifest.json"), json.dumps(manifest(shape, cells), indent=1) + "\n")
        log(f"gen_boot: {shape.name} cells{k}: {k} cell(s), trees use up to {most} of {size} bytes")
    d = os.path.join(out, "elf")
    (cell,) = cells_of(shape, 1)
    write(os.path.join(d, "bootrom.bin"), rom_image(template, param_table(shape, elf_entries(shape))))
    dts = os.path.join(d, "cell0.dts")
    write(dts, cell_dts(shape, cell, 1, layout, machine_finisher=True))
    compile_dts(dts, os.path.join(d, "cell0.dtb"), cell.boot_hart, dtc)
    log(f"gen_boot: {shape.name} elf: done")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--nodes", type=int, required=True)
    p.add_argument("--cores", type=int, required=True)
    p.add_argument("--node-mem", type=lambda s: int(s, 0), required=True)
    p.add_argument("--rom", required=True, help="assembled boot ROM, raw BOOTROM_SIZE bytes")
    p.add_argument("--out", required=True, help="output directory (build/boot/<N>x<C>)")
    p.add_argument("--dtc", default="dtc")
    a = p.parse_args(argv)
    try:
        shape = Shape(a.nodes, a.cores, a.node_mem)
        try:
            with open(a.rom, "rb") as f:
                template = f.read()
        except OSError as e:
            raise BootError(f"cannot read ROM template: {e}") from e
        generate(shape, template, a.out, a.dtc)
    except BootError as e:
        print(f"gen_boot: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
