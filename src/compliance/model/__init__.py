"""The rule pack's data model: rules, facts and their parts, as pydantic models."""
