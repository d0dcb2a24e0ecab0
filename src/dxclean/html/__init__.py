"""HTML pages -> documents: the second reader of the one pipeline.

``parse_html(bytes, ...)`` decodes the page (gzip within limits, BOM, meta charset,
:func:`dxclean.encoding.decode_bytes`), parses it with lexbor, turns the DOM into
ordered blocks with features (tag path, class/id tokens, link density, heading
level, list membership), labels the blocks outside the main content with reasons
(step ``"html"``) and fills title, date, site name, canonical URL and language.
"""

from __future__ import annotations

from .document import parse_html
from .parse import HtmlError

__all__ = ["HtmlError", "parse_html"]
