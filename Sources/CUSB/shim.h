#include <libusb.h>
#if !defined(LIBUSB_API_VERSION) || LIBUSB_API_VERSION < 0x01000108
#error "TaktUSB expects libusb >= 1.0.24"
#endif
// libusb_set_option is variadic, which Swift cannot call.
static inline int cusb_set_option_log_level(libusb_context *ctx, int level) {
    return libusb_set_option(ctx, LIBUSB_OPTION_LOG_LEVEL, level);
}
