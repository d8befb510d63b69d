#!/usr/bin/env python3
"""The independent reading of CSV that sitmon's own scanner (CSVScanner, CSVTableReader) is checked
against, record by record, built on Python's csv module in strict mode.

    csv-reference.py expect FILE      one JSON object per record: {"line": N, "fields": [...]} or
                                      {"line": N, "bad": true}; {"waiting": N} when the record of
                                      line N is still open at the end of the file
    csv-reference.py generate SEED N  a CSV file of N random records on stdout (quotes, commas,
                                      line breaks in fields, CRLF, a BOM, empty fields, non-ASCII,
                                      and hostile records: unclosed quotes, wrong field counts)

Lines are cut as sitmon cuts them: a BOM at the start is dropped, lines end at LF, a CR before
the LF is dropped. A record starts at a line; Python's reader (strict=True) reads one record from
there. When it raises, or the record does not have the header's number of fields, the record is
one bad line and the next record starts at the line after its first line. Lines of spaces and
tabs only are skipped. The first record is the header.
"""
import csv
import json
import random
import sys


def physical_lines(data: bytes):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return [line[:-1] if line.endswith(b"\r") else line for line in lines]


def read_record(lines, start):
    """(fields, next line) for the record at `start`; fields None when bad; 'waiting' when open."""
    consumed = [start]

    def feed():
        for i in range(start, len(lines)):
            consumed[0] = i
            yield lines[i].decode("utf-8", "surrogateescape") + "\n"

    reader = csv.reader(feed(), strict=True)
    try:
        row = next(reader)
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            return "waiting", len(lines)
        return None, start + 1
    except StopIteration:
        return "waiting", len(lines)
    return row, consumed[0] + 1


def expect(path):
    lines = physical_lines(open(path, "rb").read())
    out = []
    header = None
    i = 0
    while i < len(lines):
        if lines[i].strip(b" \t") == b"":
            i += 1
            continue
        fields, after = read_record(lines, i)
        if fields == "waiting":
            out.append({"waiting": i + 1})
            break
        if fields is None:
            out.append({"line": i + 1, "bad": True})
            i = after
            continue
        if header is None:
            header = fields
            out.append({"line": i + 1, "header": fields})
            i = after
            continue
        if len(fields) != len(header):
            out.append({"line": i + 1, "bad": True})
            i += 1
            continue
        out.append({"line": i + 1, "fields": fields})
        i = after
    for record in out:
        print(json.dumps(record, ensure_ascii=False))


PIECES = ["Gao", "Ménaka", "Tombouctou", "a,b", 'say "no"', "line\nbreak", "two\n\nbreaks", "", " padded ",
          "日本語", "naïve café", "x" * 40, "tab\there", "'single'", ";", "16.2717", "-0.0447", "12",
          "emoji 🙂", "ends with quote\"", "\"starts", "crlf\r\ninside"]


def field(rng):
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 3)))
    if rng.random() < 0.05:
        return text.replace("\n", " ").replace('"', "").replace("\r", "") + '"x'  # quote inside an unquoted field
    needs = any(c in text for c in ',"\n\r') or text.startswith(" ") or rng.random() < 0.3
    return '"' + text.replace('"', '""') + '"' if needs else text


def generate(seed, count):
    rng = random.Random(seed)
    columns = 6
    eol = "\r\n" if rng.random() < 0.5 else "\n"
    out = []
    if rng.random() < 0.5:
        out.append("\ufeff")
    out.append(",".join(f"col{i}" for i in range(columns)) + eol)
    for _ in range(count):
        roll = rng.random()
        fields = [field(rng) for _ in range(columns)]
        if roll < 0.04:
            fields[rng.randrange(columns)] = '"never closed, ' + rng.choice(PIECES).replace('"', "")
        elif roll < 0.07:
            fields = fields[: rng.randrange(columns)]
        elif roll < 0.09:
            fields.append("extra")
        elif roll < 0.11:
            fields[rng.randrange(columns)] = '"closed"then more'
        elif roll < 0.12:
            out.append("   " + eol)
            continue
        out.append(",".join(fields) + eol)
    # The last record always closes, so the file ends on a complete record.
    out.append(",".join(["end"] * columns) + eol)
    sys.stdout.buffer.write("".join(out).encode("utf-8"))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "expect":
        expect(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "generate":
        generate(int(sys.argv[2]), int(sys.argv[3]))
    else:
        sys.exit(__doc__)
