/* Kiln network layer: lwIP's random numbers from the C runtime's entropy. */
#include <stdint.h>
#include <stdlib.h>

#include "net.h"

/* arc4random is seeded from getentropy (RDSEED/RDRAND); net_up refuses to
 * start the stack on a CPU without them, so this never runs without one. */
unsigned int net_rand(void)
{
    return arc4random();
}
