"""quotes: direct quotes with their speakers, and the same quote grouped across outlets.

    extract_quotes(article)           -> [QuoteSpan]   one article
    extract_quotes_many(articles)     -> [[QuoteSpan]] several, one batched spaCy pass
    group_quotes(articles, outlet_of) -> [Quote]       the brief's `quotes` (records.Quote)

How a quote is found
    Quote marks are read per paragraph (the article's sentences of one paragraph joined by one
    space): “…”, "…", a ”…” whose opening mark is typed backwards, ‘…’ and '…' when the marks
    sit where quotation marks sit (not apostrophes: ‘Maduro’s’ stays whole), and a mojibake
    U+FFFD standing for a closing mark. Quotes nested in a double-quoted span belong to it. A
    paragraph that ends inside an open quote and is followed by a paragraph opening with a
    quote mark continues the same speech (the newspaper convention for long quotes).
    Kept: spans of at least three words that are not titles or names ("Son of a Preacher Man":
    every word capitalised, no sentence punctuation) and that have a speaker.

How the speaker is found (`speaker_evidence` says which rule gave it)
    1. The sentence(s) around the quote are parsed (spaCy dependency parse, only sentences
       with quote marks). The speech verb nearest to the quote, outside it (said, told, added,
       writes, explained, …), gives its subject; a participle ("writing in a tweet that …",
       "telling them …") gives its clause's subject. "according to X" and "X: “…”" are read
       directly.
    2. The subject is resolved: a name to the fullest form of that name in the article
       ("Mr Guaidó" → "Juan Guaidó"; titles dropped); "he"/"she" to the person who opens the
       nearest sentence before it (the subject position) or the speaker of the quote just
       before; "the official" to the article's earlier "a senior White House official"; other
       unnamed speakers stay as their noun phrase.
    3. A quote with no speaker of its own takes the speaker of the quote next to it in the
       same paragraph, of the quote chain it continues, or of the previous paragraph when it
       opens its paragraph right after another quote or after an introduction ending in ":"
       or ",".

Grouping across articles
    Wording is normalised (typographic quotes and spaces, case, punctuation); two quotes are
    the same when the normalised texts are equal, one contains the other (at least four words)
    or their token sets have Jaccard >= 0.6, unless both have named speakers that differ. The
    group's wording is the most frequent exact wording (ties: the longest); a mention is
    `verbatim` when its wording equals that after normalising typographic marks and spaces and
    dropping the trailing comma/full stop that attribution adds.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyweave.records import AnnotatedArticle, Quote, QuoteMention, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

MIN_WORDS = 3
JACCARD_MIN = 0.6
CONTAIN_MIN_WORDS = 4


@dataclass(frozen=True)
class QuoteSpan:
    """One direct quote in one article.

    `start`/`end` are character offsets of the quote's words (marks excluded) counted from the
    start of sentence `sentence`'s text; a quote that runs on into later sentences of its
    paragraph has `end` past that sentence (the paragraph's sentences joined by one space) and
    `end_sentence` > `sentence`.
    """

    article: str
    sentence: int
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_evidence: str | None = None
    end_sentence: int = -1
    paragraph: int = 0
    named: bool = False  # the speaker is a resolved name, not a description or pronoun


# ---------------------------------------------------------------- text helpers
_TYPO = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "`": "'",
                       "\u00a0": " ", "\u2009": " ", "\u202f": " ", "–": "-", "—": "-", "\ufffd": '"'})
_TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "president", "vice",
    "sen", "senator", "rep", "representative", "gov", "governor", "gen", "general", "col", "colonel", "lt", "maj",
    "major", "capt", "captain", "sgt", "sergeant", "adm", "admiral", "cmdr", "det", "detective", "officer", "judge",
    "justice", "minister", "secretary", "chancellor", "king", "queen", "prince", "princess", "pope", "father", "rev",
    "reverend", "rabbi", "imam", "sheikh", "mayor", "ambassador", "chief", "deputy", "prime", "premier", "speaker",
    "attorney", "sheriff", "coach", "st", "saint", "jr", "sr", "ii", "iii", "former", "late", "the", "leader",
    "spokesman", "spokeswoman", "spokesperson", "us", "u.s", "uk", "opposition", "interim", "self-proclaimed",
}
_NAME_PARTICLES = {"de", "da", "del", "della", "van", "von", "der", "la", "le", "al", "el", "bin", "ibn", "dos", "du"}

SPEECH_VERBS = frozenset(
    """say says said saying tell tells told telling add adds added adding write writes wrote writing written
    explain explains explained explaining continue continues continued note notes noted noting state states stated
    declare declares declared insist insists insisted recall recalls recalled emphasize emphasizes emphasized
    emphasise emphasised stress stresses stressed ask asks asked reply replies replied tweet tweets tweeted
    tweeting post posts posted announce announces announced warn warns warned warning exclaim exclaims exclaimed
    admit admits admitted argue argues argued arguing claim claims claimed confirm confirms confirmed acknowledge
    acknowledged describe describes described describing call calls called calling urge urges urged urging testify
    testifies testified share shares shared read reads quip quips quipped joke jokes joked muse mused remark
    remarks remarked comment comments commented recount recounted respond responds responded vow vows vowed
    promise promised predict predicted suggest suggests suggested agree agreed complain complained conclude
    concluded observe observed point pointed shout shouted scream screamed yell yelled mention mentioned
    reiterate reiterated assert asserted demand demanded plead pleaded beg begged whisper whispered cry cried
    concede conceded counter countered caution cautioned boast boasted proclaim proclaimed report reported
    reveal revealed revealing ruled rule rules accuse accused deny denied dismiss dismissed dismissing hail
    hailed praise praised blast blasted slam slammed charge charged question questioned wonder wondered
    chimed chime laughed sighed gushed raved wrote
    """.split()
)
_REPORTING_NOUN = re.compile(r"^(?:according to|in the words of|quoting)\s+", re.I)
_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
_DESCRIPTOR_STOP = {
    "to", "of", "the", "that", "and", "or", "was", "is", "were", "be", "with", "for", "in", "on", "at", "by",
    "from", "as", "but", "said", "who", "which", "had", "has", "have", "it", "this", "not", "a", "an",
}


def fold(s: str) -> str:
    """Lower case, accents off, typographic marks made plain."""
    s = unicodedata.normalize("NFKD", s.translate(_TYPO))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def _strip_possessive(s: str) -> str:
    return re.sub(r"['’]s?$", "", s.strip())


def name_tokens(name: str) -> list[str]:
    """Folded tokens of a person's name without titles and possessives ("Mr. Guaidó's" -> ["guaido"])."""
    toks = [t.strip(".,;:") for t in _strip_possessive(name).split()]
    toks = [fold(t) for t in toks if t]
    while toks and toks[0].rstrip(".") in _TITLES:
        toks = toks[1:]
    while toks and toks[-1].rstrip(".") in {"jr", "sr", "ii", "iii"}:
        toks = toks[:-1]
    return toks


def strip_title(name: str) -> str:
    """The name without leading titles and possessive ("Mr. Guaidó's" -> "Guaidó")."""
    words = _strip_possessive(name).split()
    while len(words) > 1 and fold(words[0]).strip(".") in _TITLES:
        words = words[1:]
    return " ".join(words).strip(" ,;:")


def normalise_wording(text: str) -> str:
    """Typographic quotes/spaces made plain, whitespace collapsed, trailing , . ; : dropped."""
    t = re.sub(r"\s+", " ", text.translate(_TYPO)).strip()
    return t.rstrip(",.;: ").strip()


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


# ---------------------------------------------------------------- finding the marks
_OPEN_CTX = set(" \t\n([{—–-/:;,")
_DQ = {'"', "“", "”", "„", "«", "»", "\ufffd"}


@dataclass
class _Span:
    open: int  # index of the opening mark in the paragraph text
    close: int | None  # index of the closing mark, None when the paragraph ends inside the quote
    kind: str  # "d" double, "s" single

    @property
    def content(self) -> tuple[int, int]:
        return self.open + 1, self.close if self.close is not None else -1


def _double_role(t: str, i: int) -> str:
    """'o' opening, 'c' closing or '?' for a double quote mark at t[i]."""
    ch = t[i]
    prev = t[i - 1] if i > 0 else " "
    nxt = t[i + 1] if i + 1 < len(t) else " "
    before_open = prev in _OPEN_CTX or prev in _DQ or i == 0
    after_close = nxt.isspace() or nxt in ".,;:!?)]}—–-'’" or i + 1 == len(t) or nxt in _DQ
    if ch in "“„«":
        return "c" if (not before_open and after_close and ch == "“") else "o"
    if ch in "”»":
        return "o" if (before_open and not after_close and ch == "”") else "c"
    if ch == "\ufffd":
        return "c" if not before_open else "o"
    # straight quote
    if before_open and not nxt.isspace():
        return "o"
    if after_close and not prev.isspace():
        return "c"
    return "?"


def find_marks(t: str) -> list[_Span]:
    """Quoted spans of one paragraph, outermost only, in order."""
    spans: list[_Span] = []
    i, n = 0, len(t)
    cur: _Span | None = None
    while i < n:
        ch = t[i]
        if ch in _DQ:
            role = _double_role(t, i)
            if cur is None or cur.kind == "s":
                if role in "o?":
                    if cur is not None:  # an open single quote inside which a double opens: drop the single
                        cur = None
                    cur = _Span(i, None, "d")
            else:
                if role in "c?":
                    cur.close = i
                    spans.append(cur)
                    cur = None
                elif role == "o" and i > cur.open + 1:
                    # A second opening mark: the first quote was never closed. Close it here when a
                    # sentence ended just before (typo), otherwise treat this mark as the close.
                    if re.search(r"[.!?]\s*$", t[cur.open : i]) and t[i - 1 : i].isspace():
                        spans.append(_Span(cur.open, i - 1, "d"))
                        cur = _Span(i, None, "d")
                    else:
                        cur.close = i
                        spans.append(cur)
                        cur = None
            i += 1
            continue
        if ch in "‘'" and cur is None:
            prev = t[i - 1] if i > 0 else " "
            nxt = t[i + 1] if i + 1 < n else " "
            if (prev in _OPEN_CTX or i == 0) and nxt.isalpha():
                # find a closing single mark before the paragraph ends or a double quote opens
                m = re.compile(r"(?<=[^\s])['’](?![A-Za-z0-9])").search(t, i + 2)
                dq = min((t.find(q, i + 1) for q in _DQ if t.find(q, i + 1) >= 0), default=n)
                if m and m.start() < dq:
                    spans.append(_Span(i, m.start(), "s"))
                    i = m.start() + 1
                    continue
        i += 1
    if cur is not None and cur.kind == "d":
        spans.append(cur)  # runs to the paragraph's end
    return spans


def _is_title(text: str) -> bool:
    """A name or title ("Truckers for the Constitution", "Son of a Preacher Man")."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    if not words or re.search(r"[.!?;]", text.rstrip(".!?,")):
        return False
    small = {"a", "an", "the", "of", "for", "to", "and", "or", "in", "on", "at", "by", "with", "from", "is"}
    big = [w for w in words if w.lower() not in small]
    return bool(big) and all(w[0].isupper() for w in big) and len(big) >= 0.5 * len(words)


# ---------------------------------------------------------------- article context
@dataclass
class _Para:
    index: int
    sents: list[Sentence]
    text: str
    starts: list[int]  # offset of each sentence in `text`

    def sent_at(self, pos: int) -> int:
        """Position in `sents` of the sentence holding paragraph offset `pos`."""
        k = 0
        for j, s in enumerate(self.starts):
            if s <= pos:
                k = j
        return k


def _paragraphs(article: AnnotatedArticle) -> list[_Para]:
    paras: list[_Para] = []
    for s in article.sentences:
        if not paras or paras[-1].index != s.paragraph:
            paras.append(_Para(s.paragraph, [], "", []))
        p = paras[-1]
        if p.text:
            p.text += " "
        p.starts.append(len(p.text))
        p.sents.append(s)
        p.text += s.text
    return paras


@dataclass
class _Ctx:
    """What speaker resolution needs to know about one article."""

    article: AnnotatedArticle
    persons: list[str] = field(default_factory=list)  # PERSON names, title-stripped, in order
    person_keys: set[str] = field(default_factory=set)  # folded tokens of those names
    quoted: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # sentence -> quoted char ranges

    def fullest(self, name: str) -> str:
        """The fullest form of `name` among the article's person names (titles off)."""
        toks = name_tokens(name)
        plain = strip_title(name)
        if not toks:
            return plain
        best: list[str] = []
        counts: Counter[str] = Counter()
        for p in self.persons:
            pt = name_tokens(p)
            if len(pt) > len(toks) and _contains_name(pt, toks):
                counts[strip_title(p)] += 1
        if not counts:
            return plain
        longest = max(len(name_tokens(c)) for c in counts)
        best = [c for c in counts if len(name_tokens(c)) == longest]
        # several different fuller names (Leslie Bogart / Stephen Bogart): ambiguous, keep as given
        forms = {tuple(name_tokens(c)) for c in best}
        others = {tuple(name_tokens(c)) for c in counts if not _contains_name(name_tokens(best[0]), name_tokens(c))}
        if len(forms) > 1 or others:
            return plain
        return max(best, key=lambda c: (counts[c], _accented(c)))

    def is_person(self, text: str) -> bool:
        toks = name_tokens(text)
        return bool(toks) and toks[-1] in self.person_keys


def _accented(s: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", s) if unicodedata.combining(c))


def _contains_name(full: list[str], part: list[str]) -> bool:
    """`part` is a sub-name of `full`: same last name (or a first name alone), all its tokens in `full`."""
    if not part or not full:
        return False
    if not all(t in full for t in part):
        return False
    return part[-1] == full[-1] or (len(part) == 1 and part[0] == full[0])


def _context(article: AnnotatedArticle) -> _Ctx:
    ctx = _Ctx(article)
    for s in article.sentences:
        for e in s.entities:
            if e.label == "PERSON":
                name = strip_title(e.text)
                toks = name_tokens(name)
                if toks and any(c.isupper() for c in name[:1]):
                    ctx.persons.append(name)
                    ctx.person_keys.add(toks[-1])
                    if len(toks) > 1:
                        ctx.person_keys.update(t for t in toks[-1:])
    return ctx


# ---------------------------------------------------------------- candidate quotes
@dataclass
class _Cand:
    para: _Para
    span: _Span
    text: str
    p_start: int  # paragraph offsets of the quote's words
    p_end: int
    s_first: int  # index into para.sents
    s_last: int
    continues: bool = False  # continues an unclosed quote of the previous paragraph
    unclosed: bool = False
    speaker: str | None = None
    evidence: str | None = None
    named: bool = False
    keep: bool = True


def _candidates(paras: list[_Para]) -> list[_Cand]:
    out: list[_Cand] = []
    prev_unclosed = False
    for p in paras:
        spans = find_marks(p.text)
        first = True
        this_unclosed = False
        for sp in spans:
            a = sp.open + 1
            b = sp.close if sp.close is not None else len(p.text)
            raw = p.text[a:b]
            lead = len(raw) - len(raw.lstrip())
            text = raw.strip()
            if not text:
                continue
            a += lead
            b = a + len(text)
            c = _Cand(p, sp, text, a, b, p.sent_at(a), p.sent_at(max(a, b - 1)))
            c.unclosed = sp.close is None
            c.continues = first and prev_unclosed and sp.open <= 2
            this_unclosed = c.unclosed
            out.append(c)
            first = False
        prev_unclosed = this_unclosed
    return out


# ---------------------------------------------------------------- parsing
def _frame_text(c: _Cand) -> str:
    return c.para.text


def _nearest_speech_verb(doc: Doc, q_start: int, q_end: int, quoted: list[tuple[int, int]]) -> Token | None:
    """The speech verb outside every quote, nearest to the quote [q_start, q_end) (doc offsets)."""

    def inside(i: int) -> bool:
        return any(a <= i < b for a, b in quoted)

    best: tuple[float, Token] | None = None
    for tok in doc:
        low = tok.text.lower()
        if low not in SPEECH_VERBS or inside(tok.idx):
            continue
        if not (tok.tag_.startswith("VB") or tok.pos_ in {"VERB", "AUX"}):
            continue
        if tok.idx >= q_end:
            d = tok.idx - q_end
            # another quote between the verb and this one: the verb belongs to that quote
            if any(q_end <= a < tok.idx for a, _ in quoted):
                d += 400
        else:
            d = q_start - (tok.idx + len(tok))
            if any(tok.idx < a < q_start for a, _ in quoted):
                d += 400
            d += 0.5  # prefer "…,” he said" over "he said … “…”" at equal distance
        if best is None or d < best[0]:
            best = (d, tok)
    return best[1] if best and best[0] < 600 else None


def _subject(verb: Token) -> Token | None:
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            return None
        for ch in tok.children:
            if ch.dep_ in {"nsubj", "nsubjpass"}:
                return ch
        if tok.dep_ in {"advcl", "xcomp", "conj", "pcomp", "acl", "ccomp", "relcl", "prep", "pobj"} and tok.head is not tok:
            if tok.dep_ == "relcl":
                return tok.head  # "a resident … who said" -> resident
            tok = tok.head
        else:
            return None
    return None


def _np_of(head: Token) -> Span:
    """The noun phrase of a subject: its left modifiers, the head, short `of`-phrases and appositive names."""
    doc = head.doc
    left = head.left_edge.i
    right = head.i
    for ch in head.rights:
        if ch.dep_ in {"prep"} and ch.text.lower() == "of" and ch.right_edge.i - ch.i <= 6:
            right = ch.right_edge.i
        elif ch.dep_ in {"compound", "flat"}:
            right = max(right, ch.i)
        else:
            break
    return doc[left : right + 1]


def _appos_name(head: Token) -> Span | None:
    for ch in head.children:
        if ch.dep_ == "appos" and ch.ent_type_ == "PERSON":
            ent = next((e for e in head.doc.ents if e.start <= ch.i < e.end), None)
            return ent
    return None


# ---------------------------------------------------------------- resolution
def _person_in(span: Span, ctx: _Ctx) -> str | None:
    for e in span.doc.ents:
        if e.start >= span.start and e.end <= span.end and (e.label_ == "PERSON" or ctx.is_person(e.text)):
            return e.text
    # a capitalised word sequence that is a known person of the article
    words = [t.text for t in span if t.text[:1].isupper()]
    if words and ctx.is_person(" ".join(words)):
        return " ".join(words)
    return None


def _org_in(span: Span) -> str | None:
    for e in span.doc.ents:
        if e.start >= span.start and e.end <= span.end and e.label_ in {"ORG", "NORP", "GPE"}:
            return e.text
    return None


def _antecedent(ctx: _Ctx, sent_index: int, before: int, prev_speaker: tuple[str, int] | None) -> tuple[str, str] | None:
    """The person a "he"/"she" at char `before` of sentence `sent_index` most likely refers to."""
    sents = ctx.article.sentences

    def outside_quotes(si: int, e_start: int) -> bool:
        return not any(a <= e_start < b for a, b in ctx.quoted.get(si, []))

    cur = sents[sent_index]
    for e in cur.entities:
        if e.end <= before and outside_quotes(sent_index, e.start) and (e.label == "PERSON" or ctx.is_person(e.text)):
            return ctx.fullest(e.text), "same sentence"
    for back in range(1, 6):
        si = sent_index - back
        if si < 0:
            break
        if prev_speaker and prev_speaker[1] == si:
            return prev_speaker[0], "speaker of the quote before"
        for e in sents[si].entities:
            if outside_quotes(si, e.start) and (e.label == "PERSON" or ctx.is_person(e.text)):
                if re.match(r"['’]s\b", sents[si].text[e.end : e.end + 2]):
                    continue  # "Maduro's government": a possessor, seldom the next speaker
                return ctx.fullest(e.text), f"{back} sentence(s) before"
    if prev_speaker:
        return prev_speaker[0], "speaker of the quote before"
    return None


def _descriptor(np_text: str, ctx: _Ctx, sent_index: int) -> str:
    """'the official' -> the article's earlier 'a senior White House official'; else the phrase itself."""
    words = np_text.split()
    if not words:
        return np_text
    head = re.sub(r"[^\w-]", "", words[-1])
    if words[0].lower() not in {"the", "this", "that"} or not head:
        return _tidy_np(np_text)
    rx = re.compile(rf"\b(?:a|an|one)\s+((?:[\w.'’-]+\s+){{0,5}}?){re.escape(head)}\b", re.I)
    found: str | None = None
    for s in ctx.article.sentences[: sent_index + 1]:
        for m in rx.finditer(s.text):
            mods = m.group(1).split()
            if any(w.lower() in _DESCRIPTOR_STOP for w in mods):
                continue
            found = m.group(0)
    return _tidy_np(found) if found else _tidy_np(np_text)


def _tidy_np(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip(" ,;:")
    s = re.sub(r"^(?:The|A|An)\b", lambda m: m.group(0).lower(), s)
    return s


@dataclass
class _Resolved:
    speaker: str
    evidence: str
    named: bool


def _resolve_subject(subj: Token, verb: Token, ctx: _Ctx, c: _Cand, sent_index: int, sent_offset: int,
                     prev_speaker: tuple[str, int] | None) -> _Resolved | None:
    low = subj.text.lower()
    cue = f"{subj.text} {verb.text}" if subj.i < verb.i else f"{verb.text} {subj.text}"
    if low in _PRONOUNS:
        # position of the pronoun in the article sentence
        ante = _antecedent(ctx, sent_index, subj.idx - sent_offset, prev_speaker)
        if ante:
            return _Resolved(ante[0], f'"{cue}": {low} -> {ante[0]} ({ante[1]})', True)
        return _Resolved(subj.text, f'"{cue}": unresolved pronoun', False)
    if low in {"i", "we", "they", "you", "it", "who", "which", "that"}:
        if low == "who" and subj.head is verb and verb.dep_ == "relcl":
            head = verb.head
            np = _np_of(head)
            return _finish_np(np, verb, ctx, sent_index, prev_speaker)
        return None
    np = _np_of(subj)
    return _finish_np(np, verb, ctx, sent_index, prev_speaker)


def _finish_np(np: Span, verb: Token, ctx: _Ctx, sent_index: int, prev_speaker) -> _Resolved | None:
    cue = f"{np.text} {verb.text}" if np.end <= verb.i else f"{verb.text} {np.text}"
    person = _person_in(np, ctx)
    if person is None:
        ap = _appos_name(np.root)
        if ap is not None:
            person = ap.text
    if person:
        full = ctx.fullest(person)
        return _Resolved(full, f'"{cue}"' + (f" -> {full}" if full != person else ""), True)
    org = _org_in(np)
    text = np.text
    if org and len(np) <= len(org.split()) + 2 and np.root.ent_type_:
        return _Resolved(org, f'"{cue}"', True)
    if np.root.pos_ == "PROPN" and np.root.text[:1].isupper():
        return _Resolved(strip_title(text), f'"{cue}"', True)
    desc = _descriptor(text, ctx, sent_index)
    return _Resolved(desc, f'"{cue}"' + (f" -> {desc}" if desc != _tidy_np(text) else ""), False)


_ACCORDING = re.compile(r"\baccording to\s+((?:[A-Z][\w.'’-]*|of|the|de|al|van|von)(?:\s+(?:[A-Z][\w.'’-]*|of|de|al|van|von))*)")


def _attribute(c: _Cand, docs: dict[str, Doc], ctx: _Ctx, prev_speaker: tuple[str, int] | None) -> _Resolved | None:
    p = c.para
    # the frame: the sentences the quote starts and ends in
    s_lo, s_hi = c.s_first, c.s_last
    a = p.starts[s_lo]
    last = p.sents[s_hi]
    b = p.starts[s_hi] + len(last.text)
    frame = p.text[a:b]
    doc = docs.get(frame)
    if doc is None:
        return None
    # quoted ranges in frame coordinates (all quotes of the paragraph)
    quoted = []
    for sp in find_marks(p.text):
        qa = sp.open
        qb = (sp.close + 1) if sp.close is not None else len(p.text)
        quoted.append((qa - a, qb - a))
    q_start, q_end = c.p_start - 1 - a, (c.p_end + 1 - a)
    # "X: “…”" with no verb: a name right before the colon
    before = frame[: max(0, q_start)]
    m = re.search(r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s*$", before)
    verb = _nearest_speech_verb(doc, q_start, q_end, quoted)
    if verb is None and m and ctx.is_person(m.group(1)):
        full = ctx.fullest(m.group(1))
        return _Resolved(full, f'"{m.group(1)}:"', True)
    sent_index = p.sents[s_lo].index
    if verb is not None:
        # the sentence of the article the verb sits in (for pronoun positions)
        vpos = a + verb.idx
        vs = p.sent_at(vpos)
        subj = _subject(verb)
        if subj is not None:
            r = _resolve_subject(subj, verb, ctx, c, p.sents[vs].index, p.starts[vs] - a, prev_speaker)
            if r is not None:
                return r
        # "said X" with X parsed as an object or attr
        for ch in verb.rights:
            if ch.dep_ in {"dobj", "attr", "npadvmod", "appos"} and (ch.ent_type_ == "PERSON" or ctx.is_person(ch.text)):
                np = _np_of(ch)
                return _finish_np(np, verb, ctx, sent_index, prev_speaker)
    # "…, according to X"
    for mm in _ACCORDING.finditer(frame):
        if not any(qa <= mm.start() < qb for qa, qb in quoted):
            name = mm.group(1)
            if ctx.is_person(name):
                full = ctx.fullest(name)
                return _Resolved(full, f'"according to {name}"', True)
            return _Resolved(_tidy_np(name), f'"according to {name}"', False)
    return None


def _intro_speaker(p: _Para, docs: dict[str, Doc], ctx: _Ctx, prev_speaker) -> _Resolved | None:
    """Speaker of a paragraph that introduces the next one's quote: 'Schumer wrote on Instagram:'."""
    last = p.sents[-1]
    if not last.text.rstrip().endswith((":", ",")):
        return None
    doc = docs.get(last.text)
    if doc is None:
        return None
    n = len(last.text)
    verb = _nearest_speech_verb(doc, n, n, [])
    if verb is None:
        return None
    subj = _subject(verb)
    if subj is None:
        return None
    return _resolve_subject(subj, verb, ctx, None, last.index, 0, prev_speaker)  # type: ignore[arg-type]


# ---------------------------------------------------------------- extraction
def _parse_jobs(article: AnnotatedArticle, paras: list[_Para], cands: list[_Cand]) -> list[str]:
    texts: list[str] = []
    for c in cands:
        p = c.para
        a = p.starts[c.s_first]
        b = p.starts[c.s_last] + len(p.sents[c.s_last].text)
        texts.append(p.text[a:b])
    by_index = {p.index: k for k, p in enumerate(paras)}
    for c in cands:
        k = by_index[c.para.index]
        if c.span.open <= 2 and k > 0:
            texts.append(paras[k - 1].sents[-1].text)
    return texts


def _load_nlp() -> Language:
    from storyweave.annotate import load_nlp

    return load_nlp()


def extract_quotes(article: AnnotatedArticle, nlp: Language | None = None) -> list[QuoteSpan]:
    """Direct quotes of one article with their speakers (see the module docstring)."""
    return extract_quotes_many([article], nlp)[0]


def extract_quotes_many(articles: Sequence[AnnotatedArticle], nlp: Language | None = None) -> list[list[QuoteSpan]]:
    """`extract_quotes` for several articles with one batched parse of their quote sentences."""
    prepared = []
    jobs: list[str] = []
    for art in articles:
        paras = _paragraphs(art)
        cands = _candidates(paras)
        prepared.append((art, paras, cands))
        if cands:
            jobs.extend(_parse_jobs(art, paras, cands))
    docs: dict[str, Doc] = {}
    uniq = list(dict.fromkeys(t for t in jobs if t))
    if uniq:
        nlp = nlp or _load_nlp()
        with nlp.select_pipes(enable=[n for n in ("tok2vec", "tagger", "parser", "attribute_ruler", "ner") if n in nlp.pipe_names]):
            for t, d in zip(uniq, nlp.pipe(uniq, batch_size=64)):
                docs[t] = d
    return [_extract(art, paras, cands, docs) for art, paras, cands in prepared]


def _extract(art: AnnotatedArticle, paras: list[_Para], cands: list[_Cand], docs: dict[str, Doc]) -> list[QuoteSpan]:
    if not cands:
        return []
    ctx = _context(art)
    # quoted ranges per sentence (for pronoun antecedents: names inside quotes do not count)
    for c in cands:
        p = c.para
        for j in range(c.s_first, c.s_last + 1):
            s0 = p.starts[j]
            s = p.sents[j]
            lo = max(c.p_start, s0) - s0
            hi = min(c.p_end, s0 + len(s.text)) - s0
            if hi > lo:
                ctx.quoted.setdefault(s.index, []).append((lo, hi))
    by_para: dict[int, list[_Cand]] = {}
    for c in cands:
        by_para.setdefault(c.para.index, []).append(c)
    prev_speaker: tuple[str, int] | None = None
    para_list = [p.index for p in paras]
    last_of_para: dict[int, _Cand | None] = {}
    for c in cands:
        if len(c.text.split()) < MIN_WORDS:
            c.keep = False
            continue
        r = _attribute(c, docs, ctx, prev_speaker)
        if r is not None:
            c.speaker, c.evidence, c.named = r.speaker, r.evidence, r.named
            if r.named:
                prev_speaker = (r.speaker, c.para.sents[c.s_last].index)
    # speakers carried over: within the paragraph, along continued quotes, from the paragraph before
    for k, pidx in enumerate(para_list):
        group = [c for c in by_para.get(pidx, []) if c.keep]
        if not group:
            continue
        for i, c in enumerate(group):
            if c.speaker is not None:
                continue
            prev = next((g for g in reversed(group[:i]) if g.speaker), None)
            nxt = next((g for g in group[i + 1 :] if g.speaker), None)
            src = prev or nxt
            if src is not None:
                c.speaker, c.named = src.speaker, src.named
                c.evidence = f"same paragraph as the quote of {src.speaker}"
    for k, pidx in enumerate(para_list):
        group = [c for c in by_para.get(pidx, []) if c.keep]
        if not group or group[0].speaker is not None:
            continue
        first = group[0]
        if first.span.open > 2:
            continue  # the paragraph does not open with this quote
        prev_para = paras[k - 1] if k > 0 else None
        prev_quotes = [c for c in by_para.get(para_list[k - 1], []) if c.speaker] if k > 0 else []
        src_speaker = None
        why = ""
        if first.continues and prev_quotes:
            src_speaker, named = prev_quotes[-1].speaker, prev_quotes[-1].named
            why = "continues the quote of the paragraph before"
        elif prev_quotes and prev_para is not None and _ends_with_quote(prev_para, prev_quotes[-1]):
            src_speaker, named = prev_quotes[-1].speaker, prev_quotes[-1].named
            why = "follows a quote of the same speaker"
        elif prev_para is not None:
            r = _intro_speaker(prev_para, docs, ctx, prev_speaker)
            if r is not None:
                src_speaker, named, why = r.speaker, r.named, f"introduced by the paragraph before ({r.evidence})"
        if src_speaker:
            for c in group:
                if c.speaker is None:
                    c.speaker, c.named, c.evidence = src_speaker, named, why
        # a chain of continued paragraphs carries the speaker on
    # chains: a continued quote without speaker takes the next attributed one in the chain
    for k in range(len(para_list) - 1, -1, -1):
        group = [c for c in by_para.get(para_list[k], []) if c.keep]
        if not group or group[-1].speaker is not None or not group[-1].unclosed:
            continue
        nxt = [c for c in by_para.get(para_list[k + 1], []) if c.keep and c.continues] if k + 1 < len(para_list) else []
        if nxt and nxt[0].speaker:
            for c in group:
                if c.speaker is None:
                    c.speaker, c.named, c.evidence = nxt[0].speaker, nxt[0].named, "quote continued in the next paragraph"
    out: list[QuoteSpan] = []
    for c in cands:
        if not c.keep or c.speaker is None:
            continue
        if _is_title(c.text) and not c.evidence:
            continue
        if _is_title(c.text) and len(c.text.split()) <= 6 and not re.search(r"[.!?,]$", c.text):
            continue
        p = c.para
        s0 = p.starts[c.s_first]
        out.append(
            QuoteSpan(
                article=art.id,
                sentence=p.sents[c.s_first].index,
                text=c.text,
                start=c.p_start - s0,
                end=c.p_end - s0,
                speaker=c.speaker,
                speaker_evidence=c.evidence,
                end_sentence=p.sents[c.s_last].index,
                paragraph=p.index,
                named=c.named,
            )
        )
    return out


def _ends_with_quote(p: _Para, c: _Cand) -> bool:
    """The paragraph's text after its last quote is only an attribution (≤ 12 words) or nothing."""
    if c.para.index != p.index:
        return False
    end = (c.span.close + 1) if c.span.close is not None else len(p.text)
    return len(p.text[end:].split()) <= 12


# ---------------------------------------------------------------- grouping across articles
def _same_quote(a: list[str], b: list[str], na: str, nb: str) -> bool:
    if not a or not b:
        return False
    if na == nb:
        return True
    short, long_ = (na, nb) if len(na) <= len(nb) else (nb, na)
    if len(short.split()) >= CONTAIN_MIN_WORDS and f" {short} " in f" {long_} ":
        return True
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) >= JACCARD_MIN


def _speakers_clash(x: QuoteSpan, y: QuoteSpan) -> bool:
    if not (x.named and y.named and x.speaker and y.speaker):
        return False
    tx, ty = name_tokens(x.speaker), name_tokens(y.speaker)
    return bool(tx and ty) and tx[-1] != ty[-1] and not (set(tx) & set(ty))


def group_spans(spans: Sequence[QuoteSpan]) -> list[list[QuoteSpan]]:
    """Groups of spans that carry the same quote (union-find over pairwise matches)."""
    toks = [_tokens(s.text) for s in spans]
    norm = [" ".join(t) for t in toks]
    parent = list(range(len(spans)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(spans)):
        for j in range(i + 1, len(spans)):
            if find(i) == find(j):
                continue
            if _same_quote(toks[i], toks[j], norm[i], norm[j]) and not _speakers_clash(spans[i], spans[j]):
                parent[find(j)] = find(i)
    groups: dict[int, list[QuoteSpan]] = {}
    for i, s in enumerate(spans):
        groups.setdefault(find(i), []).append(s)
    return list(groups.values())


def _group_speaker(members: Sequence[QuoteSpan]) -> str | None:
    named = [m.speaker for m in members if m.named and m.speaker]
    pool = named or [m.speaker for m in members if m.speaker]
    if not pool:
        return None
    counts: Counter[str] = Counter()
    for s in pool:
        counts[fold(strip_title(s))] += 1
    # the fullest written form of the most common speaker (by surname when names)
    by_key: dict[str, list[str]] = {}
    for s in pool:
        key = name_tokens(s)[-1] if named and name_tokens(s) else fold(s)
        by_key.setdefault(key, []).append(s)
    key = max(by_key, key=lambda k: (len(by_key[k]), -min(pool.index(s) for s in by_key[k])))
    forms = by_key[key]
    return max(forms, key=lambda s: (len(name_tokens(s)) if named else -len(s.split()), _accented(s), forms.count(s)))


def group_quotes(
    articles: Sequence[AnnotatedArticle],
    outlet_of: dict[str, str] | None = None,
    *,
    spans: Sequence[Sequence[QuoteSpan]] | None = None,
) -> list[Quote]:
    """The brief's `quotes`: each quote once, with a mention per article that carries it.

    `articles` are the articles to read (the used ones); `outlet_of` maps article id to outlet
    (used to order the quotes: quoted by more outlets first). `spans` may pass quotes already
    extracted (one list per article) to skip the extraction.
    """
    outlet_of = outlet_of or {}
    per_article = list(spans) if spans is not None else extract_quotes_many(articles)
    flat = [s for lst in per_article for s in lst]
    order = {a.id: i for i, a in enumerate(articles)}
    quotes: list[tuple[tuple, Quote]] = []
    for members in group_spans(flat):
        members = sorted(members, key=lambda s: (order.get(s.article, 1 << 30), s.sentence, s.start))
        wordings = Counter(normalise_wording(m.text) for m in members)
        canonical = max(wordings, key=lambda w: (wordings[w], len(w)))
        text = next(m.text for m in members if normalise_wording(m.text) == canonical)
        mentions = []
        seen: set[tuple[str, int, str]] = set()
        for m in members:
            key = (m.article, m.sentence, m.text)
            if key in seen:
                continue
            seen.add(key)
            mentions.append(QuoteMention(article=m.article, sentence=m.sentence, text=m.text,
                                         verbatim=normalise_wording(m.text) == canonical))
        outlets = {outlet_of.get(m.article, m.article) for m in members}
        first = members[0]
        rank = (-len(outlets), -len({m.article for m in members}), order.get(first.article, 1 << 30), first.sentence, first.start)
        quotes.append((rank, Quote(speaker=_group_speaker(members), text=text.strip(), mentions=mentions)))
    quotes.sort(key=lambda x: x[0])
    return [q for _, q in quotes]
