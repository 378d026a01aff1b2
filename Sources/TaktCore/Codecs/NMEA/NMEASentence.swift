/// One checksum-valid NMEA 0183 sentence, decoded into a typed struct where Takt uses the sentence type.
///
/// The talker (GP, GN, GL, GA, GB, GQ, ...) is kept on every case because multi-constellation receivers repeat
/// sentences per talker; types Takt does not interpret stay `.other` with their raw fields so nothing is lost.
public enum NMEASentence: Hashable, Sendable, Codable {
    case gga(NMEAGGA)
    case rmc(NMEARMC)
    case zda(NMEAZDA)
    case gst(NMEAGST)
    case hdt(NMEAHDT)
    case gsa(NMEAGSA)
    case vtg(NMEAVTG)
    case gll(NMEAGLL)
    case gns(NMEAGNS)
    /// Any other sentence, proprietary ones (`$P…`) included: talker is empty for proprietary sentences and
    /// `type` holds the whole address field after `P`.
    case other(talker: String, type: String, fields: [String])

    /// The two-letter talker ("GN", "GP", ...), empty for proprietary sentences.
    public var talker: String {
        switch self {
        case .gga(let s): s.talker
        case .rmc(let s): s.talker
        case .zda(let s): s.talker
        case .gst(let s): s.talker
        case .hdt(let s): s.talker
        case .gsa(let s): s.talker
        case .vtg(let s): s.talker
        case .gll(let s): s.talker
        case .gns(let s): s.talker
        case .other(let talker, _, _): talker
        }
    }

    /// The sentence type ("GGA", "RMC", ...).
    public var type: String {
        switch self {
        case .gga: "GGA"
        case .rmc: "RMC"
        case .zda: "ZDA"
        case .gst: "GST"
        case .hdt: "HDT"
        case .gsa: "GSA"
        case .vtg: "VTG"
        case .gll: "GLL"
        case .gns: "GNS"
        case .other(_, let type, _): type
        }
    }
}
