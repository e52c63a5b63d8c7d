/* File system calls (see syscall.h). */
#include "errno.h"
#include "file.h"
#include "fs.h"
#include "kstring.h"
#include "param.h"
#include "proc.h"
#include "syscall.h"
#include "vm.h"

static size_t strnlen_dirent(const char *s)
{
	size_t n = 0;
	while (n < DIRNAME && s[n])
		n++;
	return n;
}

static int fd_alloc(struct file *f)
{
	struct proc *p = myproc();
	for (int i = 0; i < NOFILE; i++)
		if (!p->ofile[i]) {
			p->ofile[i] = f;
			return i;
		}
	return -EMFILE;
}

static int get_path(char *buf, uint64_t uaddr)
{
	int r = copyinstr(buf, uaddr, MAXPATH);
	if (r == 0)
		return -ENOENT;
	return r < 0 ? r : 0;
}

long sys_read(uint64_t *a)
{
	struct file *f = fd_get((long)a[0]);
	if (!f)
		return -EBADF;
	if ((long)a[2] < 0)
		return -EINVAL;
	return file_read(f, a[1], a[2]);
}

long sys_write(uint64_t *a)
{
	struct file *f = fd_get((long)a[0]);
	if (!f)
		return -EBADF;
	if ((long)a[2] < 0)
		return -EINVAL;
	return file_write(f, a[1], a[2]);
}

long sys_open(uint64_t *a)
{
	char path[MAXPATH];
	int r = get_path(path, a[0]);
	if (r)
		return r;
	int flags = (int)a[1];
	int mode = flags & O_ACCMODE;
	if (mode == O_ACCMODE || (flags & ~(O_ACCMODE | O_CREAT | O_TRUNC | O_APPEND)))
		return -EINVAL;
	struct proc *p = myproc();
	struct inode *ip;
	if (flags & O_CREAT)
		ip = fs_create(p->cwd, path, T_FILE, false, &r);
	else
		ip = fs_lookup(p->cwd, path, &r);
	if (!ip)
		return r;
	if (ip->type == T_DIR && mode != O_RDONLY) {
		inode_put(ip);
		return -EISDIR;
	}
	if ((flags & O_TRUNC) && mode != O_RDONLY && ip->type == T_FILE)
		fs_truncate(ip, 0);
	struct file *f = file_alloc(F_INODE);
	if (!f) {
		inode_put(ip);
		return -ENOMEM;
	}
	f->ip = ip;
	f->gen = ip->gen;
	f->readable = mode != O_WRONLY;
	f->writable = mode != O_RDONLY;
	f->append = (flags & O_APPEND) != 0;
	int fd = fd_alloc(f);
	if (fd < 0)
		file_close(f);
	return fd;
}

long sys_close(uint64_t *a)
{
	struct file *f = fd_get((long)a[0]);
	if (!f)
		return -EBADF;
	myproc()->ofile[a[0]] = NULL;
	file_close(f);
	return 0;
}

long sys_dup(uint64_t *a)
{
	struct file *f = fd_get((long)a[0]);
	if (!f)
		return -EBADF;
	int fd = fd_alloc(file_dup(f));
	if (fd < 0)
		file_close(f);
	return fd;
}

long sys_dup2(uint64_t *a)
{
	struct file *f = fd_get((long)a[0]);
	long nfd = (long)a[1];
	if (!f || nfd < 0 || nfd >= NOFILE)
		return -EBADF;
	if ((long)a[0] == nfd)
		return nfd;
	struct proc *p = myproc();
	struct file *old = p->ofile[nfd];
	p->ofile[nfd] = file_dup(f);
	if (old)
		file_close(old);
	return nfd;
}

long sys_pipe(uint64_t *a)
{
	struct file *rf, *wf;
	int r = pipe_create(&rf, &wf);
	if (r)
		return r;
	int fds[2] = { fd_alloc(rf), -1 };
	if (fds[0] >= 0)
		fds[1] = fd_alloc(wf);
	if (fds[0] < 0 || fds[1] < 0 || copyout(a[0], fds, sizeof(fds)) < 0) {
		struct proc *p = myproc();
		if (fds[0] >= 0)
			p->ofile[fds[0]] = NULL;
		if (fds[1] >= 0)
			p->ofile[fds[1]] = NULL;
		file_close(rf);
		file_close(wf);
		return fds[0] < 0 || fds[1] < 0 ? -EMFILE : -EFAULT;
	}
	return 0;
}

long sys_fstat(uint64_t *a)
{
	struct file *f = fd_get((long)a[0]);
	if (!f)
		return -EBADF;
	return file_stat(f, a[1]);
}

long sys_mkdir(uint64_t *a)
{
	char path[MAXPATH];
	int r = get_path(path, a[0]);
	if (r)
		return r;
	struct inode *ip = fs_create(myproc()->cwd, path, T_DIR, true, &r);
	if (!ip)
		return r;
	inode_put(ip);
	return 0;
}

long sys_unlink(uint64_t *a)
{
	char path[MAXPATH];
	int r = get_path(path, a[0]);
	if (r)
		return r;
	return fs_unlink(myproc()->cwd, path);
}

long sys_chdir(uint64_t *a)
{
	char path[MAXPATH];
	int r = get_path(path, a[0]);
	if (r)
		return r;
	struct proc *p = myproc();
	struct inode *ip = fs_lookup(p->cwd, path, &r);
	if (!ip)
		return r;
	if (ip->type != T_DIR) {
		inode_put(ip);
		return -ENOTDIR;
	}
	inode_put(p->cwd);
	p->cwd = ip;
	return 0;
}

long sys_lseek(uint64_t *a)
{
	struct file *f = fd_get((long)a[0]);
	if (!f)
		return -EBADF;
	return file_lseek(f, (long)a[1], (int)a[2]);
}

/* the path of the working directory, rebuilt through ".." entries */
long sys_getcwd(uint64_t *a)
{
	uint64_t ubuf = a[0], size = a[1];
	char path[MAXPATH], tmp[MAXPATH];
	struct proc *p = myproc();
	struct inode *ip = p->cwd;
	size_t len = 0;
	path[0] = 0;
	inode_ref(ip);
	int err;
	while (ip != fs_root) {
		struct inode *parent = fs_lookup(ip, "..", &err);
		if (!parent)
			break;
		/* find ip's name in parent */
		struct dirent de;
		bool found = false;
		for (uint64_t off = 0; fs_read(parent, (uint64_t)&de, false, off, sizeof(de)) ==
				       (long)sizeof(de); off += sizeof(de))
			if (de.ino == ip->ino && strcmp(de.name, ".") && strcmp(de.name, "..")) {
				found = true;
				break;
			}
		inode_put(ip);
		ip = parent;
		if (!found)
			break;
		size_t n = strnlen_dirent(de.name);
		if (len + n + 1 >= sizeof(path)) {
			inode_put(ip);
			return -ERANGE;
		}
		memcpy(tmp, path, len + 1);
		path[0] = '/';
		memcpy(path + 1, de.name, n);
		memcpy(path + 1 + n, tmp, len + 1);
		len += n + 1;
	}
	inode_put(ip);
	if (len == 0) {
		path[0] = '/';
		path[1] = 0;
		len = 1;
	}
	if (size < len + 1)
		return -ERANGE;
	if (copyout(ubuf, path, len + 1) < 0)
		return -EFAULT;
	return (long)len;
}

long sys_getdents(uint64_t *a)
{
	struct file *f = fd_get((long)a[0]);
	if (!f)
		return -EBADF;
	if (f->kind != F_INODE || f->ip->type != T_DIR)
		return -ENOTDIR;
	uint64_t n = a[2] - a[2] % sizeof(struct dirent);
	if ((long)a[2] < 0 || n == 0)
		return -EINVAL;
	return file_read(f, a[1], n);
}

long sys_ftruncate(uint64_t *a)
{
	struct file *f = fd_get((long)a[0]);
	if (!f)
		return -EBADF;
	if (f->kind != F_INODE || !f->writable)
		return -EINVAL;
	if ((long)a[1] < 0)
		return -EINVAL;
	return fs_truncate(f->ip, a[1]);
}

long sys_getdatahome(uint64_t *a)
{
	struct file *f = fd_get((long)a[0]);
	if (!f)
		return -EBADF;
	if (f->kind != F_INODE)
		return -EINVAL;
	return f->ip->data_home;
}
