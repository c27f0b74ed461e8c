"""Each claim against the studies that bear on it: its graded verdict, then the studies by stance
and strength of design."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.catalogue import Assessment, Claim, Gap
from .model import Study
from .terms import Term, Terms

STANCES = ("supports", "mixed", "contradicts")


@dataclass(frozen=True)
class Segment:
    """A run of studies of one tier within a stance's bar; x and width in percent."""

    tier: Term
    rank: int
    count: int
    x: float
    width: float

    @property
    def opacity(self) -> float:
        """Stronger designs are drawn darker: 1.0 for the strongest tier, fading by rank."""
        return round(max(0.25, 1 - 0.09 * self.rank), 2)


@dataclass(frozen=True)
class TallyCell:
    stance: Term
    count: int
    width: float


@dataclass(frozen=True)
class StanceGroup:
    stance: Term
    by_tier: list[tuple[Term, list[Study]]]
    segments: list[Segment]

    @property
    def count(self) -> int:
        return sum(len(studies) for _, studies in self.by_tier)


@dataclass(frozen=True)
class Rating:
    """A GRADE domain that moved the certainty, with the studies it rests on."""

    domain: Term
    change: int
    reason: str
    studies: list[Study]


@dataclass(frozen=True)
class KeyMessage:
    text: str
    studies: list[Study]


@dataclass(frozen=True)
class Verdict:
    """A claim's assessment as its page shows it."""

    text: str
    certainty: Term
    level: int
    """Filled marks of GRADE's four (high 4 ... very low 1); 0 when there is no evidence."""
    start: Term | None
    """Where the designs start the certainty (None without evidence)."""
    ratings: list[Rating]
    messages: list[KeyMessage]
    would_change: str
    last_reviewed: str
    reviewed_by: str


@dataclass(frozen=True)
class ClaimEvidence:
    id: str
    title: str
    statement: str
    supports_if: str
    contradicts_if: str
    groups: list[StanceGroup]
    rows: list[tuple[Term, list[TallyCell]]]
    """Tiers with at least one study (strongest first) and their count per stance."""
    gaps: tuple[Gap, ...] = ()
    verdict: Verdict | None = None
    """None when the catalogue publishes no assessment of the claim."""
    report_url: str | None = None
    """The repository's "report an error" form with this claim's id filled in."""

    @property
    def studies(self) -> list[Study]:
        """Every study that bears on the claim, in the page's order."""
        return [s for g in self.groups for _, studies in g.by_tier for s in studies]

    @property
    def count(self) -> int:
        return sum(g.count for g in self.groups)

    @property
    def summary(self) -> str:
        """'5 studies: 1 supports, 0 mixed, 4 contradicts', the bars in words."""
        noun = "study" if self.count == 1 else "studies"
        parts = ", ".join(f"{g.count} {g.stance.label.lower()}" for g in self.groups)
        return f"{self.count} {noun}: {parts}"


def claim_evidence(
    claim: Claim,
    studies: list[Study],
    terms: Terms,
    assessment: Assessment | None = None,
    report_url: str | None = None,
) -> ClaimEvidence:
    """The claim with its studies grouped by stance and tier (tiers in vocabulary order)."""
    stance_of = {s.id: st.stance.key for s in studies for st in s.stances if st.claim == claim.key}
    bearing = sorted(
        (s for s in studies if s.id in stance_of), key=lambda s: (s.tier_rank, -s.year, s.id)
    )
    widest = max((sum(1 for s in bearing if stance_of[s.id] == k) for k in STANCES), default=0)
    groups = [
        _group(
            terms.get("stances", key), [s for s in bearing if stance_of[s.id] == key], widest, terms
        )
        for key in STANCES
    ]
    return ClaimEvidence(
        id=claim.key,
        title=claim.title,
        statement=claim.statement,
        supports_if=claim.supports_if,
        contradicts_if=claim.contradicts_if,
        groups=groups,
        rows=_tally(groups, terms),
        gaps=claim.gaps,
        verdict=_verdict(assessment, bearing, terms) if assessment else None,
        report_url=report_url,
    )


LEVELS = ("very-low", "low", "moderate", "high")


def _verdict(assessment: Assessment, bearing: list[Study], terms: Terms) -> Verdict:
    by_id = {s.id: s for s in bearing}

    def cited(ids: tuple[str, ...]) -> list[Study]:
        return [by_id[i] for i in ids if i in by_id]  # check guarantees every id bears

    designs = {s.record.design for s in bearing}
    start = None
    if bearing:
        start = terms.get(
            "certainty-levels", "high" if "randomized-controlled-trial" in designs else "low"
        )
    certainty = assessment.certainty
    return Verdict(
        text=assessment.verdict,
        certainty=terms.get("certainty-levels", certainty),
        level=LEVELS.index(certainty) + 1 if certainty in LEVELS else 0,
        start=start,
        ratings=[
            Rating(terms.get("grade-domains", r.domain), r.change, r.reason, cited(r.records))
            for r in assessment.ratings
        ],
        messages=[KeyMessage(m.text, cited(m.records)) for m in assessment.key_messages],
        would_change=assessment.would_change,
        last_reviewed=assessment.last_reviewed.isoformat(),
        reviewed_by=assessment.reviewed_by,
    )


def _tally(groups: list[StanceGroup], terms: Terms) -> list[tuple[Term, list[TallyCell]]]:
    counts = {(g.stance.key, tier.key): len(studies) for g in groups for tier, studies in g.by_tier}
    largest = max(counts.values(), default=1)
    rows = []
    for tier in terms.all("tiers"):
        if any(key[1] == tier.key for key in counts):
            cells = []
            for group in groups:
                n = counts.get((group.stance.key, tier.key), 0)
                cells.append(TallyCell(group.stance, n, round(100 * n / largest, 1)))
            rows.append((tier, cells))
    return rows


def _group(stance: Term, studies: list[Study], widest: int, terms: Terms) -> StanceGroup:
    by_tier: list[tuple[Term, list[Study]]] = []
    for study in studies:
        if by_tier and by_tier[-1][0].key == study.tier.key:
            by_tier[-1][1].append(study)
        else:
            by_tier.append((study.tier, [study]))
    segments, x = [], 0.0
    for tier, members in by_tier:
        width = 100 * len(members) / widest
        segments.append(
            Segment(tier, terms.rank("tiers", tier.key), len(members), round(x, 2), round(width, 2))
        )
        x += width
    return StanceGroup(stance, by_tier, segments)
