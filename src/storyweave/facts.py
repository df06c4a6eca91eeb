"""facts: group sentences across articles that state the same fact; count the outlets behind each.

A fact is a group of sentences from different articles that say the same thing, paraphrases
included ("held secret meetings with the military" ~ "clandestine meetings with members of the
armed forces"). Sentences are compared with a score built from

- the cosine of their sentence vectors (MiniLM, already in `Candidates.vectors`),
- lexical agreement: the overlap of their content-word stems, weighted by how rare each word is
  in the story (the story's own topic words, "Maduro", "flood", say little),
- number agreement: a figure both state (same value, same unit),
- entity agreement: a name both mention (accent-, case- and title-insensitive), and a penalty
  when both name people and none in common ("X, 19, is charged..." / "Y, 18, is charged...").

Groups are built by average-linkage agglomeration over that score with two guards against
chaining unrelated sentences: a merge needs the *average* score between the two groups at or
above `threshold` and the *lowest* pairwise score at or above `threshold - spread`; and a group
never holds two sentences of one article (one mention per article per fact).

Sentences that no other article carries are facts too (support 1), page furniture
(`Sentence.boilerplate`) and fragments excepted. `support` counts distinct outlets, not
articles: two articles from one outlet are one voice. The fact's `text` is its most central
mention. Facts come sorted by support (descending), then by how early they appear.

`supported_by(facts, article_id, sentence)` gives the other articles carrying a sentence's
fact, which is what a summary sentence's `supported_by` lists.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from storyweave.records import Fact, Mention, Sentence
from storyweave.summarize import Candidates

# Score = cosine + W_LEX * (overlap - LEX_PIVOT) + W_NUM * shared figure + W_ENT * shared name.
DEFAULT_THRESHOLD = 0.74
SPREAD = 0.12  # how far below `threshold` the weakest pair inside a group may fall
W_LEX = 0.25
LEX_PIVOT = 0.35
W_NUM = 0.06
W_ENT = 0.03
W_OTHER_PERSON = 0.12  # penalty: both name people, none in common
MIN_WORDS = 4  # shorter sentences are fragments, not facts (unless another outlet carries them)

# ---------------------------------------------------------------- text helpers (shared with conflicts)
STOPWORDS = frozenset(
    """a an the and or but nor so yet for of to in on at by from with without within into onto upon over under
    about above below after before during since until till through throughout across along among around against
    between beyond toward towards via per than then as is are was were be been being am do does did done doing
    have has had having will would shall should can could may might must ought i me my mine we us our ours you
    your yours he him his she her hers it its they them their theirs this that these those there here who whom
    whose which what when where why how all any both each few more most other some such no not only own same
    too very just also even still again ever s t don didn doesn isn wasn weren won wouldn couldn shouldn hasn
    haven hadn aren ain n't 's 'd 'll 're 've 'm said says say told tells tell according reported reports report
    mr mrs ms dr one if while because though although however whether like unlike new now well""".split()
)
_WORD_RE = re.compile(r"[^\W\d_](?:[^\W_]|['’](?=[^\W\d_]))*|\d+(?:[.,]\d+)*", re.UNICODE)
_TITLES = frozenset(
    "mr mrs ms miss dr prof sir dame gen general col colonel lt capt captain sgt president vice prime minister "
    "secretary senator sen rep representative gov governor mayor judge justice chief king queen prince princess "
    "pope rev father sister brother lord lady saint st sheikh ayatollah chancellor premier chairman ceo "
    "detective det officer deputy sheriff spokesman spokeswoman trooper inspector commissioner superintendent "
    "sergeant corporal private lieutenant major admiral ambassador attorney dean principal coach".split()
)


@lru_cache(maxsize=131072)
def fold(text: str) -> str:
    """Lower case without accents: 'Guaidó' -> 'guaido'."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in norm if not unicodedata.combining(ch)).lower().replace("’", "'")


def words(text: str) -> list[tuple[str, int, int]]:
    """Word and number tokens with their character offsets."""
    return [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, fast stemmer: folded, possessive and common suffixes cut (evacuated ~ evacuation)."""
    w = fold(word)
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    if len(w) <= 3 or w.isdigit():
        return w
    for suf, rep, min_len in (
        ("ies", "y", 4), ("ied", "y", 4), ("ation", "at", 5), ("ions", "", 5), ("ion", "", 5), ("ings", "", 5),
        ("ing", "", 5), ("ness", "", 5), ("ment", "", 6), ("ly", "", 5), ("ed", "", 4), ("es", "", 5), ("s", "", 4),
    ):
        if w.endswith(suf) and len(w) - len(suf) + len(rep) >= min_len - 1:
            w = w[: len(w) - len(suf)] + rep
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def content_stems(text: str) -> list[str]:
    """Stems of the content words of a text (stop words and bare numbers left out), in order."""
    out = []
    for w, _, _ in words(text):
        f = fold(w)
        if f in STOPWORDS or f[:1].isdigit() or len(f) < 2:
            continue
        out.append(stem(f))
    return out


@lru_cache(maxsize=65536)  # called for every pair of names compared across a story's sentences
def name_key(name: str) -> tuple[str, ...]:
    """Tokens of a name without titles and accents: 'Mr. Juan Guaidó' -> ('juan', 'guaido')."""
    toks = [fold(t).strip(".'") for t in re.findall(r"[^\W\d_][\w.'’-]*", name)]
    toks = [t[:-2] if t.endswith("'s") else t for t in toks]
    toks = [t for t in toks if t and t not in _TITLES and t not in {"the", "of", "and"}]
    return tuple(toks)


def same_name(a: str, b: str) -> bool:
    """Whether two name strings can refer to the same entity (one's tokens within the other's)."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return fold(a).strip() == fold(b).strip()
    sa, sb = set(ka), set(kb)
    return sa <= sb or sb <= sa


NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})


# ---------------------------------------------------------------- per-sentence features
@dataclass
class _Feat:
    stems: frozenset[str]
    figures: frozenset[tuple[str | None, float]]
    names: frozenset[str]
    people: frozenset[str]  # surnames of the people named


def _figures(s: Sentence) -> frozenset[tuple[str | None, float]]:
    out = set()
    for n in s.numbers:
        if n.value is None:
            continue
        # Bare small integers ("two", "3 p.m.") say little; keep figures with a unit or of some size.
        if n.unit or n.value >= 10 or n.value != int(n.value):
            out.add((n.unit if n.unit in {"USD", "GBP", "EUR", "%", "year"} else None, round(n.value, 3)))
    return frozenset(out)


def _names(s: Sentence) -> frozenset[str]:
    out = set()
    for e in s.entities:
        if e.label in NAME_LABELS:
            key = name_key(e.text)
            if key:
                out.add(key[-1])  # the surname / head word is what survives paraphrase best
    return frozenset(out)


def _people(s: Sentence) -> frozenset[str]:
    out = set()
    for e in s.entities:
        if e.label == "PERSON":
            key = name_key(e.text)
            if key:
                out.add(key[-1])
    return frozenset(out)


def sentence_features(s: Sentence) -> _Feat:
    return _Feat(frozenset(content_stems(s.text)), _figures(s), _names(s), _people(s))


def idf_weights(feats: Mapping[int, _Feat]) -> dict[str, float]:
    """Inverse document frequency of each stem over the story's sentences: the story's own topic
    words ("Maduro", "flood") say little about whether two sentences state the same fact."""
    df: dict[str, int] = {}
    for f in feats.values():
        for st in f.stems:
            df[st] = df.get(st, 0) + 1
    n = max(1, len(feats))
    return {st: math.log((n + 1) / (c + 0.5)) for st, c in df.items()}


def _overlap(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    """IDF-weighted overlap coefficient of two stem sets."""
    wa = sum(idf.get(x, 1.0) for x in a)
    wb = sum(idf.get(x, 1.0) for x in b)
    small = min(wa, wb)
    if small <= 0:
        return 0.0
    return sum(idf.get(x, 1.0) for x in a & b) / small


def pair_scores(
    cands: Candidates, rows: Sequence[int], feats: Mapping[int, _Feat], idf: Mapping[str, float] | None = None
) -> np.ndarray:
    """The fact score between every two of `rows` (cosine plus lexical, number and name agreement)."""
    idx = np.asarray(rows, dtype=int)
    if not len(idx):
        return np.zeros((0, 0), dtype=np.float32)
    idf = idf if idf is not None else idf_weights(feats)
    score = (cands.vectors[idx] @ cands.vectors[idx].T).astype(np.float32)
    # Lexical overlap coefficient and agreement bonuses, computed only where the cosine leaves a chance.
    ii, jj = np.nonzero(np.triu(score >= 0.45, 1))
    for i, j in zip(ii.tolist(), jj.tolist()):
        fa, fb = feats[int(idx[i])], feats[int(idx[j])]
        bonus = W_LEX * (_overlap(fa.stems, fb.stems, idf) - LEX_PIVOT)
        if fa.figures & fb.figures:
            bonus += W_NUM
        if fa.names & fb.names:
            bonus += W_ENT
        if fa.people and fb.people and not fa.people & fb.people:
            bonus -= W_OTHER_PERSON  # "X, 19, of Fairmont, is charged..." / "Y, 18, of Fairmont, is charged..."
        score[i, j] += bonus
        score[j, i] += bonus
    return score


# ---------------------------------------------------------------- grouping
def _eligible(cands: Candidates, r: int) -> bool:
    s = cands.articles[int(cands.article_of[r])].sentences[int(cands.sentence_of[r])]
    return not s.boilerplate and len(s.text.split()) >= 2 and bool(re.search(r"[^\W\d_]", s.text))


def _agglomerate(score: np.ndarray, arts: np.ndarray, threshold: float, spread: float) -> list[list[int]]:
    """Average-linkage groups (indices into `score`) with a floor on the weakest pair, one per article."""
    n = len(score)
    groups: list[list[int]] = [[i] for i in range(n)]
    alive = np.ones(n, dtype=bool)
    total = score.astype(np.float64).copy()
    low = score.astype(np.float64).copy()
    size = np.ones(n)
    n_art = int(arts.max()) + 1 if n else 0
    member = np.zeros((n, n_art), dtype=bool)
    member[np.arange(n), arts] = True
    np.fill_diagonal(total, -np.inf)
    floor = threshold - spread
    while True:
        avg = total / np.outer(size, size)
        clash = member.astype(np.int32) @ member.T.astype(np.int32) > 0
        ok = alive[:, None] & alive[None, :] & ~clash & (low >= floor) & (avg >= threshold)
        if not ok.any():
            break
        cand = np.where(ok, avg, -np.inf)
        a, b = np.unravel_index(int(np.argmax(cand)), cand.shape)
        a, b = int(min(a, b)), int(max(a, b))
        groups[a].extend(groups[b])
        groups[b] = []
        total[a, :] += total[b, :]
        total[:, a] += total[:, b]
        low[a, :] = np.minimum(low[a, :], low[b, :])
        low[:, a] = np.minimum(low[:, a], low[:, b])
        size[a] += size[b]
        member[a] |= member[b]
        alive[b] = False
        total[b, :] = total[:, b] = -np.inf
        low[b, :] = low[:, b] = -np.inf
        total[a, a] = -np.inf
    return [g for g in groups if g]


def group_rows(
    cands: Candidates, *, threshold: float = DEFAULT_THRESHOLD, spread: float = SPREAD
) -> tuple[list[list[int]], np.ndarray, list[int]]:
    """Groups of candidate rows that state the same fact (each group: rows from distinct articles).

    Returns the groups (singletons included, furniture left out), the score matrix over the
    eligible rows, and those rows (so `score[k, l]` is between `rows[k]` and `rows[l]`).
    """
    rows = [r for r in range(len(cands)) if _eligible(cands, r)]
    feats = {r: sentence_features(cands.articles[int(cands.article_of[r])].sentences[int(cands.sentence_of[r])]) for r in rows}
    score = pair_scores(cands, rows, feats)
    if not rows:
        return [], score, rows
    arts = cands.article_of[np.asarray(rows, dtype=int)]
    cross = score.copy()
    cross[arts[:, None] == arts[None, :]] = -np.inf
    # Only rows with a cross-article partner above the floor can join a group: agglomerate those.
    linked = np.flatnonzero((cross >= threshold).any(axis=1))
    linked_set = set(linked.tolist())
    groups_local: list[list[int]] = [[int(k)] for k in range(len(rows)) if k not in linked_set]
    if len(linked):
        sub = cross[np.ix_(linked, linked)]
        for g in _agglomerate(sub, arts[linked], threshold, spread):
            groups_local.append([int(linked[k]) for k in g])
    return [[rows[k] for k in g] for g in groups_local], score, rows


def group_facts(
    cands: Candidates,
    outlet_of: Mapping[str, str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_words: int = MIN_WORDS,
) -> list[Fact]:
    """Facts of a story: groups of sentences from different articles that state the same thing.

    `outlet_of` maps article id -> outlet; `support` counts distinct outlets. Each fact's `text`
    is its most central mention; mentions are in article order. Sorted by support, then position.
    """
    if not len(cands):
        return []
    groups, score, rows = group_rows(cands, threshold=threshold)
    pos = {r: k for k, r in enumerate(rows)}
    keyed: list[tuple[tuple, Fact]] = []
    for g in groups:
        if len(g) == 1 and len(cands.texts[g[0]].split()) < min_words:
            continue
        g = sorted(g, key=lambda r: (int(cands.article_of[r]), int(cands.sentence_of[r])))
        if len(g) > 1:
            loc = [pos[r] for r in g]
            sub = score[np.ix_(loc, loc)].astype(np.float64)
            np.fill_diagonal(sub, 0.0)
            central = sub.sum(axis=1) / (len(g) - 1)
            # Prefer the most central mention; among near ties, a complete sentence.
            terminal = np.array([1.0 if re.search(r"[.!?][\"'”’)]*$", cands.texts[r].strip()) else 0.0 for r in g])
            rep = g[int(np.argmax(central + 0.02 * terminal))]
        else:
            rep = g[0]
        ids = [cands.articles[int(cands.article_of[r])].id for r in g]
        outlets = list(dict.fromkeys(outlet_of.get(a, a) for a in ids))
        mentions = [Mention(article=a, sentence=int(cands.sentence_of[r]), text=cands.texts[r]) for a, r in zip(ids, g)]
        fact = Fact(id="", text=cands.texts[rep], support=len(outlets), outlets=outlets, mentions=mentions)
        first = min((int(cands.sentence_of[r]), int(cands.article_of[r])) for r in g)
        keyed.append(((-fact.support, first), fact))
    keyed.sort(key=lambda kv: kv[0])
    return [f.model_copy(update={"id": f"f{k + 1}"}) for k, (_, f) in enumerate(keyed)]


def fact_of(facts: Iterable[Fact]) -> dict[tuple[str, int], Fact]:
    """Index: (article id, sentence index) -> the fact that sentence belongs to."""
    return {(m.article, m.sentence): f for f in facts for m in f.mentions}


def supported_by(facts: Iterable[Fact] | Mapping[tuple[str, int], Fact], article_id: str, sentence: int) -> list[str]:
    """The other articles (ids, in fact order) that carry the fact stated by this sentence."""
    index = facts if isinstance(facts, Mapping) else fact_of(facts)
    fact = index.get((article_id, int(sentence)))
    if fact is None:
        return []
    return list(dict.fromkeys(m.article for m in fact.mentions if m.article != article_id))



class _Figure(Protocol):
    kind: str
    unit: str | None
    qualifier: str


def split_by_figures(
    facts: Sequence[Fact],
    cands: Candidates,
    outlet_of: Mapping[str, str],
    figures: Callable[[str], Sequence[_Figure]],
    agree: Callable[[Any, Any], bool],
) -> list[Fact]:
    """Facts as *claims*: a mention whose figures clash with the figures of the same kind and
    unit that the rest of its fact gives, and agree with none of them, states another claim
    ("97 rockets hit Israel" / "more than 300 rockets were fired"), not corroboration. It is
    split off into a fact of its own, with the mentions that agree with it. Mentions with no
    comparable figure stay where they are. Support, ids and order are recomputed as in
    `group_facts`.

    `figures(text)` parses a sentence's figures (objects with `kind`, `unit`, `qualifier`) and
    `agree(a, b)` says whether two of them can both be right: the caller passes the parser of the
    stage that compares figures (`conflicts.quantities`, `conflicts.compatible`), so this stage
    does not depend on a later one. (Conflicts compare the topic-level groups of `group_facts`:
    two outlets that disagree on a figure state one fact differently.)"""
    order = {a.id: k for k, a in enumerate(cands.articles)}
    pieces: list[tuple[str, list[Mention]]] = []
    for f in facts:
        if len(f.mentions) < 2:
            pieces.append((f.text, list(f.mentions)))
            continue
        figs = [[q for q in figures(m.text) if q.qualifier not in _LOOSE] for m in f.mentions]
        # the mention the fact is shown by comes first: the others are compared with it
        first = next((k for k, m in enumerate(f.mentions) if m.text == f.text), 0)
        groups: list[list[int]] = []
        known: list[list[Any]] = []
        for k in [first] + [k for k in range(len(f.mentions)) if k != first]:
            at = next((g for g, kn in enumerate(known) if _same_claim(figs[k], kn, agree)), None)
            if at is None:
                groups.append([k])
                known.append(list(figs[k]))
            else:
                groups[at].append(k)
                known[at].extend(figs[k])
        for g, members in enumerate(groups):
            ms = [f.mentions[k] for k in sorted(members)]
            pieces.append((f.text if g == 0 else ms[0].text, ms))
    keyed: list[tuple[tuple, Fact]] = []
    for text, ms in pieces:
        outlets = list(dict.fromkeys(outlet_of.get(m.article, m.article) for m in ms))
        pos = min((m.sentence, order.get(m.article, 0)) for m in ms)
        keyed.append(((-len(outlets), pos), Fact(id="", text=text, support=len(outlets), outlets=outlets, mentions=ms)))
    keyed.sort(key=lambda kv: kv[0])
    return [f.model_copy(update={"id": f"f{k + 1}"}) for k, (_, f) in enumerate(keyed)]


_LOOSE = frozenset({"vague", "increment"})  # "dozens", "another 3,000": too loose to be another claim


def _same_claim(mine: Sequence[Any], theirs: Sequence[Any], agree: Callable[[Any, Any], bool]) -> bool:
    """Whether a mention's figures fit a group's: no figure of the same kind and unit on both
    sides (nothing to compare), or at least one such pair that agrees."""
    pairs = [(x, y) for x in mine for y in theirs if x.kind == y.kind and x.unit == y.unit]
    return not pairs or any(agree(x, y) for x, y in pairs)
