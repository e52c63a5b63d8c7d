/* The in-memory file system (see fs.h). */
#include "cell.h"
#include "errno.h"
#include "fs.h"
#include "kalloc.h"
#include "kstring.h"
#include "mem.h"
#include "pagecache.h"
#include "printf.h"
#include "vm.h"

#define NIHASH 128
static struct inode *ihash[NIHASH];
static struct spinlock itable_lock = { 0, "itable", NULL };
static uint32_t next_ino = 1;
static uint64_t ninodes;
struct inode *fs_root;

static struct inode *inode_alloc(uint16_t type)
{
	struct inode *ip = kalloc(sizeof(*ip), KT_INODE);
	if (!ip)
		return NULL;
	ip->type = type;
	ip->ref = 1;
	ip->data_home = cell.id;
	ip->gen = 1;
	sleep_init(&ip->lock, "inode");
	spin_lock(&itable_lock);
	ip->ino = next_ino++;
	ip->hnext = ihash[ip->ino % NIHASH];
	ihash[ip->ino % NIHASH] = ip;
	ninodes++;
	spin_unlock(&itable_lock);
	return ip;
}

static struct inode *inode_by_ino(uint32_t ino)
{
	spin_lock(&itable_lock);
	struct inode *ip = ihash[ino % NIHASH];
	while (ip && ip->ino != ino)
		ip = ip->hnext;
	if (ip)
		ip->ref++;
	spin_unlock(&itable_lock);
	return ip;
}

void inode_ref(struct inode *ip)
{
	spin_lock(&itable_lock);
	ip->ref++;
	spin_unlock(&itable_lock);
}

void inode_put(struct inode *ip)
{
	spin_lock(&itable_lock);
	if (ip->ref < 1)
		panic("inode_put: inode %u ref %d", ip->ino, ip->ref);
	if (--ip->ref > 0 || ip->nlink > 0) {
		spin_unlock(&itable_lock);
		return;
	}
	struct inode **pp = &ihash[ip->ino % NIHASH];
	while (*pp != ip)
		pp = &(*pp)->hnext;
	*pp = ip->hnext;
	ninodes--;
	spin_unlock(&itable_lock);
	pagecache_drop(ip, 0);
	kfree(ip, KT_INODE);
}

uint64_t inode_size(struct inode *ip) { return __atomic_load_n(&ip->size, __ATOMIC_RELAXED); }

uint64_t fs_ninodes(void) { return ninodes; }

/* ---- data (ip locked) */

static long rw_locked(struct inode *ip, uint64_t ubuf, bool user, uint64_t off, size_t n,
		      bool write)
{
	size_t done = 0;
	while (done < n) {
		uint64_t pos = off + done, pgoff = pos / PAGE_SIZE;
		size_t in = pos % PAGE_SIZE, chunk = MIN(n - done, PAGE_SIZE - in);
		struct pfdat *pd = pagecache_get(ip, pgoff, write);
		if (write && !pd)
			return done ? (long)done : -ENOSPC;
		int r = 0;
		if (write) {
			uint8_t *dst = (uint8_t *)pfdat_kva(pd) + in;
			if (user)
				r = copyin(dst, ubuf + done, chunk);
			else
				memcpy(dst, (const void *)(ubuf + done), chunk);
			if (pos + chunk > ip->size)
				ip->size = pos + chunk;
		} else {
			static const uint8_t zeros[256];
			if (pd) {
				const uint8_t *src = (const uint8_t *)pfdat_kva(pd) + in;
				if (user)
					r = copyout(ubuf + done, src, chunk);
				else
					memcpy((void *)(ubuf + done), src, chunk);
			} else { /* a hole */
				for (size_t z = 0; z < chunk && r == 0; z += sizeof(zeros)) {
					size_t m = MIN(sizeof(zeros), chunk - z);
					if (user)
						r = copyout(ubuf + done + z, zeros, m);
					else
						memset((void *)(ubuf + done + z), 0, m);
				}
			}
		}
		if (pd)
			frame_put(pd);
		if (r < 0)
			return done ? (long)done : r;
		done += chunk;
	}
	if (write && done)
		__atomic_add_fetch(&vm_icache_gen, 1, __ATOMIC_RELEASE); /* it may be code */
	return (long)done;
}

long fs_read(struct inode *ip, uint64_t dst, bool user, uint64_t off, size_t n)
{
	sleep_lock(&ip->lock);
	long r = 0;
	if (off < ip->size) {
		n = MIN(n, ip->size - off);
		r = rw_locked(ip, dst, user, off, n, false);
	}
	sleep_unlock(&ip->lock);
	return r;
}

long fs_write(struct inode *ip, uint64_t src, bool user, uint64_t off, size_t n)
{
	if (ip->type == T_DIR)
		return -EISDIR;
	if (off > FS_MAX_FILE || n > FS_MAX_FILE - off)
		return -EFBIG;
	sleep_lock(&ip->lock);
	long r = rw_locked(ip, src, user, off, n, true);
	sleep_unlock(&ip->lock);
	return r;
}

int fs_truncate(struct inode *ip, uint64_t size)
{
	if (ip->type == T_DIR)
		return -EISDIR;
	if (size > FS_MAX_FILE)
		return -EFBIG;
	sleep_lock(&ip->lock);
	if (size < ip->size) {
		pagecache_drop(ip, PG_ROUNDUP(size) / PAGE_SIZE);
		if (size % PAGE_SIZE) { /* zero the tail of the last page */
			struct pfdat *pd = pagecache_get(ip, size / PAGE_SIZE, false);
			if (pd) {
				memset((uint8_t *)pfdat_kva(pd) + size % PAGE_SIZE, 0,
				       PAGE_SIZE - size % PAGE_SIZE);
				frame_put(pd);
			}
		}
	}
	ip->size = size;
	sleep_unlock(&ip->lock);
	return 0;
}

void fs_stat(struct inode *ip, struct stat *st)
{
	st->ino = ip->ino;
	st->type = ip->type;
	st->nlink = ip->nlink;
	st->size = ip->size;
	st->data_home = ip->data_home;
	st->gen = ip->gen;
}

struct inode *fs_anon(uint64_t size)
{
	struct inode *ip = inode_alloc(T_FILE);
	if (ip)
		ip->size = size;
	return ip;
}

/* ---- directories (dp locked) */

static bool name_eq(const char *a, const char *dirent_name)
{
	return strncmp(a, dirent_name, DIRNAME) == 0;
}

/* the entry's offset, or -1 */
static long dir_find(struct inode *dp, const char *name, uint32_t *ino)
{
	struct dirent de;
	for (uint64_t off = 0; off + sizeof(de) <= dp->size; off += sizeof(de)) {
		if (rw_locked(dp, (uint64_t)&de, false, off, sizeof(de), false) != sizeof(de))
			break;
		if (de.ino && name_eq(name, de.name)) {
			if (ino)
				*ino = de.ino;
			return (long)off;
		}
	}
	return -1;
}

static int dir_add(struct inode *dp, const char *name, uint32_t ino)
{
	struct dirent de;
	uint64_t off;
	for (off = 0; off + sizeof(de) <= dp->size; off += sizeof(de)) {
		if (rw_locked(dp, (uint64_t)&de, false, off, sizeof(de), false) != sizeof(de))
			return -EIO;
		if (!de.ino)
			break;
	}
	memset(&de, 0, sizeof(de));
	strncpy(de.name, name, DIRNAME);
	de.ino = ino;
	return rw_locked(dp, (uint64_t)&de, false, off, sizeof(de), true) == sizeof(de) ? 0 : -ENOSPC;
}

static bool dir_empty(struct inode *dp)
{
	struct dirent de;
	for (uint64_t off = 2 * sizeof(de); off + sizeof(de) <= dp->size; off += sizeof(de)) {
		if (rw_locked(dp, (uint64_t)&de, false, off, sizeof(de), false) != sizeof(de))
			break;
		if (de.ino)
			return false;
	}
	return true;
}

/* the next path element into name; returns the rest of the path or NULL at the end */
static const char *next_elem(const char *path, char *name, int *err)
{
	while (*path == '/')
		path++;
	if (!*path)
		return NULL;
	const char *s = path;
	while (*path && *path != '/')
		path++;
	size_t len = (size_t)(path - s);
	if (len >= DIRNAME) {
		*err = -ENAMETOOLONG;
		len = DIRNAME - 1;
	}
	memcpy(name, s, len);
	name[len] = 0;
	return path;
}

/* resolves path; with parent set, stops at the last element's directory and copies the
 * last element into name */
static struct inode *resolve(struct inode *cwd, const char *path, bool parent, char *name,
			     int *err)
{
	*err = 0;
	if (!*path) {
		*err = -ENOENT;
		return NULL;
	}
	struct inode *ip = (*path == '/' || !cwd) ? fs_root : cwd;
	inode_ref(ip);
	char elem[DIRNAME];
	const char *rest = path;
	for (;;) {
		const char *after = next_elem(rest, elem, err);
		if (*err) {
			inode_put(ip);
			return NULL;
		}
		if (!after) { /* no more elements */
			if (parent) { /* "/" or "" has no parent/name */
				inode_put(ip);
				*err = -EINVAL;
				return NULL;
			}
			return ip;
		}
		if (ip->type != T_DIR) {
			inode_put(ip);
			*err = -ENOTDIR;
			return NULL;
		}
		if (parent) {
			int e2 = 0;
			char tmp[DIRNAME];
			if (!next_elem(after, tmp, &e2)) { /* elem is the last */
				memcpy(name, elem, DIRNAME);
				return ip;
			}
		}
		sleep_lock(&ip->lock);
		uint32_t ino = 0;
		long off = dir_find(ip, elem, &ino);
		sleep_unlock(&ip->lock);
		struct inode *next = off >= 0 ? inode_by_ino(ino) : NULL;
		inode_put(ip);
		if (!next) {
			*err = -ENOENT;
			return NULL;
		}
		ip = next;
		rest = after;
	}
}

struct inode *fs_lookup(struct inode *cwd, const char *path, int *err)
{
	return resolve(cwd, path, false, NULL, err);
}

struct inode *fs_create(struct inode *cwd, const char *path, uint16_t type, bool excl, int *err)
{
	char name[DIRNAME];
	struct inode *dp = resolve(cwd, path, true, name, err);
	if (!dp)
		return NULL;
	if (dp->type != T_DIR) {
		inode_put(dp);
		*err = -ENOTDIR;
		return NULL;
	}
	if (!strcmp(name, ".") || !strcmp(name, "..")) {
		inode_put(dp);
		*err = -EEXIST;
		return NULL;
	}
	sleep_lock(&dp->lock);
	uint32_t ino;
	struct inode *ip = NULL;
	if (dir_find(dp, name, &ino) >= 0) {
		ip = inode_by_ino(ino);
		sleep_unlock(&dp->lock);
		inode_put(dp);
		if (excl || !ip || ip->type != type) {
			if (ip)
				inode_put(ip);
			*err = excl ? -EEXIST : (ip && ip->type == T_DIR ? -EISDIR : -EEXIST);
			return NULL;
		}
		return ip;
	}
	if (dp->nlink == 0) { /* removed directory */
		sleep_unlock(&dp->lock);
		inode_put(dp);
		*err = -ENOENT;
		return NULL;
	}
	ip = inode_alloc(type);
	if (!ip) {
		sleep_unlock(&dp->lock);
		inode_put(dp);
		*err = -ENOMEM;
		return NULL;
	}
	ip->nlink = 1;
	int r = 0;
	if (type == T_DIR) {
		sleep_lock(&ip->lock);
		r = dir_add(ip, ".", ip->ino);
		if (!r)
			r = dir_add(ip, "..", dp->ino);
		sleep_unlock(&ip->lock);
		if (!r)
			dp->nlink++;
	}
	if (!r)
		r = dir_add(dp, name, ip->ino);
	sleep_unlock(&dp->lock);
	inode_put(dp);
	if (r) {
		ip->nlink = 0;
		inode_put(ip);
		*err = r;
		return NULL;
	}
	return ip;
}

int fs_unlink(struct inode *cwd, const char *path)
{
	char name[DIRNAME];
	int err;
	struct inode *dp = resolve(cwd, path, true, name, &err);
	if (!dp)
		return err;
	if (dp->type != T_DIR) {
		inode_put(dp);
		return -ENOTDIR;
	}
	if (!strcmp(name, ".") || !strcmp(name, "..")) {
		inode_put(dp);
		return -EINVAL;
	}
	sleep_lock(&dp->lock);
	uint32_t ino;
	long off = dir_find(dp, name, &ino);
	struct inode *ip = off >= 0 ? inode_by_ino(ino) : NULL;
	if (!ip) {
		sleep_unlock(&dp->lock);
		inode_put(dp);
		return -ENOENT;
	}
	if (ip->type == T_DIR) {
		sleep_lock(&ip->lock);
		bool empty = dir_empty(ip);
		sleep_unlock(&ip->lock);
		if (!empty) {
			sleep_unlock(&dp->lock);
			inode_put(ip);
			inode_put(dp);
			return -ENOTEMPTY;
		}
	}
	struct dirent de;
	memset(&de, 0, sizeof(de));
	rw_locked(dp, (uint64_t)&de, false, (uint64_t)off, sizeof(de), true);
	if (ip->type == T_DIR)
		dp->nlink--;
	sleep_unlock(&dp->lock);
	inode_put(dp);
	spin_lock(&itable_lock);
	ip->nlink = ip->type == T_DIR ? 0 : ip->nlink - 1;
	spin_unlock(&itable_lock);
	inode_put(ip);
	return 0;
}

void fs_init(void)
{
	pagecache_init();
	fs_root = inode_alloc(T_DIR);
	if (!fs_root)
		panic("fs: no memory for the root");
	fs_root->nlink = 1;
	fs_root->ref = 1; /* held forever */
	sleep_lock(&fs_root->lock);
	if (dir_add(fs_root, ".", fs_root->ino) || dir_add(fs_root, "..", fs_root->ino))
		panic("fs: cannot build the root");
	sleep_unlock(&fs_root->lock);
}
