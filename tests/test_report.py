"""Formatters, pinned by golden output over fixed findings; SARIF checked field by field."""

from __future__ import annotations

import io
import json

from termsense.findings import Edit, Evidence, Finding, Fix
from termsense.packs import builtin_path, load_pack
from termsense.report import github, jsonl, rdjsonl, sarif
from termsense.report import text as text_report

FINDINGS = [
    Finding("docs/a,b:c.md", 3, 9, 3, 17, "CC001", 'say "client"; 100% sure\nreally', "customer", "client", 0.9123,
            (Evidence("retainer", "client", "legal services", 0, 4.0, 2.0),), Fix("safe", (Edit(40, 48, "client"),)),
            line_text="  Each customer   pays"),
    Finding("b.txt", 1, 1, 1, 8, "CC002", "m", "Clients", "Customers", 0.7, ()),
]


def render(module, findings=FINDINGS) -> str:
    out = io.StringIO()
    module.write(findings, out)
    return out.getvalue()


def test_github_annotations_escape_data_and_properties() -> None:
    assert render(github) == (
        "::warning file=docs/a%2Cb%3Ac.md,line=3,col=9,endLine=3,endColumn=17,title=termsense CC001::"
        'say "client"; 100%25 sure%0Areally (0.91)\n'
        "::warning file=b.txt,line=1,col=1,endLine=1,endColumn=8,title=termsense CC002::m (0.70)\n"
    )


def test_jsonl_is_one_object_per_line() -> None:
    lines = render(jsonl).splitlines()
    assert [json.loads(line)["rule"] for line in lines] == ["CC001", "CC002"]
    assert json.loads(lines[0])["fix"] == {
        "applicability": "safe",
        "edits": [{"content": "client", "location": {"line": 3, "column": 9}, "end_location": {"line": 3, "column": 17}}],
    }


def test_rdjsonl_has_range_code_and_suggestion() -> None:
    first = json.loads(render(rdjsonl).splitlines()[0])
    assert first == {
        "message": 'say "client"; 100% sure\nreally',
        "location": {"path": "docs/a,b:c.md", "range": {"start": {"line": 3, "column": 9}, "end": {"line": 3, "column": 17}}},
        "severity": "WARNING",
        "source": {"name": "termsense"},
        "code": {"value": "CC001"},
        "suggestions": [{"range": {"start": {"line": 3, "column": 9}, "end": {"line": 3, "column": 17}}, "text": "client"}],
    }


def test_text_output_golden() -> None:
    assert render(text_report) == (
        'docs/a,b:c.md:3:9: CC001 say "client"; 100% sure\nreally (0.91)\n'
        '    evidence: "retainer" (attached)\n'
        "b.txt:1:1: CC002 m (0.70)\n"
    )


def test_sarif_meets_the_spec_and_code_scanning() -> None:
    rules = list(load_pack(str(builtin_path())).rules.values())
    doc = sarif.document(FINDINGS, rules, "9.9")
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    [run] = doc["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("termsense", "9.9")
    assert [r["id"] for r in driver["rules"]] == [r.id for r in rules]
    for descriptor in driver["rules"]:
        assert descriptor["shortDescription"]["text"] and descriptor["help"]["text"]
        assert descriptor["defaultConfiguration"]["level"] == "warning"
    first, second = run["results"]
    assert first["ruleId"] == "CC001" and driver["rules"][first["ruleIndex"]]["id"] == "CC001"
    assert first["level"] == "warning" and first["message"]["text"].startswith('say "client"')
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "docs/a,b:c.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 3, "startColumn": 9, "endLine": 3, "endColumn": 17, "snippet": {"text": "customer"}}
    assert len(first["partialFingerprints"]["termsense/v2"]) == 32
    assert first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "client"
    assert "fixes" not in second
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startColumn"] >= 1 and region["endColumn"] >= 1


def test_sarif_fingerprint_ignores_the_line_number_and_spacing() -> None:
    moved = Finding("docs/a,b:c.md", 30, 9, 30, 17, "CC001", "m", "customer", "client", 0.9, line_text="Each customer pays")
    assert sarif.fingerprint(moved) == sarif.fingerprint(FINDINGS[0])


def test_rdjsonl_columns_are_utf8_byte_offsets_after_curly_quotes_and_dashes() -> None:
    import termsense

    line = "Our firm’s attorneys — and each customer’s file"
    [finding] = [f for f in termsense.lint_text(line + " before the court hearing.\n",
                                               config=termsense.Settings(min_confidence=0.0)) if f.rule == "CC001"]
    assert (finding.column, finding.end_column) == (33, 43)  # code points: what text and SARIF report
    [diagnostic] = [json.loads(row) for row in render(rdjsonl, [finding]).splitlines()]
    span = diagnostic["location"]["range"]
    assert (span["start"]["column"], span["end"]["column"]) == (37, 49)  # ’ and — are 3 bytes each, ’ in the word too
    raw = (line + " before").encode("utf-8")
    assert raw[span["start"]["column"] - 1:span["end"]["column"] - 1].decode("utf-8") == "customer’s"
    assert diagnostic["suggestions"][0]["range"] == span


def test_rdjsonl_byte_column_reaches_the_end_of_a_line() -> None:
    assert rdjsonl.byte_column("a—b", 4) == 6 and rdjsonl.byte_column("", 7) == 7


def test_sarif_fingerprint_reads_only_the_text_around_the_word() -> None:
    far = "x " * 500
    line = far + "Each customer pays" + far
    column = len(far) + 6

    def at(text: str) -> str:
        return sarif.fingerprint(Finding("a.md", 1, column, 1, column + 8, "CC001", "m", "customer", "client", 0.9,
                                         line_text=text))

    assert at(line) == at(line[:50] + "y" + line[51:])  # an edit far away keeps the alert
    assert at(line) != at(line.replace("Each customer pays", "Each customer paid"))  # one next to it does not
