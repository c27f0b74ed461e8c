"""An Atom feed of the newest additions (by curation.added, then id), for feed readers.

Links are relative to the feed's own address, as Atom allows, so the feed works wherever the
site is hosted; ids are name-based UUIDs, stable across builds and hosts.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET

from ..model.names import CATALOGUE_NAME as NAME
from ..model.text import one_line
from .protocol import ExportStudy as Study

ATOM = "http://www.w3.org/2005/Atom"
ENTRIES = 50
_NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def document(studies: list[Study]) -> str:
    newest = sorted(studies, key=lambda s: s.id)
    newest.sort(key=lambda s: s.record.curation.added, reverse=True)
    newest = newest[:ENTRIES]
    feed = ET.Element("feed", xmlns=ATOM)
    _text(feed, "title", NAME)
    _text(feed, "subtitle", "Newest studies added to the catalogue")
    _text(feed, "id", _urn("feed"))
    _text(feed, "updated", _timestamp(newest[0]) if newest else "1970-01-01T00:00:00Z")
    ET.SubElement(feed, "link", rel="self", href="feed.xml")
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href="index.html")
    _text(ET.SubElement(feed, "author"), "name", f"{NAME} contributors")
    for study in newest:
        feed.append(_entry(study))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _entry(study: Study) -> ET.Element:
    entry = ET.Element("entry")
    _text(entry, "title", study.title)
    _text(entry, "id", _urn(f"studies/{study.id}"))
    _text(entry, "updated", _timestamp(study))
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=f"studies/{study.id}.html")
    for topic in study.topics:
        ET.SubElement(entry, "category", term=topic.key, label=topic.label)
    _text(entry, "summary", _summary(study))
    return entry


def _summary(study: Study) -> str:
    population = study.species.label + (f", n = {study.n}" if study.n is not None else "")
    findings = " ".join(f"{f.outcome.label}: {f.direction.label.lower()}." for f in study.findings)
    return f"{study.citation} {study.design.label} ({population}). {findings}"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = _NOT_XML.sub("", one_line(text))


def _timestamp(study: Study) -> str:
    return f"{study.record.curation.added.isoformat()}T00:00:00Z"


def _urn(name: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"kratom-evidence-catalogue:{name}").urn
