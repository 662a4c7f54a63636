"""The command line: argparse, exit codes and output; the work is done by the library."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, redirect_stdout
from enum import IntEnum
from typing import TYPE_CHECKING, Any, TextIO

from . import __version__
from .config import DEFAULT_FIX_CONFIDENCE, DEFAULT_MAX_FILE_SIZE, DEFAULT_MIN_CONFIDENCE, Settings
from .errors import TermsenseError
from .findings import Finding

if TYPE_CHECKING:
    from .resolve import Resolver


class ExitStatus(IntEnum):
    OK = 0
    FINDINGS = 1
    ERROR = 2
    INTERRUPTED = 130


# The cyclic garbage collector looks at new objects every 700 by default. Start-up makes tens of
# thousands that live as long as the process (modules, classes, compiled patterns), and walking
# them again and again costs a one-file run about 2 ms; every 20,000 spares that and still
# bounds the cyclic garbage of a long run (a tree, the language server) to a few megabytes.
GC_THRESHOLD = 20_000

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


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, told the terminal's width. argparse makes one for every
    argument added (to check its metavar), and finding the width itself imports shutil, which
    costs a pre-commit run 2 ms; `_columns` finds it as shutil.get_terminal_size does."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


def _columns() -> int:
    """$COLUMNS when it is a positive number, else the width of the terminal on standard
    output, else 80 (shutil.get_terminal_size's order and fallback)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser with `_Formatter`; the subcommands' parsers are made of this class too."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(formatter_class=_Formatter, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="termsense", description="Context-aware terminology linter for Markdown and text.")
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
    server = commands.add_parser("server", help="run the language server on stdio (needs the lsp extra)")
    server.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default and only transport)")
    server.add_argument("--log-level", choices=("debug", "info", "warning", "error"), default="warning",
                        help="what the server logs to stderr (default: warning)")
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
    check.add_argument("--context-model", action="store_true", default=None,
                       help="stack the context model on the verdict model (needs: pip install 'termsense[context]')")
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: unsafe fixes too")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; change nothing")
    check.add_argument("--fix-confidence", type=_confidence,
                       help=f"fix findings at or above this confidence (default: {DEFAULT_FIX_CONFIDENCE})")
    check.add_argument("--max-file-size", type=_megabytes, metavar="MB",
                       help=f"skip (and report) files bigger than this (default: {DEFAULT_MAX_FILE_SIZE:g} MB)")
    check.add_argument("--diff-base", metavar="REF",
                       help="report (and fix) only findings on lines changed since the merge base of git REF and HEAD")
    check.add_argument("--force-exclude", action="store_true", default=None,
                       help="apply exclude to files named on the command line too (for pre-commit)")
    check.add_argument("--show-settings", action="store_true", help="print the settings of the one file given, and their config file")
    check.add_argument("--show-files", action="store_true", help="print the files that would be checked, and check none")
    check.add_argument("--stdin-filename", metavar="NAME", help="with '-': the path to show and whose extension sets the format")
    check.add_argument("--statistics", action="store_true", help="print counts per rule and per word instead of findings")
    check.add_argument("--quiet", "-q", action="store_true", help="print nothing; the exit code tells")
    check.add_argument("--jobs", "-j", type=_jobs, default=os.cpu_count() or 1,
                       help="processes for big trees (default: number of cores; small runs use one)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings (errors still exit 2)")
    check.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    _add_report(commands)
    return parser


def _add_report(commands: argparse._SubParsersAction) -> None:
    """`termsense report`: the tree's terminology as one HTML page (or its data as JSON)."""
    report = commands.add_parser("report", help="a tree's terminology as one HTML page: summary, map, consistency, findings")
    report.add_argument("paths", nargs="*", metavar="PATH", help="files or directories; default: .")
    report.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    report.add_argument("--format", choices=("html", "json"), default="html", help="the page, or its data (default: html)")
    report.add_argument("--config", metavar="FILE", help="use this config file (termsense.toml or pyproject.toml)")
    report.add_argument("--no-config", action="store_true", help="ignore config files")
    report.add_argument("--select", type=_rule_list, help="only these rules (ids or prefixes, comma separated)")
    report.add_argument("--ignore", type=_rule_list, help="skip these rules")
    report.add_argument("--min-confidence", type=_confidence, help=f"report findings at or above this confidence (default: {DEFAULT_MIN_CONFIDENCE})")
    report.add_argument("--prefer", help="house style: one term for the whole repository (enables CC004)")
    report.add_argument("--pack", action="append", default=[], metavar="FILE", help="an extra rule pack (repeatable)")
    report.add_argument("--max-file-size", type=_megabytes, metavar="MB", help=f"skip (and list) files bigger than this (default: {DEFAULT_MAX_FILE_SIZE:g} MB)")
    report.add_argument("--jobs", "-j", type=_jobs, default=os.cpu_count() or 1, help="processes for big trees (default: number of cores)")
    report.set_defaults(fix_confidence=None, force_exclude=None, context_model=None)


def main(argv: Sequence[str] | None = None) -> int:
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
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
    if args.command == "server":
        from .lsp import run

        return run(args.log_level)
    if args.command == "report":
        try:
            with _output(args.output_file) as out:  # opened first: a path it cannot write stops the run at once
                return _report(args, out)
        except TermsenseError as error:
            _error(str(error))
            return ExitStatus.ERROR
    if args.fix and args.diff:
        parser.error("--fix and --diff do not go together: --diff changes nothing")
    if args.statistics and args.format not in ("text", "json"):
        parser.error(f"--statistics prints text or json, not {args.format}")
    if args.show_settings and len(args.paths) != 1:
        parser.error("--show-settings takes exactly one file")
    action = "fix" if args.fix else "diff" if args.diff else "check"
    try:
        resolver = _resolver(args)
        if args.show_settings:
            return _show_settings(args.paths[0], resolver)
        if args.show_files:
            return _show_files(args.paths or ["."], resolver, args.stdin_filename)
        with _output(args.output_file) as out:
            status = _check(args.paths or ["."], resolver, args, action, _use_color(args.color, out))
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


def _resolver(args: argparse.Namespace) -> Resolver:
    """Each file's settings: its closest config file (or the one --config names, or none with
    --no-config), with the command line's flags on top."""
    from pathlib import Path

    from .resolve import Hierarchy, Uniform, from_file

    flags = {
        "select": args.select, "ignore": args.ignore, "min_confidence": args.min_confidence, "prefer": args.prefer,
        "fix_confidence": args.fix_confidence, "max_file_size": args.max_file_size, "force_exclude": args.force_exclude,
        "context_model": args.context_model,
    }
    chosen = {key: value for key, value in flags.items() if value is not None}
    packs = tuple(args.pack)
    if args.config:
        if not Path(args.config).is_file():
            raise TermsenseError(f"--config: {args.config}: no such file")
        return Uniform(from_file(Path(args.config), chosen, packs), Path(args.config))
    if args.no_config:
        return Uniform(from_file(None, chosen, packs))
    return Hierarchy(chosen, packs, note=_error)


def _show_settings(path: str, resolver: Resolver) -> int:
    """`--show-settings FILE`: which config file governs it, and every value it is checked with."""
    import dataclasses

    from .resolve import shown

    config = resolver.config_for(os.path.dirname(path))
    settings = resolver.for_file(path)
    lines = [f"file: {path}", f"config: {shown(config) if config is not None else 'none (defaults)'}"]
    for field in dataclasses.fields(settings):
        lines.append(f"{field.name.replace('_', '-')} = {_plain(getattr(settings, field.name))}")
    sys.stdout.write("\n".join(lines) + "\n")
    return ExitStatus.OK


def _plain(value: object) -> str:
    """A setting as a person reads it: lists comma separated, tables as `key = values; ...`."""
    if isinstance(value, frozenset):
        return ", ".join(sorted(value))
    if isinstance(value, tuple):
        if all(isinstance(v, tuple) and len(v) == 2 for v in value):
            return "; ".join(f"{key} = {_plain(items)}" for key, items in value)
        return ", ".join(str(v) for v in value)
    return str(value)


def _show_files(paths: list[str], resolver: Resolver, stdin_name: str | None) -> int:
    """`--show-files`: the files a check would read, in order; nothing is checked."""
    from .discover import discover

    failed = False
    for candidate in discover(paths, stdin_name, resolver):
        if isinstance(candidate, TermsenseError):
            _error(str(candidate))
            failed = True
        else:
            sys.stdout.write(candidate.display + "\n")
    return ExitStatus.ERROR if failed else ExitStatus.OK


def _check(paths: list[str], resolver: Resolver, args: argparse.Namespace, action: str, color: bool) -> int:
    from .engine import packs_for
    from .run import Checked, run

    settings = resolver.for_folder(".")  # validated as it is made (resolve.checked)
    packs = packs_for(settings, validate=True)  # cached: compiled when the settings were checked
    changed = None
    if args.diff_base:
        from .changed_lines import changed_lines

        changed = changed_lines(args.diff_base)
    # fixing standard input: the fixed text owns stdout, so findings go to stderr (as ruff does)
    out = sys.stderr if action == "fix" and "-" in paths else sys.stdout
    tally = Tally()
    failed = any_diff = False
    collected: list[Finding] = []
    results = run(paths, resolver, args.jobs, action=action, unsafe=args.unsafe_fixes, stdin_name=args.stdin_filename,
                  changed=changed)
    for result in results:
        if isinstance(result, TermsenseError):
            _error(str(result))
            failed = True
            continue
        assert isinstance(result, Checked)  # only `termsense report` surveys
        tally.add(result.findings, result.fixed)
        if result.output is not None:
            sys.stdout.flush()
            sys.stdout.buffer.write(result.output)
            sys.stdout.buffer.flush()
        if result.diff:
            any_diff = True
            if not args.quiet:
                out.write(result.diff)
        if args.quiet or args.statistics or action == "diff":
            continue
        if args.format in STREAMED:
            _stream(args.format, result.findings, color, out)
        else:
            collected.extend(result.findings)
    if not args.quiet:
        if args.statistics:
            _statistics(tally, args.format, out)
        elif action != "diff" and args.format not in STREAMED:
            _write_collected(args.format, collected, packs, out)
        out.flush()
        _summary(tally, action, args, failed)
    if failed:
        return ExitStatus.ERROR
    if action == "diff":
        return ExitStatus.FINDINGS if any_diff else ExitStatus.OK
    return ExitStatus.FINDINGS if tally.found else ExitStatus.OK


def _report(args: argparse.Namespace, out: TextIO) -> int:
    """Survey the tree (same runner, same findings as check), then write the page or its data."""
    import json

    from . import tree
    from .engine import packs_for
    from .explain import all_rules
    from .survey import Progress, count_files, survey_paths

    resolver = _resolver(args)
    packs = packs_for(resolver.for_folder("."), validate=True)
    paths = args.paths or ["."]
    progress = Progress(count_files(paths, resolver)) if sys.stderr.isatty() else None
    surveyed, errors = [], []
    try:
        for result in survey_paths(paths, resolver, args.jobs, progress):
            if isinstance(result, TermsenseError):
                errors.append(str(result))
            else:
                surveyed.append(result)
    finally:
        if progress is not None:
            progress.close()
    for message in errors:
        _error(message)
    terms = [t for p in packs for t in p.terms]
    data = tree.build(surveyed, errors, [r for _, r in all_rules(packs)], terms, paths, __version__)
    if args.format == "json":
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        from .report import html

        text = html.render(data)
    out.write(text)
    return ExitStatus.ERROR if errors else ExitStatus.OK


class Tally:
    """What a run found, for the exit code, --statistics and the summary line."""

    def __init__(self) -> None:
        self.files = self.found = self.fixed = self.fixable = self.unsafe = 0
        self.files_with_findings = 0
        self.words: Counter[tuple[str, str]] = Counter()

    def add(self, findings: list[Finding], fixed: int) -> None:
        self.files += 1
        self.found += len(findings)
        self.fixed += fixed
        self.files_with_findings += bool(findings)
        self.words.update((f.rule, f.matched.lower()) for f in findings)
        for finding in findings:
            if finding.fix is not None:
                if finding.fix.applicability == "safe":
                    self.fixable += 1
                else:
                    self.unsafe += 1


def _summary(tally: Tally, action: str, args: argparse.Namespace, failed: bool) -> None:
    """The lines on stderr after the findings: what --fix did, how many were found, or that
    nothing was checked at all (a path that matched no file is not a clean run)."""
    if tally.files == 0 and not failed:
        sys.stderr.write("termsense: no files checked\n")
        return
    unsafe_hint = f" ({tally.unsafe} more with --unsafe-fixes)" if tally.unsafe and not args.unsafe_fixes else ""
    if action == "fix":
        sys.stderr.write(f"termsense: fixed {tally.fixed} finding{_s(tally.fixed)}{unsafe_hint}\n")
    if args.format != "text" or action == "diff" or not tally.found:
        return
    fixable = f"{tally.fixable} fixable with --fix" if tally.fixable and action != "fix" else ""
    unsafe = f"{tally.unsafe} with --fix --unsafe-fixes" if tally.unsafe and not args.unsafe_fixes and action != "fix" else ""
    hint = ", ".join(part for part in (fixable, unsafe) if part)
    sys.stderr.write(
        f"Found {tally.found} finding{_s(tally.found)} in {tally.files_with_findings} file{_s(tally.files_with_findings)}"
        + (f" ({hint})" if hint else "") + "\n"
    )


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _statistics(tally: Tally, fmt: str, out: TextIO) -> None:
    """Counts per rule, then per word within it, most frequent first (as ruff --statistics)."""
    per_rule: Counter[str] = Counter()
    for (rule, _), count in tally.words.items():
        per_rule[rule] += count
    rows = []
    for rule, total in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        words = sorted(((w, c) for (r, w), c in tally.words.items() if r == rule), key=lambda kv: (-kv[1], kv[0]))
        rows.append((rule, total, words))
    if fmt == "json":
        import json

        data = [{"rule": r, "count": n, "words": [{"word": w, "count": c} for w, c in words]} for r, n, words in rows]
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    for rule, total, words in rows:
        out.write(f"{total:6}  {rule}  " + ", ".join(f"{w} ({c})" for w, c in words) + "\n")


def _stream(fmt: str, findings: list[Finding], color: bool, out: TextIO) -> None:
    """Formats that can be written as each file finishes (so `| head` and huge trees work)."""
    if fmt == "text":
        from .report import text

        text.write(findings, out, color=color)
    else:
        import importlib

        importlib.import_module(f".report.{fmt}", __package__).write(findings, out)


def _write_collected(fmt: str, findings: list[Finding], packs: list, out: TextIO) -> None:
    if fmt == "json":
        from .report import json

        json.write(findings, out)
    else:
        from .explain import all_rules
        from .report import sarif

        sarif.write(findings, out, rules=[r for _, r in all_rules(packs)], version=__version__)


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and "NO_COLOR" not in os.environ


def _error(message: str) -> None:
    sys.stderr.write(f"termsense: {message}\n")
