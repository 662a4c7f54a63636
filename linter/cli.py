"""The command line: argparse, exit codes and output; the work is done by the library."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, redirect_stdout
from collections import Counter
from dataclasses import replace
from enum import IntEnum
from typing import TextIO

from . import __version__
from .config import DEFAULT_FIX_CONFIDENCE, DEFAULT_MAX_FILE_SIZE, DEFAULT_MIN_CONFIDENCE, Settings
from .errors import TermsenseError


class ExitStatus(IntEnum):
    OK = 0
    FINDINGS = 1
    ERROR = 2
    INTERRUPTED = 130


FORMATS = ("text", "json", "jsonl", "sarif", "rdjsonl", "github")
STREAMED = {"text", "jsonl", "rdjsonl", "github"}  # written file by file; the others at the end


def _confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {value!r}")
    return number


def _megabytes(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of megabytes, got {value!r}")
    return number


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {value!r}")
    return int(value)


def _rule_list(value: str) -> frozenset[str]:
    return frozenset(part.strip().upper() for part in value.split(",") if part.strip())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="termsense", description="Context-aware terminology linter for Markdown and text.")
    parser.add_argument("--version", action="version", version=f"termsense {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    rules = commands.add_parser("rules", help="list the rules: id, name, default, pack, summary")
    rules.add_argument("--format", choices=("text", "markdown", "json", "docs"), default="text",
                       help="docs: the rule documentation of the --pack files (or of the built-in pack) as Markdown")
    rules.add_argument("--pack", action="append", default=[], metavar="FILE", help="an extra rule pack (repeatable)")
    explain = commands.add_parser("explain", help="what a rule checks, why, examples, how to silence it")
    explain.add_argument("rule", metavar="RULE")
    explain.add_argument("--format", choices=("text", "json"), default="text")
    explain.add_argument("--pack", action="append", default=[], metavar="FILE", help="an extra rule pack (repeatable)")
    check = commands.add_parser("check", help="lint files and directories (default: .)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories; default: .")
    check.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    check.add_argument("--config", metavar="FILE", help="use this config file (termsense.toml or pyproject.toml)")
    check.add_argument("--no-config", action="store_true", help="ignore config files")
    check.add_argument("--select", type=_rule_list, help="only these rules (ids or prefixes, comma separated)")
    check.add_argument("--ignore", type=_rule_list, help="skip these rules")
    check.add_argument("--min-confidence", type=_confidence,
                       help=f"report findings at or above this confidence (default: {DEFAULT_MIN_CONFIDENCE})")
    check.add_argument("--prefer", help="house style: one term for the whole repository (enables CC004)")
    check.add_argument("--pack", action="append", default=[], metavar="FILE", help="an extra rule pack (repeatable)")
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: unsafe fixes too")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; change nothing")
    check.add_argument("--fix-confidence", type=_confidence,
                       help=f"fix findings at or above this confidence (default: {DEFAULT_FIX_CONFIDENCE})")
    check.add_argument("--max-file-size", type=_megabytes, metavar="MB",
                       help=f"skip (and report) files bigger than this (default: {DEFAULT_MAX_FILE_SIZE:g} MB)")
    check.add_argument("--diff-base", metavar="REF", help="report only findings on lines changed since git REF")
    check.add_argument("--stdin-filename", metavar="NAME", help="with '-': the path to show and whose extension sets the format")
    check.add_argument("--statistics", action="store_true", help="print counts per rule and per word instead of findings")
    check.add_argument("--quiet", "-q", action="store_true", help="print nothing; the exit code tells")
    check.add_argument("--jobs", "-j", type=_jobs, default=os.cpu_count() or 1,
                       help="processes for big trees (default: number of cores; small runs use one)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings (errors still exit 2)")
    check.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitStatus.FINDINGS


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return ExitStatus.ERROR
    if args.command in ("rules", "explain"):
        try:
            return _document(args)
        except TermsenseError as error:
            _error(str(error))
            return ExitStatus.ERROR
    if args.fix and args.diff:
        parser.error("--fix and --diff do not go together: --diff changes nothing")
    if args.fix and "-" in args.paths:
        parser.error("--fix cannot rewrite standard input; use --diff")
    action = "fix" if args.fix else "diff" if args.diff else "check"
    try:
        settings = _settings(args)
        with _output(args.output_file) as out:
            status = _check(args.paths or ["."], settings, args, action, _use_color(args.color, out))
    except TermsenseError as error:
        _error(str(error))
        return ExitStatus.ERROR
    return ExitStatus.OK if args.exit_zero and status == ExitStatus.FINDINGS else status


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or the --output-file (the report only: errors stay on stderr)."""
    if path is None:
        yield sys.stdout
        return
    try:
        stream = open(path, "w", encoding="utf-8", newline="")
    except OSError as error:
        raise TermsenseError(f"--output-file: {path}: {error.strerror or error}") from None
    with stream, redirect_stdout(stream):
        yield stream


def _document(args: argparse.Namespace) -> int:
    """`termsense rules` and `termsense explain RULE`."""
    from . import explain
    from .engine import packs_for

    packs = packs_for(Settings(packs=tuple(args.pack)), validate=True)
    rules = explain.all_rules(packs)
    if args.command == "rules" and args.format == "docs":
        documented = [explain.pack_docs(p) for p in packs[1:]] if args.pack else [explain.pack_docs(packs[0], builtin=True)]
        sys.stdout.write("\n".join(documented))
        return ExitStatus.OK
    if args.command == "rules":
        json_table = explain.to_json([explain.as_dict(pack, rule) for pack, rule in rules])
        sys.stdout.write(json_table if args.format == "json" else explain.table(rules, args.format == "markdown"))
        return ExitStatus.OK
    wanted = args.rule.upper()
    for pack, rule in rules:
        if rule.id == wanted or rule.name == args.rule.lower():
            sys.stdout.write(explain.to_json(explain.as_dict(pack, rule)) if args.format == "json" else explain.explain(rule))
            return ExitStatus.OK
    raise TermsenseError(f"explain: unknown rule {args.rule!r} (see `termsense rules`)")


def _settings(args: argparse.Namespace) -> Settings:
    """The config file's settings (if any), with the command line's flags on top."""
    settings = Settings()
    if args.config or not args.no_config:
        from pathlib import Path

        from . import configfile

        path = Path(args.config) if args.config else configfile.find(Path.cwd())
        if args.config and not path.is_file():
            raise TermsenseError(f"--config: {args.config}: no such file")
        if path is not None:
            settings = configfile.load(path)
    flags = {
        "select": args.select, "ignore": args.ignore, "min_confidence": args.min_confidence, "prefer": args.prefer,
        "fix_confidence": args.fix_confidence, "max_file_size": args.max_file_size,
    }
    chosen = {key: value for key, value in flags.items() if value is not None}
    return replace(settings, **chosen, packs=settings.packs + tuple(args.pack))


def _check(paths: list[str], settings: Settings, args: argparse.Namespace, action: str, color: bool) -> int:
    from .engine import packs_for
    from .runner import Fixed, run

    packs = packs_for(settings, validate=True)  # a bad pack stops the run here, once
    if settings.prefer is not None and not any(settings.prefer in p.terms for p in packs):
        raise TermsenseError(f"--prefer: unknown term {settings.prefer!r} (terms: {', '.join(t for p in packs for t in p.terms)})")
    changed = None
    if args.diff_base:
        from .changed_lines import changed_lines, is_changed

        changed = changed_lines(args.diff_base)
    found = fixed = unsafe_left = 0
    tally: Counter[tuple[str, str]] = Counter()
    failed = any_diff = False
    collected = []
    for result in run(paths, settings, args.jobs, action=action, unsafe=args.unsafe_fixes, stdin_name=args.stdin_filename):
        if isinstance(result, TermsenseError):
            _error(str(result))
            failed = True
            continue
        findings = result
        if isinstance(result, Fixed):
            findings, fixed, unsafe_left = result.findings, fixed + result.fixed, unsafe_left + result.unsafe_left
            if result.diff:
                any_diff = True
                if not args.quiet:
                    sys.stdout.write(result.diff)
                continue
        if changed is not None:
            findings = [f for f in findings if is_changed(changed, f.path, f.line)]
        found += len(findings)
        if args.statistics:
            tally.update((f.rule, f.matched.lower()) for f in findings)
            continue
        if args.quiet or action == "diff":
            continue
        if args.format in STREAMED:
            _stream(args.format, findings, color)
        else:
            collected.extend(findings)
    if args.statistics and not args.quiet:
        _statistics(tally)
    elif not args.quiet and action != "diff" and args.format not in STREAMED:
        _write_collected(args.format, collected, packs)
    sys.stdout.flush()
    if action == "fix" and not args.quiet:
        hint = f" ({unsafe_left} more with --unsafe-fixes)" if unsafe_left and not args.unsafe_fixes else ""
        sys.stderr.write(f"termsense: fixed {fixed} finding{'s' if fixed != 1 else ''}{hint}\n")
    if failed:
        return ExitStatus.ERROR
    if action == "diff":
        return ExitStatus.FINDINGS if any_diff else ExitStatus.OK
    return ExitStatus.FINDINGS if found else ExitStatus.OK


def _statistics(tally: Counter[tuple[str, str]]) -> None:
    """Counts per rule, then per word within it, most frequent first (as ruff --statistics)."""
    per_rule: Counter[str] = Counter()
    for (rule, _), count in tally.items():
        per_rule[rule] += count
    for rule, total in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        words = sorted(((w, c) for (r, w), c in tally.items() if r == rule), key=lambda kv: (-kv[1], kv[0]))
        sys.stdout.write(f"{total:6}  {rule}  " + ", ".join(f"{w} ({c})" for w, c in words) + "\n")


def _stream(fmt: str, findings: list, color: bool) -> None:
    """Formats that can be written as each file finishes (so `| head` and huge trees work)."""
    if fmt == "text":
        from .report import text

        text.write(findings, sys.stdout, color=color)
    else:
        import importlib

        importlib.import_module(f".report.{fmt}", __package__).write(findings, sys.stdout)


def _write_collected(fmt: str, findings: list, packs: list) -> None:
    if fmt == "json":
        from .report import json

        json.write(findings, sys.stdout)
    else:
        from .report import sarif

        from .explain import all_rules

        sarif.write(findings, sys.stdout, rules=[r for _, r in all_rules(packs)], version=__version__)


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and "NO_COLOR" not in os.environ


def _error(message: str) -> None:
    sys.stderr.write(f"termsense: {message}\n")
