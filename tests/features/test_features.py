"""Every .feature file of this folder, as pytest tests."""

from pytest_bdd import scenarios

scenarios(".")
