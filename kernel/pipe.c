/* Pipes: a one-page ring buffer between a reading and a writing file (see file.h). */
#include "errno.h"
#include "file.h"
#include "kalloc.h"
#include "mem.h"
#include "proc.h"
#include "vm.h"

struct pipe {
	struct spinlock lock;
	struct pfdat *page;
	uint8_t *buf;
	uint64_t nread, nwrite; /* running totals */
	bool readopen, writeopen;
};

int pipe_create(struct file **rf, struct file **wf)
{
	struct pipe *p = kalloc(sizeof(*p), KT_PIPE);
	struct file *r = file_alloc(F_PIPE), *w = file_alloc(F_PIPE);
	struct pfdat *pd = frame_alloc(FT_PIPE);
	if (!p || !r || !w || !pd) {
		if (p)
			kfree(p, KT_PIPE);
		if (r)
			kfree(r, KT_FILE);
		if (w)
			kfree(w, KT_FILE);
		if (pd)
			frame_put(pd);
		return -ENOMEM;
	}
	spin_init(&p->lock, "pipe");
	p->page = pd;
	p->buf = pfdat_kva(pd);
	p->readopen = p->writeopen = true;
	r->pipe = w->pipe = p;
	r->readable = true;
	w->writable = true;
	*rf = r;
	*wf = w;
	return 0;
}

void pipe_close(struct pipe *p, bool writer)
{
	spin_lock(&p->lock);
	if (writer) {
		p->writeopen = false;
		wakeup(&p->nread);
	} else {
		p->readopen = false;
		wakeup(&p->nwrite);
	}
	bool gone = !p->readopen && !p->writeopen;
	spin_unlock(&p->lock);
	if (gone) {
		frame_put(p->page);
		kfree(p, KT_PIPE);
	}
}

/* Data moves through a small kernel buffer so that no user copy happens under the lock. */
long pipe_write(struct pipe *p, uint64_t usrc, size_t n)
{
	struct proc *me = myproc();
	size_t done = 0;
	uint8_t tmp[256];
	while (done < n) {
		size_t m = MIN(sizeof(tmp), n - done);
		if (copyin(tmp, usrc + done, m) < 0)
			return done ? (long)done : -EFAULT;
		size_t i = 0;
		spin_lock(&p->lock);
		while (i < m) {
			if (!p->readopen || me->killed) {
				spin_unlock(&p->lock);
				return done + i ? (long)(done + i) : (me->killed ? -EINTR : -EPIPE);
			}
			if (p->nwrite - p->nread == PIPE_SIZE) {
				wakeup(&p->nread);
				sleep_on(&p->nwrite, &p->lock);
				continue;
			}
			size_t room = PIPE_SIZE - (size_t)(p->nwrite - p->nread);
			size_t k = MIN(room, m - i);
			for (size_t j = 0; j < k; j++)
				p->buf[(p->nwrite + j) % PIPE_SIZE] = tmp[i + j];
			p->nwrite += k;
			i += k;
		}
		wakeup(&p->nread);
		spin_unlock(&p->lock);
		done += m;
	}
	return (long)done;
}

long pipe_read(struct pipe *p, uint64_t udst, size_t n)
{
	struct proc *me = myproc();
	uint8_t tmp[256];
	spin_lock(&p->lock);
	while (p->nread == p->nwrite && p->writeopen) {
		if (me->killed) {
			spin_unlock(&p->lock);
			return -EINTR;
		}
		sleep_on(&p->nread, &p->lock);
	}
	size_t avail = (size_t)(p->nwrite - p->nread);
	size_t m = MIN(MIN(n, avail), sizeof(tmp));
	for (size_t j = 0; j < m; j++)
		tmp[j] = p->buf[(p->nread + j) % PIPE_SIZE];
	p->nread += m;
	wakeup(&p->nwrite);
	spin_unlock(&p->lock);
	if (m && copyout(udst, tmp, m) < 0)
		return -EFAULT; /* the bytes are lost, as with a fault in any read */
	return (long)m;
}
