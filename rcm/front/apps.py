from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "rcm.front"
    label = "front"
    verbose_name = "Pages and commands that span the archive"
