/* Sleeplocks (see spinlock.h). */
#include "proc.h"
#include "spinlock.h"

void sleep_init(struct sleeplock *lk, const char *name)
{
	spin_init(&lk->lk, "sleeplock");
	lk->name = name;
	lk->locked = false;
	lk->pid = 0;
}

void sleep_lock(struct sleeplock *lk)
{
	spin_lock(&lk->lk);
	while (lk->locked)
		sleep_on(lk, &lk->lk);
	lk->locked = true;
	struct proc *p = myproc();
	lk->pid = p ? p->pid : 0;
	spin_unlock(&lk->lk);
}

void sleep_unlock(struct sleeplock *lk)
{
	spin_lock(&lk->lk);
	lk->locked = false;
	lk->pid = 0;
	wakeup(lk);
	spin_unlock(&lk->lk);
}

bool sleep_holding(struct sleeplock *lk)
{
	spin_lock(&lk->lk);
	struct proc *p = myproc();
	bool r = lk->locked && lk->pid == (p ? p->pid : 0);
	spin_unlock(&lk->lk);
	return r;
}
