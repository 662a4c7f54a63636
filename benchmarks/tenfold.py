#!/usr/bin/env python3
"""Word lists ten times longer: the built-in pack against a copy (in a temporary directory)
whose every cue list holds nine synthetic words per word of its own (one-word, `*`, two-word
and hyphenated, some built on the pack's words), measured in the same run: the cue table's
build, the one pattern's compile (paid only by long runs), a one-term check's wall time
(median) and CPU MB/s on dense text. The copy stands in for the built-in pack in a wrapper
process, so both run the same code path."""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import one_file  # noqa: E402
from startup import SMALL, median_seconds  # noqa: E402
from termsense.packs import builtin_path  # noqa: E402

SYLLABLES = ["ka", "vo", "lim", "dre", "su", "tan", "mer", "o", "bix", "ple", "cor", "an", "ti", "rus", "fen", "qua"]
# the wrapper: the pack in argv[1] stands in for the built-in pack, then the command line runs
WRAPPER = (
    "import pathlib, sys\n"
    "import termsense.engine as engine, termsense.packs as packs, termsense.packs.load as load\n"
    "path = pathlib.Path(sys.argv.pop(1))\n"
    "load.builtin_path = packs.builtin_path = engine.builtin_path = lambda: path\n"
    "from termsense.cli import main\n"
    "raise SystemExit(main(sys.argv[1:]))\n"
)


def tenfold(source: Path, target: Path, seed: int = 10) -> tuple[int, int]:
    """Write the copy with every `words = [...]` of a `[[cues]]` table ten times longer."""
    rng = random.Random(seed)
    text = source.read_text(encoding="utf-8")
    own = [w.rstrip("*") for cue in tomllib.loads(text)["cues"] for w in cue["words"] if w.rstrip("*").isalpha()]

    def made() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))

    def word() -> str:
        shape = rng.random()
        if shape < 0.35:
            return made() + "*"
        if shape < 0.55:
            return made()
        if shape < 0.7:
            return f"{rng.choice(own)} {made()}" + ("*" if rng.random() < 0.3 else "")
        if shape < 0.85:
            return f"{made()} {rng.choice(own)}"
        return f"{made()}-{made()}"

    def longer(match: re.Match[str]) -> str:
        listed = match.group(1).rstrip().rstrip(",")
        extra = ", ".join(f'"{word()}"' for _ in range(9 * listed.count('"') // 2))
        return f"words = [{listed}, {extra}]"

    head, *cues = text.split("[[cues]]")
    cues = [re.sub(r"words\s*=\s*\[(.*?)\]", longer, cue, count=1, flags=re.S) for cue in cues]
    target.write_text("[[cues]]".join([head, *cues]), encoding="utf-8")
    count = [sum(len(c["words"]) for c in tomllib.loads(p.read_text(encoding="utf-8"))["cues"]) for p in (source, target)]
    return count[0], count[1]


def build_times(path: Path, runs: int = 5) -> tuple[float, float]:
    """Median seconds to build the cue table and to compile the one pattern, in a fresh process."""
    script = (
        "import re, statistics, sys, time\n"
        "from termsense.packs import load_pack\n"
        "from termsense.packs.cuetable import one_pattern\n"
        "from termsense.packs.compile import compile_cues\n"
        "pack = load_pack(sys.argv[1])\n"
        "env = dict(zip(pack._build.__code__.co_freevars, (c.cell_contents for c in pack._build.__closure__)))\n"
        "table, pattern = [], []\n"
        f"for _ in range({runs}):\n"
        "    start = time.perf_counter()\n"
        "    cues = compile_cues(env['cue_specs'], env['context_data']['masks'])\n"
        "    table.append(time.perf_counter() - start)\n"
        "    re.purge()  # compiled afresh, not taken from re's cache\n"
        "    start = time.perf_counter()\n"
        "    one_pattern(*cues.table.listed)\n"
        "    pattern.append(time.perf_counter() - start)\n"
        "print(statistics.median(table), statistics.median(pattern))\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True).stdout
    table, pattern = out.split()
    return float(table), float(pattern)


def cpu_seconds(pack: Path, file: Path) -> float:
    """CPU seconds of `termsense check` on one file with `pack` as the built-in pack."""
    wrapper = (
        "import resource, subprocess, sys\n"
        f"subprocess.run([sys.executable, '-c', {WRAPPER!r}, {str(pack)!r}, 'check', '--quiet', {str(file)!r}])\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(usage.ru_utime + usage.ru_stime)\n"
    )
    return float(subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True, check=True).stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of the one-term check (median)")
    parser.add_argument("--dense", type=float, default=2.0, help="MB of dense text (0: skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        builtin, copy = builtin_path(), Path(tmp, "tenfold.toml")
        words = tenfold(builtin, copy)
        Path(tmp, "small.md").write_text(SMALL, encoding="utf-8")
        dense = Path(tmp, "dense.md")
        if args.dense:
            dense.write_text(one_file(random.Random(7), int(args.dense * 1e6), True), encoding="utf-8")
        rows = []
        for name, pack in (("built-in", builtin), ("tenfold", copy)):
            table, pattern = build_times(pack)
            check = median_seconds([sys.executable, "-c", WRAPPER, str(pack), "check", "small.md"], args.runs, tmp)
            mb_s = args.dense / cpu_seconds(pack, dense) if args.dense else float("nan")
            rows.append((name, table, pattern, check, mb_s))
        base = median_seconds([sys.executable, "-c", "pass"], args.runs, tmp)
    print(f"{time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}; cue words: {words[0]} and {words[1]}; "
          f"python -c pass {base * 1000:.1f} ms (median of {args.runs})")
    print("| pack | cue table build | one pattern compile | one-term check | ratio to python -c pass | dense MB/s (CPU) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, table, pattern, check, mb_s in rows:
        print(f"| {name} | {table * 1000:.1f} ms | {pattern * 1000:.1f} ms | {check * 1000:.1f} ms | "
              f"{check / base:.2f}x | {mb_s:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
