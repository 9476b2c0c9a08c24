"""Report kinds: one module each, defining `KIND = ReportKind(...)` (see `..registry`)."""
