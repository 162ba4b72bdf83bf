"""The rule author's tools: lint, test, docs, diff."""
