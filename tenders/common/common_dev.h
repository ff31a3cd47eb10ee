/* Block and net devices, attached the same way by every tender's modules. */
#ifndef KILN_COMMON_DEV_H
#define KILN_COMMON_DEV_H

#include "common_module.h"

/* ---- devices (common_block.c, common_tap.c) ---- */

/*
 * Opens the block backing file path read/write (file_open: a regular file
 * or block device; O_DSYNC if write_through, so each write is durable when
 * it returns) and checks it against block_size: its size must be a non-zero
 * multiple. Sets *fd and *capacity (bytes); -1 with err set ("Could not open
 * block device: PATH: reason", "Backing storage ...").
 */
int block_attach(const char *path, uint64_t block_size, bool write_through,
                 int *fd, uint64_t *capacity, struct kiln_err *err);

/* True if n is a valid sector size: a power of two from 512 to 32768. */
bool block_size_valid(uint64_t n);

/*
 * Attaches to tap interface iface ("tap0", which must exist and be up) or,
 * given "@N", to the already open tap descriptor N. The descriptor is made
 * non-blocking; *mtu is the interface MTU. -1 with err set.
 */
int tap_attach(const char *iface, int *fd, unsigned *mtu, struct kiln_err *err);

/* Parses "xx:xx:xx:xx:xx:xx" (hex) into mac; false if malformed. */
bool mac_parse(const char *s, uint8_t mac[6]);

/* Makes a random unicast, locally administered MAC address. */
void mac_random(uint8_t mac[6]);

/* ---- devices every tender attaches the same way (common_dev*.c) ---- */

/* What the command line asked for one device, by manifest index. */
struct tender_dev {
    const char *path;    /* --block: file, --net: interface or "@FD" */
    uint64_t block_size; /* --block-sector-size:, 0 for the default 512 */
    bool write_through;  /* --block-write-through:NAME=on */
    bool have_mac;       /* --net-mac: given */
    uint8_t mac[6];
};

/* What the command line asked for each device, by manifest index. */
extern struct tender_dev dev_args[MFT_MAX_ENTRIES];

/*
 * Parses opt as "--PREFIX:NAME=VALUE" (prefix given without "--" or ":").
 * Returns 1 if opt is not a PREFIX option, 0 with name and *value set, or
 * -1 with err set if NAME is not 1..67 alphanumerics or '=' is missing.
 */
int opt_device(const char *opt, const char *prefix, char name[MFT_NAME_SIZE],
               const char **value, struct kiln_err *err);

/*
 * Parses a "--PREFIX:NAME=VALUE" option naming a manifest device of type:
 * 1 if opt is not such an option, 0 with *value and *idx set, -1 if it is
 * malformed or names no such device (reported).
 */
int dev_option(struct tender *t, const char *opt, const char *prefix,
               mft_type_t type, const char **value, unsigned *idx);

/* The manifest name of device idx, escaped for messages, in buf. */
const char *dev_name(const struct tender *t, unsigned idx,
                     char buf[TENDER_ESCAPED_NAME_SIZE]);

/* Records the backing path or interface of device idx for option opt; a
 * second one is an error (reported, -1). */
int dev_set_path(struct tender *t, const char *opt, unsigned idx,
                 const char *value);

/* Attaches, with attach, every device of type the command line named: how
 * many, or -1 if one failed (reported). */
int dev_attach_all(struct tender *t, mft_type_t type,
                   int (*attach)(struct tender *t, unsigned idx));

/* The attached device of type behind guest handle handle (any value: it
 * comes from the guest), or NULL. */
const struct mft_entry *dev_attached(const struct tender *t, uint64_t handle,
                                     mft_type_t type);

/* --describe: appends to t->mft a made-up attached device of type, whose
 * hostfd (100 and up) rules only pin, and returns it for the module to fill. */
struct mft_entry *dev_describe(struct tender *t, mft_type_t type);

/* The next attached entry of type from index *i on, or NULL; *i moves past
 * it. */
const struct mft_entry *dev_next_attached(const struct tender *t,
                                          mft_type_t type, unsigned *i);

/* --block:NAME=PATH and --block-sector-size:NAME=N into dev_args: a module's
 * handle_option. */
int dev_block_option(struct tender *t, const char *opt);

/* Opens the backing file of block device idx and fills its manifest entry
 * (capacity, block size, features, max_request, hostfd, attached): 0, or -1
 * (reported). */
int dev_block_attach(struct tender *t, unsigned idx);

/* Bytes one guest block request may move on a Kiln tender (spec 10.1): 1 MiB,
 * a multiple of every block size. */
#define DEV_BLOCK_MAX_REQUEST (1U << 20)
/* Block devices up to which MFT_BLOCK_F_MULTI is offered: each one's rules
 * cost about 110 BPF instructions, and a filter holds at most 4096. */
#define DEV_BLOCK_MULTI_DEVICES 16U

/*
 * Sets what the tender offers on block entry e (u.block_basic.features and
 * max_request; MFT_BLOCK_F_WRITE_THROUGH if write_through): the tenders'
 * common_dev_block_offer.c offers everything, the test tenders'
 * tests/tenders/block_offer_none.c nothing, as a reference tender.
 */
void dev_block_offer(struct mft_entry *e, bool write_through);

/* --net:NAME=IFACE|@FD and --net-mac:NAME=MAC into dev_args: a module's
 * handle_option. */
int dev_net_option(struct tender *t, const char *opt);

/* Attaches the tap of net device idx, fills its manifest entry (MAC, MTU,
 * hostfd, attached) and adds it to t->ws: 0, or -1 (reported). */
int dev_net_attach(struct tender *t, unsigned idx);

/* For each attached block device: pread64/pwrite64 on its descriptor of the
 * whole blocks its entry offers (one, or one to max_request bytes), at
 * aligned offsets that keep the request inside it; fdatasync with
 * MFT_BLOCK_F_FLUSH. */
void dev_block_rules(struct tender *t, struct sandbox *sb);

/* For each attached net device: read/write on its descriptor only. */
void dev_net_rules(struct tender *t, struct sandbox *sb);

#endif /* KILN_COMMON_DEV_H */
