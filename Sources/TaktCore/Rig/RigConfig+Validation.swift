extension RigConfig {
    /// Every problem in the rig, in file order. Pure, so `takt rig check` and the daemon agree on what is wrong.
    public func problems() -> [RigProblem] {
        var out: [RigProblem] = []
        func err(_ path: String, _ msg: String) { out.append(RigProblem(path: path, message: msg)) }
        func warn(_ path: String, _ msg: String) { out.append(RigProblem(path: path, message: msg, severity: .warning)) }

        if rigFormat != 1 { err("rigFormat", "unsupported rig format \(rigFormat); this Takt reads format 1") }
        if vehicleId.isEmpty {
            err("vehicleId", "must not be empty")
        } else if !vehicleId.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            err("vehicleId", "'\(vehicleId)' may hold only letters, digits, '-' and '_' (it names session directories)")
        }
        if sensors.isEmpty { err("sensors", "a rig needs at least one sensor") }

        var seen: [String: Int] = [:]
        var udpPorts: [Int: String] = [:]
        for (i, s) in sensors.enumerated() {
            let p = "sensors[\(i)]"
            if s.id.isEmpty || !s.id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                err("\(p).id", "'\(s.id)' must be non-empty letters, digits, '-' or '_' (it names raw files)")
            }
            if let j = seen[s.id] { err("\(p).id", "duplicate id '\(s.id)' (also sensors[\(j)])") } else { seen[s.id] = i }
            if s.model.isEmpty { err("\(p).model", "must not be empty") }
            out += s.connection.problems(path: "\(p).connection", kind: s.kind)
            if let udp = s.connection.udp {
                for (k, port) in udp.ports.enumerated() {
                    if let other = udpPorts[port] {
                        err("\(p).connection.udp.ports[\(k)]", "port \(port) already used by sensor '\(other)'")
                    } else {
                        udpPorts[port] = s.id
                    }
                }
            }
            if let l = s.latencyNanoseconds, l < 0 || l > 1_000_000_000 {
                err("\(p).latencyNanoseconds", "\(l) is outside 0...1e9 ns")
            }
            if let d = s.ppsCableDelayNanoseconds, d < 0 || d > 10_000_000 {
                err("\(p).ppsCableDelayNanoseconds", "\(d) is outside 0...1e7 ns")
            }
            if let sig = s.leverArmSigmaMeters, sig < 0 { err("\(p).leverArmSigmaMeters", "must be ≥ 0") }
            if let a = s.leverArmMeters {
                for (name, v) in [("x", a.x), ("y", a.y), ("z", a.z)] where !v.isFinite || abs(v) > 50 {
                    err("\(p).leverArmMeters.\(name)", "\(v) m is not a plausible lever arm (|v| ≤ 50 m)")
                }
            } else if s.kind == .camera || s.kind == .lidar || s.kind == .gnss {
                warn("\(p).leverArmMeters", "missing: georeferencing will assume the sensor sits at the vehicle origin")
            }
            if s.kind == .lidar { out += s.lidarProblems(path: p) }
            if let b = s.boresightDegrees {
                for (name, v) in [("roll", b.roll), ("pitch", b.pitch), ("yaw", b.yaw)] where !v.isFinite || abs(v) > 360 {
                    err("\(p).boresightDegrees.\(name)", "\(v)° is outside ±360°")
                }
            }
        }

        if let t = trigger {
            if t.spacingMeters == nil && t.intervalSeconds == nil && (t.positions ?? []).isEmpty {
                err("trigger", "set spacingMeters and/or intervalSeconds")
            }
            if let s = t.spacingMeters, !(s > 0 && s < 1000) { err("trigger.spacingMeters", "\(s) must be in (0, 1000)") }
            if let s = t.intervalSeconds, !(s > 0) { err("trigger.intervalSeconds", "\(s) must be > 0") }
            if let s = t.standstillSpeedMetersPerSecond, s < 0 {
                err("trigger.standstillSpeedMetersPerSecond", "must be ≥ 0")
            }
            if let s = t.minimumIntervalSeconds, s < 0 { err("trigger.minimumIntervalSeconds", "must be ≥ 0") }
            for (i, p) in (t.positions ?? []).enumerated() {
                if !LatLon(latitude: p.latitude, longitude: p.longitude).isValid {
                    err("trigger.positions[\(i)]", "(\(p.latitude), \(p.longitude)) is not a valid latitude/longitude")
                }
                if let r = p.radiusMeters, !(r > 0 && r <= 1000) {
                    err("trigger.positions[\(i)].radiusMeters", "\(r) must be in (0, 1000]")
                }
            }
            for (i, z) in (t.zones ?? []).enumerated() {
                if z.polygon.count < 3 {
                    err("trigger.zones[\(i)].polygon", "has \(z.polygon.count) vertices; a zone needs at least 3")
                }
                if let bad = z.polygon.firstIndex(where: { !$0.isValid }) {
                    err("trigger.zones[\(i)].polygon[\(bad)]", "is not a valid latitude/longitude")
                }
            }
            if let c = t.cameraId {
                if let s = sensors.first(where: { $0.id == c }) {
                    if s.kind != .camera { err("trigger.cameraId", "'\(c)' is a \(s.kind.rawValue), not a camera") }
                } else {
                    err("trigger.cameraId", "no sensor with id '\(c)'")
                }
            }
            if let c = t.triggerBoxId {
                if let s = sensors.first(where: { $0.id == c }) {
                    if s.kind != .triggerBox { err("trigger.triggerBoxId", "'\(c)' is a \(s.kind.rawValue), not a trigger-box") }
                } else {
                    err("trigger.triggerBoxId", "no sensor with id '\(c)'")
                }
            }
        }

        if output.directory.isEmpty { err("output.directory", "must not be empty") }
        if let s = output.segmentSeconds, !(1...3600).contains(s) { err("output.segmentSeconds", "\(s) must be in 1...3600") }
        if let s = output.segmentMaxBytes, s < 1 << 20 { err("output.segmentMaxBytes", "\(s) must be ≥ 1 MiB") }
        if let s = output.diskReserveBytes, s < 0 { err("output.diskReserveBytes", "must be ≥ 0") }
        if let s = output.diskWarnSeconds, s < 0 { err("output.diskWarnSeconds", "must be ≥ 0") }
        if let l = time?.leapSecondsFallback, !(0...60).contains(l) { err("time.leapSecondsFallback", "\(l) must be in 0...60") }
        if let h = time?.maxHoldoverSeconds, !(h > 0) { err("time.maxHoldoverSeconds", "must be > 0") }
        if let st = status, st.socketPath.isEmpty { err("status.socketPath", "must not be empty") }
        if sensors(of: .gnss).isEmpty && !sensors.isEmpty {
            warn("sensors", "no GNSS sensor: data can only carry host-only time")
        }
        return out
    }

    public var hasErrors: Bool { problems().contains { $0.severity == .error } }
}

extension Connection {
    func problems(path: String, kind: SensorKind) -> [RigProblem] {
        var out: [RigProblem] = []
        let names = endpointNames
        if names.isEmpty {
            out.append(RigProblem(path: path, message: "no endpoint: set one of gpsd, serial, udp, usb, ppsDevice, simulated"))
            return out
        }
        let allowed: Set<String> =
            switch kind {
            case .gnss: ["gpsd", "serial", "simulated", "ppsDevice"]
            case .imu: ["serial", "gpsd", "simulated"]
            case .lidar: ["udp", "simulated"]
            case .camera: ["usb", "simulated"]
            case .triggerBox: ["serial", "simulated"]
            case .pps: ["ppsDevice", "serial", "simulated"]
            }
        for n in names where !allowed.contains(n) {
            out.append(RigProblem(path: "\(path).\(n)", message: "a \(kind.rawValue) cannot be reached over \(n)"))
        }
        if let g = gpsd {
            if g.host.isEmpty { out.append(RigProblem(path: "\(path).gpsd.host", message: "must not be empty")) }
            if !(1...65535).contains(g.port) { out.append(RigProblem(path: "\(path).gpsd.port", message: "\(g.port) is not a TCP port")) }
        }
        if let s = serial {
            if !s.device.hasPrefix("/") { out.append(RigProblem(path: "\(path).serial.device", message: "'\(s.device)' must be an absolute path")) }
            let bauds = [4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600]
            if !bauds.contains(s.baud) { out.append(RigProblem(path: "\(path).serial.baud", message: "\(s.baud) is not one of \(bauds.map(String.init).joined(separator: ", "))")) }
            if let f = s.format, !["ubx", "nmea", "takt-trigger"].contains(f) {
                out.append(RigProblem(path: "\(path).serial.format", message: "'\(f)' must be ubx, nmea or takt-trigger"))
            }
        }
        if let u = udp {
            if u.ports.isEmpty { out.append(RigProblem(path: "\(path).udp.ports", message: "needs at least the data port")) }
            for (i, p) in u.ports.enumerated() where !(1...65535).contains(p) {
                out.append(RigProblem(path: "\(path).udp.ports[\(i)]", message: "\(p) is not a UDP port"))
            }
            if let r = u.receiveBufferBytes, r < 65536 { out.append(RigProblem(path: "\(path).udp.receiveBufferBytes", message: "\(r) is too small (≥ 65536)")) }
        }
        if let u = usb {
            for (n, v) in [("vendorId", u.vendorId), ("productId", u.productId)] {
                if let v, v.count != 4 || UInt16(v, radix: 16) == nil {
                    out.append(RigProblem(path: "\(path).usb.\(n)", message: "'\(v)' must be 4 hex digits as lsusb prints them"))
                }
            }
            if u.vendorId == nil && u.interfaceClass == nil {
                out.append(RigProblem(path: "\(path).usb", message: "set vendorId/productId or interfaceClass"))
            }
        }
        if let d = ppsDevice, !d.hasPrefix("/") {
            out.append(RigProblem(path: "\(path).ppsDevice", message: "'\(d)' must be an absolute path"))
        }
        return out
    }
}
