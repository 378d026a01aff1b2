/// How a serial port reaches the host, as libserialport reports it. It decides the PPS class of a DCD line: a
/// native UART's DCD is stamped within tens of µs, a USB-serial adapter's only after the next USB poll (0.1–1 ms).
public enum SerialTransport: String, Sendable, Codable, Hashable {
    case native
    case usb
    case bluetooth
}
