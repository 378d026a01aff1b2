// libFuzzer entry point for everything else a sensor, a camera or a damaged disk can hand Takt: LiDAR streams
// through the classifier and the loss tracker, PTP containers and datasets, trigger-box lines, MCAP bytes, and the
// raw-record scanners recovery trusts. Not part of any SwiftPM target: scripts/fuzz-packets.sh compiles it with
// the TaktCore sources into one module with `-sanitize=fuzzer,address` (see docs/fuzzing.md).

/// The first byte picks the path; the rest drives it. Crashes, traps and sanitizer reports are the findings; each
/// path also traps when an invariant the recorder relies on breaks (a datagram counted twice or not at all, a
/// frame with more packets than expected, a scanner prefix longer than its input).
@_cdecl("LLVMFuzzerTestOneInput")
public func packetDecoderFuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    guard let selector = input.first else { return 0 }
    let body = Array(input.dropFirst())
    switch selector % 6 {
    case 0: fuzzVelodyneStream(body)
    case 1: fuzzOusterPackets(body)
    case 2: fuzzPTP(body)
    case 3: fuzzTriggerBox(body)
    case 4: fuzzMCAP(body)
    default: fuzzRawScanners(body)
    }
    return 0
}

/// Byte `i` of `bytes`, 0 past the end.
private func byte(_ bytes: [UInt8], _ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }

/// Feeds datagrams to a classifier + tracker and checks the tracker's books balance: every datagram is counted
/// once, as a well-formed packet or a malformed one; counters never go negative.
private struct TrackedSensor {
    let classifier: LiDARPacketClassifier
    var tracker: LiDARLossTracker
    var delivered: Int64 = 0

    init(_ sensor: LiDARPacketClassifier.Sensor) {
        classifier = LiDARPacketClassifier(sensor: sensor)
        tracker = LiDARLossTracker(sequencing: classifier.sequencing, reorderWindow: 64)
    }

    mutating func deliver(_ payload: [UInt8], port: UInt16, at ns: Int64) {
        delivered += 1
        _ = tracker.handle(classifier.event(payload: payload, port: port, at: MonotonicInstant(nanoseconds: ns)))
        check()
    }

    mutating func tick(at ns: Int64) {
        _ = tracker.handle(.tick(MonotonicInstant(nanoseconds: ns)))
        check()
    }

    mutating func finish() {
        _ = tracker.handle(.finish)
        check()
    }

    mutating func check() {
        let c = tracker.counters
        // `packets` counts every well-formed datagram, IMU/position (auxiliary) ones included.
        if c.packets + c.malformed != delivered || c.auxiliaryPackets > c.packets {
            fatalError("books: \(c.packets) (\(c.auxiliaryPackets) auxiliary) + \(c.malformed) != \(delivered) datagrams")
        }
        if c.lost < 0 || c.pendingLost < 0 || c.duplicates < 0 || c.outOfOrder < 0 {
            fatalError("negative counter: \(c)")
        }
        for frame in tracker.takeClosedFrames() where frame.receivedColumns < 0 || frame.expectedColumns < 0 {
            fatalError("frame with negative counts: \(frame)")
        }
    }
}

/// A valid Velodyne stream (product and return mode from the input) edited by 4-byte instructions: in order,
/// skips, duplicates, late packets, byte edits, truncations, position packets with arbitrary sentences, silences.
private func fuzzVelodyneStream(_ body: [UInt8]) {
    let products: [UInt8] = [0x21, 0x22, 0x24, 0x28, 0xA1]
    let modes: [VelodyneReturnMode] = [.strongest, .last, .dual]
    let model = VelodyneStreamModel(
        product: VelodyneProduct(rawValue: products[Int(byte(body, 0)) % products.count]),
        returnMode: modes[Int(byte(body, 1)) % modes.count], rpm: 300 + Double(byte(body, 2)) * 4,
        startAzimuthHundredths: Double(byte(body, 3)) * 141)
    let start = UInt32(byte(body, 4)) << 24 | UInt32(byte(body, 5)) << 16
    var sensor = TrackedSensor(.velodyne(dataPort: 2368, positionPort: 8308))
    var index: Int64 = 0
    var now: Int64 = 1_000_000_000
    var last: [UInt8] = model.packet(index: 0, startMicrosecondsPastHour: start)
    var pc = 6
    while pc + 4 <= body.count {
        let (op, a, b, c) = (body[pc] % 8, body[pc + 1], body[pc + 2], body[pc + 3])
        pc += 4
        now += model.packetPeriodNanoseconds
        switch op {
        case 0, 1:
            index += op == 0 ? 1 : Int64(a) + 1
            last = model.packet(index: index, startMicrosecondsPastHour: start)
            sensor.deliver(last, port: 2368, at: now)
        case 2:
            sensor.deliver(last, port: 2368, at: now)
        case 3:
            sensor.deliver(model.packet(index: max(0, index - Int64(a)), startMicrosecondsPastHour: start), port: 2368, at: now)
        case 4:
            var edited = model.packet(index: index + 1, startMicrosecondsPastHour: start)
            edited[(Int(a) << 8 | Int(b)) % edited.count] = c
            index += 1
            sensor.deliver(edited, port: 2368, at: now)
        case 5:
            sensor.deliver(Array(last.prefix(Int(a) * 5)), port: a & 1 == 0 ? 2368 : 8308, at: now)
        case 6:
            let text = String(decoding: body[pc...].prefix(Int(a) % 90), as: UTF8.self)
            let pps = VelodynePositionPacket.PPSStatus(rawValue: b % 4) ?? .absent
            sensor.deliver(
                VelodyneStreamModel.positionPacket(microsecondsPastHour: UInt32(c) << 20, pps: pps, sentence: text),
                port: 8308, at: now)
            _ = VelodyneRMC(sentence: text)
        default:
            now += Int64(a) * 10_000_000
            sensor.tick(at: now)
        }
    }
    sensor.finish()
}

/// Ouster lidar and IMU packets of a small layout (profile and pixels from the input), padded or cut to the
/// expected size so the field decoders run, then a truncated and an oversized copy and one on the wrong port.
private func fuzzOusterPackets(_ body: [UInt8]) {
    let profiles: [OusterUDPProfile] = [.legacy, .rng19Rfl8Sig16Nir16, .rng19Rfl8Sig16Nir16Dual, .rng15Rfl8Nir8,
        .fiveWordPixel, .fusaRng15Rfl8Nir8Dual]
    let format = OusterPacketFormat(
        profile: profiles[Int(byte(body, 0)) % profiles.count], columnsPerPacket: 16,
        pixelsPerColumn: [16, 32, 64, 128][Int(byte(body, 1)) % 4], columnsPerFrame: [512, 1024, 2048][Int(byte(body, 2)) % 3])
    var sensor = TrackedSensor(.ouster(format: format, lidarPort: 7502, imuPort: 7503))
    var rest = body.dropFirst(3)
    var now: Int64 = 0
    while !rest.isEmpty {
        let chunk = Array(rest.prefix(format.lidarPacketSize))
        rest = rest.dropFirst(format.lidarPacketSize)
        var packet = chunk + [UInt8](repeating: 0, count: format.lidarPacketSize - chunk.count)
        now += 50_000_000 / Int64(max(1, format.packetsPerFrame))
        sensor.deliver(packet, port: 7502, at: now)
        sensor.deliver(Array(packet.prefix(OusterPacketFormat.imuPacketSize)), port: 7503, at: now)
        sensor.deliver(Array(packet.prefix(chunk.count)), port: 7502, at: now)
        packet.append(byte(chunk, 0))
        sensor.deliver(packet, port: 7502, at: now)
        sensor.deliver(chunk, port: 9999, at: now)
        _ = try? OusterIMUPacket(bytes: Array(chunk.prefix(OusterPacketFormat.imuPacketSize)))
    }
    sensor.finish()
    _ = try? OusterMetadata(json: body)
}

/// Bulk-IN transfers cut from the input (lengths from the input) through the container decoder, each container's
/// payload through every dataset decoder, and the raw bytes as an interrupt-endpoint event.
private func fuzzPTP(_ body: [UInt8]) {
    var decoder = PTPContainerDecoder(maximumLength: 1 << 16)
    var rest = body[...]
    var fed = 0
    while !rest.isEmpty {
        let n = Int(rest.first ?? 0) * 3 + 1
        let transfer = Array(rest.dropFirst().prefix(n))
        rest = rest.dropFirst(n + 1)
        fed += transfer.count
        decoder.append(transfer)
        while true {
            let container: PTPContainer?
            do { container = try decoder.next() } catch { continue }
            guard let c = container else { break }
            _ = try? PTPDeviceInfo(decoding: c.payload)
            _ = try? PTPObjectInfo(decoding: c.payload)
            _ = try? PTPStorageInfo(decoding: c.payload)
            for type: UInt16 in [1, 2, 3, 4, 5, 6, 7, 8, 0xFFFF] { _ = try? PTPPropertyValue.integer(c.payload, dataType: type) }
            if c.encoded().count != c.encodedLength { fatalError("PTP container re-encodes to a different length") }
        }
        _ = try? PTPEvent(decoding: transfer)
    }
    if decoder.discardedBytes > fed { fatalError("PTP decoder discarded \(decoder.discardedBytes) of \(fed) bytes") }
}

/// The input in slices through the trigger-box line decoder and a tracker fed by what it decodes.
private func fuzzTriggerBox(_ body: [UInt8]) {
    var decoder = TriggerBoxLineDecoder()
    var tracker = TriggerBoxTracker()
    let step = max(1, Int(byte(body, 0)) % 17)
    var i = 1
    var t: Int64 = 0
    while i < body.count {
        decoder.append(body[i..<min(body.count, i + step)])
        i += step
        t += 1_000_000
        while true {
            let message: TriggerBoxMessage?
            do { message = try decoder.next() } catch { continue }
            guard let m = message else { break }
            let at = MonotonicInstant(nanoseconds: t)
            tracker.sent(UInt32(truncatingIfNeeded: t), at: at)
            if case .ack(let sequence, let tick) = m { _ = tracker.received(sequence, tick: tick, at: at) }
        }
        _ = tracker.expire(now: MonotonicInstant(nanoseconds: t))
    }
    _ = tracker.abandonAll()
}

/// Arbitrary bytes as an MCAP file: whole-file reader, streamed reader in slices, and recovery, whose repaired
/// file must then read without error.
private func fuzzMCAP(_ body: [UInt8]) {
    _ = try? MCAPReader.records(in: body)
    let withMagic = MCAPFormat.magic + body
    _ = try? MCAPReader.messages(in: withMagic, validateCRCs: byte(body, 0) & 1 == 0)
    let recovered = MCAPRecovery.recover(withMagic)
    let repaired = recovered.repaired(withMagic)
    do {
        _ = try MCAPReader.records(in: repaired)
    } catch {
        fatalError("recovered MCAP does not read back: \(error)")
    }
}

/// The input as each kind of raw payload file, fed in slices: the valid prefix recovery would keep can never be
/// longer than the input.
private func fuzzRawScanners(_ body: [UInt8]) {
    for kind in [RawFileKind.pcap, .ubx, .nmea, .jpeg] {
        var scanner = RawRecordScanner(kind: kind)
        let step = max(1, Int(byte(body, 0)) * 7 % 4096)
        var i = 0
        while i < body.count {
            scanner.consume(Array(body[i..<min(body.count, i + step)]))
            i += step
        }
        let result = scanner.finish()
        if result.validPrefixLength > Int64(body.count) || result.validPrefixLength < 0 {
            fatalError("\(kind) scanner kept \(result.validPrefixLength) of \(body.count) bytes")
        }
    }
    _ = try? PcapCaptureReader(bytes: body)
    _ = try? PcapCaptureReader.udpDatagrams(in: body)
}
