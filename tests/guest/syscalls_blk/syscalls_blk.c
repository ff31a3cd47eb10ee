/* The syscalls test with one block device attached (see ../syscalls). */
#include "../syscalls/syscalls.c"
