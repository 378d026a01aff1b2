import Dispatch
import Foundation
import Glibc
import Synchronization
import TaktCore

/// Receives LiDAR UDP on a dedicated thread and hands datagrams to one consumer through a bounded queue.
///
/// ```swift
/// let receiver = try UDPReceiver(configuration: .init(bindAddress: "0.0.0.0", ports: [7502, 7503]))
/// receiver.start()
/// while running { if let datagram = receiver.next(waitingUpTo: .milliseconds(100)) { handle(datagram) } }
/// receiver.stop()
/// ```
/// The thread polls all sockets and drains each readable one with `recvmmsg` batches, stamping every datagram with
/// the kernel's `SO_TIMESTAMPNS` receive time. It never waits for the consumer: when the queue is full the datagram
/// is dropped and counted in `statistics.queueOverflows`. The kernel's own socket-queue drops are read from
/// `SO_RXQ_OVFL` into `statistics.kernelDrops`, so no loss on the host side goes unreported.
///
/// `@unchecked Sendable`: the sockets are only read by the receive thread; the queue is an SPSC ring whose single
/// consumer must be one thread at a time (documented on `next`); every other shared field is an `Atomic`.
public final class UDPReceiver: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var bindAddress: String
        /// Port 0 binds an ephemeral port (tests); see `boundPorts`.
        public var ports: [UInt16]
        public var receiveBufferBytes: Int
        public var batchSize: Int
        public var queueCapacity: Int

        public init(
            bindAddress: String = "0.0.0.0", ports: [UInt16], receiveBufferBytes: Int = 64 << 20,
            batchSize: Int = 64, queueCapacity: Int = 16384
        ) {
            self.bindAddress = bindAddress
            self.ports = ports
            self.receiveBufferBytes = receiveBufferBytes
            self.batchSize = batchSize
            self.queueCapacity = queueCapacity
        }
    }

    public struct Statistics: Sendable, Hashable {
        public var datagrams: Int
        public var bytes: Int
        /// Datagrams dropped because the consumer queue was full.
        public var queueOverflows: Int
        /// Datagrams the kernel dropped from full socket buffers (sum of SO_RXQ_OVFL over the sockets).
        public var kernelDrops: Int
        public var truncated: Int
        /// Receive-buffer bytes the kernel granted per socket.
        public var receiveBufferBytes: [Int]
    }

    public let configuration: Configuration
    /// The ports actually bound, in `configuration.ports` order.
    public let boundPorts: [UInt16]
    private let sockets: [UDPSocket]
    private let ring: SPSCRing<ReceivedDatagram>
    private let maxDatagramBytes = 65536
    private let stopping = Atomic<Bool>(false)
    private let running = Atomic<Bool>(false)
    private let datagrams = Atomic<Int>(0)
    private let bytes = Atomic<Int>(0)
    private let overflows = Atomic<Int>(0)
    private let kernelDrops = Atomic<Int>(0)
    private let truncated = Atomic<Int>(0)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    public init(configuration: Configuration) throws(UDPReceiverError) {
        guard RecvMMsg.function != nil else { throw .batchReceiveUnavailable }
        guard let address = IPv4Endpoint(dottedQuad: configuration.bindAddress, port: 0) else {
            throw .invalidAddress(configuration.bindAddress)
        }
        var sockets: [UDPSocket] = []
        for port in configuration.ports {
            sockets.append(
                try UDPSocket(
                    address: address.address, port: port, receiveBufferBytes: configuration.receiveBufferBytes))
        }
        self.configuration = configuration
        self.sockets = sockets
        boundPorts = sockets.map(\.port)
        ring = SPSCRing(capacity: configuration.queueCapacity)
    }

    /// Starts the receive thread (once).
    public func start() {
        guard !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let thread = Thread { [self] in
            receiveLoop()
            finished.signal()
        }
        thread.name = "takt-lidar-rx"
        thread.qualityOfService = .userInteractive
        thread.start()
    }

    /// Stops the receive thread and waits for it to exit. Queued datagrams stay available to `next`.
    public func stop() {
        guard running.load(ordering: .acquiring), !stopping.exchange(true, ordering: .acquiringAndReleasing) else {
            return
        }
        finished.wait()
    }

    /// The next queued datagram, or `nil`. Call from one consumer thread at a time.
    public func next() -> ReceivedDatagram? { ring.pop() }

    /// The next datagram, waiting up to `timeout` for the receive thread to deliver one.
    public func next(waitingUpTo timeout: Duration) -> ReceivedDatagram? {
        if let datagram = ring.pop() { return datagram }
        _ = wake.wait(timeout: .now() + .nanoseconds(Int(timeout.nanoseconds)))
        return ring.pop()
    }

    public var statistics: Statistics {
        Statistics(
            datagrams: datagrams.load(ordering: .relaxed), bytes: bytes.load(ordering: .relaxed),
            queueOverflows: overflows.load(ordering: .relaxed), kernelDrops: kernelDrops.load(ordering: .relaxed),
            truncated: truncated.load(ordering: .relaxed), receiveBufferBytes: sockets.map(\.receiveBufferBytes))
    }

    public var queuedCount: Int { ring.count }

    deinit { stop() }

    private func receiveLoop() {
        guard let recvmmsg = RecvMMsg.function else { return }
        let batch = max(configuration.batchSize, 1)
        let controlBytes = 128
        let payloads = UnsafeMutableRawPointer.allocate(byteCount: batch * maxDatagramBytes, alignment: 16)
        let controls = UnsafeMutableRawPointer.allocate(byteCount: batch * controlBytes, alignment: 16)
        let names = UnsafeMutablePointer<sockaddr_in>.allocate(capacity: batch)
        let vectors = UnsafeMutablePointer<iovec>.allocate(capacity: batch)
        let messages = UnsafeMutablePointer<MMsgHdr>.allocate(capacity: batch)
        defer {
            payloads.deallocate()
            controls.deallocate()
            names.deallocate()
            vectors.deallocate()
            messages.deallocate()
        }
        var pollSet = sockets.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
        var kernelDropsPerSocket = [Int](repeating: 0, count: sockets.count)
        while !stopping.load(ordering: .relaxed) {
            let ready = poll(&pollSet, nfds_t(pollSet.count), 50)
            guard ready > 0 else { continue }
            for (socketIndex, entry) in pollSet.enumerated() where entry.revents & Int16(POLLIN) != 0 {
                let socket = sockets[socketIndex]
                // Drain a readable socket in full batches, then give the others a turn via poll.
                for _ in 0..<64 {
                    for index in 0..<batch {
                        vectors[index] = iovec(iov_base: payloads + index * maxDatagramBytes, iov_len: maxDatagramBytes)
                        var header = msghdr()
                        header.msg_name = UnsafeMutableRawPointer(names + index)
                        header.msg_namelen = socklen_t(MemoryLayout<sockaddr_in>.size)
                        header.msg_iov = vectors + index
                        header.msg_iovlen = 1
                        header.msg_control = controls + index * controlBytes
                        header.msg_controllen = controlBytes
                        messages[index] = MMsgHdr(header: header, length: 0)
                    }
                    let count = recvmmsg(socket.descriptor, messages, UInt32(batch), Int32(MSG_DONTWAIT), nil)
                    guard count > 0 else { break }
                    let receivedAt = MonotonicInstant(nanoseconds: Self.monotonicNow())
                    for index in 0..<Int(count) {
                        let message = messages[index]
                        let length = Int(message.length)
                        let control = ControlMessages(
                            control: controls + index * controlBytes, length: Int(message.header.msg_controllen))
                        if let drops = control.kernelDrops { kernelDropsPerSocket[socketIndex] = Int(drops) }
                        let name = names[index]
                        let isTruncated = message.header.msg_flags & Int32(MSG_TRUNC) != 0
                        let datagram = ReceivedDatagram(
                            payload: [UInt8](UnsafeRawBufferPointer(start: payloads + index * maxDatagramBytes, count: length)),
                            kernelRealtimeNanoseconds: control.realtimeNanoseconds, receivedAt: receivedAt,
                            source: IPv4Endpoint(address: UInt32(bigEndian: name.sin_addr.s_addr), port: UInt16(bigEndian: name.sin_port)),
                            destination: IPv4Endpoint(address: control.destinationAddress ?? 0, port: socket.port),
                            truncated: isTruncated)
                        datagrams.add(1, ordering: .relaxed)
                        bytes.add(length, ordering: .relaxed)
                        if isTruncated { truncated.add(1, ordering: .relaxed) }
                        if !ring.push(datagram) { overflows.add(1, ordering: .relaxed) }
                    }
                    kernelDrops.store(kernelDropsPerSocket.reduce(0, +), ordering: .relaxed)
                    wake.signal()
                    if Int(count) < batch { break }
                }
            }
        }
    }

    /// CLOCK_MONOTONIC now, in ns: the clock of `ReceivedDatagram.receivedAt`, for the consumer's silence ticks.
    public static func monotonicNow() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}
