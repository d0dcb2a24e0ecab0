"""Writers: the output contract (records) and the OUT folder (atomic commit)."""

from .output import OutputExists, OutputWriter, mirror_path, prepare_out_dir
from .records import SCHEMA_VERSION, document_record, removed_records

__all__ = ["OutputExists", "OutputWriter", "SCHEMA_VERSION", "document_record", "mirror_path", "prepare_out_dir", "removed_records"]
