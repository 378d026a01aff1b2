#include <gps.h>
// The struct layout of gps_data_t changes at API 12 (gpsd 3.23); TaktGPS is written against API 11 (gpsd 3.22).
#if GPSD_API_MAJOR_VERSION != 11
#error "TaktGPS expects libgps API 11 (gpsd 3.22)"
#endif
