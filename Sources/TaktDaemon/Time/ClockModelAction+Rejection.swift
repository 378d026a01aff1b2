public import TaktCore

extension Array where Element == ClockModelAction {
    /// Why the clock model rejected the edge stamped `host`, if it did. Handling one edge can also reject an
    /// *earlier* one (the previous edge never got a label), so rejections are matched by stamp: a `/time/pps` record
    /// must carry its own edge's verdict, not its predecessor's.
    public func rejection(ofEdgeAt host: MonotonicInstant) -> String? {
        for action in self {
            if case .edgeRejected(let at, let reason) = action, at == host { return reason.rawValue }
        }
        return nil
    }
}
