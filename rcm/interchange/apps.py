from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterchangeConfig(AppConfig):
    name = "rcm.interchange"
    label = "interchange"
    verbose_name = _("Declarations in and out: the JSON interchange and the importer")
