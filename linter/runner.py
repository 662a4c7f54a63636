"""Run the pipeline over many files: discover, read, lint; errors are results, not crashes.

Big trees are spread over processes with `imap`, which keeps discovery order, so output
is identical whatever the number of jobs; a pre-commit hook's handful of files stays in
one process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator

from .config import Settings
from .discover import Candidate, discover
from .engine import lint_source
from .errors import InputError, TermsenseError
from .findings import Finding
from .read import read_source

PARALLEL_MIN_FILES = 32  # below this, one process is faster than starting workers
_CHUNK = 8

Result = list[Finding] | TermsenseError


def run(paths: list[str], settings: Settings, jobs: int = 1) -> Iterator[Result]:
    """Per file, in discovery order: its findings, or the error that kept it from being checked."""
    candidates = discover(paths)
    head = list(itertools.islice(candidates, PARALLEL_MIN_FILES))
    if jobs <= 1 or len(head) < PARALLEL_MIN_FILES:
        yield from (_check(c, settings) for c in itertools.chain(head, candidates))
        return
    with multiprocessing.get_context(_start_method()).Pool(jobs, _init_worker, (settings,)) as pool:
        yield from pool.imap(_check_in_worker, itertools.chain(head, candidates), chunksize=_CHUNK)


def _check(candidate: Candidate | InputError, settings: Settings) -> Result:
    if isinstance(candidate, InputError):
        return candidate
    return check_file(candidate, settings)


def check_file(candidate: Candidate, settings: Settings) -> Result:
    try:
        return lint_source(read_source(candidate), settings)
    except TermsenseError as error:
        return error
    except (RecursionError, MemoryError) as error:
        return InputError(f"{candidate.display}: too deeply nested or too large to check ({type(error).__name__})")
    except Exception as error:  # a bug must cost one file, named, not the whole run
        return TermsenseError(f"{candidate.display}: internal error ({type(error).__name__}: {error}); please report it")


_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    """Workers ignore Ctrl-C: the parent handles it once and tears the pool down."""
    import signal

    global _worker_settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_settings = settings


def _check_in_worker(candidate: Candidate | InputError) -> Result:
    assert _worker_settings is not None
    return _check(candidate, _worker_settings)


def _start_method() -> str:
    """Fork where it exists (workers inherit compiled packs); spawn elsewhere."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def flatten(results: Iterable[Result]) -> tuple[list[Finding], list[TermsenseError]]:
    findings: list[Finding] = []
    errors: list[TermsenseError] = []
    for result in results:
        if isinstance(result, TermsenseError):
            errors.append(result)
        else:
            findings.extend(result)
    return findings, errors
