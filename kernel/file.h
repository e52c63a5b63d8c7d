/*
 * Open files: the objects behind file descriptors (an inode with an offset, one end of a
 * pipe, or the console), shared by dup and fork, and pipes (pipe.c).
 */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include "types.h"
#include "spinlock.h"

enum file_kind { F_INODE = 1, F_PIPE, F_CONSOLE };

struct inode;
struct pipe;

struct file {
	enum file_kind kind;
	int ref;             /* under the file lock */
	bool readable, writable, append;
	struct inode *ip;    /* F_INODE */
	uint64_t off;        /* F_INODE, under lock */
	uint32_t gen;        /* the inode's generation when opened */
	struct pipe *pipe;   /* F_PIPE */
	struct spinlock lock;
};

struct file *file_alloc(enum file_kind kind);
struct file *file_dup(struct file *f);
void file_close(struct file *f);
long file_read(struct file *f, uint64_t udst, size_t n);
long file_write(struct file *f, uint64_t usrc, size_t n);
int file_stat(struct file *f, uint64_t ustat);
long file_lseek(struct file *f, long off, int whence);

int pipe_create(struct file **rf, struct file **wf);
void pipe_close(struct pipe *p, bool writer);
long pipe_read(struct pipe *p, uint64_t udst, size_t n);
long pipe_write(struct pipe *p, uint64_t usrc, size_t n);

#endif
