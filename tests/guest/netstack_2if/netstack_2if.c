/* Network stack test guest, two interfaces: the netstack guest's program. */
#include "../netstack/netstack.c"
