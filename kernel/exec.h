/*
 * exec: replaces the current process's address space with a fresh one built from an ELF
 * executable of the file system (segments mapped as private windows of the file, filled on
 * demand from the page cache; a heap after the last segment; a stack at USER_TOP holding
 * argc/argv). The old address space is freed only once the new one is complete, so a
 * failing exec returns an error to an intact caller.
 */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

/* argv: kernel strings, NULL-terminated, at most MAXARG. 0 or a negative error. */
int exec_kernel(const char *path, char *const argv[]);

#endif
