"""The context model (opt-in, `pip install 'termsense[context]'`): the words around a mention,
read by a static embedding, move the verdict model's odds.

The engine's cues are words the pack names; prose that calls for the other term often uses
words no pack lists. A static embedding (a table of token vectors shipped inside the
`wordllama` wheel: nothing is downloaded at run time) places the mention's sentence, its block
and its document in a space where "the setting of a client" and "the setting of a customer"
lie along one direction. How far each text leans along it, signed toward the term the
verdict model proposes, is stacked on the verdict model's logit by a small logistic
regression fitted in `benchmarks/fit_context.py` and shipped beside the pack as
`<pack>.context.json` (rules/README.md). The direction is the difference of the mean
embeddings of the two settings over the labeled data, with their (shrunk) covariance divided
out, as in linear discriminant analysis.

Only this module imports numpy and tokenizers, and only when the model is enabled, so the
default install and run pay nothing for it.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError, PackError
from .findings import CONFIDENCE_DIGITS, CONTEXT_MODEL, SHOWN_SHIFT, Evidence
from .lexicon import DOCUMENT_REACH, Blocks
from .logistic import sigmoid

if TYPE_CHECKING:
    from .document import Source
    from .packs import Pack
    from .verdicts import Judged

PACKAGE = "wordllama"  # the wheel whose token embeddings we read (its files, not its code)
WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
INSTALL = "pip install 'termsense[context]'"
LEVELS = ("sentence", "block", "document")  # the texts embedded around a mention
# a sentence ends at . ! ? before white space, or where a new line opens a list item or heading
_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]*_]*\s+|\n[ \t]*(?:[-*+]|\d+[.)]|#+|\|)[ \t]")


def available() -> bool:
    """Whether the extra is installed (looked up without importing it)."""
    return all(importlib.util.find_spec(name) is not None for name in (PACKAGE, "numpy", "tokenizers"))


def require() -> None:
    """A ConfigError (exit 2, one line) when the context model is asked for without its extra."""
    if not available():
        raise ConfigError(f"the context model needs the 'context' extra: {INSTALL}")


def context_path(pack_path: str) -> Path:
    """Where a pack's context-model coefficients live: `<pack stem>.context.json` beside it."""
    path = Path(pack_path)
    return path.with_name(path.stem + ".context.json")


@dataclass(frozen=True, slots=True)
class Coefficients:
    """The stacked regression: z = intercept + base * logit(verdict model) + sum(weights[level] *
    lean[level]); `direction` points from the second term's setting to the first's."""

    first: str  # the pack's first term: a positive lean calls for it
    intercept: float
    base: float
    weights: dict[str, float]
    direction: dict[str, tuple[float, ...]]  # level -> unit vector


def coefficients_of(data: dict[str, Any]) -> Coefficients:
    return Coefficients(
        str(data["first"]), float(data["intercept"]), float(data["base"]),
        {level: float(data["weights"].get(level, 0.0)) for level in LEVELS},
        {level: tuple(float(v) for v in vector) for level, vector in data["direction"].items()},
    )


@cache
def load_coefficients(pack_path: str) -> Coefficients | None:
    """A pack's context model, None when the pack ships none (the verdict model then decides alone)."""
    path = context_path(pack_path)
    if not path.is_file():
        return None
    try:
        return coefficients_of(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise PackError(f"{path}: not a context model ({error})") from None


def windows(
    text: str, start: int, end: int, masked: list[tuple[int, int]], blocks: Blocks | None = None
) -> tuple[str, str, str]:
    """The sentence, block and document around text[start:end], with the spans in `masked` (the
    party mentions: the words being judged) cut out so the embedding reads their context only.
    Block and document are the ones the lexicon reads (`lexicon.Blocks`, made once per text
    when a caller asks for many mentions)."""
    block_start, block_end = (blocks or Blocks(text)).around(start, end)
    sentence_starts = [m.end() for m in _SENTENCE_BREAK.finditer(text, block_start, start)]
    sentence_start = sentence_starts[-1] if sentence_starts else block_start
    stop = _SENTENCE_BREAK.search(text, end, block_end)
    sentence_end = stop.start() + 1 if stop else block_end

    def cut(low: int, high: int) -> str:
        parts, at = [], low
        for a, b in masked:
            if b <= at or a >= high:
                continue
            parts.append(text[at:max(a, at)])
            at = max(at, b)
        parts.append(text[at:high])
        return " ".join(" ".join(parts).split())

    return cut(sentence_start, sentence_end), cut(block_start, block_end), cut(0, min(len(text), DOCUMENT_REACH))


class Embedder:
    """Mean of the token vectors of a text, normalised: the wheel's table read with numpy and
    its tokenizer file with `tokenizers` (wordllama's own module is not imported: it configures
    logging and can download other models)."""

    def __init__(self) -> None:
        import numpy as np
        from tokenizers import Tokenizer

        spec = importlib.util.find_spec(PACKAGE)
        assert spec is not None and spec.submodule_search_locations
        root = Path(next(iter(spec.submodule_search_locations)))
        self._np = np
        self.table = _safetensors_table(np, root / WEIGHTS)
        self.tokenizer = Tokenizer.from_file(str(root / TOKENIZER))

    def embed(self, texts: list[str]) -> Any:
        np = self._np
        out = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        for i, encoding in enumerate(self.tokenizer.encode_batch(texts, add_special_tokens=False)):
            if encoding.ids:
                vector = self.table[np.asarray(encoding.ids, dtype=np.int64)].mean(axis=0, dtype=np.float32)
                norm = float(np.linalg.norm(vector))
                out[i] = vector / norm if norm else vector
        return out


def _safetensors_table(np: Any, path: Path) -> Any:
    """The one tensor of a safetensors file (8-byte header length, a JSON header, raw data)."""
    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8:8 + size])
    (name,) = [key for key in header if key != "__metadata__"]
    info = header[name]
    dtype = {"F16": np.float16, "F32": np.float32}[info["dtype"]]
    low, high = info["data_offsets"]
    data = np.frombuffer(raw, dtype=dtype, count=(high - low) // np.dtype(dtype).itemsize, offset=8 + size + low)
    return data.reshape(info["shape"])  # kept as stored (half precision: 16 MB); rows are widened when averaged


@cache
def embedder() -> Embedder:
    """One embedder per process, made on first use."""
    return Embedder()


def leans(coefficients: Coefficients, texts: list[tuple[str, str, str]], expected: list[str]) -> list[dict[str, float]]:
    """For each mention: how far its sentence, block and document lean toward the setting of
    the term the verdict model proposes (`expected`), as cosines along the fitted direction."""
    if not texts:
        return []
    model = embedder()
    np = model._np
    out: list[dict[str, float]] = [{} for _ in texts]
    for k, level in enumerate(LEVELS):
        direction = np.asarray(coefficients.direction.get(level, ()), dtype=np.float32)
        if direction.size == 0:
            continue
        values = model.embed([t[k] for t in texts]) @ direction
        for i, value in enumerate(values):
            out[i][level] = float(value) * (1.0 if expected[i] == coefficients.first else -1.0)
    return out


def stacked(coefficients: Coefficients, probability: float, lean: dict[str, float]) -> float:
    """The verdict model's probability moved by the leans."""
    z = coefficients.intercept + coefficients.base * _logit(probability)
    z += sum(coefficients.weights[level] * lean.get(level, 0.0) for level in LEVELS)
    return sigmoid(z)


Adjust = Callable[[int, float], "tuple[float, tuple[Evidence, ...]]"]


def for_mentions(
    pack: Pack, source: Source, judged: list[Judged], features: list[dict[str, float]], fix_confidence: float
) -> Adjust | None:
    """For one document: a function from (mention index, the verdict model's probability) to the
    stacked probability and an evidence entry saying how far the context model moved the odds
    (none when it did not move them). It may raise a probability up to just below
    `fix_confidence`, never into the fix band: on real text the findings it lifted there were
    wrong more often than the band allows (README, "Context model (opt-in)").
    Leans are computed once, for the mentions the verdict model may speak on. None when the pack
    ships no context model."""
    from .model import decidable

    coefficients = load_coefficients(pack.path)
    if coefficients is None:
        return None
    masked = sorted((j.occurrence.source_start, j.occurrence.source_end) for j in judged)
    spoken = [i for i in range(len(judged)) if decidable(features[i])]
    blocks = Blocks(source.text)
    texts = [
        windows(source.text, judged[i].occurrence.source_start, judged[i].occurrence.source_end, masked, blocks)
        for i in spoken
    ]
    expected = [pack.other(judged[i].occurrence.form.term) for i in spoken]
    lean = dict(zip(spoken, leans(coefficients, texts, expected), strict=True))
    cap = fix_confidence - 10.0 ** -CONFIDENCE_DIGITS  # below the band once rounded as findings are

    def adjust(i: int, probability: float) -> tuple[float, tuple[Evidence, ...]]:
        moved = stacked(coefficients, probability, lean.get(i, {}))
        if moved > probability:  # never carries a finding into the fix band by itself
            moved = min(moved, max(probability, cap))
        shift = _logit(moved) - _logit(probability)
        if abs(shift) < SHOWN_SHIFT:
            return moved, ()
        found = judged[i].occurrence.form.term
        supports = pack.other(found) if shift > 0 else found
        return moved, (Evidence(f"{shift:+.2f}", supports, "context model", CONTEXT_MODEL, shift, shift),)

    return adjust


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))
