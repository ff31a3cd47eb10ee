/* Guest test evil_nodev: the evil guest with no devices at all. */
#include "../evil/evil.c"
