from django.apps import AppConfig


class ToolsConfig(AppConfig):
    """The top floor: what is about the whole site and so stands on both apps (the
    magazine generator, backups and restores, the newsroom's admin home). Neither
    ``articles`` nor ``comments`` imports it."""

    name = "tools"
    verbose_name = "Site tools"
