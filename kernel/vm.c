/* User address spaces: regions, demand paging, copy-on-write, user copies (see vm.h). */
#include "cpu.h"
#include "errno.h"
#include "fs.h"
#include "kalloc.h"
#include "kstring.h"
#include "mem.h"
#include "pagecache.h"
#include "printf.h"
#include "proc.h"
#include "riscv.h"
#include "vm.h"

volatile uint64_t vm_icache_gen = 1;

struct vmspace *vm_create(void)
{
	struct vmspace *vs = kalloc(sizeof(*vs), KT_VMSPACE);
	if (!vs)
		return NULL;
	vs->root = pt_create();
	if (!vs->root) {
		kfree(vs, KT_VMSPACE);
		return NULL;
	}
	pt_share(vs->root, kernel_root, USER_BASE, USER_TOP);
	spin_init(&vs->lock, "vmspace");
	vs->asid = (uint16_t)asid_alloc();
	return vs;
}

static void vma_free(struct vma *v)
{
	if (v->ip)
		inode_put(v->ip);
	kfree(v, KT_VMA);
}

struct unmap_arg {
	struct vmspace *vs;
};

static int unmap_one(void *arg, uint64_t va, pte_t *pte)
{
	struct unmap_arg *a = arg;
	UNUSED(va);
	struct pfdat *pd = pfdat_of(PTE_PA(*pte));
	*pte = 0;
	if (!pd)
		panic("vm: user mapping of a frame outside the cell");
	frame_put(pd);
	a->vs->resident--;
	return 0;
}

/* removes the pages of [start, end) (vs locked); the caller shoots the TLBs down */
static void unmap_pages(struct vmspace *vs, uint64_t start, uint64_t end)
{
	struct unmap_arg a = { vs };
	pt_foreach(vs->root, start, end, unmap_one, &a);
}

void vm_destroy(struct vmspace *vs)
{
	if (!vs)
		return;
	spin_lock(&vs->lock);
	unmap_pages(vs, USER_BASE, USER_TOP);
	while (vs->vmas) {
		struct vma *v = vs->vmas;
		vs->vmas = v->next;
		vma_free(v);
	}
	spin_unlock(&vs->lock);
	pt_free_range(vs->root, USER_BASE, USER_TOP);
	if (vs->asid) {
		/* no hart may keep translations under an ASID that will be reused */
		tlb_shootdown(vs, 0, 0);
		asid_free(vs->asid);
	}
	pt_destroy(vs->root);
	kfree(vs, KT_VMSPACE);
}

static struct vma *vma_find(struct vmspace *vs, uint64_t va)
{
	for (struct vma *v = vs->vmas; v && v->start <= va; v = v->next)
		if (va < v->end)
			return v;
	return NULL;
}

static bool range_free(struct vmspace *vs, uint64_t start, uint64_t end)
{
	for (struct vma *v = vs->vmas; v; v = v->next)
		if (v->start < end && start < v->end)
			return false;
	return true;
}

static void vma_insert(struct vmspace *vs, struct vma *n)
{
	struct vma **pp = &vs->vmas;
	while (*pp && (*pp)->start < n->start)
		pp = &(*pp)->next;
	n->next = *pp;
	*pp = n;
}

static int map_locked(struct vmspace *vs, uint64_t start, uint64_t len, uint32_t prot,
		      uint32_t flags, struct inode *ip, uint64_t off, uint64_t file_end)
{
	uint64_t end = start + len;
	if ((start | len) & (PAGE_SIZE - 1) || end <= start || start < USER_BASE || end > USER_TOP)
		return -EINVAL;
	if (!range_free(vs, start, end))
		return -EEXIST;
	struct vma *v = kalloc(sizeof(*v), KT_VMA);
	if (!v)
		return -ENOMEM;
	v->start = start;
	v->end = end;
	v->prot = prot;
	v->flags = flags;
	v->off = off;
	v->file_end = file_end;
	if (ip) {
		inode_ref(ip);
		v->ip = ip;
		v->gen = ip->gen;
	}
	vma_insert(vs, v);
	return 0;
}

int vm_map(struct vmspace *vs, uint64_t start, uint64_t len, uint32_t prot, uint32_t flags,
	   struct inode *ip, uint64_t off, uint64_t file_end)
{
	spin_lock(&vs->lock);
	int r = map_locked(vs, start, len, prot, flags, ip, off, file_end);
	spin_unlock(&vs->lock);
	return r;
}

static uint64_t pte_flags(uint32_t prot)
{
	uint64_t f = PTE_U | PTE_A;
	if (prot & PROT_READ)
		f |= PTE_R;
	if (prot & PROT_WRITE)
		f |= PTE_W | PTE_D | PTE_R;
	if (prot & PROT_EXEC)
		f |= PTE_X;
	return f;
}

/* a new anonymous page holding [src, src+n) followed by zeros */
static struct pfdat *anon_copy(const void *src, size_t n)
{
	struct pfdat *pd = frame_alloc(FT_ANON);
	if (pd && n)
		memcpy(pfdat_kva(pd), src, n);
	return pd;
}

/* fills the missing page at va of v (vs locked); *pte is invalid */
static int fill_page(struct vmspace *vs, struct vma *v, uint64_t va, enum vm_access acc,
		     pte_t *pte)
{
	uint64_t flags = pte_flags(v->prot);
	struct pfdat *pd = NULL;
	if (v->flags & VMA_FILE) {
		uint64_t pgoff = (v->off + (va - v->start)) / PAGE_SIZE;
		if (v->flags & VMA_SHARED) {
			if (pgoff * PAGE_SIZE >= PG_ROUNDUP(inode_size(v->ip)))
				return -EFAULT; /* past the end of the file */
			pd = pagecache_get(v->ip, pgoff, true);
			if (!pd)
				return -ENOMEM;
		} else if (va < v->file_end) {
			struct pfdat *cpd = pagecache_get(v->ip, pgoff, false);
			if (va + PAGE_SIZE <= v->file_end && cpd && acc != VM_WRITE) {
				/* the quick fault: map the cached page, copy on a later write */
				pd = cpd;
				flags &= ~(PTE_W | PTE_D);
				if (v->prot & PROT_WRITE)
					flags |= PTE_COW;
			} else {
				size_t n = cpd ? MIN(PAGE_SIZE, v->file_end - va) : 0;
				pd = anon_copy(cpd ? pfdat_kva(cpd) : NULL, n);
				if (cpd)
					frame_put(cpd);
				if (!pd)
					return -ENOMEM;
			}
		}
	}
	if (!pd) {
		pd = frame_alloc(FT_ANON);
		if (!pd)
			return -ENOMEM;
	}
	*pte = PA_PTE(pfdat_pa(pd)) | flags | PTE_V;
	vs->resident++;
	if (flags & PTE_X)
		__atomic_add_fetch(&vm_icache_gen, 1, __ATOMIC_RELEASE);
	return 0;
}

int vm_fault(struct vmspace *vs, uint64_t va, enum vm_access acc)
{
	va = PG_ROUNDDOWN(va);
	if (va < USER_BASE || va >= USER_TOP)
		return -EFAULT;
	spin_lock(&vs->lock);
	int r = -EFAULT;
	struct vma *v = vma_find(vs, va);
	if (!v)
		goto out;
	if ((acc == VM_WRITE && !(v->prot & PROT_WRITE)) ||
	    (acc == VM_EXEC && !(v->prot & PROT_EXEC)) ||
	    (acc == VM_READ && !(v->prot & (PROT_READ | PROT_WRITE))))
		goto out;
	pte_t *pte = pt_walk(vs->root, va, true);
	r = -ENOMEM;
	if (!pte)
		goto out;
	if (!(*pte & PTE_V)) {
		r = fill_page(vs, v, va, acc, pte);
		if (r == 0)
			sfence_vma_page(va);
		goto out;
	}
	r = 0;
	if (acc == VM_WRITE && !(*pte & PTE_W)) {
		if (!(*pte & PTE_COW)) {
			r = -EFAULT;
			goto out;
		}
		struct pfdat *old = pfdat_of(PTE_PA(*pte));
		uint64_t keep = PTE_FLAGS(*pte) & ~PTE_COW;
		if (old->type == FT_ANON && frame_refcnt(old) == 1) {
			*pte = PA_PTE(pfdat_pa(old)) | keep | PTE_W | PTE_D; /* last user: take it */
		} else {
			struct pfdat *pd = anon_copy(pfdat_kva(old), PAGE_SIZE);
			r = -ENOMEM;
			if (!pd)
				goto out;
			*pte = PA_PTE(pfdat_pa(pd)) | keep | PTE_W | PTE_D;
			/* another frame now: no hart may keep the old read-only translation */
			tlb_shootdown(vs, va, PAGE_SIZE);
			frame_put(old);
			r = 0;
			if (keep & PTE_X)
				__atomic_add_fetch(&vm_icache_gen, 1, __ATOMIC_RELEASE);
		}
	}
	sfence_vma_page(va); /* a stale or spurious translation */
out:
	spin_unlock(&vs->lock);
	return r;
}

struct fork_arg {
	struct vmspace *child;
	struct vma *v;
	int err;
};

static int fork_one(void *arg, uint64_t va, pte_t *pte)
{
	struct fork_arg *a = arg;
	struct pfdat *pd = pfdat_of(PTE_PA(*pte));
	if (!(a->v->flags & VMA_SHARED) && (*pte & PTE_W))
		*pte = (*pte & ~(PTE_W | PTE_D)) | PTE_COW;
	pte_t *c = pt_walk(a->child->root, va, true);
	if (!c) {
		a->err = -ENOMEM;
		return 1;
	}
	frame_get(pd);
	*c = *pte;
	a->child->resident++;
	return 0;
}

struct vmspace *vm_fork(struct vmspace *p)
{
	struct vmspace *c = vm_create();
	if (!c)
		return NULL;
	spin_lock(&p->lock);
	struct fork_arg a = { c, NULL, 0 };
	for (struct vma *v = p->vmas; v && !a.err; v = v->next) {
		struct vma *n = kalloc(sizeof(*n), KT_VMA);
		if (!n) {
			a.err = -ENOMEM;
			break;
		}
		*n = *v;
		n->next = NULL;
		if (n->ip)
			inode_ref(n->ip);
		vma_insert(c, n);
		a.v = v;
		pt_foreach(p->root, v->start, v->end, fork_one, &a);
	}
	c->heap_start = p->heap_start;
	c->brk = p->brk;
	/* the parent's writable private pages are now read-only */
	tlb_shootdown(p, 0, 0);
	spin_unlock(&p->lock);
	if (a.err) {
		vm_destroy(c);
		return NULL;
	}
	return c;
}

/* removes [start, end) from the regions (vs locked): trims, splits, frees */
static int unmap_range(struct vmspace *vs, uint64_t start, uint64_t end)
{
	struct vma **pp = &vs->vmas;
	while (*pp) {
		struct vma *v = *pp;
		if (v->end <= start || v->start >= end) {
			pp = &v->next;
			continue;
		}
		if (v->start < start && v->end > end) { /* split */
			struct vma *n = kalloc(sizeof(*n), KT_VMA);
			if (!n)
				return -ENOMEM;
			*n = *v;
			if (n->ip)
				inode_ref(n->ip);
			n->start = end;
			n->off = v->off + (end - v->start);
			v->end = start;
			n->next = v->next;
			v->next = n;
			pp = &n->next;
			continue;
		}
		if (v->start < start) {
			v->end = start;
			pp = &v->next;
		} else if (v->end > end) {
			v->off += end - v->start;
			v->start = end;
			pp = &v->next;
		} else {
			*pp = v->next;
			vma_free(v);
		}
	}
	unmap_pages(vs, start, end);
	return 0;
}

int vm_munmap(struct vmspace *vs, uint64_t addr, uint64_t len)
{
	if ((addr & (PAGE_SIZE - 1)) || len == 0 || len > USER_TOP - USER_BASE)
		return -EINVAL;
	len = PG_ROUNDUP(len);
	if (addr < USER_BASE || addr + len > USER_TOP)
		return -EINVAL;
	spin_lock(&vs->lock);
	int r = unmap_range(vs, addr, addr + len);
	tlb_shootdown(vs, addr, len);
	spin_unlock(&vs->lock);
	return r;
}

long vm_mmap(struct vmspace *vs, uint64_t addr, uint64_t len, int prot, int flags,
	     struct inode *ip, uint64_t off)
{
	if (len == 0 || len > USER_TOP - USER_BASE || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	len = PG_ROUNDUP(len);
	uint32_t vflags = (flags & MAP_SHARED) ? VMA_SHARED : 0;
	if (ip)
		vflags |= VMA_FILE;
	spin_lock(&vs->lock);
	long r;
	if (flags & MAP_FIXED) {
		r = -EINVAL;
		if ((addr & (PAGE_SIZE - 1)) || addr < USER_BASE || addr + len > USER_MMAP_TOP ||
		    addr + len < addr)
			goto out;
		r = unmap_range(vs, addr, addr + len);
		tlb_shootdown(vs, addr, len);
		if (r)
			goto out;
	} else {
		/* top-down first fit below the stack region, above the heap */
		uint64_t lo = PG_ROUNDUP(vs->brk) + 64 * PAGE_SIZE, hi = USER_MMAP_TOP;
		addr = 0;
		while (hi >= lo + len) {
			uint64_t cand = hi - len, next_hi = 0;
			bool ok = true;
			for (struct vma *v = vs->vmas; v; v = v->next)
				if (v->start < cand + len && cand < v->end) {
					ok = false;
					next_hi = v->start;
				}
			if (ok) {
				addr = cand;
				break;
			}
			if (next_hi >= hi)
				break;
			hi = next_hi;
		}
		r = -ENOMEM;
		if (!addr)
			goto out;
	}
	r = map_locked(vs, addr, len, (uint32_t)prot, vflags, ip, off, ip ? USER_TOP : 0);
	if (r == 0)
		r = (long)addr;
out:
	spin_unlock(&vs->lock);
	return r;
}

long vm_sbrk(struct vmspace *vs, long incr)
{
	spin_lock(&vs->lock);
	uint64_t old = vs->brk, nbrk = old + (uint64_t)incr;
	long r = -ENOMEM;
	if ((incr > 0 && (nbrk < old || nbrk > USER_MMAP_TOP)) ||
	    (incr < 0 && (nbrk > old || nbrk < vs->heap_start)))
		goto out;
	uint64_t oend = PG_ROUNDUP(old), nend = PG_ROUNDUP(nbrk);
	struct vma *h = NULL;
	for (struct vma *v = vs->vmas; v; v = v->next)
		if (v->flags & VMA_HEAP)
			h = v;
	if (nend > oend) {
		if (!range_free(vs, oend, nend))
			goto out;
		if (h)
			h->end = nend;
		else if (map_locked(vs, oend, nend - oend, PROT_READ | PROT_WRITE, VMA_HEAP, NULL, 0,
				    0))
			goto out;
	} else if (nend < oend) {
		unmap_range(vs, nend, oend);
		tlb_shootdown(vs, nend, oend - nend);
	}
	vs->brk = nbrk;
	r = (long)old;
out:
	spin_unlock(&vs->lock);
	return r;
}

void vm_activate(struct vmspace *vs)
{
	struct cpu *c = mycpu();
	struct vmspace *prev = c->vs;
	if (prev && !prev->asid)
		__atomic_and_fetch(&prev->tlb_harts, ~(1UL << c->id), __ATOMIC_RELAXED);
	c->vs = vs;
	if (!vs) {
		csr_write(satp, SATP_MAKE(kva_to_pa(kernel_root) >> 12, 0));
		return;
	}
	__atomic_or_fetch(&vs->tlb_harts, 1UL << c->id, __ATOMIC_RELAXED);
	csr_write(satp, SATP_MAKE(kva_to_pa(vs->root) >> 12, vs->asid));
	if (!vs->asid)
		sfence_vma_all();
}

void vm_sync_icache(void)
{
	struct cpu *c = mycpu();
	uint64_t g = __atomic_load_n(&vm_icache_gen, __ATOMIC_ACQUIRE);
	if (c->icache_gen != g) {
		fence_i();
		c->icache_gen = g;
	}
}

/* copies between kernel memory and user addresses of vs, faulting pages in */
static int uaccess(struct vmspace *vs, uint64_t uva, void *kbuf, size_t n, bool to_user)
{
	uint8_t *k = kbuf;
	if (uva < USER_BASE || uva >= USER_TOP || n > USER_TOP - uva)
		return -EFAULT;
	while (n) {
		uint64_t va0 = PG_ROUNDDOWN(uva);
		size_t chunk = MIN(n, PAGE_SIZE - (uva - va0));
		uint64_t need = to_user ? PTE_W : PTE_R;
		pte_t *pte = pt_walk(vs->root, va0, false);
		if (!pte || !(*pte & PTE_V) || !(*pte & need)) {
			if (vm_fault(vs, va0, to_user ? VM_WRITE : VM_READ) < 0)
				return -EFAULT;
			pte = pt_walk(vs->root, va0, false);
			if (!pte || !(*pte & PTE_V) || !(*pte & need))
				return -EFAULT;
		}
		uint8_t *p = pa_to_kva(PTE_PA(*pte));
		if (!p)
			return -EFAULT;
		p += uva - va0;
		if (to_user)
			memcpy(p, k, chunk);
		else
			memcpy(k, p, chunk);
		k += chunk;
		uva += chunk;
		n -= chunk;
	}
	return 0;
}

int copyin_vs(struct vmspace *vs, void *dst, uint64_t usrc, size_t n)
{
	return n ? uaccess(vs, usrc, dst, n, false) : 0;
}

int copyout_vs(struct vmspace *vs, uint64_t udst, const void *src, size_t n)
{
	return n ? uaccess(vs, udst, (void *)src, n, true) : 0;
}

int copyin(void *dst, uint64_t usrc, size_t n) { return copyin_vs(myproc()->vs, dst, usrc, n); }

int copyout(uint64_t udst, const void *src, size_t n)
{
	return copyout_vs(myproc()->vs, udst, src, n);
}

int copyinstr(char *dst, uint64_t usrc, size_t max)
{
	size_t n = 0;
	while (n < max) {
		/* up to the end of the page (and of dst), then look for the NUL */
		size_t chunk = MIN(max - n, PAGE_SIZE - ((usrc + n) & (PAGE_SIZE - 1)));
		if (copyin(dst + n, usrc + n, chunk) < 0)
			return -EFAULT;
		for (size_t i = 0; i < chunk; i++)
			if (!dst[n + i])
				return (int)(n + i);
		n += chunk;
	}
	return -ENAMETOOLONG;
}
