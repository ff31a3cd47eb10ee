/* test_net_chksum's lwIP options: Kiln's, less LWIP_CHKSUM (lwIP's own). */
#ifndef KILN_TEST_CHKSUM_LWIPOPTS_H
#define KILN_TEST_CHKSUM_LWIPOPTS_H

#include "../../../net/lwipopts.h"
#undef LWIP_CHKSUM

#endif
