from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "rcm.interchange"
    label = "interchange"
    verbose_name = "Declarations in and out: the JSON interchange and the importer"
