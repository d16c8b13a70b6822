from django.apps import AppConfig
from django.db.backends.signals import connection_created

from rcm.lib.pagecache import watch_archive
from rcm.lib.search import add_fold_function


class BaseConfig(AppConfig):
    name = "rcm.base"
    # The label it had when it was the whole `rcm` app: its tables, migrations and history keep it.
    label = "rcm"
    verbose_name = "RCM: countries, organizations, bodies and documents"

    def ready(self) -> None:
        watch_archive(self)
        # The SQLite fallback of the search compares texts without accents (rcm.lib.search).
        connection_created.connect(add_fold_function, dispatch_uid="rcm_fold")
