import Glibc

/// `struct mmsghdr` laid out as in `<sys/socket.h>` (msghdr, then `unsigned int msg_len`; 64 B on x86-64/arm64).
/// Glibc's Swift module hides it behind `_GNU_SOURCE`, so it is declared here.
struct MMsgHdr {
    var header = msghdr()
    var length: UInt32 = 0
}

/// `recvmmsg(2)`, resolved from the C library at run time because Swift's Glibc module does not import it.
/// The corresponding C function is `recvmmsg`.
enum RecvMMsg {
    typealias Function = @convention(c) (
        Int32, UnsafeMutableRawPointer?, UInt32, Int32, UnsafeMutablePointer<timespec>?
    ) -> Int32

    static let function: Function? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "recvmmsg") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()
}
