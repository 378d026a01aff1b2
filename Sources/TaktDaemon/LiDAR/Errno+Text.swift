import Glibc

/// `strerror` text with the number, for operator-facing errors.
func errnoText(_ code: Int32) -> String {
    "\(String(cString: strerror(code))) (errno \(code))"
}
