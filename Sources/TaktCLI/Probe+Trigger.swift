public import ArgumentParser
import Foundation
import TaktCore
import TaktSerial

extension Takt.Probe {
    /// `takt probe trigger DEVICE --count N`: drive a USB-serial trigger box (hw/wiring/trigger-box.md) through
    /// libserialport: send `T <seq>` one at a time, match `A <seq> <tick>` acks, count garbage, survive drop-outs.
    public struct Trigger: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Send triggers to a USB-serial trigger box and print acks, garbage and losses as JSON lines."
        )

        @Argument(help: "Device path, e.g. /dev/ttyACM0.")
        var device: String

        @Option(help: "Number of triggers to send.")
        var count = 5

        @Option(help: "Baud rate.")
        var baud = 115_200

        public init() {}

        public func run() async throws {
            let reader = SerialReader(
                path: device,
                configuration: SerialConfiguration(baudRate: baud),
                backoff: ReconnectBackoff(initialDelay: .milliseconds(100), maximumDelay: .seconds(1))
            )
            let out = ProbeOutput()
            var decoder = TriggerBoxLineDecoder()
            var tracker = TriggerBoxTracker()
            var nextSequence: UInt32 = 1
            var acked = 0
            var garbage = 0
            var boxErrors = 0
            var gaps = 0
            reader.start()
            func sendNext(_ at: MonotonicInstant) async -> Bool {
                guard nextSequence <= UInt32(count) else { return false }
                let seq = nextSequence
                do throws(SerialPortError) {
                    try reader.write(TriggerBoxCommand.trigger(sequence: seq).encoded())
                    tracker.sent(seq, at: at)
                    nextSequence += 1
                    await out.emit(#"{"event":"sent","sequence":\#(seq)}"#)
                    return true
                } catch {
                    await out.emit(ProbeLine.writeFailure(error))
                    return false
                }
            }
            loop: for await event in reader.events {
                switch event {
                case .opened(_, let at):
                    decoder.reset()
                    await out.emit(ProbeLine.serial(event))
                    if tracker.pendingSequences.isEmpty { _ = await sendNext(at) }
                case .failed(_, _):
                    await out.emit(ProbeLine.serial(event))
                    gaps += 1
                    let lost = tracker.abandonAll()
                    await out.emit(#"{"event":"lost","sequences":[\#(lost.map(String.init).joined(separator: ","))]}"#)
                case .bytes(let bytes, let at):
                    decoder.append(bytes)
                    while true {
                        let message: TriggerBoxMessage?
                        do throws(TriggerBoxLineError) { message = try decoder.next() } catch {
                            garbage += 1
                            await out.emit(#"{"event":"garbage","error":\#(ProbeLine.quoted("\(error)"))}"#)
                            continue
                        }
                        guard let message else { break }
                        switch message {
                        case .ack(let seq, let tick):
                            switch tracker.received(seq, tick: tick, at: at) {
                            case .acknowledged(let a):
                                acked += 1
                                await out.emit(
                                    #"{"event":"ack","sequence":\#(seq),"tickUs":\#(tick),"#
                                        + #""sentNs":\#(a.sentAt.nanoseconds),"ackNs":\#(a.ackedAt.nanoseconds)}"#
                                )
                                if !(await sendNext(at)) && tracker.pendingSequences.isEmpty { break loop }
                            case .unexpectedAck:
                                await out.emit(#"{"event":"unexpectedAck","sequence":\#(seq)}"#)
                            }
                        case .error(let text):
                            boxErrors += 1
                            await out.emit(#"{"event":"boxError","text":\#(ProbeLine.quoted(text))}"#)
                        case .heartbeat(let tick):
                            await out.emit(#"{"event":"heartbeat","tickUs":\#(tick)}"#)
                        }
                    }
                }
                if nextSequence > UInt32(count), tracker.pendingSequences.isEmpty { break loop }
            }
            reader.shutdown()
            await out.emit(
                #"{"event":"exit","acked":\#(acked),"lost":[\#(tracker.lost.map(String.init).joined(separator: ","))],"#
                    + #""garbage":\#(garbage),"unexpectedAcks":\#(tracker.unexpectedAcks),"boxErrors":\#(boxErrors),"#
                    + #""gaps":\#(gaps)}"#
            )
        }
    }
}
