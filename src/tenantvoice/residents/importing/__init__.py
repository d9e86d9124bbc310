"""Importing the housing management system (HMS) extract: properties, tenancies, households
and residents, one row per person (see :mod:`.hms_columns` and docs/importing.md).

The import runs in two phases:

1. **Check** (no transaction): read the file as a stream, map headings and codes, validate
   every row and collect the properties, tenancies, people and memberships it describes.
   Progress is reported row by row here, because this phase holds no lock.
2. **Write** (one transaction): load the existing records for the file's references with
   ``values_list`` in chunks, compare in Python, then ``bulk_create`` the new and
   ``bulk_update`` only the changed; for a full extract, end the tenancies and memberships
   that are current but absent. A dry run does all of this and then rolls back.

A file with any bad row imports nothing, unless ``good_rows_only`` is set.

The package follows those steps, one module each: :mod:`.mapping` (the landlord's own headings
and codes), :mod:`.rows` (one row's cells to typed values), :mod:`.checking` (phase 1),
:mod:`.writing` (phase 2), :mod:`.running` (both, in one transaction) and :mod:`.runs` (uploads
run now or by the task worker). Files are read by ``core.spreadsheets``, as every import is.
The names other modules use are imported here, so ``from tenantvoice.residents.importing import
import_file`` is the way in.
"""

from __future__ import annotations

from tenantvoice.core.spreadsheets import ImportFileError, RowError, count_rows, read_rows

from .checking import CheckedFile, check_file, check_rows
from .mapping import Mapping, MappingError, header_key, mapping_default, mapping_load
from .running import TooManyEnded, import_file, import_rows
from .runs import (
    MAX_STORED_ERRORS,
    errors_as_csv,
    import_run_confirm,
    import_run_create,
    import_run_execute,
    import_run_start,
)
from .writing import ImportResult

__all__ = [
    "MAX_STORED_ERRORS",
    "CheckedFile",
    "ImportFileError",
    "ImportResult",
    "Mapping",
    "MappingError",
    "RowError",
    "TooManyEnded",
    "check_file",
    "check_rows",
    "count_rows",
    "errors_as_csv",
    "header_key",
    "import_file",
    "import_rows",
    "import_run_confirm",
    "import_run_create",
    "import_run_execute",
    "import_run_start",
    "mapping_default",
    "mapping_load",
    "read_rows",
]
