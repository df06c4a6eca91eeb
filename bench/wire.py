"""Wire-copy detection: realistic rewrites of raw_dev articles, hard negatives, untouched clusters, seeds.

    python bench/wire.py [--rewrites 180] [--seed 7] [--levels light,medium,heavy] [--negatives 60]
                         [--min-sentences 8] [--cache /tmp/storyweave-bench-wire] [--show 5]
    python bench/wire.py --mode easy [--strengths 0.3,0.6,1.0]     # the former, easy generator

What it measures
- Realistic rewrites (default, --mode real): an article of a raw_dev cluster is republished the
  way outlets republish a Reuters/AP/AFP story, at three levels (light / medium / heavy, equal
  shares, chosen in turn):
    * cut from the bottom to the first 75-100% / 55-85% / 40-70% of its sentences (never fewer
      than the lead and 4 more sentences);
    * whole paragraphs dropped (0-10% / 5-20% / 10-30%) and moved (0-1 / 1-2 / 2-4 moves);
    * sentences edited (35% / 65% / 90% of them, 1 / 1-2 / 2-3 edits each): synonyms, "said" ->
      "told reporters"/"stated", number formats (1,000 -> 1000, 5 -> five, percent -> %,
      $3 million -> $3m), weekday dropped, a leading or trailing clause trimmed, attribution
      flipped ("X, the minister said." -> "The minister said that x." / "According to ..."),
      contractions, an adverb inserted; a long edited sentence is sometimes split in two;
    * the first sentence replaced by the outlet's own lead (30% / 60% / 100%), otherwise reworked;
    * a new headline; the outlet's own paragraphs of context ("did not respond to a request for
      comment", background) (0-1 / 1-2 / 2-4); page furniture (share buttons, "Read more: ...",
      related links, captions, timestamps) (1-3 / 2-5 / 3-7 lines);
    * agency cues, the same chances at every level: for 3 in 5 rewrites an agency, then a
      "CITY (Agency) -" dateline (40%), a "told Agency" (40%), "Agency contributed to this
      report" / "With reporting by Agency" (about 40%).
  The generator was written from that description of real rewrites, before reading how
  wire.py scores pairs, and is not tuned to it. Half the rewrites go back into their own
  cluster (where the other articles are independent reports of the same event: hard
  negatives), the other half go with their source into another cluster. The pair (source,
  rewrite) must be reported; any other pair that involves the rewrite or the moved source is a
  false positive. Precision, recall and F1 are given per level and overall.
- Hard negatives (--negatives): in a cluster, article B (independent reporting of the event)
  gets 1-3 of article A's quotations (the same press conference) and sometimes one of A's
  factual sentences (figures reworded) pasted in. Any pair with the altered B is a false
  positive (B's own labelled natural copies excepted).
- Untouched clusters: every pair of original articles reported as a wire pair is listed. The
  pairs in NATURAL_WIRE were read and judged real copies of one source report (they count as
  true positives; any other reported natural pair counts as a false positive).
- Seeds: exactly one pair, 002 and 004, origin Reuters.

Precision, recall and F1 are over pairs. Articles are cleaned, annotated and embedded once
and cached under --cache (pickles keyed by content hash), so reruns take seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RAW_DEV = SHARED / "data" / "multinews" / "raw_dev.jsonl"
SEEDS = SHARED / "seeds"
sys.path.insert(0, str(ROOT / "src"))

from storyweave import wire  # noqa: E402
from storyweave.annotate import annotate_many  # noqa: E402
from storyweave.clean import clean  # noqa: E402
from storyweave.embed import get_embedder  # noqa: E402
from storyweave.ingest import from_text, read_clusters, read_file  # noqa: E402
from storyweave.settings import Settings  # noqa: E402

# Natural pairs in raw_dev (cluster id, document a, document b), read and judged one source
# report published twice: a sheriff's office release printed by two outlets (759), a Hollywood
# Reporter story and a rewrite of it (1403), one AP story on two sites (1935). Pairs read and
# judged NOT copies though they share sentences: 4647 #0/#1 (a local report pasting three AP
# background sentences), 4557 #0/#2 (shared quotations), 4210 #1/#2 (a statement quoted whole),
# 427 #0/#3 (the same embedded tweets), 2738 #0/#1 (two retellings of one press release, no
# sentence kept).
NATURAL_WIRE = {("test-759", 0, 1), ("test-1403", 0, 1), ("test-1935", 0, 1)}

# ---------------------------------------------------------------- easy rewriting (--mode easy, the former default)
SYNONYMS = {
    "said": ["stated", "told reporters", "added"], "says": ["notes", "stated"], "about": ["around", "roughly"],
    "more than": ["over"], "began": ["started"], "start": ["begin"], "because": ["as"], "however": ["but"],
    "people": ["individuals"], "told": ["informed"], "showed": ["indicated"], "shows": ["indicates"],
    "big": ["large"], "large": ["big"], "help": ["assist"], "buy": ["purchase"], "home": ["house"],
    "children": ["kids"], "car": ["vehicle"], "police": ["officers"], "killed": ["slain"], "died": ["was killed"],
    "announced": ["unveiled"], "several": ["a number of"], "also": ["additionally"], "after": ["following"],
    "before": ["prior to"], "near": ["close to"], "according to": ["per"], "officials": ["authorities"],
    "percent": ["%"], "U.S.": ["US"], "United States": ["U.S."], "million": ["m"], "women": ["females"],
    "major": ["key"], "expected": ["anticipated"], "try": ["attempt"], "need": ["require"], "show": ["demonstrate"],
}
_NUMWORDS = {"2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven", "8": "eight", "9": "nine"}
BOILERPLATE = [
    "Advertisement", "Share this article", "Sign up for our daily newsletter", "Follow us on Twitter",
    "Copyright 2019 Example Daily News. All rights reserved.", "Related: More stories from our news desk",
    "Image caption: A file picture", "Read more: Top stories this week", "Click here to subscribe",
    "Comments are closed.", "Story continues below advertisement",
]
CITIES = ["WASHINGTON", "NEW YORK", "LONDON", "LOS ANGELES", "CHICAGO", "PARIS"]


def _edit_sentence(s: str, rng: random.Random, strength: float) -> str:
    # Synonym swaps.
    keys = [k for k in SYNONYMS if re.search(rf"\b{re.escape(k)}\b", s)]
    rng.shuffle(keys)
    for k in keys[: rng.randint(0, 1 + int(3 * strength))]:
        s = re.sub(rf"\b{re.escape(k)}\b", rng.choice(SYNONYMS[k]), s, count=1)
    # Number formatting.
    if rng.random() < 0.5:
        s = re.sub(r"(?<=\d),(?=\d{3})", "", s)
    if rng.random() < 0.4:
        s = re.sub(r"\b([2-9])\b(?![.,:]\d)", lambda m: _NUMWORDS[m.group(1)], s, count=1)
    # Trim a trailing or leading clause.
    if rng.random() < 0.35 * strength:
        parts = s.rsplit(", ", 1)
        if len(parts) == 2 and len(parts[0].split()) >= 6 and not re.search(r"[\"“”]", parts[1]):
            s = parts[0].rstrip(",;") + "."
    if rng.random() < 0.2 * strength:
        m = re.match(r"^(?:On|In|At|By|After|Earlier|Meanwhile|However)[^,]{0,40}, (\w)(.*)$", s)
        if m:
            s = m.group(1).upper() + m.group(2)
    return s


def rewrite(sentences: list[str], rng: random.Random, agency: str | None, strength: float) -> tuple[str, dict]:
    """A rewritten article (plain text, paragraphs) and the operations applied.

    `strength` scales every edit: 0.3 light, 1.0 the heaviest of the default mix, 2.0 a stress
    test (up to 2/3 of the sentences dropped, many moves, most clauses trimmed).
    """
    n = len(sentences)
    keep = list(range(n))
    # Cut the tail (wire copies are often trimmed from the bottom).
    if rng.random() < 0.5:
        keep = keep[: max(6, int(n * rng.uniform(0.5, 0.9)))]
    # Drop some sentences (never the lead).
    drop = int(len(keep) * rng.uniform(0.0, 0.3 * strength + 0.05))
    for k in rng.sample(keep[1:], min(drop, max(0, len(keep) - 6))):
        keep.remove(k)
    # Partial reordering: move a few sentences, swap neighbours.
    moves = rng.randint(0, 1 + int(3 * strength))
    for _ in range(moves):
        if len(keep) < 4:
            break
        a = rng.randrange(1, len(keep))
        x = keep.pop(a)
        keep.insert(max(1, min(len(keep), a + rng.randint(-4, 4))), x)
    out = [_edit_sentence(sentences[k], rng, strength) for k in keep]
    ops = {"strength": strength, "kept": len(keep), "of": n, "moves": moves}
    # Agency cues.
    if agency and rng.random() < 0.5:
        out[0] = f"{rng.choice(CITIES)} ({agency}) - {out[0]}"
        ops["dateline"] = agency
    if agency and rng.random() < 0.4:
        for k, s in enumerate(out):
            if re.search(r"\bsaid\b", s):
                out[k] = re.sub(r"\bsaid\b", f"told {agency}", s, count=1)
                ops["told"] = agency
                break
    # Paragraphs of one or two sentences, boilerplate lines between them.
    paras: list[str] = []
    k = 0
    while k < len(out):
        step = 1 if rng.random() < 0.6 else 2
        paras.append(" ".join(out[k : k + step]))
        k += step
    for _ in range(rng.randint(1, 4)):
        paras.insert(rng.randrange(1, len(paras) + 1), rng.choice(BOILERPLATE))
    if agency and rng.random() < 0.3:
        paras.append(f"{agency} contributed to this report.")
    return "\n\n".join(paras), ops


# ---------------------------------------------------------------- realistic rewriting (default)
# The way outlets republish a Reuters/AP/AFP story: keep the first 40-100% of it (by level), drop
# or move whole paragraphs, write a new headline and usually a new first sentence, edit many
# sentences (synonyms, attribution verbs, number formats, clause trims, attribution flipped,
# a long sentence split), add paragraphs of their own (context, "did not respond") and page
# furniture (share buttons, "Read more", related links, captions), and sometimes keep or add
# an agency cue. Written from that description only, not from the detector.
LEVELS: dict[str, dict] = {
    # keep: share of the source kept from the top; drop: share of kept paragraphs removed;
    # moves: paragraph moves; edit: share of sentences edited; ops: edits per edited sentence;
    # lead: chance the first sentence is replaced by the outlet's own; own: own paragraphs;
    # furniture: page-furniture lines.
    "light": dict(keep=(0.75, 1.0), drop=(0.0, 0.10), moves=(0, 1), edit=0.35, ops=(1, 1), lead=0.3,
                  own=(0, 1), furniture=(1, 3)),
    "medium": dict(keep=(0.55, 0.85), drop=(0.05, 0.20), moves=(1, 2), edit=0.65, ops=(1, 2), lead=0.6,
                   own=(1, 2), furniture=(2, 5)),
    "heavy": dict(keep=(0.40, 0.70), drop=(0.10, 0.30), moves=(2, 4), edit=0.90, ops=(2, 3), lead=1.0,
                  own=(2, 4), furniture=(3, 7)),
}
MIN_KEPT = 5  # a rewrite keeps at least the lead and 4 more source sentences (fewer is a citation, not a copy)

SYN2 = {
    "said": ["told reporters", "stated", "noted", "said on Monday", "explained"], "says": ["notes", "stated"],
    "about": ["around", "roughly", "some"], "more than": ["over", "upwards of"], "began": ["started", "kicked off"],
    "because": ["as", "since"], "however": ["but", "though"], "people": ["individuals", "persons"],
    "told": ["informed"], "showed": ["indicated", "revealed"], "shows": ["indicates", "reveals"],
    "big": ["large", "major"], "large": ["big", "sizeable"], "help": ["assist", "aid"], "buy": ["purchase", "acquire"],
    "home": ["house", "residence"], "children": ["kids", "youngsters"], "car": ["vehicle"], "police": ["officers", "law enforcement"],
    "killed": ["slain", "left dead"], "died": ["was killed", "lost their life"], "announced": ["unveiled", "revealed"],
    "several": ["a number of", "multiple"], "also": ["additionally", "too"], "after": ["following", "in the wake of"],
    "before": ["prior to", "ahead of"], "near": ["close to", "not far from"], "according to": ["per", "citing"],
    "officials": ["authorities"], "expected": ["anticipated", "set"], "try": ["attempt", "seek"], "need": ["require"],
    "show": ["demonstrate"], "major": ["key", "significant"], "increase": ["rise", "jump"], "decrease": ["drop", "fall"],
    "rose": ["climbed", "went up"], "fell": ["dropped", "declined"], "plan": ["proposal", "scheme"], "new": ["fresh"],
    "government": ["administration", "authorities"], "company": ["firm"], "president": ["leader"], "asked": ["requested"],
    "would": ["will"], "could": ["may", "might"], "week": ["seven days"], "statement": ["release"], "meeting": ["talks"],
    "country": ["nation"], "city": ["town"], "group": ["organization"], "attack": ["assault"], "support": ["backing"],
    "received": ["got"], "during": ["amid", "over"], "until": ["till"], "while": ["whereas"], "earlier": ["previously"],
    "first": ["initial"], "last": ["previous"], "many": ["numerous", "lots of"], "some": ["certain"], "found": ["discovered"],
}
CONTRACT = [("did not", "didn't"), ("does not", "doesn't"), ("is not", "isn't"), ("was not", "wasn't"),
            ("do not", "don't"), ("will not", "won't"), ("cannot", "can't"), ("have not", "haven't")]
ADVERBS = ["reportedly", "now", "also", "still", "already", "apparently"]
NUMWORDS = {"2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven", "8": "eight", "9": "nine",
            "10": "ten"}
WORDNUMS = {v: k for k, v in NUMWORDS.items()}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _swap_synonym(s: str, rng: random.Random) -> str:
    keys = [k for k in SYN2 if re.search(rf"\b{re.escape(k)}\b", s)]
    if not keys:
        return s
    k = rng.choice(keys)
    return re.sub(rf"\b{re.escape(k)}\b", rng.choice(SYN2[k]), s, count=1)


def _numbers(s: str, rng: random.Random) -> str:
    opts = []
    if re.search(r"(?<=\d),(?=\d{3})", s):
        opts.append(lambda x: re.sub(r"(?<=\d),(?=\d{3})", "", x))
    if re.search(r"\b([2-9]|10)\b(?![.,:]\d)", s):
        opts.append(lambda x: re.sub(r"\b([2-9]|10)\b(?![.,:]\d)", lambda m: NUMWORDS[m.group(1)], x, count=1))
    if re.search(r"\b(two|three|four|five|six|seven|eight|nine|ten)\b", s):
        opts.append(lambda x: re.sub(r"\b(two|three|four|five|six|seven|eight|nine|ten)\b",
                                     lambda m: WORDNUMS[m.group(1)], x, count=1))
    if re.search(r"\bpercent\b|\bper cent\b", s):
        opts.append(lambda x: re.sub(r"\s?\b(?:percent|per cent)\b", rng.choice(["%", " per cent"]), x, count=1))
    if re.search(r"\$\d+(?:\.\d+)? (?:million|billion)\b", s):
        opts.append(lambda x: re.sub(r"(\$\d+(?:\.\d+)?) (million|billion)\b",
                                     lambda m: m.group(1) + ("m" if m.group(2) == "million" else "bn"), x, count=1))
    if re.search(r"\b\d+(?:\.\d+)? (?:million|billion)\b", s):
        opts.append(lambda x: re.sub(r"\b(\d+(?:\.\d+)?) (million|billion)\b",
                                     lambda m: f"{m.group(1)} {m.group(2)}" if rng.random() < 0.5 else
                                     f"some {m.group(1)} {m.group(2)}", x, count=1))
    return rng.choice(opts)(s) if opts else s


def _flip_attribution(s: str, rng: random.Random) -> str:
    # 'X happened, the minister said.' -> 'The minister said X happened.' / 'According to ..., X happened.'
    m = re.match(r"^(?P<body>[^\"“”]{20,}?),\s+(?P<who>(?:[A-Z]\w+|the|a|an)(?:\s[\w.’'-]+){0,5}?)\s+(?P<v>said|says|told [\w ]{2,20}?|added)\.?$", s)
    if not m:
        return s
    body = m.group("body").strip()
    who = m.group("who")
    who_cap = who[0].upper() + who[1:]
    body_l = body[0].lower() + body[1:] if not re.match(r"^[A-Z]{2}|^[A-Z]\w+\s[A-Z]", body) else body
    if rng.random() < 0.5:
        return f"{who_cap} {m.group('v')} that {body_l}."
    return f"According to {who}, {body_l}."


def _trim_clause(s: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        m = re.match(r"^(?:On|In|At|By|After|Earlier|Meanwhile|However|Last|This|Since|During)[^,]{0,45}, (\w)(.*)$", s)
        if m:
            return m.group(1).upper() + m.group(2)
    parts = s.rsplit(", ", 1)
    if len(parts) == 2 and len(parts[0].split()) >= 6 and not re.search(r"[\"“”]", parts[1]):
        return parts[0].rstrip(",;") + "."
    return s


def _contract(s: str, rng: random.Random) -> str:
    for a, b in rng.sample(CONTRACT, len(CONTRACT)):
        if re.search(rf"\b{a}\b", s):
            return re.sub(rf"\b{a}\b", b, s, count=1)
        if b in s:
            return s.replace(b, a, 1)
    return s


def _adverb(s: str, rng: random.Random) -> str:
    m = re.search(r"\b(is|are|was|were|has|have|had|will)\b ", s)
    if not m:
        return s
    return s[: m.end()] + rng.choice(ADVERBS) + " " + s[m.end():]


def _weekday(s: str, rng: random.Random) -> str:
    m = re.search(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", s)
    if m:
        return s[: m.start()] + rng.choice(["", "this week", "earlier this week"]) + s[m.end():] \
            if rng.random() < 0.5 else s.replace(m.group(0), m.group(1), 1)
    return s


EDITS = [_swap_synonym, _swap_synonym, _swap_synonym, _numbers, _flip_attribution, _trim_clause, _contract,
         _adverb, _weekday]


def _tidy(s: str) -> str:
    s = re.sub(r"\s{2,}", " ", s).replace(" ,", ",").replace(" .", ".").strip()
    return s[0].upper() + s[1:] if s else s


def _split(s: str, rng: random.Random) -> list[str]:
    # A long sentence cut in two at a semicolon or ', and' / ', but' / ', which'.
    if len(s.split()) < 24 or re.search(r"[\"“”]", s):
        return [s]
    m = re.search(r"; |, and |, but |, which ", s[len(s) // 4: 3 * len(s) // 4])
    if not m:
        return [s]
    cut = len(s) // 4 + m.start()
    first = s[:cut].rstrip(",;") + "."
    rest = s[cut + len(m.group(0)):]
    lead = {"; ": "", ", and ": "", ", but ": "But ", ", which ": "This "}[m.group(0)]
    return [first, _tidy(lead + rest)]


def _names(sentences: list[str]) -> list[str]:
    found = []
    for s in sentences:
        for m in re.finditer(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\b", s):
            w = m.group(1)
            if m.start() > 0 and w not in WEEKDAYS and w.split()[0] not in {"The", "A", "An", "But", "In", "On",
                                                                            "He", "She", "It", "They", "We", "I"}:
                found.append(w)
    return found or ["Officials"]


OWN_LEADS = [
    "{n} is at the centre of a developing story that has drawn attention well beyond {m}.",
    "Fresh details emerged on {d} in the case involving {n}, raising new questions for {m}.",
    "Here is what we know so far about {n} and what happens next.",
    "{n} has found itself in the headlines again, and this time the stakes appear higher.",
    "A new twist in the saga surrounding {n} could have consequences for {m}, observers say.",
]
OWN_PARAS = [
    "{n} did not immediately respond to a request for comment from {o}.",
    "The development comes amid a broader debate over how {m} should respond.",
    "{o} has reached out to {n} for further comment and will update this story.",
    "Critics have long argued that {n} moved too slowly, while supporters say the response has been measured.",
    "It was not immediately clear what the next steps would be for {m}.",
    "This is not the first time {n} has drawn scrutiny; similar concerns were raised in previous years.",
    "Analysts contacted by {o} cautioned that the full picture may not be known for weeks.",
    "Readers in the region have been sharing their reactions on social media throughout the day.",
    "The story has been updated with additional details since it was first published.",
    "{m} has been in the spotlight for much of the year, with several related developments.",
]
FURNITURE = [
    "Share on Facebook", "Share on Twitter", "Email this article", "Share this article", "Get short URL",
    "Listen Live", "Advertisement", "Story continues below advertisement", "Sign up for our daily newsletter",
    "Follow us on Twitter @{ol}", "Read more: {h}", "RELATED: {h}", "Related stories", "Most read",
    "Copyright {y} {o}. All rights reserved.", "Image caption: {n} (file photo)", "Photo: Getty Images",
    "Comments ({c})", "Click here to subscribe", "{t} GMT {dd} June {y}", "Recommended for you",
    "Want more stories like this? Subscribe to our newsletter.",
]
OUTLETS = ["Daily Courier", "Metro Ledger", "The Northern Post", "Global Wire Digest", "City Herald", "Newsline 24"]


def rewrite_real(paragraphs: list[list[str]], rng: random.Random, agency: str | None, level: str,
                 outlet: str) -> tuple[str, dict]:
    """A republished rewrite of an article given as paragraphs of content sentences; and its ops.

    Steps: keep the first share of the paragraphs (by sentences), drop some paragraphs (never the
    first), move paragraphs, edit sentences, split long ones, replace or rework the lead, write a
    headline, add the outlet's own paragraphs, furniture and agency cues.
    """
    cfg = LEVELS[level]
    total = sum(len(p) for p in paragraphs)
    want = max(MIN_KEPT, int(round(total * rng.uniform(*cfg["keep"]))))
    paras: list[list[str]] = []
    n = 0
    for p in paragraphs:
        if n >= want:
            break
        paras.append(p[: want - n])
        n += len(paras[-1])
    # Drop paragraphs (never the first) while at least MIN_KEPT sentences remain.
    for _ in range(int(round(len(paras) * rng.uniform(*cfg["drop"])))):
        cands = [i for i in range(1, len(paras)) if n - len(paras[i]) >= MIN_KEPT]
        if not cands:
            break
        i = rng.choice(cands)
        n -= len(paras.pop(i))
    # Move paragraphs (the first stays first: it holds the lead, which is handled below).
    moves = rng.randint(*cfg["moves"])
    for _ in range(moves):
        if len(paras) < 3:
            break
        i = rng.randrange(1, len(paras))
        p = paras.pop(i)
        paras.insert(rng.randrange(1, len(paras) + 1), p)
    ops: dict = {"level": level, "kept": n, "of": total, "moves": moves}
    # Edit sentences.
    edited_n = 0
    out: list[list[str]] = []
    for p in paras:
        q = []
        for s in p:
            if rng.random() < cfg["edit"]:
                edited_n += 1
                for _ in range(rng.randint(*cfg["ops"])):
                    s = rng.choice(EDITS)(s, rng)
                s = _tidy(s)
                q.extend(_split(s, rng) if rng.random() < 0.3 else [s])
            else:
                q.append(s)
        out.append(q)
    ops["edited"] = edited_n
    names = _names([s for p in paras for s in p])
    fill = dict(n=rng.choice(names[:6]), m=rng.choice(names), o=outlet, ol=outlet.replace(" ", ""),
                d=rng.choice(WEEKDAYS), y=rng.choice([2017, 2018, 2019]), c=rng.randint(2, 300),
                t=f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}", dd=rng.randint(1, 28))
    # The lead: the outlet's own sentence instead of the wire's, or the wire's reworked.
    if rng.random() < cfg["lead"]:
        out[0][0] = rng.choice(OWN_LEADS).format(**fill)
        ops["lead"] = "replaced"
    else:
        s = out[0][0]
        for f in (_flip_attribution, _trim_clause, _swap_synonym, _swap_synonym):
            s = f(s, rng)
        out[0][0] = _tidy(s)
        ops["lead"] = "reworked"
    # Headline: the outlet's own, built from a name and a phrase of the body.
    words = re.sub(r"[\"“”]", "", rng.choice([s for p in out for s in p])).split()
    headline = " ".join(w[:1].upper() + w[1:] for w in words[: rng.randint(5, 9)]).rstrip(",;:.")
    fill["h"] = rng.choice(OWN_LEADS).format(**fill).rstrip(".")
    # Own paragraphs in between.
    own = rng.randint(*cfg["own"])
    for t in rng.sample(OWN_PARAS, own):
        out.insert(rng.randrange(1, len(out) + 1), [t.format(**fill)])
    ops["own"] = own
    # Agency cues (same chances at every level).
    if agency:
        if rng.random() < 0.4:
            out[0][0] = f"{rng.choice(CITIES)} ({agency}) - {out[0][0]}"
            ops["dateline"] = agency
        if rng.random() < 0.4:
            for p in out[1:]:
                hit = next((k for k, s in enumerate(p) if re.search(r"\b(said|told reporters|stated)\b", s)), None)
                if hit is not None:
                    p[hit] = re.sub(r"\b(said|told reporters|stated)\b", f"told {agency}", p[hit], count=1)
                    ops["told"] = agency
                    break
        if rng.random() < 0.25:
            out.append([f"{agency} contributed to this report."])
            ops["contributed"] = agency
        elif rng.random() < 0.2:
            out.append([f"With reporting by {agency}."])
            ops["contributed"] = agency
    # Paragraphs as text; furniture lines around and between them.
    text_paras = [" ".join(p) for p in out]
    furn = rng.randint(*cfg["furniture"])
    for _ in range(furn):
        text_paras.insert(rng.randrange(0, len(text_paras) + 1), rng.choice(FURNITURE).format(**fill))
    ops["furniture"] = furn
    return headline + "\n\n" + "\n\n".join(text_paras), ops


def independent_with_shared_quotes(a_sents: list[tuple[str, bool]], b_paras: list[list[str]],
                                   rng: random.Random) -> tuple[str, dict] | None:
    """A hard negative: article B (independent reporting of the same event, same cluster) with
    1-3 of A's quotations (same press conference) and at most one of A's factual sentences
    (a shared statement, figures reworded) pasted in at random places. Not a copy of A."""
    quotes = [s for s, q in a_sents if q or re.search(r"[\"“”].{15,}[\"“”]", s)]
    facts = [s for s, q in a_sents if not q and not re.search(r"[\"“”]", s) and re.search(r"\d", s)]
    if not quotes:
        return None
    paras = [list(p) for p in b_paras]
    added = rng.sample(quotes, min(len(quotes), rng.randint(1, 3)))
    if facts and rng.random() < 0.5:
        added.append(_tidy(_numbers(_swap_synonym(rng.choice(facts), rng), rng)))
    for s in added:
        i = rng.randrange(0, len(paras))
        paras[i].insert(rng.randrange(0, len(paras[i]) + 1), s)
    return "\n\n".join(" ".join(p) for p in paras), {"shared": len(added)}


# ---------------------------------------------------------------- annotate + embed, cached
class Cache:
    def __init__(self, folder: Path, settings: Settings) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.settings = settings
        self._emb = None

    def _key(self, raw) -> Path:
        h = hashlib.sha1((raw.input + "\0" + raw.text).encode()).hexdigest()[:20]
        return self.folder / f"{h}.pkl"

    def get_many(self, raws: list) -> list[tuple]:
        out: list[tuple | None] = [None] * len(raws)
        todo = []
        for k, raw in enumerate(raws):
            p = self._key(raw)
            if p.exists():
                out[k] = pickle.loads(p.read_bytes())
            else:
                todo.append(k)
        if todo:
            if self._emb is None:
                self._emb = get_embedder(self.settings)
            anns = annotate_many([clean(raws[k]) for k in todo], self.settings)
            for k, ann in zip(todo, anns):
                vec = self._emb.encode([s.text for s in ann.sentences])
                out[k] = (ann, vec)
                self._key(raws[k]).write_bytes(pickle.dumps((ann, vec)))
        return out  # type: ignore[return-value]


# ---------------------------------------------------------------- scoring
def _pairs(groups) -> set[tuple[int, int]]:
    return {p for g in groups for p in _combos(g)}


def _combos(members: list[int]) -> list[tuple[int, int]]:
    return [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]


def _run(items: list[tuple]) -> tuple[list[list[int]], list]:
    anns = [x[0] for x in items]
    vecs = [x[1] for x in items]
    ids = [str(k) for k in range(len(items))]
    groups, pairs = wire.wire_groups(anns, vecs, ids=ids)
    return [[int(i) for i in g.articles] for g in groups], pairs


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _ev_text(ev) -> str:
    if ev is None:
        return "no evidence"
    keys = ("chain", "near", "near_prose", "coverage", "reason")
    parts = []
    for k in keys:
        v = getattr(ev, k, None)
        if v is None:
            continue
        if isinstance(v, (list, tuple)):
            v = len(v)
        parts.append(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}")
    return ", ".join(parts)


def _paragraphs(ann, min_words: int = 5) -> list[list[str]]:
    paras: dict[int, list[str]] = {}
    for s in ann.sentences:
        if not s.boilerplate and len(s.text.split()) >= min_words:
            paras.setdefault(s.paragraph, []).append(s.text)
    return [paras[k] for k in sorted(paras)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=["real", "easy"], default="real",
                    help="real: realistic rewrites at --levels (default); easy: the former generator")
    ap.add_argument("--rewrites", type=int, default=180)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/storyweave-bench-wire"))
    ap.add_argument("--min-sentences", type=int, default=8, help="shortest source article (content sentences)")
    ap.add_argument("--levels", default="light,medium,heavy", help="realistic levels, used in turn")
    ap.add_argument("--strengths", default="0.3,0.6,1.0", help="easy mode: edit strengths (2.0 = stress test)")
    ap.add_argument("--negatives", type=int, default=60, help="hard negatives (shared quotes), one per cluster at most")
    ap.add_argument("--show", type=int, default=5, help="print this many missed rewrites and false pairs")
    args = ap.parse_args()
    settings = Settings()
    cache = Cache(args.cache, settings)
    rng = random.Random(args.seed)
    levels = args.levels.split(",")
    strengths = [float(x) for x in args.strengths.split(",")]
    t0 = time.perf_counter()

    clusters = [c for c in read_clusters(RAW_DEV, settings)]
    clusters = [(c.id, [a for a in c.articles if a.text.strip()]) for c in clusters]
    items = {cid: cache.get_many(arts) for cid, arts in clusters}

    # ---- untouched clusters
    nat_tp = nat_fp = 0
    nat_reported: list[tuple[str, int, int, str]] = []
    t_detect = 0.0
    n_detect = 0
    for cid, arts in clusters:
        live = [k for k, (ann, vec) in enumerate(items[cid]) if ann.sentences]
        t = time.perf_counter()
        groups, _ = _run([items[cid][k] for k in live])
        t_detect += time.perf_counter() - t
        n_detect += 1
        for a, b in _pairs(groups):
            key = (cid, live[a], live[b])
            ok = key in NATURAL_WIRE
            nat_tp += ok
            nat_fp += not ok
            nat_reported.append((cid, live[a], live[b], "labelled copy" if ok else "NOT labelled"))
    nat_fn = len(NATURAL_WIRE - {(c, a, b) for c, a, b, _ in nat_reported})

    # ---- synthetic rewrites
    sources = []
    for cid, arts in clusters:
        for k, (ann, vec) in enumerate(items[cid]):
            paras = _paragraphs(ann)
            if sum(len(p) for p in paras) >= args.min_sentences:
                sources.append((cid, k, paras))
    rng.shuffle(sources)
    chosen = [sources[i % len(sources)] for i in range(args.rewrites)]
    raws = []
    specs = []
    for n, (cid, k, paras) in enumerate(chosen):
        agency = rng.choice([None, None, "Reuters", "AP", "AFP"])
        if args.mode == "real":
            outlet = rng.choice(OUTLETS)
            text, ops = rewrite_real(paras, rng, agency, levels[n % len(levels)], outlet)
        else:
            text, ops = rewrite([s for p in paras for s in p], rng, agency, rng.choice(strengths))
            ops["level"] = f"strength {ops['strength']}"
        raws.append(from_text(text, input=f"rewrite#{n}", outlet=f"rewrite-{n}"))
        other = rng.choice([c for c, _ in clusters if c != cid]) if n % 2 else cid
        specs.append((cid, k, other, ops))

    # ---- hard negatives: independent reports of one event sharing quotations
    neg_raws = []
    neg_specs = []
    order = list(clusters)
    rng.shuffle(order)
    for cid, arts in order:
        if len(neg_specs) >= args.negatives:
            break
        live = [j for j in range(len(items[cid])) if items[cid][j][0].sentences]
        pairs_ab = [(a, b) for a in live for b in live if a != b
                    and (cid, min(a, b), max(a, b)) not in NATURAL_WIRE
                    and sum(len(p) for p in _paragraphs(items[cid][b][0])) >= 5]
        rng.shuffle(pairs_ab)
        for a, b in pairs_ab:
            a_sents = [(s.text, s.has_quote) for s in items[cid][a][0].sentences
                       if not s.boilerplate and len(s.text.split()) >= 5]
            made = independent_with_shared_quotes(a_sents, _paragraphs(items[cid][b][0], 1), rng)
            if made:
                neg_raws.append(from_text(made[0], input=f"negative#{len(neg_specs)}", outlet=f"negative-{cid}"))
                neg_specs.append((cid, a, b, made[1]))
                break
    all_new = cache.get_many(raws + neg_raws)
    rw_items, neg_items = all_new[: len(raws)], all_new[len(raws):]
    t_prep = time.perf_counter() - t0

    tp = fp = fn = 0
    missed: list[str] = []
    false: list[str] = []
    by_level: dict[str, list[int]] = {}  # level -> [tp, fp, fn]
    for n, ((cid, k, other, ops), rw) in enumerate(zip(specs, rw_items)):
        base = [items[other][j] for j in range(len(items[other])) if items[other][j][0].sentences]
        if other == cid:
            src_pos = [j for j in range(len(items[cid])) if items[cid][j][0].sentences].index(k)
            pool = base + [rw]
        else:
            src_pos = len(base)
            pool = base + [items[cid][k], rw]
        rw_pos = len(pool) - 1
        t = time.perf_counter()
        groups, pairs = _run(pool)
        t_detect += time.perf_counter() - t
        n_detect += 1
        found = _pairs(groups)
        want = (min(src_pos, rw_pos), max(src_pos, rw_pos))
        hit = want in found
        tp += hit
        fn += not hit
        row = by_level.setdefault(ops["level"], [0, 0, 0])
        row[0] += hit
        row[2] += not hit
        involved = {src_pos, rw_pos} if other != cid else {rw_pos}
        # A natural copy of the source is a copy of the rewrite too (same cluster only).
        partners = {src_pos, rw_pos}
        if other == cid:
            live = [j for j in range(len(items[cid])) if items[cid][j][0].sentences]
            partners |= {live.index(j) for (c, a, b) in NATURAL_WIRE if c == cid and k in (a, b)
                         for j in (a, b) if j in live}
        extra = [p for p in found if p != want and (p[0] in involved or p[1] in involved)
                 and not (p[0] in partners and p[1] in partners)]
        fp += len(extra)
        row[1] += len(extra)
        if not hit:
            ev = next((e for e in pairs if (e.a, e.b) == want), None)
            missed.append(f"rewrite#{n} of {cid}#{k} in {other} {ops}: {_ev_text(ev)}")
        for p in extra:
            ev = next((e for e in pairs if (e.a, e.b) == p), None)
            false.append(f"rewrite#{n} ({ops['level']}) of {cid}#{k} in {other}: pair {p}: {_ev_text(ev)}")

    neg_fp = 0
    neg_false: list[str] = []
    for (cid, a, b, info), nb in zip(neg_specs, neg_items):
        live = [j for j in range(len(items[cid])) if items[cid][j][0].sentences]
        pool = [nb if j == b else items[cid][j] for j in live]
        pb = live.index(b)
        partners = {live.index(j) for (c, x, y) in NATURAL_WIRE if c == cid and b in (x, y) for j in (x, y)}
        t = time.perf_counter()
        groups, pairs = _run(pool)
        t_detect += time.perf_counter() - t
        n_detect += 1
        for p in _pairs(groups):
            if pb in p and not (p[0] in partners | {pb} and p[1] in partners | {pb}):
                neg_fp += 1
                ev = next((e for e in pairs if (e.a, e.b) == p), None)
                neg_false.append(f"negative {cid} #{b} (+{info['shared']} of #{a}'s sentences): pair "
                                 f"#{live[p[0]]} ~ #{live[p[1]]}: {_ev_text(ev)}")

    # ---- seeds
    seed_raws = [read_file(p, settings)[0] for p in sorted(SEEDS.glob("*.txt"))]
    seed_items = cache.get_many(seed_raws)
    t = time.perf_counter()
    sg, seed_pairs_ev = wire.wire_groups([x[0] for x in seed_items], [x[1] for x in seed_items],
                                         ids=[Path(r.input).name[:3] for r in seed_raws])
    t_seeds = time.perf_counter() - t

    print(f"mode {args.mode}, seed {args.seed}: {len(specs)} rewrites ({sum(1 for s in specs if s[0] == s[2])} in their "
          f"own cluster, {sum(1 for s in specs if s[0] != s[2])} moved with their source to another cluster)")
    for lv in sorted(by_level, key=lambda x: (levels.index(x) if x in levels else 99, x)):
        a, b, c = by_level[lv]
        p, r, f = prf(a, b, c)
        print(f"  {lv:>14}: TP {a:3d}  FP {b:2d}  FN {c:3d}  ->  precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    p, r, f = prf(tp, fp, fn)
    print(f"  {'all rewrites':>14}: TP {tp:3d}  FP {fp:2d}  FN {fn:3d}  ->  precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    print(f"hard negatives (independent report + shared quotations): {len(neg_specs)}, false pairs {neg_fp}")
    p, r, f = prf(tp, fp + neg_fp, fn)
    print(f"SYNTHETIC (rewrites + hard negatives): precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    print(f"untouched raw_dev clusters: {len(clusters)}; pairs reported {len(nat_reported)} "
          f"(labelled copies found {nat_tp}/{len(NATURAL_WIRE)}, unlabelled {nat_fp})")
    for row in sorted(nat_reported):
        print(f"  {row[0]} #{row[1]} ~ #{row[2]}: {row[3]}")
    P, R, F = prf(tp + nat_tp, fp + neg_fp + nat_fp, fn + nat_fn)
    print(f"all pairs (synthetic + natural): precision {P:.3f}  recall {R:.3f}  F1 {F:.3f}")
    seed_pairs = [g.articles for g in sg]
    ok = seed_pairs == [["002", "004"]] and sg[0].origin == "Reuters"
    print(f"seeds: groups {seed_pairs}, origin {[g.origin for g in sg]} -> {'OK' if ok else 'WRONG'}")
    names = [Path(r.input).name[:3] for r in seed_raws]
    for ev in seed_pairs_ev:
        if (names[ev.a], names[ev.b]) == ("002", "004"):
            print(f"  seed pair 002~004: {_ev_text(ev)}")
    print(f"detection time: {1000 * t_detect / max(1, n_detect):.1f} ms per cluster on average "
          f"({n_detect} clusters), seeds {1000 * t_seeds:.1f} ms; preparation (clean/annotate/embed, cached) "
          f"{t_prep:.0f} s")
    for line in missed[: args.show]:
        print("  missed:", line)
    for line in (false + neg_false)[: args.show]:
        print("  false:", line)


if __name__ == "__main__":
    main()
