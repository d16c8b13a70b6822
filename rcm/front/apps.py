from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "rcm.front"
    label = "front"
    verbose_name = "Pages and commands that span the archive"

    def ready(self) -> None:
        from rcm.front.prerender import watch_writes

        watch_writes()
