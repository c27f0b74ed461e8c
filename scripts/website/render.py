"""Jinja2 rendering: autoescaping everywhere, and an error for any name a template misspells."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import structured_data
from .pages import Page
from .safe import safe_url
from .site import Site

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def environment(templates: Path = TEMPLATES) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["safe_url"] = safe_url
    return env


def render_pages(site: Site, pages: list[Page], env: Environment) -> dict[str, str]:
    """Output path -> HTML for every planned page."""
    return {
        page.path: env.get_template(page.template).render(
            site=site,
            page=page,
            root=page.root,
            url=site.page_url(page.path) if page.listed else None,
            structured_data=structured_data.blocks(site, page),
            **page.context,
        )
        for page in pages
    }


def static_files(templates: Path = TEMPLATES) -> dict[str, bytes]:
    """The stylesheet, script and icon, copied as they are under static/."""
    folder = templates / "static"
    return {
        f"static/{path.relative_to(folder).as_posix()}": path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
