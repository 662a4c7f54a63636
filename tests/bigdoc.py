"""A realistic one-megabyte Markdown document of our own making, for the language server's
response-time check: sections of prose, lists, tables and code, with the terms in some
paragraphs only (as in a long handbook), not in every line."""

from __future__ import annotations

import random

PROSE = [
    "The team reviews every change before it is merged, and the notes of each review are kept with the change.",
    "Releases go out on Tuesdays; a release that slips moves to the following week rather than to a Friday.",
    "Each section of this handbook has an owner, who answers questions about it and keeps it current.",
    "When a page grows past a few screens it is split, and the old address points to the new pages.",
    "Meetings have a written agenda shared a day ahead, and decisions are recorded where everyone can find them.",
    "New starters pair with someone from a neighbouring team for their first two weeks.",
    "We prefer short documents that link to the detail over long ones that repeat it.",
]
TERMS = [
    "Every matter starts with an engagement letter, and our customers receive an update from their solicitor "
    "after every court hearing.",
    "Each client has a named adviser who answers within one business day.",
    "Customers can order a coffee at the counter and pay at the till.",
    "The HTTP client retries the request after a timeout.",
]


def document(size: int = 1_000_000, seed: int = 7, term_share: float = 0.05) -> str:
    """About `size` characters of Markdown; `term_share` of the paragraphs hold a term."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = section = 0
    while total < size:
        if total == 0 or rng.random() < 0.08:
            section += 1
            block = f"## Section {section}"
        elif rng.random() < 0.1:
            block = "\n".join(f"- {rng.choice(PROSE)}" for _ in range(rng.randint(2, 5)))
        elif rng.random() < 0.05:
            block = "```python\n" + "\n".join(f"value_{i} = compute({i})" for i in range(rng.randint(3, 8))) + "\n```"
        elif rng.random() < 0.04:
            block = "| step | owner |\n|------|-------|\n" + "\n".join(f"| {i} | team {i % 3} |" for i in range(5))
        else:
            sentences = [rng.choice(PROSE) for _ in range(rng.randint(2, 5))]
            if rng.random() < term_share:
                sentences.insert(rng.randrange(len(sentences)), rng.choice(TERMS))
            block = " ".join(sentences)
        parts.append(block)
        total += len(block) + 2
    return "\n\n".join(parts) + "\n"
