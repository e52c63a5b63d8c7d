/* Initial files (see initfs.h). */
#include "errno.h"
#include "fs.h"
#include "initfs.h"
#include "kstring.h"
#include "param.h"
#include "printf.h"

static uint64_t rd(const uint8_t *p, int n)
{
	uint64_t v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

int initfs_load(const uint8_t *img, uint64_t len)
{
	if (len < 16 || memcmp(img, "HIVEIFS1", 8))
		return -EINVAL;
	uint32_t count = (uint32_t)rd(img + 8, 4);
	uint64_t off = 16;
	int made = 0;
	for (uint32_t i = 0; i < count; i++) {
		if (off > len || len - off < 16)
			return -EINVAL;
		uint32_t type = (uint32_t)rd(img + off, 4), plen = (uint32_t)rd(img + off + 4, 4);
		uint64_t size = rd(img + off + 8, 8);
		off += 16;
		uint64_t padp = (plen + 7) & ~7UL;
		if (plen == 0 || plen >= MAXPATH || padp > len - off)
			return -EINVAL;
		char path[MAXPATH];
		memcpy(path, img + off, plen);
		path[plen] = 0;
		off += padp;
		uint64_t padd = (size + 7) & ~7UL;
		if (size > len || padd > len - off)
			return -EINVAL;
		int err = 0;
		struct inode *ip = fs_create(NULL, path, (uint16_t)type, false, &err);
		if (!ip)
			return err;
		if (type == T_FILE && size &&
		    fs_write(ip, (uint64_t)(img + off), false, 0, size) != (long)size) {
			inode_put(ip);
			return -ENOSPC;
		}
		inode_put(ip);
		off += padd;
		made++;
	}
	return made;
}
