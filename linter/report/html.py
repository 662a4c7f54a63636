"""The HTML report: one self-contained page drawn from the tree's JSON data (tree.build).

Everything is in the markup, so the page reads (and prints) with scripts off; the JSON is
embedded too, for anyone who saves the page and wants the numbers. No network, no template
engine: the page is small enough that escaped f-strings stay readable."""

from __future__ import annotations

import json
import os
from html import escape
from typing import Any

from .assets import CSS, SCRIPT

CONTEXT_WIDTH = 160  # characters of a long line shown around a finding
OPEN_DEPTH = 1  # map folders open down to this depth


def render(data: dict[str, Any]) -> str:
    title = "Terminology report: " + ", ".join(data["paths"])
    # "<" only ever stands inside JSON strings, where \u003c means the same and cannot end the script
    embedded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return "\n".join([
        "<!doctype html>",
        '<html lang="en">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style></head>",
        "<body>",
        '<a class="skip" href="#findings">Skip to findings</a>',
        "<header>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">termsense {escape(data["termsense"])} · terms: {escape(", ".join(data["terms"]))}</p>',
        '<nav aria-label="Sections"><ul><li><a href="#summary">Summary</a></li><li><a href="#map">Terminology map</a></li>'
        '<li><a href="#consistency">Consistency</a></li><li><a href="#findings">Findings</a></li></ul></nav>',
        "</header>",
        "<main>",
        _summary(data),
        _map(data),
        _consistency(data),
        _findings(data),
        "</main>",
        '<footer>Made by <code>termsense report</code>. The same data: <code>termsense report --format json</code>; '
        "it is also embedded in this page (<code>#report-data</code>).</footer>",
        f'<script type="application/json" id="report-data">{embedded}</script>',
        f"<script>{SCRIPT}</script>",
        "</body></html>",
        "",
    ])


def _summary(data: dict[str, Any]) -> str:
    summary, terms, senses = data["summary"], data["terms"], data["senses"]
    party = sum(summary["occurrences"][t]["party"] for t in terms)
    findings = summary["findings"]
    cards = [
        ("files-checked", "Files checked", summary["files"]),
        ("files-with-terms", "Files using a term", summary["files_with_terms"]),
        ("party-uses", "Uses for a party", party),
        ("finding-total", "Findings", findings["total"]),
        ("fixable", "Fixable (safe)", findings["fixable"]),
    ]
    parts = ['<section id="summary" aria-labelledby="summary-h">', '<h2 id="summary-h">Summary</h2>', '<dl class="cards">']
    parts += [f'<div><dt>{label}</dt><dd id="{key}">{value}</dd></div>' for key, label, value in cards]
    parts.append("</dl>")
    head = "".join(f'<th scope="col">{escape(s)}</th>' for s in senses)
    parts.append(f'<table id="occurrences"><caption>Occurrences per term and sense</caption>'
                 f'<thead><tr><th scope="col">term</th>{head}<th scope="col">all</th></tr></thead><tbody>')
    for term in terms:
        counts = summary["occurrences"][term]
        cells = "".join(_number(counts[s]) for s in senses)
        parts.append(f'<tr><th scope="row">{escape(term)}</th>{cells}{_number(sum(counts.values()))}</tr>')
    parts.append("</tbody></table>")
    bands = [b["name"] for b in data["bands"]]
    heads = "".join(f'<th scope="col">{escape(label)}</th>' for label in _band_labels(data["bands"]))
    parts.append(f'<table id="findings-by-rule"><caption>Findings per rule and confidence band</caption>'
                 f'<thead><tr><th scope="col">rule</th>{heads}<th scope="col">all</th></tr></thead><tbody>')
    for rule, counts in findings["by_rule"].items():
        cells = "".join(_number(counts[b]) for b in bands)
        parts.append(f'<tr id="rule-{escape(rule)}"><th scope="row">{_rule_name(data, rule)}</th>{cells}{_number(sum(counts.values()))}</tr>')
    if not findings["by_rule"]:
        parts.append(f'<tr><td colspan="{len(bands) + 2}">No findings.</td></tr>')
    parts.append("</tbody></table>")
    if findings["unsafe_fixes"]:
        parts.append(f'<p class="note">{findings["unsafe_fixes"]} more findings have an unsafe fix (<code>--unsafe-fixes</code>).</p>')
    if summary["errors"]:
        parts.append(f'<h3>Files not checked ({len(summary["errors"])})</h3><ul id="errors">')
        parts += [f"<li>{escape(error)}</li>" for error in summary["errors"]]
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def _map(data: dict[str, Any]) -> str:
    terms, tree = data["terms"], data["map"]
    legend = "".join(f'<li><span class="swatch t{i % 5}"></span>{escape(t)}</li>' for i, t in enumerate(terms))
    parts = [
        '<section id="map" aria-labelledby="map-h">', '<h2 id="map-h">Terminology map</h2>',
        '<p class="note">Each bar is the share of each term among the uses read as the document’s party (technical '
        "senses, fixed phrases, names, mentions and second parties are left out), per folder (its whole subtree) "
        "and per file. "
        "A folder's house word is a term with more than "
        f'{data["consistency"]["majority"]:.0%} of at least {data["consistency"]["min_context_uses"]} uses.</p>',
        f'<ul class="legend" aria-label="Terms">{legend}</ul>',
    ]
    if not tree["directories"]:
        parts += ['<p id="map-empty">No term is used for a party anywhere in this tree.</p>', "</section>"]
        return "\n".join(parts)
    flagged = {o["path"]: i for i, o in enumerate(data["consistency"]["outliers"], 1)}
    children: dict[str, list[dict[str, Any]]] = {}
    for folder in tree["directories"][1:]:
        children.setdefault(os.path.dirname(folder["path"]) or ".", []).append(folder)
    files: dict[str, list[dict[str, Any]]] = {}
    for entry in tree["files"]:
        if any(entry["party"].values()):
            files.setdefault(entry["directory"], []).append(entry)

    def folder_html(folder: dict[str, Any], name: str) -> str:
        opened = " open" if folder["depth"] <= OPEN_DEPTH else ""
        house = _house(folder, data["consistency"]["min_context_uses"])
        info = f'{_counts(folder["party"], terms)} · {folder["files_with_party"]} of {folder["files"]} files'
        inner = [folder_html(child, os.path.basename(child["path"]) + "/") for child in children.get(folder["path"], [])]
        for entry in files.get(folder["path"], []):
            flag = f' <a class="flag" href="#c-{flagged[entry["path"]]}">against its folder</a>' if entry["path"] in flagged else ""
            inner.append(
                f'<li class="file"><div class="row"><span class="name">{escape(os.path.basename(entry["path"]))}{flag}</span>'
                f'{_bar(entry["party"], terms)}<span class="counts">{_counts(entry["party"], terms)}</span></div></li>'
            )
        return (
            f'<li class="dir" data-path="{escape(folder["path"])}"><details{opened}><summary><span class="row">'
            f'<span class="name">{escape(name)}{house}</span>{_bar(folder["party"], terms)}'
            f'<span class="counts">{info}</span></span></summary><ul>{"".join(inner)}</ul></details></li>'
        )

    root = tree["directories"][0]
    parts += [f'<ul class="tree" id="tree">{folder_html(root, root["path"])}</ul>', "</section>"]
    return "\n".join(parts)


def _house(folder: dict[str, Any], least: int) -> str:
    """The folder's house word; "mixed" when it has enough uses but no clear majority."""
    if folder["house"]:
        return f'<span class="house" title="house word">{escape(folder["house"])}</span>'
    if sum(folder["party"].values()) >= least:
        return '<span class="house" title="no term has a clear majority">mixed</span>'
    return ""


def _consistency(data: dict[str, Any]) -> str:
    rules, terms = data["consistency"], data["terms"]
    parts = [
        '<section id="consistency" aria-labelledby="consistency-h">', '<h2 id="consistency-h">Tree-wide consistency</h2>',
        '<p class="note">Documents whose own term (the one naming their party most) is not the house word of their '
        f'nearest folder that has one without them: more than {rules["majority"]:.0%} of at least '
        f'{rules["min_context_uses"]} uses in at least {rules["min_context_files"]} other documents. '
        "A report view, not a rule: see the README.</p>",
    ]
    if not rules["outliers"]:
        parts += ['<p id="no-outliers">No document goes against its folder’s house word.</p>', "</section>"]
        return "\n".join(parts)
    root = data["map"]["root"]
    parts.append(f'<p>Paths below <code>{escape(root)}</code>:</p>')
    parts.append('<table id="outliers"><thead><tr><th scope="col">document</th><th scope="col">its uses</th>'
                 '<th scope="col">folder</th><th scope="col">folder’s uses (without it)</th><th scope="col">house word</th>'
                 '<th scope="col">findings in it</th></tr></thead><tbody>')
    for i, outlier in enumerate(rules["outliers"], 1):
        parts.append(
            f'<tr id="c-{i}"><td>{escape(_relative(outlier["path"], root))}</td><td>{_counts(outlier["party"], terms)}</td>'
            f'<td>{escape(_relative(outlier["context"], root))}</td><td>{_counts(outlier["context_party"], terms)}</td>'
            f'<td>{escape(outlier["house"])} ({outlier["share"]:.0%})</td>{_number(outlier["findings"])}</tr>'
        )
    parts += ["</tbody></table>", "</section>"]
    return "\n".join(parts)


def _findings(data: dict[str, Any]) -> str:
    findings = data["findings"]
    total = len(findings)
    parts = [
        '<section id="findings" aria-labelledby="findings-h">',
        f'<h2 id="findings-h">Findings (<span id="shown-count">{total}</span> of {total} shown)</h2>',
    ]
    if not findings:
        parts += ['<p id="no-findings">No findings.</p>', "</section>"]
        return "\n".join(parts)
    parts.append(_filters(data))
    parts.append('<ol class="findings" id="finding-list">')
    parts += [_finding(data, i, f) for i, f in enumerate(findings, 1)]
    parts += ["</ol>", "</section>"]
    return "\n".join(parts)


def _filters(data: dict[str, Any]) -> str:
    findings = data["findings"]
    rules = sorted({f["rule"] for f in findings})
    mapped = {d["path"] for d in data["map"]["directories"]}  # the map's folders: none above its root
    folders = sorted({d for f in findings for d in _ancestors(f["directory"]) if d in mapped} | {f["directory"] for f in findings})
    rule_options = "".join(
        f'<option value="{escape(r)}">{escape(r)} ({sum(1 for f in findings if f["rule"] == r)})</option>' for r in rules
    )
    root = data["map"]["root"]
    folder_options = "".join(f'<option value="{escape(d)}">{escape(_relative(d, root))}</option>' for d in folders)
    band_options = "".join(
        f'<option value="{b["min"]:g}">{escape(b["name"])} and up (≥ {b["min"]:g})</option>'
        for b in data["bands"] if b["min"] > 0
    )
    return (
        '<form id="filters" hidden aria-label="Filter findings">'
        f'<label>Rule<select name="rule"><option value="">all rules</option>{rule_options}</select></label>'
        f'<label>Folder<select name="directory"><option value="">all folders</option>{folder_options}</select></label>'
        f'<label>Confidence<select name="confidence"><option value="">any</option>{band_options}</select></label>'
        '<button type="reset">Show all</button></form>'
    )


def _finding(data: dict[str, Any], index: int, finding: dict[str, Any]) -> str:
    where = f'{finding["path"]}:{finding["line"]}:{finding["column"]}'
    return (
        f'<li class="finding" id="f-{index}" data-rule="{escape(finding["rule"])}" '
        f'data-directory="{escape(finding["directory"])}" data-confidence="{finding["confidence"]}">'
        f'<h3><a href="#f-{index}" class="where">{escape(where)}</a> {_rule_link(data, finding["rule"])} '
        f'<span class="conf band-{finding["band"]}" title="confidence, {finding["band"]} band">{finding["confidence"]:.2f}</span></h3>'
        f'<p class="message">{escape(finding["message"])}</p>'
        f"{_context(finding)}{_evidence(finding)}{_fix(finding)}</li>"
    )


def _context(finding: dict[str, Any]) -> str:
    rows = []
    for entry in finding["context"]:
        number, text = entry["line"], entry["text"]
        if number == finding["line"]:
            start = finding["column"] - 1
            end = finding["end_column"] - 1 if finding["end_line"] == number else len(text)
            left, right = max(0, start - CONTEXT_WIDTH // 2), min(len(text), end + CONTEXT_WIDTH // 2)
            body = (
                ("…" if left else "") + escape(text[left:start]) + f"<mark>{escape(text[start:end])}</mark>"
                + escape(text[end:right]) + ("…" if right < len(text) else "")
            )
            rows.append(f'<span class="this"><span class="ln">{number}</span>{body}</span>')
        else:
            shown = text if len(text) <= CONTEXT_WIDTH else text[:CONTEXT_WIDTH] + "…"
            rows.append(f'<span class="ln">{number}</span>{escape(shown)}')
    return f'<pre class="context" aria-label="the line in context">{chr(10).join(rows)}</pre>' if rows else ""


def _evidence(finding: dict[str, Any]) -> str:
    if not finding["evidence"]:
        return ""
    suggested = finding["evidence"][0]["supports"]
    items = "".join(
        f'<li{"" if e["supports"] == suggested else " class=against"}><q>{escape(e["cue"])}</q> '
        f'({escape(e["where"])}): {escape(e["context"])}{"" if e["supports"] == suggested else " (against)"}</li>'
        for e in finding["evidence"]
    )
    return f'<p>Evidence:</p><ul class="evidence">{items}</ul>'


def _fix(finding: dict[str, Any]) -> str:
    fix, replacement = finding["fix"], finding["replacement"]
    if fix is not None:
        how = "safe: <code>termsense check --fix</code>" if fix["applicability"] == "safe" else \
            "unsafe: <code>termsense check --fix --unsafe-fixes</code>"
        edits = ", ".join(f'<ins>{escape(e["content"])}</ins>' for e in fix["edits"])
        return f'<p class="fix">Fix: <del>{escape(finding["matched"])}</del> → {edits} ({how})</p>'
    if replacement:
        return (f'<p class="fix">Suggested: <del>{escape(finding["matched"])}</del> → <ins>{escape(replacement)}</ins> '
                "(to review: no automatic fix at this confidence)</p>")
    return '<p class="fix">No automatic fix.</p>'


def _rule_link(data: dict[str, Any], rule: str) -> str:
    url = data["rules"].get(rule, {}).get("url")
    target = url or f"#rule-{rule}"
    return f'<a class="rule" href="{escape(target)}">{escape(rule)}</a>'


def _rule_name(data: dict[str, Any], rule: str) -> str:
    spec = data["rules"].get(rule)
    if spec is None:
        return escape(rule)
    label = f'{escape(rule)} {escape(spec["name"])}'
    named = f'<a href="{escape(spec["url"])}">{label}</a>' if spec["url"] else label
    return f'{named}<br><span class="muted">{escape(spec["summary"])}</span>'


def _band_labels(bands: list[dict[str, Any]]) -> list[str]:
    """'high (≥ 0.9)', 'medium (0.7–0.9)', 'low (< 0.7)' from the bands, highest first."""
    labels = []
    for i, b in enumerate(bands):
        above = bands[i - 1]["min"] if i else None
        if above is None:
            labels.append(f'{b["name"]} (≥ {b["min"]:g})')
        elif b["min"] <= 0:
            labels.append(f'{b["name"]} (< {above:g})')
        else:
            labels.append(f'{b["name"]} ({b["min"]:g}–{above:g})')
    return labels


def _bar(counts: dict[str, int], terms: list[str]) -> str:
    total = sum(counts.values())
    label = _counts(counts, terms)
    segments = "".join(
        f'<span class="t{i % 5}" style="width:{100 * counts[t] / total:.2f}%"></span>'
        for i, t in enumerate(terms) if total and counts[t]
    )
    return f'<span class="bar" role="img" aria-label="{escape(label)}">{segments}</span>'


def _counts(counts: dict[str, int], terms: list[str]) -> str:
    total = sum(counts.values())
    if not total:
        return "no party use"
    return " · ".join(f"{escape(t)} {counts[t]} ({counts[t] / total:.0%})" for t in terms if counts[t])


def _number(value: int) -> str:
    return f'<td class="zero">{value}</td>' if value == 0 else f"<td>{value}</td>"


def _relative(path: str, root: str) -> str:
    """A path below the map's root as seen from it (the root itself is shown whole)."""
    if path == root or root == ".":
        return path
    return os.path.relpath(path, root) if path.startswith(root.rstrip(os.sep) + os.sep) else path


def _ancestors(folder: str) -> list[str]:
    chain = [folder]
    while os.path.dirname(folder) and os.path.dirname(folder) != folder:
        folder = os.path.dirname(folder)
        chain.append(folder)
    return chain
