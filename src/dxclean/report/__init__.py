"""A static HTML report of an OUT directory: what was kept, what was removed, and why.

``build_report(OUT)`` writes ``OUT/report/index.html`` and one page per document;
see :mod:`dxclean.report.build` for the layout.
"""

from .build import build_report

__all__ = ["build_report"]
