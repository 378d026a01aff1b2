import TaktCore
import Testing

@Suite struct PTPContainerTests {
    static let samples: [PTPContainer] = [
        PTPContainer(type: .command, code: 0x1002, transactionID: 0, parameters: [1]),
        PTPContainer(type: .command, code: 0x100E, transactionID: 7, parameters: [0, 0]),
        PTPContainer(type: .command, code: 0x1001, transactionID: 1),
        PTPContainer(type: .command, code: 0x101B, transactionID: 9, parameters: [3, 0, 1 << 20, 4, 5]),
        PTPContainer(
            type: .data,
            code: 0x1009,
            transactionID: 5,
            payload: [0xFF, 0xD8] + Array(repeating: 7, count: 700) + [0xFF, 0xD9]
        ),
        PTPContainer(type: .data, code: 0x1004, transactionID: 2, payload: []),
        PTPContainer(type: .response, code: 0x2001, transactionID: 5),
        PTPContainer(type: .response, code: 0x2019, transactionID: 6, parameters: [1]),
        PTPContainer(type: .event, code: 0x4002, transactionID: 7, parameters: [3]),
        PTPContainer(type: .event, code: 0x400D, transactionID: 7, parameters: [7]),
    ]

    @Test(arguments: samples)
    func roundTrip(_ container: PTPContainer) throws {
        let bytes = container.encoded()
        #expect(bytes.count == container.encodedLength)
        #expect(Array(bytes[0..<4]) == [UInt8(bytes.count & 0xFF), UInt8(bytes.count >> 8 & 0xFF), 0, 0])
        #expect(try PTPContainer.decode(bytes) == container)
    }

    @Test func headerBytesAreLittleEndianPerISO15740() {
        let c = PTPContainer(type: .command, code: 0x1002, transactionID: 0x0403_0201, parameters: [0xAABB_CCDD])
        #expect(c.encoded() == [16, 0, 0, 0, 1, 0, 0x02, 0x10, 1, 2, 3, 4, 0xDD, 0xCC, 0xBB, 0xAA])
    }

    @Test(arguments: [
        (
            [11, 0, 0, 0, 1, 0, 1, 0x10, 0, 0, 0, 0] as [UInt8],
            PTPError.badContainerLength(declared: 11, limit: 1 << 30)
        ),
        ([12, 0, 0, 0, 9, 0, 1, 0x10, 0, 0, 0, 0], .unknownContainerType(9)),
        ([14, 0, 0, 0, 1, 0, 1, 0x10, 0, 0, 0, 0, 1, 2], .badParameterBlock(type: .command, byteCount: 2)),
        (
            [36, 0, 0, 0, 4, 0, 2, 0x40] + [UInt8](repeating: 0, count: 28),
            .badParameterBlock(type: .event, byteCount: 24)
        ),
        (
            [20, 0, 0, 0, 3, 0, 1, 0x20, 0, 0, 0, 0],
            .truncated(field: "container", offset: 0, needed: 20, available: 12)
        ),
        ([12, 0, 0, 0, 3, 0, 1, 0x20, 0, 0, 0, 0, 0], .trailingBytes(dataset: "container", count: 1)),
        ([12, 0, 0, 0, 3, 0], .truncated(field: "container code", offset: 6, needed: 2, available: 0)),
    ])
    func rejects(_ bytes: [UInt8], _ error: PTPError) {
        #expect(throws: error) { try PTPContainer.decode(bytes) }
    }

    @Test func strings() throws {
        var w = PTPDataWriter()
        w.string("")
        w.string("R0010001.JPG")
        w.string("Größe 🚗")
        var r = PTPDataReader(w.bytes)
        #expect(try r.string("a") == "")
        #expect(try r.string("b") == "R0010001.JPG")
        #expect(try r.string("c") == "Größe 🚗")
        #expect(r.isAtEnd)
        // A count whose last unit is not NUL, and a lone surrogate, are errors.
        #expect(throws: PTPError.badString(offset: 0)) {
            var x = PTPDataReader([2, 0x41, 0, 0x42, 0]); _ = try x.string("s")
        }
        #expect(throws: PTPError.badString(offset: 0)) {
            var x = PTPDataReader([2, 0x00, 0xD8, 0, 0]); _ = try x.string("s")
        }
    }

    @Test func arrayCountIsCheckedBeforeAllocating() {
        var r = PTPDataReader([0xFF, 0xFF, 0xFF, 0x7F, 1, 0])
        #expect(throws: PTPError.arrayTooLong(field: "ops", count: 0x7FFF_FFFF, available: 2)) { try r.u16Array("ops") }
    }

    @Test func datasetsRoundTrip() throws {
        let device = PTPDeviceInfo(
            operations: [0x1001, 0x100E],
            events: [0x4002, 0x400D],
            deviceProperties: [0x5001],
            captureFormats: [0x3801],
            imageFormats: [0x3001, 0x3801],
            manufacturer: "Ricoh",
            model: "RICOH THETA Z1",
            deviceVersion: "1.60.1",
            serialNumber: "10010001"
        )
        #expect(try PTPDeviceInfo(decoding: device.encoded()) == device)
        let storage = PTPStorageInfo(maxCapacityBytes: 19 << 30, freeSpaceBytes: 1 << 30, volumeLabel: "THETA")
        #expect(try PTPStorageInfo(decoding: storage.encoded()) == storage)
        let object = PTPObjectInfo(
            storageID: 0x10001,
            objectFormat: .exifJPEG,
            compressedSize: 123,
            parentObject: 2,
            filename: "R0010001.JPG",
            captureDate: "20261125T073000",
            imagePixelWidth: 6720,
            imagePixelHeight: 3360
        )
        #expect(try PTPObjectInfo(decoding: object.encoded()) == object)
        #expect(throws: PTPError.trailingBytes(dataset: "ObjectInfo", count: 1)) {
            try PTPObjectInfo(decoding: object.encoded() + [0])
        }
    }

    @Test func propertyValues() throws {
        #expect(try PTPPropertyValue.integer([87], dataType: 0x0002) == 87)
        #expect(try PTPPropertyValue.integer([0xFE, 0xFF], dataType: 0x0003) == -2)
        #expect(throws: PTPError.trailingBytes(dataset: "property value", count: 1)) {
            try PTPPropertyValue.integer([1, 2], dataType: 0x0002)
        }
        #expect(throws: PTPError.unsupportedDataType(0xFFFF)) { try PTPPropertyValue.integer([0], dataType: 0xFFFF) }
    }
}
