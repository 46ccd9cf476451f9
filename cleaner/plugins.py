"""Builds the plugin manager: entry-point plugins (the built-ins among them) and plugin folders.

Set ``CLEANER_TRACE=1`` to print every hook call, with the plugin, its arguments and its result,
to standard error.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pluggy

from . import hookspecs

ENTRY_POINT_GROUP = "cleaner"


class PluginLoadError(Exception):
    """A plugin file or entry point could not be loaded."""


@dataclass(frozen=True)
class PluginInfo:
    name: str
    origin: str
    hooks: tuple[str, ...]


def build_plugin_manager(plugin_dirs: list[str | Path] = ()) -> pluggy.PluginManager:
    manager = pluggy.PluginManager("cleaner")
    manager.add_hookspecs(hookspecs)
    manager.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    for folder in plugin_dirs:
        load_plugin_dir(manager, Path(folder))
    return manager


def load_plugin_dir(manager: pluggy.PluginManager, folder: Path) -> None:
    """Register every ``*.py`` file in `folder` as a plugin named after the file."""
    if not folder.is_dir():
        raise PluginLoadError(f"{folder}: plugin folder does not exist")
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_"):
            continue
        name = path.stem
        if manager.has_plugin(name):
            raise PluginLoadError(f"{path}: a plugin named {name!r} is already loaded; rename the file")
        # A name that is the same in every process, and the module in sys.modules under it, so that
        # what a plugin file defines (a reader's decoder, say) pickles to worker processes.
        folder_key = hashlib.sha1(str(folder.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:12]
        module_name = f"cleaner_plugin_dir_{folder_key}_{name}"
        spec = importlib.util.spec_from_file_location(module_name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        try:
            spec.loader.exec_module(module)
            manager.register(module, name=name)
        except Exception as error:
            del sys.modules[module_name]
            raise PluginLoadError(f"{path}: cannot load plugin: {type(error).__name__}: {error}") from error
        module.__cleaner_origin__ = str(path)


def describe_plugins(manager: pluggy.PluginManager) -> list[PluginInfo]:
    distributions = {id(plugin): dist for plugin, dist in manager.list_plugin_distinfo()}
    infos = []
    for name, plugin in manager.list_name_plugin():
        dist = distributions.get(id(plugin))
        if dist is not None:
            origin = f"entry point of {dist.project_name} {dist.version}"
        else:
            origin = getattr(plugin, "__cleaner_origin__", getattr(plugin, "__file__", repr(plugin)))
        hooks = tuple(sorted(caller.name for caller in manager.get_hookcallers(plugin) or ()))
        infos.append(PluginInfo(name=name, origin=origin, hooks=hooks))
    return sorted(infos, key=lambda info: info.name)


def tracing_enabled() -> bool:
    return os.environ.get("CLEANER_TRACE", "") not in ("", "0")


def trace_call(hook: str, plugin: str, arguments: dict[str, Any], result: Any) -> None:
    shown = ", ".join(f"{key}={_short(value)}" for key, value in arguments.items())
    print(f"[cleaner] {hook} <{plugin}>({shown}) -> {_short(result)}", file=sys.stderr)


def _short(value: Any, limit: int = 200) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
