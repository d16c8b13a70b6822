from django.apps import AppConfig


class RcmConfig(AppConfig):
    name = "rcm"
    verbose_name = "RCM: countries, organizations, bodies and documents"
