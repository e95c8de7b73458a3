"""Validate one loaded file against its model and report problems with lines."""

from __future__ import annotations

import types
import typing

from pydantic import BaseModel, TypeAdapter, ValidationError

from .messages import translate
from .problems import Problems
from .yamlsource import Source


def inner_model(annotation) -> type[BaseModel] | None:
    """The model a (possibly Optional / Annotated / list) annotation holds."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return inner_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = inner_model(arg)
            if found:
                return found
    return None


def model_at(root, loc: tuple) -> type[BaseModel] | None:
    """The model that holds the value at ``loc`` (for listing allowed keys)."""
    current = inner_model(root)
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        current = inner_model(field.annotation) if field else None
    return current


def validate(source: Source, annotation, problems: Problems, data=None, prefix: tuple = ()):
    """Validate ``data`` (default: the whole file) found at ``prefix`` in ``source``.

    Returns the validated value, or None after adding one problem per error.
    """
    adapter = _adapter(annotation)
    try:
        return adapter.validate_python(source.data if data is None else data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            inner = tuple(error["loc"])
            loc = prefix + inner
            if source.refused and any(loc[:i] in source.refused for i in range(1, len(loc) + 1)):
                continue
            parent = model_at(annotation, inner[:-1])
            problems.add(source.display, source.line(loc), loc, translate(error, parent))
        return None


_ADAPTERS: dict = {}


def _adapter(annotation) -> TypeAdapter:
    key = repr(annotation)
    if key not in _ADAPTERS:
        _ADAPTERS[key] = TypeAdapter(annotation)
    return _ADAPTERS[key]
