import Testing
import TaktCore

/// Writer conformance: every non-pad variant of the official suite, written by `MCAPWriter` from the variant's
/// record list, must hash to the SHA-256 and size recorded in the suite's Git LFS pointer.
@Suite struct MCAPWriterConformanceTests {
    /// Drives the writer with the variant's data-section records; the summary must come from the writer itself.
    static func write(_ variant: MCAPConformanceVariant) -> [UInt8] {
        var writer = MCAPWriter(options: variant.writerOptions)
        for record in variant.records {
            switch record.type {
            case "Header":
                writer.start(profile: record.string("profile"), library: record.string("library"))
            case "Schema":
                let id = writer.registerSchema(
                    name: record.string("name"), encoding: record.string("encoding"), data: record.bytes("data"))
                #expect(id == record.int("id", as: UInt16.self), "\(variant): schema id")
            case "Channel":
                let id = writer.registerChannel(
                    topic: record.string("topic"), messageEncoding: record.string("message_encoding"),
                    schemaID: record.int("schema_id"), metadata: record.map("metadata"))
                #expect(id == record.int("id", as: UInt16.self), "\(variant): channel id")
            case "Message":
                writer.addMessage(
                    channelID: record.int("channel_id"), sequence: record.int("sequence"),
                    logTime: record.int("log_time"), publishTime: record.int("publish_time"),
                    data: record.bytes("data"))
            case "Attachment":
                writer.addAttachment(
                    logTime: record.int("log_time"), createTime: record.int("create_time"),
                    name: record.string("name"), mediaType: record.string("media_type"), data: record.bytes("data"))
            case "Metadata":
                writer.addMetadata(name: record.string("name"), metadata: record.map("metadata"))
            case "DataEnd":
                writer.finish()
                return writer.takeOutput()
            default:
                break
            }
        }
        Issue.record("\(variant): no DataEnd in the record list")
        return writer.takeOutput()
    }

    @Test func allNonPadVariantsMatchTheSuiteByteForByte() throws {
        let variants = try MCAPConformanceVariant.all().filter { !$0.isPadded }
        #expect(variants.count == 208, "the suite has 208 non-pad variants")
        var passed: [String] = []
        for variant in variants {
            let bytes = Self.write(variant)
            let sha = SHA256.hex(bytes)
            #expect(bytes.count == variant.expectedSize, "\(variant): size")
            #expect(sha == variant.expectedSHA256, "\(variant): sha256")
            if sha == variant.expectedSHA256 && bytes.count == variant.expectedSize { passed.append(variant.name) }
        }
        print("MCAP writer conformance: \(passed.count)/\(variants.count) variants byte-identical")
        #expect(passed.count == 208)
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
