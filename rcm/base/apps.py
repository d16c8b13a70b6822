from django.apps import AppConfig

from rcm.lib.pagecache import watch_archive


class BaseConfig(AppConfig):
    name = "rcm.base"
    # The label it had when it was the whole `rcm` app: its tables, migrations and history keep it.
    label = "rcm"
    verbose_name = "RCM: countries, organizations, bodies and documents"

    def ready(self) -> None:
        watch_archive(self)
