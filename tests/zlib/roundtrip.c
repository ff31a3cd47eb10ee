/* zlib round trip on disk "storage": compress a file, store, inflate, check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solo5.h"
#include "zlib.h"

/*
 * The disk, in bytes (any sector size: every I/O is whole sectors):
 *   0           "zlib-roundtrip in LENGTH\n", zeros up to 512 (from the host)
 *   512         the file, LENGTH bytes, at most OUT_OFFSET - 512
 *   OUT_OFFSET  "zlib-roundtrip out LENGTH\n", zeros up to 512 (written here)
 *   +512        the zlib stream (RFC 1950) of the file by compress2, LENGTH
 *               bytes
 * usage: roundtrip [LEVEL]   (0-9, default Z_BEST_COMPRESSION)
 */
#define HDR_SIZE 512
#define OUT_OFFSET (4UL << 20)
#define IN_MAGIC "zlib-roundtrip in "
#define OUT_MAGIC "zlib-roundtrip out "

static solo5_handle_t disk;
static struct solo5_block_info info;

static int fail(const char *what)
{
    printf("zlib-roundtrip: FAIL: %s\n", what);
    return 1;
}

static unsigned long round_up(unsigned long n)
{
    return (n + info.block_size - 1) / info.block_size * info.block_size;
}

/* Moves [off, off + len) of the disk, len a multiple of the sector size. */
static int disk_io(int write, unsigned long off, unsigned char *buf,
                   unsigned long len)
{
    for (unsigned long i = 0; i < len; i += info.block_size) {
        solo5_result_t r =
            write ? solo5_block_write(disk, off + i, buf + i, info.block_size)
                  : solo5_block_read(disk, off + i, buf + i, info.block_size);
        if (r != SOLO5_R_OK)
            return -1;
    }
    return 0;
}

/* LENGTH from a header sector "MAGIC LENGTH\n"; -1 if it is not one. */
static long parse_header(const unsigned char *hdr, const char *magic)
{
    char line[HDR_SIZE + 1], *end;
    size_t m = strlen(magic);
    unsigned long n;

    memcpy(line, hdr, HDR_SIZE);
    line[HDR_SIZE] = '\0';
    if (strncmp(line, magic, m) != 0 || line[m] < '0' || line[m] > '9')
        return -1;
    n = strtoul(line + m, &end, 10);
    if (*end != '\n' || n > OUT_OFFSET - HDR_SIZE)
        return -1;
    return (long)n;
}

int main(int argc, char **argv)
{
    unsigned char *in, *out, *back, *plain;
    unsigned long in_size, out_size;
    uLongf zlen, plen;
    long len;
    int level = Z_BEST_COMPRESSION, r;

    if (argc > 2 ||
        (argc == 2 && (argv[1][0] < '0' || argv[1][0] > '9' || argv[1][1])))
        return fail("usage: roundtrip [LEVEL], LEVEL 0-9");
    if (argc == 2)
        level = argv[1][0] - '0';
    if (solo5_block_acquire("storage", &disk, &info) != SOLO5_R_OK)
        return fail("no block device 'storage'");
    if (info.block_size > OUT_OFFSET || info.capacity < OUT_OFFSET + HDR_SIZE)
        return fail("the disk is smaller than 4 MiB + 512 bytes");

    /* The header, then the whole file from the sectors it spans. */
    in_size = round_up(HDR_SIZE);
    if ((in = malloc(in_size)) == NULL)
        return fail("out of memory");
    if (disk_io(0, 0, in, in_size) != 0)
        return fail("cannot read the header sector");
    if ((len = parse_header(in, IN_MAGIC)) < 0)
        return fail("sector 0 is not '" IN_MAGIC
                    "LENGTH' (LENGTH at most 4 MiB - 512)");
    in_size = round_up(HDR_SIZE + (unsigned long)len);
    free(in);
    if ((in = malloc(in_size)) == NULL)
        return fail("out of memory");
    if (disk_io(0, 0, in, in_size) != 0)
        return fail("cannot read the file");

    /* compress2 into the output area: header sector, then the stream. */
    zlen = compressBound((uLong)len);
    out_size = round_up(HDR_SIZE + zlen);
    if (OUT_OFFSET + out_size > info.capacity)
        return fail("the disk has no room for the compressed stream");
    if ((out = calloc(1, out_size)) == NULL ||
        (back = malloc(out_size)) == NULL)
        return fail("out of memory");
    r = compress2(out + HDR_SIZE, &zlen, in + HDR_SIZE, (uLong)len, level);
    if (r != Z_OK)
        return fail("compress2 failed");
    snprintf((char *)out, HDR_SIZE, OUT_MAGIC "%lu\n", (unsigned long)zlen);
    out_size = round_up(HDR_SIZE + zlen);
    if (disk_io(1, OUT_OFFSET, out, out_size) != 0)
        return fail("cannot write the compressed stream");

    /* Read it back from the disk, then inflate that in memory. */
    if (disk_io(0, OUT_OFFSET, back, out_size) != 0)
        return fail("cannot read the compressed stream back");
    if (memcmp(back, out, out_size) != 0 ||
        parse_header(back, OUT_MAGIC) != (long)zlen)
        return fail("the disk does not hold what was written");
    plen = (uLongf)len;
    if ((plain = malloc(len ? (size_t)len : 1)) == NULL)
        return fail("out of memory");
    r = uncompress(plain, &plen, back + HDR_SIZE, zlen);
    if (r != Z_OK)
        return fail("uncompress failed");
    if (plen != (uLongf)len || memcmp(plain, in + HDR_SIZE, (size_t)len) != 0)
        return fail("the inflated bytes differ from the file");

    printf("zlib-roundtrip: level %d: %ld bytes -> %lu bytes at offset %lu, "
           "crc32 %08lx, adler32 %08lx\n",
           level, len, (unsigned long)zlen, OUT_OFFSET + HDR_SIZE,
           crc32(0L, in + HDR_SIZE, (uInt)len),
           adler32(1L, in + HDR_SIZE, (uInt)len));
    printf("zlib-roundtrip: inflated back to the same %lu bytes: SUCCESS\n",
           (unsigned long)plen);
    return 0;
}
