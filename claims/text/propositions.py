"""Who does what to whom: the propositions of a sentence, from its dependency parse.

A news sentence often carries several facts ("The talks, the first in 27
years, ended after four hours, and both sides agreed to meet again"), and
another outlet may report one of them inside a sentence that otherwise
says something else. Whole-sentence vectors and word overlap do not see
that; a proposition does: each verb that heads a clause, with the heads
of its subject, object and prepositional arguments.

A verb whose only content is a clausal complement ("X said that ...",
"officials believe ...") frames a statement rather than making one: the
complement is the proposition, the frame is left out, so two sentences
are not matched because two people "said" something.

Takes the spaCy ``Doc`` (or ``Span``) it is handed; parses nothing itself.
"""
from __future__ import annotations

from dataclasses import dataclass

from articles.text.tokens import content_terms, norm_word

# Dependency labels of spaCy's English pipelines (ClearNLP style).
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "agent"}
_OBJECTS = {"dobj", "obj", "attr", "dative", "oprd", "acomp"}
_CLAUSES = {"ccomp", "advcl", "relcl", "conj", "parataxis", "csubj", "csubjpass"}  # their own propositions
_NOMINAL = {"NOUN", "PROPN", "NUM"}
_HEAD_DEPS = {"compound", "amod", "nummod", "flat", "poss", "nmod"}  # words that make up an argument's name


@dataclass(frozen=True)
class Proposition:
    predicate: str  # the verb's lemma, normalised as content terms are
    lemma: str  # the verb's lemma as spaCy gives it, for its word vector
    arguments: frozenset  # content terms of its arguments' heads
    text: str  # the verb with its arguments, embedded clauses left out


def _is_clause_head(token) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.pos_ == "AUX" and token.dep_ != "ROOT":
        return False  # an auxiliary of another verb
    if token.dep_ in ("ROOT", "conj", "relcl", "advcl", "ccomp", "xcomp", "acl", "parataxis"):
        return True
    return any(c.dep_ in _SUBJECTS for c in token.children)


def _argument_terms(head) -> list[str]:
    """The content terms of a nominal head and the words naming it with it
    ("the Iranian ambassador" -> iran, ambassador)."""
    if head.pos_ not in _NOMINAL:
        return []
    words = [t for t in head.subtree if t is head or (t.head is head and t.dep_ in _HEAD_DEPS)]
    return content_terms(" ".join(t.text for t in words))


def _arguments(verb) -> list:
    """The argument heads of a verb: subject, objects, prepositional objects,
    through "of"/"in" chains one level down ("the release of prisoners")."""
    heads = []
    for c in verb.children:
        if c.dep_ in _SUBJECTS or c.dep_ in _OBJECTS:
            heads.append(c)
            if c.dep_ == "agent":
                heads.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in ("prep", "npadvmod", "dobj"):
            heads.extend(g for g in c.children if g.dep_ == "pobj")
    for h in list(heads):
        for p in h.children:
            if p.dep_ == "prep":
                heads.extend(g for g in p.children if g.dep_ == "pobj")
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in _NOMINAL:
        heads.append(verb.head)  # "the envoy who met ...": the envoy met
    if verb.dep_ in ("conj", "xcomp") and not any(c.dep_ in _SUBJECTS for c in verb.children):
        # "X arrived and met Y", "X agreed to meet Y": X is the subject of both.
        heads.extend(c for c in verb.head.children if c.dep_ in _SUBJECTS)
    return heads


def _clause_tokens(verb) -> list:
    """The verb's subtree without the clauses that are propositions of their own."""
    skip = set()
    for c in verb.children:
        if c.dep_ in _CLAUSES and _is_clause_head(c):
            skip.update(t.i for t in c.subtree)
    return [t for t in verb.subtree if t.i not in skip]


def propositions(doc) -> list[Proposition]:
    """The propositions of a parsed sentence (a spaCy Doc or Span), in order."""
    out = []
    for token in doc:
        if not _is_clause_head(token):
            continue
        heads = _arguments(token)
        framing = any(c.dep_ == "ccomp" for c in token.children) and not any(
            c.dep_ in _OBJECTS for c in token.children
        )
        if framing:
            continue
        arguments = frozenset(t for h in heads for t in _argument_terms(h))
        if not arguments:
            continue  # "it happened": no argument to tell one fact from another
        text = " ".join(t.text for t in _clause_tokens(token))
        out.append(Proposition(norm_word(token.lemma_), token.lemma_.lower(), arguments, text))
    return out
