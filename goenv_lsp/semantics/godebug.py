"""GODEBUG as the runtime parses it (runtime1.go ``parsegodebug``): comma-separated name=value fields, no
trimming, fields without `=` skipped, a later field overriding an earlier one."""

from __future__ import annotations


def godebug_settings(value: str) -> dict[str, str]:
    settings: dict[str, str] = {}
    for field in value.split(","):
        name, equals, setting = field.partition("=")
        if equals:
            settings[name] = setting
    return settings
