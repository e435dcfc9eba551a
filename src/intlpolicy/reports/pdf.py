"""HTML in, PDF out: any of intlpolicy's documents (the yearly report, the informationsärende)
printed on A4 through WeasyPrint, the optional extra `pdf`.

The page itself (margins, running header, page numbers `3 (9)`) is the HTML's own CSS
(`@page` rules); this module only prints. The same HTML and date give the same bytes: the
PDF's dates are the document's date, never the clock, and its file identifier is made from
the content. Nothing outside the HTML is read: no file, no URL (only `data:` URLs), so a
template beside the data root cannot pull a local file into the document.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from typing import Final

from intlpolicy.errors import Refused

PACKAGE: Final = "weasyprint"
# In a checkout (the package imported from src/ beside pyproject.toml) the extra is installed
# from it; beside an installed intlpolicy, WeasyPrint itself (as the extra pins it).
CHECKOUT_INSTALL: Final = "pip install -e '.[pdf]'"
PACKAGE_INSTALL: Final = "pip install 'weasyprint>=70'"


class PdfRefused(Refused):
    """A PDF cannot be made here: WeasyPrint or the libraries it needs are missing."""


def check_pdf_renderer() -> None:
    """Refuse before any work when WeasyPrint is not installed."""
    if importlib.util.find_spec(PACKAGE) is None:
        raise PdfRefused("pdf-extra-missing", install=install_line())


def install_line(package_file: str = __file__) -> str:
    """The one line that installs the extra, for the way this intlpolicy was installed."""
    checkout = Path(package_file).resolve().parents[3]
    in_checkout = (checkout / "pyproject.toml").is_file() and (checkout / "src").is_dir()
    return CHECKOUT_INSTALL if in_checkout else PACKAGE_INSTALL


def html_to_pdf(
    html: str,
    *,
    title: str,
    created: date,
    base_url: str | None = None,
    author: str | None = None,
) -> bytes:
    """The PDF of `html`: `title` and `author` in its properties, `created` as both its
    creation and modification date (midnight, UTC)."""
    try:
        import weasyprint
    except ImportError:
        raise PdfRefused("pdf-extra-missing", install=install_line()) from None
    except OSError as error:  # the package is there, a system library (Pango) is not
        raise PdfRefused("pdf-renderer-broken", detail=str(error).splitlines()[0]) from None
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()
    metadata = document.metadata
    metadata.title = title
    metadata.authors = [author] if author else []
    metadata.generator = "intlpolicy"
    metadata.created = metadata.modified = f"{created.isoformat()}T00:00:00Z"
    # pdf_identifier None: WeasyPrint derives the file identifier from the content.
    pdf: bytes = document.write_pdf(pdf_identifier=None)
    return pdf
