"""The product profile: what a user knows about one product."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Iterator

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationError, confloat,
                      field_validator)

from .countries import ISO_ALPHA2
from .errors import InputError
from .yamlio import Located, load_file, load_text

_HTS_CHARS = re.compile(r"[\s.]")


def normalize_hts(value: str) -> str:
    """Digits of an HTS code: '8517.62.0090' -> '8517620090'. Raises ValueError."""
    digits = _HTS_CHARS.sub("", str(value))
    if not digits.isdigit() or len(digits) not in (8, 10):
        raise ValueError(f"expected an HTS code of 8 or 10 digits (dots optional), got {value!r}")
    return digits


def format_hts(digits: str) -> str:
    """'8517620090' -> '8517.62.0090'."""
    if len(digits) <= 4:
        return digits
    if len(digits) <= 6:
        return f"{digits[:4]}.{digits[4:]}"
    return f"{digits[:4]}.{digits[4:6]}.{digits[6:]}"


def _country(value: Any) -> str:
    code = str(value).strip().upper()
    if code not in ISO_ALPHA2:
        raise ValueError(f"expected an ISO 3166-1 alpha-2 country code such as CN or US, got {value!r}")
    return code


def _not_bool(value: Any) -> Any:
    # true is not 1 USD: a JSON or YAML boolean where a number belongs is a mistake to name
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {str(value).lower()}")
    return value


_NUMBER_TEXT = re.compile(r"[+-]?\d+(?:\.\d*)?\Z")

# a quantity is checked on its own, so that an error names it: quantities.kg
# No customs value, content value or quantity comes near a quadrillion; a larger number is a
# typing slip, and beyond about 1e306 a duty computed from it overflows to infinity.
_MOST = 1e15
_Quantity = Annotated[confloat(ge=0, le=_MOST), BeforeValidator(_not_bool)]


class _Model(BaseModel):
    # an infinite or NaN value would make a duty of inf, which JSON cannot even carry
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Party(_Model):
    """A manufacturer or supplier."""

    name: str = Field(min_length=1)
    country: str | None = None
    region: str | None = Field(default=None, description="province or region, e.g. Guangdong, Xinjiang")
    address: str | None = None
    supplies: list[str] = Field(default_factory=list, description="what this party supplies")

    _check_country = field_validator("country")(lambda cls, v: None if v is None else _country(v))


class Material(_Model):
    """A material of the product, with its value where a measure is assessed on content."""

    name: str = Field(min_length=1)
    content_value: float | None = Field(default=None, ge=0, le=_MOST, description="USD")
    country: str | None = Field(default=None, description="country where it was produced (melted, smelted...)")
    region: str | None = None

    _check_country = field_validator("country")(lambda cls, v: None if v is None else _country(v))
    _no_bool_value = field_validator("content_value", mode="before")(lambda cls, v: _not_bool(v))


class Profile(_Model):
    """One product as the user describes it."""

    sku: str | None = None
    name: str | None = None
    hts: str = Field(description="HTS code, 8 or 10 digits, dots optional")
    origin: str = Field(description="country of origin, ISO 3166-1 alpha-2")
    entry_date: dt.date | None = None
    manufacture_date: dt.date | None = Field(default=None, description="date of manufacture, where a standard applies by it")
    customs_value: float | None = Field(default=None, ge=0, le=_MOST, description="USD")
    quantities: dict[str, _Quantity] = Field(default_factory=dict,
                                             description="quantity by HTS unit, e.g. {kg: 120}")
    manufacturer: Party | None = None
    suppliers: list[Party] = Field(default_factory=list)
    materials: list[Material] = Field(default_factory=list)
    facts: dict[str, Any] = Field(default_factory=dict)

    # where the profile was read (file and path within it), for errors found later
    _source: tuple[Located, tuple[Any, ...]] | None = PrivateAttr(default=None)

    @field_validator("sku", "name", mode="before")
    @classmethod
    def _text(cls, v: Any) -> Any:
        if isinstance(v, (dict, list)):  # its Python text would become the product's name or key
            raise ValueError(f"expected text, got {'an object' if isinstance(v, dict) else 'a list'}")
        return None if v is None else str(v)

    @field_validator("hts", mode="before")
    @classmethod
    def _hts(cls, v: Any) -> str:
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            raise ValueError(f"expected the HTS code as text, got the number {v!r}, which may have lost digits: "
                             "quote it in YAML or JSON (\"8517.62.0090\"), format the column as Text in a sheet")
        return normalize_hts(v)

    @field_validator("origin", mode="before")
    @classmethod
    def _origin(cls, v: Any) -> str:
        return _country(v)

    _no_bool_value = field_validator("customs_value", mode="before")(lambda cls, v: _not_bool(v))

    @field_validator("entry_date", "manufacture_date", mode="before")
    @classmethod
    def _date_not_number(cls, v: Any) -> Any:
        # pydantic reads a number as seconds since 1970: a 0 left in an ERP export would be 1970-01-01
        if (isinstance(v, (int, float)) and not isinstance(v, bool)) or (
                isinstance(v, str) and _NUMBER_TEXT.match(v.strip())):
            raise ValueError(f"expected a date YYYY-MM-DD, got {v!r}")
        return v

    @property
    def parties(self) -> list[tuple[str, Party]]:
        # read for every product evaluated: most have one party or none, so no generator
        maker = self.manufacturer
        out: list[tuple[str, Party]] = [("manufacturer", maker)] if maker else []
        suppliers = self.suppliers
        if suppliers:
            out += [("supplier", s) for s in suppliers]
        return out

    @property
    def label(self) -> str:
        return self.sku or self.name or format_hts(self.hts)

    def error(self, field_path: tuple[Any, ...], message: str) -> InputError:
        """An InputError located at a field of this profile's source file."""
        if self._source is None:
            from .yamlio import dotted
            return InputError(message, field=dotted(field_path) or None)
        located, base = self._source
        return located.error(base + tuple(field_path), message)


def _init_private(self: Profile, context: Any, /) -> None:
    # pydantic's own initialiser resolves and copies each private attribute's default for every
    # instance; the one default here is None, set directly (2 µs less per profile of a catalogue)
    object.__setattr__(self, "__pydantic_private__", {"_source": None})


Profile.model_post_init = _init_private  # type: ignore[method-assign]


def profile_from_data(data: Any, located: Located | None = None,
                      base: tuple[Any, ...] = ()) -> Profile:
    """Validate one profile mapping; errors name the file, line and field."""
    if not isinstance(data, dict):
        err = InputError("a profile is a mapping with at least hts and origin")
        if located:
            err = located.error(base, err.message)
        raise err
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        raise _first_error(exc, located, base) from None
    if located is not None:
        profile._source = (located, base)
    return profile


def _first_error(exc: ValidationError, located: Located | None, base: tuple[Any, ...]) -> InputError:
    errors = exc.errors(include_url=False)
    # A misspelt field also makes its real name "missing": report the misspelling.
    err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    message = _message(err)
    if located is None:
        from .yamlio import dotted
        return InputError(message, field=dotted(loc))
    return located.error(base + loc, message)


def _message(err: dict[str, Any]) -> str:
    if err["type"] == "extra_forbidden":
        import difflib
        name = str(err["loc"][-1])
        fields = list(Profile.model_fields) + list(Party.model_fields) + list(Material.model_fields)
        close = difflib.get_close_matches(name, fields, n=1)
        return "unknown field" + (f" (did you mean '{close[0]}'?)" if close else "")
    if err["type"] == "missing":
        return "required field is missing"
    msg = err["msg"]
    return msg.removeprefix("Value error, ")


def iter_profiles(path: Path | str) -> Iterator[Profile | InputError]:
    """Yield each profile of a YAML or JSON file, or the InputError of a bad record.

    A file-level problem (missing file, syntax error) raises; a bad record is yielded as
    its error so that batch work can report it and go on.
    """
    located = load_file(path)
    data = located.data
    if isinstance(data, dict) and "profiles" in data and "hts" not in data:
        records, base = data["profiles"], ("profiles",)
    else:
        records, base = data, ()
    if isinstance(records, dict):
        records_iter = [(base, records)]
    elif isinstance(records, list):
        records_iter = [(base + (i,), r) for i, r in enumerate(records)]
    else:
        raise located.error(base, "expected a profile (a mapping) or a list of profiles")
    for path_, record in records_iter:
        try:
            yield profile_from_data(record, located, path_)
        except InputError as exc:
            yield exc


def load_profiles(path: Path | str) -> list[Profile]:
    """Read every profile of a YAML or JSON file; the first bad record raises InputError."""
    out = []
    for item in iter_profiles(path):
        if isinstance(item, InputError):
            raise item
        out.append(item)
    return out


def parse_profile(text: str, file: str = "<input>") -> Profile:
    """Read one profile from YAML or JSON text."""
    located = load_text(text, file)
    return profile_from_data(located.data, located)
