#!/usr/bin/env python3
"""Builds the kernel's initial file-system image (format: kernel/initfs.h).

usage: mkinitfs.py -o IMAGE ENTRY...
  ENTRY is DIR/ (a directory, e.g. /bin/) or PATH=HOSTFILE (a file with HOSTFILE's bytes).
Parent directories are added before what they hold.
"""
import argparse
import struct
import sys

T_DIR, T_FILE = 1, 2


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("-o", "--out", required=True)
    p.add_argument("entries", nargs="+")
    a = p.parse_args()
    dirs, files = [], []
    for e in a.entries:
        if "=" in e:
            path, host = e.split("=", 1)
            files.append((path, host))
        else:
            dirs.append(e.rstrip("/"))
    for path, _ in files:
        parts = path.strip("/").split("/")[:-1]
        for i in range(1, len(parts) + 1):
            d = "/" + "/".join(parts[:i])
            if d not in dirs:
                dirs.append(d)
    dirs = sorted(set(d for d in dirs if d), key=lambda d: d.count("/"))
    out = bytearray()
    count = 0

    def pad8(b):
        return b + bytes(-len(b) % 8)

    for d in dirs:
        name = d.encode()
        out += struct.pack("<IIQ", T_DIR, len(name), 0) + pad8(name)
        count += 1
    for path, host in files:
        try:
            data = open(host, "rb").read()
        except OSError as e:
            sys.exit("mkinitfs: %s: %s" % (host, e.strerror))
        name = path.encode()
        if len(name) >= 128:
            sys.exit("mkinitfs: path too long: %s" % path)
        out += struct.pack("<IIQ", T_FILE, len(name), len(data)) + pad8(name) + pad8(data)
        count += 1
    with open(a.out, "wb") as f:
        f.write(b"HIVEIFS1" + struct.pack("<II", count, 0) + out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
