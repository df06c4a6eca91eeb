"""The pipeline: raw articles in, a `Brief` out. The CLI and the API are thin layers over this.

    ingest -> clean -> annotate -> embed -> stories (off-topic) -> align (support) -> summarize

Each stage is called through its own module; this module only wires them and fills the
brief's article statuses, citations and story metadata.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from storyweave import align, facts, stories, timeline, wire
from storyweave.conflicts import compatible, find_conflicts, quantities
from storyweave.facts import group_facts
from storyweave.annotate import annotate_many
from storyweave.clean import clean
from storyweave.embed import Embedder, get_embedder, get_fast_embedder
from storyweave.entities import canonical_entities
from storyweave.quotes import group_quotes
from storyweave.errors import ModelMissingError, NoInputError
from storyweave.scoring import LearnedScorer
from storyweave.records import (
    PRONOUN_ATTRIBUTION,
    AnnotatedArticle,
    ArticleInfo,
    Brief,
    EntityInfo,
    Fact,
    Quote,
    RawArticle,
    RemovedLine,
    Sentence,
    StoryInfo,
    SummarySentence,
)
from storyweave.settings import Settings
from storyweave.summarize import Candidates, Scorer, build_candidates, select

Progress = Callable[[str], None]
log = logging.getLogger(__name__)


def _story_id(ids: Sequence[str]) -> str:
    return "s" + hashlib.sha1("|".join(sorted(ids)).encode()).hexdigest()[:11]


def _unique_ids(articles: Sequence[RawArticle]) -> tuple[list[RawArticle], dict[int, str]]:
    """Give repeated texts distinct ids (`<id>-2`, ...) and note which earlier article they repeat."""
    seen: dict[str, int] = {}
    out: list[RawArticle] = []
    dup_of: dict[int, str] = {}
    for i, a in enumerate(articles):
        if a.id in seen:
            k = seen[a.id] = seen[a.id] + 1
            dup_of[i] = a.id
            a = a.model_copy(update={"id": f"{a.id}-{k}"})
        else:
            seen[a.id] = 1
        out.append(a)
    return out, dup_of


@dataclass
class Prepared:
    """A story run through every stage before summarising (shared by briefs, eval and training).

    `cands` carries the fast embedder's vectors (summary features, redundancy, off-topic);
    `aligned()` gives the same candidates with the alignment embedder's vectors, which the
    cross-source view needs (computed once, on first use).
    """

    raws: list[RawArticle]
    annotated: list[AnnotatedArticle]
    status: list[tuple[str, str | None]]
    used: list[int]  # indices into raws of the articles the summary draws on
    cands: Candidates
    warnings: list[str] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    embedder: Embedder | None = None  # alignment embedder; None: the one in settings
    _aligned: Candidates | None = field(default=None, repr=False)

    def aligned(self) -> Candidates:
        """`cands` with alignment-embedder vectors and support computed from them."""
        if self._aligned is None:
            self._aligned = align_candidates(self.cands, self.settings, embedder=self.embedder)
        return self._aligned


def align_candidates(cands: Candidates, settings: Settings | None = None, *, embedder: Embedder | None = None) -> Candidates:
    """A copy of `cands` whose vectors come from the alignment embedder, with `support` and `best_sim` from them."""
    settings = settings or Settings()
    embedder = embedder or get_embedder(settings)
    vecs = embedder.encode(cands.texts) if len(cands) else np.zeros((0, embedder.dim), dtype=np.float32)
    out = dataclasses.replace(cands, vectors=vecs)
    out.support, out.best_sim = align.support(vecs, cands.article_of, threshold=settings.support_threshold)
    return out


def prepare(
    articles: Sequence[RawArticle],
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    fast_embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """ingest records -> clean -> annotate -> embed (fast) -> off-topic -> support; summary candidates.

    `embedder` is the alignment embedder `Prepared.aligned()` will use (default: settings'),
    `fast_embedder` the one for the summary features (default: settings').
    """
    settings = settings or Settings()
    step = progress or (lambda _msg: None)
    if not articles:
        raise NoInputError("no articles to summarise")
    raws, dup_of = _unique_ids(articles)
    warnings: list[str] = [w for a in raws for w in (f"{a.input}: {x}" for x in a.warnings)]

    step("cleaning")
    cleaned = [clean(a) for a in raws]
    step("annotating")
    annotated = annotate_many(cleaned, settings)

    status: list[tuple[str, str | None]] = [("used", None)] * len(raws)
    for i, orig in dup_of.items():
        status[i] = ("duplicate", f"same text as article {orig}")
    for i, ann in enumerate(annotated):
        if status[i][0] != "used":
            continue
        if not ann.sentences:
            status[i] = ("off_topic", "no article text left after cleaning")
            warnings.append(f"{raws[i].input}: no article text left after cleaning")
        elif ann.language != "en":
            status[i] = ("off_topic", f"not English (English score {ann.english_score:.2f}); storyweave reads English")
            warnings.append(f"{raws[i].input}: does not look like English text; left out of the summary")

    step("embedding")
    fast = fast_embedder or get_fast_embedder(settings)
    live = [i for i, s in enumerate(status) if s[0] == "used"]
    texts = [s.text for i in live for s in annotated[i].sentences]
    vecs = fast.encode(texts) if texts else np.zeros((0, fast.dim), dtype=np.float32)
    per_article: dict[int, np.ndarray] = {}
    pos = 0
    for i in live:
        n = len(annotated[i].sentences)
        per_article[i] = vecs[pos : pos + n]
        pos += n

    step("grouping")
    verdicts = (
        stories.off_topic([annotated[i] for i in live], [per_article[i] for i in live], threshold=settings.off_topic_threshold)
        if live
        else []
    )
    if verdicts and not any(v.on_topic for v in verdicts):
        # Articles all unlike one another: there is no majority story to set any aside from.
        # Keep them all rather than return an empty brief, and say so.
        warnings.append("the articles are all unlike one another; none was set aside as off-topic")
    else:
        for i, v in zip(live, verdicts):
            if not v.on_topic:
                status[i] = ("off_topic", v.reason)
    used = [i for i in live if status[i][0] == "used"]
    used_vecs = np.vstack([per_article[i] for i in used]) if used else np.zeros((0, fast.dim), dtype=np.float32)

    step("aligning")
    cands = build_candidates([annotated[i] for i in used], used_vecs)
    cands.support, cands.best_sim = align.support(cands.vectors, cands.article_of, threshold=settings.fast_support_threshold)
    return Prepared(raws, annotated, status, used, cands, warnings, settings, embedder)


def build_brief(
    articles: Sequence[RawArticle],
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    fast_embedder: Embedder | None = None,
    scorer: Scorer | None = None,
    progress: Progress | None = None,
) -> Brief:
    """Make the brief of one story from its raw articles."""
    settings = settings or Settings()
    p = prepare(articles, settings, embedder=embedder, fast_embedder=fast_embedder, progress=progress)
    return brief_from_prepared(p, settings, scorer=scorer, progress=progress)


def brief_from_prepared(
    p: Prepared,
    settings: Settings | None = None,
    *,
    scorer: Scorer | None = None,
    progress: Progress | None = None,
) -> Brief:
    """The second half of `build_brief`: summary and cross-source view of a prepared story."""
    settings = settings or p.settings
    step = progress or (lambda _msg: None)
    raws, annotated, status, used, cands, warnings = p.raws, p.annotated, p.status, p.used, p.cands, p.warnings
    used_articles = cands.articles

    outlet_of = {a.id: a.outlet for a in raws}

    def guarded(name: str, fn, default):
        # The cross-source view is an addition to the summary: a failure in one of its parts
        # is reported as a warning (and logged with its traceback), never loses the brief.
        if not settings.cross_source:
            return default
        try:
            return fn()
        except ModelMissingError:
            raise  # a missing package is the user's to fix, with the message saying which
        except Exception as e:  # noqa: BLE001
            log.exception("%s failed", name)
            warnings.append(f"{name} could not be computed ({type(e).__name__}: {e}); please report this")
            return default

    step("summarising")
    scores = (scorer or LearnedScorer()).score(cands)
    chosen = select(cands, scores, settings)
    step("comparing sources")
    # The cross-source view aligns sentences with the alignment embedder (paraphrase-aware).
    xc: Candidates | None = guarded("sentence alignment", p.aligned, None)
    fact_list: list[Fact] | None = guarded("facts", lambda: group_facts(xc, outlet_of), None) if xc is not None else None
    fact_index = facts.fact_of(fact_list) if fact_list is not None else None
    if fact_index and settings.one_per_fact:
        chosen = _one_per_fact(cands, scores, settings, chosen, fact_index)
    # What the brief shows as facts, and what a summary sentence cites, are claims: a mention whose
    # figures clash with the rest of its fact's is split off (conflicts still compare the groups).
    claims: list[Fact] | None = (
        guarded("facts", lambda: facts.split_by_figures(fact_list, xc, outlet_of, quantities, compatible), fact_list)
        if fact_list is not None and xc is not None else None
    )
    claim_index = facts.fact_of(claims) if claims is not None else None
    quote_list: list[Quote] = guarded("quotes", lambda: group_quotes(used_articles, outlet_of, settings=settings), [])
    speaker_of = _pronoun_speakers(quote_list)
    summary: list[SummarySentence] = []
    for r in chosen:
        src = used_articles[int(cands.article_of[r])]
        if claim_index is not None:  # supported_by comes from the fact groups
            supporters = facts.supported_by(claim_index, src.id, int(cands.sentence_of[r]))
        else:
            supporters = [used_articles[a].id for a in cands.support[r]]
        outlets = list(dict.fromkeys([outlet_of[src.id], *(outlet_of[s] for s in supporters)]))
        summary.append(
            SummarySentence(
                text=cands.texts[r],
                article=src.id,
                sentence=int(cands.sentence_of[r]),
                supported_by=supporters,
                outlets=outlets,
                speaker=_speaker_for(cands.texts[r], speaker_of.get((src.id, int(cands.sentence_of[r])))),
            )
        )
    entity_list = guarded("entities", lambda: canonical_entities(used_articles, outlet_of), [])
    sents = [used_articles[int(cands.article_of[r])].sentences[int(cands.sentence_of[r])] for r in chosen]
    summary = [
        s.model_copy(update={"full_names": names}) if names else s
        for s, names in zip(summary, _first_full_names(sents, [s.speaker for s in summary], entity_list))
    ]

    infos = [
        ArticleInfo(
            id=raw.id,
            input=raw.input,
            outlet=raw.outlet,
            title=ann.article.title,
            url=raw.url,
            published=raw.published,
            words=sum(len(s.text.split()) for s in ann.sentences),
            status=st,  # type: ignore[arg-type]
            status_reason=reason,
            removed=[RemovedLine(text=r.text, reason=r.reason, line=r.line) for r in ann.article.removed],
            warnings=raw.warnings,
        )
        for raw, ann, (st, reason) in zip(raws, annotated, status)
    ]
    used_outlets = list(dict.fromkeys(raws[i].outlet for i in used))
    title = _story_title(used_articles, cands, summary)

    return Brief(
        story=StoryInfo(id=_story_id([a.id for a in raws]), title=title, outlets=used_outlets, articles=len(raws)),
        articles=infos,
        summary=summary,
        facts=claims or [],
        conflicts=guarded("conflicts", lambda: find_conflicts(xc, fact_list or [], outlet_of), []) if xc is not None else [],
        quotes=quote_list,
        entities=entity_list,
        wire_groups=guarded("wire copies", lambda: wire.find_wire_groups(xc), []) if xc is not None else [],
        timeline=guarded("timeline", lambda: timeline.timeline_from_candidates(xc), []) if xc is not None else [],
        warnings=warnings,
    )


# Words that make a "PERSON" entity's name something else (tagger noise: "Lonnie B. Nelson Elementary School").
_NOT_PERSON_WORDS = frozenset(
    "school elementary university college academy institute department county city police church hospital center "
    "centre foundation company inc corp group party council committee court bureau agency association".split()
)


def _person_name(name: str) -> bool:
    toks = name.split()
    return 2 <= len(toks) <= 4 and all(t[:1].isupper() for t in toks) and not any(
        t.lower().strip(".,") in _NOT_PERSON_WORDS for t in toks
    )


def _first_full_names(
    sentences: Sequence[Sentence], speakers: Sequence[str | None], entities: Sequence[EntityInfo]
) -> list[dict[str, str]]:
    """For each summary sentence, in order: the people it names by surname alone ("Kandil said")
    before the summary has given their full name, with that name as the story gives it
    ({"Kandil": "Hisham Kandil"}); the readable briefs show the given names in brackets
    ("[Hisham] Kandil"). Only surnames that one person of the story bears; names compared
    accent- and case-insensitively (Guaido / Guaidó), titles (Mr, Dr) aside."""
    def key(word: str) -> str:
        return facts.fold(re.sub(r"['’]s$", "", word))

    by_surname: dict[str, list[str]] = {}
    for e in entities:
        if e.type == "PERSON" and _person_name(e.name):
            by_surname.setdefault(key(e.name.split()[-1]), []).append(e.name)
    for e in entities:  # a surname another entity also ends with ("Nelson" / "Nelson Mandela Bay") is ambiguous
        last = key(e.name.split()[-1]) if e.name.split() else ""
        if last in by_surname and e.name not in by_surname[last]:
            by_surname[last].append(e.name)
    full = {k: v[0] for k, v in by_surname.items() if len(v) == 1}
    introduced: set[str] = set()
    out: list[dict[str, str]] = []
    for sent, speaker in zip(sentences, speakers):
        names: dict[str, str] = {}
        for e in sent.entities:
            if e.label != "PERSON":
                continue
            toks = [t for t in re.sub(r"['’]s$", "", e.text.strip()).split() if facts.fold(t).strip(".") not in facts._TITLES]
            if not toks or key(toks[-1]) not in full:
                continue
            person = full[key(toks[-1])]
            if person in introduced:
                continue
            introduced.add(person)
            if len(toks) == 1 and facts.fold(person) not in facts.fold(sent.text):
                names[toks[-1]] = person
        if speaker:
            introduced.add(speaker)
        out.append(names)
    return out


def _pronoun_speakers(quotes: Sequence[Quote]) -> dict[tuple[str, int], str]:
    """(article, sentence) -> the named speaker of a full quote in it."""
    out: dict[tuple[str, int], str] = {}
    for q in quotes:
        name = (q.speaker or "").strip()
        # a proper name ("Mahmoud Abbas"), not a description ("an official", "the group")
        if q.partial or not name or not name[:1].isupper() or name.split()[0].lower() in {"the", "a", "an"}:
            continue
        for m in q.mentions:
            out.setdefault((m.article, m.sentence), name)
    return out


def _speaker_for(text: str, speaker: str | None) -> str | None:
    """The speaker to show for a summary sentence that names its quote's speaker only by a pronoun."""
    if not speaker or not PRONOUN_ATTRIBUTION.search(text):
        return None
    if speaker.split()[-1].lower() in text.lower():
        return None  # named in the sentence already
    return speaker


def _one_per_fact(
    cands: Candidates, scores: np.ndarray, settings: Settings, chosen: list[int], fact_index: dict[tuple[str, int], Fact]
) -> list[int]:
    """The summary with at most one sentence of each fact: the selector's redundancy check compares
    fast static vectors, which miss paraphrases ("was fired" / "has been terminated") that the
    fact grouping (alignment embedder) joins. A repeat is left out (the higher-scored sentence of
    the fact stays) and the budget refilled, a few rounds at most."""
    ids = [cands.articles[int(a)].id for a in cands.article_of]
    fact_of_row = [f.id if (f := fact_index.get((ids[r], int(cands.sentence_of[r])))) is not None else None
                   for r in range(len(cands))]
    mask = np.ones(len(cands), dtype=bool)
    for _ in range(3):
        kept: dict[str, int] = {}  # fact -> its chosen sentence with the highest score
        repeats = []
        for r in sorted(chosen, key=lambda r: -scores[r]):
            f = fact_of_row[r]
            if f is None:
                continue
            if f in kept:
                repeats.append(r)
            else:
                kept[f] = r
        if not repeats:
            break
        # neither the repeats nor any other sentence of a fact already in the summary may come back
        keep_rows = set(kept.values())
        mask &= np.array([f is None or f not in kept or r in keep_rows for r, f in enumerate(fact_of_row)])
        chosen = select(cands, scores, settings, mask=mask)
    return chosen


def _story_title(arts: Sequence[AnnotatedArticle], cands: Candidates, summary: Sequence[SummarySentence]) -> str:
    """The title of the most central article that has one, else the first summary sentence, shortened."""
    titled = [k for k, a in enumerate(arts) if a.article.title and (cands.article_of == k).any()]
    if titled:
        centre = cands.vectors.mean(axis=0)
        best = max(titled, key=lambda k: float(cands.vectors[cands.article_of == k].mean(axis=0) @ centre))
        return arts[best].article.title or ""
    if summary:
        text = _DATELINE.sub("", summary[0].text, count=1)
        words = (text[:1].upper() + text[1:]).split()
        return " ".join(words[:14]) + ("…" if len(words) > 14 else "")
    return "Untitled story"


# A dateline opening a sentence: "CARACAS, Venezuela — ", "WASHINGTON (Reuters) - ", "NEW YORK: ",
# "LIMA, Dec 1 (Reuters) - ", and a city in mixed case before an agency: "Washington (CNN) -- ".
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s+[A-Z][\w.'’-]*(?:\s+[A-Z0-9][\w.'’-]*){0,3})?\s*(?:\([^)]{1,30}\)\s*)?"
    r"|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:,\s+[A-Z][\w.'’-]*(?:\s+[A-Z0-9][\w.'’-]*){0,3})?\s*\([A-Z][^)]{0,29}\)\s*)"
    r"[-–—:]+\s+"
)


def brief_files(
    paths: Sequence[str | Path],
    settings: Settings | None = None,
    *,
    skip_bad: bool = False,
    progress: Progress | None = None,
) -> Brief:
    """Read files (text, HTML, JSONL articles; "-" for stdin) and make one brief.

    Inputs that are refused (binary, too large) are reported in `brief.warnings`; if nothing
    usable is left, `NoInputError` is raised.
    """
    from storyweave.ingest import read_inputs

    settings = settings or Settings()
    result = read_inputs([str(p) for p in paths], settings, skip_bad=skip_bad)
    articles = [a for a in result.articles if a.text.strip()]
    notes = [str(r) for r in result.refused] + [str(p) for p in result.problems]
    if not articles:
        detail = f" ({'; '.join(notes)})" if notes else ""
        raise NoInputError(f"no article text in the input{detail}")
    brief = build_brief(articles, settings, progress=progress)
    if notes:
        brief = brief.model_copy(update={"warnings": notes + brief.warnings})
    return brief
