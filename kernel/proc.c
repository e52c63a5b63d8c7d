/* Processes and the scheduler (see proc.h). */
#include "cell.h"
#include "console.h"
#include "errno.h"
#include "exec.h"
#include "file.h"
#include "fs.h"
#include "kalloc.h"
#include "kstring.h"
#include "printf.h"
#include "proc.h"
#include "riscv.h"
#include "sbi.h"
#include "trap.h"
#include "vm.h"

static struct proc *ptable[NPROC];
static struct spinlock ptable_lock = { 0, "ptable", NULL };
static struct spinlock wait_lock = { 0, "wait", NULL };
static struct spinlock tick_lock = { 0, "ticks", NULL };
static int nextpid = 1;
static struct proc *initproc;
volatile uint64_t ticks;
static volatile int timed_sleepers; /* processes in proc_sleep_ms */

extern void swtch(struct context *old, struct context *new);

struct proc *myproc(void)
{
	push_off();
	struct proc *p = mycpu()->proc;
	pop_off();
	return p;
}

void proc_init(void)
{
	for (int i = 0; i < NPROC; i++)
		ptable[i] = NULL;
}

int proc_count(void)
{
	int n = 0;
	for (int i = 0; i < NPROC; i++)
		n += ptable[i] != NULL;
	return n;
}

static void forkret(void);

static struct proc *proc_alloc(void)
{
	struct proc *p = kalloc(sizeof(*p), KT_PROC);
	if (!p)
		return NULL;
	spin_lock(&ptable_lock);
	int slot = -1;
	for (int i = 0; i < NPROC; i++)
		if (!ptable[i]) {
			slot = i;
			break;
		}
	if (slot < 0) {
		spin_unlock(&ptable_lock);
		kfree(p, KT_PROC);
		return NULL;
	}
	ptable[slot] = p;
	p->kslot = slot;
	p->pid = nextpid++;
	p->state = P_EMBRYO;
	spin_init(&p->lock, "proc");
	spin_unlock(&ptable_lock);
	p->kstack_top = kstack_map(slot);
	if (!p->kstack_top) {
		spin_lock(&ptable_lock);
		ptable[slot] = NULL;
		spin_unlock(&ptable_lock);
		kfree(p, KT_PROC);
		return NULL;
	}
	p->tf = (struct trapframe *)(p->kstack_top - TF_SIZE);
	memset(p->tf, 0, TF_SIZE);
	p->ctx.ra = (uint64_t)forkret;
	p->ctx.sp = (uint64_t)p->tf;
	p->cpu = mycpu()->id;
	return p;
}

/* frees a process that never ran or was reaped (its vmspace is gone) */
static void proc_free(struct proc *p)
{
	spin_lock(&ptable_lock);
	ptable[p->kslot] = NULL;
	spin_unlock(&ptable_lock);
	kfree(p, KT_PROC);
}

void proc_kick(int cpu)
{
	/* the queued process must be visible before idle is read: the idle hart sets idle,
	 * fences, then looks at the queues, so one of the two sees the other */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (cpu != mycpu()->id && cpus[cpu].idle)
		sbi_send_ipi(1UL << cpus[cpu].hartid, 0);
}

/* p->lock held: RUNNABLE, on a run queue: its last hart's when that one idles or no other
 * idles, else an idle hart's */
static void make_runnable(struct proc *p)
{
	int target = p->cpu;
	if (target < 0 || target >= ncpus || !cpus[target].online)
		target = mycpu()->id;
	if (!cpus[target].idle)
		for (int i = 0; i < ncpus; i++)
			if (cpus[i].online && cpus[i].idle) {
				target = i;
				break;
			}
	p->state = P_RUNNABLE;
	runq_push(&cpus[target].rq, &p->rq);
	proc_kick(target);
}

static struct proc *rq_proc(struct rq_link *l)
{
	return l ? (struct proc *)((char *)l - offsetof(struct proc, rq)) : NULL;
}

void proc_start_init(void)
{
	struct proc *p = proc_alloc();
	if (!p)
		panic("init: no process");
	p->vs = vm_create();
	if (!p->vs)
		panic("init: no address space");
	strncpy(p->name, "init", sizeof(p->name));
	p->cwd = fs_root;
	inode_ref(fs_root);
	struct file *con = file_alloc(F_CONSOLE);
	if (!con)
		panic("init: no console file");
	con->readable = con->writable = true;
	p->ofile[0] = con;
	p->ofile[1] = file_dup(con);
	p->ofile[2] = file_dup(con);
	initproc = p;
	spin_lock(&p->lock);
	make_runnable(p);
	spin_unlock(&p->lock);
}

static void forkret(void)
{
	struct proc *p = myproc();
	spin_unlock(&p->lock); /* held by the scheduler */
	if (p == initproc && !p->tf->sepc) {
		static char *const argv[] = { "init", NULL };
		int r = exec_kernel("/bin/init", argv);
		boot_init_cycle = rdcycle();
		if (r < 0)
			panic("cannot exec /bin/init (%d)", r);
	}
	user_trap_return();
}

int proc_fork(void)
{
	struct proc *p = myproc();
	struct proc *np = proc_alloc();
	if (!np)
		return -EAGAIN;
	np->vs = vm_fork(p->vs);
	if (!np->vs) {
		proc_free(np);
		return -ENOMEM;
	}
	*np->tf = *p->tf;
	np->tf->regs[10] = 0; /* the child's fork returns 0 */
	for (int i = 0; i < NOFILE; i++)
		if (p->ofile[i])
			np->ofile[i] = file_dup(p->ofile[i]);
	np->cwd = p->cwd;
	inode_ref(np->cwd);
	memcpy(np->name, p->name, sizeof(p->name));
	int pid = np->pid;
	spin_lock(&wait_lock);
	np->parent = p;
	spin_unlock(&wait_lock);
	spin_lock(&np->lock);
	make_runnable(np);
	spin_unlock(&np->lock);
	return pid;
}

void proc_exit(int status)
{
	struct proc *p = myproc();
	if (p == initproc)
		panic("init exited (status %d)", status);
	for (int i = 0; i < NOFILE; i++)
		if (p->ofile[i]) {
			file_close(p->ofile[i]);
			p->ofile[i] = NULL;
		}
	inode_put(p->cwd);
	p->cwd = NULL;
	/* the address space goes now; the kernel stack stays until the parent reaps */
	struct vmspace *vs = p->vs;
	push_off();
	vm_activate(NULL);
	p->vs = NULL;
	pop_off();
	vm_destroy(vs);

	spin_lock(&wait_lock);
	bool orphan_zombie = false;
	for (int i = 0; i < NPROC; i++) {
		struct proc *c = ptable[i];
		if (c && c->parent == p) {
			c->parent = initproc;
			orphan_zombie |= c->state == P_ZOMBIE;
		}
	}
	if (orphan_zombie)
		wakeup(initproc);
	wakeup(p->parent);
	spin_lock(&p->lock);
	p->xstatus = status;
	p->state = P_ZOMBIE;
	spin_unlock(&wait_lock);
	sched();
	panic("zombie %d ran", p->pid);
}

int proc_wait(int pid, uint64_t ustatus, int options)
{
	struct proc *p = myproc();
	spin_lock(&wait_lock);
	for (;;) {
		bool kids = false;
		for (int i = 0; i < NPROC; i++) {
			struct proc *c = ptable[i];
			if (!c || c->parent != p || (pid > 0 && c->pid != pid))
				continue;
			kids = true;
			spin_lock(&c->lock);
			if (c->state != P_ZOMBIE) {
				spin_unlock(&c->lock);
				continue;
			}
			int cpid = c->pid, st = c->xstatus;
			spin_unlock(&c->lock);
			if (ustatus && copyout(ustatus, &st, sizeof(st)) < 0) {
				spin_unlock(&wait_lock);
				return -EFAULT;
			}
			proc_free(c);
			spin_unlock(&wait_lock);
			return cpid;
		}
		if (!kids) {
			spin_unlock(&wait_lock);
			return -ECHILD;
		}
		if (p->killed) {
			spin_unlock(&wait_lock);
			return -EINTR;
		}
		if (options & WNOHANG) {
			spin_unlock(&wait_lock);
			return 0;
		}
		sleep_on(p, &wait_lock);
	}
}

int proc_kill(int pid)
{
	if (pid == 1)
		return -EPERM;
	spin_lock(&ptable_lock);
	for (int i = 0; i < NPROC; i++) {
		struct proc *p = ptable[i];
		if (!p || p->pid != pid)
			continue;
		spin_lock(&p->lock);
		if (p->state == P_ZOMBIE || p->state == P_UNUSED) {
			spin_unlock(&p->lock);
			break;
		}
		p->killed = 1;
		if (p->state == P_SLEEPING) {
			p->chan = NULL;
			make_runnable(p);
		}
		spin_unlock(&p->lock);
		spin_unlock(&ptable_lock);
		return 0;
	}
	spin_unlock(&ptable_lock);
	return -ESRCH;
}

void sched(void)
{
	struct proc *p = myproc();
	struct cpu *c = mycpu();
	if (!spin_holding(&p->lock) || c->noff != 1 || p->state == P_RUNNING || intr_get())
		panic("sched: bad state (pid %d state %d noff %d)", p->pid, p->state, c->noff);
	int intena = c->intena;
	swtch(&p->ctx, &c->ctx);
	mycpu()->intena = intena;
}

void proc_yield(void)
{
	struct proc *p = myproc();
	spin_lock(&p->lock);
	p->state = P_RUNNABLE;
	runq_push(&mycpu()->rq, &p->rq);
	sched();
	spin_unlock(&p->lock);
}

void sleep_on(void *chan, struct spinlock *lk)
{
	struct proc *p = myproc();
	/* SLEEPING is set before lk is released: a waker that changes the condition under lk
	 * then always sees it (wakeup skips processes that are not asleep without locking) */
	if (lk != &p->lock)
		spin_lock(&p->lock);
	p->chan = chan;
	__atomic_store_n(&p->state, P_SLEEPING, __ATOMIC_RELEASE);
	if (lk != &p->lock)
		spin_unlock(lk);
	sched();
	p->chan = NULL;
	if (lk != &p->lock) {
		spin_unlock(&p->lock);
		spin_lock(lk);
	}
}

void wakeup(void *chan)
{
	struct proc *me = myproc();
	spin_lock(&ptable_lock);
	for (int i = 0; i < NPROC; i++) {
		struct proc *p = ptable[i];
		if (!p || p == me || __atomic_load_n(&p->state, __ATOMIC_ACQUIRE) != P_SLEEPING ||
		    p->chan != chan)
			continue;
		spin_lock(&p->lock);
		if (p->state == P_SLEEPING && p->chan == chan) {
			p->chan = NULL;
			make_runnable(p);
		}
		spin_unlock(&p->lock);
	}
	spin_unlock(&ptable_lock);
}

void proc_tick(void)
{
	spin_lock(&tick_lock);
	ticks++;
	spin_unlock(&tick_lock);
	if (timed_sleepers)
		wakeup((void *)&ticks);
}

int proc_sleep_ms(uint64_t ms)
{
	struct proc *p = myproc();
	uint64_t n = (ms * TICK_HZ + 999) / 1000;
	if (ms > 1000000000UL)
		return -EINVAL;
	if (n == 0) {
		proc_yield();
		return 0;
	}
	spin_lock(&tick_lock);
	uint64_t until = ticks + n;
	int r = 0;
	timed_sleepers++;
	while (ticks < until) {
		if (p->killed) {
			r = -EINTR;
			break;
		}
		sleep_on((void *)&ticks, &tick_lock);
	}
	timed_sleepers--;
	spin_unlock(&tick_lock);
	return r;
}

static struct proc *pick(struct cpu *c)
{
	struct proc *p = rq_proc(runq_pop(&c->rq));
	if (p)
		return p;
	struct runq *qs[MAX_HARTS];
	for (int i = 0; i < ncpus; i++)
		qs[i] = &cpus[i].rq;
	int victim = runq_busiest(qs, ncpus, c->id, 1);
	return victim >= 0 ? rq_proc(runq_steal(&cpus[victim].rq)) : NULL;
}

void scheduler(void)
{
	struct cpu *c = mycpu();
	for (;;) {
		intr_on();
		struct proc *p = pick(c);
		if (!p) {
			/* interrupts off until wfi: an IPI that comes after the check stays
			 * pending and ends the wfi instead of being taken before it */
			intr_off();
			c->idle = 1;
			__atomic_thread_fence(__ATOMIC_SEQ_CST);
			bool work = false;
			for (int i = 0; i < ncpus && !work; i++)
				work = cpus[i].rq.len != 0;
			if (!work) {
				if (console_readers)
					console_poll();
				else
					wfi();
			}
			c->idle = 0;
			continue;
		}
		spin_lock(&p->lock);
		if (p->state != P_RUNNABLE)
			panic("scheduler: pid %d on a run queue in state %d", p->pid, p->state);
		p->state = P_RUNNING;
		p->cpu = c->id;
		c->proc = p;
		vm_activate(p->vs);
		c->kstack_lo = p->kstack_top - KSTACK_PAGES * PAGE_SIZE;
		swtch(&c->ctx, &p->ctx);
		c = mycpu();
		c->kstack_lo = c->stack_top - BOOT_STACK_SIZE;
		vm_activate(NULL);
		c->proc = NULL;
		c->nswitch++;
		spin_unlock(&p->lock);
	}
}

void proc_dump(void)
{
	static const char *const st[] = { "unused", "embryo", "sleep", "runble", "run", "zombie" };
	for (int i = 0; i < NPROC; i++) {
		struct proc *p = ptable[i];
		if (p)
			kprintf("  pid %d %s %s hart %d chan %p\n", p->pid, st[p->state], p->name,
				p->cpu, p->chan);
	}
}
