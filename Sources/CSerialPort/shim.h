#include <libserialport.h>
#if !defined(SP_PACKAGE_VERSION_MAJOR) || SP_PACKAGE_VERSION_MAJOR != 0
#error "TaktSerial expects libserialport 0.x"
#endif
