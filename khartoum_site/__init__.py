"""The Khartoum Process record site: YAML data in, a cross-linked documentation site out.

Data flows one way: ``loader`` (YAML with file:line) → ``validate`` (the ``model``) →
``pages`` (Markdown page set, URLs from ``urls``) → adapters (``plugin`` for MkDocs, ``cli``).
"""
