from django.apps import AppConfig


class RcmConfig(AppConfig):
    name = "rcm"
    verbose_name = "RCM: countries, organizations, bodies and documents"

    def ready(self) -> None:
        from rcm.access import guard_archive
        from rcm.pagecache import watch_archive

        guard_archive()
        watch_archive()
