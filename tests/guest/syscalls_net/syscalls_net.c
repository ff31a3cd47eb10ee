/* The syscalls test with one net device attached (see ../syscalls). */
#include "../syscalls/syscalls.c"
