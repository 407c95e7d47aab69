"""Masked display of ID numbers and phones (GB/T 35273 display restrictions)."""

from __future__ import annotations

# Fields whose values are masked wherever a user has not revealed them.
MASKED_FIELDS = frozenset({"id_number", "phone", "passport_no", "residence_permit_no"})


def mask_id_number(value: str | None) -> str | None:
    """110105199001010002X → 110105********002X: the area code and the last four stay."""
    if not value:
        return value
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str | None) -> str | None:
    """13812345678 → 138****5678; short numbers keep only their last two digits."""
    if not value:
        return value
    if len(value) >= 7:
        return value[:3] + "*" * (len(value) - 7) + value[-4:]
    return "*" * max(len(value) - 2, 0) + value[-2:]


def mask_document(value: str | None) -> str | None:
    """Passports and residence permits: only the last four characters stay."""
    if not value:
        return value
    return "*" * max(len(value) - 4, 0) + value[-4:]


_MASKERS = {
    "id_number": mask_id_number,
    "phone": mask_phone,
    "passport_no": mask_document,
    "residence_permit_no": mask_document,
}


def mask_field(field: str, value: object) -> object:
    """`value` masked when `field` is one of MASKED_FIELDS, unchanged otherwise."""
    masker = _MASKERS.get(field)
    if masker is None or value is None:
        return value
    return masker(str(value))
