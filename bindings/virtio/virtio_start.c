/* Kiln virtio entry: _start, the ABI note, devices, hand-over to start. */
#include "virtio.h"

ABI1_NOTE_DEFINE(ABI1_TARGET_VIRTIO, VIRTIO_ABI_VERSION);

/* The manifest note the application links in (written by elftool). */
extern struct {
    struct solo5_note_header h;
    uint32_t pad;
    struct mft m;
} __solo5_mft1_note;

/* The end of the image (the linker script's). */
extern char _end[];

uint64_t virtio_mem_size;
struct mft *virtio_mft;

/* The bindings' own copy of the manifest: they mark devices attached in it,
 * never in the note the image carries. */
static union {
    struct mft m;
    uint8_t bytes[MFT_SIZE(MFT_MAX_ENTRIES)];
} mft_copy;

const void *virtio_phys(uint64_t pa)
{
    return (const void *)(uintptr_t)pa;
}

static const char *boot_cmdline;
static bool cmdline_truncated;

static void check_manifest(void)
{
    struct mft *m = &__solo5_mft1_note.m;

    if (m->version != MFT_VERSION || m->entries == 0 ||
        m->entries > MFT_MAX_ENTRIES)
        PANIC("Invalid manifest");
    memcpy(&mft_copy, m, MFT_SIZE(m->entries));
    virtio_mft = &mft_copy.m;
    bindings_mft_set(virtio_mft);
}

/* Runs on the stack at the top of memory. */
static NORETURN void virtio_main(void)
{
    enum log_level level = LOG_INFO;
    const char *cmdline = cmdline_parse(boot_cmdline, &level);

    log_set_level(level);
    if (cmdline_truncated)
        log_printf(LOG_WARN, "Solo5: warning: command line too long, "
                             "truncated\n");
    time_init();
    check_manifest();
    pci_scan();
    dev_check_all_attached();
    start_common(cmdline, virtio_mem_size);
}

void _start(const struct multiboot_info *mbi)
{
    cpu_init();
    crt_init_ssp();
    /* No TLS block yet: %fs accesses must fault, not use a stale base. */
    cpu_wrmsr(MSR_IA32_FS_BASE, 0);
    serial_init();
    pic_init();
    virtio_mem_size = multiboot_mem_size(mbi);
    /* The stack goes at the top of memory: never into the image. */
    if (virtio_mem_size <= (uintptr_t)_end)
        PANIC("Not enough memory");
    boot_cmdline = multiboot_cmdline(mbi, &cmdline_truncated);
    virtio_stack_switch(virtio_mem_size, virtio_main);
}
