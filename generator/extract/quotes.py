"""Quotes and who said them."""
from __future__ import annotations

from ..register import Register
from .actors import ActorIndex
from .document import Document


def find_quotes(doc: Document, title, actors: ActorIndex, register: Register):
    return (), actors
