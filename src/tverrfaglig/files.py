"""Writing files safely: every file tvf writes goes through here.

A file is written to a temporary file in the same folder and then renamed over the target
(``os.replace``, atomic on POSIX and Windows), so a crash never leaves half a file. A new file
gets the mode ``open()`` would give it (``0o666`` less the umask), a replaced file keeps its
mode. ``new=True`` never replaces anything: the temporary file is hard-linked to the target,
which fails if a file of that name has appeared in the meantime.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import TvfError
from .i18n import _

TEMP_SUFFIX = ".tvf-tmp"  # hidden temporary files: .<name>.<random>.tvf-tmp


def default_mode() -> int:
    """The mode a new file gets from ``open()``: ``0o666`` less the process's umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while a temporary file is made and recorded (or renamed and
    recorded), so an interrupt never falls between the two and leaves a file nobody knows of;
    a signal that came meanwhile arrives right after."""
    if not hasattr(signal, "pthread_sigmask"):  # not on Windows: there is no SIGTERM to hold
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def temp_target(name: str) -> str | None:
    """The file a leftover temporary file of :func:`temp_beside` was meant for, or None when
    ``name`` is not such a file."""
    if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)):
        return None
    target = name[1 : -len(TEMP_SUFFIX)].rpartition(".")[0]
    return target or None


def temp_beside(path: Path, data: bytes, *, mode: int | None = None) -> Path:
    """``data`` in a new hidden temporary file in ``path``'s folder, flushed to disk, with
    ``mode`` (default: the mode of ``path`` if it exists, else :func:`default_mode`).

    The caller renames it over ``path`` (or removes it). Raises ``OSError``.
    """
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            try:
                mode = path.stat().st_mode & 0o7777
            except OSError:
                mode = default_mode()
        temp.chmod(mode)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def write_atomic(
    path: Path,
    data: bytes | str,
    *,
    new: bool = False,
    mode: int | None = None,
    hint: str | None = None,
) -> None:
    """Write ``data`` (text is UTF-8) to ``path`` through a temporary file and a rename.

    ``new=True`` refuses to replace an existing file. The folder is created when missing.
    Any failure is a :class:`TvfError` naming the file; the target is then as it was.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if new and path.exists():
        raise _exists(path, hint)
    with signals_held():  # the temporary file never outlives an interrupt
        _write_through_temp(path, raw, new=new, mode=mode, hint=hint)


def _write_through_temp(
    path: Path, raw: bytes, *, new: bool, mode: int | None, hint: str | None
) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = temp_beside(path, raw, mode=mode)
    except OSError as exc:
        raise TvfError(
            _("Kan ikke skrive i {folder}: {reason}.").format(
                folder=path.parent, reason=exc.strerror
            ),
            hint=hint,
        ) from None
    try:
        if new:
            try:
                path.hardlink_to(temp)  # fails if the file appeared meanwhile: no overwrite
            except FileExistsError:
                raise _exists(path, hint) from None
            except OSError:  # a file system without hard links
                if path.exists():
                    raise _exists(path, hint) from None
                temp.replace(path)
        else:
            temp.replace(path)
    except OSError as exc:
        raise TvfError(
            _("Kan ikke skrive {path}: {reason}.").format(path=path, reason=exc.strerror), hint=hint
        ) from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


class FileExists(TvfError):
    """``write_atomic(new=True)`` found a file of that name: nothing was written."""


def _exists(path: Path, hint: str | None) -> FileExists:
    return FileExists(
        _("{path} finnes allerede; tvf skriver aldri over en fil.").format(path=path),
        hint=hint or _("Slett eller gi nytt navn til filen først, eller velg et annet navn."),
    )
