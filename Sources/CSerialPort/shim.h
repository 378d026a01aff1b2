#include <libserialport.h>
#include <sys/ioctl.h>
#include <linux/serial.h>
#include <errno.h>
#if !defined(SP_PACKAGE_VERSION_MAJOR) || SP_PACKAGE_VERSION_MAJOR != 0
#error "TaktSerial expects libserialport 0.x"
#endif

// ioctl(2) is variadic, which Swift cannot call; libserialport has no modem-line wait API, so PPS-on-DCD needs these.

/// Blocks until one of the modem lines in `mask` (TIOCM_CD, ...) changes. Returns 0 or -errno.
static inline int csp_wait_modem_change(int fd, int mask) {
    return ioctl(fd, TIOCMIWAIT, (unsigned long)mask) == 0 ? 0 : -errno;
}

/// Reads the modem-line bits (TIOCM_*). Returns 0 or -errno.
static inline int csp_get_modem_bits(int fd, int *bits) {
    return ioctl(fd, TIOCMGET, bits) == 0 ? 0 : -errno;
}

/// Reads the driver's count of DCD transitions (TIOCGICOUNT). Returns 0 or -errno (EINVAL/ENOTTY where the
/// driver does not count).
static inline int csp_get_dcd_count(int fd, int *dcd) {
    struct serial_icounter_struct icount = {0};
    if (ioctl(fd, TIOCGICOUNT, &icount) != 0) return -errno;
    *dcd = icount.dcd;
    return 0;
}

static const int csp_tiocm_cd = TIOCM_CD;
