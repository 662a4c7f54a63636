"""Run the pipeline over many files: discover, read, lint; errors are results, not crashes.

Big trees are spread over processes with `imap`, which keeps discovery order, so output
is identical whatever the number of jobs; a pre-commit hook's handful of files stays in
one process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from . import fix
from .config import Settings
from .discover import Candidate, Filters, discover
from .engine import lint_source
from .errors import InputError, TermsenseError
from .findings import Finding
from .read import decode, read_bytes, read_source

PARALLEL_MIN_FILES = 32  # below this, one process is faster than starting workers
MAX_CHUNK = 8  # files per task in a big tree: fewer round trips to the parent
TASKS_PER_WORKER = 8  # in a small tree, smaller tasks, so no worker idles while one finishes


@dataclass(frozen=True, slots=True)
class Fixed:
    """A file after --fix or --diff: the findings left, how many were fixed, the diff."""

    findings: list[Finding]
    fixed: int
    unsafe_left: int
    diff: str


Result = list[Finding] | Fixed | TermsenseError


@dataclass(frozen=True, slots=True)
class Job:
    """What to do with each file: check it, or also fix it ("fix") or show the fix ("diff")."""

    settings: Settings
    action: str = "check"
    unsafe: bool = False


def run(
    paths: list[str], settings: Settings, jobs: int = 1, *, action: str = "check", unsafe: bool = False,
    stdin_name: str | None = None,
) -> Iterator[Result]:
    """Per file, in discovery order: its result, or the error that kept it from being checked."""
    job = Job(settings, action, unsafe)
    candidates: Iterable[Candidate | InputError] = discover(
        paths, stdin_name, Filters(settings.root, settings.include, settings.exclude)
    )
    if jobs > 1:
        candidates = list(candidates)  # names only, cheap for any tree; their count sizes the tasks
        if len(candidates) >= PARALLEL_MIN_FILES:
            yield from _in_workers(candidates, job, jobs)
            return
    yield from (_do(c, job) for c in candidates)


def _in_workers(candidates: list[Candidate | InputError], job: Job, jobs: int) -> Iterator[Result]:
    import multiprocessing  # only big trees pay for it

    chunk = max(1, min(MAX_CHUNK, len(candidates) // (jobs * TASKS_PER_WORKER)))
    with multiprocessing.get_context(_start_method()).Pool(jobs, _init_worker, (job,)) as pool:
        yield from pool.imap(_do_in_worker, candidates, chunksize=chunk)


def _do(candidate: Candidate | InputError, job: Job) -> Result:
    if isinstance(candidate, InputError):
        return candidate
    if job.action == "check":
        return check_file(candidate, job.settings)
    return _guarded(candidate, lambda: fix_file(candidate, job))


def fix_file(candidate: Candidate, job: Job) -> Fixed:
    """Lint one file and apply (or diff) its fixes; the file is written only if unchanged."""
    original = read_bytes(candidate, job.settings.max_file_size)
    source = decode(original, candidate.display, candidate.format)
    findings = lint_source(source, job.settings)
    planned = fix.plan(source, findings, unsafe=job.unsafe)
    done = {id(f) for f in planned.fixed}
    left = [f for f in findings if id(f) not in done]
    unsafe_left = sum(1 for f in left if f.fix is not None and f.fix.applicability == "unsafe")
    if not planned.fixed:
        return Fixed(left, 0, unsafe_left, "")
    if job.action == "diff":
        return Fixed(findings, 0, unsafe_left, fix.unified_diff(source, planned.text))
    fix.write_atomically(candidate.path, candidate.display, original, fix.encode(source, planned.text))
    return Fixed(left, len(planned.fixed), unsafe_left, "")


def check_file(candidate: Candidate, settings: Settings) -> Result:
    return _guarded(candidate, lambda: lint_source(read_source(candidate, settings.max_file_size), settings))


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


def _init_worker(job: Job) -> None:
    """Workers ignore Ctrl-C: the parent handles it once and tears the pool down."""
    import signal

    global _worker_job
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_job = job


def _do_in_worker(candidate: Candidate | InputError) -> Result:
    assert _worker_job is not None
    return _do(candidate, _worker_job)


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
            findings.extend(result.findings if isinstance(result, Fixed) else result)
    return findings, errors
