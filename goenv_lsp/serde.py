"""Convert frozen dataclasses to JSON-ready data and back, driven by their type hints."""

from __future__ import annotations

import collections.abc
import dataclasses
import enum
import json
import types
import typing
from functools import cache
from typing import Any, TypeVar, Union

from goenv_lsp.frozen import FrozenMap

T = TypeVar("T")


def to_data(value: Any) -> Any:
    """Dataclasses become dicts, tuples lists, enums their value; the rest passes through."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [to_data(item) for item in value]
    if isinstance(value, collections.abc.Mapping):
        return {str(key): to_data(item) for key, item in value.items()}
    return value


class SchemaError(ValueError):
    """Data that does not fit the dataclass it should rebuild."""


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_data(cls: type[T], data: Any, where: str = "$") -> T:
    """Rebuild an instance of ``cls`` (a type hint) from ``to_data`` output."""
    return _build(cls, data, where)


def _build(hint: Any, data: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if hint is Any or hint is object:  # a JSON value, kept as it is
        return data
    if origin in (Union, types.UnionType):
        options = typing.get_args(hint)
        if data is None and type(None) in options:
            return None
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return _build(option, data, where)
            except SchemaError as exc:
                errors.append(str(exc))
        raise SchemaError("; ".join(errors) or f"{where}: unexpected null")
    if origin is typing.Literal:
        if data not in typing.get_args(hint):
            raise SchemaError(f"{where}: {data!r} is not one of {typing.get_args(hint)}")
        return data
    if origin is list:
        if not isinstance(data, list):
            raise SchemaError(f"{where}: expected a list")
        return [_build(typing.get_args(hint)[0], item, f"{where}[{i}]") for i, item in enumerate(data)]
    if origin is tuple:
        args = typing.get_args(hint)
        if not isinstance(data, list):
            raise SchemaError(f"{where}: expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], item, f"{where}[{i}]") for i, item in enumerate(data))
        if len(args) != len(data):
            raise SchemaError(f"{where}: expected {len(args)} items")
        return tuple(_build(a, item, f"{where}[{i}]") for i, (a, item) in enumerate(zip(args, data, strict=True)))
    if origin in (dict, FrozenMap, collections.abc.Mapping):
        _, value_hint = typing.get_args(hint)
        if not isinstance(data, dict):
            raise SchemaError(f"{where}: expected an object")
        built = {str(k): _build(value_hint, v, _key(where, str(k))) for k, v in data.items()}
        return built if origin is dict else FrozenMap(built)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(data)
        except ValueError as exc:
            raise SchemaError(f"{where}: {exc}") from None
    if dataclasses.is_dataclass(hint):
        if not isinstance(data, dict):
            raise SchemaError(f"{where}: expected an object for {hint.__name__}")
        if hasattr(hint, "decode_type"):  # a base class whose data names its subclass (FileFacts by kind)
            hint = hint.decode_type(data)
        hints = _hints(hint)
        kwargs = {}
        for field in dataclasses.fields(hint):
            if not field.init:
                continue
            if field.name in data:
                kwargs[field.name] = _build(hints[field.name], data[field.name], f"{where}.{field.name}")
            elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
                raise SchemaError(f"{where}: missing field {field.name!r}")
        return hint(**kwargs)
    if hint is float and isinstance(data, (int, float)) and not isinstance(data, bool):
        return float(data)
    if hint in (str, int, bool) and type(data) is hint:
        return data
    if hint is type(None) and data is None:
        return None
    raise SchemaError(f"{where}: expected {getattr(hint, '__name__', hint)}, got {type(data).__name__}")


def _key(where: str, key: str) -> str:
    """``$.env.GOPATH``, or ``$.paths["/usr/local/go"]`` for keys that are not identifiers."""
    return f"{where}.{key}" if key.isidentifier() else f"{where}[{json.dumps(key)}]"
