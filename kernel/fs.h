/*
 * The in-memory file system: inodes with directories, whose data lives in the page cache
 * (pagecache.h). Each inode records its data home cell (paper section 5: the cell that owns
 * the file's data; always this cell today) and a generation number (bumped when data of the
 * file is lost: paper section 4.2). A directory's data is an array of struct dirent with "."
 * and ".." first. Paths are absolute or relative to a directory; a name has at most
 * DIRNAME - 1 bytes (longer: -ENAMETOOLONG).
 *
 * Locking: each inode has a sleeplock held across an operation; path lookup holds one
 * directory at a time. Reference counts (inode_ref/inode_put) keep an inode alive; it is
 * freed when it has neither links nor references.
 */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include "types.h"
#include "spinlock.h"
#include "uapi.h"

struct pfdat;

struct inode {
	uint32_t ino;
	uint16_t type;       /* T_DIR, T_FILE, T_DEV */
	uint16_t nlink;
	int ref;             /* under the inode-table lock */
	uint64_t size;
	uint32_t data_home;  /* cell that owns the data */
	uint32_t gen;
	struct sleeplock lock;
	struct pfdat *pages; /* page-cache pages (pagecache.c) */
	uint64_t npages;
	struct inode *hnext; /* inode-number hash */
};

#define FS_MAX_FILE (64UL << 20)

void fs_init(void);
extern struct inode *fs_root;
void inode_ref(struct inode *ip);
void inode_put(struct inode *ip);
uint64_t inode_size(struct inode *ip);

/* Path operations (cwd: start of relative paths, NULL for the root). Results hold a ref. */
struct inode *fs_lookup(struct inode *cwd, const char *path, int *err);
struct inode *fs_create(struct inode *cwd, const char *path, uint16_t type, bool excl, int *err);
int fs_unlink(struct inode *cwd, const char *path);

/* Data: dst/src are user addresses of the current process when user, kernel otherwise.
 * Return bytes moved or a negative error. */
long fs_read(struct inode *ip, uint64_t dst, bool user, uint64_t off, size_t n);
long fs_write(struct inode *ip, uint64_t src, bool user, uint64_t off, size_t n);
int fs_truncate(struct inode *ip, uint64_t size);
void fs_stat(struct inode *ip, struct stat *st);
/* An unnamed file of size bytes (zero), backing a shared anonymous mapping. */
struct inode *fs_anon(uint64_t size);
uint64_t fs_ninodes(void);

#endif
