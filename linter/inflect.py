"""Write a term in the form of the word it replaces: case, number and possessive kept."""

from __future__ import annotations

from .packs import Form, Term


def replacement(matched: str, form: Form, term: Term) -> str:
    """`term` written the way `matched` is: "Customers’" with client gives "Clients’"."""
    cut = len(matched) - len(form.possessive)
    noun, suffix = matched[:cut], matched[cut:]
    new = _match_case(term.plural if form.plural else term.singular, noun)
    if form.possessive == "'" and not new.lower().endswith("s"):
        suffix += "S" if new.isupper() else "s"
    return new + suffix


def _match_case(word: str, model: str) -> str:
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
