#!/usr/bin/env python3
"""Independent check of MCAP files written or repaired by TaktCore, with the official python-mcap reader.

    python3 mcap_check.py [--jsonschema] FILE...

Prints one JSON object per input file (a JSON list on stdout). For each file: make_reader(validate_crcs=True)
iterating every message, the summary statistics, a StreamReader(validate_crcs=True) full pass, the footer's
summary_crc recomputed with zlib, every attachment's CRC recomputed with zlib, and (with --jsonschema) each JSON
payload validated against its channel's jsonschema. Errors are reported per file, never raised."""
import json
import struct
import sys
import zlib

from mcap.reader import make_reader
from mcap.records import Attachment, Message
from mcap.stream_reader import StreamReader


def summary_crc_ok(data):
    footer_at = len(data) - 8 - 29
    opcode, length, summary_start, summary_offset_start, summary_crc = struct.unpack_from("<BQQQI", data, footer_at)
    if opcode != 0x02 or length != 20:
        return False, "no footer"
    if summary_crc == 0:
        return False, "summary_crc not written"
    start = summary_start if summary_start != 0 else footer_at
    actual = zlib.crc32(data[start:footer_at + 25])
    return actual == summary_crc, f"stored {summary_crc} computed {actual}"


def attachment_crcs_ok(data, summary):
    results = []
    for index in summary.attachment_indexes:
        content = data[index.offset + 9:index.offset + index.length]
        pos = 16
        for _ in range(2):
            (n,) = struct.unpack_from("<I", content, pos)
            pos += 4 + n
        (size,) = struct.unpack_from("<Q", content, pos)
        pos += 8 + size
        (stored,) = struct.unpack_from("<I", content, pos)
        results.append(stored == zlib.crc32(content[:pos]))
    return results


def check(path, validate_json):
    out = {"path": path, "ok": False, "error": None}
    try:
        with open(path, "rb") as f:
            data = f.read()
        with open(path, "rb") as f:
            reader = make_reader(f, validate_crcs=True)
            header = reader.get_header()
            out["profile"] = header.profile
            out["library"] = header.library
            summary = reader.get_summary()
            messages = []
            schema_checked = 0
            validators = {}
            for schema, channel, message in reader.iter_messages(log_time_order=False):
                messages.append([channel.topic, message.sequence, message.log_time])
                if validate_json and schema is not None and schema.encoding == "jsonschema":
                    import jsonschema
                    if schema.id not in validators:
                        validators[schema.id] = jsonschema.Draft202012Validator(json.loads(schema.data))
                    validators[schema.id].validate(json.loads(message.data))
                    schema_checked += 1
            out["messages"] = messages
            out["schema_validated"] = schema_checked
            out["attachments"] = [a.name for a in reader.iter_attachments()]
            out["metadata"] = [m.name for m in reader.iter_metadata()]
        stats = summary.statistics
        out["statistics"] = None if stats is None else {
            "message_count": stats.message_count,
            "channel_message_counts": {str(k): v for k, v in stats.channel_message_counts.items()},
            "chunk_count": stats.chunk_count,
            "schema_count": stats.schema_count,
            "channel_count": stats.channel_count,
            "attachment_count": stats.attachment_count,
            "metadata_count": stats.metadata_count,
        }
        out["channels"] = {str(c.id): c.topic for c in summary.channels.values()}
        out["chunk_indexes"] = [[c.chunk_start_offset, c.chunk_length] for c in summary.chunk_indexes]
        stream_messages = 0
        stream_records = 0
        with open(path, "rb") as f:
            for record in StreamReader(f, validate_crcs=True).records:
                stream_records += 1
                if isinstance(record, Message):
                    stream_messages += 1
        out["stream_records"] = stream_records
        out["stream_messages"] = stream_messages
        out["summary_crc_ok"], out["summary_crc_detail"] = summary_crc_ok(data)
        out["attachment_crcs_ok"] = attachment_crcs_ok(data, summary)
        out["ok"] = True
    except BaseException as e:  # a cut file may raise struct.error as well as McapError: report everything
        out["error"] = f"{type(e).__name__}: {e}"
    return out


def main():
    args = sys.argv[1:]
    validate_json = "--jsonschema" in args
    paths = [a for a in args if a != "--jsonschema"]
    json.dump([check(p, validate_json) for p in paths], sys.stdout)


if __name__ == "__main__":
    main()
