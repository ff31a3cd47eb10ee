/* Test tool: checks that a file holds the blk_multi guest's final pattern. */
#include <stdint.h>
#include <stdio.h>

/* Byte o of the device after the guest's last pass (its at(o, 0)). */
static uint8_t at(uint64_t o)
{
    return (uint8_t)(o * 31 + (o >> 9) * 7 + (o >> 17));
}

/* usage: blkmulti FILE; exit 0 if every byte matches, else 1 naming the first
 * that differs. */
int main(int argc, char **argv)
{
    FILE *f;
    uint64_t o = 0;
    int c;

    if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL) {
        fprintf(stderr, "usage: blkmulti FILE\n");
        return 2;
    }
    while ((c = getc(f)) != EOF) {
        if ((uint8_t)c != at(o)) {
            printf("byte %llu is %d on disk, want %d\n", (unsigned long long)o,
                   c, at(o));
            return 1;
        }
        o++;
    }
    printf("%llu bytes hold the pattern\n", (unsigned long long)o);
    return o > 0 ? 0 : 1;
}
