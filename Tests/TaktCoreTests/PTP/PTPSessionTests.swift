import TaktCore
import Testing

@Suite struct PTPSessionTests {
    func response(_ tid: UInt32, _ code: UInt16 = 0x2001, _ params: [UInt32] = []) -> PTPContainer {
        PTPContainer(type: .response, code: code, transactionID: tid, parameters: params)
    }

    @Test func transactionIDsFollowISO15740() throws {
        var s = PTPSession()
        #expect(try s.start(PTPRequest(.getDeviceInfo)).map(\.transactionID) == [0])
        _ = s.receive(response(0))
        #expect(throws: PTPError.sessionNotOpen(operation: .getStorageIDs)) { try s.start(PTPRequest(.getStorageIDs)) }
        let open = try s.start(PTPRequest(.openSession, [7]))
        #expect(open == [PTPContainer(type: .command, code: 0x1002, transactionID: 0, parameters: [7])])
        guard case .completed(let r) = s.receive(response(0)) else { Issue.record("not completed"); return }
        #expect(r.code == .ok)
        #expect(s.state == .open(sessionID: 7))
        var tids: [UInt32] = []
        for _ in 0..<3 {
            let c = try s.start(PTPRequest(.getStorageIDs))
            tids.append(c[0].transactionID)
            _ = s.receive(response(c[0].transactionID))
        }
        #expect(tids == [1, 2, 3])
    }

    @Test func dataPhaseThenResponse() throws {
        var s = PTPSession()
        _ = try s.start(PTPRequest(.openSession, [1]))
        _ = s.receive(response(0))
        let tid = try s.start(PTPRequest(.getObject, [3]))[0].transactionID
        #expect(
            s.receive(PTPContainer(type: .data, code: 0x1009, transactionID: tid, payload: [1, 2, 3])) == .awaitingMore
        )
        guard case .completed(let r) = s.receive(response(tid)) else { Issue.record("not completed"); return }
        #expect(r.data == [1, 2, 3] && r.operation == .getObject && r.transactionID == tid)
        #expect(s.operationInFlight == nil)
    }

    @Test func staleAndMisplacedContainersAreIgnoredNotTakenForTheAnswer() throws {
        var s = PTPSession()
        _ = try s.start(PTPRequest(.openSession, [1]))
        _ = s.receive(response(0))
        _ = try s.start(PTPRequest(.getStorageIDs))  // tid 1, then abandoned (timeout)
        s.abandon()
        let tid = try s.start(PTPRequest(.getObjectInfo, [3]))[0].transactionID
        #expect(s.receive(response(1)) == .ignored(.unexpectedTransaction(expected: tid, got: 1)))
        #expect(
            s.receive(PTPContainer(type: .data, code: 0x1009, transactionID: tid))
                == .ignored(.unexpectedContainer(type: .data, code: 0x1009, transactionID: tid))
        )
        #expect(
            s.receive(PTPContainer(type: .command, code: 0x1008, transactionID: tid))
                == .ignored(.unexpectedContainer(type: .command, code: 0x1008, transactionID: tid))
        )
        #expect(throws: PTPError.transactionInProgress(operation: .getObjectInfo)) {
            try s.start(PTPRequest(.getStorageIDs))
        }
        guard case .completed = s.receive(response(tid, 0x2009)) else { Issue.record("not completed"); return }
    }

    @Test func sessionAlreadyOpenCountsAsOpenSoTheDriverCanCloseIt() throws {
        var s = PTPSession()
        _ = try s.start(PTPRequest(.openSession, [1]))
        guard case .completed(let r) = s.receive(response(0, 0x201E)) else { Issue.record("not completed"); return }
        #expect(r.code == .sessionAlreadyOpen)
        let close = try s.start(PTPRequest(.closeSession))
        _ = s.receive(response(close[0].transactionID))
        #expect(s.state == .closed)
    }

    @Test func dataOutPhase() throws {
        var s = PTPSession()
        _ = try s.start(PTPRequest(.openSession, [1]))
        _ = s.receive(response(0))
        let out = try s.start(PTPRequest(.setDevicePropValue, [0x5012], dataOut: [0, 0, 0, 0]))
        #expect(out.map(\.type) == [.command, .data])
        #expect(out[1].payload == [0, 0, 0, 0] && out[1].transactionID == out[0].transactionID)
    }
}
