/* solo5-elftool's library (unit tested, fuzzed): manifest JSON to C, queries */
#ifndef KILN_ELFTOOL_H
#define KILN_ELFTOOL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "elf_abi.h"
#include "mft_abi.h"

/* Entry 0 is reserved, so a manifest source declares at most 63 devices. */
#define ELFTOOL_MAX_DEVICES (MFT_MAX_ENTRIES - 1)

/* One device of a manifest source, in source order. */
struct elftool_device {
    char name[MFT_NAME_SIZE];
    mft_type_t type;
};

/* A checked manifest source: what gen-manifest turns into C. */
struct elftool_manifest {
    unsigned ndevices;
    struct elftool_device dev[ELFTOOL_MAX_DEVICES];
};

/* A gen-manifest diagnostic: source line (0 if unknown), one-line message. */
struct elftool_diag {
    unsigned line;
    char msg[256];
};

/* A step of a path into JSON: object member key, or array index if key NULL. */
struct json_step {
    const char *key;
    size_t index;
};

/* Checks manifest JSON of len bytes (no NUL needed) into *m; -1: *diag set. */
int elftool_parse_manifest(const char *text, size_t len,
                           struct elftool_manifest *m,
                           struct elftool_diag *diag);

/* Writes C source defining the manifest note of m; -1 if writing failed. */
int elftool_write_manifest_c(FILE *out, const struct elftool_manifest *m);

/* Line (from 1) of the value at path, else of its deepest ancestor; 0: none. */
unsigned elftool_json_line(const char *text, size_t len,
                           const struct json_step *path, size_t depth);

/* Writes query-manifest JSON for a validated manifest; -1 if writing failed. */
int elftool_print_manifest(FILE *out, const struct mft *mft);

/* Writes query-abi JSON for an ABI1 note's content; -1 if writing failed. */
int elftool_print_abi(FILE *out, const struct abi1_info *info);

/* "hvt", "spt", "virtio", "muen", "genode", "xen" or "unknown". */
const char *elftool_abi_target_name(uint32_t target);

#endif /* KILN_ELFTOOL_H */
