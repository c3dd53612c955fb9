"""From a search box entry to what must match, in the order it is tried.

The query's text, spaces and punctuation removed (text.search_text), is looked
for as one piece of the article's text first; a query typed in pieces of three
characters or more looks for every piece, each as text. Only when no article
holds that is the query cut: the segmenter's words, each a whole word of the
article (in any order). A piece
shorter than a trigram is only ever a whole word, never a letter or two
anywhere. Only a query typed as several pieces falls back to articles holding
some of them, and says so.
"""

from dataclasses import dataclass, field

from articles.search.text import (
    MAX_QUERY_LENGTH,
    MAX_QUERY_TERMS,
    MIN_SUBSTRING_LENGTH,
    query_terms,
    search_text,
)


@dataclass(frozen=True)
class Unit:
    text: str
    word: bool  # True: a whole word of the article; False: anywhere in its text

    @classmethod
    def of(cls, text, *, word=False):
        return cls(text, word or len(text) < MIN_SUBSTRING_LENGTH)


@dataclass
class Plan:
    units: list  # [Unit]: every one must match (or any, when not require_all)
    terms: list  # the query's words, to rank whole words first
    require_all: bool = True

    @property
    def held_by_words(self):
        """Whether an article holding every term as a word holds every unit:
        each unit is one of the terms (a word is text of the article too)."""
        return self.require_all and all(u.text in self.terms for u in self.units)

    @property
    def highlights(self):
        """What the snippets mark: the units' text, never a single letter."""
        return [u.text for u in self.units if len(u.text) > 1]


@dataclass
class Query:
    text: str  # the whole query's compact text
    terms: list = field(default_factory=list)
    plans: list = field(default_factory=list)


def _pieces(query):
    """The compact text of each piece typed between spaces; a piece that is
    only marks or ๆ (`ต่าง ๆ`) belongs to the one before it."""
    pieces = []
    for raw in query.split():
        piece = search_text(raw)
        if not piece:
            continue
        if pieces and (piece == "ๆ" or not any(c.isalnum() for c in piece)):
            pieces[-1] += piece
        else:
            pieces.append(piece)
    return pieces[:MAX_QUERY_TERMS]


def parse_query(query):
    query = (query or "")[:MAX_QUERY_LENGTH]
    text = search_text(query)
    terms = query_terms(query)
    parsed = Query(text=text, terms=terms)
    if not text:
        return parsed
    whole = Unit.of(text)
    if whole.word and terms:
        # Too short to be text: the query's words, as whole words.
        parsed.plans.append(Plan([Unit.of(t, word=True) for t in terms], terms))
        return parsed
    pieces = [Unit.of(p) for p in _pieces(query)]
    if len(pieces) > 1 and not any(p.word for p in pieces):
        # Typed in pieces, each long enough to be text: articles holding
        # every piece (those with the pieces run together among them), not
        # first the joined text, whose trigrams are many and common.
        parsed.plans.append(Plan(pieces, terms))
    else:
        parsed.plans.append(Plan([whole], terms))
        if len(pieces) > 1:
            parsed.plans.append(Plan(pieces, terms))
    words = [Unit.of(t, word=True) for t in terms]
    # The words in another order: not for a query cut into single letters
    # (`สลอง` is ส|ลอง, and every ส.ปชส. holds the word ส).
    if len(words) > 1 and all(len(u.text) > 1 for u in words):
        parsed.plans.append(Plan(words, terms))
    if len(pieces) > 1:
        # Some of the pieces: a piece that is one word is looked for as a
        # word (the word index answers an OR of common words at once).
        some = [Unit.of(p.text, word=p.text in terms) for p in pieces]
        parsed.plans.append(Plan(some, terms, False))
    return parsed
