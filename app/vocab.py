"""Typed namespaces of the reskg ontology and its roles.

Generated from ontology/*.ttl by `python -m app.gen_vocab`; do not edit by hand.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class RESKG(DefinedNamespace):
    """Classes and properties of the reskg ontology."""

    _fail = True
    _NS = Namespace("https://w3id.org/reskg/ontology#")

    ActionLine: URIRef  # Action line
    AnnexItem: URIRef  # Annex item
    Body: URIRef  # Body
    Citation: URIRef  # Citation
    Clause: URIRef  # Clause
    Decision: URIRef  # Decision
    Document: URIRef  # Document
    Footnote: URIRef  # Footnote
    Instrument: URIRef  # Instrument
    Mandate: URIRef  # Mandate
    Meeting: URIRef  # Meeting
    OperativeParagraph: URIRef  # Operative paragraph
    Opinion: URIRef  # Opinion
    Recital: URIRef  # Recital
    Recommendation: URIRef  # Recommendation
    Resolution: URIRef  # Resolution
    ResolutionVersion: URIRef  # Resolution version
    Role: URIRef  # Role
    SourceText: URIRef  # Source text
    addressee: URIRef  # addressee
    addresseeText: URIRef  # addressee text
    adoptedAt: URIRef  # adopted at
    adoptedBy: URIRef  # adopted by
    citedAnnex: URIRef  # cited annex
    citedCode: URIRef  # cited code
    citedLabel: URIRef  # cited label
    citedParagraphs: URIRef  # cited paragraphs
    cites: URIRef  # cites
    citingVersion: URIRef  # citing version
    clauseNumber: URIRef  # clause number
    clauseOf: URIRef  # clause of
    end: URIRef  # end
    endDate: URIRef  # end date
    facilitators: URIRef  # facilitators
    facilitatorsVerified: URIRef  # facilitators verified
    hasText: URIRef  # has text
    heading: URIRef  # heading
    inClause: URIRef  # in clause
    inVersion: URIRef  # in version
    ituRole: URIRef  # ITU role
    line: URIRef  # line
    meetingOf: URIRef  # meeting of
    mentionsActionLine: URIRef  # mentions action line
    number: URIRef  # number
    place: URIRef  # place
    referenceKind: URIRef  # reference kind
    resolutionStatus: URIRef  # resolution status
    revises: URIRef  # revises
    role: URIRef  # role
    sourceFile: URIRef  # source file
    start: URIRef  # start
    startDate: URIRef  # start date
    statedLabel: URIRef  # stated label
    statedMeeting: URIRef  # stated meeting
    statusNote: URIRef  # status note
    suppressedAt: URIRef  # suppressed at
    target: URIRef  # target
    text: URIRef  # text
    verified: URIRef  # verified
    versionLabel: URIRef  # version label
    versionOf: URIRef  # version of
    year: URIRef  # year


class ROLE(DefinedNamespace):
    """Role concepts of `role:scheme`; hyphenated names via `ROLE[...]`."""

    _fail = True
    _NS = Namespace("https://w3id.org/reskg/role/")
    _extras = [
        "bearing-in-mind",  # bearing in mind
        "calls-upon",  # calls upon
        "considering-further",  # considering further
        "further-instructs",  # further instructs
        "further-invites",  # further invites
        "further-resolves",  # further resolves
        "having-considered",  # having considered
        "having-examined",  # having examined
        "having-noted",  # having noted
        "noting-also",  # noting also
        "noting-further",  # noting further
        "noting-with-appreciation",  # noting with appreciation
        "noting-with-concern",  # noting with concern
        "noting-with-satisfaction-and-appreciation",  # noting with satisfaction and appreciation
        "recalling-further",  # recalling further
        "recognizing-also",  # recognizing also
        "recognizing-further",  # recognizing further
        "resolves-further",  # resolves further
        "resolves-to-instruct",  # resolves to instruct
        "resolves-to-invite",  # resolves to invite
        "taking-into-account",  # taking into account
        "taking-into-account-also",  # taking into account also
        "taking-into-account-further",  # taking into account further
    ]

    annex: URIRef  # annex
    authorizes: URIRef  # authorizes
    aware: URIRef  # aware
    concerned: URIRef  # concerned
    confirms: URIRef  # confirms
    considering: URIRef  # considering
    convinced: URIRef  # convinced
    decides: URIRef  # decides
    emphasizing: URIRef  # emphasizing
    encourages: URIRef  # encourages
    expresses: URIRef  # expresses
    footnote: URIRef  # footnote
    instructs: URIRef  # instructs
    invites: URIRef  # invites
    mindful: URIRef  # mindful
    noting: URIRef  # noting
    observing: URIRef  # observing
    operative: URIRef  # operative
    preamble: URIRef  # preamble
    reaffirming: URIRef  # reaffirming
    recalling: URIRef  # recalling
    recognizing: URIRef  # recognizing
    recommends: URIRef  # recommends
    requests: URIRef  # requests
    resolves: URIRef  # resolves
    scheme: URIRef  # reskg roles
    urges: URIRef  # urges
    welcoming: URIRef  # welcoming
