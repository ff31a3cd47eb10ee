/* nolibc test: the program's own stdio.h, with only what it uses. */
#ifndef NOLIBC_STDIO_H
#define NOLIBC_STDIO_H
#define NOLIBC_OWN_STDIO_H 1
int puts(const char *s);
#endif
