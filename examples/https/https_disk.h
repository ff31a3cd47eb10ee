/* Kiln example https: reads the disk "certs" (block device or file). */
#ifndef HTTPS_DISK_H
#define HTTPS_DISK_H
#include <stddef.h>

/* Reads the disk "certs" into buf (max + 1 bytes) whole blocks at a time, up to
   the block holding its first zero byte, its end, or max bytes; NUL-ends it.
   Its length including that NUL, or 0 on failure (said on stdout). */
size_t https_read_disk(unsigned char *buf, size_t max);

#endif
