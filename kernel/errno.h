/* Error numbers (the kernel returns them negated): from the user interface. */
#ifndef KERNEL_ERRNO_H
#define KERNEL_ERRNO_H
#include "uapi.h"
#endif
