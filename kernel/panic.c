/* panic (see printf.h). */
#include "cell.h"
#include "console.h"
#include "cpu.h"
#include "cutoff.h"
#include "printf.h"
#include "riscv.h"
#include "sbi.h"

volatile int panicking;
extern char _kernel_start[], _etext[];

static bool plausible_fp(uint64_t fp, uint64_t lo)
{
	return fp > lo && !(fp & 7) && fp - lo < 64 * 1024;
}

static void backtrace(void)
{
	uint64_t fp;
	__asm__ volatile("mv %0, s0" : "=r"(fp));
	kprintf("backtrace:\n");
	uint64_t lo = fp - 16;
	for (int i = 0; i < 16 && plausible_fp(fp, lo); i++) {
		uint64_t ra = ((uint64_t *)fp)[-1];
		uint64_t next = ((uint64_t *)fp)[-2];
		if (ra < (uint64_t)_kernel_start || ra >= (uint64_t)_etext)
			break;
		kprintf("  %lx\n", ra - 4);
		if (next <= fp)
			break;
		fp = next;
	}
}

/* the hart that panics first, and how often it re-entered panic (a fault in the panic path) */
static volatile uint64_t panic_hartid = ~0UL;
static volatile int panic_depth;

void panic(const char *fmt, ...)
{
	intr_off();
	if (__atomic_exchange_n(&panicking, 1, __ATOMIC_ACQ_REL)) {
		if (panic_hartid != mycpu()->hartid)
			cutoff_join(); /* another hart is already panicking */
		/* a trap inside this hart's own panic (e.g. a bus error while printing): skip the
		 * printing, still stop the cell and cut its memory off, so that the cell fails
		 * instead of hanging; a trap inside that powers off at once */
		int depth = __atomic_add_fetch(&panic_depth, 1, __ATOMIC_ACQ_REL);
		if (depth == 1) {
			kprintf("\nPANIC: cell %u hart %lu: trap inside panic\n", cell.id,
				mycpu()->hartid);
			cutoff_stop_cell();
		}
		if (depth == 2)
			sbi_shutdown(SBI_SRST_REASON_FAILURE);
		for (;;)
			wfi();
	}
	panic_hartid = mycpu()->hartid;
	static char msg[256];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kprintf("\nPANIC: cell %u hart %lu: %s\n", cell.id, mycpu()->hartid, msg);
	backtrace();
	cutoff_stop_cell();
}
