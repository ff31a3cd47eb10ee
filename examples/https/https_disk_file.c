/* Kiln example https for Linux: the disk "certs" as an image file. */
/* (The file is $HTTPS_CERTS, default ./certs.img.) */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "https_disk.h"

/* The block device's sector size: the file is read as the device would be. */
#define BLOCK 512

size_t https_read_disk(unsigned char *buf, size_t max)
{
    const char *path = getenv("HTTPS_CERTS");
    struct stat st;
    size_t n = 0;
    int fd;

    if (path == NULL)
        path = "certs.img";
    fd = open(path, O_RDONLY);
    if (fd < 0 || fstat(fd, &st) != 0) {
        printf("https: no disk file '%s'\n", path);
        if (fd >= 0)
            close(fd);
        return 0;
    }
    while (n + BLOCK <= max && n < (size_t)st.st_size) {
        if (pread(fd, buf + n, BLOCK, (off_t)n) != BLOCK) {
            printf("https: cannot read '%s' at %zu\n", path, n);
            close(fd);
            return 0;
        }
        n += BLOCK;
        if (memchr(buf + n - BLOCK, '\0', BLOCK) != NULL)
            break;
    }
    close(fd);
    buf[n] = '\0';
    return strlen((char *)buf) + 1;
}
