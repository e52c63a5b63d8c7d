/* Traps (see trap.h). */
#include "cell.h"
#include "console.h"
#include "cpu.h"
#include "cutoff.h"
#include "errno.h"
#include "printf.h"
#include "proc.h"
#include "riscv.h"
#include "sbi.h"
#include "syscall.h"
#include "trap.h"
#include "uapi.h"
#include "vm.h"

extern char trap_entry[];
extern void user_return(struct trapframe *tf) __attribute__((noreturn));

static uint64_t tick_interval;

static void timer_arm(void)
{
	sbi_set_timer(rdtime() + tick_interval);
}

void trap_init_hart(void)
{
	csr_write(stvec, (uint64_t)trap_entry);
	csr_write(sscratch, 0);
	csr_write(scounteren, COUNTEREN_CY | COUNTEREN_TM | COUNTEREN_IR);
	tick_interval = cell.timebase / TICK_HZ;
	csr_set(sie, SIE_STIE | SIE_SSIE);
	timer_arm();
}

static void timer_interrupt(void)
{
	struct cpu *c = mycpu();
	timer_arm();
	c->nticks++;
	if (c->id == 0) {
		proc_tick();
		console_poll();
	}
	c->need_resched = 1;
}

static bool interrupt(uint64_t scause)
{
	uint64_t code = scause & ~SCAUSE_INTR;
	if (!(scause & SCAUSE_INTR))
		return false;
	if (code == IRQ_S_TIMER) {
		timer_interrupt();
	} else if (code == IRQ_S_SOFT) {
		csr_clear(sip, SIP_SSIP); /* an IPI: wake up and look at the run queues */
		if (panicking) /* the cell is stopping */
			cutoff_join();
	} else {
		kprintf("unexpected interrupt %lu\n", code);
	}
	return true;
}

void kernel_stack_overflow(uint64_t sp, uint64_t sepc, uint64_t stval)
{
	mycpu()->kstack_lo = 0;
	panic("kernel stack overflow (pid %d): sp %lx, pc %lx, address %lx",
	      myproc() ? myproc()->pid : -1, sp, sepc, stval);
}

void kernel_trap(struct trapframe *tf)
{
	if (interrupt(tf->scause))
		return;
	uint64_t cause = tf->scause;
	if ((cause == EXC_LOAD_PAGE || cause == EXC_STORE_PAGE) && kvm_is_guard(tf->stval))
		panic("kernel stack overflow (pid %d) at pc %lx", myproc() ? myproc()->pid : -1,
		      tf->sepc);
	panic("kernel trap: scause %lx sepc %lx stval %lx", cause, tf->sepc, tf->stval);
}

static const char *fault_name(uint64_t cause)
{
	switch (cause) {
	case EXC_INST_MISALIGNED: return "misaligned fetch";
	case EXC_INST_ACCESS: return "fetch access fault";
	case EXC_ILLEGAL: return "illegal instruction";
	case EXC_BREAKPOINT: return "breakpoint";
	case EXC_LOAD_MISALIGNED: return "misaligned load";
	case EXC_LOAD_ACCESS: return "load access fault";
	case EXC_STORE_MISALIGNED: return "misaligned store";
	case EXC_STORE_ACCESS: return "store access fault";
	case EXC_INST_PAGE: return "fetch page fault";
	case EXC_LOAD_PAGE: return "load page fault";
	case EXC_STORE_PAGE: return "store page fault";
	default: return "exception";
	}
}

void user_trap(struct trapframe *tf)
{
	struct proc *p = myproc();
	struct cpu *c = mycpu();
	uint64_t cause = tf->scause;
	if ((tf->sstatus & SSTATUS_SPP) || p == NULL)
		panic("user_trap from supervisor mode");
	if (!interrupt(cause)) {
		if (cause == EXC_ECALL_U) {
			tf->sepc += 4;
			intr_on();
			c->nsyscalls++;
			syscall_dispatch(tf);
		} else {
			int sig = SIGSEGV, r = 0;
			if (cause == EXC_INST_PAGE || cause == EXC_LOAD_PAGE || cause == EXC_STORE_PAGE) {
				intr_on();
				mycpu()->nfaults++;
				enum vm_access acc = cause == EXC_STORE_PAGE ? VM_WRITE
						     : cause == EXC_LOAD_PAGE ? VM_READ : VM_EXEC;
				r = vm_fault(p->vs, tf->stval, acc);
				if (r == 0)
					goto done;
			} else if (cause == EXC_ILLEGAL || cause == EXC_BREAKPOINT) {
				sig = SIGILL;
			}
			kprintf("pid %d (%s): %s at pc %lx, address %lx%s: killed\n", p->pid, p->name,
				fault_name(cause), tf->sepc, tf->stval,
				r == -ENOMEM ? " (out of memory)" : "");
			p->killed = sig;
		}
	}
done:
	if (p->killed)
		proc_exit(p->killed == 1 ? SIGKILL : p->killed);
	if (mycpu()->need_resched) {
		mycpu()->need_resched = 0;
		proc_yield();
	}
	user_trap_return();
}

void user_trap_return(void)
{
	struct proc *p = myproc();
	if (p->killed)
		proc_exit(p->killed == 1 ? SIGKILL : p->killed);
	intr_off();
	struct trapframe *tf = p->tf;
	tf->ksp = (uint64_t)tf;
	tf->ktp = (uint64_t)mycpu();
	uint64_t s = csr_read(sstatus);
	s &= ~(SSTATUS_SPP | SSTATUS_SUM);
	s |= SSTATUS_SPIE;
	tf->sstatus = s;
	vm_sync_icache();
	user_return(tf);
}

uint64_t trap_ticks_to_time(uint64_t t) { return t * tick_interval; }
