/* Test tool: opens a tap on descriptor FD, then execs a command. */
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct ifreq ifr = {.ifr_flags = IFF_TAP | IFF_NO_PI};
    int fd;

    if (argc < 4) {
        fprintf(stderr, "usage: tapfd IFACE FD CMD...\n");
        return 2;
    }
    fd = open("/dev/net/tun", O_RDWR);
    snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", argv[1]);
    if (fd < 0 || ioctl(fd, TUNSETIFF, &ifr) < 0 ||
        dup2(fd, atoi(argv[2])) < 0) {
        perror("tapfd");
        return 1;
    }
    execv(argv[3], argv + 3);
    perror(argv[3]);
    return 127;
}
