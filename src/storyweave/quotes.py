"""quotes: direct quotes with their speakers, and the same quote grouped across outlets.

    extract_quotes(article)             -> [QuoteSpan]    one article
    extract_quotes_many(articles)       -> [[QuoteSpan]]  the articles of one story, one batched parse
    group_quotes(articles, outlet_of)   -> [Quote]        the brief's `quotes` (records.Quote)

Finding quotes
    Marks are read per paragraph, in the paragraph's original text (the sentence splitter may
    move a mark into the next sentence): “…”, "…", a ”…” typed backwards, ‘…’ and '…' where the
    marks sit as quotation marks (not apostrophes: "Maduro’s", "players’ union"), and a U+FFFD
    left by a broken decoding as a closing mark. A quote nested in a double-quoted one belongs
    to it. A paragraph that ends inside an open quote and a next paragraph that opens with a
    mark are one speech (the newspaper convention for long quotes). Kept: at least three words,
    not a title or name ("Son of a Preacher Man": capitalised words, no sentence punctuation;
    initials are no punctuation: "O.J.: Made in America"), not in page furniture (a photo
    gallery's "Hide Caption 3 of 23" paragraph, a media or image caption; no names are taken
    from there either), and a speaker found. Each quote is one `QuoteSpan`; "“A,” he said. “B.”" gives two.

Finding the speaker (`speaker_evidence` says which rule and cue gave it)
    1. The sentences around the quote (plus the next one when the quote ends its sentence, the
       one before when the quote is a sentence of its own) are parsed with spaCy, every quote's
       words replaced by "this" so the parse sees the frame only. The speech verb is the one
       right after the quote ("…,” the party said"), else the nearest speech verb governing the
       quote in the parse, else the nearest in the text. Its subject is the speaker: inverted
       ("said Gallant"; ", said X" after a mid-sentence quote wins over a parse subject), participles ("writing that …"), control ("led Hooper to tell"), "asked
       by X", "to quote a friend", "he was quoted as saying", "the paper quoted X as saying" / "quoted
       X recalling …" (X speaks). Without a parse subject: the
       person named just before the verb. "according to X" and "X: “…”" are read directly.
       Passive naming ("who was dubbed “the queen of mean”") gives no speaker. "…, with X … tweeting,
       “…”": X. "Reid, Alexander said": the subject next to the verb. No speaker from a subject that
       is a quantity, part or act ("part of the message", "741 people", "a quick look") or a noun
       right after another verb ("help Josh get the medicine posted").
    2. The speaker is resolved. A name becomes the fullest form of that name in the article
       (PERSON entities, then capitalised runs: "Mr Guaidó" -> "Juan Guaidó"; titles, parties,
       quoted nicknames and initials aside; "X and Y" or "O.J. Simpson Simpson" runs are no
       names); several fuller names ("Trent": Shannon or James) -> the one the short form was
       already used for before the second came in ("Simpson" … "his ex-wife Nicole Brown
       Simpson"), else the one named last before; one the article calls by first name alone
       ("Autumn", the daughter) is not the bare surname ("Veatch said": her father). A person
       the paragraph's quotes name by first name ("It wasn't like Mollie") is no antecedent of
       "he"/"she", nor is a name right after a verb ("the raid that killed X"). In "Spears flack Jeff Raymond" the name
       holding the subject word speaks. "he"/"she" -> the person in subject position in the same
       or a nearby earlier sentence (sentences opening with the same pronoun skipped, possessors
       and "the Hooper side" skipped, a name tagged as a person but mostly as a place skipped,
       a name the tagger missed but the article gives a person elsewhere counted, genders inferred from the article's "X said she" / "He …" cues respected) or the
       speaker of the quote just before. "it" -> an organisation named as a subject just
       before. "the official" -> the article's earlier "a senior White House official"; "the
       secretary" -> the person titled so ("Defense Secretary Chuck Hagel"); "the party" -> the
       organisation named "… Party"; "the statement" -> who released it; an epithet with a
       modifier ("the New York native") -> the person in subject position before; a role with
       its own of-phrase ("the head of the Australian agency") stays as it is (the agency is not
       the speaker); "the spokesman for X" only to a spokesman titled with X; "the father" -> "her
       father, David Veatch" (apposition); "the local activist" -> an earlier "an activist" (not one
       inside a quote or a predicate: "regards as a terrorist group"). Other
       unnamed speakers stay as their noun phrase (`named` False).
    3. A quote with no speaker of its own takes the speaker of the quote before it in the same
       paragraph (a new sentence, or "“A,” says X, “B.”"), of the quote it continues across
       paragraphs, of the quote ending the paragraph before, or of the paragraph before when
       that one introduces it ("…, she wrote:") or reports the same person's speech.
    4. Across the story (`extract_quotes_many` takes one story): a partial name takes the one
       fuller form another article gives ("Ms. Shourd" -> "Sarah Shourd"), and one spelling is
       used per person (accented, most frequent: "Juan Guaidó"), and a description of two words
       or more that the article leaves unnamed ("the assistant US attorney") takes the one person
       another article titles so ("Assistant U.S. Attorney Scott Bradford").

Grouping across articles (`group_quotes`)
    Wording is compared as folded tokens (typographic quotes, case, accents, punctuation off):
    equal, one containing the other (at least four words), or Jaccard >= 0.6 -> the same quote,
    unless named speakers differ (also through a third, unnamed mention). The group's wording is
    the most frequent one, ties to the longest; its speaker the most common named speaker. A
    mention is `verbatim` when its wording equals the group's or is an exact excerpt of it once
    typographic quotes, dashes, spaces and a trailing , . ; : are normalised; otherwise words
    were changed, dropped or reordered (`verbatim` False). Quotes carried by more outlets come
    first. "“A,” X said, “b …”" in one sentence (b in lower case or "and"/"but") is joined into one
    quote first. A quote is `partial` when its shown wording is a phrase inside the reporter's
    sentence (the mark follows a word of it, not a colon or "said,"; five words or fewer or
    lower case: "called it “a menace”"); `context` then gives that sentence.

Cost: only paragraphs with marks are looked at and only the sentences around quotes are parsed
(tagger and parser, no NER: annotate's entities are reused); about 0.1 s for the five seeds.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from storyweave.records import AnnotatedArticle, Quote, QuoteMention, Sentence
from storyweave.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

MIN_WORDS = 3
JACCARD_MIN = 0.6
CONTAIN_MIN_WORDS = 4


@dataclass(frozen=True)
class QuoteSpan:
    """One direct quote in one article.

    `start`/`end`: character offsets of the quote's words (marks excluded) from the start of
    sentence `sentence`'s text, so `sentence_text[start:end] == text` when the quote ends in
    that sentence; a quote running on into later sentences of its paragraph has
    `end_sentence` > `sentence` and `end` counted on through the paragraph's text.
    `speaker_evidence`: the cue and rule that gave the speaker. `named`: the speaker is a name
    (a person or organisation), not a description ("a senior White House official").
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
    partial: bool = False  # a phrase quoted inside the reporter's own sentence ("called it “a menace”")


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
    "whip", "minority", "majority", "house", "senate", "foreign", "defense", "defence", "state", "mrs.", "mr.",
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
    chimed chime laughed sighed gushed raved pledge pledged pledges vowing insisting adding noting
    instruct instructed instructs order ordered advise advised request requested requesting requests quote quoted
    quoting quotes encourage encouraged implore implored began branded dubbed termed labelled labeled
    reveals declaring claiming stating asserting boomed bellowed roared snapped muttered mumbled murmured
    cite cites cited citing growled hissed
    """.split()
)
# Verbs that attribute speech only right after the quote ("…,” began Key), not anywhere in a sentence.
WEAK_SPEECH_VERBS = frozenset({"began"})
_QUOTE_VERBS = frozenset({"quote", "quoted", "quoting", "quotes"})
_NAMING_VERBS = frozenset({"branded", "dubbed", "termed", "labelled", "labeled", "called", "described"})
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
    while len(toks) > 1 and toks[0].rstrip(".") in _TITLES:
        toks = toks[1:]
    while len(toks) > 1 and toks[-1].rstrip(".") in {"jr", "sr", "ii", "iii"}:
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
        return "?"  # a mark lost in decoding: its place in the open/close sequence decides
    # straight quote
    if before_open and not nxt.isspace():
        return "o"
    if after_close and not prev.isspace():
        return "c"
    return "?"


_SINGLE_CLOSE = re.compile(r"(?<=[^\s])['’](?![A-Za-z0-9])")


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
                m = _SINGLE_CLOSE.search(t, i + 2)
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
    """A name or title ("Truckers for the Constitution", "The Mirror has Two Faces")."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    bare = re.sub(r"\b(?:[A-Z]\.){2,}", "X", text)  # initials are no sentence end ("O.J.: Made in America")
    if not words or len(words) > 10 or re.search(r"[.!?;]", bare.rstrip(".!?,")):
        return False
    small = {"a", "an", "the", "of", "for", "to", "and", "or", "in", "on", "at", "by", "with", "from"}
    big = [w for w in words if w.lower() not in small]
    caps = sum(1 for w in big if w[0].isupper())
    return bool(big) and caps >= 0.75 * len(big) and (caps >= 2 or len(big) == 1)


# ---------------------------------------------------------------- article context
_FURNITURE = re.compile(r"\bHide Caption \d+ of \d+\b|^Media playback is unsupported|\b(?:Media|Image) caption\b|^Image copyright\b")


def _is_furniture(text: str) -> bool:
    """Page furniture: a photo gallery's captions ("… Hide Caption 3 of 23"), a media or image caption."""
    return bool(_FURNITURE.search(text))


def _plausible_name(name: str) -> bool:
    """Not two names run together: "Roula and Ryan", "O.J. Simpson Simpson" (gallery captions glued)."""
    toks = [fold(t).strip(".,") for t in name.split()]
    return not ({"and", "&"} & set(toks)) and len(set(toks)) == len(toks)


@dataclass
class _Para:
    index: int
    sents: list[Sentence]
    text: str
    starts: list[int]  # offset of each sentence in `text`
    spans: list[_Span] = field(default_factory=list)
    furniture: bool = False  # captions: no quotes read there, no names taken from there

    def sent_at(self, pos: int) -> int:
        """Position in `sents` of the sentence holding paragraph offset `pos`."""
        k = 0
        for j, s in enumerate(self.starts):
            if s <= pos:
                k = j
        return k

    def content(self, sp: _Span) -> tuple[int, int]:
        return sp.open + 1, sp.close if sp.close is not None else len(self.text)

    def end_of(self, j: int) -> int:
        """Paragraph offset where sentence `j` ends (or the next one starts)."""
        nxt = self.starts[j + 1] if j + 1 < len(self.starts) else len(self.text)
        return min(self.starts[j] + len(self.sents[j].text), nxt, len(self.text))


def _paragraphs(article: AnnotatedArticle) -> list[_Para]:
    """The article's paragraphs as written (quote marks the sentence splitter moved stay in place),
    each sentence located in its paragraph; sentences joined by a space where it cannot be found."""
    originals = [t.strip() for t in re.split(r"\n\s*\n", article.article.text) if t.strip()]
    groups: list[list[Sentence]] = []
    for s in article.sentences:
        if not groups or groups[-1][0].paragraph != s.paragraph:
            groups.append([])
        groups[-1].append(s)
    paras: list[_Para] = []
    for sents in groups:
        pi = sents[0].paragraph
        orig = originals[pi] if pi < len(originals) else ""
        starts = _locate(orig, sents) if orig else None
        if starts is None:
            text, starts = "", []
            for s in sents:
                text += " " if text else ""
                starts.append(len(text))
                text += s.text
        else:
            text = orig
        text = _ap_marks(text)
        p = _Para(pi, sents, text, starts, furniture=_is_furniture(text))
        p.spans = find_marks(p.text)
        paras.append(p)
    return paras


# Wire copy typed on old systems writes a double quote as two apostrophes (``opens'', "or a
# straight mark opens,'' closes): `"menace to society,'' who has been...`. Read them as one double
# mark plus a space, so every offset into the paragraph stays the same.
_AP_CLOSE = re.compile(r"(?<=[^\s'])''(?=[\s.,;:!?)\]—–-]|$)")
_AP_OPEN = re.compile(r"``(?=\S)")


def _ap_marks(text: str) -> str:
    if "''" not in text and "``" not in text:
        return text
    return _AP_OPEN.sub(' "', _AP_CLOSE.sub('" ', text))


def _locate(text: str, sents: list[Sentence]) -> list[int] | None:
    """Offsets of the sentences in their paragraph, in order; None when one cannot be found."""
    starts: list[int] = []
    cur = 0
    for s in sents:
        i = text.find(s.text, cur)
        if i < 0:  # merged fragments may have had other whitespace between them
            m = re.compile(r"\s*".join(re.escape(w) for w in s.text.split())).search(text, cur)
            if m is None:
                return None
            i, end = m.start(), m.end()
        else:
            end = i + len(s.text)
        starts.append(i)
        cur = end
    return starts


_SUBJECT_NEXT = SPEECH_VERBS | {
    "has", "had", "is", "was", "will", "would", "also", "then", "could", "can", "did", "does", "who", "later",
    "has", "says", "later", "earlier", "now", "still", "again", "recently", "previously", "herself", "himself",
}
def _subject_like(text: str, start: int, end: int, comma: bool = False) -> bool:
    """The name at text[start:end] stands where a subject stands: a verb follows it ("Peskov said",
    "Guaido has"), or a comma when it opens the sentence ("Bacall, who …, was") or `comma` is set
    ("Clinton, according to a reporter, replied"). Possessors never."""
    after = text[end : end + 40]
    if re.match(r"['’]s?\b", after) or re.search(r"['’]s$", text[start:end]):
        return False
    if after.startswith(",") and (comma or start <= 2):
        return True
    nxt = re.match(r"\s*([\w’'-]+)", after)
    if not nxt:
        return False
    word = nxt.group(1)
    # a speech or auxiliary verb, or a lower-case past tense ("Lopez opened", "Guaido revealed")
    return word.lower() in _SUBJECT_NEXT or (word.islower() and word.endswith("ed") and len(word) > 3)


_ANONYMOUS = {
    "official", "officials", "source", "sources", "insider", "insiders", "spokesman", "spokeswoman", "spokesperson",
    "aide", "aides", "person", "people", "resident", "residents", "witness", "witnesses", "diplomat", "diplomats",
    "officer", "officers", "analyst", "analysts", "expert", "experts", "lawyer", "lawyers", "attorney", "attorneys",
    "police", "authorities", "friend", "friends", "man", "woman", "neighbor", "neighbour", "relative", "member",
    "members", "employee", "employees", "worker", "workers", "staffer", "staff", "observer", "observers",
}
_ORG_HEADS = {
    "group", "party", "company", "organization", "organisation", "agency", "ministry", "department", "union",
    "government", "administration", "council", "committee", "court", "campaign", "movement", "network", "firm",
    "team", "club", "board", "commission", "office", "military", "army", "foundation", "association", "coalition",
    "institute", "university", "school", "hospital", "bank", "church", "federation", "alliance", "league", "service",
}
_DOC_HEADS = {
    "website", "site", "flyer", "flier", "statement", "filing", "letter", "note", "post", "release", "report",
    "article", "op-ed", "piece", "tweet", "page", "will", "document", "memo", "editorial", "column", "message",
    "blog", "complaint", "lawsuit", "suit", "affidavit", "petition", "essay", "book", "memoir", "email", "e-mail",
}


_ROLE_WORDS = {
    "spokesman", "spokeswoman", "spokesperson", "secretary", "minister", "president", "director", "chief", "leader",
    "official", "lawmaker", "senator", "governor", "mayor", "actor", "actress", "singer", "star", "comedian",
    "coach", "player", "judge", "detective", "officer", "professor", "scientist", "author", "analyst",
    "correspondent", "reporter", "editor", "ambassador", "adviser", "advisor", "manager", "founder", "ceo",
    "chairman", "chairwoman", "general", "commander", "captain", "lieutenant", "sergeant", "supervisor",
    "prosecutor", "attorney", "lawyer", "researcher", "economist", "diplomat", "envoy", "head", "executive",
    "marshal", "commissioner", "superintendent", "inspector", "constable", "trooper",
}


_PARTY_WORDS = {"democratic", "democrat", "republican", "unionist", "conservative", "labour", "labor", "liberal",
                "socialist", "nationalist", "independent", "tory", "green", "progressive"}


@dataclass
class _Ctx:
    """What speaker resolution needs to know about one article."""

    article: AnnotatedArticle
    persons: list[tuple[int, str]] = field(default_factory=list)  # (sentence, PERSON name title-stripped), in order
    person_keys: set[str] = field(default_factory=set)  # folded last tokens of those names
    titled: list[tuple[int, set[str], str]] = field(default_factory=list)  # (sentence, title words, name)
    quoted: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # sentence -> quoted char ranges
    attributed: list[tuple[int, str, bool]] = field(default_factory=list)  # (paragraph, speaker, named) so far
    runs: list[tuple[int, str]] = field(default_factory=list)  # (sentence, capitalised run, titles cut: "Per Gustafson")
    gender: dict[tuple[str, ...], str] = field(default_factory=dict)  # name key -> "m" / "f" (the article's pronouns)
    votes: dict[tuple[str, ...], list[int]] = field(default_factory=dict)  # name key -> [PERSON labels, other labels]
    person_name_keys: set[tuple[str, ...]] = field(default_factory=set)  # keys of multi-word PERSON names
    skip: set[int] = field(default_factory=set)  # paragraphs of page furniture (captions)
    quote_text: str = ""  # the quote whose speaker is being found (a person it names is not its speaker)
    first_named: set[str] = field(default_factory=set)  # first names the article uses alone ("Autumn")
    mentions: list[tuple[int, str]] = field(default_factory=list)  # (sentence, name) of any label ("Vell" as ORG)
    _is_person_cache: dict[str, bool] = field(default_factory=dict)
    _fullest_cache: dict[tuple[str, int | None], str] = field(default_factory=dict)

    def fullest(self, name: str, at: int | None = None) -> str:
        """The fullest form of `name` among the article's person names (titles off).

        Several different fuller names ("Shannon Trent", "James Trent" for "Trent"): the one named
        last before sentence `at`, else `name` as it is."""
        hit = self._fullest_cache.get((name, at))
        if hit is None:
            hit = self._fullest_cache[(name, at)] = fullest_name(name, self.persons, self.runs, at, self.mentions,
                                                                 self.first_named)
        return hit

    def is_person(self, text: str) -> bool:
        """A name the article treats as a person's (spaCy's PERSON label, by majority for that name)."""
        hit = self._is_person_cache.get(text)
        if hit is None:
            hit = self._is_person_cache[text] = self._is_person(text)
        return hit

    def _is_person(self, text: str) -> bool:
        if not text[:1].isupper():
            return False
        key = name_key(text)
        if not key:
            return False
        votes = self.votes.get(key)
        if votes is not None and votes[0] > 0 and votes[0] >= votes[1]:
            return True
        # part of a fuller person name ("Turner", tagged ORG here, of "Charlotta Turner")
        return any(len(k) > len(key) and _contains_name(list(k), list(key)) for k in self.person_name_keys)

    def person_entity(self, label: str, text: str) -> bool:
        """An entity that stands for a person: labeled PERSON (unless the article mostly labels that
        name otherwise: "Sochi" as a GPE, once as a PERSON), or a name the article treats as one."""
        if label == "PERSON":
            votes = self.votes.get(name_key(_name_of(strip_title(text))))
            return votes is None or votes[0] >= votes[1] or self.is_person(text)
        return self.is_person(text)

    def outside_quotes(self, si: int, pos: int) -> bool:
        return not any(a <= pos < b for a, b in self.quoted.get(si, []))


@lru_cache(maxsize=8192)
def name_key(name: str) -> tuple[str, ...]:
    """Folded name tokens without titles and initials ("Donald J. Trump" -> ("donald", "trump"))."""
    return tuple(t for t in name_tokens(name) if len(t.rstrip(".")) > 1)


# A run that adds one of these to a name names a part of it, not the name in full ("Southern
# Israel" is not a fuller "Israel", "North Korea" not a fuller "Korea").
_PART_WORDS = frozenset(
    "north south east west northern southern eastern western central northeast northwest southeast southwest "
    "northeastern northwestern southeastern southwestern upper lower greater inner outer".split()
)


def fullest_name(name: str, persons: Sequence[tuple[int, str]], runs: Sequence[tuple[int, str]] = (),
                 at: int | None = None, mentions: Sequence[tuple[int, str]] = (),
                 first_named: set[str] | frozenset[str] = frozenset()) -> str:
    """The fullest written form of `name` among `persons` (then `runs`), see `_Ctx.fullest`.

    `first_named`: first names the article uses alone; when several people share the surname
    `name` gives, one the article calls by first name ("Autumn", the daughter) is not the one
    a bare surname means ("Veatch said": her father)."""
    key = name_key(name)
    plain = strip_title(name)
    if not key:
        return plain
    found = [(si, n, name_key(n)) for si, n in [*persons, *runs]]
    found = [(si, n, k) for si, n, k in found if len(k) >= len(key) and _contains_name(list(k), list(key))
             and not (set(k) - set(key)) & _PART_WORDS]
    counts = Counter(k for _, _, k in found)
    keys = set(counts)
    # an extended variant used less than the full name it extends is noise ("Add Donald Trump" from a widget)
    for k1 in sorted(keys, key=len):
        for k2 in list(keys):
            if (k1 in keys and len(k1) >= 2 and len(k2) > len(k1) and _contains_name(list(k2), list(k1))
                    and counts[k1] >= counts[k2]):
                keys.discard(k2)
    keys.discard(key)
    found = [(si, n, k) for si, n, k in found if k in keys]
    if not found:
        return plain
    maximal = [k for k in keys if not any(o != k and len(o) > len(k) and _contains_name(list(o), list(k)) for o in keys)]
    if len(maximal) > 1 and len(key) == 1:
        others = [k for k in maximal if k[0] not in first_named]
        if others and len(others) < len(maximal):
            maximal = others
            found = [(si, n, k) for si, n, k in found if k in maximal]
    if len(maximal) > 1:
        # the short form was in use for the person named first before anyone else of that name came
        # in ("O.J. Simpson" … "Simpson said" … "his ex-wife Nicole Brown Simpson"): it stays theirs
        first = {k: min(si for si, _, kk in found if kk == k) for k in maximal}
        intro = sorted(maximal, key=lambda k: first[k])
        bare = [si for si, n in [*persons, *mentions] if name_key(n) == key]
        if (first[intro[0]] < first[intro[1]] and any(first[intro[0]] < si < first[intro[1]] for si in bare)
                and (at is None or at > first[intro[0]])):
            maximal = [intro[0]]
    if len(maximal) > 1:
        before = [(si, k) for si, _, k in found if k in maximal and (at is None or si <= at)]
        if at is None or not before:
            return plain  # ambiguous
        target = max(before, key=lambda x: x[0])[1]
    else:
        target = maximal[0]
    # a run of capitalised words may end in a possessive ("Shannon Egeland's insurance scheme")
    forms = Counter(_drop_possessive(n) for _, n, k in found if k == target)
    return max(forms, key=lambda f: (forms[f], _accented(f), -len(f)))


def _accented(s: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", s) if unicodedata.combining(c))


def _contains_name(full: list[str], part: list[str]) -> bool:
    """`part` is a sub-name of `full`: same last name (or a first name alone), all its tokens in `full`."""
    if not part or not full or not all(t in full for t in part):
        return False
    return part[-1] == full[-1] or (len(part) == 1 and part[0] == full[0])


_RUN = re.compile(r"(?<![\w'’])[A-Z][\w'’.-]*(?:[^\S\n]+(?:[A-Z][\w'’.-]*|de|da|del|van|von|der|al|bin|la|le))*[^\S\n]+[A-Z][\w'’-]*[^\W\d_]")


def _runs(text: str, lower: frozenset[str] = frozenset()) -> list[str]:
    """Capitalised word runs that may be names, titles cut; a function word opening a sentence
    is dropped ("Sometimes Cruz Riojas" -> "Cruz Riojas")."""
    out = []
    text = re.sub(r"(?<=[a-z]{3})[.?!]\s*(?=[A-Z])", "\n", text)  # sentence ends (glued too: "Tennessee.Shannon")
    for m in _RUN.finditer(text):
        pre = text[: m.start()].rstrip(" “\"‘'([")
        initial = not pre or pre.endswith("\n") or (pre[-1] in ".?!:;" and text[m.start() - 1 : m.start()] in " “\"‘'([")
        if re.match(r"\s+(?:and|&)\s+[A-Z]", text[m.end() : m.end() + 6]):
            continue  # "Deejays Roula and Ryan": where a list of names begins is unclear
        words = _cut_titles(m.group(0).split(), sentence_start=initial, lower=lower, person=True)
        if 2 <= len(words) <= 4 and all(w[:1].isupper() or w in _NAME_PARTICLES for w in words):
            out.append(" ".join(words))
    return out


def _first_names(ctx: _Ctx) -> None:
    """First names the article uses alone, outside quotes, at least twice ("Autumn was OK"), of people
    whose surname another person of the article shares: the paper's way to tell a family apart."""
    by_last: dict[str, set[tuple[str, ...]]] = {}
    for k in ctx.person_name_keys:
        by_last.setdefault(k[-1], set()).add(k)
    firsts = {k[0] for ks in by_last.values() if len(ks) > 1 for k in ks}
    if not firsts:
        return
    counts: Counter[str] = Counter()
    for s in ctx.article.sentences:
        text = _unquoted(ctx, s)
        for m in re.finditer(r"(?<![\w'’])([A-Z][a-z]+)\b(?!\s+[A-Z])", text):
            if fold(m.group(1)) in firsts and not re.search(r"[A-Z][\w.]*\s+$", text[max(0, m.start() - 20) : m.start()]):
                counts[fold(m.group(1))] += 1
    ctx.first_named = {f for f, n in counts.items() if n >= 2}


def _infer_gender(ctx: _Ctx) -> None:
    """He or she for the article's people: pronouns in sentences that name only them, and Mr/Ms."""
    tally: dict[str, list[int]] = {}
    sents = ctx.article.sentences
    for i, s in enumerate(sents):
        keys = []
        for e in s.entities:
            if (e.label == "PERSON" or ctx.is_person(e.text)) and ctx.outside_quotes(s.index, e.start):
                if _after_verb(s.text, e.start):
                    continue  # "whose grandfather opened Whitcombe Hardware": an object, not a second person to confuse
                key = _gender_key(ctx, e.text, s.index)
                if key:
                    keys.append(key)
                    m = re.search(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$", s.text[max(0, e.start - 6) : e.start])
                    if m:
                        t = tally.setdefault(key, [0, 0])
                        t[0 if m.group(1) == "Mr" else 1] += 3
        if len(set(keys)) != 1 or ctx.quoted.get(s.index):
            continue  # one person named, no quote (a quote's "he" is often someone else)
        subj = [e for e in s.entities if (e.label == "PERSON" or ctx.is_person(e.text))
                and (e.start <= 2 and not re.match(r"['’]s?\b", s.text[e.end : e.end + 2]) or _subject_like(s.text, e.start, e.end))]
        if not subj:
            continue  # "Hooper's classroom", "the Hooper home": not the subject the pronouns follow
        t = tally.setdefault(keys[0], [0, 0])
        text = _unquoted(ctx, s)
        # "Hooper said she …", "Cruz, who …, said he …": the pronoun right after the person's verb
        for m in re.finditer(r"\b(?:said|says|added|told \w+|explained|recalled|thinks|thought|believes|believed|"
                             r"knew|knows|hoped|hopes|wanted|wants)\s+(?:that\s+)?(he|she)\b", text):
            t[0 if m.group(1) == "he" else 1] += 1
        # the next sentence opens with "He …"/"She …" about the only person just named
        if i + 1 < len(sents) and not any(e.label == "PERSON" for e in sents[i + 1].entities):
            m = re.match(r"(He|She)\b", sents[i + 1].text)
            if m:
                t[0 if m.group(1) == "He" else 1] += 1
    for k, (m, f) in tally.items():
        if m >= 2 * f and m >= 1:
            ctx.gender[k] = "m"
        elif f >= 2 * m and f >= 1:
            ctx.gender[k] = "f"


def _gender_key(ctx: _Ctx, name: str, at: int | None = None) -> tuple[str, ...]:
    """Whom a name stands for, for gender: its fullest form ("Cruz" -> ("cruz", "riojas"))."""
    return name_key(ctx.fullest(_name_of(name), at))


def _unquoted(ctx: _Ctx, s: Sentence) -> str:
    out, pos = [], 0
    for a, b in sorted(ctx.quoted.get(s.index, [])):
        out.append(s.text[pos:a])
        pos = max(pos, b)
    out.append(s.text[pos:])
    return " ".join(out)


def _context(article: AnnotatedArticle, skip: set[int] | None = None) -> _Ctx:
    ctx = _Ctx(article)
    ctx.skip = set(skip or ())
    sentences = [s for s in article.sentences if s.paragraph not in ctx.skip]
    lower = _lower_words(sentences)
    for s in sentences:
        ctx.runs.extend((s.index, r) for r in _runs(s.text, lower) if _plausible_name(r))
    for s in sentences:
        for e in s.entities:
            if e.label in {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}:
                ctx.mentions.append((s.index, _name_of(strip_title(e.text))))
                v = ctx.votes.setdefault(name_key(_name_of(strip_title(e.text))), [0, 0])
                v[0 if e.label == "PERSON" else 1] += 1
            if e.label != "PERSON":
                continue
            name = _name_of(strip_title(e.text))
            if not s.text[: e.start].strip(" “\"‘'(["):
                name = " ".join(_cut_titles(name.split(), sentence_start=True, lower=lower, person=True))  # "Sometimes Cruz" -> "Cruz"
            toks = name_tokens(name)
            if not toks or not name[:1].isupper() or not _plausible_name(name):
                continue
            ctx.persons.append((s.index, name))
            ctx.person_keys.add(toks[-1])
            if len(name_key(name)) > 1:
                ctx.person_name_keys.add(name_key(name))
            words: set[str] = set()
            for w in reversed(s.text[max(0, e.start - 80) : e.start].split()[-5:]):
                fw = fold(w).strip(".,'’")
                if not (w[:1].isupper() or fw in _ROLE_WORDS) or w.endswith((",", ";", ":")):
                    break
                words.add(fw)
            if words:
                ctx.titled.append((s.index, words, name))
    return ctx


# ---------------------------------------------------------------- candidate quotes
@dataclass
class _Cand:
    para: _Para
    k: int  # index of its span in para.spans
    text: str
    p_start: int  # paragraph offsets of the quote's words
    p_end: int
    s_first: int  # index into para.sents
    s_last: int
    continues: bool = False  # continues an unclosed quote of the previous paragraph
    frame_key: tuple[int, int, int] = (0, 0, 0)
    speaker: str | None = None
    evidence: str | None = None
    named: bool = False
    keep: bool = True

    @property
    def span(self) -> _Span:
        return self.para.spans[self.k]

    @property
    def unclosed(self) -> bool:
        return self.span.close is None

    @property
    def sentence_initial(self) -> bool:
        """The quote starts its sentence (or follows a colon/dash), not a fragment inside a clause."""
        pre = self.para.text[self.para.starts[self.s_first] : self.span.open].strip()
        return pre == "" or pre[-1] in ".:!?;—–-"


def _candidates(paras: list[_Para]) -> list[_Cand]:
    out: list[_Cand] = []
    prev_unclosed = False
    for p in paras:
        this_unclosed = False
        if p.furniture:
            prev_unclosed = False
            continue
        for k, sp in enumerate(p.spans):
            a, b = p.content(sp)
            raw = p.text[a:b]
            text = raw.strip()
            if not text:
                continue
            a += len(raw) - len(raw.lstrip())
            b = a + len(text)
            c = _Cand(p, k, text, a, b, p.sent_at(a), p.sent_at(max(a, b - 1)))
            c.continues = k == 0 and prev_unclosed and sp.open <= 2
            this_unclosed = sp.close is None
            if len(text.split()) < MIN_WORDS or _is_title(text):
                c.keep = False
            out.append(c)
        prev_unclosed = this_unclosed
    return out


# ---------------------------------------------------------------- frames: sentences to parse
@dataclass
class _Frame:
    """Sentences around a quote with every quote's words replaced by "this" (short, clean parse).

    `segs` maps kept text back to paragraph offsets; `holes` are the replaced quotes (frame
    offsets of the placeholder, index of the span in the paragraph); `ents` are annotate's
    entities outside quotes, in frame offsets.
    """

    para: _Para
    lo: int
    hi: int
    text: str
    segs: list[tuple[int, int, int]]
    holes: list[tuple[int, int, int]]
    ents: list[tuple[int, int, str, str]]

    def to_para(self, r: int) -> int:
        for red, pos, n in self.segs:
            if red <= r < red + n:
                return pos + (r - red)
        for hs, he, k in self.holes:
            if hs <= r < he:
                return self.para.spans[k].open
        return self.para.starts[self.lo]

    def hole_of(self, k: int) -> tuple[int, int] | None:
        for hs, he, kk in self.holes:
            if kk == k:
                return hs, he
        return None


def _make_frame(p: _Para, lo: int, hi: int) -> _Frame:
    a = p.starts[lo]
    b = p.end_of(hi)
    pieces: list[str] = []
    segs: list[tuple[int, int, int]] = []
    holes: list[tuple[int, int, int]] = []
    pos, red = a, 0

    def keep(x: int, y: int) -> None:
        nonlocal red
        if y > x:
            segs.append((red, x, y - x))
            pieces.append(p.text[x:y])
            red += y - x

    def space() -> None:
        nonlocal red
        pieces.append(" ")
        red += 1

    for k, sp in enumerate(p.spans):
        ca, cb = p.content(sp)
        began_before = ca < a  # a quote that began in the sentence before the frame
        ca = max(ca, a)
        if cb <= a or ca >= b or ca < pos:
            continue
        cb = min(cb, b)
        if not began_before:
            keep(pos, sp.open)
            if sp.open > a and not p.text[sp.open - 1].isspace():
                space()  # "lawmakers.“All …": keep the parse's tokens apart
            keep(sp.open, ca)
        content = p.text[ca:cb].strip()
        ph = "This" if content[:1].isupper() else "this"
        end = content.rstrip("'’\"”\ufffd")
        if end and end[-1] in ",.!?":
            ph += end[-1]
        holes.append((red, red + len(ph), k))
        pieces.append(ph)
        red += len(ph)
        pos = cb
        if sp.close is not None and sp.close + 1 < b and p.text[sp.close + 1].isalnum():
            keep(cb, sp.close + 1)
            space()
            pos = sp.close + 1
    keep(pos, b)
    # a closing mark lost in decoding ("…water?\ufffd? said") reads as one (same length: offsets hold)
    text = "".join(pieces).replace("\ufffd?", "\u201d ").replace("\ufffd", "\u201d")
    ents: list[tuple[int, int, str, str]] = []
    quoted = [p.content(sp) for sp in p.spans]
    for j in range(lo, hi + 1):
        s0 = p.starts[j]
        for e in p.sents[j].entities:
            pa = s0 + e.start
            if any(qa <= pa < qb for qa, qb in quoted):
                continue
            for rs, ps, n in segs:
                if ps <= pa < ps + n:
                    r = rs + (pa - ps)
                    ents.append((r, r + (e.end - e.start), e.label, e.text))
                    break
    return _Frame(p, lo, hi, text, segs, holes, ents)


# ---------------------------------------------------------------- parse helpers
def _is_verb(tok: Token) -> bool:
    return tok.tag_.startswith("VB")


def _nearest_speech_verb(doc: Doc, q_start: int, q_end: int, holes: list[tuple[int, int]]) -> Token | None:
    """The speech verb that governs the quote at [q_start, q_end) (frame offsets) in the parse, else the
    speech verb nearest to it in the text."""
    # "…,” the party said": a speech verb right after the quote and its subject
    m = _AFTER_QUOTE.match(doc.text, q_end)
    if m:
        for tok in doc:
            if tok.idx == m.start("v") and _is_verb(tok):
                return tok
    inside = [t for t in doc if q_start <= t.idx < q_end]
    if inside:
        tok, hops = inside[0].head, 0
        while hops < 6:
            low = tok.text.lower()
            if low in SPEECH_VERBS and _is_verb(tok) and (low not in WEAK_SPEECH_VERBS or 0 <= tok.idx - q_end <= 4):
                if not any(a <= tok.idx < b for a, b in holes):
                    return tok
            if tok.head is tok:
                break
            tok, hops = tok.head, hops + 1
    q_sent = inside[0].sent.start if inside else None
    best: tuple[float, Token] | None = None
    for tok in doc:
        low = tok.text.lower()
        if low not in SPEECH_VERBS or not _is_verb(tok):
            continue
        if low in WEAK_SPEECH_VERBS and not 0 <= tok.idx - q_end <= 4:
            continue
        if tok.idx >= q_end:
            d: float = tok.idx - q_end
            if any(q_end <= hs < tok.idx for hs, _ in holes):
                d += 400  # another quote sits between: the verb is that quote's
        else:
            d = q_start - (tok.idx + len(tok)) + 0.5
            if any(tok.idx < hs < q_start for hs, _ in holes):
                d += 400
            if q_sent is not None and tok.sent.start != q_sent and tok.dep_ not in {"ROOT", "conj"}:
                continue  # "Ada recalls the first time Velder stopped writing to her …. “…”": the main verb speaks
        if best is None or d < best[0]:
            best = (d, tok)
    return best[1] if best and best[0] < 600 else None


_AFTER_QUOTE = re.compile(
    r"[,.!?]?[\"”’'\u201d]?\s*,?\s*(?:(?:[\w.’'-]+\s+){1,8}?)?(?P<v>" + "|".join(sorted(
        {"said", "says", "added", "adds", "told", "tells", "wrote", "writes", "explained", "continued", "recalled",
         "insisted", "noted", "asked", "replied", "exclaimed", "stated", "declared", "argued", "admitted", "warned"},
        key=len, reverse=True)) + r")\b")


def _subject(verb: Token, holes: Sequence[tuple[int, int]] = ()) -> Token | None:
    """The verb's subject (or its clause's), never a quote's placeholder."""
    def ok(t: Token) -> bool:
        return not any(t.idx < b and t.idx + len(t) > a for a, b in holes) and t.text.lower() not in _INDEFINITE

    if verb.text.lower() in _NAMING_VERBS and any(ch.dep_ in {"auxpass", "nsubjpass"} for ch in verb.children):
        return None  # "who was dubbed “the queen of mean”": someone else's words, not the subject's
    if verb.text.lower() in _QUOTE_VERBS:  # "to quote a friend": the object is the speaker
        for ch in verb.children:
            if ch.dep_ in {"dobj", "nsubjpass"} and ok(ch):
                return ch  # "he was quoted as saying": the passive subject
        for ch in verb.rights:  # "The paper quoted Ann Lee recalling that …": the parse makes her the subject of "recalling"
            if ch.dep_ in {"ccomp", "xcomp"} and ch.tag_ == "VBG":
                for g in ch.children:
                    if g.dep_ == "nsubj" and g.i < ch.i and ok(g):
                        return g
    for ch in verb.children:  # "asked by Duncan Garner"
        if ch.dep_ == "agent" and verb.text.lower() not in _QUOTE_VERBS:
            for g in ch.children:
                if g.dep_ == "pobj" and ok(g):
                    return g
    # "…,” said the judge": the subject after a verb that follows the quote
    if verb.text.lower() in _INVERTING and any(0 <= verb.idx - b <= 3 for _, b in holes):
        for ch in verb.rights:
            if (ch.dep_ in {"nsubj", "dobj", "attr", "nsubjpass", "appos"} and ch.tag_.startswith("NN") and ok(ch)
                    and fold(ch.text) not in _TIME_WORDS):
                return ch
            break
    if verb.tag_ == "VBG" and not any(ch.dep_ in {"nsubj", "nsubjpass"} for ch in verb.children):
        # "…, with President Obama at one point tweeting, “…”": the noun of the absolute "with X -ing"
        # speaks, not the main clause's subject ("Thousands of people watched it")
        for t in reversed(verb.doc[max(verb.sent.start, verb.i - 10) : verb.i]):
            if t.is_punct or (t.tag_.startswith("VB") and t.dep_ not in {"amod", "compound"}):
                break
            if t.lower_ == "with" and t.tag_ == "IN":
                obj = next((ch for ch in t.children if ch.dep_ == "pobj" and ch.tag_.startswith("NN") and ok(ch)), None)
                if obj is not None:
                    return obj
                break
    tok: Token = verb
    for _ in range(8):
        if tok.lower_ == "as" and tok.dep_ == "prep" and tok.head.text.lower() in _QUOTE_VERBS:
            # "The paper quoted the director as saying …": the one quoted speaks (not "quoted the memo and added")
            obj = next((ch for ch in tok.head.children if ch.dep_ == "dobj" and ok(ch)), None)
            if obj is not None:
                return obj
        subjects = [ch for ch in tok.children if ch.dep_ in {"nsubj", "nsubjpass"} and ok(ch)]
        if subjects:
            # "Reid, Alexander said, …": two subjects in the parse; the one next to the verb speaks
            # (the other is a fronted topic)
            before = [ch for ch in subjects if ch.i < tok.i]
            return max(before, key=lambda ch: ch.i) if before else subjects[0]
        if tok.dep_ == "xcomp":  # "led Hooper to tell …", "asked him to say …": the object speaks
            for ch in tok.head.children:
                if ch.dep_ == "dobj" and ok(ch) and ch.i < tok.i:
                    return ch
        if tok.dep_ in {"advcl", "xcomp", "conj", "pcomp", "acl", "ccomp", "prep", "pobj", "dobj", "attr"} and tok.head is not tok:
            tok = tok.head
        else:
            return None
    return None


_INVERTING = frozenset(
    "said says added adds continued explained wrote writes asked replied recalled insisted noted began shared "
    "exclaimed reiterated emphasized countered acknowledged observed remarked stated declared argued".split()
)
_TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
               "tonight", "earlier", "later", "recently", "afterwards", "then", "last", "this", "next"}
_INDEFINITE = {"something", "nothing", "anything", "everything", "someone", "anyone", "everyone", "nobody", "this"}


def _np_of(head: Token) -> Span:
    """The subject's noun phrase: left modifiers, head, a short of-phrase."""
    doc = head.doc
    right = head.i
    for ch in head.rights:
        if ch.dep_ == "prep" and ch.text.lower() == "of" and ch.right_edge.i - ch.i <= 6:
            right = ch.right_edge.i
        elif ch.dep_ in {"compound", "flat"}:
            right = max(right, ch.i)
        else:
            break
    while right + 1 < len(doc) and not doc[right].whitespace_ and doc[right + 1].text not in ',.;:!?"“”‘’\'()':
        right += 1  # "mother-in-law"
    left = head.left_edge.i
    while left < head.i and doc[left].is_punct:
        left += 1
    return doc[left : right + 1]


def _proper_run(head: Token) -> str:
    """The run of proper nouns around `head`, titles off: "Minority Whip Steny Hoyer" -> "Steny Hoyer"."""
    doc = head.doc
    lo = hi = head.i
    while lo > 0 and doc[lo - 1].tag_ in {"NNP", "NNPS"}:
        lo -= 1
    while hi + 1 < len(doc) and doc[hi + 1].tag_ in {"NNP", "NNPS"}:
        hi += 1
    return " ".join(_cut_titles([t.text for t in doc[lo : hi + 1]]))


# A speech verb put first in an inverted attribution ("Says Wax: ..."; "Adds Jones, ..."), which a
# tagger takes into the name. Not "said": a given name.
_LEAD_VERBS = frozenset(
    "says adds asks recalls writes explains notes continues tells warns insists argues admits concedes replies "
    "jokes quips".split()
)


def _title_abbreviation(words: list[str], i: int) -> bool:
    """words[i] is a title's abbreviation before a person's full name ("Environment CS Judi Wakhungu",
    "DAG Rod Rosenstein"): two to four capitals, followed by at least two name words written in
    mixed case ("LL Cool J", "EJ Dionne Jr" and names in capitals throughout keep theirs; so do
    stage names: "DJ Jazzy Jeff")."""
    rest = [w for w in words[i + 1 :] if fold(w).strip(".,") not in {"jr", "sr", "ii", "iii", "iv"}]
    return bool(re.fullmatch(r"[A-Z]{2,4}", words[i])) and words[i] not in {"DJ", "MC", "LL"} and len(rest) >= 2 and all(
        len(w) >= 2 and w[:1].isupper() and not w.isupper() for w in rest)


def _cut_titles(words: list[str], sentence_start: bool = False, lower: frozenset[str] | set[str] = frozenset(),
                person: bool = False) -> list[str]:
    """Words of a name after the last title or role word and without leading function words:
    "New Zealand Prime Minister John Phillip Key" -> John Phillip Key. `lower`: words the article
    writes in lower case; one of them, capitalised to open a sentence before a full name, describes
    the person ("Billionaire Phillip Ruffin told" -> Phillip Ruffin). `person`: the words name a
    person, so a title's abbreviation before the name goes too ("DAG Rod Rosenstein"; not in an
    organisation's name: "NRA Political Victory Fund")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    cut = 0
    for i, w in enumerate(words[:-1]):
        fw = fold(w).strip(".,")
        if any(x in _TITLES or x in _ROLE_WORDS or x in _PARTY_WORDS for x in {fw, *fw.split("-")}) or re.search(r"['’]s$", w):
            cut = i + 1
        elif person and _title_abbreviation(words, i):
            cut = i + 1
    words = words[cut:]
    while sentence_start and cut == 0 and len(words) > 1 and (fold(words[0]) in STOP_WORDS or fold(words[0]) in _LEAD_VERBS):
        words = words[1:]
    if (sentence_start and cut == 0 and len(words) >= 3 and words[0].isalpha() and words[0][1:].islower()
            and words[0].lower() in lower):
        words = words[1:]
    return words


# A word of three letters or more written in lower case (not part of a web address: "reuters.com").
LOWER_WORD = re.compile(r"(?<![\w'’./@-])[a-z]{3,}(?![\w'’-]|\.\w)")


def _lower_words(sentences: Sequence[Sentence]) -> frozenset[str]:
    """Words of three letters or more that the sentences write in lower case."""
    return frozenset(w for s in sentences for w in LOWER_WORD.findall(s.text))


def _ents_in(fr: _Frame, a: int, b: int) -> list[tuple[int, int, str, str]]:
    return [e for e in fr.ents if e[0] < b and e[1] > a]


# ---------------------------------------------------------------- resolution
@dataclass
class _Resolved:
    speaker: str
    evidence: str
    named: bool


@dataclass
class _Ent:
    start: int
    end: int
    label: str
    text: str


def _pick_person(ctx: _Ctx, si: int, upto: int | None = None, gender: str | None = None) -> str | None:
    """The person a following pronoun most likely means, from sentence `si` (before char `upto`)."""
    s = ctx.article.sentences[si]
    found = []
    ents = [(e.start, e.end, e.label, e.text) for e in s.entities]
    # a name the article gives a person elsewhere, missed by the tagger here ("Cruz is careful …")
    known = {name_key(n) for _, n in ctx.persons}
    for m in re.finditer(r"(?<![\w'’])[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b", s.text):
        if (name_key(m.group(0)) in known and not any(a < m.end() and m.start() < b for a, b, _, _ in ents)
                and (m.start() == 0 or _subject_like(s.text, m.start(), m.end()))):
            ents.append((m.start(), m.end(), "PERSON", m.group(0)))
    ents.sort()
    for start, end, label, text in ents:
        e = _Ent(start, end, label, text)
        if upto is not None and e.end > upto:
            continue
        if not ctx.outside_quotes(si, e.start):
            continue
        if not ctx.person_entity(e.label, e.text):
            continue
        if re.search(r"\bthe\s+$", s.text[max(0, e.start - 5) : e.start], re.I):
            continue  # "the Hooper side", "the Trump administration": not the person
        toks = name_tokens(e.text)
        if gender and toks and ctx.gender.get(_gender_key(ctx, e.text, si), gender) != gender:
            continue
        if re.match(r"['’]s?\b", s.text[e.end : e.end + 2]) or re.search(r"['’]s$", e.text):
            continue  # "Maduro's government": a possessor
        if re.search(r"\b(?:his|her|their|its|my|our|your)\s+$", s.text[max(0, e.start - 8) : e.start], re.I):
            continue  # "her Instagram Story": not a person
        if _after_verb(s.text, e.start):
            continue  # "the raid that killed Osama bin Laden", "the baby they had named Tate Elise": an object
        full = ctx.fullest(_name_of(e.text), si)
        if len(name_key(full)) > 1 and _first_name_in(name_tokens(full)[0], ctx.quote_text):
            continue  # "“It wasn't like Mollie,” he said": the quote talks about Mollie, she is not its speaker
        # a name followed by a capitalised word modifies it ("Calder Falls Mayor Maria Lopez")
        modifier = bool(re.match(r"\s+[A-Z]", s.text[e.end : e.end + 3]))
        # "Thomas … said Veatch arrived at 2:45": Veatch is the subject of the reported clause, not the
        # sentence's speaker a following "He said" continues
        embedded = bool(re.search(r"\b(?:said|says|told \w+)\s+(?:that\s+)?$", s.text[max(0, e.start - 20) : e.start]))
        found.append((_subject_like(s.text, e.start, e.end) and not embedded, modifier, e.text))
    if not found:
        return None
    subjects = [t for sj, _, t in found if sj]
    heads = [t for _, mod, t in found if not mod]
    return ctx.fullest(subjects[-1] if subjects else (heads or [found[0][2]])[0], si)


def _after_verb(text: str, start: int) -> bool:
    """The name at `start` follows a past-tense verb other than a speech verb: an object ("the raid
    that killed Osama bin Laden", "opened Whitcombe Hardware")."""
    obj = re.search(r"\b([a-z]{2,}ed)\s+$", text[max(0, start - 16) : start])
    return bool(obj) and obj.group(1) not in SPEECH_VERBS and obj.group(1) not in {"indeed", "need", "speed"}


def _first_name_in(first: str, text: str) -> bool:
    """`first` (a folded first name) stands in `text` as a word ("like Mollie")."""
    return bool(first) and len(first) > 1 and first in re.findall(r"[a-z]+", fold(text))


def _antecedent(ctx: _Ctx, sent_index: int, before: int, pron: str | None,
                prev_speaker: tuple[str, int] | None, avoid: str | None = None) -> tuple[str, str] | None:
    """The person that a he/she (or an epithet) at char `before` of sentence `sent_index` refers to.
    `avoid`: a gender the person must not be known to have (the second try of a he/she)."""
    sents = ctx.article.sentences
    gender = {"he": "m", "she": "f"}.get(pron or "")

    def fits(name: str) -> bool:
        return _gender_ok(ctx, name, gender) and not (avoid and ctx.gender.get(_gender_key(ctx, name)) == avoid)

    p = _pick_person(ctx, sent_index, before, gender)
    if p and fits(p):
        return p, "same sentence"
    earlier = [i for i in range(sent_index - 1, -1, -1) if sents[i].paragraph not in ctx.skip][:5]
    for back, si in enumerate(earlier, 1):
        if prev_speaker and prev_speaker[1] == si and fits(prev_speaker[0]):
            return prev_speaker[0], "speaker of the quote before"
        if pron and re.match(rf"(?:{pron})\b", sents[si].text, re.I):
            continue  # "She married …": the same person again, look further back
        p = _pick_person(ctx, si, None, gender)
        if p and fits(p):
            return p, f"{back} sentence(s) before"
    if prev_speaker and fits(prev_speaker[0]):
        return prev_speaker[0], "speaker of the quote before"
    if gender:  # nobody known to be of that gender: inferred genders may be missing or wrong, try again
        # without them, but not with somebody the article shows to be of the other gender ("she" is no "Mr Whitcombe")
        return _antecedent(ctx, sent_index, before, None, prev_speaker, avoid="m" if gender == "f" else "f")
    return None


def _name_of(text: str) -> str:
    """A person's name as written, without a quoted nickname or titles: 'Rep. Joe “You Lie” Wilson' -> Joe Wilson."""
    text = re.sub(r"\s*[“\"‘][^”\"’]*[”\"’]\s*", " ", text).strip()
    text = _drop_possessive(text)  # a tagger's entity with the possessive: "Shannon Egeland's"
    return " ".join(_cut_titles(text.split(), person=True)) or text


def _drop_possessive(name: str) -> str:
    """"Shannon Egeland's" -> "Shannon Egeland"."""
    return re.sub(r"(?<=\w)['’]s$", "", name)


def _org_name(text: str) -> str:
    """"the Brotherhood’s Freedom and Justice Party" -> "Freedom and Justice Party"."""
    text = re.split(r"['’]s\s+", text)[-1]
    return re.sub(r"^[Tt]he\s+", "", text).strip()


def _org_antecedent(ctx: _Ctx, sent_index: int, before: int) -> str | None:
    """The organisation an "it" most likely means: one named as a subject in the sentences just before."""
    sents = ctx.article.sentences
    for back in range(0, 4):
        si = sent_index - back
        if si < 0:
            break
        s = sents[si]
        for e in reversed(s.entities):
            if e.label != "ORG" or (back == 0 and e.end > before) or not ctx.outside_quotes(si, e.start):
                continue
            if _subject_like(s.text, e.start, e.end):
                return _org_name(e.text)
    return None


def _gender_ok(ctx: _Ctx, name: str, gender: str | None) -> bool:
    return not gender or ctx.gender.get(_gender_key(ctx, name), gender) == gender


def _tidy_np(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip(" ,;:")
    return re.sub(r"^(?:The|A|An|One|Some|Another)\b", lambda m: m.group(0).lower(), s)


def _descriptor(np_text: str, ctx: _Ctx, sent_index: int, para_index: int, before: int,
                head: str | None = None) -> _Resolved:
    """An unnamed subject: 'the official', 'the group', 'the filing', 'the New York native'.
    `head`: the phrase's head word when it is not the last ("the head of the agency")."""
    words = np_text.split()
    tidy = _tidy_np(np_text)
    last = re.sub(r"[^\w-]", "", words[-1]).lower() if words else ""
    head = re.sub(r"[^\w-]", "", head).lower() if head else last
    # "the head of the Australian agency": a role with its own description, the head not last
    described = head != last and bool(re.search(rf"\b{re.escape(head)}\S*\s+(?:of|for|at|from|in|with)\b", np_text, re.I))
    if not words or words[0].lower() not in {"the", "this", "that"} or not head:
        return _Resolved(tidy, f'"{np_text}"', False)
    sents = ctx.article.sentences[: sent_index + 1]
    if head in _ORG_HEADS and not described:
        mods = words[1:-1]
        if mods and all(w[:1].isupper() for w in mods):  # "the Traditional Unionist Voice party"
            name = " ".join(mods + ([words[-1]] if words[-1][:1].isupper() else []))
            return _Resolved(name, f'"{np_text}" -> {name}', True)
        # "the party" -> the nearest "… Party" organisation named before
        for s in reversed(sents):
            for e in reversed(s.entities):
                if e.label in {"ORG", "NORP", "FAC"} and fold(e.text).split()[-1:] == [head]:
                    return _Resolved(_org_name(e.text), f'"{np_text}" -> {_org_name(e.text)}', True)
        # "the group “Truckers for the Constitution”" / "the group, Truckers for …,"
        rx = re.compile(rf"\b[Tt]he\s+(?:[\w-]+\s+){{0,2}}{head}\s*(?:[“\"]([^”\"]{{3,80}})[”\"]|,\s+([A-Z][^,]{{2,60}}),)")
        for s in reversed(sents):
            m = rx.search(s.text)
            if m:
                name = (m.group(1) or m.group(2)).strip()
                return _Resolved(name, f'"{np_text}" -> {name}', True)
    if head in _DOC_HEADS and not described:
        # "Georgia Power released a statement …" … "the statement says"
        rx = re.compile(rf"((?:[A-Z][\w&.'’-]*\s+){{0,4}}[A-Z][\w&.'’-]*)(?:,\s+which)?\s+(?:released|issued|put out|posted|"
                        rf"published|sent|filed|wrote)\s+(?:a|an|its|the)\s+(?:[\w-]+\s+){{0,2}}{re.escape(head)}")
        for s in reversed(sents):
            m = rx.search(s.text)
            if m:
                name = " ".join(_cut_titles(m.group(1).split(), sentence_start=True))
                return _Resolved(name, f'"{np_text}" -> {name} (released it)', True)
        # "the flyer says" right after quotes of a named source: that source's document
        for pidx, spk, named in reversed(ctx.attributed):
            if named and para_index - pidx <= 2:
                return _Resolved(spk, f'"{np_text}" -> {spk} (quoted just before)', True)
            break
        return _Resolved(tidy, f'"{np_text}"', False)
    # "the secretary" -> "Defense Secretary Chuck Hagel"
    scope = set(re.findall(r"[a-z]+", fold(np_text))) - _ROLE_WORDS - _TITLES - _DESCRIPTOR_STOP
    for si, titles, name in reversed(ctx.titled):
        if si <= sent_index and head in titles:
            if described and not (titles - _ROLE_WORDS - _TITLES) & scope:
                continue  # "the spokesman for the Tunisian president" is not "Hamas spokesman Sami Abu Zuhri"
            full = ctx.fullest(name)
            return _Resolved(full, f'"{np_text}" -> {full} (title)', True)
    # "the official" -> "a senior White House official" said earlier
    if described:
        return _Resolved(tidy, f'"{np_text}"', False)
    # "the father" -> "her father, David Veatch", "the friend" -> "Mike Pascale, a childhood friend from …":
    # a person named in apposition with that noun before
    appos = _appositive_person(ctx, sents, head, (sent_index, before))
    if appos:
        return _Resolved(appos, f'"{np_text}" -> {appos} (apposition)', True)
    rx = re.compile(rf"\b(?:a|an|one)\s+((?:[\w.'’-]+\s+){{0,5}}?){re.escape(head)}\b", re.I)
    found: str | None = None
    for s in sents:
        for m in rx.finditer(s.text):
            if s.index == sent_index and m.start() >= before:
                break  # after the phrase itself: "The president explained that … Cohn, a former president of …"
            if not any(w.lower() in _DESCRIPTOR_STOP for w in m.group(1).split()):
                # not inside a quote ("was such a remarkable friend”") nor a predicate ("which X regards
                # as a terrorist group", "is a member"): those describe someone, they introduce no speaker
                if not ctx.outside_quotes(s.index, m.start()) or re.search(
                        r"\b(?:as|is|was|are|were|be|been|being|become|became|remains?|remained|such)\s+$",
                        s.text[max(0, m.start() - 12) : m.start()], re.I):
                    continue
                found = m.group(0)
    if found:
        return _Resolved(_tidy_np(found), f'"{np_text}" -> {_tidy_np(found)}', False)
    if head not in _ANONYMOUS and head not in _ORG_HEADS and len(words) >= 3 and not re.search(r"[^s]s$", head):
        # an epithet ("the New York native", "the actress"): the person in subject position before
        ante = _antecedent(ctx, sent_index, before, None, None)
        if ante:
            return _Resolved(ante[0], f'"{np_text}" -> {ante[0]} (epithet, {ante[1]})', True)
    return _Resolved(tidy, f'"{np_text}"', False)


def _appositive_person(ctx: _Ctx, sents: Sequence[Sentence], head: str, upto: tuple[int, int] | None = None) -> str | None:
    """The person last named in apposition with `head` ("her father, David Veatch,"; "Mike Pascale, a
    childhood friend"), outside quotes, in `sents`; `upto` (sentence index, offset): in that
    sentence, only before the offset (a phrase after the subject introduces someone else)."""
    h = re.escape(head)
    after = re.compile(rf",\s+(?:a|an|the|his|her|their)\s+(?:[\w.'’-]+\s+){{0,4}}?{h}\b", re.I)
    before = re.compile(rf"\b(?:his|her|their|the)\s+(?:[\w.'’-]+\s+){{0,3}}?{h},\s+$", re.I)
    found = None
    for s in sents:
        for e in s.entities:
            if not ctx.person_entity(e.label, e.text) or not ctx.outside_quotes(s.index, e.start):
                continue
            if upto is not None and s.index == upto[0] and e.start >= upto[1]:
                break
            if after.match(s.text, e.end) or before.search(s.text[max(0, e.start - 60) : e.start]):
                found = ctx.fullest(_name_of(e.text), s.index)
    return found


def _possessor(after: str, ent_text: str) -> bool:
    """The entity is a possessor ("Maduro's government", "Williams’ agent"): not the speaker."""
    return bool(re.match(r"['’](?:s\b|(?!\w))", after) or re.search(r"['’]s$|(?<=s)['’]$", ent_text))


# Heads of subject phrases that name a quantity, a part or an act, never a source of words:
# "part of the message said", "Thousands of people watched", "a quick look at her page explains".
_NON_SOURCE_HEADS = {
    "part", "parts", "portion", "half", "rest", "bulk", "number", "lot", "lots", "dozens", "hundreds", "thousands",
    "millions", "scores", "tens", "look", "glance", "peek",
}


def _not_a_source(subj: Token, np: Span, verb: Token) -> bool:
    """The subject phrase cannot be who spoke: a quantity or part head, a large counted crowd
    ("741 people who say"), or a noun right after another verb, i.e. that verb's object that the
    parse made the subject ("to help Josh get the medicine posted …")."""
    if subj.lower_ in _NON_SOURCE_HEADS:
        return True
    for ch in subj.children:  # two officials may speak as one; a crowd of hundreds does not
        if ch.dep_ == "nummod" and ch.text.replace(",", "").isdigit() and 20 <= int(ch.text.replace(",", "")) < 1500:
            return True
    if np.start > 0 and subj.i < verb.i and subj.dep_ in {"nsubj", "nsubjpass"}:
        prev = subj.doc[np.start - 1]
        if (prev.tag_.startswith("VB") and prev.i != verb.i and prev.dep_ not in {"aux", "auxpass"}
                and prev.lemma_ not in {"be", "have", "do"} and prev.lower_ not in SPEECH_VERBS):
            return True
    return False


def _resolve(subj: Token, verb: Token, fr: _Frame, ctx: _Ctx, prev_speaker: tuple[str, int] | None) -> _Resolved | None:
    p = fr.para
    pos = fr.to_para(subj.idx)
    j = p.sent_at(pos)
    sent_index = p.sents[j].index
    before = pos - p.starts[j]
    low = subj.text.lower()
    if low in _PRONOUNS:
        cue = f"{subj.text} {verb.text}" if subj.i < verb.i else f"{verb.text} {subj.text}"
        pron = "he" if _PRONOUNS[low] == "m" else "she"
        ante = _antecedent(ctx, sent_index, before, pron, prev_speaker)
        if ante:
            return _Resolved(ante[0], f'"{cue}": {low} -> {ante[0]} ({ante[1]})', True)
        return _Resolved("", "", False)  # a "he" with nobody to refer to: no speaker rather than "he"
    if low in {"who", "that", "which"} and verb.dep_ == "relcl" and verb.head.tag_.startswith("NN"):
        subj = verb.head  # "tweets that asked …", "a resident who said …"
    elif low in {"it", "they"}:
        org = _org_antecedent(ctx, sent_index, before)
        if org:
            return _Resolved(org, f'"{subj.text} {verb.text}": {low} -> {org}', True)
        return _Resolved("", "", False)  # an unresolved "it": no guess
    elif low in {"i", "we", "you", "that", "which", "this", "who", "what", "these", "those", "there", "here"}:
        return None
    np = _np_of(subj)
    a, b = np.start_char, np.end_char
    cue = f"{np.text} {verb.text}" if np.end <= verb.i else f"{verb.text} {np.text}"
    if _not_a_source(subj, np, verb):
        return _Resolved("", "", False)  # "part of the message", "741 people", "get the medicine": no guess
    ents = [e for e in _ents_in(fr, a, b)  # possessors are not the speaker: "Melquan’s former coach", "Williams’ agent"
            if not _possessor(fr.text[e[1] : e[1] + 2], e[3])]
    people = [e for e in ents if e[2] == "PERSON" or ctx.is_person(e[3])]
    # the name the subject word belongs to ("Spears flack Jeff Raymond": Raymond's), else the first
    person = next((e[3] for e in people if e[0] <= subj.idx < e[1]), people[0][3] if people else None)
    if person is None and subj.tag_ in {"NNP", "NNPS"}:
        run = _proper_run(subj)
        if run and ctx.is_person(run):
            person = run
    if person is None:  # "spokesman Lt. John Corina" (the parse broke the name off)
        for e in fr.ents:
            gap = fr.text[b : e[0]]
            if e[0] >= b and len(gap) <= 12 and e[2] == "PERSON" and re.fullmatch(r"[\s,]*(?:[A-Z][a-z]{0,4}\.?\s*)*", gap):
                person = e[3]
                break
    if person is None:
        for ch in subj.children:  # "a neuroscientist, Shinji Nishimoto"
            if ch.dep_ == "appos":
                ap = _ents_in(fr, ch.left_edge.idx, ch.right_edge.idx + len(ch.right_edge))
                person = next((e[3] for e in ap if e[2] == "PERSON"), None)
    if person:
        full = ctx.fullest(_name_of(person), sent_index)
        return _Resolved(full, f'"{cue}"' + (f" -> {full}" if full != person else ""), True)
    root = np.root
    org = next((e for e in ents if e[2] in {"ORG", "NORP", "GPE", "FAC"} and e[0] <= root.idx < e[1]), None)
    if org is not None and _org_name(org[3]).split() and np[-1].idx < org[1]:
        full = ctx.fullest(_org_name(org[3]), sent_index)
        if full != _org_name(org[3]):  # "Gustafson" tagged ORG, "Per Gustafson" in the text: a person
            return _Resolved(full, f'"{cue}" -> {full}', True)
        return _Resolved(_org_name(org[3]), f'"{cue}"', True)
    if subj.tag_ in {"NNP", "NNPS"} and np.text[:1].isupper() and not np.text.lower().startswith("the "):
        name = _proper_run(subj)
        full = ctx.fullest(name, sent_index)
        return _Resolved(full, f'"{cue}"' + (f" -> {full}" if full != name else ""), True)
    if re.fullmatch(r"[A-Z][\w'’-]+", np.text) and len(name_key(ctx.fullest(np.text, sent_index))) > 1:
        full = ctx.fullest(np.text, sent_index)  # "Love has said" (tagged as a common noun) -> "Courtney Love"
        return _Resolved(full, f'"{cue}" -> {full}', True)
    np_text = np.text
    for ch in subj.rights:  # "the spokesman for the Tunisian president": whose spokesman counts
        if ch.dep_ == "prep" and ch.lower_ == "for" and np.end <= ch.i and ch.right_edge.i - ch.i <= 6:
            np_text += " " + subj.doc[ch.i : ch.right_edge.i + 1].text.split(",")[0]
            break
    d = _descriptor(np_text, ctx, sent_index, p.index, before, head=subj.text)
    d.evidence = f'"{cue}"' + (d.evidence[len(np.text) + 2 :] if d.evidence.startswith(f'"{np.text}"') else "")
    return d


_ACCORDING = re.compile(
    r"\baccording to\s+((?:[A-Z][\w.'’-]*|of|de|al|van|von)(?:\s+(?:[A-Z][\w.'’-]*|of|de|al|van|von))*"
    r"|(?:the|a|an)\s+(?:[\w.'’-]+\s+){0,3}?(?:alert|statement|report|police|officials?|sources?|"
    r"spokes(?:man|woman|person)|documents?|filing|complaint|website|release|lawsuit|affidavit|court papers))\b")


def _attribute_frame(fr: _Frame, k: int | None, doc: Doc, ctx: _Ctx, prev_speaker) -> _Resolved | None:
    """Speaker of span `k` of the frame's paragraph (None: of the frame's last sentence end)."""
    holes = [(hs, he) for hs, he, _ in fr.holes]
    si = fr.para.sents[fr.lo].index
    if k is None:
        q_start = q_end = len(fr.text)
    else:
        h = fr.hole_of(k)
        if h is None:
            return None
        q_start, q_end = h
    # "X: “…”" with no verb: a name right before the colon
    m = re.search(r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s*[“\"‘']?$", fr.text[:q_start])
    verb = _nearest_speech_verb(doc, q_start, q_end, holes)
    if verb is not None and verb.text.lower() in _INVERTING and re.search(r",\s*$", fr.text[: verb.idx]):
        # "… “…” for the recorders, said Anish Patel": a name right after ", said" is the speaker
        v_end = verb.idx + len(verb)
        e = next((e for e in fr.ents if 0 <= e[0] - v_end <= 2), None)
        if e is not None and ctx.person_entity(e[2], e[3]):
            full = ctx.fullest(_name_of(e[3]), si)
            return _Resolved(full, f'"{verb.text} {e[3]}"', True)
    if verb is None and m and ctx.is_person(m.group(1)):
        full = ctx.fullest(m.group(1), si)
        return _Resolved(full, f'"{m.group(1)}:"', True)
    if verb is not None and verb.text.lower() in _NAMING_VERBS and any(
            ch.dep_ in {"auxpass", "nsubjpass"} for ch in verb.children):
        return None  # "who was dubbed “the queen of mean”": someone else's words, not the subject's
    if verb is not None:
        subj = _subject(verb, holes)
        if subj is not None:
            r = _resolve(subj, verb, fr, ctx, prev_speaker)
            if r is not None:
                return r if r.speaker else None
        # no subject in the parse: the nearest person named just before the verb (or right after it)
        near = [e for e in fr.ents if (e[2] == "PERSON" or ctx.is_person(e[3]))
                and (0 <= verb.idx - e[1] <= 80 or 0 <= e[0] - (verb.idx + len(verb)) <= 2)]
        if near and not any(hs > near[-1][1] and he < verb.idx for hs, he in holes):
            pool = [e for e in near if _subject_like(fr.text, e[0], e[1], comma=True)] or near
            e = min(pool, key=lambda e: abs(verb.idx - e[1]))
            full = ctx.fullest(_name_of(e[3]), si)
            return _Resolved(full, f'"{e[3]} … {verb.text}" (nearest name)', True)
        for ch in verb.rights:  # "said X" parsed as an object
            if ch.dep_ in {"dobj", "attr", "npadvmod", "appos"}:
                ents = _ents_in(fr, ch.left_edge.idx, ch.right_edge.idx + len(ch.right_edge))
                person = next((e[3] for e in ents if e[2] == "PERSON" or ctx.is_person(e[3])), None)
                if person:
                    full = ctx.fullest(_name_of(person), si)
                    return _Resolved(full, f'"{verb.text} {person}"', True)
    for mm in _ACCORDING.finditer(fr.text):
        if any(hs <= mm.start() < he for hs, he in holes):
            continue
        name = mm.group(1)
        if ctx.is_person(name):
            full = ctx.fullest(name, si)
            return _Resolved(full, f'"according to {name}"', True)
        return _Resolved(_tidy_np(name), f'"according to {name}"', not name.lower().startswith(("the ", "a ", "an ")))
    return None


# ---------------------------------------------------------------- extraction
def _load_nlp(settings: Settings | None = None) -> Language:
    """The project's spaCy pipeline, the very instance annotate loaded (same cache key)."""
    from storyweave.annotate import load_nlp

    return load_nlp((settings or Settings()).spacy_model)


def extract_quotes(article: AnnotatedArticle, nlp: Language | None = None, settings: Settings | None = None) -> list[QuoteSpan]:
    """Direct quotes of one article with their speakers (see the module docstring)."""
    return extract_quotes_many([article], nlp, settings)[0]


def extract_quotes_many(
    articles: Sequence[AnnotatedArticle], nlp: Language | None = None, settings: Settings | None = None
) -> list[list[QuoteSpan]]:
    """`extract_quotes` for several articles, with one batched parse of the sentences around quotes."""
    prepared = []
    texts: list[str] = []
    for art in articles:
        paras = _paragraphs(art)
        cands = _candidates(paras)
        frames: dict[tuple[int, int, int], _Frame] = {}
        for c in cands:
            if not c.keep:
                continue
            hi = c.s_last
            p = c.para
            end_of_sent = p.end_of(hi)
            close = c.span.close if c.span.close is not None else len(p.text)
            whole_after = not re.search(r"\w", p.text[close:end_of_sent])
            if hi + 1 < len(p.sents) and re.search(r"\b[A-Z][a-z]{0,3}\.$", p.sents[hi].text):
                hi += 1  # the splitter cut after a title ("spokesman Lt. | John Corina")
            elif hi + 1 < len(p.sents) and whole_after:
                hi += 1  # "“Oh, my God!” | Hernandez exclaimed …": the attribution is in the next sentence
            lo = c.s_first
            if lo > 0 and whole_after and not re.search(r"\w", p.text[p.starts[lo] : c.span.open]):
                lo -= 1  # "…, she said. | “Those claims are illogical.”": a quote standing alone after reported speech
            c.frame_key = key = (p.index, lo, hi)
            if key not in frames:
                frames[key] = _make_frame(p, lo, hi)
        for k, p in enumerate(paras):
            # a paragraph that opens with a quote may be introduced by the one before ("…, she wrote:")
            if k and p.spans and p.spans[0].open <= 2 and (paras[k - 1].text.rstrip().endswith((":", ",")) or not paras[k - 1].spans):
                q = paras[k - 1]
                key = (q.index, len(q.sents) - 1, len(q.sents) - 1)
                if key not in frames:
                    frames[key] = _make_frame(q, len(q.sents) - 1, len(q.sents) - 1)
        texts.extend(f.text for f in frames.values())
        prepared.append((art, paras, cands, frames))
    docs: dict[str, Doc] = {}
    uniq = list(dict.fromkeys(t for t in texts if t.strip()))
    if uniq:
        nlp = nlp or _load_nlp(settings)
        enable = [n for n in ("tok2vec", "tagger", "parser") if n in nlp.pipe_names]
        with nlp.select_pipes(enable=enable):
            for t, d in zip(uniq, nlp.pipe(uniq, batch_size=64)):
                docs[t] = d
    ctxs = [_context(art, {p.index for p in paras if p.furniture}) for art, paras, _, _ in prepared]
    out = [_extract(art, paras, cands, frames, docs, ctx) for (art, paras, cands, frames), ctx in zip(prepared, ctxs)]
    return _story_names(articles, out, [t for ctx in ctxs for t in ctx.titled])


def _story_names(articles: Sequence[AnnotatedArticle], spans: list[list[QuoteSpan]],
                 titled_in: Sequence[tuple[int, set[str], str]] = ()) -> list[list[QuoteSpan]]:
    """A speaker named only in part in its own article ("Ms. Shourd") takes the fuller name another
    article of the story gives ("Sarah Shourd"), when that is the only fuller one; an unnamed
    description the one person the story titles so (`titled_in`: every article's `_Ctx.titled`)."""
    persons: list[tuple[int, str]] = []
    for art in articles:
        lower = _lower_words(art.sentences)
        for s in art.sentences:
            for e in s.entities:
                if e.label == "PERSON":
                    name = _name_of(strip_title(e.text))
                    if not s.text[: e.start].strip(" “\"‘'(["):
                        name = " ".join(_cut_titles(name.split(), sentence_start=True, lower=lower, person=True))
                    if name_tokens(name) and name[:1].isupper() and _plausible_name(name):
                        persons.append((0, name))
    # one spelling per person across the story: the accented, most frequent form ("Juan Guaidó")
    forms: dict[tuple[str, ...], Counter[str]] = {}
    for _, n in persons:
        forms.setdefault(name_key(n), Counter())[n] += 1
    # people titled before their name anywhere in the story ("Assistant U.S. Attorney Scott Bradford")
    titled = [({w.replace(".", "") for w in words}, name) for _, words, name in titled_in]
    out = []
    for lst in spans:
        new = []
        for q in lst:
            if not q.named and q.speaker:
                q = _titled_elsewhere(q, titled, persons)
            if q.named and q.speaker:
                full = fullest_name(q.speaker, persons)
                if len(name_key(full)) > len(name_key(q.speaker)):
                    q = replace(q, speaker=full, speaker_evidence=f"{q.speaker_evidence}; -> {full} (named so in the story)")
                written = forms.get(name_key(q.speaker))
                if written:
                    best = max(written, key=lambda f: (_accented(f), written[f]))
                    if best != q.speaker and fold(best) == fold(q.speaker):
                        q = replace(q, speaker=best)
            new.append(q)
        out.append(new)
    return out


def _titled_elsewhere(q: QuoteSpan, titled: Sequence[tuple[set[str], str]], persons: Sequence[tuple[int, str]]) -> QuoteSpan:
    """'the assistant US attorney' in an article that never names him -> the one person another
    article of the story titles so ("Assistant U.S. Attorney Scott Bradford"). Only descriptions
    of two words or more: one-word titles are shared too widely ("the president" is also a past
    president the story names)."""
    words = q.speaker.split()
    if len(words) < 3 or words[0].lower() != "the":
        return q
    wanted = {fold(w).strip(".,'’").replace(".", "") for w in words[1:]}
    if wanted & _DESCRIPTOR_STOP:
        return q
    people = {name_key(fullest_name(name, persons)): fullest_name(name, persons) for ws, name in titled if wanted <= ws}
    if len(people) != 1:
        return q
    (name,) = people.values()
    return replace(q, speaker=name, named=True, speaker_evidence=f"{q.speaker_evidence}; -> {name} (titled so in the story)")


def _extract(art: AnnotatedArticle, paras: list[_Para], cands: list[_Cand],
             frames: dict[tuple[int, int, int], _Frame], docs: dict[str, Doc], ctx: _Ctx) -> list[QuoteSpan]:
    if not cands:
        return []
    for c in cands:  # quoted ranges per sentence: names inside quotes are no antecedents
        p = c.para
        for j in range(c.s_first, c.s_last + 1):
            s0 = p.starts[j]
            lo, hi = max(c.p_start, s0) - s0, min(c.p_end, p.end_of(j)) - s0
            if hi > lo:
                ctx.quoted.setdefault(p.sents[j].index, []).append((lo, hi))
    _first_names(ctx)
    _infer_gender(ctx)
    live = [c for c in cands if c.keep]
    by_para: dict[int, list[_Cand]] = {}
    for c in live:
        by_para.setdefault(c.para.index, []).append(c)
    order = [p.index for p in paras]
    pos_of = {pidx: k for k, pidx in enumerate(order)}
    prev_speaker: tuple[str, int] | None = None
    last_in_para: dict[int, _Cand] = {}

    def intro(k: int) -> _Resolved | None:
        q = paras[k - 1]
        fr = frames.get((q.index, len(q.sents) - 1, len(q.sents) - 1))
        doc = docs.get(fr.text) if fr else None
        if fr is None or doc is None or not (q.text.rstrip().endswith((":", ",")) or not q.spans):
            return None
        r = _attribute_frame(fr, None, doc, ctx, prev_speaker)
        if r is not None and not q.text.rstrip().endswith((":", ",")):
            r.evidence = f"reported speech just before: {r.evidence}"
        return r

    for c in live:
        k = pos_of[c.para.index]
        fr = frames[c.frame_key]
        doc = docs.get(fr.text)
        # the quotes of the paragraph: "“It wasn't like Mollie,” he said. “I … feelings.”" are not Mollie's
        ctx.quote_text = " ".join(g.text for g in by_para.get(c.para.index, [c]))
        r = _attribute_frame(fr, c.k, doc, ctx, prev_speaker) if doc is not None else None
        if r is not None and not _speaker_ok(r.speaker):
            r = None
        if r is None:
            r = _inherit(c, k, paras, by_para, last_in_para, intro)
        if r is not None:
            c.speaker, c.evidence, c.named = r.speaker, r.evidence, r.named
            if r.named:
                prev_speaker = (r.speaker, c.para.sents[c.s_last].index)
            ctx.attributed.append((c.para.index, r.speaker, r.named))
        last_in_para[c.para.index] = c
    # a quote told before its attribution in the same paragraph ("“A.” “B,” he said.")
    for group in by_para.values():
        for i, c in enumerate(group):
            if c.speaker is None and c.sentence_initial:
                nxt = group[i + 1] if i + 1 < len(group) else None
                gap = c.para.text[(c.span.close or 0) + 1 : nxt.span.open] if nxt is not None else ""
                if nxt is not None and nxt.speaker and c.span.close is not None and len(gap.split()) <= 3:
                    c.speaker, c.named, c.evidence = nxt.speaker, nxt.named, f"same paragraph as the quote of {nxt.speaker}"
    # a paragraph-long quote continued in the next paragraph takes the speaker given there
    for k in range(len(order) - 2, -1, -1):
        group = by_para.get(order[k], [])
        if not group or not group[-1].unclosed:
            continue
        nxt = [c for c in by_para.get(order[k + 1], []) if c.continues and c.speaker]
        if nxt:
            for c in group:
                if c.speaker is None:
                    c.speaker, c.named, c.evidence = nxt[0].speaker, nxt[0].named, "quote continued in the next paragraph"
    out: list[QuoteSpan] = []
    for c in live:
        if c.speaker is None:
            continue
        p = c.para
        s0 = p.starts[c.s_first]
        out.append(QuoteSpan(
            article=art.id, sentence=p.sents[c.s_first].index, text=c.text, start=c.p_start - s0,
            end=c.p_end - s0, speaker=c.speaker, speaker_evidence=c.evidence,
            end_sentence=p.sents[c.s_last].index, paragraph=p.index, named=c.named, partial=_is_partial(c),
        ))
    return out


PARTIAL_MAX_WORDS = 5


def _is_partial(c: _Cand) -> bool:
    """A phrase quoted inside the reporter's sentence ("Adams said there was a “sustained … campaign”",
    "called it “a menace to society”"): the opening mark follows a word of that sentence (not a
    colon, not "said," introducing the quote) and the quote is short or starts in lower case."""
    pre = c.para.text[c.para.starts[c.s_first] : c.span.open].rstrip()
    if not pre or c.continues:
        return False
    m = re.search(r"([\w’'\])]+)(,?)$", pre)
    if not m:
        return False  # after a colon, a dash, a full stop: a quote of its own
    if m.group(2) and (any(fold(w).strip(",") in SPEECH_VERBS for w in pre.split()[-6:])
                       or re.search(r"[\"”’']\s*,?\s*\S+(?:\s+\S+){0,5}\s*,$", pre)):
        return False  # "Conlon said, “…”", "says Geronimo, “…”", "“A,” she told reporters, “…”": introduced as speech
    words = c.text.split()
    first = c.text.lstrip("[(“\"'‘ ")[:1]
    if fold(m.group(1)) in SPEECH_VERBS:
        return first.islower()  # "Trump said “We will …”" is speech; "what he called “specific steps”" is not
    return len(words) <= PARTIAL_MAX_WORDS or first.islower()


def _speaker_ok(speaker: str) -> bool:
    """Not empty, not a bare title or pronoun ("Dr", "he")."""
    words = [fold(w).strip(".,") for w in speaker.split()]
    return bool(words) and not (len(words) == 1 and (words[0] in _TITLES or words[0] in _PRONOUNS or len(words[0]) < 2))


def _inherit(c: _Cand, k: int, paras: list[_Para], by_para: dict[int, list[_Cand]],
             last_in_para: dict[int, _Cand], intro) -> _Resolved | None:
    """Speaker of a quote with no attribution of its own, from the quotes around it."""
    group = by_para.get(c.para.index, [])
    i = group.index(c)
    prev = next((g for g in reversed(group[:i]) if g.speaker), None)
    between = c.para.text[(prev.span.close or 0) + 1 : c.span.open] if prev is not None else ""
    split_quote = prev is not None and len(between.split()) <= 14 and any(
        w.strip(",.").lower() in SPEECH_VERBS for w in between.split())  # "“A,” says X, “B.”"
    if prev is not None and (c.sentence_initial or split_quote):
        return _Resolved(prev.speaker or "", f"same paragraph as the quote of {prev.speaker}", prev.named)
    if i > 0 or c.span.open > 2 or k == 0:
        return None
    # the quote opens its paragraph
    before = paras[k - 1]
    last = last_in_para.get(before.index)
    if last is not None and last.speaker:
        if c.continues:
            return _Resolved(last.speaker, "continues the quote of the paragraph before", last.named)
        end = (last.span.close + 1) if last.span.close is not None else len(before.text)
        if len(before.text[end:].split()) <= 12:
            return _Resolved(last.speaker, "follows a quote of the same speaker", last.named)
    r = intro(k)
    if r is not None:
        return _Resolved(r.speaker, f"introduced by the paragraph before ({r.evidence})", r.named)
    return None


# ---------------------------------------------------------------- grouping across articles
def is_verbatim(text: str, canonical: str) -> bool:
    """The wording equals the canonical wording, or is an exact excerpt of it, once typographic
    quotes, dashes and spaces are made plain and trailing , . ; : dropped (case and words count)."""
    t, c = normalise_wording(text), normalise_wording(canonical)
    return t == c or (bool(t) and t in c)


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
    """Groups of spans that carry the same quote (union-find over pairwise matches; two groups
    whose named speakers differ are never joined, not even through an unnamed mention)."""
    toks = [_tokens(s.text) for s in spans]
    norm = [" ".join(t) for t in toks]
    parent = list(range(len(spans)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(spans))}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(spans)):
        for j in range(i + 1, len(spans)):
            ri, rj = find(i), find(j)
            if ri == rj or not _same_quote(toks[i], toks[j], norm[i], norm[j]):
                continue
            if any(_speakers_clash(spans[x], spans[y]) for x in members[ri] for y in members[rj]):
                continue
            parent[rj] = ri
            members[ri].extend(members.pop(rj))
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


def _sentence_text(art: AnnotatedArticle | None, q: QuoteSpan) -> str | None:
    """The text of the sentence(s) that carry quote `q`."""
    if art is None or not 0 <= q.sentence < len(art.sentences):
        return None
    last = max(q.sentence, min(q.end_sentence, len(art.sentences) - 1))
    return " ".join(s.text for s in art.sentences[q.sentence : last + 1])


_SPLIT_GAP = re.compile(r"^[\"”’'\s]*,?[\"”’'\s]*(?P<words>[^.!?;:\"“”]{1,80}?),\s*[\"“‘']?\s*$")


def _join_split(spans: Sequence[QuoteSpan], by_id: dict[str, AnnotatedArticle]) -> list[QuoteSpan]:
    """“A,” X said, “b …” in one sentence, b opening in lower case or with and/but, is one quote
    interrupted by its attribution: the two spans become one (text "A, b …") for the brief.
    `extract_quotes` keeps them apart (the labels count the two parts)."""
    out: list[QuoteSpan] = []
    for q in spans:
        prev = out[-1] if out else None
        art = by_id.get(q.article)
        if (prev is not None and art is not None and prev.article == q.article and prev.speaker == q.speaker
                and prev.sentence == prev.end_sentence == q.sentence and prev.end <= q.start
                and not re.search(r"[.!?]['’\"”]?$", prev.text.strip())
                and re.match(r"(?:[a-z]|\[?(?:and|but)\b)", q.text)):
            s = art.sentences[q.sentence].text
            m = _SPLIT_GAP.match(s[prev.end : q.start])
            if m and len(m.group("words").split()) <= 8 and any(
                    fold(w).strip(",") in SPEECH_VERBS for w in m.group("words").split()):
                out[-1] = replace(prev, text=f"{prev.text.rstrip()} {q.text.lstrip()}", end=q.end,
                                  end_sentence=q.end_sentence, partial=prev.partial and q.partial)
                continue
        out.append(q)
    return out


def group_quotes(
    articles: Sequence[AnnotatedArticle],
    outlet_of: dict[str, str] | None = None,
    *,
    spans: Sequence[Sequence[QuoteSpan]] | None = None,
    settings: Settings | None = None,
) -> list[Quote]:
    """The brief's `quotes`: each quote once, with a mention per article that carries it.

    `articles` are the articles to read (the used ones); `outlet_of` maps article id to outlet
    (used to order the quotes: quoted by more outlets first). `spans` may pass quotes already
    extracted (one list per article) to skip the extraction.
    """
    outlet_of = outlet_of or {}
    per_article = list(spans) if spans is not None else extract_quotes_many(articles, settings=settings)
    by_id = {a.id: a for a in articles}
    flat = [s for lst in per_article for s in _join_split(lst, by_id)]
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
                                         verbatim=is_verbatim(m.text, canonical)))
        outlets = {outlet_of.get(m.article, m.article) for m in members}
        first = members[0]
        rank = (-len(outlets), -len({m.article for m in members}), order.get(first.article, 1 << 30), first.sentence, first.start)
        shown = re.sub(r"\s*[,;:]$", "", text.strip())  # the comma before "he said" is no part of the quote
        # partial: the shown wording is a phrase inside a reporter's sentence; that sentence goes with it
        carrier = next(m for m in members if normalise_wording(m.text) == canonical)
        partial = carrier.partial
        context = _sentence_text(by_id.get(carrier.article), carrier) if partial else None
        quotes.append((rank, Quote(speaker=_group_speaker(members), text=shown, mentions=mentions,
                                   partial=partial, context=context)))
    quotes.sort(key=lambda x: x[0])
    return [q for _, q in quotes]
