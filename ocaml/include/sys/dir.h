/* sys/dir.h for OCaml's unix.c: directory reading, which always fails. */
#ifndef KILN_OCAML_SYS_DIR_H
#define KILN_OCAML_SYS_DIR_H

typedef struct kiln_dir DIR;

struct direct {
    char d_name[256];
};

/* Fails with ENOSYS: there is no file system. */
DIR *opendir(const char *name);
/* Never reached (no DIR is ever opened); returns NULL. */
struct direct *readdir(DIR *d);
/* Never reached; returns -1 with EBADF. */
int closedir(DIR *d);

#endif
