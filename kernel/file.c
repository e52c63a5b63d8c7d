/* Open files (see file.h). */
#include "console.h"
#include "errno.h"
#include "file.h"
#include "fs.h"
#include "kalloc.h"
#include "printf.h"
#include "vm.h"

struct file *file_alloc(enum file_kind kind)
{
	struct file *f = kalloc(sizeof(*f), KT_FILE);
	if (!f)
		return NULL;
	f->kind = kind;
	f->ref = 1;
	spin_init(&f->lock, "file");
	return f;
}

struct file *file_dup(struct file *f)
{
	spin_lock(&f->lock);
	if (f->ref < 1)
		panic("file_dup: ref %d", f->ref);
	f->ref++;
	spin_unlock(&f->lock);
	return f;
}

void file_close(struct file *f)
{
	spin_lock(&f->lock);
	if (f->ref < 1)
		panic("file_close: ref %d", f->ref);
	int left = --f->ref;
	spin_unlock(&f->lock);
	if (left)
		return;
	if (f->kind == F_INODE)
		inode_put(f->ip);
	else if (f->kind == F_PIPE)
		pipe_close(f->pipe, f->writable);
	kfree(f, KT_FILE);
}

long file_read(struct file *f, uint64_t udst, size_t n)
{
	if (!f->readable)
		return -EBADF;
	switch (f->kind) {
	case F_CONSOLE:
		return console_read(udst, n);
	case F_PIPE:
		return pipe_read(f->pipe, udst, n);
	case F_INODE: {
		spin_lock(&f->lock);
		uint64_t off = f->off;
		spin_unlock(&f->lock);
		long r = fs_read(f->ip, udst, true, off, n);
		if (r > 0) {
			spin_lock(&f->lock);
			f->off = off + (uint64_t)r;
			spin_unlock(&f->lock);
		}
		return r;
	}
	}
	return -EBADF;
}

long file_write(struct file *f, uint64_t usrc, size_t n)
{
	if (!f->writable)
		return -EBADF;
	switch (f->kind) {
	case F_CONSOLE: {
		char buf[128];
		size_t done = 0;
		while (done < n) {
			size_t m = MIN(sizeof(buf), n - done);
			if (copyin(buf, usrc + done, m) < 0)
				return done ? (long)done : -EFAULT;
			console_write(buf, m);
			done += m;
		}
		return (long)done;
	}
	case F_PIPE:
		return pipe_write(f->pipe, usrc, n);
	case F_INODE: {
		spin_lock(&f->lock);
		uint64_t off = f->append ? inode_size(f->ip) : f->off;
		spin_unlock(&f->lock);
		long r = fs_write(f->ip, usrc, true, off, n);
		if (r > 0) {
			spin_lock(&f->lock);
			f->off = off + (uint64_t)r;
			spin_unlock(&f->lock);
		}
		return r;
	}
	}
	return -EBADF;
}

int file_stat(struct file *f, uint64_t ustat)
{
	struct stat st = { 0 };
	if (f->kind == F_INODE)
		fs_stat(f->ip, &st);
	else
		st.type = f->kind == F_PIPE ? T_PIPE : T_DEV;
	return copyout(ustat, &st, sizeof(st));
}

long file_lseek(struct file *f, long off, int whence)
{
	if (f->kind != F_INODE)
		return -ESPIPE;
	spin_lock(&f->lock);
	long base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (long)f->off
		    : whence == SEEK_END ? (long)inode_size(f->ip) : -1;
	long r = -EINVAL;
	if (base >= 0 && !(off > 0 && base + off < base) && base + off >= 0 &&
	    (uint64_t)(base + off) <= FS_MAX_FILE) {
		f->off = (uint64_t)(base + off);
		r = base + off;
	}
	spin_unlock(&f->lock);
	return r;
}
