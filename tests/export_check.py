#!/usr/bin/env python3
"""export_check.py - checks on statusdb's exports, for tests/t40-export.sh.

  export_check.py schema SCHEMA JSON    JSON is valid UTF-8, valid against
                                        SCHEMA, sorted by code, one record
                                        a line
  export_check.py csv JSON CSV          CSV holds the records of JSON, byte
                                        for byte as RFC 4180 with CRLF
  export_check.py reasons JSON OUT      OUT ("code<TAB>hex of the reason",
                                        one a line, printed by a program
                                        using http_status.h) names exactly
                                        the codes JSON names, with the same
                                        bytes
  export_check.py get JSON CODE KEY     prints a value of a record, lists
                                        joined with "; " as in the CSV
  export_check.py getcsv CSV CODE COL   prints a field of the CSV
  export_check.py facts JSON            prints what http_status.h's maps
                                        should hold, as tests/c/header_api.c
                                        prints them ("code ...", "other
                                        ...")

Exits 0 when the check passes, 1 with the reason on stderr when not.
"""
import csv
import io
import json
import sys

COLUMNS = ["code", "name", "class", "description", "references", "urls",
           "aliases", "status", "official", "registered", "identifier",
           "sources", "conflicts", "sets"]


def fail(msg):
    sys.stderr.write(msg + "\n")
    sys.exit(1)


def load_json(path):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        fail(f"{path}: not UTF-8: {e}")
    return text, json.loads(text)


def reference_text(r):
    return r["document"] + (", Section " + r["section"] if r["section"] else "")


def field(rec, key):
    """A record's value as the CSV writes it."""
    if key == "urls":
        urls = [r["url"] or "" for r in rec["references"]]
        return "; ".join(urls) if any(urls) else ""
    v = rec[key]
    if key == "references":
        return "; ".join(reference_text(r) for r in v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "; ".join(v)
    if v is None:
        return ""
    return str(v)


def cmd_schema(schema_path, json_path):
    import jsonschema
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    text, data = load_json(json_path)
    errors = sorted(cls(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        fail("\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5]))
    codes = [r["code"] for r in data]
    if codes != sorted(set(codes)):
        fail("records are not sorted by code, or a code repeats")
    lines = text.split("\n")
    recs = lines[1:-2]
    if lines[0] != "[" or lines[-2:] != ["]", ""] or len(recs) != len(data) \
            or any(json.loads(line.rstrip(",")) != r
                   for line, r in zip(recs, data)) \
            or any(not line.endswith(",") for line in recs[:-1]):
        fail("not one record a line between '[' and ']'")


def cmd_csv(json_path, csv_path):
    _, data = load_json(json_path)
    with open(csv_path, "rb") as f:
        raw = f.read()
    rows = [COLUMNS] + [[field(r, k) for k in COLUMNS] for r in data]
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    want = out.getvalue().encode("utf-8")
    got = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    if got != rows:
        for i, (g, w) in enumerate(zip(got, rows)):
            if g != w:
                fail(f"record {i}: csv {g!r}, json {w!r}")
        fail(f"csv has {len(got)} rows, json {len(rows)}")
    if raw != want:
        at = next(i for i in range(min(len(raw), len(want)) + 1)
                  if raw[i:i + 1] != want[i:i + 1])
        fail(f"bytes differ from RFC 4180 at {at}: {raw[at:at + 40]!r}, "
             f"want {want[at:at + 40]!r}")


def cmd_reasons(json_path, out_path):
    _, data = load_json(json_path)
    want = [f"{r['code']}\t{r['name'].encode('utf-8').hex()}"
            for r in data if r["name"] is not None]
    with open(out_path, encoding="ascii") as f:
        got = f.read().splitlines()
    if got != want:
        diff = [(g, w) for g, w in zip(got, want) if g != w][:3]
        fail(f"{len(got)} reasons, {len(want)} names in the json; "
             f"first differences (got, want): {diff}")


def cmd_get(json_path, code, key):
    _, data = load_json(json_path)
    for r in data:
        if r["code"] == int(code):
            print(field(r, key))
            return
    fail(f"no record for {code}")


def cmd_getcsv(csv_path, code, col):
    with open(csv_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["code"] == code:
                print(row[col])
                return
    fail(f"no row for {code}")


def cmd_facts(json_path):
    _, data = load_json(json_path)

    def s(v):
        return "(null)" if v is None else v
    for r in data:
        print(f"code {r['code']} {r['identifier']} {s(r['name'])} "
              f"registered={int(r['registered'] is True)} "
              f"official={int(r['official'])} status={','.join(r['status'])}")
    for r in data:
        for o in r["other_names"]:
            print(f"other {r['code']} {o['name']} {s(o['since'])} "
                  f"{s(o['until'])} {s(o['identifier'])}")


def main(argv):
    cmds = {"schema": (cmd_schema, 2), "csv": (cmd_csv, 2),
            "reasons": (cmd_reasons, 2), "get": (cmd_get, 3),
            "getcsv": (cmd_getcsv, 3), "facts": (cmd_facts, 1)}
    if len(argv) < 2 or argv[1] not in cmds or \
            len(argv) - 2 != cmds[argv[1]][1]:
        fail(__doc__.strip())
    cmds[argv[1]][0](*argv[2:])


if __name__ == "__main__":
    main(sys.argv)
