"""The public API cannot drift by accident."""

import compliance


def test_all_is_sorted_and_complete():
    assert compliance.__all__ == sorted(compliance.__all__)
    assert compliance.__all__ == [
        "Checklist", "ComplianceError", "Considered", "Engine", "EvaluationError", "InputError", "Item",
        "Material", "Overridden", "Party", "Profile", "Question", "RulePackError", "TariffLine", "batch", "default_pack_path",
        "iter_profiles", "load_profiles", "parse_profile",
    ]
    for name in compliance.__all__:
        assert getattr(compliance, name).__doc__, f"{name} has no docstring"


def test_error_hierarchy():
    assert issubclass(compliance.RulePackError, compliance.InputError)
    assert issubclass(compliance.InputError, compliance.ComplianceError)
    assert issubclass(compliance.EvaluationError, compliance.ComplianceError)
