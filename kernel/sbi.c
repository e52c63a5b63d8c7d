/* SBI calls (see sbi.h). */
#include "sbi.h"
#include "riscv.h"

long sbi_spec_version, sbi_impl_id, sbi_impl_version;
bool sbi_has_time, sbi_has_ipi, sbi_has_rfence, sbi_has_hsm, sbi_has_srst;

struct sbiret sbi_ecall(uint64_t eid, uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2,
			uint64_t a3, uint64_t a4)
{
	register uint64_t r0 __asm__("a0") = a0;
	register uint64_t r1 __asm__("a1") = a1;
	register uint64_t r2 __asm__("a2") = a2;
	register uint64_t r3 __asm__("a3") = a3;
	register uint64_t r4 __asm__("a4") = a4;
	register uint64_t r6 __asm__("a6") = fid;
	register uint64_t r7 __asm__("a7") = eid;
	__asm__ volatile("ecall"
			 : "+r"(r0), "+r"(r1)
			 : "r"(r2), "r"(r3), "r"(r4), "r"(r6), "r"(r7)
			 : "memory");
	struct sbiret r = { (long)r0, (long)r1 };
	return r;
}

static bool probe(uint64_t eid)
{
	struct sbiret r = sbi_ecall(SBI_EXT_BASE, 3, eid, 0, 0, 0, 0);
	return r.error == 0 && r.value != 0;
}

void sbi_init(void)
{
	sbi_spec_version = sbi_ecall(SBI_EXT_BASE, 0, 0, 0, 0, 0, 0).value;
	sbi_impl_id = sbi_ecall(SBI_EXT_BASE, 1, 0, 0, 0, 0, 0).value;
	sbi_impl_version = sbi_ecall(SBI_EXT_BASE, 2, 0, 0, 0, 0, 0).value;
	sbi_has_time = probe(SBI_EXT_TIME);
	sbi_has_ipi = probe(SBI_EXT_IPI);
	sbi_has_rfence = probe(SBI_EXT_RFENCE);
	sbi_has_hsm = probe(SBI_EXT_HSM);
	sbi_has_srst = probe(SBI_EXT_SRST);
}

void sbi_console_putchar(int c)
{
	sbi_ecall(SBI_EXT_LEGACY_PUTCHAR, 0, (uint64_t)(unsigned char)c, 0, 0, 0, 0);
}

int sbi_console_getchar(void)
{
	long v = sbi_ecall(SBI_EXT_LEGACY_GETCHAR, 0, 0, 0, 0, 0, 0).error;
	return v < 0 ? -1 : (int)v;
}

void sbi_set_timer(uint64_t t)
{
	if (sbi_has_time)
		sbi_ecall(SBI_EXT_TIME, 0, t, 0, 0, 0, 0);
	else
		sbi_ecall(0x00, 0, t, 0, 0, 0, 0); /* legacy set_timer */
}

long sbi_send_ipi(uint64_t mask, uint64_t base)
{
	return sbi_ecall(SBI_EXT_IPI, 0, mask, base, 0, 0, 0).error;
}

long sbi_remote_sfence_vma(uint64_t mask, uint64_t base, uint64_t start, uint64_t size,
			   uint64_t asid)
{
	if (asid == ~0UL)
		return sbi_ecall(SBI_EXT_RFENCE, 1, mask, base, start, size, 0).error;
	return sbi_ecall(SBI_EXT_RFENCE, 2, mask, base, start, size, asid).error;
}

long sbi_remote_fence_i(uint64_t mask, uint64_t base)
{
	return sbi_ecall(SBI_EXT_RFENCE, 0, mask, base, 0, 0, 0).error;
}

long sbi_hart_start(uint64_t hartid, uint64_t start_addr, uint64_t opaque)
{
	return sbi_ecall(SBI_EXT_HSM, 0, hartid, start_addr, opaque, 0, 0).error;
}

long sbi_hart_stop(void)
{
	return sbi_ecall(SBI_EXT_HSM, 1, 0, 0, 0, 0, 0).error;
}

long sbi_hart_status(uint64_t hartid)
{
	struct sbiret r = sbi_ecall(SBI_EXT_HSM, 2, hartid, 0, 0, 0, 0);
	return r.error ? r.error : r.value;
}

void sbi_shutdown(int reason)
{
	if (sbi_has_srst)
		sbi_ecall(SBI_EXT_SRST, 0, 0 /* shutdown */, (uint64_t)reason, 0, 0, 0);
	sbi_ecall(SBI_EXT_LEGACY_SHUTDOWN, 0, 0, 0, 0, 0, 0);
	for (;;)
		wfi();
}
