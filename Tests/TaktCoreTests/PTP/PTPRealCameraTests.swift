import TaktCore
import Testing

/// The PTP codec against bytes a real camera sent (Canon PowerShot SX200 IS, umockdev recording).
@Suite struct PTPRealCameraTests {
    @Test func everySingleTransferContainerInTheRecordingDecodes() throws {
        let recording = try CanonRecording.load()
        var decoded = 0
        var kinds: Set<PTPContainerType> = []
        for transfer in recording.transfers {
            guard transfer.data.count >= 12 else { continue }
            let declared =
                Int(transfer.data[0]) | Int(transfer.data[1]) << 8 | Int(transfer.data[2]) << 16
                | Int(transfer.data[3]) << 24
            guard declared == transfer.data.count else { continue }  // continuation chunks and split containers
            let container = try PTPContainer.decode(transfer.data)
            #expect(container.encoded() == transfer.data, "line \(transfer.line) does not round-trip")
            #expect((transfer.endpoint == 2) == (container.type == .command), "line \(transfer.line)")
            kinds.insert(container.type)
            decoded += 1
        }
        #expect(decoded > 400)
        #expect(kinds == [.command, .data, .response])
    }

    @Test func deviceInfoFromTheCanon() throws {
        let recording = try CanonRecording.load()
        let transfer = try #require(recording.transfers.first { $0.endpoint == 129 && $0.data.count == 405 })
        let container = try PTPContainer.decode(transfer.data)
        #expect(container.code == PTPOperationCode.getDeviceInfo.rawValue)
        let info = try PTPDeviceInfo(decoding: container.payload)
        #expect(info.manufacturer == "Canon Inc.")
        #expect(info.model.hasPrefix("Canon PowerShot SX200"))
        #expect(info.standardVersion == 100)
        #expect(info.operations.contains(PTPOperationCode.getObject.rawValue))
        #expect(info.captureFormats.isEmpty || info.imageFormats.contains(PTPObjectFormat.exifJPEG.rawValue))
        // Re-encoding the decoded dataset gives the camera's bytes back (strings, arrays, order of fields).
        #expect(info.encoded() == container.payload)
    }

    @Test func objectInfosFromTheCanon() throws {
        let recording = try CanonRecording.load()
        var names: Set<String> = []
        for transfer in recording.transfers where transfer.endpoint == 129 {
            guard let c = try? PTPContainer.decode(transfer.data), c.type == .data,
                c.code == PTPOperationCode.getObjectInfo.rawValue
            else { continue }
            let info = try PTPObjectInfo(decoding: c.payload)
            #expect(info.encoded() == c.payload)
            names.insert("\(info.filename) \(info.objectFormat.rawValue) \(info.compressedSize)")
        }
        #expect(
            names == [
                "DCIM 12289 0", "100CANON 12289 0", "IMG_0001.JPG 14337 68182", "IMG_0002.JPG 14337 89334",
            ]
        )
    }

    /// GetObject of IMG_0001.JPG arrived as 512 + 65536 + 2048 + 98 bytes, then the OK response: the decoder must
    /// reassemble exactly one 68182-byte JPEG that passes the delete-after-download check.
    @Test func multiTransferGetObjectReassembles() throws {
        let recording = try CanonRecording.load()
        let start = try #require(
            recording.transfers.firstIndex { t in
                t.endpoint == 129 && t.data.count == 512
                    && t.data.starts(with: [0x62, 0x0A, 0x01, 0x00, 0x02, 0x00, 0x09, 0x10])
            }
        )
        let chain = recording.chain(from: start)
        #expect(chain.map(\.data.count) == [512, 65536, 2048, 98, 12])
        var decoder = PTPContainerDecoder()
        var out: [PTPContainer] = []
        for transfer in chain {
            decoder.append(transfer.data)
            while let c = try decoder.next() { out.append(c) }
        }
        #expect(out.count == 2)
        let data = try #require(out.first)
        #expect(data.type == .data && data.payload.count == 68182)
        #expect(out.last?.type == .response && out.last?.code == PTPResponseCode.ok.rawValue)
        #expect(out.allSatisfy { $0.transactionID == data.transactionID })
        let info = PTPObjectInfo(
            storageID: 0x0001_0001,
            objectFormat: .exifJPEG,
            compressedSize: 68182,
            parentObject: 0,
            filename: "IMG_0001.JPG"
        )
        #expect(PTPDownloadCheck.check(data.payload, against: info) == .verified)
        #expect(decoder.discardedBytes == 0)
    }
}
