/* SBI calls: ecall with a7 = extension, a6 = function, arguments in a0/a1. */
#include "sbi.h"

struct sbiret sbi_call(unsigned long eid, unsigned long fid, unsigned long a0,
		       unsigned long a1)
{
	register unsigned long r_a0 __asm__("a0") = a0;
	register unsigned long r_a1 __asm__("a1") = a1;
	register unsigned long r_a6 __asm__("a6") = fid;
	register unsigned long r_a7 __asm__("a7") = eid;
	__asm__ volatile("ecall"
			 : "+r"(r_a0), "+r"(r_a1)
			 : "r"(r_a6), "r"(r_a7)
			 : "memory");
	struct sbiret ret = { (long)r_a0, (long)r_a1 };
	return ret;
}

void sbi_putchar(char c)
{
	sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned char)c, 0);
}

int sbi_has(unsigned long eid)
{
	struct sbiret r = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXTENSION, eid, 0);
	return r.error == 0 && r.value != 0;
}

long sbi_hart_status(unsigned long hartid)
{
	struct sbiret r = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, hartid, 0);
	return r.error ? r.error : r.value;
}

const char *sbi_hart_state_name(long state)
{
	static const char *const names[] = {
		"started", "stopped", "start-pending", "stop-pending",
		"suspended", "suspend-pending", "resume-pending",
	};
	if (state >= 0 && state < (long)(sizeof(names) / sizeof(names[0])))
		return names[state];
	return "unknown";
}

long sbi_shutdown(unsigned long reason)
{
	return sbi_call(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, SBI_SRST_TYPE_SHUTDOWN, reason)
		.error;
}

void sbi_legacy_shutdown(void)
{
	sbi_call(SBI_EXT_LEGACY_SHUTDOWN, 0, 0, 0);
}
