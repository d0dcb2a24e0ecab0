"""dxclean: clean scraped (Vietnamese) web text into canonical documents, find near-duplicates.

The pipeline's shape: ``readers`` → ``steps`` → ``executors`` → ``writers``.

>>> from dxclean import Config
>>> Config().steps
('encoding', 'chrome', 'templates', 'metadata', 'dedup', 'filter')
"""

from .config import Config
from .model import Block, Document, ErrorRecord
from .runner import EmptyInput, RunFailed, RunSummary, clean_document, clean_texts, run

__version__ = "0.1.0"

__all__ = ["Block", "Config", "Document", "EmptyInput", "ErrorRecord", "RunFailed", "RunSummary", "__version__", "clean_document", "clean_texts", "run"]
