/* SIPS helpers of the multi-hart test programs (tests/mp/sips*.c; docs/sips.md).
 *
 * A message is 8 doublewords. Test messages carry: w[0] = SIPS_TEST_MAGIC | stream sequence
 * number, w[1] = the hartid the sender believes it has, w[2..6] = words derived from (sender,
 * sequence), w[7] = a checksum of w[0..6]; sips_check() verifies such a message against the
 * source the hardware stamped.
 */
#ifndef SIPS_H
#define SIPS_H

#include "mp.h"

#define SIPS_TEST_MAGIC 0x5195000000000000ULL
#define SIPS_SEQ_MASK 0xffffffffULL

static inline volatile uint64_t *sips_reg(uint64_t node, uint64_t reg) { return mp_ctrl(node, reg); }

/* The registers of queue q (0 request, 1 reply) of node `node`. */
static inline uint64_t sips_qreg(int q, uint64_t req_reg)
{
    return req_reg + (q ? HIVE_CTRL_SIPS_REP_DATA0 - HIVE_CTRL_SIPS_REQ_DATA0 : 0);
}

static inline uint64_t sips_checksum(const uint64_t *w)
{
    uint64_t s = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < 7; i++)
        s = (s ^ w[i]) * 0x100000001b3ULL + (uint64_t)i;
    return s;
}

static inline void sips_make(uint64_t *w, uint64_t hart, uint64_t seq)
{
    w[0] = SIPS_TEST_MAGIC | (seq & SIPS_SEQ_MASK);
    w[1] = hart;
    uint64_t x = (hart + 1) * 0x2545f4914f6cdd1dULL ^ (seq + 7) * 0x9e3779b97f4a7c15ULL;
    for (int i = 2; i < 7; i++) {
        x ^= x >> 13;
        x ^= x << 7;
        x ^= x >> 17;
        w[i] = x;
    }
    w[7] = sips_checksum(w);
}

/* Starts a send from the calling hart's context (its node's registers). */
static inline void sips_start(uint64_t my_node, uint64_t dst, int q, const uint64_t *w)
{
    for (int i = 0; i < 8; i++)
        *sips_reg(my_node, HIVE_CTRL_SIPS_DATA0 + 8 * i) = w[i];
    *sips_reg(my_node, HIVE_CTRL_SIPS_SEND) = dst | ((uint64_t)q << HIVE_SIPS_SEND_QUEUE_SHIFT);
}

/* Waits for the calling hart's send to end; returns SIPS_STATUS. */
static inline uint64_t sips_wait(uint64_t my_node)
{
    uint64_t s;
    while ((s = *sips_reg(my_node, HIVE_CTRL_SIPS_STATUS)) & HIVE_SIPS_STATUS_BUSY)
        ;
    return s;
}

static inline uint64_t sips_send(uint64_t my_node, uint64_t dst, int q, const uint64_t *w)
{
    sips_start(my_node, dst, q, w);
    return sips_wait(my_node);
}

/* Reads the oldest message of queue q of the caller's node into w and pops it; returns INFO
 * (bit 63 clear: the queue was empty, nothing popped). */
static inline uint64_t sips_recv(uint64_t my_node, int q, uint64_t *w)
{
    uint64_t info = *sips_reg(my_node, sips_qreg(q, HIVE_CTRL_SIPS_REQ_INFO));
    if (!(info >> 63))
        return info;
    for (int i = 0; i < 8; i++)
        w[i] = *sips_reg(my_node, sips_qreg(q, HIVE_CTRL_SIPS_REQ_DATA0) + 8 * i);
    *sips_reg(my_node, sips_qreg(q, HIVE_CTRL_SIPS_REQ_POP)) = 1;
    return info;
}

static inline uint64_t sips_info_hart(uint64_t info) { return info & 0xff; }
static inline uint64_t sips_info_node(uint64_t info) { return (info >> 8) & 0xff; }

/* 0 when w is an intact test message whose claimed sender is the stamped one; else a text. */
static inline const char *sips_check(const uint64_t *w, uint64_t info)
{
    if ((w[0] & ~SIPS_SEQ_MASK) != SIPS_TEST_MAGIC)
        return "bad magic";
    if (w[7] != sips_checksum(w))
        return "bad checksum";
    uint64_t seq = w[0] & SIPS_SEQ_MASK, x[8];
    sips_make(x, w[1], seq);
    for (int i = 0; i < 8; i++)
        if (x[i] != w[i])
            return "payload differs from what the sender made";
    if (sips_info_hart(info) != w[1])
        return "stamped hart is not the sender's hartid";
    if (sips_info_node(info) != mp_node_of(w[1]))
        return "stamped node is not the sender's node";
    return 0;
}

static inline void mp_enable_sei(void)
{
    __asm__ volatile("csrs mie, %0" : : "r"(1UL << 9));
    __asm__ volatile("csrs mstatus, %0" : : "r"(8UL));
}
static inline void mp_disable_sei(void)
{
    __asm__ volatile("csrc mstatus, %0" : : "r"(8UL));
    __asm__ volatile("csrc mie, %0" : : "r"(1UL << 9));
}

#endif
