import Glibc

/// What the kernel attached to one received datagram.
struct ControlMessages {
    var realtimeNanoseconds: Int64?
    var destinationAddress: UInt32?
    /// Cumulative count of datagrams this socket's queue dropped (`SO_RXQ_OVFL`).
    var kernelDrops: UInt32?

    /// Walks the cmsg chain as `CMSG_FIRSTHDR`/`CMSG_NXTHDR` do (headers and data aligned to `size_t`).
    init(control: UnsafeRawPointer, length: Int) {
        let align = MemoryLayout<Int>.size
        func aligned(_ value: Int) -> Int { (value + align - 1) & ~(align - 1) }
        let headerSize = aligned(MemoryLayout<cmsghdr>.size)
        var offset = 0
        while offset + MemoryLayout<cmsghdr>.size <= length {
            let header = control.loadUnaligned(fromByteOffset: offset, as: cmsghdr.self)
            let messageLength = Int(header.cmsg_len)
            guard messageLength >= MemoryLayout<cmsghdr>.size, offset + messageLength <= length else { break }
            let data = control + offset + headerSize
            let dataLength = messageLength - headerSize
            if header.cmsg_level == SOL_SOCKET, header.cmsg_type == SO_TIMESTAMPNS,
                dataLength >= MemoryLayout<timespec>.size
            {
                let stamp = data.loadUnaligned(as: timespec.self)
                realtimeNanoseconds = Int64(stamp.tv_sec) * 1_000_000_000 + Int64(stamp.tv_nsec)
            } else if header.cmsg_level == SOL_SOCKET, header.cmsg_type == SO_RXQ_OVFL, dataLength >= 4 {
                kernelDrops = data.loadUnaligned(as: UInt32.self)
            } else if header.cmsg_level == Int32(IPPROTO_IP), header.cmsg_type == IP_PKTINFO,
                dataLength >= MemoryLayout<in_pktinfo>.size
            {
                let info = data.loadUnaligned(as: in_pktinfo.self)
                destinationAddress = UInt32(bigEndian: info.ipi_addr.s_addr)
            }
            offset += aligned(messageLength)
        }
    }
}
