"""The one orchestrator: files -> read -> lint -> filter -> fix -> re-lint, for the command line
and the library alike; errors are results, not crashes.

Big trees are spread over processes with `imap`, which keeps discovery order, so output
is identical whatever the number of jobs; a pre-commit hook's handful of files stays in
one process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from .config import Settings
from .discover import STDIN, Candidate, discover
from .document import Source
from .engine import lint_source
from .errors import InputError, TermsenseError
from .findings import Finding, Surveyed
from .read import decode, read_bytes, read_source
from .resolve import Resolver, Uniform

if TYPE_CHECKING:
    from .changed_lines import ChangedLines

PARALLEL_MIN_FILES = 32  # below this, one process is faster than starting workers
MAX_CHUNK = 8  # files per task in a big tree: fewer round trips to the parent
TASKS_PER_WORKER = 8  # in a small tree, smaller tasks, so no worker idles while one finishes
MAX_FIX_PASSES = 10  # fix, re-lint, fix again: as ruff, with a cap so a fix that undoes another cannot loop


class Checked:
    """One file's outcome: the findings reported (after any fix, with positions in the fixed
    text), how many were fixed, the diff (--diff) or the fixed text (--fix of stdin). This and
    `Job` are plain classes: a frozen dataclass costs every run about half a millisecond to define."""

    __slots__ = ("path", "findings", "fixed", "diff", "output")

    def __init__(
        self, path: str, findings: list[Finding], fixed: int = 0, diff: str = "", output: bytes | None = None
    ) -> None:
        self.path = path
        self.findings = findings
        self.fixed = fixed
        self.diff = diff
        self.output = output


Result = Checked | Surveyed | TermsenseError  # Surveyed: a "survey" job (termsense report)


class Job:
    """What to do with each file: check it, or also fix it ("fix") or show the fix ("diff"),
    and which lines count (None: all)."""

    __slots__ = ("action", "unsafe", "changed")

    def __init__(self, action: str = "check", unsafe: bool = False, changed: ChangedLines | None = None) -> None:
        self.action = action  # or "fix", "diff", "survey" (findings and term uses, for a report)
        self.unsafe = unsafe
        self.changed = changed


def run(
    paths: list[str], settings: Settings | Resolver, jobs: int = 1, *, action: str = "check", unsafe: bool = False,
    stdin_name: str | None = None, changed: ChangedLines | None = None,
) -> Iterator[Result]:
    """Per file, in discovery order: its result, or the error that kept it from being checked.
    `settings` is one Settings for every file, or a resolver that finds each file's own."""
    resolver = Uniform(settings) if isinstance(settings, Settings) else settings
    job = Job(action, unsafe, changed)
    tasks: Iterator[Task] = ((c, _settings_of(c, resolver)) for c in discover(paths, stdin_name, resolver))
    if jobs > 1:
        head = list(islice(tasks, PARALLEL_MIN_FILES))
        if len(head) == PARALLEL_MIN_FILES:
            yield from _in_workers(head, tasks, job, jobs)
            return
        tasks = iter(head)
    yield from (_do(task, job) for task in tasks)


Task = tuple[Candidate | InputError, Settings | None]


def _settings_of(candidate: Candidate | InputError, resolver: Resolver) -> Settings | None:
    """A file's settings; standard input's are those of the name it is shown as."""
    if isinstance(candidate, InputError):
        return None
    return resolver.for_file(candidate.display if candidate.path == STDIN else candidate.path)


def _in_workers(head: list[Task], rest: Iterator[Task], job: Job, jobs: int) -> Iterator[Result]:
    """The pool starts once the tree is known to be big enough (`head`), so the workers import
    and compile what checking needs (`_warm`) while this process finds the rest of the files."""
    import multiprocessing  # only big trees pay for it

    warm = next((settings for _, settings in head if settings is not None), None)
    with multiprocessing.get_context(_start_method()).Pool(jobs, _init_worker, (job, warm)) as pool:
        tasks = head + list(rest)  # names only, cheap for any tree; their count sizes the tasks
        chunk = max(1, min(MAX_CHUNK, len(tasks) // (jobs * TASKS_PER_WORKER)))
        yield from pool.imap(_do_in_worker, tasks, chunksize=chunk)


def _do(task: Task, job: Job) -> Result:
    candidate, settings = task
    if isinstance(candidate, InputError):
        return candidate
    assert settings is not None
    if job.action == "check":
        return check_file(candidate, settings, job.changed)
    if job.action == "survey":
        from .survey import survey_file

        return _guarded(candidate, lambda: survey_file(candidate, settings))
    return _guarded(candidate, lambda: fix_file(candidate, settings, job))


def check_file(candidate: Candidate, settings: Settings, changed: ChangedLines | None = None) -> Result:
    def work() -> Checked:
        source = read_source(candidate, settings.max_file_size)
        return Checked(candidate.display, lint_source(source, settings, changed=changed))

    return _guarded(candidate, work)


def fix_file(candidate: Candidate, settings: Settings, job: Job) -> Checked:
    """Fix one file (or diff its fixes): written only if unchanged on disk since it was read;
    standard input's fixed text is returned as the output instead."""
    from . import fix  # difflib and tempfile: only --fix and --diff pay for them

    original = read_bytes(candidate, settings.max_file_size)
    source = decode(original, candidate.display, candidate.format)
    final, findings, fixed = fix_source(source, settings, unsafe=job.unsafe, changed=job.changed)
    if candidate.path == STDIN and job.action == "fix":
        return Checked(candidate.display, findings, fixed, output=fix.encode(source, final.text))
    if final.text == source.text:
        return Checked(candidate.display, findings)
    if job.action == "diff":
        return Checked(candidate.display, findings, 0, fix.unified_diff(source, final.text))
    fix.write_atomically(candidate.path, candidate.display, original, fix.encode(source, final.text))
    return Checked(candidate.display, findings, fixed)


def fix_source(
    source: Source, settings: Settings, *, unsafe: bool = False, changed: ChangedLines | None = None
) -> tuple[Source, list[Finding], int]:
    """Fix, lint the fixed text again and repeat until nothing changes (at most MAX_FIX_PASSES
    times): the fixed source, the findings left (positions in the fixed text) and how many
    fixes were applied. Fixes replace words within a line, so changed lines keep their numbers."""
    from . import fix

    findings = lint_source(source, settings, changed=changed)
    fixed = 0
    for _ in range(MAX_FIX_PASSES):
        planned = fix.plan(source, findings, unsafe=unsafe)
        if not planned.fixed or planned.text == source.text:
            break
        fixed += len(planned.fixed)
        source = Source(source.path, planned.text, source.format, source.has_bom)
        findings = lint_source(source, settings, changed=changed)
    return source, findings, fixed


def _guarded(candidate: Candidate, work: Callable[[], Result]) -> Result:
    try:
        return work()
    except TermsenseError as error:
        return error
    except (RecursionError, MemoryError) as error:
        return InputError(f"{candidate.display}: too deeply nested or too large to check ({type(error).__name__})")
    except Exception as error:  # a bug must cost one file, named, not the whole run
        return TermsenseError(f"{candidate.display}: internal error ({type(error).__name__}: {error}); please report it")


_worker_job: Job | None = None


def _init_worker(job: Job, warm: Settings | None) -> None:
    """Workers ignore Ctrl-C: the parent handles it once and tears the pool down."""
    import signal

    global _worker_job
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_job = job
    if warm is not None:
        _warm(warm)


def _warm(settings: Settings) -> None:
    """Import what a file holding a term needs (the pipeline; markdown-it, which the Markdown
    stage imports on first use) and compile the packs' patterns, before the first task comes.
    Only an optimisation: whatever fails here fails again, and is reported, on the file."""
    try:
        import markdown_it  # noqa: F401
        import mdit_py_plugins.front_matter  # noqa: F401

        from . import pipeline  # noqa: F401
        from .engine import packs_for

        for pack in packs_for(settings):
            pack.compiled()
    except Exception:
        pass


def _do_in_worker(task: Task) -> Result:
    assert _worker_job is not None
    return _do(task, _worker_job)


def _start_method() -> str:
    """Fork where it exists (workers inherit compiled packs); spawn elsewhere."""
    import multiprocessing

    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def flatten(results: Iterable[Result]) -> tuple[list[Finding], list[TermsenseError]]:
    findings: list[Finding] = []
    errors: list[TermsenseError] = []
    for result in results:
        if isinstance(result, TermsenseError):
            errors.append(result)
        else:
            findings.extend(result.findings)
    return findings, errors
