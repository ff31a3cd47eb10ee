/* Overflow-checked arithmetic and the one guest memory accessor. */
#include "common.h"

#include <stdarg.h>
#include <stdio.h>

bool add_overflows(uint64_t a, uint64_t b, uint64_t *sum)
{
    return __builtin_add_overflow(a, b, sum);
}

bool align_up_overflows(uint64_t v, uint64_t align, uint64_t *up)
{
    uint64_t sum;

    if (add_overflows(v, align - 1, &sum))
        return true;
    *up = sum & ~(align - 1);
    return false;
}

bool range_inside(uint64_t off, uint64_t len, uint64_t limit)
{
    uint64_t end;

    return !add_overflows(off, len, &end) && end <= limit;
}

int kiln_err_set(struct kiln_err *err, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return -1;
}

void *gmem_ptr(const struct guest_mem *mem, uint64_t gpa, uint64_t len)
{
    if (gpa < mem->base || !range_inside(gpa, len, mem->size))
        return NULL;
    return mem->host + (gpa - mem->base);
}
