"""Reading option values without pydantic when the answer is plain.

typer turns every option's value into its Python type with a pydantic ``TypeAdapter`` built
when the command runs: importing pydantic and building the adapters costs more than all of
``tvf check`` on a small handbook. Most values are plain (a path, a text, a member of an enum,
a whole number within its bounds, or nothing at all), and for those :class:`QuickCoercion`
gives typer's own result without pydantic. Anything else, and every value typer would refuse,
goes to typer's own coercion, so results and error messages are typer's.

Only typer's ``_TyperParameter`` with its ``type_descriptor`` is touched; with a typer that
has neither, nothing changes.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_WHOLE = re.compile(r"-?[0-9]+")


@dataclass
class QuickCoercion:
    """Stands in for typer's runtime parameter (its ``coerce``), building the real one only
    for a value it does not answer itself."""

    descriptor: Any
    real: Any = field(default=None)

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None and not (param.multiple or param.nargs == -1):
            return None
        if not (param.multiple or param.nargs == -1):
            quick = self._quick(value, param, ctx)
            if quick is not _UNKNOWN:
                return quick
        if self.real is None:
            from typer._coercion import build_runtime_param

            self.real = build_runtime_param(self.descriptor)
        return self.real.coerce(value, param=param, ctx=ctx)

    def _quick(self, value: Any, param: Any, ctx: Any) -> Any:
        descriptor = self.descriptor
        info = descriptor.parameter_info
        annotation = descriptor.annotation
        if info.parser is not None or descriptor.file_annotation is not None:
            return _UNKNOWN
        if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
            if isinstance(value, annotation):
                return value
            if isinstance(value, str):
                from typer._param_types import coerce_cli_choice

                try:
                    return coerce_cli_choice(
                        value, choices=list(annotation), case_sensitive=info.case_sensitive, ctx=ctx
                    )
                except ValueError:
                    return _UNKNOWN  # typer's own message
            return _UNKNOWN
        if annotation is str:
            return (
                value
                if isinstance(value, str)
                and not getattr(info, "path_type", None)
                and not descriptor.is_path
                else _UNKNOWN
            )
        if annotation is int and not info.clamp:
            number = value if isinstance(value, int) and not isinstance(value, bool) else None
            if isinstance(value, str) and _WHOLE.fullmatch(value):
                number = int(value)
            if (
                number is None
                or (info.min is not None and number < info.min)
                or (info.max is not None and number > info.max)
            ):
                return _UNKNOWN
            return number
        if (
            annotation is Path
            and descriptor.is_path
            and isinstance(value, str | Path)
            and str(value)
            and info.path_type in (None, Path)
        ):
            from typer._param_types import coerce_cli_path

            try:
                return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
            except Exception:  # typer says what is wrong, in its own words
                return _UNKNOWN
        return _UNKNOWN


_UNKNOWN = object()


def quicken(commands: Any) -> None:
    """Give every typer parameter under ``commands`` (the walked command tree), and the
    ``--help`` option click makes when it is first asked for, a :class:`QuickCoercion`."""
    for command in commands:
        for param in getattr(command, "params", ()):
            _quicken(param)
        made = getattr(command, "get_help_option", None)
        if made is not None and "get_help_option" not in vars(command):
            command.get_help_option = _help_option(made)


def _help_option(made: Any) -> Any:
    def get_help_option(ctx: Any) -> Any:
        option = made(ctx)
        if option is not None:
            _quicken(option)
        return option

    return get_help_option


def _quicken(param: Any) -> None:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None and getattr(param, "_runtime_param", False) is None:
        param._runtime_param = QuickCoercion(descriptor)
