"""Regular expressions for references, composed from named parts.

Each part says which real text needed it: the seeds (`000_…` Council style, `003_…` conference
style) and the PP-18 Final Acts. `find.py` runs the composed patterns; nothing here resolves.
"""

from __future__ import annotations

import re

# --- hyphens -----------------------------------------------------------------------------------

HYPHENS = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2212\ufe63\uff0d", "-"))
"""Hyphen look-alikes to "-", one character for one: "ITU\u2011R" (non-breaking hyphen, as web
pages print it) reads as "ITU-R". The finders match on the translated text and cut surfaces
from the text as written, so spans are unchanged. En and em dashes are punctuation, not
hyphens, and stay."""
HYPHEN_LOOKALIKE = re.compile("[\u2010\u2011\u2012\u2212\ufe63\uff0d]")

# --- body names --------------------------------------------------------------------------------

BODY_NAMES: dict[str, str] = {
    # "Resolution 71 (Rev. Guadalajara, 2010) of the Plenipotentiary Conference"
    "Plenipotentiary Conference": "PP",
    "PP": "PP",
    # "Resolution 9 (Rev. Buenos Aires, 2017) of WTDC"
    "World Telecommunication Development Conference": "WTDC",
    "WTDC": "WTDC",
    # "of the World Telecommunication Conference (WTDC)": a typo in the source for WTDC
    "World Telecommunication Conference (WTDC)": "WTDC",
    # "Resolution 75 (Rev. Dubai, 2012) of the World Telecommunication Standardization Assembly"
    "World Telecommunication Standardization Assembly": "WTSA",
    "WTSA": "WTSA",
    # "Resolution 61 (Geneva, 2012) of the Radiocommunication Assembly"; "… of RA";
    # "Resolution ITU-R 67 (Geneva, 2015) of the ITU Radiocommunication Assembly"
    "Radiocommunication Assembly": "RA",
    "RA": "RA",
    # "Resolution 646 (Rev.WRC-15) of the World Radiocommunication Conference (WRC)"
    "World Radiocommunication Conference": "WRC",
    "WRC": "WRC",
    # "Council Resolutions 1214, 1222 and 1244"; "ITU Council Resolution 1299 (2008)"
    "Council": "Council",
    # "United Nations Human Rights Council Resolution 20/8": not the ITU Council
    "Human Rights Council": "HRC",
    # "United Nations Security Council resolution 2202 (2015)": nor is this
    "Security Council": "UNSC",
    # "UNGA Resolution 70/125"; "Resolution 70/1 of the United Nations General Assembly (UNGA)"
    "United Nations General Assembly": "UNGA",
    "UN General Assembly": "UNGA",
    "General Assembly": "UNGA",
    "UNGA": "UNGA",
    # "ECOSOC Resolution 2012/24"
    "ECOSOC": "ECOSOC",
    # "Resolution 58/28 of the World Health Assembly, Geneva 2005": WHO's governing body, as
    # the General Assembly is the UN's
    "World Health Assembly": "WHO",
    # "Opinion 2 (Geneva, 2013) of WTPF"; "Opinion 4 (Lisbon, 2009) of the World
    # Telecommunication/ICT Policy Forum"
    "World Telecommunication/Information and Communication Technology (ICT) Policy Forum": "WTPF",
    "World Telecommunication/ICT Policy Forum": "WTPF",
    "WTPF": "WTPF",
    # "Resolution 4 (Dubai, 2012) of WCIT"
    "World Conference on International Telecommunications": "WCIT",
    "WCIT": "WCIT",
    # "… of ITU-D": a Sector's resolutions are its assembly's
    "ITU-D": "WTDC",
    "ITU-T": "WTSA",
    "ITU-R": "RA",
}
"""Body names and abbreviations as written, to registry body codes."""


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


# "of the World Telecommunication Development Conference (WTDC)": an optional abbreviation
# after the name is part of the phrase.
BODY = rf"(?:ITU\s+)?(?:{_alternation(list(BODY_NAMES))})(?:\s+\([A-Z][A-Za-z-]{{1,8}}\))?"
BODY_RE = re.compile(rf"(?<![\w-]){BODY}(?![\w-])")

# "of the World Health Organization", "of the Inter-American Telecommunication Commission
# (CITEL)": any organization named after a citation, so that a body the registry does not know
# is reported as such instead of being taken for the citing one. Capitalized words (and "and")
# ending in an organ's head noun, at least two words, an abbreviation after it. Tried after
# BODY, so that a known name is read whole ("World Conference on International …").
NAMED_BODY = (
    r"[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|and))*?\s+"
    r"(?:Assembly|Organization|Organisation|Council|Conference|Commission|Committee|Board)"
    r"(?![\w-])(?:\s+\([A-Z][A-Za-z-]{1,8}\))?"
)

# "of this conference" (77 times in PP-18), "of the present Conference", "this assembly"
THIS_MEETING = r"(?:this|the\s+present)\s+(?:[Cc]onference|[Aa]ssembly)"

# --- version parens ----------------------------------------------------------------------------

YEAR = r"(?:19|20)\d\d"
# The codes ITU conferences are named by ("WRC-15", "WCIT-12", "PP-98"), with the world
# administrative radio conferences before 1993 ("WARC-79", "Mob-87", "Orb-88", "HFBC-87")
MEETING_CODES = (
    r"(?:WRC|WARC|RRC|WCIT|WTPF|WTSA|WTDC|PP|RA|WTSC|Mob|MOB|Orb|ORB|HFBC|Aer|AER|Mar|MAR|Sat|SAT)"
)
# "Buenos Aires", "Florianópolis", "Sharm el-Sheikh", "New Delhi"
PLACE = r"[A-Z][^\W\d_]+(?:[ -][^\W\d_]+){0,3}"

VERSION = (
    r"\(\s*(?:"
    # "(Rev.WRC-15)", "(WRC-2015)": a meeting named by its code, as WRC versions always are
    # (also "(WCIT-12)", "(Rev. PP-98)"); radio conferences before 1995 too: "(Mob-87)",
    # "(WARC-79)", "(Orb-88)". Only the codes of ITU conferences: "(SG-17)" is not a version.
    rf"(?P<coderev>Rev\.\s*)?(?P<codebody>{MEETING_CODES})-(?P<codeyear>\d\d|\d{{4}})"
    # "(C07)", "(Council-12)": a Council session; "(C-1997)" (sessions before 2000 in the
    # Council's own compendium),
    # "(C01, last amended C20)": a Council text as last amended at a later session
    r"|(?:Council[\s-]+|C-?)(?P<session>\d{4}|\d\d)"
    r"(?:,\s*last\s+(?:modified|amended)\s+C-?(?P<sessionlast>\d{4}|\d\d))?"
    # "(Modified 2013)", "(Rev. 2016)", "(MOD 2008)": a Council resolution as amended that year
    r"|(?P<mod>[Mm]odified|MODIFIED|Mod\.?|MOD\.?|[Aa]mended|Amend\.|Rev\.)\s*(?P<modyear>"
    + YEAR
    + r")"
    # "(2009)", "(1996, last modified 2001)", "(2016, last amended 2017)": Council resolutions
    r"|(?P<first>" + YEAR + r")(?:,\s*last\s+(?:modified|amended)\s+(?P<last>" + YEAR + r"))?"
    # "(Rev. Guadalajara, 2010)", "(Antalya 2006)" without comma, "(Rev. Antalya 2006)"
    # "(Rev. (Hammamet, 2016)": a doubled paren in the source
    # "(Rev Hyderabad, 2010)" without its full stop; "(R ev. Guadalajara, 2010)" split by a PDF;
    # "(Rev.Hammamet,2016)" without spaces, "(Rev.Dubai2014)" without a comma either; "(rev.
    # Johannesburg, 2008)"
    r"|(?P<rev>[Rr] ?(?:ev|EV)(?:\.\s*|\s+)(?:\(\s*)?)?(?P<place>"
    + PLACE
    + r")(?:\s*,\s*|\s*)(?P<year>"
    + YEAR
    + r")"
    r")\s*\)"
)
"""A version paren; exactly one alternative's groups are set."""

# --- resolution citations ----------------------------------------------------------------------

# A conference's provisional (committee) number, before the plenary gives the final one:
# "Resolution COM5/4 (Antalya, 2006)", "Resolution PLEN/7", "Decision GT-PLEN/A"
PROVISIONAL_NUMBER = r"[A-Z]{2,}\d?(?:-[A-Z]{2,}\d?)*/(?:\d{1,3}|[A-Z])"

# "Resolution 140", "Resolution 70/125" (UNGA), "ECOSOC Resolution 2012/24",
# "Resolution ITU-R 61", "Resolution ITU-R 48-2"; "ITU–R" with an en dash (PDF conversions)
# "resolution A/RES/70/125": the United Nations' full symbol, read as 70/125 (also as a
# document symbol: "Resolution A/52/250 of the United Nations General Assembly"); the General
# Assembly's numbers before 1976 carry the session in Roman numerals: "2665 (XX)"
UN_SESSION = r"\s\([IVXL]{1,6}\)"
UN_SYMBOL = rf"\d+/\d+[A-Z]?|\d{{1,4}}{UN_SESSION}"
"""A United Nations resolution number, as NUMBER reads it (one pattern there, for speed)."""
SESSION_NUMBER = re.compile(rf"(?P<number>\d+){UN_SESSION}")
"""A General Assembly number with its session in Roman numerals, as NUMBER reads it."""
NUMBER = (
    rf"(?:ITU[-–]?(?P<sector>[RT])\s*(?=\d))?(?:A/(?:RES/)?)?"
    rf"(?P<num>\d+(?:/\d+[A-Z]?|{UN_SESSION}|-\d+)?|{PROVISIONAL_NUMBER})(?![\w/])"
)

VERSION_RE = re.compile(VERSION)
_VERSION_NOGROUPS = re.sub(r"\(\?P<\w+>", "(?:", VERSION)

# "Resolution 140 of Plenipotentiary Conference (Antalya, 2006)": body BEFORE the paren, no "the";
# not "Resolution 70/1 of the United Nations General Assembly (UNGA)"
BODY_BEFORE_VERSION = rf"\s+of\s+(?:the\s+)?(?P<inbody>{BODY})(?=\s*{_VERSION_NOGROUPS})"

ITEM = rf"{NUMBER}(?:{BODY_BEFORE_VERSION})?(?:\s*(?P<version>{VERSION}))?"
"""One number of a list with its own version paren, if any."""

_ITEM_NOGROUPS = re.sub(r"\(\?P<\w+>", "(?:", ITEM)

# "Resolutions 101, 102 and 133 (…)", "Resolutions 1, 2, and 3", "Resolutions 47 and 48 (…) and
# 49, 50 and 75 (…)"
LIST_SEPARATOR = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"

# "Council Resolution 1334", "ITU Council Resolution 1299", "UNGA Resolution 70/125",
# "United Nations General Assembly (UNGA) Resolution 70/1", "ECOSOC Resolution 2012/24",
# "in its Resolution 140": a body or "its" before the head word; a meeting's code: "WTDC-17
# Resolution 37", "PP-18 Resolution 71"
PREFIX = rf"(?:(?P<prefix>{BODY}|its)(?:-(?P<prefixcode>\d{{4}}|\d\d))?\s+)"

# "Annex 2 to Resolution 71 (Rev. Dubai, 2018)", "Annex 1 to Decision 5 (Rev. Dubai, 2018)"
ANNEX = r"(?:Annex\s+(?P<annex>\d+|[A-Z])\s+(?:to|of)\s+)"

# "Decision 5 (Rev. Dubai, 2018)", "Recommendation 7", "Opinion 1 (Geneva, 2013) of WTPF"
# "Res. 71 (Rev. Dubai, 2018)"; "Resolution26 (Rev.WRC-07)", "Resolution951(Rev.WRC-07)":
# spaces a PDF conversion lost (not before a year: "Resolution2018"); the UN's own lower-case
# style before a UN number only: "General Assembly resolution 70/125", "resolution 1721 (XVI)",
# "Security Council resolution 2202 (2015)"; not "the draft resolution 5"
HEAD = (
    r"(?:(?P<head>Resolution|Decision|Recommendation|Opinion)s?(?:\s+|(?=\d{1,3}(?!\d)))"
    r"|(?P<abbrev>Res\.)\s*"
    r"|(?P<lower>resolution)s?\s+(?=(?:A/)?\d+(?:/\d|\s\((?:[IVXL]+|(?:19|20)\d\d)\))))"
)

# After the list: "of the Plenipotentiary Conference", "of this conference", "adopted by the ITU
# Council", "of WTDC (Dubai, 2014)"; "Resolution 1143 adopted by the ITU Council at its 1999
# session"; "Decision 482 modified by the Council at its 2002 session"; "Council Resolution
# 1305, adopted at its 2009 session"; a session or meeting year
# right after the body: "Resolution 1158 of Council 2000", "Resolution 1179 of Council 01",
# "of WTDC-14"; a place and year without paren: "of the World Health Assembly, Geneva 2005";
# the session first: "Resolution 1306 of the 2009 session of the ITU Council"
TRAILING_BODY = (
    r"(?:,?\s+(?:"
    rf"(?:of|(?:adopted|modified|amended|revised)\s+by)\s+(?:the\s+)?(?:(?P<this>{THIS_MEETING})"
    rf"|(?P<body>{BODY}|{NAMED_BODY})"
    rf"(?:\s+(?P<bodyyear>{YEAR})|(?<=Council)\s+(?P<councilcode>\d\d)|-(?P<bodycode>\d{4}|\d\d))?"
    r"(?![\w/])"
    rf"(?:\s*(?P<postversion>{VERSION.replace('?P<', '?P<post_')})"
    rf"|,\s+(?P<postplace>{PLACE}),?\s+(?P<postyear>{YEAR})(?![\w/]))?)"
    rf"|of\s+the\s+(?P<sessionof>{YEAR})\s+session\s+of\s+(?:the\s+)?(?P<sessionbody>{BODY})"
    r"))?"
    rf"(?:,?\s+(?:adopted\s+)?at\s+its\s+(?P<atsession>{YEAR})\s+session)?"
)

# "Resolutions 15 (Rev. Hyderabad, 2010), on applied research …, 20 (Rev. Hyderabad, 2010), on
# non-discriminatory access … and 37 (Rev. Dubai, 2014), on bridging the digital divide": list
# members that each carry their own version, with a description ("…, on …") between them. The
# description stays within the sentence and names no other citation; the next member must be a
# number with its own version paren.
_NUMBER_NOGROUPS = re.sub(r"\(\?P<\w+>", "(?:", NUMBER)
DESCRIBED_NEXT = re.compile(
    r",\s+on\s+(?:(?!Resolution|Decision|Recommendation|Opinion|\.\s)[^;]){1,300}?"
    rf"{LIST_SEPARATOR}(?=(?:{_NUMBER_NOGROUPS})\s*{_VERSION_NOGROUPS})"
)

# A Council session named earlier in the sentence of a citation without a version: "that the
# ordinary session of the Council in 2016 accepted … and approved Council Decision 588"; "the
# Council adopted at its 2015 session Decision 584"; "the 2016 session of the Council approved
# Decision 588". The words between name no other body (checked by the finder).
_COUNCIL = r"(?:the\s+)?(?:ITU\s+)?Council"
SESSION_BEFORE = re.compile(
    r"(?:"
    rf"(?:session\s+of\s+{_COUNCIL}\s+in\s+(?P<in>{YEAR})"
    rf"|(?P<of>{YEAR})\s+session\s+of\s+{_COUNCIL}"
    rf"|(?<![\w-])Council,?\s+at\s+its\s+(?P<at>{YEAR})\s+session,?)"
    r"(?P<between>[^;.]{0,150}?)\s(?:adopted|approved)"
    rf"|(?<![\w-])Council,?\s+(?:adopted|approved)\s+at\s+its\s+(?P<adjacent>{YEAR})\s+session,?"
    r")\s+\Z"
)

# Every finder scans for a literal TRIGGER (fast), matches its MAIN pattern there, and looks for
# optional words BEFORE the trigger in a short window (a pattern anchored at the window's end).

# literal alternatives only: a character class first ("[Rr]esolution") makes the scan 3x slower
CITATION_TRIGGER = re.compile(r"Resolution|resolution|Decision|Recommendation|Opinion|Res\.")
CITATION_BEFORE = re.compile(rf"(?<![\w-]){ANNEX}?{PREFIX}?\Z")
CITATION_BEFORE_HINT = re.compile(
    r"(?:(?<![\w-])(?:"
    + "|".join(sorted({re.escape(name.split()[-1]) for name in BODY_NAMES} | {"its", "to", "of"}))
    + r")|\([A-Z][A-Za-z-]{1,8}\)|-\d\d|-\d{4})\s*\Z"
)
"""How the text just before a head word ends when CITATION_BEFORE can match there: a body's
last word, "its", an annex's "to"/"of", an abbreviation in brackets ("(UNGA)"), a meeting code
("WTDC-17"); not a clause label ("a) Resolution 71"), which is where most heads stand."""
CITATION = re.compile(
    rf"(?<![\w-]){HEAD}"
    rf"(?P<list>{_ITEM_NOGROUPS}(?:{LIST_SEPARATOR}{_ITEM_NOGROUPS})*)"
    rf"{TRAILING_BODY}"
)
"""A citation of one or more numbered resolutions, decisions, recommendations or opinions."""

ITEM_RE = re.compile(ITEM)
"""Matched from the start of a CITATION's `list` group, then after each separator."""
SEPARATOR_RE = re.compile(LIST_SEPARATOR)

# The sentence's subject, set off by a comma, before a citation that names no body or version:
# "the Plenipotentiary Conference (Minneapolis, 1998), by Resolution 88, resolved"
SUBJECT_BEFORE = re.compile(
    rf"(?<![\w-])(?P<owner>{BODY})(?:\s*(?P<version>{_VERSION_NOGROUPS}))?\s*,\s+(?:by|in)\s+\Z"
)

# "the Plenipotentiary Conference, in its Resolution 140 (…)"; "UNGA, in its Resolution 70/125";
# "the United Nations General Assembly in its Resolution 70/186": who "its" is
ITS_OWNER = re.compile(rf"(?P<owner>{BODY}|{THIS_MEETING})\s*,?\s+in\s+$")
# "that the Independent Management Advisory Committee advised, in its Recommendation 13/2016":
# the owner of "its" is the sentence's subject, an organization the registry may not know
ITS_SUBJECT = re.compile(
    r"(?P<owner>(?:[A-Z][\w-]*\s+){1,6}(?:Committee|Group|Board|Commission|Council|Conference"
    r"|Assembly|Forum|Organization|Bureau|Sector|Panel))\b[^.;()]{0,80}$"
)

# --- WSIS action lines -------------------------------------------------------------------------

# "C1" … "C11", not "C07/21" (a document) nor "C2-" (a sub-line id); after "Action Line" any
# "C" number is read, so that a code WSIS never had ("Action Line C14") is reported, not missed
ACTION_CODE = r"C[1-9]\d?(?![\w/-])"
# "C2 (Information and communication infrastructure)": a title after the code
ACTION_TITLE = r"(?:\s*\([A-Z][^()]{2,120}\))"
ACTION_SEPARATOR = (
    r"(?:\s*[,;]\s*(?:and\s+)?|\s+and\s+"
    # "Action Line C7, including its eight sub-action lines, and C11"; "C11, in which ITU is
    # now identified as a co-facilitator, as well as C8 and C9"
    r"|,[^;.()]{1,100}?,\s*(?:and|as\s+well\s+as)\s+|,?\s+as\s+well\s+as\s+)"
)
ACTION_TRIGGER = re.compile(r"ction\s+[Ll]ines?\b")
ACTION_BEFORE = re.compile(r"(?<!\w)WSIS\s+\Z")
ACTION_LINES = re.compile(
    # "WSIS Action Lines C1, C3, C4, C6, C7 and C11", "action lines C2 and C5",
    # "three different WSIS action lines: C2 (…); C5 (…); and C6 (…)"
    r"(?<!\w)[Aa]ction\s+[Ll]ines?:?\s+"
    rf"(?P<list>{ACTION_CODE}{ACTION_TITLE}?(?:{ACTION_SEPARATOR}{ACTION_CODE}{ACTION_TITLE}?)*)"
)
ACTION_ITEM = re.compile(rf"(?P<code>{ACTION_CODE}){ACTION_TITLE}?")

# --- paragraphs of WSIS outcome documents ------------------------------------------------------

# "§ 27", "§35 d)", "§ 102b", "§ 20(c)", "§ 13e)", "§ 78 a)", "§ 90 q)", "6.5"
PARAGRAPH_NUMBER = r"\d+(?:\.\d+)?(?:\s?[a-z]\)|\([a-z]\)|[a-z](?![\w)]))?"
PARAGRAPH_LIST = rf"{PARAGRAPH_NUMBER}(?:\s*(?:-|–|to|,\s*(?:and\s+)?|and)\s*{PARAGRAPH_NUMBER})*"
INSTRUMENTS: dict[str, str] = {
    # "§§ 113-118 of the Tunis Agenda", "§ 91 of the Tunis Agenda for the Information Society",
    # "§ 50 d) of the Tunis Agenda (2005)"
    "Tunis Agenda": "Tunis Agenda",
    # "(§§ 20-25 of the Tunis Commitment)"
    "Tunis Commitment": "Tunis Commitment",
    # "§ 64 of the Geneva Declaration of Principles"
    "Geneva Declaration of Principles": "Geneva Declaration of Principles",
    # "§ 20(c) of the Geneva Plan of Action", "§ 14 of the WSIS Geneva Plan of Action"
    "Geneva Plan of Action": "Geneva Plan of Action",
}
INSTRUMENT = (
    rf"(?:WSIS\s+)?(?P<instrument>{_alternation(list(INSTRUMENTS))})"
    r"(?:\s+for\s+the\s+Information\s+Society)?(?:\s+\(\d{4}\))?"
)
# "para 6.5 of WG-WSIS Report": any capitalized name after "of"
OTHER_INSTRUMENT = r"(?P<other>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4})"
PARAGRAPH_TRIGGER = re.compile(r"[§Pp](?:(?<=§)|ara)")
PARAGRAPHS = re.compile(
    r"(?<!\w)(?:"
    rf"(?P<sign>§§?)\s*(?P<paras>{PARAGRAPH_LIST})"
    rf"(?:\s+of\s+(?:the\s+)?(?:{INSTRUMENT}|{OTHER_INSTRUMENT}))?"
    # "paragraphs 29-82 of the Tunis Agenda" needs its "of …" to be a reference
    rf"|(?:[Pp]aragraphs?|[Pp]aras?\.?)\s+(?P<wparas>{PARAGRAPH_LIST})"
    rf"\s+of\s+(?:the\s+)?(?:{INSTRUMENT.replace('?P<', '?P<w')}"
    rf"|{OTHER_INSTRUMENT.replace('?P<', '?P<w')})"
    r")"
)
INSTRUMENT_MENTION = re.compile(INSTRUMENT)
"""Names a paragraph's instrument when "(§ 102b)" follows "the Tunis Agenda stated that …"."""

# --- documents ---------------------------------------------------------------------------------

DOCUMENT_CODE = (
    # "Council Document C07/21", "C14/24(Rev.1)"; "Document C2001/115" (2000 and 2001 sessions)
    r"(?:C(?:\d\d|20\d\d)/\d+(?:\s?\(Rev\.\s?\d+\))?"
    r"|PP-\s?\d\d/\d+"  # "Document PP-18/37"; "Document PP- 14/174" (a line-break split)
    r"|A/\d+/\d+"  # "Document A/72/492" (United Nations)
    r"|JIU/REP/\d{4}/\d+"  # "Document JIU/REP/2016/1"
    r"|\d+(?![\w/]))"  # "Document 167 of the Plenipotentiary Conference (Dubai, 2018)"
)
DOCUMENT_TRIGGER = re.compile(r"Documents?\s")
DOCUMENTS = re.compile(
    # "Documents C07/94 and C07/104"
    rf"(?<!\w)Documents?\s+(?P<list>{DOCUMENT_CODE}(?:{LIST_SEPARATOR}{DOCUMENT_CODE})*)"
)
DOCUMENT_ITEM = re.compile(DOCUMENT_CODE)

# --- references inside the same text -----------------------------------------------------------

ROLE_WORDS = (
    r"resolves|resolved|decides|instructs|invites|requests|encourages|calls\s+upon|urges"
    r"|recalling|considering|recognizing|noting|bearing\s+in\s+mind|emphasizing"
    r"|taking\s+into\s+account|having\s+regard\s+to|acknowledging|observing|highlighting"
)
# "resolves 2 above", "resolves 1, 2, 3, and 4 above", "considering c) ii) and e) above",
# "instructs the Secretary-General 4 above", "instructs the ITU Council 7 above"
CLAUSE_ITEM = r"(?:\d+|[a-z]\))(?:\s*[ivx]+\))?"
POINTER_TRIGGER = re.compile(r"[ab](?:bove|elow)\b")
POINTER = re.compile(r"(?<!\w)(?:above|below)\b")
POINTER_BEFORE = re.compile(
    rf"(?<![\w-])(?P<role>(?:(?:further\s+)?(?:{ROLE_WORDS})(?:\s+further)?)"
    r"(?:\s+(?:the|of|and|ITU|[A-Z][\w-]*)){0,10}?)"
    rf"\s+(?P<items>{CLAUSE_ITEM}(?:{LIST_SEPARATOR}{CLAUSE_ITEM})*)\s+\Z"
)
# "this resolution", "the Annex to this resolution", "Annex 2 to this resolution",
# "Annex 1 to this decision"
THIS_TRIGGER = re.compile(r"this\s+(?:resolution|decision|recommendation)\b")
THIS_INSTRUMENT = re.compile(r"(?<![\w-])this\s+(?P<what>resolution|decision|recommendation)\b")
THIS_BEFORE = re.compile(r"(?<![\w-])(?:the\s+)?[Aa]nnex(?:\s+(?P<annex>\d+|[A-Z]))?\s+to\s+\Z")
