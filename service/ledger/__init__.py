"""The ledger engine (台账): format, reading, validation, loading, editor scope, export and template."""
