"""Files a flow sends: named by the designer, inside the flow-media folder, never outside it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

FOLDER_NAME = "flow-media"  # inside the data folder: <data>/flow-media/
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class MediaProblem:
    """Why a media path cannot be used; `code` is both the validation and the run error code."""

    code: str  # media_path_invalid | media_not_found
    pt: str
    en: str


class MediaPathError(ValueError):
    def __init__(self, problem: MediaProblem) -> None:
        super().__init__(problem.en)
        self.problem = problem


def _outside(path: str) -> MediaProblem:
    return MediaProblem(
        "media_path_invalid",
        f"o arquivo {path[:60]!r} deve estar na pasta {FOLDER_NAME} da pasta de dados; "
        "use só o nome dele (ex.: cardapio.pdf ou promocoes/cartaz.jpg)",
        f"the file {path[:60]!r} must be in the {FOLDER_NAME} folder of the data folder; "
        "use just its name (e.g. cardapio.pdf or promos/poster.jpg)")


def path_problem(path: str) -> MediaProblem | None:
    """What is wrong with a media path as written in a flow (no disk access), or None."""
    if not path.strip():
        return MediaProblem("media_no_file", "anexo sem arquivo escolhido",
                            "attachment with no file")
    if "{{" in path:
        return MediaProblem(
            "media_path_invalid",
            "o arquivo do anexo não pode usar {{variáveis}}: um cliente poderia escolher "
            "qualquer arquivo do computador",
            "the attachment file cannot use {{variables}}: a customer could pick any file "
            "on the computer")
    parts = re.split(r"[\\/]", path)
    if path.startswith(("/", "\\")) or _DRIVE.match(path) or PureWindowsPath(path).is_absolute() \
            or ".." in parts or "\0" in path:
        return _outside(path)
    return None


def resolve(root: Path | None, path: str) -> Path:
    """The file to send for `path`, checked to be a file inside `root`.

    Raises MediaPathError. Symlinks are followed before the check, so one pointing out of
    the folder is refused like `..`.
    """
    problem = path_problem(path)
    if problem is not None:
        raise MediaPathError(problem)
    if root is None:
        raise MediaPathError(_outside(path))
    try:
        base = root.resolve()
        target = (base / path.replace("\\", "/")).resolve()
    except (OSError, RuntimeError, ValueError):  # symlink loop, odd characters
        raise MediaPathError(_outside(path)) from None
    if not target.is_relative_to(base):
        raise MediaPathError(_outside(path))
    if not target.is_file():
        raise MediaPathError(MediaProblem(
            "media_not_found",
            f"arquivo {path[:60]!r} não encontrado na pasta {base}",
            f"file {path[:60]!r} not found in the folder {base}"))
    return target
