/* A test suite's data file, linked in: fopen of it reads memory. */
#include <stdio.h>
#include <string.h>

/*
 * A unikernel has no files, so the suite's .datax file (the .data file as
 * generate_test_code.py translates it) is linked in (datax.S) and the program
 * is linked with -Wl,--wrap=fopen: opening any path that ends in ".datax"
 * for reading gives a stream over those bytes (picolibc's fmemopen). Every
 * other fopen is picolibc's, which fails with ENOSYS.
 */
extern const char kiln_datax[], kiln_datax_end[];

FILE *__real_fopen(const char *path, const char *mode);
FILE *__wrap_fopen(const char *path, const char *mode);

static int is_datax(const char *path)
{
    size_t n = strlen(path);

    return n >= 6 && strcmp(path + n - 6, ".datax") == 0;
}

FILE *__wrap_fopen(const char *path, const char *mode)
{
    if (is_datax(path) && strcmp(mode, "r") == 0)
        return fmemopen((void *)kiln_datax,
                        (size_t)(kiln_datax_end - kiln_datax), "r");
    return __real_fopen(path, mode);
}
