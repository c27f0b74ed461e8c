"""PubMed XML (EFetch and ESearch replies) -> plain, JSON-able dicts.

Why it looks like this:
- defusedxml at default settings: real replies carry a DOCTYPE (so `forbid_dtd` would reject
  them all) but never entities, which defusedxml refuses. The DTD is never fetched.
- Text is taken with the whole subtree, never `.text`, which stops at the first inline tag.
- Titles and abstracts keep their inline markup as safe HTML: only <i>, <b>, <sup>, <sub>
  survive as (attribute-free) tags, everything else is escaped text, MathML is flattened.
- Parse what the catalogue needs and ignore the rest, so yearly DTD changes do not break us.
- The record PMID comes only from MedlineCitation/PMID or BookDocument/PMID: PMIDs also occur
  in CommentsCorrections, ReferenceList and DeleteCitation.
"""

from __future__ import annotations

import html
import re
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from . import PubmedFormatError

INLINE_TAGS = frozenset({"i", "b", "sup", "sub"})
MATHML = "{http://www.w3.org/1998/Math/MathML}"
ID_TYPES = ("doi", "pmc", "pii", "mid", "pubmed", "bookaccession")
_SPACES = re.compile(r"[ \t\r\n]+")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_ORCID = re.compile(r"(\d{4}-?\d{4}-?\d{4}-?\d{3}[\dX])", re.IGNORECASE)


def parse_xml(body: bytes) -> Element:
    """Parse bytes safely; anything that is not well-formed XML is a PubmedFormatError."""
    try:
        return DET.fromstring(body)
    except (ParseError, DefusedXmlException) as exc:
        raise PubmedFormatError(f"reply is not well-formed XML ({exc}): {_preview(body)}") from exc


def error_messages(root: Element) -> list[str]:
    """The <ERROR> texts of an E-utilities error envelope (eFetchResult, eSearchResult...)."""
    return [text for el in root.findall("ERROR") if (text := _plain(el))]


def parse_efetch(body: bytes) -> list[dict[str, Any]]:
    """Every PubmedArticle and PubmedBookArticle of an EFetch db=pubmed reply, in order."""
    root = parse_xml(body)
    if root.tag != "PubmedArticleSet":
        raise PubmedFormatError(_unexpected(root, "PubmedArticleSet", body))
    articles = []
    for child in root:
        if child.tag == "PubmedArticle":
            articles.append(_journal_article(child))
        elif child.tag == "PubmedBookArticle":
            articles.append(_book_article(child))
    return articles


def parse_esearch(body: bytes) -> dict[str, Any]:
    """Count, ids, and the ErrorList/WarningList entries of an ESearch reply."""
    root = parse_xml(body)
    if root.tag != "eSearchResult" or root.find("ERROR") is not None:
        raise PubmedFormatError(_unexpected(root, "eSearchResult", body))
    count = _plain(root.find("Count"))
    return {
        "count": int(count) if count.isdigit() else 0,
        "ids": [_plain(el) for el in root.findall("IdList/Id")],
        "errors": [f"{el.tag}: {_plain(el)}" for el in root.findall("ErrorList/*")],
        "warnings": [f"{el.tag}: {_plain(el)}" for el in root.findall("WarningList/*")],
    }


# --- one record ------------------------------------------------------------------------------


def _journal_article(node: Element) -> dict[str, Any]:
    citation = _child(node, "MedlineCitation")
    article = _child(citation, "Article")
    journal = _child(article, "Journal")
    issue = _child(journal, "JournalIssue")
    elocation = [
        {"type": el.get("EIdType", ""), "value": _plain(el)}
        for el in article.findall("ELocationID")
        if el.get("ValidYN", "Y") != "N" and _plain(el)
    ]
    record = _common(
        pmid=_plain(citation.find("PMID")),
        kind="article",
        title_el=article.find("ArticleTitle"),
        abstract_el=article.find("Abstract"),
        author_list=article.find("AuthorList"),
        pub_date_el=issue.find("PubDate"),
        language=_texts(article, "Language"),
        publication_types=_texts(article, "PublicationTypeList/PublicationType"),
        container=citation,
        grant_parent=article,
        id_lists=node.findall("PubmedData/ArticleIdList"),
        elocation=elocation,
    )
    record.update(
        vernacular_title=_plain(article.find("VernacularTitle")) or None,
        journal=_plain(journal.find("Title")) or None,
        journal_iso=_plain(journal.find("ISOAbbreviation"))
        or _plain(citation.find("MedlineJournalInfo/MedlineTA"))
        or None,
        volume=_plain(issue.find("Volume")) or None,
        issue=_plain(issue.find("Issue")) or None,
        pages=_pages(article.find("Pagination")),
        article_date=_article_date(article),
    )
    return record


def _book_article(node: Element) -> dict[str, Any]:
    document = _child(node, "BookDocument")
    book = _child(document, "Book")
    book_title = book.find("BookTitle")
    chapter = document.find("ArticleTitle")
    record = _common(
        pmid=_plain(document.find("PMID")),
        kind="book",
        title_el=chapter if _plain(chapter) else book_title,
        abstract_el=document.find("Abstract"),
        author_list=_author_list(document, "authors"),
        pub_date_el=book.find("PubDate"),
        language=_texts(document, "Language"),
        publication_types=_texts(document, "PublicationType"),
        container=document,
        grant_parent=document,
        id_lists=document.findall("ArticleIdList") + node.findall("PubmedBookData/ArticleIdList"),
        elocation=[],
    )
    record["book"] = {
        "title": _html(book_title),
        "title_text": _plain(book_title),
        "editors": _authors(_author_list(book, "editors")),
        "publisher": _plain(book.find("Publisher/PublisherName")) or None,
        "publisher_location": _plain(book.find("Publisher/PublisherLocation")) or None,
        "year": record["pub_date"]["year"],
    }
    return record


def _common(
    *,
    pmid: str,
    kind: str,
    title_el: Element | None,
    abstract_el: Element | None,
    author_list: Element | None,
    pub_date_el: Element | None,
    language: list[str],
    publication_types: list[str],
    container: Element,
    grant_parent: Element,
    id_lists: list[Element],
    elocation: list[dict[str, str]],
) -> dict[str, Any]:
    """The keys every record has, so consumers never need `.get()` for a missing key."""
    if not pmid.isdigit():
        raise PubmedFormatError(f"a {kind} record has no usable PMID ({pmid!r})")
    corrections = _corrections(container)
    return {
        "pmid": pmid,
        "kind": kind,
        "title": _html(title_el),
        "title_text": _plain(title_el),
        "vernacular_title": None,
        "abstract": _abstract(abstract_el),
        "authors": _authors(author_list),
        "journal": None,
        "journal_iso": None,
        "volume": None,
        "issue": None,
        "pages": None,
        "elocation": elocation,
        "pub_date": _pub_date(pub_date_el),
        "article_date": None,
        "language": language,
        "publication_types": publication_types,
        "mesh": _mesh(container),
        "keywords": _texts(container, "KeywordList/Keyword"),
        "grants": _grants(grant_parent),
        "coi_statement": _plain(container.find("CoiStatement")) or None,
        "ids": _ids(id_lists, elocation),
        "corrections": corrections,
        "book": None,
    }


# --- parts of a record -----------------------------------------------------------------------


def _abstract(abstract: Element | None) -> list[dict[str, Any]]:
    if abstract is None:
        return []
    sections = []
    for el in abstract.findall("AbstractText"):
        text = _html(el)
        if text:
            sections.append(
                {"label": el.get("Label") or None, "category": el.get("NlmCategory"), "text": text}
            )
    return sections


def _author_list(parent: Element, list_type: str) -> Element | None:
    for el in parent.findall("AuthorList"):
        if el.get("Type", "authors") == list_type:
            return el
    return None


def _authors(author_list: Element | None) -> list[dict[str, Any]]:
    """Valid authors, persons and collectives (group names are authors too)."""
    if author_list is None:
        return []
    authors = []
    for el in author_list.findall("Author"):
        if el.get("ValidYN", "Y") == "N":
            continue  # NLM keeps wrong names it has corrected, flagged ValidYN="N"
        orcids = [_orcid(i) for i in el.findall("Identifier") if i.get("Source") == "ORCID"]
        authors.append(
            {
                "last": _plain(el.find("LastName")) or None,
                "fore": _plain(el.find("ForeName")) or None,
                "initials": _plain(el.find("Initials")) or None,
                "suffix": _plain(el.find("Suffix")) or None,
                "collective": _plain(el.find("CollectiveName")) or None,
                "affiliations": [_plain(a) for a in el.findall("AffiliationInfo/Affiliation")],
                "orcid": orcids[0] if orcids else None,
            }
        )
    return authors


def _orcid(el: Element) -> str:
    """Bare 0000-0000-0000-0000 form; older records give a URL or drop the hyphens."""
    text = _plain(el)
    match = _ORCID.search(text)
    if not match:
        return text
    digits = match.group(1).replace("-", "").upper()
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def _pub_date(el: Element | None) -> dict[str, Any]:
    """PubDate is Year(+Month(+Day) | +Season) or free-text MedlineDate ("1998 Dec-1999 Jan")."""
    el = el if el is not None else Element("PubDate")
    medline_date = _plain(el.find("MedlineDate"))
    if medline_date:
        found = [int(y) for y in _YEAR.findall(medline_date)]
        year = found[0] if found else None
        years = list(range(min(found), max(found) + 1)) if found else []
    else:
        year = _int(_plain(el.find("Year")))
        years = [year] if year is not None else []
    return {
        "year": year,
        "month": _plain(el.find("Month")) or None,
        "day": _plain(el.find("Day")) or None,
        "season": _plain(el.find("Season")) or None,
        "medline_date": medline_date or None,
        "years": years,
    }


def _article_date(article: Element) -> dict[str, Any] | None:
    """The electronic publication date, which may be a year earlier than the issue date."""
    dates = article.findall("ArticleDate")
    electronic = [d for d in dates if d.get("DateType", "Electronic") == "Electronic"]
    for el in electronic or dates:
        year = _int(_plain(el.find("Year")))
        if year is not None:
            return {
                "year": year,
                "month": _plain(el.find("Month")) or None,
                "day": _plain(el.find("Day")) or None,
            }
    return None


def _pages(pagination: Element | None) -> str | None:
    if pagination is None:
        return None
    medline = _plain(pagination.find("MedlinePgn"))
    if medline:
        return medline
    start, end = _plain(pagination.find("StartPage")), _plain(pagination.find("EndPage"))
    return f"{start}-{end}" if start and end else start or None


def _mesh(container: Element) -> list[dict[str, Any]]:
    headings = []
    for el in container.findall("MeshHeadingList/MeshHeading"):
        descriptor = el.find("DescriptorName")
        headings.append(
            {
                "descriptor": _plain(descriptor),
                "major": descriptor is not None and descriptor.get("MajorTopicYN") == "Y",
                "qualifiers": [
                    {"name": _plain(q), "major": q.get("MajorTopicYN") == "Y"}
                    for q in el.findall("QualifierName")
                ],
            }
        )
    return headings


def _grants(parent: Element) -> list[dict[str, Any]]:
    return [
        {
            "id": _plain(el.find("GrantID")) or None,
            "acronym": _plain(el.find("Acronym")) or None,
            "agency": _plain(el.find("Agency")) or None,
            "country": _plain(el.find("Country")) or None,
        }
        for el in parent.findall("GrantList/Grant")
    ]


def _ids(id_lists: list[Element], elocation: list[dict[str, str]]) -> dict[str, str | None]:
    """The record's own identifiers (never those of its ReferenceList).

    The DOI falls back to the ELocationID, where some records keep it.
    """
    ids: dict[str, str | None] = dict.fromkeys(ID_TYPES)
    for id_list in id_lists:
        for el in id_list.findall("ArticleId"):
            id_type, value = el.get("IdType", ""), _plain(el)
            if id_type in ids and value and ids[id_type] is None:
                ids[id_type] = value
    if ids["doi"] is None:
        ids["doi"] = next((e["value"] for e in elocation if e["type"] == "doi"), None)
    return ids


def _corrections(container: Element) -> list[dict[str, Any]]:
    return [
        {
            "type": el.get("RefType", ""),
            "pmid": _plain(el.find("PMID")) or None,
            "source": _plain(el.find("RefSource")) or None,
        }
        for el in container.findall("CommentsCorrectionsList/CommentsCorrections")
    ]


# --- text ------------------------------------------------------------------------------------


def _html(el: Element | None) -> str:
    """Safe HTML for element content: escaped text plus bare <i>, <b>, <sup>, <sub>."""
    return _SPACES.sub(" ", _render(el, as_html=True)).strip() if el is not None else ""


def _plain(el: Element | None) -> str:
    """All the text of an element and its descendants, whitespace collapsed."""
    return _SPACES.sub(" ", _render(el, as_html=False)).strip() if el is not None else ""


def _render(el: Element, as_html: bool) -> str:
    parts = [_escape(el.text, as_html)]
    for child in el:
        if isinstance(child.tag, str) and child.tag.startswith(MATHML):
            parts.append(_escape(_math_text(child), as_html))
        else:
            inner = _render(child, as_html)
            if as_html and child.tag in INLINE_TAGS:
                inner = f"<{child.tag}>{inner}</{child.tag}>"
            parts.append(inner)
        parts.append(_escape(child.tail, as_html))
    return "".join(parts)


def _math_text(el: Element) -> str:
    """MathML as text: leaf texts in order, without the pretty-printing indentation."""
    pieces = (t for t in el.itertext() if t.strip() or "\n" not in t)
    return "".join(pieces)


def _escape(text: str | None, as_html: bool) -> str:
    if not text:
        return ""
    return html.escape(text, quote=False) if as_html else text


# --- small helpers ---------------------------------------------------------------------------


def _child(parent: Element, tag: str) -> Element:
    el = parent.find(tag)
    if el is None:
        raise PubmedFormatError(f"<{parent.tag}> has no <{tag}>")
    return el


def _texts(parent: Element, path: str) -> list[str]:
    return [text for el in parent.findall(path) if (text := _plain(el))]


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _unexpected(root: Element, expected: str, body: bytes) -> str:
    errors = error_messages(root)
    if errors:
        return f"E-utilities answered with an error: {'; '.join(errors)}"
    return f"expected <{expected}>, got <{root.tag}>: {_preview(body)}"


def _preview(body: bytes) -> str:
    text = body[:120].decode("utf-8", "replace")
    return repr(_SPACES.sub(" ", text)) + (" ..." if len(body) > 120 else "")
