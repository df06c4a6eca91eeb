"""clean: drop boilerplate lines from plain article text, keeping every removal with its reason.

Scraped news carries page furniture between the paragraphs: comment and subscription prompts,
image credits and captions, player notices, share widgets, bare timestamps, headings, related
headlines, tag lists, bylines, archive notices. The rules below are generic families of such
lines, not a list of phrases from any one site. trafilatura does this job for HTML (ingest uses
it there); for text that arrives already flattened there is no library that classifies lines, so
the line classifier is written here.

Rules look at a line and its neighbourhood (its block of consecutive lines, the line before).
Long prose lines are never dropped by a phrase match alone: a phrase such as "subscribe" inside a
40-word paragraph is content; only junk glued to the end of a prose line is cut off.
The title is the first heading, or a first line with no sentence end (in sentence case too:
"Calder Falls flood shuts food plant …") when the article goes on after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyweave.records import CleanArticle, RawArticle, Removed

# Lines longer than this (in words) count as prose: phrase rules do not drop them.
SHORT_LINE_WORDS = 30
HEADING_MAX_WORDS = 14
TITLE_MAX_WORDS = 24  # a first line without a sentence end, up to this long, before the article: its headline

_I = re.IGNORECASE


def _rx(*parts: str, flags: int = _I) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), flags)


# Each family: (reason, pattern). A short line (<= SHORT_LINE_WORDS) matching is dropped.
PHRASE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("archive notice", _rx(r"\bwayback machine\b", r"\binternet archive\b", r"\balexa internet\b",
                          r"\barchive\.org\b", r"\bno more 404\b", r"\bcrawl(ed|s)? (data|of)\b",
                          r"\barchived from the original\b")),
    ("comment prompt", _rx(r"\bleave a (reply|comment)\b", r"\bpost (a )?comments?\b",
                          r"\bcomments? (are|is) (closed|moderated|disabled)\b",
                          r"\bjoin the (conversation|discussion|debate)\b",
                          r"\bbe the first to comment\b", r"\bemail address will not be published\b",
                          r"\brequired fields are marked\b", r"\b(view|show|hide|load|read) (all )?\d* ?comments\b",
                          r"^\d+ comments?$", r"\bcommunity (standards|guidelines|rules)\b",
                          r"\bcomment policy\b", r"\bcomments? section\b", r"\bnotify me of\b",
                          r"\breport (this )?(comment|abuse)\b", r"^(reply|comments?|discussion)$")),
    ("subscription prompt", _rx(r"\bsubscribers? (are|is) eligible\b", r"\bsubscribe (now|today|to|for)\b",
                               r"\balready a subscriber\b", r"\bnewsletters?\b.*\b(sign up|subscribe|inbox)\b",
                               r"\b(sign up|signup) (for|to)\b.*\b(newsletter|emails?|alerts?|updates)\b",
                               r"\bdelivered (straight )?to your inbox\b", r"\bunlimited (digital )?access\b",
                               r"\bfree trial\b", r"\bsubscription\b.*\b(offer|required|needed)\b",
                               r"^subscribe$", r"\bsupport (our|independent) journalism\b",
                               r"\bbecome a (member|subscriber)\b")),
    ("account form", _rx(r"\b(forgot|reset|enter|confirm) (your )?password\b", r"^password\b",
                        r"^(user ?name|e-?mail( address)?)\s*[:*]?\s*$", r"\b(log|sign) ?in\b.*\b(account|register)\b",
                        r"\bcreate (an|your|a free) account\b", r"^(log ?in|sign ?in|register|log ?out|sign ?out)$",
                        r"\benter the characters\b", r"\bcaptcha\b", r"\bremember me\b")),
    ("image credit", _rx(r"image copyright", r"image caption", r"\bphoto(graph)? ?(credit|courtesy)\b",
                        r"^\(?(photo|image|picture|credit|photograph|pictured)s?\s*:", r"\(\s*(ap|afp|reuters|getty|epa) photo\b",
                        r"^(courtesy|credit)\b", r"\bvia (getty images|instagram|twitter|facebook|reuters|ap)\s*$",
                        r"^(file|file photo)\s*[-–—:]", r"\bfile photo\b.*\b(shows|is seen|in this)\b",
                        r"\b(getty images|shutterstock|wireimage|filmmagic|associated press|european pressphoto agency)\)?\s*$")),
    ("player notice", _rx(r"\bmedia playback is (unsupported|not supported)\b", r"media caption",
                         r"\byour (browser|device) (does not|doesn't) support\b", r"\b(enable|turn on) javascript\b",
                         r"^(watch|video|play video|listen|audio)\s*[:|]?\s*$", r"^play (facebook|twitter|video|audio)\b",
                         r"\bvideo (is|has) (loading|unavailable)\b", r"^now playing\b", r"\bautoplay\b")),
    ("share widget", _rx(r"\blisten live\b", r"\bget short url\b", r"^share (this|on|via|the|article|story)\b",
                        r"^(share|tweet|email|print|pin|whatsapp|facebook|twitter|reddit|linkedin|pinterest|messenger|flipboard|copy link|copy)$",
                        r"\bclick to (share|email|print)\b", r"\(opens in new window\)", r"\btweet with a location\b",
                        r"\badd location information to your tweets\b", r"^text size\b",
                        r"\b(follow|like) us on (facebook|twitter|instagram)\b", r"^(font size|a a a|print page)\b",
                        r"\bshare (this|on) (facebook|twitter)\b")),
    ("tag list", _rx(r"^(tags?|topics?|filed under|categor(y|ies)|related topics|keywords|more on)\s*:")),
    ("related links", _rx(r"^(related|related (coverage|content|articles?|stories|links|news|topics|video))\s*:?\s*$",
                         r"^(read|see|watch) (more|also|next|this)\b\s*:?", r"^more (from|on|stories|news)\b",
                         r"^(you (may|might) (also )?like|recommended( for you)?|most (popular|read|viewed)|trending( now)?|top stories|editor'?s picks)\b",
                         r"\bclick here\b", r"^(also|related) (read|see)\s*:", r"^\[.*\]$", r"^photos?\s*:\s*\S")),
    ("credit line", _rx(r"\bcontributed (to )?(this|the) (report|article|story)\b", r"^\(?(additional )?(reporting|editing|writing|compiled|produced) by\b",
                       r"^copyright\b", r"\ball rights reserved\b", r"©", r"\bmay not be (published|reproduced|broadcast)\b",
                       r"\bthis (story|article) (was )?(originally )?(published|appeared)\b", r"^(this|the) (story|article) has been updated\b")),
    ("advert", _rx(r"^advertisement\b", r"^(sponsored|promoted)( content| stories)?\s*$", r"\bstory continues below\b",
                  r"\bcontinue reading (the main story|below)\b", r"^ad\s*$", r"\badblock", r"\bad blocker\b")),
    ("navigation", _rx(r"\bcookies?\b.*\b(policy|consent|accept|use)\b", r"^(skip to|jump to|back to top|go to)\b", r"^(home|menu|search|close|next|previous|more)\s*$",
                      r"\bprivacy policy\b", r"\bterms (of use|of service|and conditions)\b", r"^(update|updated|breaking|exclusive|live|watch live)\s*:?\s*$")),
    ("social embed", _rx(r"pic\.twitter\.com/", r"^—\s*.*\(@\w+\)", r"https?://t\.co/")),
]

_MONTHS_RX = (r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
              r"september|october|november|december")

# Families so specific that they mark a line as furniture at any length (gallery captions and
# player blurbs are often long full sentences, recognisable only by their credit or widget cue).
STRONG_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("archive notice", _rx(r"\bwayback machine\b", r"\binternet archive\b", r"\balexa internet\b",
                          r"\bcrawls?\b.*\barchiv", r"\bno more 404\b")),
    ("image caption", _rx(r"\((?:[^()]{0,60}\b(?:photo|photograph|photographer|getty|associated press|reuters|afp|epa|"
                         r"images?|courtesy|ap)\b[^()]{0,40})\)\.?\s*$",
                         r"\bphoto: [A-Z][\w .,/-]{1,40}\.?$", r"\bin this (undated )?(file )?photo\b", r"\bfile photo\b",
                         r"^file\s*[-–—]", r"^(enlarge image|enlarge this image|close)\b", r"\bview slideshow\b",
                         r"^\d+ of \d+\.",  r"^\d{1,2}/\d{1,2} [A-Z]", r"\|\s*(getty|ap|reuters|afp)\b", r"^(photos?|images?|caption|gallery)\s*:", flags=0 | _I)),
    ("share widget", _rx(r"\badd location information to your tweets\b", r"\btweet with a location\b",
                        r"\bdelete your tweet location history\b")),
    # Case matters here: a photographer/agency credit in front of a caption.
    ("image caption", re.compile(r"^[A-Z][\w.'’-]+( [A-Z][\w.'’-]+){0,2} / [A-Z][\w ]{1,30}? [A-Z]|"
                                 r"^(Associated Press|Reuters|AFP|Getty Images|European Pressphoto Agency) [A-Z]")),
    # Widgets that no article sentence contains: a follow button, a form's error, a video player's
    # controls, a photo shop link. (A tweet's signature line, "Name (@handle) May 2, 2016", stays:
    # it is what attributes the embedded tweet's words to their author.)
    ("share widget", _rx(r"\badd .{1,40} as an interest\b", r"^invalid e-?mail( address)?\b", r"\bskip ad\b",
                        r"\bbuy photo\b", r"\ba friend wanted you to see this\b")),
    ("credit line", _rx(r"^(photos?|video|graphic|illustration)s? by [A-Z]", r"\bthis (story|article) appears in the .{1,40} issue of\b",
                       flags=0 | _I)),
    # A gallery caption opens with its date and runs straight into the picture's description
    # ("May 2, 2016 A man waves a flag ..."); prose puts a comma or "On" there.
    ("image caption", re.compile(rf"^(?:{_MONTHS_RX.title()})\.? \d{{1,2}}, \d{{4}} (?:A|An|The|[A-Z][a-z]+ [A-Z][a-z]+) ")),
    ("player notice", _rx(r"^just watched\b", r"\bhide caption\b", r"\b\d+ of \d+ photos\b", r"\bmust watch\b", r"^embed\b", r"\bmore news videos\b",
                         r"\bon the news hub\b", r"\breplay more videos\b")),
    ("subscription prompt", _rx(r"^breaking news emails\b", r"\bnewsletter sign[ -]?up\b", r"\bverify you'?re not a robot\b",
                               r"\bsign up for (our|the) .{0,40}newsletter\b")),
    ("timestamp", _rx(r"\b(posted|updated|published|last updated)\s*:\s*(mon|tue|wed|thu|fri|sat|sun)\w*,? ")),
    ("contact line", _rx(r"^(to reach|to contact|contact)\b.{0,60}\b(call|e-?mail|at)\b.*(@|\d{3}-\d{4})",
                        r"\bsend (an )?e-?mail to \S+@", r"^(write to|email|e-mail) .{0,40}\S+@\S+", r"^\S+@\S+\.\w+$",
                        r"^follow .{0,40}\b(for the latest|on twitter|on facebook)\b")),
    ("editor's note", _rx(r"^this (story|article|report) (has been|was) (corrected|updated|amended)\b",
                         r"^(this is an|an) expanded version of\b", r"^(correction|clarification|editor'?s note)\s*:",
                         r"^see (the latest|pictures|photos|more)\b", r"^(see|check out|read) the (full|complete|entire)\b",
                         r"^[A-Z][\w'’-]+( and [A-Z][\w'’-]+)? (reported|contributed) from [A-Z]")),
]

_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december"
_DAYS = "mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_TIME_WORDS = {
    *_MONTHS.split("|"), *_DAYS.split("|"), "am", "pm", "a", "p", "m", "gmt", "utc", "bst", "et", "est", "edt", "pt", "pst",
    "pdt", "ct", "cst", "cdt", "mt", "ist", "cet", "cest", "updated", "update", "published", "posted", "last", "modified",
    "at", "on", "ago", "hours", "hour", "minutes", "minute", "mins", "min", "days", "day", "h", "st", "nd", "rd", "th",
    "first", "today", "yesterday", "t", "z", "edited", "created", "date", "time", "by",
}
_AGENCIES = (r"getty|reuters|ap|afp|epa|associated press|shutterstock|wireimage|filmmagic|bloomberg|nbc|cbs|abc|cnn|"
             r"pool|rex|alamy|sipa|upi|xinhua|tass|anadolu|nurphoto|zuma|ians|pti|dpa|ani|efe")
_CREDIT_RE = re.compile(rf"^[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){{0,3}}\s*/\s*(\w+\s*)?({_AGENCIES})\b", _I)
_AGENCY_ONLY_RE = re.compile(rf"^\(?\s*({_AGENCIES})(\s+(images?|photos?|via getty images|/\s*\w+))?\s*\)?\s*$", _I)
_BYLINE_RE = re.compile(
    r"^(by|written by|story by|words by|reporting by|posted by|report by)\s+[A-Z][\w.'’-]+(\s+(van|de|da|von|[A-Z][\w.'’-]+)){0,4}"
    r"(\s*(,|\||-|–|—|and|&)\s*.*)?$",
    _I,
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z“\"])")
_QUESTION_START = re.compile(r"^(what|why|how|when|who|whom|whose|where|which|will|would|can|could|is|are|was|were|did|does|do|should|has|have)\b", _I)
_PAREN_LABEL_RE = re.compile(r"^\([^()]{1,80}\)$")
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
# Junk glued to the end of a prose line ("... on Monday.Image copyright Getty Images").
# Only a short tail without a sentence end counts: inside a long one-line document the same word
# may be followed by more body text, which must stay.
_GLUED_RE = re.compile(
    r"(?<=[.!?\"”’])\s*(image copyright|image caption|media caption|getty images|share this|advertisement)\b[^.!?]{0,60}$", _I
)


# Invisible characters scraped pages leave inside words: soft hyphens (U+00AD, a hyphenation hint
# that survives copy-paste: "\xadnotorious"), zero-width spaces and joiners, word joiners, BOMs.
# They print as nothing but split words for the tokenizer, NER and every phrase rule, so kept
# text drops them (removed lines keep their own text). Unicode has no "invisible" class that
# leaves real format characters alone (e.g. bidi marks), hence the explicit list.
_INVISIBLE_RE = re.compile("[\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff]")


def _normalize_line(line: str) -> str:
    """One line as paragraph text: invisible characters dropped, runs of whitespace made one space."""
    return re.sub(r"\s+", " ", _INVISIBLE_RE.sub("", line).strip()).strip()


@dataclass(frozen=True)
class LineVerdict:
    keep: bool
    reason: str | None = None


def _terminated(s: str) -> bool:
    """Ends like a sentence, looking through closing quotes and brackets."""
    return s.rstrip("\"”’')]»").endswith((".", "!", "?", "…", ":", ";"))


def _words(s: str) -> int:
    return len(s.split())


def _is_timestamp(s: str) -> bool:
    tokens = re.findall(r"[A-Za-z]+|\d+", s)
    if not tokens or len(tokens) > 14 or not any(t.isdigit() for t in tokens):
        return False
    return all(t.isdigit() or t.lower() in _TIME_WORDS for t in tokens)


def _letters(s: str) -> int:
    return sum(len(w) for w in _WORD_RE.findall(s))


def _is_heading(s: str, alone: bool) -> str | None:
    """A heading, section label or headline link: short, standing alone, no sentence end."""
    n = _words(s)
    letters = _WORD_RE.findall(s)
    if n <= HEADING_MAX_WORDS and letters and s.upper() == s and sum(len(w) for w in letters) >= 3:
        return "heading"  # ALL-CAPS label or headline
    if not alone:
        return None
    if not _terminated(s):
        if n <= HEADING_MAX_WORDS:
            return "heading"
        # Longer headline: mostly Capitalised Words, e.g. a related-story link.
        caps = sum(1 for w in letters if w[0].isupper())
        if n <= 24 and caps >= 0.6 * len(letters):
            return "headline"
    # Label lines that introduce a list: "Individual Award Winners:".
    if n <= 6 and s.endswith(":") and sum(1 for w in letters if w[0].isupper()) >= 0.6 * len(letters):
        return "heading"
    # Question sub-heads ("What happens next?") that are not quoted speech.
    if n <= 10 and s.endswith("?") and not re.search(r"[\"“”]", s) and _QUESTION_START.match(s):
        return "heading"
    return None


def classify_line(line: str, *, alone: bool = True, after_caption_marker: bool = False) -> LineVerdict:
    """Decide one stripped, non-blank line. `alone`: the line is a paragraph by itself."""
    s = line.strip()
    n = _words(s)
    if _letters(s) < 2:
        return LineVerdict(False, "separator or symbols")
    if re.fullmatch(r"(https?://|www\.)\S+", s):
        return LineVerdict(False, "bare link")
    if after_caption_marker and n <= 40:
        return LineVerdict(False, "image caption")
    # Strong cues hold for caption-sized lines, not for whole paragraphs of prose (preprocessed
    # corpora put a whole article on one line: one "file photo" must not drop it).
    if n <= 150 and _SENTENCE_END.findall(s).__len__() <= 3:
        for reason, rx in STRONG_RULES:
            if (n <= 90 or reason == "archive notice") and rx.search(s):
                return LineVerdict(False, reason)
    if n <= SHORT_LINE_WORDS:
        for reason, rx in PHRASE_RULES:
            if rx.search(s):
                return LineVerdict(False, reason)
        if _is_timestamp(s):
            return LineVerdict(False, "timestamp")
        if n <= 8 and (_CREDIT_RE.search(s) or _AGENCY_ONLY_RE.match(s)):
            return LineVerdict(False, "image credit")
        if n <= 16 and _BYLINE_RE.match(s) and not s.endswith((".", "!", "?")):
            return LineVerdict(False, "byline")
        if _PAREN_LABEL_RE.match(s) and n <= 12:
            return LineVerdict(False, "label")
        heading = _is_heading(s, alone)
        if heading:
            return LineVerdict(False, heading)
    return LineVerdict(True)


def sentence_boilerplate(sentence: str) -> str | None:
    """Reason if a single sentence is page furniture (a caption or widget text inside a paragraph)."""
    verdict = classify_line(sentence, alone=False)
    return None if verdict.keep else verdict.reason


def _blocks(lines: list[str]) -> list[list[int]]:
    """Indices of consecutive non-blank lines."""
    blocks: list[list[int]] = []
    cur: list[int] = []
    for i, line in enumerate(lines):
        if line.strip():
            cur.append(i)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def _is_wrapped_prose(lines: list[str]) -> bool:
    """A block of hard-wrapped prose: long lines broken mid-sentence."""
    if len(lines) < 2:
        return False
    body = lines[:-1]
    long_ = sum(1 for s in body if len(s.strip()) >= 45)
    unterminated = sum(1 for s in body if not _terminated(s))
    # Wrapped lines go on mid-sentence, so many continuation lines start in lower case.
    lower_starts = sum(1 for s in lines[1:] if s.strip()[:1].islower() or s.strip()[:1].isdigit())
    return long_ >= 0.7 * len(body) and unterminated >= 0.5 * len(body) and lower_starts >= 0.3 * len(body)


def _units(lines: list[str], removed: list[Removed]) -> list[tuple[list[int], str]]:
    """Paragraph units: (line indices, text). Wrapped prose is joined back into one unit
    (junk glued to the end of one of its lines is cut first and recorded in `removed`)."""
    units: list[tuple[list[int], str]] = []
    for block in _blocks(lines):
        block_lines = [_normalize_line(lines[i]) for i in block]
        if _is_wrapped_prose(block_lines):
            for k, i in enumerate(block[:-1]):
                glued = _GLUED_RE.search(block_lines[k])
                if glued and glued.start() > 0:
                    removed.append(Removed(text=glued.group(0).strip(), reason="glued boilerplate", line=i))
                    block_lines[k] = block_lines[k][: glued.start()].rstrip()
            units.append((list(block), " ".join(block_lines)))
        else:
            units.extend(([i], s) for i, s in zip(block, block_lines))
    # A sentence broken across a blank line (text pasted from PDFs): join it back.
    merged: list[tuple[list[int], str]] = []
    for idx, text in units:
        if merged:
            prev_idx, prev = merged[-1]
            if _words(prev) >= 8 and not _terminated(prev) and text[:1].islower():
                merged[-1] = (prev_idx + idx, f"{prev} {text}")
                continue
        merged.append((idx, text))
    return merged


def clean_text(text: str) -> tuple[list[str], list[Removed], str | None]:
    """Split `text` into kept paragraphs and removed lines; also return a title if one led the text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraphs: list[str] = []
    removed: list[Removed] = []
    title: str | None = None
    seen: set[str] = set()
    caption_pending = False
    first_content_seen = False
    first_line: tuple[str, Sequence[int]] | None = None
    for idx, s in _units(lines, removed):
        def record(reason: str) -> None:
            # One removal per original line, with the line's own text.
            removed.extend(Removed(text=lines[i].strip(), reason=reason, line=i) for i in idx)

        is_caption_marker = bool(re.search(r"(image|media) caption\s*$", s, _I))
        key = s.lower()
        if key in seen and _words(s) <= 40:
            record("repeated line")
            caption_pending = is_caption_marker
            continue
        seen.add(key)
        # Junk glued to the end of a sentence is cut first, so the sentence itself is judged.
        glued = _GLUED_RE.search(s)
        if glued and glued.start() > 0:
            body = s[: glued.start()].rstrip()
            verdict = classify_line(body, alone=True, after_caption_marker=caption_pending)
            if verdict.keep:
                removed.append(Removed(text=glued.group(0).strip(), reason="glued boilerplate", line=idx[-1]))
                paragraphs.append(body)
                first_content_seen = True
                caption_pending = False
                continue
        verdict = classify_line(s, alone=True, after_caption_marker=caption_pending)
        caption_pending = False
        if verdict.keep:
            if not first_content_seen and title is None and not _terminated(s) and 4 <= _words(s) <= TITLE_MAX_WORDS:
                first_line = (s, idx)  # a headline in sentence case, unless nothing follows it
            paragraphs.append(s)
            first_content_seen = True
            continue
        reason = verdict.reason or "boilerplate"
        if reason in ("heading", "headline") and not first_content_seen and title is None and _words(s) >= 4:
            title = s
            reason = "title"
        record(reason)
        caption_pending = is_caption_marker
    # The text opened with a line in sentence case and no sentence end, and the article goes on
    # after it: that line is the headline ("Calder Falls flood shuts food plant and rail line as
    # damage estimate reaches $15 million"), not the lede.
    if first_line is not None and len(paragraphs) > 1 and paragraphs[0] == first_line[0] and title is None:
        title = paragraphs.pop(0)
        removed.extend(Removed(text=lines[i].strip(), reason="title", line=i) for i in first_line[1])
        removed.sort(key=lambda r: r.line)
    return paragraphs, removed, title


def clean(article: RawArticle) -> CleanArticle:
    """Clean one article: body text (paragraphs separated by blank lines) plus the removed lines."""
    paragraphs, removed, title = clean_text(article.text)
    return CleanArticle(
        raw=article,
        text="\n\n".join(paragraphs),
        removed=removed,
        title=article.title or title,
    )
