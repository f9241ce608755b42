"""The build tier: full MkDocs builds and subprocesses (the CLI, mkdocs serve, publishing, Node, check-jsonschema)."""
