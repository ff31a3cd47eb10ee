/* Guest test evil_nodev: the evil guest with no devices at all. */
/* The same guest as evil, every part of it, with another manifest. */
#include "../evil/evil.c"
#include "../evil/evil_calls.c"
#include "../evil/evil_cpu.c"
#include "../evil/evil_ring.c"
