/* solo5-spt net module: --net taps, read/write rules on each. */
#include "spt.h"

#include <sys/syscall.h>

static int setup(struct tender *t)
{
    for (unsigned i = 0; i < t->mft->entries; i++) {
        uint64_t fd;
        if (t->dev[i].path == NULL || t->mft->e[i].type != MFT_DEV_NET_BASIC)
            continue;
        if (dev_net_attach(t, i) != 0)
            return -1;
        /* Frames move with plain read/write on this descriptor only. */
        fd = (uint64_t)t->mft->e[i].b.hostfd;
        sandbox_allow(&spt_of(t)->sb, SYS_read, 1, 0u, SANDBOX_EQ, fd);
        sandbox_allow(&spt_of(t)->sb, SYS_write, 1, 0u, SANDBOX_EQ, fd);
    }
    return 0;
}

static const struct tender_module net_module = {
    .name = "net",
    .usage = "  [ --net:NAME=IFACE | @NN ] (attach tap at IFACE or at "
             "descriptor NN as network NAME)\n"
             "  [ --net-mac:NAME=HWADDR ] (set HWADDR for network NAME)\n",
    .handle_option = dev_net_option,
    .setup = setup,
};
TENDER_MODULE(net, net_module);
