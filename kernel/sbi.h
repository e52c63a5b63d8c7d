/*
 * Supervisor Binary Interface calls (SBI spec 1.0, as OpenSBI 1.1 implements it): base,
 * TIME, IPI, RFENCE, HSM, SRST, and the legacy console for the earliest output.
 * Hart masks are (mask, base) pairs of the spec: bit i of mask names hart base + i.
 */
#ifndef KERNEL_SBI_H
#define KERNEL_SBI_H

#include "types.h"

#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_LEGACY_GETCHAR 0x02
#define SBI_EXT_LEGACY_SHUTDOWN 0x08
#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494D45
#define SBI_EXT_IPI 0x735049
#define SBI_EXT_RFENCE 0x52464E43
#define SBI_EXT_HSM 0x48534D
#define SBI_EXT_SRST 0x53525354

#define SBI_SRST_REASON_NONE 0
#define SBI_SRST_REASON_FAILURE 1

#define SBI_HSM_STARTED 0
#define SBI_HSM_STOPPED 1

struct sbiret {
	long error; /* 0 on success, a negative SBI error otherwise */
	long value;
};

struct sbiret sbi_ecall(uint64_t eid, uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2,
			uint64_t a3, uint64_t a4);

/* Probes the base extension; fills the facts below. Call once on the boot hart. */
void sbi_init(void);
extern long sbi_spec_version, sbi_impl_id, sbi_impl_version;
extern bool sbi_has_time, sbi_has_ipi, sbi_has_rfence, sbi_has_hsm, sbi_has_srst;

void sbi_console_putchar(int c);
int sbi_console_getchar(void); /* -1 when nothing is waiting */
void sbi_set_timer(uint64_t stime_value);
/* Sends a supervisor software interrupt to the harts of (mask, base). */
long sbi_send_ipi(uint64_t hart_mask, uint64_t hart_mask_base);
/* Remote sfence.vma on the harts of (mask, base), for [start, start+size) (size ~0: all),
 * restricted to asid unless asid is ~0. Returns when the harts have done it. */
long sbi_remote_sfence_vma(uint64_t hart_mask, uint64_t base, uint64_t start, uint64_t size,
			   uint64_t asid);
long sbi_remote_fence_i(uint64_t hart_mask, uint64_t base);
long sbi_hart_start(uint64_t hartid, uint64_t start_addr, uint64_t opaque);
long sbi_hart_stop(void); /* returns only on failure (the error) */
long sbi_hart_status(uint64_t hartid); /* SBI_HSM_* or a negative error */
/* SRST shutdown with the reason; falls back to the legacy call; never returns. */
void sbi_shutdown(int reason) __attribute__((noreturn));

#endif
