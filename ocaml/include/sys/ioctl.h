/* sys/ioctl.h for OCaml's unix.c: no terminals, so no TIOCGWINSZ. */
#ifndef KILN_OCAML_SYS_IOCTL_H
#define KILN_OCAML_SYS_IOCTL_H
#endif
