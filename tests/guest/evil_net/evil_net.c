/* Guest test evil_net: the evil guest with a block and a net device. */
#include "../evil/evil.c"
