/* Kiln spt block: pread64/pwrite64 and fdatasync on the host file. */
#include "bindings_spt.h"

solo5_result_t block_io(const struct mft_entry *e, solo5_handle_t h, bool write,
                        solo5_off_t offset, void *buf, size_t size)
{
    long n;

    (void)h;
    n = write ? sys_pwrite64(e->b.hostfd, buf, size, offset)
              : sys_pread64(e->b.hostfd, buf, size, offset);
    return n == (long)size ? SOLO5_R_OK : SOLO5_R_EUNSPEC;
}

solo5_result_t solo5_block_flush(solo5_handle_t handle)
{
    solo5_result_t rc;
    const struct mft_entry *e = block_feature(handle, MFT_BLOCK_F_FLUSH, &rc);

    if (e == NULL)
        return rc;
    return sys_fdatasync(e->b.hostfd) == 0 ? SOLO5_R_OK : SOLO5_R_EUNSPEC;
}
