"""Excel import of talents and enterprises.

- `columns`: the template's columns per kind (Chinese headers) and how a cell becomes a value;
- `workbook`: opening an uploaded file safely and reading its rows;
- `validate`: every row checked before anything is written, every error collected;
- `service`: `import_workbook()`, all rows or none, in one transaction, with the audit trail;
- `template` and `report`: the downloadable template and the annotated report workbook;
- `jobs`: the import as a background job with its progress, for the pages and the API.
"""
