/* Kiln example https: the disk "certs" as the Solo5 block device. */
#include <stdio.h>
#include <string.h>

#include "https_disk.h"
#include "solo5.h"

size_t https_read_disk(unsigned char *buf, size_t max)
{
    struct solo5_block_info info;
    solo5_handle_t h;
    size_t n = 0;

    if (solo5_block_acquire("certs", &h, &info) != SOLO5_R_OK) {
        printf("https: no block device 'certs'\n");
        return 0;
    }
    while (n + info.block_size <= max && n < info.capacity) {
        if (solo5_block_read(h, n, buf + n, info.block_size) != SOLO5_R_OK) {
            printf("https: cannot read 'certs' at %zu\n", n);
            return 0;
        }
        n += info.block_size;
        if (memchr(buf + n - info.block_size, '\0', info.block_size) != NULL)
            break;
    }
    buf[n] = '\0';
    return strlen((char *)buf) + 1;
}
