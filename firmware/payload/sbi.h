/* SBI calls used by the payload (SBI spec v1.0): legacy console, base, HSM, SRST. */
#ifndef PAYLOAD_SBI_H
#define PAYLOAD_SBI_H

#include <stdint.h>

#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_LEGACY_SHUTDOWN 0x08
#define SBI_EXT_BASE 0x10
#define SBI_EXT_HSM 0x48534D
#define SBI_EXT_SRST 0x53525354

#define SBI_BASE_GET_SPEC_VERSION 0
#define SBI_BASE_GET_IMPL_ID 1
#define SBI_BASE_GET_IMPL_VERSION 2
#define SBI_BASE_PROBE_EXTENSION 3

#define SBI_HSM_HART_GET_STATUS 2
#define SBI_SRST_SYSTEM_RESET 0
#define SBI_SRST_TYPE_SHUTDOWN 0
#define SBI_SRST_REASON_NONE 0
#define SBI_SRST_REASON_SYSTEM_FAILURE 1

#define SBI_IMPL_OPENSBI 1
#define SBI_ERR_INVALID_PARAM (-3)

struct sbiret {
	long error; /* 0 on success, SBI_ERR_* otherwise */
	long value;
};

struct sbiret sbi_call(unsigned long eid, unsigned long fid, unsigned long a0,
		       unsigned long a1);
void sbi_putchar(char c);
/* Nonzero if the SBI implementation has extension eid. */
int sbi_has(unsigned long eid);
/* HSM hart state (0 started, 1 stopped, ...) or a negative SBI error. */
long sbi_hart_status(unsigned long hartid);
const char *sbi_hart_state_name(long state);
/* SRST shutdown with the given reason; returns only if the call failed (its error). */
long sbi_shutdown(unsigned long reason);
/* Legacy shutdown (EID 0x08); returns only if unsupported. */
void sbi_legacy_shutdown(void);

#endif
