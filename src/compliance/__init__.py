"""The open market-access compliance engine.

Tells an exporter or importer what it must do, and what it will pay, to bring a product
into the United States: agency requirements, additional tariffs and forced-labour risks,
from declarative rule packs.

    >>> import compliance
    >>> engine = compliance.Engine.load()
    >>> checklist = engine.evaluate(compliance.load_profiles("examples/wifi-router.yaml")[0])
"""

from .checklist import Checklist, Considered, Item, Overridden, Question, TariffLine
from .engine import Engine
from .errors import ComplianceError, EvaluationError, InputError, RulePackError
from .packs import default_pack_path
from .profile import Material, Party, Profile, iter_profiles, load_profiles, parse_profile

__all__ = [
    "Checklist",
    "ComplianceError",
    "Considered",
    "Engine",
    "EvaluationError",
    "InputError",
    "Item",
    "Material",
    "Overridden",
    "Party",
    "Profile",
    "Question",
    "RulePackError",
    "TariffLine",
    "batch",
    "default_pack_path",
    "iter_profiles",
    "load_profiles",
    "parse_profile",
]

__version__ = "0.1.0"


def __getattr__(name: str):
    # `compliance.batch` is imported on first use so that `import compliance` stays light.
    if name == "batch":
        import importlib
        return importlib.import_module(".batch", __name__)
    raise AttributeError(f"module 'compliance' has no attribute {name!r}")
