"""Render the held-out evaluation set: each source in sources/ becomes one document in documents/.

The sources use the markup of ``examples/build.py`` (whose renderers this script reuses, so both
sets are made by the same real libraries with the same fixed dates), with one addition for HTML
pages: a body line that starts with ``<`` (other than ``<page>`` and ``<hr>``) is copied into the
page as it stands, for markup the small language has no word for (definition lists, bylines,
"read more" links). HTML pages are wrapped in the templates of this folder, not of the sample
collection, so that no page furniture is shared with what extraction was tuned on.

    .venv/bin/python examples/holdout/build.py          # build all, report what changed
    .venv/bin/python examples/holdout/build.py --check  # exit 1 if a document is out of date
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import sys
from pathlib import Path
from string import Template

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
DOCUMENTS = HERE / "documents"
TEMPLATES = HERE / "templates"


def _load_sample_builder():
    spec = importlib.util.spec_from_file_location("examples_build", HERE.parent / "build.py")
    module = importlib.util.module_from_spec(spec)
    # Dataclasses look their module up by name while the module runs.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


sample = _load_sample_builder()


def _is_raw(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("<") and stripped not in {"<page>", "<hr>"}


def html_body(body: str) -> str:
    """Markup chunks rendered as in the sample collection, raw lines kept verbatim."""
    out: list[str] = []
    chunk: list[str] = []

    def flush() -> None:
        if chunk:
            rendered = sample.html_content(sample.parse_body("\n".join(chunk)))
            if rendered:
                out.append(rendered)
            chunk.clear()

    for line in body.splitlines():
        if _is_raw(line):
            flush()
            out.append(line.strip())
        else:
            chunk.append(line)
    flush()
    return "\n".join(out)


def render_html(source) -> bytes:
    name = source.meta.get("template", "plain")
    template = Template((TEMPLATES / f"{name}.html").read_text(encoding="utf-8"))
    page = template.substitute(
        title=html.escape(source.meta.get("title", source.name)),
        lang=source.meta.get("lang", "en"),
        content=html_body(source.body),
    )
    return page.encode("utf-8")


RENDERERS = {**sample.RENDERERS, ".html": render_html}


def render(name: str) -> bytes:
    return sample.render(name, sources=SOURCES, renderers=RENDERERS)


def build(*, check: bool = False) -> int:
    return sample.build(check=check, sources=SOURCES, documents=DOCUMENTS, renderers=RENDERERS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report out-of-date documents")
    args = parser.parse_args(argv)
    DOCUMENTS.mkdir(exist_ok=True)
    return build(check=args.check)


if __name__ == "__main__":
    sys.exit(main())
