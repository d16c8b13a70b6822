"""A file storage named in STORAGES, for a FileField: chosen by the settings, looked up at each use."""

from django.core.files.storage import storages
from django.utils.deconstruct import deconstructible


@deconstructible(path="rcm.lib.storage.StorageAlias")
class StorageAlias:
    """Stands for `storages[alias]`, found anew at each use.

    A FileField takes its storage once, when the models load. Given this, it uses whatever STORAGES
    names when it reads or writes a file: the production backend from the environment, and the one a
    test sets. Migrations record the alias, never the backend, so moving the files from a folder to a
    bucket changes the settings, not the schema.
    """

    def __init__(self, alias: str) -> None:
        self.alias = alias

    def __getattr__(self, name: str):
        # Dunder and `alias` lookups come from copy and pickle before __init__ has run: answer them here.
        if name.startswith("__") or name == "alias":
            raise AttributeError(name)
        return getattr(storages[self.alias], name)
