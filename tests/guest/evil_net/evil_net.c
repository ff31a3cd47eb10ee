/* Guest test evil_net: the evil guest with a block and a net device. */
/* The same guest as evil, every part of it, with another manifest. */
#include "../evil/evil.c"
#include "../evil/evil_calls.c"
#include "../evil/evil_cpu.c"
#include "../evil/evil_ring.c"
