/* Console output of the payload through the SBI legacy putchar. */
#ifndef PAYLOAD_PRINT_H
#define PAYLOAD_PRINT_H

#include <stdint.h>

void print(const char *s);
void print_dec(uint64_t v);
void print_hex(uint64_t v); /* 0x-prefixed, no leading zeros */

#endif
