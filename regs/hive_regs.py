"""The single source of every address, register offset, field and code of the Hive SoC.

tools/gen_regs.py turns this table into the SystemVerilog package (hive_pkg), the C header
(hive_regs.h) for firmware, kernel, harness and tests, and docs/registers.md. Later features
add entries here; nothing below is ever copied by hand into another file.
"""

# Physical memory map (DESIGN.md section 2).
MAP = [
    # name, base, size, description
    ("BOOTROM", 0x0000_1000, 0x1000, "boot ROM, same copy on every node; parameter table inside"),
    ("MFINISH", 0x0010_0000, 0x1000, "machine finisher (sifive,test0 protocol), --elf mode only"),
    ("NODEDEV", 0x2000_0000, 0x0100_0000, "device block of node n at BASE + n*SIZE"),
    ("REMAP", 0x8000_0000, 0x1000_0000, "remap window: the cell's home node memory (NODE_MEM used)"),
    ("GLOBAL", 0x1_0000_0000, 0x1000_0000, "node n memory, global window at BASE + n*SIZE"),
]
# Physical address bits of everything the SoC decodes: node n's global window is GLOBAL + n *
# its size, n in the address bits between the two, so the windows end at 2 * GLOBAL, above
# everything else the map has (tools/gen_regs.py, check_windows).
ADDR_BITS = dict((name, base) for name, base, _, _ in MAP)["GLOBAL"].bit_length()

# Offsets inside a node's device block.
NODEDEV = [
    ("CLINT", 0x00_0000, 0x10000, "CLINT of the node's harts (msip, mtimecmp, mtime)"),
    ("UART", 0x10_0000, 0x1000, "ns16550a subset, byte registers, reg-shift 0"),
    ("CTRL", 0x20_0000, 0x1000, "coherence-controller registers"),
    ("CFINISH", 0x30_0000, 0x1000, "cell finisher (sifive,test0 protocol)"),
]

# CLINT layout (SiFive): per-hart msip words, mtimecmp doublewords, one mtime.
CLINT = [
    ("MSIP", 0x0000, "4 bytes per hart of the node, bit 0 = machine software interrupt"),
    ("MTIMECMP", 0x4000, "8 bytes per hart of the node"),
    ("MTIME", 0xBFF8, "64-bit time, one tick every MTIME_DIV cycles"),
]

# ns16550a subset.
UART = [
    ("RBR_THR", 0, "read: receive buffer; write: transmit"),
    ("IER", 1, "interrupt enable (stored, no interrupt line yet)"),
    ("IIR_FCR", 2, "read: interrupt id (0x01 none pending); write: FIFO control (ignored)"),
    ("LCR", 3, "line control (stored; DLAB selects DLL/DLM at 0/1)"),
    ("MCR", 4, "modem control (stored)"),
    ("LSR", 5, "bit 0 data ready, bits 5 and 6 transmitter empty: the console can take a byte (always in the simulator; a board while its console FIFO has room)"),
    ("MSR", 6, "modem status (reads 0)"),
    ("SCR", 7, "scratch"),
]
UART_LSR_DR = 0x01
UART_LSR_THRE = 0x20
UART_LSR_TEMT = 0x40

# Coherence-controller registers, 8-byte aligned, 64-bit.
CTRL = [
    # name, offset, access, description
    ("NODE_ID", 0x00, "ro", "this node's number"),
    ("NODES", 0x08, "ro", "number of nodes in the machine"),
    ("CORES", 0x10, "ro", "cores per node"),
    ("NODE_MEM", 0x18, "ro", "bytes of memory per node"),
    ("REMAP_TARGET", 0x20, "rw-local", "node whose memory the remap window shows (reset: this node; a node number >= NODES is a bus error)"),
    ("CELL_MASK", 0x28, "rw-local", "nodes of this node's cell, one bit per node (reset: this node)"),
    ("TIMEOUT", 0x30, "rw-local", "cycles without any reply after which a request to another node ends in a bus error (reset: TIMEOUT_DEFAULT); the home waits TIMEOUT >> HOME_TIMEOUT_SHIFT for acks and recalls, so that it answers a live requester before that requester gives up"),
    ("LOST_CLEAR", 0x38, "wo-local", "write a line's global address: a line of this node's memory marked lost is usable again; an address outside that memory is a bus error"),
    ("LOST_COUNT", 0x40, "ro", "lines of this node's memory marked lost so far"),
    ("WB_LOST", 0x48, "ro", "writebacks from this node that could not reach their home"),
    ("IRQ", 0x50, "rw1c", "controller interrupt causes, each raising MEIP on the node's harts: bit 0 a writeback was lost, bit 1 the firewall refused a writeback; write 1 to clear"),
    ("FW_ADDR", 0x58, "rw-local", "global address of the first page that FW_VEC reads or writes (in this node's memory)"),
    ("FW_PAGES", 0x60, "rw-local", "number of pages a write of FW_VEC fills (reset 1)"),
    ("FW_VEC", 0x68, "rw-local", "read: the firewall vector of page FW_ADDR (bit h: hart h may write); write: set FW_PAGES pages from FW_ADDR to this vector, then recall every line owned by a hart that lost its bit; a bus error while FW_STATUS is busy"),
    ("FW_STATUS", 0x70, "ro", "bit 0: a fill or revocation is in progress (complete when it reads 0)"),
    ("FW_DENIED", 0x78, "ro", "ownership requests and writebacks the firewall refused"),
    ("CUTOFF", 0x80, "rw-cell", "bit 0: refuse every access to this node's memory from other nodes (bus error; writebacks dropped)"),
    ("DIR_REQUESTS", 0x88, "ro", "requests for this node's memory the home took (the stats JSON's dir_requests)"),
    ("DIR_NACKS", 0x90, "ro", "NACKs the home sent (busy line or full directory set; the stats JSON's dir_nacks)"),
    ("TRACE", 0x98, "rw-local", "trace control (docs/harness.md, Waveforms): bit 0 written 1 starts, 0 stops the simulator's FST trace (--trace); once any node wrote it, the trace records while some node's bit is 1 (and inside --trace-window); no effect on a board"),
] + [
    # SIPS (docs/sips.md): the send context of the accessing hart, the node's two receive
    # queues and their counters. Every SIPS register is a bus error for a device access that
    # comes from another node (a context is a local hart's, a queue is the local kernel's).
    (f"SIPS_DATA{i}", 0x100 + 8 * i, "rw-hart",
     f"payload doubleword {i} (bytes {8 * i}..{8 * i + 7}) of the accessing hart's send context; a write while SIPS_STATUS is busy is a bus error")
    for i in range(8)
] + [
    ("SIPS_SEND", 0x140, "wo-hart", "send the context's payload: value = node | queue << SIPS_SEND_QUEUE_SHIFT (queue 0 request, 1 reply); a bus error while busy, for a node >= NODES or for any other bit set"),
    ("SIPS_STATUS", 0x148, "ro-hart", "the accessing hart's context: bit 0 busy, bit 1 the last send failed (no answer within CTRL_TIMEOUT: the destination is dead), bits 63:32 NACKs the last send received"),
    ("SIPS_ROUTE", 0x150, "rw-local", "which core of this node gets the S-mode external interrupt (SEIP) of a non-empty queue: bits 7:0 the request queue's, 15:8 the reply queue's (a core >= CORES is a bus error; reset 0)"),
    ("SIPS_DEPTH", 0x158, "ro", "messages each receive queue holds (build parameter)"),
    ("SIPS_SENT", 0x160, "ro", "messages this node's harts sent that a queue accepted"),
    ("SIPS_RECEIVED", 0x168, "ro", "messages this node's queues accepted"),
    ("SIPS_NACKED", 0x170, "ro", "messages this node's queues refused because they were full (each one retried by its sender)"),
    ("SIPS_FAILED", 0x178, "ro", "sends from this node that ended in an error (no answer within CTRL_TIMEOUT)"),
] + [
    (f"SIPS_{q}_{n}", base + off, acc, d.format(queue=qn))
    for q, qn, base in (("REQ", "request", 0x180), ("REP", "reply", 0x200))
    for n, off, acc, d in
    [(f"DATA{i}", 8 * i, "ro-local", f"payload doubleword {i} of the {{queue}} queue's oldest message (0 when empty)") for i in range(8)] + [
        ("INFO", 0x40, "ro-local", "the {queue} queue's oldest message: bit 63 valid (the queue is not empty), bits 15:8 source node, bits 7:0 source hart (both stamped by the sender's hardware); 0 when empty"),
        ("COUNT", 0x48, "ro-local", "messages in the {queue} queue"),
        ("POP", 0x50, "wo-local", "write (any value): drop the {queue} queue's oldest message; a bus error when the queue is empty"),
    ]
]
SIPS_SEND_QUEUE_SHIFT = 8
SIPS_QUEUE_REQ = 0
SIPS_QUEUE_REP = 1
SIPS_STATUS_BUSY = 0x1
SIPS_STATUS_ERR = 0x2
SIPS_DEPTH_DEFAULT = 4
SIPS_BACKOFF = 16  # cycles a NACKed sender waits before it sends again
TIMEOUT_DEFAULT = 4096
HOME_TIMEOUT_SHIFT = 1
IRQ_WB_LOST = 0x1
IRQ_FW_WB = 0x2

# Per-node statistics ports of hive_soc (docs/interfaces.md), read by the harness for its stats
# JSON: node n's slice of `stat_node` / `stat_sips` starts at bit n * (the layout's width) and
# holds these fields from bit 0 up, in this order. Name, width in bits, what it counts.
STAT_NODE = [
    ("REQUESTS", 64, "requests for this node's memory the home took (DIR_REQUESTS)"),
    ("NACKS", 64, "NACKs the home sent (DIR_NACKS)"),
    ("EVICTIONS", 64, "directory entries given up because their set was full"),
    ("PROTO_ERRORS", 64, "messages the home's protocol table says cannot happen"),
    ("OCCUPANCY_MAX", 64, "the most directory entries in use at once"),
    ("L1_PROTO", 64, "L1 protocol errors of the node's caches in this cycle (not a running count: the harness adds it up)"),
    ("FW_DENIED", 64, "ownership requests and writebacks the firewall refused (FW_DENIED)"),
]
STAT_SIPS = [
    ("SENT", 64, "messages this node's harts sent that a queue accepted (SIPS_SENT)"),
    ("RECEIVED", 64, "messages this node's queues accepted (SIPS_RECEIVED)"),
    ("NACKED", 64, "messages this node's queues refused because they were full (SIPS_NACKED)"),
    ("FAILED", 64, "sends from this node that ended in an error (SIPS_FAILED)"),
]

# Finisher protocol (sifive,test0).
FINISH_PASS = 0x5555
FINISH_FAIL = 0x3333  # (code << 16) | FINISH_FAIL
FINISH_RESET = 0x7777

# Hardware performance-monitor event codes written to mhpmeventN.
HPM_EVENTS = [
    ("NONE", 0, "counter does not count"),
    ("IMISS", 1, "L1 instruction cache misses"),
    ("DMISS", 2, "L1 data cache misses"),
    ("STALL", 3, "cycles in which no instruction retired"),
    ("LOAD", 4, "retired loads"),
    ("STORE", 5, "retired stores and AMOs"),
]

# Timing constants.
CLOCK_HZ = 200_000_000  # nominal, for converting cycles to time beside the paper
MTIME_DIV = 20          # mtime ticks at CLOCK_HZ / MTIME_DIV = 10 MHz
TIMEBASE_HZ = CLOCK_HZ // MTIME_DIV
LINE_BYTES = 64
PAGE_BYTES = 4096

# Boot ROM parameter table: lives at BOOTROM + PARAM_OFFSET; a header followed by one entry
# per node. Every field is a little-endian 64-bit word.
PARAM_OFFSET = 0x800
PARAM_MAGIC = 0x4D4F5242_45564948  # "HIVEBROM"
PARAM_HEADER = [
    ("MAGIC", "PARAM_MAGIC"),
    ("NODES", "number of entries that follow"),
    ("CORES", "cores per node"),
    ("NODE_MEM", "bytes of memory per node"),
]
PARAM_ENTRY = [
    ("CELL", "cell this node belongs to"),
    ("REMAP", "remap target node (the cell's first node)"),
    ("CELL_MASK", "nodes of the cell"),
    ("FIREWALL", "initial firewall vector of every page of this node (hart mask)"),
    ("ENTRY", "address the node's harts jump to in M-mode (0: park in wfi)"),
    ("FDT", "a1 at entry: the cell's device tree"),
    ("INFO", "a2 at entry: fw_dynamic_info (0 in --elf mode)"),
    ("BOOT_HART", "the cell's first hart"),
]

# Where the harness places a cell's tree and fw_dynamic_info: offsets from the top of the
# home node's memory (DESIGN.md section 2).
FDT_FROM_TOP = 0x10000
FDT_MAX = 0x8000
INFO_FROM_TOP = 0x1000
FW_OFFSET = 0x0          # firmware at the start of the remap window
PAYLOAD_OFFSET = 0x200000  # S-mode payload at REMAP + 2 MiB
FW_DYNAMIC_MAGIC = 0x4942534F
FW_DYNAMIC_VERSION = 2

# Host link of the FPGA boards (docs/fpga.md, "Host link"): the board hub
# (fpga/common/board_hub.sv) and the host tool (fpga/host/hive_fpga.py) both take the protocol's
# letters and lengths from here. Host -> board: DLE, a command letter, then its address bytes and
# data bytes (little endian, counted, not escaped). Name, letter, address bytes, data bytes, what.
LINK_DLE = 0x10
LINK_COMMANDS = [
    ("SELECT", "n", 0, 1, "console input goes to this node (no answer)"),
    ("RESET", "R", 0, 0, "hold the SoC in reset"),
    ("GO", "G", 0, 0, "release the SoC; the cycle counter restarts"),
    ("ELF", "E", 0, 1, "elf mode = bit 0 (bare-metal runs: the machine finisher answers)"),
    ("FAIL", "F", 0, 1, "node-fail mask (bit n: fault_node_fail[n])"),
    ("ROM", "B", 2, 8, "write this ROM word (refused while the SoC runs)"),
    ("WRITE", "W", 4, 64, "write the line at this board-memory address (refused while the SoC runs)"),
    ("READ", "Q", 4, 0, "read the line at this board-memory address"),
    ("STATUS", "S", 0, 0, "status flags, finishers, cycles and instret"),
    ("IDENT", "P", 0, 0, "what the board is"),
]
# Board -> host answers: DLE, a letter, the payload (bytes equal to DLE doubled, like console
# bytes). Name, letter, payload bytes (-1: a length byte, then that many), what.
LINK_ANSWERS = [
    ("DONE", "a", 0, "the command was carried out"),
    ("REFUSED", "e", 0, "an unknown command, or a load while the SoC runs"),
    ("LINE", "q", 64, "the memory line read"),
    ("STATUS", "s", -1, "the status bytes"),
    ("IDENT", "p", 18, "LINK_IDENT_MAGIC, LINK_VERSION, nodes, cores, board, clock, node memory, slice"),
]
# The STATUS answer's payload (board_hub.sv builds it; hive_fpga.py and tb_board.cpp read it),
# fields little-endian: a flags byte (LINK_STATUS_FLAGS: name, bit, width, what), the failed-node
# mask byte, the machine finisher (a LINK_FIN_STATES byte and the last 32-bit word written), each
# node's cell finisher likewise, the cycle counter, and each hart's instret, 8 bytes each. Byte
# offsets: LINK_STATUS_FAIL_MASK, _MFIN, then node n's finisher at _CFIN + _FIN_BYTES * n, the
# counters from _CFIN + _FIN_BYTES * nodes on.
LINK_STATUS_FLAGS = [
    ("IN_RESET", 0, 1, "the SoC is held in reset"),
    ("ELF_MODE", 1, 1, "elf mode (the machine finisher answers)"),
    ("DROPPED", 2, 1, "console bytes were dropped since the last status"),
    ("MEMORY_READY", 3, 1, "the node memory is initialized (SDRAM) and takes requests"),
    ("FLASH", 4, 2, "the flash reader's state (FLASH_STATES)"),
]
LINK_FIN_STATES = [
    ("NONE", 0, "nothing written yet"),
    ("PASS", 1, "FINISH_PASS"),
    ("FAIL", 2, "FINISH_FAIL (the code in the word's upper half)"),
    ("RESET", 3, "FINISH_RESET"),
]
LINK_STATUS_FAIL_MASK = 1
LINK_STATUS_MFIN = 2
LINK_STATUS_CFIN = 7
LINK_STATUS_FIN_BYTES = 5
LINK_NODE_MARK = 0x30  # DLE ('0' + n): the console bytes that follow are node n's
LINK_IDENT_MAGIC = 0x5648  # "HV", the identify answer's first two bytes
LINK_VERSION = 1
BOARDS = [("ULX3S", 1, "ULX3S 85F"), ("ARTY", 2, "Arty A7-100T")]
# The ULX3S's flash boot image (fpga/common/board_spi_flash.sv; docs/fpga.md, "Flash boot"): its
# place in the flash (3 MiB: past the bitstream, 1 MiB left on the smallest, 4 MB, flash), the
# magic that starts its header ("HVB1" as a little-endian word), how far the reader's READ
# command reaches (a 3-byte address: 16 MiB), and what the reader reports.
FLASH_IMAGE_OFFSET = 0x300000
FLASH_IMAGE_MAGIC = 0x31425648
FLASH_READ_REACH = 1 << 24
FLASH_STATES = [
    ("READING", 0, "reading the image"),
    ("BOOTED", 1, "the image's CRC matched: the SoC was released"),
    ("NO_IMAGE", 2, "no image (no magic, or no flash)"),
    ("REFUSED", 3, "a bad length or CRC: the SoC stays held"),
]
