/* solo5-spt net module: --net taps, read/write rules on each. */
#include "spt.h"

#include "common_dev.h"

static int setup(struct tender *t)
{
    return dev_attach_all(t, MFT_DEV_NET_BASIC, dev_net_attach) < 0 ? -1 : 0;
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
