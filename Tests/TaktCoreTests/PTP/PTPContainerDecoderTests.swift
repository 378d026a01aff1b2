import TaktCore
import Testing

/// The bulk-IN reassembler: same output however a device splits containers over transfers (each container starting
/// a transfer with its whole header, as USB bulk reads of >= 512 bytes guarantee), and garbage transfers counted.
@Suite struct PTPContainerDecoderTests {
    static let stream: [PTPContainer] = [
        PTPContainer(type: .data, code: 0x1008, transactionID: 4, payload: (0..<300).map { UInt8($0 & 0xFF) }),
        PTPContainer(type: .response, code: 0x2001, transactionID: 4),
        PTPContainer(type: .data, code: 0x1009, transactionID: 5, payload: (0..<70_000).map { UInt8(($0 * 7) & 0xFF) }),
        PTPContainer(type: .response, code: 0x2001, transactionID: 5, parameters: [1, 2]),
    ]

    static func decode(_ transfers: [[UInt8]]) throws -> [PTPContainer] {
        var d = PTPContainerDecoder()
        var out: [PTPContainer] = []
        for t in transfers {
            d.append(t)
            while let c = try d.next() { out.append(c) }
        }
        #expect(!d.isMidContainer)
        return out
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func anyTransferSplitGivesTheSameContainers(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        var transfers: [[UInt8]] = []
        for container in Self.stream {
            var bytes = container.encoded()[...]
            var first = true
            while !bytes.isEmpty {
                let minimum = first ? min(12, bytes.count) : 1
                let size = seed == 1 ? (first ? minimum : 1) : Int.random(in: minimum...max(minimum, 4096), using: &rng)
                transfers.append(Array(bytes.prefix(size)))
                bytes = bytes.dropFirst(size)
                first = false
            }
        }
        #expect(try Self.decode(transfers) == Self.stream)
        #expect(try Self.decode(Self.stream.map { $0.encoded() }) == Self.stream)
    }

    @Test func garbageTransfersAreReportedOnceEachAndSkipped() throws {
        var d = PTPContainerDecoder()
        let good = PTPContainer(type: .response, code: 0x2001, transactionID: 3)
        var errors: [PTPError] = []
        var out: [PTPContainer] = []
        for t in [
            [0xDE, 0xAD, 0xBE, 0xEF, 0xDE, 0xAD, 0xBE, 0xEF, 0xDE, 0xAD, 0xBE, 0xEF, 1, 2], [7, 0, 0], good.encoded(),
        ] {
            d.append(t)
            while true {
                do throws(PTPError) {
                    guard let c = try d.next() else { break }
                    out.append(c)
                } catch { errors.append(error) }
            }
        }
        #expect(out == [good])
        #expect(errors.count == 2)
        #expect(d.discardedBytes == 17)
    }

    @Test func oversizedContainerIsRejectedNotAllocated() {
        var d = PTPContainerDecoder(maximumLength: 1 << 20)
        d.append([0x00, 0x00, 0x00, 0x40, 2, 0, 9, 0x10, 1, 0, 0, 0])
        #expect(throws: PTPError.badContainerLength(declared: 0x4000_0000, limit: 1 << 20)) { try d.next() }
    }

    @Test func resetCountsAHalfContainer() throws {
        var d = PTPContainerDecoder()
        d.append(Array(Self.stream[2].encoded().prefix(1000)))
        #expect(try d.next() == nil)
        #expect(d.isMidContainer)
        d.reset()
        #expect(d.discardedBytes == 1000)
        d.append(Self.stream[1].encoded())
        #expect(try d.next() == Self.stream[1])
    }
}
