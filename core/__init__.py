"""Everything the screens and the command line share: models, figures, import, records, reports."""
