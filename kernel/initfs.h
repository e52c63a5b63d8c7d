/*
 * The initial files, from an image linked into the kernel (initfs_image.S, built by
 * kernel/mkinitfs.py). Format, little-endian: "HIVEIFS1", u32 count, u32 0; then per entry
 * u32 type (T_DIR or T_FILE), u32 path length, u64 size, the path (no NUL) padded to 8 bytes,
 * the data padded to 8 bytes. Directories come before what they hold.
 */
#ifndef KERNEL_INITFS_H
#define KERNEL_INITFS_H

#include "types.h"

/* Unpacks the image into the file system; returns files created or a negative error. */
int initfs_load(const uint8_t *img, uint64_t len);
extern const uint8_t initfs_start[], initfs_end[];

#endif
