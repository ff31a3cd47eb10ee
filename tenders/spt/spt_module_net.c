/* solo5-spt net module: --net taps, read/write rules on each. */
#include "spt.h"

static int setup(struct tender *t)
{
    for (unsigned i = 0; i < t->mft->entries; i++) {
        if (t->dev[i].path == NULL || t->mft->e[i].type != MFT_DEV_NET_BASIC)
            continue;
        if (dev_net_attach(t, i) != 0)
            return -1;
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
    .rules = dev_net_rules,
};
TENDER_MODULE(net, net_module);
