"""Where the feature cache lives and whom it trusts.

The cache is per user: by default the platform's cache folder (:func:`default_cache_dir`),
created private (mode 0700). A folder that belongs to another user or that others can write
is not used (one :class:`CacheWarning`): anyone who can write there could plant results
that a run would serve as its own. Entries are signed with a secret only this user can read
(:data:`SECRET_NAME`, in the per-user folder), so an entry someone else wrote, or a cache
folder copied from a colleague, is recomputed rather than served. Files are read without
following links or blocking on FIFOs (:func:`_read_private`).

Light on purpose (no pandas): ``run`` checks its cache before any kernel starts.
"""

from __future__ import annotations

import os
import secrets
import stat
import tempfile
import warnings
from pathlib import Path

__all__ = ["DEFAULT_CACHE", "SECRET_NAME", "CacheWarning", "default_cache_dir",
           "usable_cache_dir"]

#: ``cache_dir`` meaning the per-user cache folder, :func:`default_cache_dir`.
DEFAULT_CACHE = "user"
#: The per-user key that signs cache entries: 32 random bytes, mode 0600, in
#: :func:`default_cache_dir` (in the cache folder itself when that one cannot be used).
SECRET_NAME = "secret.key"
#: Open flags that refuse a symbolic link (last component) and never block on a FIFO.
_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0))


class CacheWarning(UserWarning):
    """The feature cache could not be used; results are computed without it."""


def default_cache_dir() -> Path:
    """The per-user cache folder: ``platformdirs.user_cache_dir("newslib")``.

    ``~/.cache/newslib`` on Linux (or ``$XDG_CACHE_HOME/newslib``), ``~/Library/Caches/newslib``
    on macOS, ``%LOCALAPPDATA%\\newslib\\Cache`` on Windows. Feature rows, the kernel's log
    (``logs/kernel.log``) and :data:`SECRET_NAME` go there unless ``--cache DIR`` says otherwise.
    """
    import platformdirs

    return Path(platformdirs.user_cache_dir("newslib", appauthor=False))


def _cache_path(cache_dir: str | Path | None) -> Path | None:
    """The folder ``cache_dir`` names (:data:`DEFAULT_CACHE`: :func:`default_cache_dir`)."""
    if cache_dir is None:
        return None
    if isinstance(cache_dir, str) and cache_dir == DEFAULT_CACHE:
        return default_cache_dir()
    return Path(cache_dir)


def _user_id() -> int | None:
    """This process's user id; None where the platform has none (Windows)."""
    return os.geteuid() if hasattr(os, "geteuid") else None


def _folder_problem(directory: Path) -> str | None:
    """Why ``directory`` (created mode 0700 if missing) cannot hold this user's cache."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(directory)
        user = _user_id()
        if user is not None and info.st_uid != user:
            return ("belongs to another user, who could plant results in it; use a folder of "
                    "your own (--cache DIR)")
        if user is not None and info.st_mode & 0o022:
            return ("can be written by other users, who could plant results in it; make it "
                    "private (chmod 700) or use another folder (--cache DIR)")
        descriptor, probe = tempfile.mkstemp(dir=directory, prefix=".probe-")
        os.close(descriptor)
        os.unlink(probe)
    except OSError as error:
        return f"cannot be written ({error.strerror or error})"
    return None


def _warn_off(directory: Path, problem: str) -> None:
    warnings.warn(f"cache {directory}: {problem}; caching is off for this run", CacheWarning,
                  stacklevel=4)


def usable_cache_dir(cache_dir: str | Path | None = DEFAULT_CACHE) -> Path | None:
    """The cache folder ``cache_dir`` names, ready for this user, or None.

    Parameters
    ----------
    cache_dir : path, :data:`DEFAULT_CACHE` or None
        A folder; ``"user"`` (the default) for :func:`default_cache_dir`; None for no cache.

    Returns
    -------
    The folder (created mode 0700 if missing), or None when there is no cache, or when the
    folder belongs to another user, can be written by others or cannot be written: then one
    :class:`CacheWarning` says which and how to fix it.
    """
    directory = _cache_path(cache_dir)
    if directory is None:
        return None
    problem = _folder_problem(directory)
    if problem:
        _warn_off(directory, problem)
        return None
    return directory


def _read_private(path: Path, *, size: int) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of this user, not a link, at most
    ``size`` bytes long; None otherwise (missing, a link, a FIFO, someone else's...)."""
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    with open(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        user = _user_id()
        if (not stat.S_ISREG(info.st_mode) or info.st_size > size
                or (user is not None and info.st_uid != user)):
            return None
        return handle.read(size + 1)


def _secret_in(folder: Path) -> bytes:
    """The secret in ``folder``, made (32 random bytes, mode 0600) on first use.

    Raises
    ------
    OSError
        When it cannot be made, or the file there is not this user's private secret.
    """
    path = folder / SECRET_NAME
    if not os.path.lexists(path):
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".secret-")
        try:
            with open(descriptor, "wb") as handle:
                handle.write(secrets.token_bytes(32))
            try:
                os.link(temporary, path)  # appears whole or not at all; a parallel run's wins
            except FileExistsError:
                pass
        finally:
            _remove(temporary)
    secret = _read_private(path, size=32)
    info = os.lstat(path)
    if secret is None or len(secret) != 32 or (_user_id() is not None and info.st_mode & 0o077):
        raise OSError(f"its key {path} is not a private file of yours (remove it to make a "
                      "new one)")
    return secret


def _user_secret(directory: Path) -> bytes:
    """This user's secret: in :func:`default_cache_dir`, so a cache folder copied from someone
    else brings no key that signs its entries; in ``directory`` when that cannot be used."""
    home = default_cache_dir()
    if home != directory and _folder_problem(home) is None:
        try:
            return _secret_in(home)
        except OSError:
            pass
    return _secret_in(directory)


def _remove(path: str | Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _umask() -> int:
    """This process's umask (read by setting a strict one for an instant)."""
    mask = os.umask(0o077)
    os.umask(mask)
    return mask
