"""A study as the catalogue holds it: typed, immutable, read by attribute.

A record that passes the shape check (schema and dates) becomes a `Study` once, through
`Study.from_data`; every later stage reads attributes, never string paths. Each field's meaning
is documented once, in the descriptions of catalogue/record.schema.json (the field guide in
CONTRIBUTING.md is generated from them); tests/model/test_study.py keeps the classes and the
schema in step: the same fields, required exactly where the schema requires them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any, ClassVar

KeyPath = tuple[str | int, ...]

TERM_FIELDS: dict[tuple[str, ...], str] = {
    ("design",): "designs",
    ("population", "species"): "species",
    ("exposure", "substances"): "exposures",
    ("topics",): "topics",
    ("findings", "outcome"): "outcomes",
    ("findings", "direction"): "directions",
    ("claims", "*", "stance"): "stances",
    ("curation", "found_via"): "search-sources",
    ("funding", "types"): "funding-types",
    ("appraisal", "judged_from"): "appraisal-sources",
    ("appraisal", "domains", "*", "judgement"): "bias-judgements",
    ("appraisal", "overall", "judgement"): "bias-judgements",
}
"""Record field -> vocabulary: values there must be its terms (`Study.terms` yields them)."""


@dataclass(frozen=True, slots=True)
class Author:
    """A curated author string ('Garcia-Romeu A') split into family name and initials.

    A group name ('WHO Expert Committee on Drug Dependence') has no initials.
    """

    name: str
    family: str
    initials: str

    @classmethod
    def parse(cls, name: str) -> Author:
        name = " ".join(name.split())
        family, _, last = name.rpartition(" ")
        if family and 1 <= len(last) <= 4 and last.isalpha() and last.isupper():
            return cls(name, family, last)
        return cls(name, name, "")

    @property
    def is_group(self) -> bool:
        return not self.initials

    @property
    def given(self) -> str:
        """Initials as a given name with points: 'CP' -> 'C. P.'."""
        return " ".join(f"{letter}." for letter in self.initials)


@dataclass(frozen=True, slots=True)
class Citation:
    schema_path: ClassVar[str] = "citation"
    title: str
    year: int
    authors: tuple[Author, ...] = ()
    et_al: bool = False
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None


@dataclass(frozen=True, slots=True)
class Identifiers:
    schema_path: ClassVar[str] = "ids"
    pmid: str | None = None
    pmcid: str | None = None
    doi: str | None = None
    url: str | None = None
    registrations: tuple[str, ...] = ()

    def items(self) -> Iterator[tuple[KeyPath, str, str]]:
        """(key path, handler kind, value) for every identifier the record gives."""
        for kind in ("pmid", "pmcid", "doi", "url"):
            value = getattr(self, kind)
            if value is not None:
                yield ("ids", kind), kind, value
        for index, number in enumerate(self.registrations):
            yield ("ids", "registrations", index), "registrations", number


@dataclass(frozen=True, slots=True)
class Population:
    schema_path: ClassVar[str] = "population"
    species: str
    n: int | None = None
    setting: str | None = None
    countries: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Exposure:
    schema_path: ClassVar[str] = "exposure"
    substances: tuple[str, ...]
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    schema_path: ClassVar[str] = "findings"
    outcome: str
    direction: str
    summary: str


@dataclass(frozen=True, slots=True)
class ClaimStance:
    """A study's stance on one claim of claims.yaml, with the reason that names its finding."""

    schema_path: ClassVar[str] = "claims.*"
    claim: str
    stance: str
    reason: str


@dataclass(frozen=True, slots=True)
class Judgement:
    """A risk-of-bias judgement (a term of bias-judgements) and what it rests on."""

    schema_path: ClassVar[str] = "appraisal.overall"
    judgement: str
    reason: str


@dataclass(frozen=True, slots=True)
class DomainJudgement:
    """The judgement of one domain of the design's bias tool."""

    schema_path: ClassVar[str] = "appraisal.domains.*"
    domain: str
    judgement: str
    reason: str


@dataclass(frozen=True, slots=True)
class Appraisal:
    """Risk of bias by domain, and overall, with what it was judged from."""

    schema_path: ClassVar[str] = "appraisal"
    judged_from: str
    domains: tuple[DomainJudgement, ...]
    overall: Judgement

    def judgement_of(self, domain: str) -> DomainJudgement | None:
        return next((d for d in self.domains if d.domain == domain), None)


@dataclass(frozen=True, slots=True)
class Funding:
    schema_path: ClassVar[str] = "funding"
    types: tuple[str, ...]
    statement: str | None = None
    conflicts: str | None = None


@dataclass(frozen=True, slots=True)
class Lead:
    """An identifier seen where it does not count as verified (an address, a mirror)."""

    schema_path: ClassVar[str] = "curation.leads"
    kind: str
    value: str
    seen_at: str


@dataclass(frozen=True, slots=True)
class Curation:
    schema_path: ClassVar[str] = "curation"
    added: datetime.date
    by: str
    verified_from: tuple[str, ...]
    found_via: tuple[str, ...] = ()
    leads: tuple[Lead, ...] = ()
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class Study:
    """One study record. `claims` is None when the record has no `claims` key (not judged yet)
    and empty when the curators judged that it bears on no claim (`claims: {}`)."""

    schema_path: ClassVar[str] = ""
    id: str
    citation: Citation
    ids: Identifiers
    design: str
    population: Population
    exposure: Exposure
    topics: tuple[str, ...]
    findings: tuple[Finding, ...]
    curation: Curation
    claims: tuple[ClaimStance, ...] | None = None
    sample: str | None = None
    limitations: str | None = None
    appraisal: Appraisal | None = None
    funding: Funding | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Study:
        """The study in a record that passed the shape check (schema and dates)."""
        citation, ids, population = data["citation"], data["ids"], data["population"]
        exposure, curation = data["exposure"], data["curation"]
        claims = data.get("claims")
        return cls(
            id=data["id"],
            citation=Citation(
                title=citation["title"],
                year=citation["year"],
                authors=tuple(Author.parse(a) for a in citation.get("authors", ())),
                et_al=citation.get("et_al") is True,
                journal=citation.get("journal"),
                volume=citation.get("volume"),
                issue=citation.get("issue"),
                pages=citation.get("pages"),
            ),
            ids=Identifiers(
                pmid=ids.get("pmid"),
                pmcid=ids.get("pmcid"),
                doi=ids.get("doi"),
                url=ids.get("url"),
                registrations=tuple(ids.get("registrations", ())),
            ),
            design=data["design"],
            population=Population(
                species=population["species"],
                n=population.get("n"),
                setting=population.get("setting"),
                countries=tuple(population.get("countries", ())),
            ),
            exposure=Exposure(tuple(exposure["substances"]), exposure.get("description")),
            topics=tuple(data["topics"]),
            findings=tuple(
                Finding(f["outcome"], f["direction"], f["summary"]) for f in data["findings"]
            ),
            curation=Curation(
                added=datetime.date.fromisoformat(curation["added"]),
                by=curation["by"],
                verified_from=tuple(curation["verified_from"]),
                found_via=tuple(curation.get("found_via", ())),
                leads=tuple(
                    Lead(lead["kind"], lead["value"], lead["seen_at"])
                    for lead in curation.get("leads", ())
                ),
                notes=curation.get("notes"),
            ),
            claims=None if claims is None else tuple(_stances(claims)),
            sample=data.get("sample"),
            limitations=data.get("limitations"),
            appraisal=_appraisal(data["appraisal"]) if "appraisal" in data else None,
            funding=Funding(
                tuple(data["funding"]["types"]),
                data["funding"].get("statement"),
                data["funding"].get("conflicts"),
            )
            if "funding" in data
            else None,
        )

    def to_data(self) -> dict[str, Any]:
        """The record's data again, keys in the schema's order: what the JSON export holds."""
        return _plain(self)

    def stance_on(self, claim: str) -> ClaimStance | None:
        return next((s for s in self.claims or () if s.claim == claim), None)

    def terms(self) -> Iterator[tuple[KeyPath, str, str]]:
        """(key path, vocabulary, term) for every controlled-vocabulary value in the record."""
        yield ("design",), "designs", self.design
        yield ("population", "species"), "species", self.population.species
        for index, term in enumerate(self.exposure.substances):
            yield ("exposure", "substances", index), "exposures", term
        for index, term in enumerate(self.topics):
            yield ("topics", index), "topics", term
        for index, finding in enumerate(self.findings):
            yield ("findings", index, "outcome"), "outcomes", finding.outcome
            yield ("findings", index, "direction"), "directions", finding.direction
        for stance in self.claims or ():
            yield ("claims", stance.claim, "stance"), "stances", stance.stance
        if self.funding:
            for index, term in enumerate(self.funding.types):
                yield ("funding", "types", index), "funding-types", term
        for index, term in enumerate(self.curation.found_via):
            yield ("curation", "found_via", index), "search-sources", term
        if self.appraisal:
            yield ("appraisal", "judged_from"), "appraisal-sources", self.appraisal.judged_from
            for domain in self.appraisal.domains:
                path = ("appraisal", "domains", domain.domain, "judgement")
                yield path, "bias-judgements", domain.judgement
            overall = self.appraisal.overall.judgement
            yield ("appraisal", "overall", "judgement"), "bias-judgements", overall


def _appraisal(data: dict[str, Any]) -> Appraisal:
    return Appraisal(
        data["judged_from"],
        tuple(DomainJudgement(k, v["judgement"], v["reason"]) for k, v in data["domains"].items()),
        Judgement(data["overall"]["judgement"], data["overall"]["reason"]),
    )


def _stances(claims: dict[str, Any]) -> Iterator[ClaimStance]:
    for claim, value in claims.items():
        yield ClaimStance(claim, value["stance"], value["reason"])


# Record order of the keys, where a class's field order differs from the schema's.
_RECORD_ORDER = {
    Study: (
        "id",
        "citation",
        "ids",
        "sample",
        "design",
        "population",
        "exposure",
        "topics",
        "findings",
        "claims",
        "limitations",
        "appraisal",
        "funding",
        "curation",
    ),
    Curation: ("added", "by", "verified_from", "found_via", "leads", "notes"),
    Citation: ("title", "authors", "et_al", "journal", "year", "volume", "issue", "pages"),
}


def _plain(value: Any) -> Any:
    """Dataclasses back to record data: absent optional fields are left out, as in YAML."""
    if isinstance(value, Author):
        return value.name
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple):
        if value and isinstance(value[0], ClaimStance):
            return {s.claim: {"stance": s.stance, "reason": s.reason} for s in value}
        if value and isinstance(value[0], DomainJudgement):
            return {d.domain: {"judgement": d.judgement, "reason": d.reason} for d in value}
        return [_plain(item) for item in value]
    if not hasattr(value, "__dataclass_fields__"):
        return value
    names = _RECORD_ORDER.get(type(value)) or tuple(f.name for f in fields(value))
    data: dict[str, Any] = {}
    for name in names:
        item = getattr(value, name)
        if item is None or (item == () and name != "claims") or item is False:
            continue
        data[name] = {} if name == "claims" and item == () else _plain(item)
    return data
