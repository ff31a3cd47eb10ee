/* Test tool: checks every acknowledged durability block on disk. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MAGIC 0x4b494c4e424c4b31ULL

static uint64_t le64(const uint8_t *p)
{
    uint64_t v = 0;

    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

/* 0 if block holds a complete record of some sequence number (*seq). */
static int parse(const uint8_t *b, size_t bs, uint64_t *seq)
{
    if (le64(b) != MAGIC)
        return -1;
    *seq = le64(b + 8);
    for (size_t i = 16; i < bs; i++)
        if (b[i] != (uint8_t)(*seq * 31 + i))
            return -1;
    return 0;
}

/* usage: blkcheck FILE BLOCK_SIZE LAST_ACK */
int main(int argc, char **argv)
{
    FILE *f = argc == 4 ? fopen(argv[1], "rb") : NULL;
    size_t bs = argc == 4 ? strtoul(argv[2], NULL, 10) : 0;
    uint64_t last = argc == 4 ? strtoull(argv[3], NULL, 10) : 0, n, bad = 0;
    uint8_t *b = malloc(bs ? bs : 1);

    if (f == NULL || bs == 0 || fseek(f, 0, SEEK_END) != 0) {
        fprintf(stderr, "usage: blkcheck FILE BLOCK_SIZE LAST_ACK\n");
        return 2;
    }
    n = (uint64_t)ftell(f) / bs;
    rewind(f);
    for (uint64_t i = 0; i < n && fread(b, bs, 1, f) == 1; i++) {
        /* The newest acknowledged write to block i (seq % n == i). */
        uint64_t want = last >= i ? last - (last - i) % n : 0, seq;
        if (want == 0)
            continue;
        /* At most one write past the last ACK may have landed too. */
        if (parse(b, bs, &seq) != 0 || seq % n != i || seq < want ||
            seq > last + 1) {
            fprintf(stderr, "block %llu: want seq >= %llu, found %s\n",
                    (unsigned long long)i, (unsigned long long)want,
                    parse(b, bs, &seq) ? "garbage" : "an older record");
            bad++;
        }
    }
    printf("checked %llu blocks up to ACK %llu: %llu bad\n",
           (unsigned long long)n, (unsigned long long)last,
           (unsigned long long)bad);
    return bad != 0;
}
