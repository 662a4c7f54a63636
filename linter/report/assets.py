"""The HTML report's inline style and script: kept apart from the markup so each reads alone.

The page is complete without the script (every number and finding is in the markup); the
script only adds the findings filters, keeps them in the address (so a filtered view can be
shared or reopened) and opens every folder before printing."""

from __future__ import annotations

CSS = """
:root { color-scheme: light dark; --bg: #fdfdfc; --fg: #1d1f21; --muted: #5b6168; --line: #d8dadd;
  --card: #f3f4f5; --mark: #ffe8a3; --link: #0b57d0; --t0: #2a6fdb; --t1: #d9731a; --t2: #2e9a5d;
  --t3: #a34fc2; --t4: #7a7f87; --high: #b3261e; --medium: #9a6700; --low: #5b6168; --focus: #0b57d0; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #16181b; --fg: #e6e7e9; --muted: #a2a8b0; --line: #3a3e44; --card: #202328;
    --mark: #6b5412; --link: #8ab4f8; --t0: #6aa1ff; --t1: #f0a050; --t2: #5cc98a; --t3: #cf8ae6;
    --t4: #a2a8b0; --high: #ff8a80; --medium: #f2c14e; --low: #a2a8b0; --focus: #8ab4f8; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--link); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .3rem .6rem; z-index: 2; }
header, main { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.25rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; }
.meta, .note, .muted { color: var(--muted); }
.meta { margin: 0 0 .75rem; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; margin: .5rem 0 1rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .75rem; margin: 0; }
.cards div { background: var(--card); border-radius: .5rem; padding: .6rem .8rem; }
.cards dt { color: var(--muted); font-size: .85rem; }
.cards dd { margin: 0; font-size: 1.6rem; font-weight: 600; }
table { border-collapse: collapse; margin: 1rem 0; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
td.zero { color: var(--muted); }
#outliers { width: 100%; }
#outliers td, #outliers th { text-align: left; overflow-wrap: anywhere; }
.legend { display: flex; gap: 1rem; flex-wrap: wrap; padding: 0; list-style: none; }
.swatch { display: inline-block; width: .9em; height: .9em; border-radius: .2em; vertical-align: -.1em; margin-right: .3em; }
.t0 { background: var(--t0); } .t1 { background: var(--t1); } .t2 { background: var(--t2); }
.t3 { background: var(--t3); } .t4 { background: var(--t4); }
.tree, .tree ul { list-style: none; padding-left: 1.1rem; margin: 0; }
.tree { padding-left: 0; }
.row { display: grid; grid-template-columns: minmax(12rem, 22rem) minmax(8rem, 1fr) 17rem; gap: .75rem; align-items: center; padding: .15rem 0; }
summary { cursor: pointer; }
summary .row { display: inline-grid; width: calc(100% - 1.2rem); }
.name { overflow-wrap: anywhere; }
.dir > summary .name { font-weight: 600; }
.bar { display: flex; height: .9rem; border-radius: .25rem; overflow: hidden; background: var(--line); }
.bar span { display: block; height: 100%; }
.counts { font-size: .85rem; color: var(--muted); font-variant-numeric: tabular-nums; }
.house { font-size: .8rem; border: 1px solid var(--line); border-radius: 1rem; padding: 0 .45rem; margin-left: .4rem; }
.flag { color: var(--high); font-weight: 600; }
#filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; background: var(--card); padding: .75rem; border-radius: .5rem; }
#filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
#filters select { max-width: 28rem; }
select, button { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: .3rem; padding: .25rem .4rem; }
.findings { list-style: none; padding: 0; }
.finding { border: 1px solid var(--line); border-radius: .5rem; padding: .6rem .9rem; margin: .75rem 0; }
.finding[hidden] { display: none; }
.finding h3 { font-size: 1rem; margin: 0; display: flex; flex-wrap: wrap; gap: .6rem; align-items: baseline; }
.finding p { margin: .35rem 0; }
.conf { font-variant-numeric: tabular-nums; font-weight: 600; }
.band-high { color: var(--high); } .band-medium { color: var(--medium); } .band-low { color: var(--low); }
pre.context { background: var(--card); border-radius: .3rem; padding: .4rem .6rem; margin: .4rem 0; overflow-x: auto;
  font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.context .ln { color: var(--muted); display: inline-block; min-width: 3.5em; user-select: none; }
pre.context .this { font-weight: 600; }
mark { background: var(--mark); color: inherit; border-radius: .15rem; }
.evidence { margin: .2rem 0; padding-left: 1.2rem; font-size: .9rem; }
.against { color: var(--muted); }
del { color: var(--high); } ins { color: var(--t2); text-decoration: none; font-weight: 600; }
footer { max-width: 72rem; margin: 2rem auto; padding: 0 1.25rem; color: var(--muted); font-size: .85rem; }
@media (max-width: 48rem) { .row { grid-template-columns: 1fr; gap: .2rem; } }
@media print {
  :root { --bg: #fff; --fg: #000; --card: #f4f4f4; }
  body { font-size: 10.5pt; }
  nav, #filters, .skip { display: none !important; }
  .finding { break-inside: avoid; }
  .bar, .swatch, mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
}
"""

SCRIPT = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var items = Array.prototype.slice.call(document.querySelectorAll("#finding-list > .finding"));
  var shown = document.getElementById("shown-count");
  var names = ["rule", "directory", "confidence"];
  function inside(folder, wanted) {
    return !wanted || folder === wanted || folder.indexOf(wanted + "/") === 0 || folder.indexOf(wanted + "\\\\") === 0;
  }
  function apply(remember) {
    var rule = form.elements.rule.value, folder = form.elements.directory.value;
    var least = parseFloat(form.elements.confidence.value) || 0, count = 0;
    items.forEach(function (item) {
      var keep = (!rule || item.dataset.rule === rule) && inside(item.dataset.directory, folder) &&
        parseFloat(item.dataset.confidence) >= least;
      item.hidden = !keep;
      if (keep) { count += 1; }
    });
    shown.textContent = String(count);
    if (remember) {
      var query = new URLSearchParams();
      names.forEach(function (name) { if (form.elements[name].value) { query.set(name, form.elements[name].value); } });
      var text = query.toString();
      try { history.replaceState(null, "", (text ? "?" + text : location.pathname) + location.hash); } catch (e) { /* file: pages may refuse */ }
    }
  }
  var asked = new URLSearchParams(location.search);
  names.forEach(function (name) {
    var select = form.elements[name], value = asked.get(name);
    if (value !== null && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
      select.value = value;
    }
  });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply(false);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
"""
