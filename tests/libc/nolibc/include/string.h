/* nolibc test: the program's own string.h (as ocaml-solo5's nolibc has). */
#ifndef NOLIBC_STRING_H
#define NOLIBC_STRING_H
#include <stddef.h>
#define NOLIBC_OWN_STRING_H 1
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
size_t strlen(const char *s);
#endif
